package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"dealbot/corpus"
)

// memSource is a corpus held in memory: a fake only in that it is not on
// disk; the index treats it as it treats the store. Its revisions count
// the changes of each article.
type memSource struct {
	articles []corpus.Article
	revs     map[string]int
	reads    atomic.Int64 // how many articles were read: a rebuild reads every one
}

func (s *memSource) Revisions() (map[string]string, error) {
	out := map[string]string{}
	for _, a := range s.articles {
		out[a.ID] = fmt.Sprint(s.revs[a.ID])
	}
	return out, nil
}

func (s *memSource) Read(id string) (corpus.Article, string, error) {
	s.reads.Add(1)
	for _, a := range s.articles {
		if a.ID == id {
			return a, fmt.Sprint(s.revs[a.ID]), nil
		}
	}
	return corpus.Article{}, "", fmt.Errorf("no article %s: %w", id, os.ErrNotExist)
}

func (s *memSource) Fingerprint() (string, error) {
	revs, _ := s.Revisions()
	return corpus.Fingerprint(revs), nil
}

// put adds an article, or a new revision of it.
func (s *memSource) put(a corpus.Article) {
	if s.revs == nil {
		s.revs = map[string]int{}
	}
	s.revs[a.ID]++
	for i := range s.articles {
		if s.articles[i].ID == a.ID {
			s.articles[i] = a
			return
		}
	}
	s.articles = append(s.articles, a)
}

// del removes an article.
func (s *memSource) del(id string) {
	s.articles = slices.DeleteFunc(slices.Clone(s.articles), func(a corpus.Article) bool { return a.ID == id })
}

func mustParse(t *testing.T, name, text string) corpus.Article {
	t.Helper()
	a, err := corpus.Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("parsing %s: %v", name, err)
	}
	return a
}

