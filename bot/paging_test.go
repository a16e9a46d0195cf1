package bot

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/index"
)

// randomText returns up to n runes drawn from ASCII, the separators and
// escapes of the encoding, and long multi-byte unicode.
func randomText(r *rand.Rand, n int) string {
	alphabets := []string{
		"abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.-&'",
		"|~|~~||",
		"éüßçñøåÆ",
		"日本語中文한국어",
		"🙂🚀🧠👩‍💻",
		"\u0301\u200b\u202e",
	}
	var out []rune
	for range r.IntN(n + 1) {
		a := []rune(alphabets[r.IntN(len(alphabets))])
		out = append(out, a[r.IntN(len(a))])
	}
	return string(out)
}

func randomDate(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return ""
	case 1:
		return "0000-01-01"
	case 2:
		return "9999-12-31"
	}
	return time.Date(r.IntN(10000), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(366)).Format(time.DateOnly)
}

// randomPage returns a question of each kind with random fields; only the
// fields of its kind are set.
func randomPage(r *rand.Rand) pageState {
	st := pageState{private: r.IntN(2) == 0}
	q := &st.q
	q.Kind = []string{"deal", "quote", "search", "article"}[r.IntN(4)]
	q.Page = []int{0, 1, 2, 35, 36, r.IntN(maxPage + 1), maxPage}[r.IntN(7)]
	switch q.Kind {
	case "deal":
		q.Company, q.With, q.Since, q.Until = randomText(r, 45), randomText(r, 45), randomDate(r), randomDate(r)
	case "quote":
		q.Person, q.About = randomText(r, 45), randomText(r, 60)
	case "search":
		q.Text, q.Since, q.Until = randomText(r, 90), randomDate(r), randomDate(r)
	}
	return st
}

// TestPageRoundTrip: a page's state read back from its custom_id is the
// state written, and a custom_id never exceeds 100 bytes.
func TestPageRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	fits := 0
	const n = 20000
	for range n {
		st := randomPage(r)
		id, ok := encodePage(st)
		if !ok {
			continue
		}
		fits++
		if len(id) > maxCustomID {
			t.Fatalf("custom_id of %d bytes: %q", len(id), id)
		}
		got, err := decodePage(id)
		if err != nil {
			t.Fatalf("decodePage(%q): %v", id, err)
		}
		if diff := cmp.Diff(st, got, cmp.AllowUnexported(pageState{})); diff != "" {
			t.Fatalf("decodePage(encodePage(x)) != x for %q (-x +got):\n%s", id, diff)
		}
	}
	// Both outcomes must be exercised for the test to mean anything.
	if fits < n/3 || fits == n {
		t.Errorf("%d of %d random questions fit", fits, n)
	}
}

// TestPageFitsOptionLengths: any ASCII question the options accept (see
// the MaxLength of each) pages with buttons, up to the highest page, as
// long as it holds no "|" or "~" (which take two bytes each).
func TestPageFitsOptionLengths(t *testing.T) {
	name := strings.Repeat("n", maxNameLen)
	tests := []index.Query{
		{Kind: "deal", Company: name, With: name, Since: "2025-01-01", Until: "9999-12-31"},
		{Kind: "quote", Person: name, About: strings.Repeat("a", maxAboutLen)},
		{Kind: "search", Text: strings.Repeat("t", maxTextLen), Since: "2025-01-01", Until: "9999-12-31"},
		{Kind: "article"},
	}
	for _, q := range tests {
		q.Page = maxPage
		id, ok := encodePage(pageState{q: q, private: true})
		if !ok {
			t.Errorf("%s question at the options' longest does not fit", q.Kind)
		}
		t.Logf("%s: %d bytes", q.Kind, len(id))
	}
}

