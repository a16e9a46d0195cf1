package bot

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/corpus"
	"dealbot/index"
)

func TestClip(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a longer sentence", 10, "a longer…"},
		{"ünïcödé text here", 8, "ünïcödé…"},
		{"**bold words** here", 9, "**bold**…"},    // closes the bold it cuts into
		{"**bold** words here", 9, "**bold**…"},    // never cuts a "**" in two
		{`say \*\*not bold\*\* ok`, 7, `say \*…`},  // never parts an escape from its backslash
		{`ab\[cd`, 4, `ab…`},                       // "\[" would not fit with "…"
		{"@\u200beveryone is here", 3, "@\u200b…"}, // a cut mention stays broken
		{"**ab** cd", 5, "…"},                      // drops a bold it would leave empty
		{"x **ab** cd", 7, "x…"},
		{"x", 0, ""},
		{"xy", 1, "…"},
	}
	for _, tt := range tests {
		got := clip(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
		if runes(got) > tt.n {
			t.Errorf("clip(%q, %d) has %d runes", tt.s, tt.n, runes(got))
		}
	}
}

// TestClipMarkdown cuts random markdown at every length: the result fits,
// and it never leaves a bold open or a backslash at its end.
func TestClipMarkdown(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"word", " ", "**", "\\*", "\\\\", "\\[", "é", "日本", "🙂", "@\u200beveryone", "\\<@\u200b123>"}
	for range 300 {
		var b strings.Builder
		bold := false
		for range r.IntN(40) {
			p := pieces[r.IntN(len(pieces))]
			if p == "**" {
				bold = !bold
			}
			b.WriteString(p)
		}
		if bold {
			b.WriteString("**")
		}
		s := b.String()
		for n := 0; n <= runes(s)+1; n++ {
			got := clip(s, n)
			if runes(got) > n {
				t.Fatalf("clip(%q, %d) = %q: %d runes", s, n, got, runes(got))
			}
			body := strings.TrimSuffix(got, "…")
			if strings.Count(strings.ReplaceAll(strings.ReplaceAll(body, `\\`, ""), `\*`, ""), "**")%2 != 0 {
				t.Fatalf("clip(%q, %d) = %q leaves a bold open", s, n, got)
			}
			if strings.HasSuffix(strings.ReplaceAll(body, `\\`, ""), `\`) {
				t.Fatalf("clip(%q, %d) = %q ends in a lone backslash", s, n, got)
			}
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"https://news.example/a", "https://news.example/a"},
		{"http://news.example/a?b=c&d=e#f", "http://news.example/a?b=c&d=e#f"},
		{"https://news.example/a_(b)", "https://news.example/a%5F%28b%29"},
		{"https://news.example/a b", "https://news.example/a%20b"},
		{"javascript:alert(1)", ""},
		{"ftp://news.example/a", ""},
		{"//news.example/a", ""},
		{"news.example/a", ""},
		{"https://user:pw@news.example/", ""},
		{"https://пример.example/", ""},
		{"https://news.example/" + strings.Repeat("a", 3000), ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := safeURL(tt.raw); got != tt.want {
			t.Errorf("safeURL(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// hostile returns n runes of text built to break Discord messages:
// markdown, mentions, links, multi-byte runes, and words in bold.
func hostile(r *rand.Rand, n int) string {
	pieces := []string{"@everyone ", "**", "[x](https://evil.example) ", "`", "<@123> ", "日本語 ", "🙂", "\\", "~~", "||", "word ", "> ", "# ", "\n"}
	var out []rune
	for len(out) < n {
		out = append(out, []rune(pieces[r.IntN(len(pieces))])...)
	}
	return string(out[:n])
}

// excerpt makes text into an excerpt as the index does: escaped, some
// words in bold.
func excerpt(r *rand.Rand, n int) string {
	var b strings.Builder
	for _, w := range strings.Fields(hostile(r, n)) {
		if r.IntN(5) == 0 {
			b.WriteString("**" + index.Escape(w) + "** ")
		} else {
			b.WriteString(index.Escape(w) + " ")
		}
	}
	return b.String()
}

// TestLimitsAdversarial renders answers far beyond every limit, and
// random hostile ones, and checks each against all of Discord's limits.
func TestLimitsAdversarial(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	citation := func(n int) index.Citation {
		return index.Citation{
			ID: strings.Repeat("f", n/10+1), Title: hostile(r, n), Source: hostile(r, n/2), Date: "2025-01-02",
			URL: "https://news.example/" + strings.Repeat("(a)_", n/4),
		}
	}
	answer := func(kind string, results, n int) index.Answer {
		ans := index.Answer{Query: index.Query{Kind: kind, Company: hostile(r, n), With: hostile(r, n), Person: hostile(r, n), About: hostile(r, n), Text: hostile(r, n), Since: "2025-01-01", Page: 3},
			Name: hostile(r, n), Total: 1000}
		for range results {
			res := index.Result{Article: citation(n), Excerpt: excerpt(r, n)}
			switch kind {
			case "deal":
				var parties []string
				for range 30 {
					parties = append(parties, hostile(r, n/10+1))
				}
				res.Deal = &corpus.Deal{Parties: parties, Kind: hostile(r, n), Status: hostile(r, n),
					Amount: &corpus.Amount{Text: hostile(r, n), Value: 1e15, Max: 1e16, Currency: hostile(r, n), Qualifier: "about"}}
			case "quote":
				res.Quote = &corpus.Quote{Speaker: hostile(r, n), SpeakerAs: hostile(r, n), Role: hostile(r, n), Text: hostile(r, n), Cue: hostile(r, n)}
			}
			ans.Results = append(ans.Results, res)
		}
		return ans
	}
	detail := func(items, n int) index.Detail {
		d := index.Detail{Article: citation(n)}
		for range items {
			d.Deals = append(d.Deals, corpus.Deal{Parties: []string{hostile(r, n), hostile(r, n)}, Kind: hostile(r, n), Status: hostile(r, n), Excerpt: hostile(r, n),
				Amount: &corpus.Amount{Text: hostile(r, n), Value: 3, Currency: "USD"}})
			d.Quotes = append(d.Quotes, corpus.Quote{Speaker: hostile(r, n), SpeakerAs: hostile(r, n), Text: hostile(r, n), Cue: hostile(r, n)})
		}
		return d
	}
	for _, n := range []int{0, 1, 50, 300, 1500, 6000} {
		for _, kind := range []string{"deal", "quote", "search", "article"} {
			for _, results := range []int{1, index.PageSize, 12} {
				t.Run(fmt.Sprintf("%s/%d results/%d runes", kind, results, n), func(t *testing.T) {
					for _, private := range []bool{false, true} {
						for _, update := range []bool{false, true} {
							checkResponse(t, answerMessage(answer(kind, results, n), private, update))
						}
					}
					ans := answer(kind, 0, n)
					ans.Total, ans.Suggestions = 0, []string{hostile(r, n), hostile(r, n), hostile(r, n)}
					checkResponse(t, answerMessage(ans, false, false))
				})
			}
		}
		t.Run(fmt.Sprintf("detail/%d runes", n), func(t *testing.T) {
			for _, items := range []int{0, 1, 30} {
				checkResponse(t, detailMessage(detail(items, n)))
			}
		})
	}
	checkResponse(t, statsMessage(index.Stats{Articles: 1 << 40, Deals: 1 << 50, Updated: time.Now()}))
	checkResponse(t, helpMessage())
}

// TestLimitsRealIndex asks a real index about an article made to be too
// long everywhere: a huge title, source and URL, dozens of deals and
// quotes.
func TestLimitsRealIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var body strings.Builder
	for i := range 40 {
		fmt.Fprintf(&body, "Zarnow Holdings signed a $%d million contract with Vellacott Partners %d to supply %s.\n\n", i+1, i, hostile(r, 200))
		fmt.Fprintf(&body, "“%s,” said Oriel Cask, chief executive of Zarnow Holdings.\n\n", strings.ReplaceAll(hostile(r, 1500), "\n", " "))
	}
	text := fmt.Sprintf("---\ntitle: %q\nsource: %q\nurl: %q\ndate: 2025-02-03\n---\n\n%s",
		strings.ReplaceAll(hostile(r, 3000), "\n", " "), strings.ReplaceAll(hostile(r, 600), "\n", " "),
		"https://news.example/"+strings.Repeat("long_(path)/", 150), body.String())
	a, err := corpus.Parse("long.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	rt := New(openIndex(t, append(testArticles(t), a)), nil, Options{})
	ctx := context.Background()
	var pages int
	for _, i := range []*discordgo.Interaction{
		command("deal", opt("company", "Zarnow Holdings")),
		command("quote", opt("person", "Oriel Cask")),
		command("search", opt("query", "Vellacott")),
		command("article", &discordgo.ApplicationCommandInteractionDataOption{Name: "show", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{opt("id", a.ID)}}),
		command("article", &discordgo.ApplicationCommandInteractionDataOption{Name: "list", Type: discordgo.ApplicationCommandOptionSubCommand}),
	} {
		resp := rt.Handle(ctx, i)
		checkResponse(t, resp)
		if len(resp.Data.Embeds) == 0 {
			t.Errorf("%s: no embeds: %q", i.ApplicationCommandData().Name, resp.Data.Content)
		}
		// Page through the deals and the quotes.
		for resp.Data.Components != nil && len(resp.Data.Components) > 0 {
			_, next := buttons(t, resp)
			if next.Disabled {
				break
			}
			resp = rt.Handle(ctx, click(next.CustomID))
			checkResponse(t, resp)
			pages++
		}
	}
	if pages < 10 {
		t.Errorf("paged %d times, want the deals and quotes to take many pages", pages)
	}
}

// TestFitTotal: fit brings embeds within 6000 runes by cutting the
// longest cuttable texts first, and leaves short ones whole.
func TestFitTotal(t *testing.T) {
	short := "a short excerpt"
	var embeds []*discordgo.MessageEmbed
	var cuttable []*string
	for i := range 5 {
		e := &discordgo.MessageEmbed{Title: fmt.Sprintf("%d", i), Description: strings.Repeat("x", 4000)}
		if i == 0 {
			e.Description = short
		}
		embeds = append(embeds, e)
		cuttable = append(cuttable, &e.Description)
	}
	d := &discordgo.InteractionResponseData{Embeds: embeds}
	fit(d, cuttable)
	if got := embedsLength(d.Embeds); got > maxEmbedsTotal || got < maxEmbedsTotal-10 {
		t.Errorf("embeds hold %d runes, want just under %d", got, maxEmbedsTotal)
	}
	if diff := cmp.Diff(short, d.Embeds[0].Description); diff != "" {
		t.Errorf("short description cut (-want +got):\n%s", diff)
	}
	if len(d.Embeds) != 5 {
		t.Errorf("%d embeds left, want all 5", len(d.Embeds))
	}
}