// testArticles are invented articles, plus the seed.
func testArticles(t *testing.T) []corpus.Article {
	t.Helper()
	seed, err := corpus.ParseFile(filepath.Join("..", "corpus", "starter", "000_0a0fce2799cf037e.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return []corpus.Article{
		seed,
		mustParse(t, "zephyr.txt", `date 2025-06-14 Halcyon Compute agrees to buy Zephyr Robotics for €120m

Halcyon Compute has agreed to buy Zephyr Robotics, a Lisbon-based maker of warehouse robots, for €120m in cash, the companies said on Friday.

“We have wanted this team for years,” said Amara Chen, chief executive of Halcyon. “Robots that swap failed parts will run our data centres.”

Zephyr raised about $40m from investors including Brambling Capital, which led its Series A in 2022.
`),
		mustParse(t, "kestrel.md", `---
title: "Kestrel Labs signs supply deal with Halcyon Compute"
source: The Ledger Review
url: https://ledger.example/kestrel-halcyon
date: 2024-02-01
---

Kestrel Labs has signed a $300 million supply agreement with Halcyon Compute to deliver sensors over five years.

"This is the largest order in our history," Kestrel chief executive Daniel Okafor said. He added that the company would hire 200 engineers in Porto.
`),
		mustParse(t, "hostile.txt", `date 2023-09-09 Vortex AI @everyone **bold** [click](https://evil.example) deal

Vortex AI signed a contract with Halcyon Compute worth $5m, said @everyone in a **bold** [click here](https://evil.example) message with `+"`code`"+` and <@123456> mentions and ~~strike~~ and a | pipe and a > quote.

The deal was signed on Monday, the companies said, and it will run for three years from the start of next month.
`),
	}
}

func openTest(t *testing.T, src Source) (*Index, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := Open(context.Background(), dir, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx, dir
}

func TestDeals(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ctx := context.Background()
	type deal struct {
		Parties string
		Kind    string
		Article string
	}
	tests := []struct {
		name  string
		q     Query
		want  []deal
		total int
		sugg  []string
	}{
		{"by name", Query{Company: "coreweave"}, nil, 7, nil},
		{"alias", Query{Company: "MSFT", With: "OpenAI"}, []deal{{"OpenAI Microsoft", "investment", "0eb139bcb810732d"}, {"OpenAI Microsoft CoreWeave", "option", "0eb139bcb810732d"}}, 2, nil},
		{"both sides", Query{Company: "Zephyr Robotics"}, []deal{{"Halcyon Compute Zephyr Robotics", "acquisition", ""}, {"Halcyon Compute Zephyr Robotics", "acquisition", ""}, {"Zephyr Robotics Brambling Capital", "funding", ""}}, 3, nil},
		{"short form", Query{Company: "zephyr"}, nil, 3, nil},
		{"with", Query{Company: "Halcyon Compute", With: "Kestrel Labs"}, []deal{{"Kestrel Labs Halcyon Compute", "supply", ""}, {"Kestrel Labs Halcyon Compute", "supply", ""}}, 2, nil},
		{"since", Query{Company: "Halcyon Compute", Since: "2025-01-01"}, nil, 2, nil},
		{"until", Query{Company: "Halcyon Compute", Until: "2023-12-31"}, nil, 2, nil},
		{"misspelt", Query{Company: "corewave"}, []deal{}, 0, []string{"CoreWeave"}},
		{"unknown", Query{Company: "Quxbazcorp"}, []deal{}, 0, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := idx.Deals(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Total != tt.total {
				t.Errorf("total = %d, want %d", ans.Total, tt.total)
			}
			if tt.sugg != nil {
				if diff := cmp.Diff(tt.sugg, ans.Suggestions); diff != "" {
					t.Errorf("suggestions (-want +got):\n%s", diff)
				}
			}
			if tt.want == nil {
				return
			}
			got := []deal{}
			for _, r := range ans.Results {
				d := deal{Parties: strings.Join(r.Deal.Parties, " "), Kind: r.Deal.Kind}
				if tt.want != nil && len(tt.want) > 0 && tt.want[0].Article != "" {
					d.Article = r.Article.ID
				}
				got = append(got, d)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDealsNewestFirstAndPaged(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ctx := context.Background()
	p1, err := idx.Deals(ctx, Query{Company: "CoreWeave"})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := idx.Deals(ctx, Query{Company: "CoreWeave", Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Results) != PageSize || len(p2.Results) != 7-PageSize || p1.Pages() != 2 {
		t.Fatalf("pages hold %d and %d results of %d", len(p1.Results), len(p2.Results), p1.Total)
	}
	if !p1.Results[0].Deal.InTitle {
		t.Errorf("the headline deal should come first within its article, got %q", p1.Results[0].Deal.Excerpt)
	}
	seen := map[string]bool{}
	for _, r := range append(p1.Results, p2.Results...) {
		if seen[r.Deal.Excerpt] {
			t.Errorf("%q on both pages", r.Deal.Excerpt)
		}
		seen[r.Deal.Excerpt] = true
		if r.Article.Date != "2025-03-28" || r.Article.Title == "" || r.Article.ID == "" {
			t.Errorf("citation %+v incomplete", r.Article)
		}
	}
	all, _ := idx.Deals(ctx, Query{Company: "Halcyon Compute"})
	var dates []string
	for _, r := range all.Results {
		dates = append(dates, r.Article.Date)
	}
	if diff := cmp.Diff([]string{"2025-06-14", "2025-06-14", "2024-02-01", "2024-02-01", "2023-09-09"}, dates); diff != "" {
		t.Errorf("not newest first (-want +got):\n%s", diff)
	}
}

func TestQuotes(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ctx := context.Background()
	tests := []struct {
		name  string
		q     Query
		want  []string // speaker: text
		total int
		sugg  []string
	}{
		{"surname", Query{Person: "nadella"}, []string{"Satya Nadella: We’re good for our $80 billion,"}, 1, nil},
		{"full name", Query{Person: "Satya Nadella"}, nil, 1, nil},
		{"company speaking", Query{Person: "CoreWeave"}, []string{"CoreWeave: All of our contractual relationships continue as planned – nothing has been cancelled, and no one has walked away from their commitments."}, 1, nil},
		{"about", Query{Person: "Amara Chen", About: "data centres"}, []string{"Amara Chen: Robots that swap failed parts will run our data centres."}, 1, nil},
		{"about nothing", Query{Person: "Amara Chen", About: "bananas"}, []string{}, 0, nil},
		{"misspelt", Query{Person: "Nadela"}, []string{}, 0, []string{"Satya Nadella"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := idx.Quotes(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Total != tt.total {
				t.Errorf("total = %d, want %d", ans.Total, tt.total)
			}
			if tt.sugg != nil {
				if diff := cmp.Diff(tt.sugg, ans.Suggestions); diff != "" {
					t.Errorf("suggestions (-want +got):\n%s", diff)
				}
			}
			if tt.want == nil {
				return
			}
			got := []string{}
			for _, r := range ans.Results {
				got = append(got, r.Quote.Speaker+": "+r.Quote.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ctx := context.Background()
	tests := []struct {
		q       Query
		total   int
		excerpt string // a part of the first result's excerpt
	}{
		{Query{Text: `"closed loop"`}, 2, "a **closed** **loop**"},
		{Query{Text: `"loop closed"`}, 0, ""}, // a phrase keeps its order
		{Query{Text: `"warehouse robots"`}, 1, "**warehouse** **robots**"},
		{Query{Text: `"maker of warehouse robots"`}, 1, "**warehouse** **robots**"},
		{Query{Text: `"maker of robots"`}, 0, ""},
		{Query{Text: `"maker warehouse"`}, 0, ""}, // a stop word stood between
		{Query{Text: "robots"}, 2, "**Robot"},     // the title, and the body's one passage
		{Query{Text: "robot"}, 2, "**Robot"},
		{Query{Text: "warehouse robots", Since: "2025-01-01"}, 1, "**warehouse** **robots**"},
		{Query{Text: "warehouse robots", Until: "2024-12-31"}, 0, ""},
		{Query{Text: `title:secret OR *`}, 0, ""},
		{Query{Text: `"unbalanced quote`}, 0, ""},
		{Query{Text: "nothingmatcheshere"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q.Text, func(t *testing.T) {
			ans, err := idx.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Total != tt.total {
				t.Fatalf("total = %d, want %d", ans.Total, tt.total)
			}
			if tt.total > 0 && !strings.Contains(ans.Results[0].Excerpt, tt.excerpt) {
				t.Errorf("excerpt %q lacks %q", ans.Results[0].Excerpt, tt.excerpt)
			}
			for _, r := range ans.Results {
				if r.Article.ID == "" || r.Article.Title == "" {
					t.Errorf("result without its citation: %+v", r)
				}
			}
		})
	}
}

func TestBadQueries(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ctx := context.Background()
	for _, q := range []Query{{Company: " "}, {Company: "Zephyr", Since: "last year"}, {Company: "Zephyr", Since: "2025-02-01", Until: "2025-01-01"}} {
		if _, err := idx.Deals(ctx, q); !errors.Is(err, ErrBadQuery) {
			t.Errorf("Deals(%+v) error = %v, want ErrBadQuery", q, err)
		}
	}
	if _, err := idx.Search(ctx, Query{Text: "  "}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("empty search: %v", err)
	}
	if _, err := idx.Quotes(ctx, Query{}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("quote without person: %v", err)
	}
}

func TestHostileTextIsEscaped(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	ans, err := idx.Deals(context.Background(), Query{Company: "Vortex AI"})
	if err != nil || ans.Total == 0 {
		t.Fatalf("no deals: %v", err)
	}
	for _, r := range ans.Results {
		e := r.Excerpt
		for _, bad := range []string{"@everyone", "<@123456>", "`code`", "~~strike~~", "**bold**"} {
			if strings.Contains(e, bad) {
				t.Errorf("excerpt %q keeps %q", e, bad)
			}
		}
		if unescapedLink.MatchString(e) {
			t.Errorf("excerpt %q keeps a masked link", e)
		}
		if strings.Contains(r.Deal.Excerpt, "Vortex AI") && !strings.Contains(e, "**Vortex AI**") {
			t.Errorf("excerpt %q does not bold the company", e)
		}
		if got := Plain(e); got != r.Deal.Excerpt {
			t.Errorf("Plain(excerpt) = %q, want the sentence %q", got, r.Deal.Excerpt)
		}
	}
}

// unescapedLink finds "](" that Discord would read as a masked link.
var unescapedLink = regexp.MustCompile(`(^|[^\\])\]\(`)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"**bold** _it_ `c` ~s~ |p|", `\*\*bold\*\* \_it\_ \` + "`c\\`" + ` \~s\~ \|p\|`},
		{"[x](https://e.example)", `\[x\](https://e.example)`},
		{"@everyone @here <@1>", "@\u200beveryone @\u200bhere \\<@\u200b1>"},
		{"# heading", `\# heading`},
		{"- list", `\- list`},
		{"> quote", `\> quote`},
		{"a\nb", "a b"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Plain(Escape(tt.in)); got != strings.ReplaceAll(tt.in, "\n", " ") {
			t.Errorf("Plain(Escape(%q)) = %q", tt.in, got)
		}
	}
}

func TestSuggest(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	tests := []struct {
		kind, prefix string
		want         []string
	}{
		{"company", "core", []string{"CoreWeave"}},
		{"company", "CoreWeave", []string{"CoreWeave"}},
		{"company", "msft", []string{"Microsoft"}},
		{"company", "compute", []string{"Halcyon Compute"}},
		{"company", "corewave", []string{"CoreWeave"}},
		{"company", "halcyn", []string{"Halcyon Compute"}},
		{"person", "nad", []string{"Satya Nadella"}},
		{"person", "okafor", []string{"Daniel Okafor"}},
		{"person", "zzzz", []string{}},
	}
	for _, tt := range tests {
		if got := idx.Suggest(tt.kind, tt.prefix); !cmp.Equal(got, tt.want) {
			t.Errorf("Suggest(%s, %q) = %q, want %q", tt.kind, tt.prefix, got, tt.want)
		}
	}
	if got := idx.Suggest("company", ""); len(got) == 0 || len(got) > MaxSuggestions {
		t.Errorf("Suggest with no prefix gave %d names", len(got))
	}
}

func TestOpenRebuildsOrCatchesUp(t *testing.T) {
	ctx := context.Background()
	arts := testArticles(t)
	src := &memSource{}
	src.put(arts[0])
	dir := filepath.Join(t.TempDir(), "index")
	open := func() *Index {
		t.Helper()
		idx, err := Open(ctx, dir, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return idx
	}
	deals := func(idx *Index, company string) int {
		t.Helper()
		ans, err := idx.Deals(ctx, Query{Company: company})
		if err != nil {
			t.Fatal(err)
		}
		return ans.Total
	}
	reads := func(want int, why string) {
		t.Helper()
		if got := src.reads.Load(); got != int64(want) {
			t.Errorf("%s: %d articles read in all, want %d", why, got, want)
		}
	}
	idx := open()
	idx.Close()
	reads(1, "first open")
	idx = open()
	idx.Close()
	reads(1, "a current index")
	// Articles added while no index was open: only they are read.
	for _, a := range arts[1:] {
		src.put(a)
	}
	idx = open()
	reads(len(arts), "articles added behind the index's back")
	if deals(idx, "Zephyr Robotics") == 0 {
		t.Errorf("the index lacks the new articles")
	}
	idx.Close()
	// One edited, one removed: only they are read (the removed one found
	// missing).
	edited := arts[1]
	edited.Body = strings.ReplaceAll(edited.Body, "Zephyr", "Zarathan")
	edited.Title = strings.ReplaceAll(edited.Title, "Zephyr", "Zarathan")
	src.put(edited)
	src.del(arts[2].ID)
	idx = open()
	reads(len(arts)+2, "one article edited and one removed")
	if deals(idx, "Zephyr Robotics") != 0 || deals(idx, "Zarathan Robotics") == 0 {
		t.Errorf("the edit was not indexed")
	}
	if got := idx.Suggest("company", "kestrel"); len(got) != 0 {
		t.Errorf("the removed article's names are still suggested: %q", got)
	}
	idx.Close()
	// An index made by another version: rebuilt, every article read.
	m, _ := readMeta(dir)
	m.Version = Version - 1
	writeMeta(dir, m)
	idx = open()
	idx.Close()
	reads(2*len(arts)+1, "an index of another version")
	// A missing or damaged index: rebuilt.
	os.RemoveAll(filepath.Join(dir, "bleve"))
	idx = open()
	defer idx.Close()
	reads(3*len(arts), "a missing index")
	if got := deals(idx, "CoreWeave"); got != 7 {
		t.Errorf("after rebuilding, %d CoreWeave deals, want 7", got)
	}
}

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	arts := testArticles(t)
	src := &memSource{}
	src.put(arts[0])
	idx, dir := openTest(t, src)
	if ans, _ := idx.Deals(ctx, Query{Company: "Zephyr Robotics"}); ans.Total != 0 {
		t.Fatalf("Zephyr before it was added")
	}
	if got := idx.Suggest("company", "zeph"); len(got) != 0 {
		t.Fatalf("suggestions before add: %q", got)
	}
	src.put(arts[1])
	if err := idx.Update(ctx, []string{arts[1].ID}, nil); err != nil {
		t.Fatal(err)
	}
	if ans, _ := idx.Deals(ctx, Query{Company: "Zephyr Robotics"}); ans.Total != 3 {
		t.Errorf("after add, %d Zephyr deals, want 3", ans.Total)
	}
	if got := idx.Suggest("company", "zeph"); !cmp.Equal(got, []string{"Zephyr Robotics"}) {
		t.Errorf("suggestions after add: %q", got)
	}
	// Updating again replaces, never doubles.
	if err := idx.Update(ctx, []string{arts[1].ID}, nil); err != nil {
		t.Fatal(err)
	}
	if ans, _ := idx.Deals(ctx, Query{Company: "Zephyr Robotics"}); ans.Total != 3 {
		t.Errorf("after adding twice, %d Zephyr deals, want 3", ans.Total)
	}
	src.del(arts[1].ID)
	if err := idx.Update(ctx, []string{arts[1].ID}, nil); err != nil {
		t.Fatal(err)
	}
	if ans, _ := idx.Deals(ctx, Query{Company: "Zephyr Robotics"}); ans.Total != 0 {
		t.Errorf("after remove, %d Zephyr deals", ans.Total)
	}
	if got := idx.Suggest("company", "zeph"); len(got) != 0 {
		t.Errorf("suggestions after remove: %q", got)
	}
	if ans, _ := idx.Deals(ctx, Query{Company: "CoreWeave"}); ans.Total != 7 {
		t.Errorf("removing one article touched another: %d CoreWeave deals", ans.Total)
	}
	if m, _ := readMeta(dir); m.Fingerprint != must(src.Fingerprint()) {
		t.Errorf("fingerprint = %q after remove, want the source's", m.Fingerprint)
	}
	s, err := idx.Stats(ctx)
	if err != nil || s.Articles != 1 {
		t.Errorf("stats after remove: %+v, %v", s, err)
	}
	// Sync finds what changed behind the index's back.
	src.put(arts[2])
	if err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if ans, _ := idx.Deals(ctx, Query{Company: "Kestrel Labs"}); ans.Total == 0 {
		t.Errorf("Sync did not index the article added behind its back")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestStats(t *testing.T) {
	idx, _ := openTest(t, &memSource{articles: testArticles(t)})
	s, err := idx.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 4 || s.Deals < 12 || s.Quotes < 9 || s.Companies < 8 || s.People < 4 || s.Updated.IsZero() {
		t.Errorf("stats = %+v", s)
	}
}

// TestDaysKeepTheOrder checks that reading the newest days a page
// needs gives the same pages as sorting every match.
func TestDaysKeepTheOrder(t *testing.T) {
	ctx := context.Background()
	arts := testArticles(t)
	// More Halcyon deals, spread over the years.
	for i, day := range []string{"2019-01-05", "2021-07-30", "2024-11-02", "2025-06-10", "2025-06-13"} {
		arts = append(arts, mustParse(t, fmt.Sprintf("h%d.txt", i), fmt.Sprintf(`date %s Halcyon Compute signs deal number %d

Halcyon Compute signed a $%d million supply agreement with Vega Capital on that day, the companies said in a statement to investors and staff.
`, day, i, 10+i)))
	}
	arts = append(arts, mustParse(t, "undated.txt", `Halcyon Compute signs an undated deal

Halcyon Compute signed a $7 million supply agreement with Vega Capital, the companies said in a statement to investors and staff on an unknown day.
`))
	idx, _ := openTest(t, &memSource{articles: arts})
	all := func() ([]string, int) {
		var out []string
		ans, err := idx.Deals(ctx, Query{Company: "Halcyon Compute"})
		if err != nil {
			t.Fatal(err)
		}
		for page := 1; page <= ans.Pages(); page++ {
			ans, err := idx.Deals(ctx, Query{Company: "Halcyon Compute", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range ans.Results {
				out = append(out, r.Article.Date+" "+r.Deal.Excerpt)
			}
		}
		return out, ans.Total
	}
	want, wantTotal := all()
	idx.wholeWindow = true
	idx.answers.changed() // the answers kept were read the other way
	got, total := all()
	if last := want[len(want)-1]; !strings.HasPrefix(last, " ") {
		t.Errorf("the last deal is %q, want the undated one", last)
	}
	if total != wantTotal || len(want) != wantTotal || wantTotal < 15 {
		t.Fatalf("totals %d and %d, %d results", wantTotal, total, len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("windowed order differs (-full +windowed):\n%s", diff)
	}
}

// TestNewestFirstAfterRemove checks a newest-first page when the newest
// days' documents were removed: the term dictionary may still count
// them until segments merge, and the page must still be found.
func TestNewestFirstAfterRemove(t *testing.T) {
	ctx := context.Background()
	var arts []corpus.Article
	for i, day := range []string{"2024-03-05", "2024-04-09", "2025-06-10", "2025-06-11", "2025-06-12"} {
		arts = append(arts, mustParse(t, fmt.Sprintf("q%d.txt", i), fmt.Sprintf(`date %s Quillon Systems signs deal number %d

Quillon Systems signed a $%d million supply agreement with Marlowe Freight on that day, the companies said in a statement to investors and staff.
`, day, i, 10+i)))
	}
	src := &memSource{articles: arts}
	idx, _ := openTest(t, src)
	// The newest days alone counted enough deals for a page: all gone.
	for _, a := range arts[2:] {
		src.del(a.ID)
		if err := idx.Update(ctx, []string{a.ID}, nil); err != nil {
			t.Fatal(err)
		}
	}
	ans, err := idx.Deals(ctx, Query{Company: "Quillon Systems"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ans.Results {
		got = append(got, r.Article.Date)
	}
	// Each article tells its deal twice: in its title and its body.
	if diff := cmp.Diff([]string{"2024-04-09", "2024-04-09", "2024-03-05", "2024-03-05"}, got); diff != "" || ans.Total != 4 {
		t.Errorf("total %d, dates (-want +got):\n%s", ans.Total, diff)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"corewave", "coreweave", 2, 1},
		{"halcyn", "halcyon", 1, 1},
		{"zürich", "zurich", 1, 1}, // runes, not bytes
		{"kestrel", "kestrel", 1, 0},
		{"abc", "xyz", 1, 2},   // stops past the limit
		{"ab", "abcdef", 2, 3}, // lengths too far apart
		{"", "ab", 2, 2},
	}
	var buf []int
	for _, tt := range tests {
		if got := editDistance([]rune(tt.a), []rune(tt.b), tt.limit, &buf); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestTermCountAfterRemove: counting a term from its postings agrees with
// counting the documents a search visits, before and after an article is
// taken out (its documents deleted, not yet merged away).
func TestTermCountAfterRemove(t *testing.T) {
	ctx := context.Background()
	src := &memSource{}
	for _, a := range testArticles(t) {
		src.put(a)
	}
	idx, _ := openTest(t, src)
	terms := []struct{ field, term string }{
		{"party", "halcyon compute"}, {"party", "coreweave"}, {"speaker", "amara chen"}, {"type", typeArticle}, {"party", "nobody"},
	}
	check := func(when string) {
		t.Helper()
		for _, tt := range terms {
			fast, err := idx.termCount(ctx, tt.field, tt.term)
			if err != nil {
				t.Fatal(err)
			}
			req := bleve.NewSearchRequestOptions(termIn(tt.field, tt.term), 0, 0, false)
			res, err := idx.bleve.SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if fast != int(res.Total) {
				t.Errorf("%s: %s=%q counts %d from its postings, %d by search", when, tt.field, tt.term, fast, res.Total)
			}
		}
	}
	for _, tt := range terms[:4] {
		if n, _ := idx.termCount(ctx, tt.field, tt.term); n == 0 {
			t.Fatalf("%s=%q counts nothing before the removal: not a term of the index", tt.field, tt.term)
		}
	}
	check("before")
	src.del(testArticles(t)[1].ID)
	if err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	// The removed quotations are deleted but not merged away yet: the
	// dictionary still counts them, the postings' count must not.
	stale := 0
	idx.eachTerm("speaker", func(term string, count int) {
		if term == "amara chen" {
			stale = count
		}
	})
	if stale == 0 {
		t.Fatal("the dictionary no longer counts the removed quotations: the test does not reach deleted documents")
	}
	check("after remove")
	if n, _ := idx.termCount(ctx, "speaker", "amara chen"); n != 0 {
		t.Errorf("after remove, %d quotes of Amara Chen counted", n)
	}
}

// TestQuotesAboutNewestFirst: about filters a speaker's quotations, and
// the page still finds the matches when they are all older than the
// newest days the speaker's counts point to (the page is read again from
// more days), newest first.
func TestQuotesAboutNewestFirst(t *testing.T) {
	ctx := context.Background()
	var arts []corpus.Article
	for i := range 14 {
		topic := "the new chips"
		if i < 3 {
			topic = "the wind turbines"
		}
		arts = append(arts, mustParse(t, fmt.Sprintf("q%d.txt", i), fmt.Sprintf(`date %d-03-%02d Halcyon Compute talks about %s, number %d

“We are proud of %s and of the team behind them,” said Amara Chen, chief executive of Halcyon Compute, at meeting number %d with staff.
`, 2012+i, 1+i, topic, i, topic, i)))
	}
	idx, _ := openTest(t, &memSource{articles: arts})
	// windowDays 2: the days needed are too many to list, and the
	// matches are sorted instead (as for a speaker with thousands of days).
	for _, days := range []int{0, 2} {
		idx.windowDays = days
		idx.answers.changed() // ask the index, not the answers kept
		ans, err := idx.Quotes(ctx, Query{Person: "Amara Chen", About: "turbines"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range ans.Results {
			got = append(got, r.Article.Date)
		}
		if diff := cmp.Diff([]string{"2014-03-03", "2013-03-02", "2012-03-01"}, got); diff != "" || ans.Total != 3 {
			t.Errorf("window of %d days: %d quotes about turbines; dates (-want +got):\n%s", days, ans.Total, diff)
		}
		ans, err = idx.Quotes(ctx, Query{Person: "Amara Chen", About: "submarines"})
		if err != nil || ans.Total != 0 || len(ans.Results) != 0 {
			t.Errorf("window of %d days: about a word never quoted: %d, %d results, %v", days, ans.Total, len(ans.Results), err)
		}
	}
}