// TestPageTooLong: a question that cannot be written in 100 bytes gets
// no button (never a shortened one), and the header says why.
func TestPageTooLong(t *testing.T) {
	long := strings.Repeat("日", maxNameLen)
	st := pageState{q: index.Query{Kind: "deal", Company: long, With: long, Page: 1}}
	if id, ok := encodePage(st); ok {
		t.Fatalf("encoded %d bytes: %q", len(id), id)
	}
	if b := pageButtons(st, 3); b != nil {
		t.Errorf("buttons for a question that does not fit: %v", b)
	}
	ans := index.Answer{Query: st.q, Name: long, Total: 12, Results: []index.Result{{Article: index.Citation{ID: "x", Title: "t"}}}}
	resp := answerMessage(ans, false, false)
	checkResponse(t, resp)
	if len(resp.Data.Components) != 0 || !strings.Contains(resp.Data.Content, "too long to page") {
		t.Errorf("components %v, content %q", resp.Data.Components, resp.Data.Content)
	}

	// At the edge, the button whose page number is one digit longer is
	// the one left out.
	company := strings.Repeat("c", maxCustomID-len("pg:d1|"))
	st = pageState{q: index.Query{Kind: "deal", Company: company, Page: 35}} // ◀ 34 is "y", ▶ 36 is "10"
	row := pageButtons(st, 40)
	if len(row) != 1 || len(row[0].(discordgo.ActionsRow).Components) != 1 {
		t.Fatalf("row = %#v, want one button", row)
	}
	if b := row[0].(discordgo.ActionsRow).Components[0].(discordgo.Button); !strings.HasPrefix(b.CustomID, "pg:dy|") {
		t.Errorf("kept %q, want ◀", b.CustomID)
	}
}

func TestPageButtons(t *testing.T) {
	st := func(page int) pageState {
		return pageState{q: index.Query{Kind: "quote", Person: "Ines Marlowe", Page: page}}
	}
	type button struct {
		ID       string
		Disabled bool
	}
	tests := []struct {
		page, pages int
		want        []button
	}{
		{1, 1, nil},
		{1, 3, []button{{"pg:q0|Ines Marlowe", true}, {"pg:q2|Ines Marlowe", false}}},
		{2, 3, []button{{"pg:q1|Ines Marlowe", false}, {"pg:q3|Ines Marlowe", false}}},
		{3, 3, []button{{"pg:q2|Ines Marlowe", false}, {"pg:q4|Ines Marlowe", true}}},
	}
	for _, tt := range tests {
		var got []button
		for _, row := range pageButtons(st(tt.page), tt.pages) {
			for _, c := range row.(discordgo.ActionsRow).Components {
				b := c.(discordgo.Button)
				got = append(got, button{b.CustomID, b.Disabled})
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("page %d of %d (-want +got):\n%s", tt.page, tt.pages, diff)
		}
	}
}

func TestDecodePageRejects(t *testing.T) {
	for _, id := range []string{
		"", "pg:", "pg:d", "xx:d1", "pg:x1", "pg:d-1", "pg:d+1", "pg:dA", "pg:d01",
		"pg:d1000", // above maxPage
		"pg:d1|a|b|c|d|e", "pg:a1|x", "pg:q1|a|b|c",
		"pg:d1|~x", "pg:d1|a~", "pg:d1|a|b|zzzzzzzz", "pg:d1|a|b|-1", "pg:d1|a|b|0A",
	} {
		if st, err := decodePage(id); err == nil {
			t.Errorf("decodePage(%q) = %+v, want an error", id, st)
		}
	}
}

// FuzzDecodePage: any custom_id decodes without panic, and what decodes
// writes back to a custom_id that decodes the same.
func FuzzDecodePage(f *testing.F) {
	for _, s := range []string{"pg:d1|CoreWeave", "pg:Q2|Ines Marlowe|chips", "pg:s0|a~!b~~c|fuqs", "pg:a5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		st, err := decodePage(id)
		if err != nil {
			return
		}
		again, ok := encodePage(st)
		if !ok {
			if len(id) <= maxCustomID {
				t.Fatalf("%q decodes to %+v, which does not encode", id, st)
			}
			return
		}
		st2, err := decodePage(again)
		if err != nil || st2 != st {
			t.Fatalf("%q → %+v → %q → %+v, %v", id, st, again, st2, err)
		}
	})
}

// TestPagingAfterRestart: a button made by one router pages in another
// with a fresh index of the same corpus.
func TestPagingAfterRestart(t *testing.T) {
	ctx := context.Background()
	first := testRouter(t).Handle(ctx, readInteraction(t, "deal-orrery"))
	_, next := buttons(t, first)
	page := testRouter(t).Handle(ctx, click(next.CustomID))
	checkResponse(t, page)
	if !strings.Contains(page.Data.Content, "page 2 of 3") {
		t.Errorf("after a restart, ▶ shows %q", page.Data.Content)
	}
}
