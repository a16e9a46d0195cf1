package corpustest

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"dealbot/corpus"
	"github.com/google/go-cmp/cmp"
)

// articles returns articles [0, n) of g.
func articles(g *Generator, n int) []corpus.Article {
	out := make([]corpus.Article, n)
	for i := range out {
		out[i] = g.Article(i)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"defaults", Config{Articles: 300}},
		{"seed 42, short", Config{Seed: 42, Articles: 300, Words: 150}},
		{"small pools", Config{Seed: -7, Articles: 300, Companies: 20, People: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := articles(New(tt.cfg), tt.cfg.Articles)
			if diff := cmp.Diff(want, articles(New(tt.cfg), tt.cfg.Articles)); diff != "" {
				t.Fatalf("a second generator gave different articles (-first +second):\n%s", diff)
			}
			// Any order, any goroutine: article i depends on (Seed, i) alone.
			g := New(tt.cfg)
			got := make([]corpus.Article, tt.cfg.Articles)
			var wg sync.WaitGroup
			for k := range 4 {
				wg.Go(func() {
					for i := tt.cfg.Articles - 1 - k; i >= 0; i -= 4 {
						got[i] = g.Article(i)
					}
				})
			}
			wg.Wait()
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("articles made in reverse order on 4 goroutines differ (-in order +reversed):\n%s", diff)
			}
			if diff := cmp.Diff(New(tt.cfg).Companies(), g.Companies()); diff != "" {
				t.Errorf("company pools differ (-first +second):\n%s", diff)
			}
			if diff := cmp.Diff(New(tt.cfg).People(), g.People()); diff != "" {
				t.Errorf("people pools differ (-first +second):\n%s", diff)
			}
		})
	}
}

// TestGolden pins the default generator's output, so that a change to it
// (which would silently change every benchmark's corpus) is noticed: the
// same Config must give the same articles on every machine and Go
// version. Update the values when a change is intended.
func TestGolden(t *testing.T) {
	g := New(Config{Articles: 20000})
	a := g.Article(12345)
	h := sha256.New()
	for i := range 100 {
		b := g.Article(i)
		h.Write([]byte(b.Title + "\x00" + b.DateString() + "\x00" + b.URL + "\x00" + b.Author + "\x00" + b.Body + "\x00"))
	}
	got := []string{g.Companies()[0], g.People()[0], a.Title, a.DateString(), a.URL, a.ID, hex.EncodeToString(h.Sum(nil))[:16]}
	want := []string{
		"Ashgrove Cloud",
		"Ingrid Lindholm",
		"The money behind drone delivery",
		"2024-12-16",
		"https://kilnreport.example/2024/12/16/the-money-behind-drone-delivery-12345",
		"8273163accb79aed",
		"37391fab8f6d1917",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the generator's output changed (-want +got):\n%s", diff)
	}
}

func TestArticleOutOfRange(t *testing.T) {
	g := New(Config{Articles: 3})
	for _, i := range []int{-1, 3} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Article(%d) of 3 did not panic", i)
				}
			}()
			g.Article(i)
		}()
	}
}

func TestSeedsDiffer(t *testing.T) {
	const n = 200
	a := New(Config{Seed: 1, Articles: n})
	b := New(Config{Seed: 2, Articles: n})
	if slices.Equal(a.Companies(), b.Companies()) {
		t.Error("seeds 1 and 2 gave the same company pool")
	}
	if slices.Equal(a.People(), b.People()) {
		t.Error("seeds 1 and 2 gave the same people pool")
	}
	same := 0
	for i := range n {
		if x, y := a.Article(i), b.Article(i); x.Title == y.Title || x.Body == y.Body {
			same++
		}
	}
	if same > n/50 {
		t.Errorf("%d of %d articles have the same title or body under seeds 1 and 2", same, n)
	}
	// Neighbouring articles of one seed differ too.
	if x, y := a.Article(0), a.Article(1); x.Body == y.Body {
		t.Error("articles 0 and 1 have the same body")
	}
}

func TestWordCount(t *testing.T) {
	for _, words := range []int{100, 250, 600, 1500} {
		t.Run(strconv.Itoa(words), func(t *testing.T) {
			g := New(Config{Seed: int64(words), Articles: 300, Words: words})
			lo, hi := words*3/4, words*5/4
			total := 0
			for i := range 300 {
				n := len(strings.Fields(g.Article(i).Body))
				total += n
				if n < lo || n > hi {
					t.Errorf("article %d has %d words, want %d to %d", i, n, lo, hi)
				}
			}
			t.Logf("mean %d words for Words=%d", total/300, words)
		})
	}
}

func TestRoundTrip(t *testing.T) {
	g := New(Config{Seed: 3, Articles: 300})
	for i := range 300 {
		a := g.Article(i)
		got, err := corpus.Parse("x.md", corpus.Marshal(a))
		if err != nil {
			t.Fatalf("article %d: Parse(Marshal(a)): %v", i, err)
		}
		if diff := cmp.Diff(a, got); diff != "" {
			t.Fatalf("article %d changed through Marshal and Parse (-generated +parsed):\n%s", i, diff)
		}
	}
}

func TestMetadata(t *testing.T) {
	const n = 2000
	g := New(Config{Articles: n})
	people := setOf(g.People())
	ids, urls := map[string]int{}, map[string]int{}
	years := map[int]int{}
	sources := map[string]bool{}
	for i := range n {
		a := g.Article(i)
		if j, ok := ids[a.ID]; ok {
			t.Errorf("articles %d and %d share the id %s", j, i, a.ID)
		}
		ids[a.ID] = i
		if a.ID != corpus.ArticleID(a) {
			t.Errorf("article %d: ID %s, want corpus.ArticleID %s", i, a.ID, corpus.ArticleID(a))
		}
		if j, ok := urls[a.URL]; ok {
			t.Errorf("articles %d and %d share the URL %s", j, i, a.URL)
		}
		urls[a.URL] = i
		host := strings.TrimPrefix(strings.Split(strings.TrimPrefix(a.URL, "https://"), "/")[0], "www.")
		if !strings.HasSuffix(host, ".example") || corpus.CanonicalURL(a.URL) == "" {
			t.Errorf("article %d: URL %q is not an https URL on an .example domain", i, a.URL)
		}
		if a.Title == "" || a.Source == "" || a.Author == "" {
			t.Errorf("article %d: empty title, source or author: %q, %q, %q", i, a.Title, a.Source, a.Author)
		}
		if people[a.Author] {
			t.Errorf("article %d: the author %s is in the people pool", i, a.Author)
		}
		sources[a.Source] = true
		years[a.Date.Year()]++
	}
	for _, y := range []int{2023, 2024, 2025, 2026} {
		if years[y] < n/6 {
			t.Errorf("%d articles dated %d, want at least %d", years[y], y, n/6)
		}
	}
	if undated := years[1]; undated < n/50 || undated > n/5 {
		t.Errorf("%d of %d articles undated, want some but not many", undated, n)
	}
	if len(years) != 5 {
		t.Errorf("years: %v, want 2023 to 2026 and undated", years)
	}
	if len(sources) < 18 {
		t.Errorf("%d publications, want about 20", len(sources))
	}
}

func TestPools(t *testing.T) {
	tests := []struct {
		name                   string
		cfg                    Config
		wantCompanies, wantPpl int
	}{
		{"defaults", Config{}, 400, 600},
		{"large", Config{Seed: 9, Companies: 5000, People: 8000}, 5000, 8000},
		{"raised to the minimum", Config{Companies: 3, People: 5}, 20, 20},
	}
	gazetteer := corpus.Names()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(tt.cfg)
			companies, people := g.Companies(), g.People()
			if len(companies) != tt.wantCompanies || len(people) != tt.wantPpl {
				t.Errorf("pools of %d companies and %d people, want %d and %d",
					len(companies), len(people), tt.wantCompanies, tt.wantPpl)
			}
			seen := map[string]bool{}
			for _, name := range slices.Concat(companies, people) {
				if seen[name] {
					t.Errorf("%q is in the pools twice", name)
				}
				seen[name] = true
				if e, ok := gazetteer.Lookup(name); ok {
					t.Errorf("%q is a real name (the gazetteer knows %s)", name, e.Name)
				}
				if len(strings.Fields(name)) < 2 {
					t.Errorf("%q has fewer than two words", name)
				}
			}
			// The pools are the caller's to change.
			companies[0] = "changed"
			if g.Companies()[0] == "changed" {
				t.Error("Companies returned the generator's own slice")
			}
		})
	}
}

// TestExtraction checks that the text is extraction-friendly: most
// articles yield a deal between pool companies and a quotation whose
// speaker is in a pool.
func TestExtraction(t *testing.T) {
	const n = 50
	g := New(Config{Seed: 5, Articles: n})
	companies, people := setOf(g.Companies()), setOf(g.People())
	x := corpus.NewExtractor(nil)
	good, withDeal, withQuote, deals, quotes, known := 0, 0, 0, 0, 0, 0
	for i := range n {
		a := g.Article(i)
		f := x.Extract(a)
		deal, quote := false, false
		for _, d := range f.Deals {
			deals++
			if len(d.Parties) > 0 && companies[d.Parties[0]] {
				deal = true
			}
		}
		for _, q := range f.Quotes {
			quotes++
			if people[q.Speaker] || companies[q.Speaker] {
				quote = true
				known++
			}
		}
		if deal {
			withDeal++
		}
		if quote {
			withQuote++
		}
		if deal && quote {
			good++
		} else {
			t.Logf("article %d: deal %v, quote %v: %s", i, deal, quote, a.Title)
		}
	}
	t.Logf("%d of %d articles with a deal and a known speaker (%d with a deal, %d with a quote); %d deals, %d quotes, %d by known speakers",
		good, n, withDeal, withQuote, deals, quotes, known)
	if good < n*9/10 {
		t.Errorf("%d of %d articles yield a deal and a quote by a known speaker, want at least 90%%", good, n)
	}
	if known < quotes*8/10 {
		t.Errorf("%d of %d quotes have a speaker from the pools, want at least 80%%", known, quotes)
	}
}

// TestVariety checks the vocabulary and the skew of company mentions.
func TestVariety(t *testing.T) {
	const n = 1000
	g := New(Config{Articles: n})
	words := map[string]bool{}
	mentions := make([]int, len(g.Companies()))
	for i := range n {
		a := g.Article(i)
		for _, w := range strings.FieldsFunc(a.Title+" "+a.Body, notWordRune) {
			words[strings.ToLower(w)] = true
		}
		for k, name := range g.Companies() {
			if strings.Contains(a.Body, name) {
				mentions[k]++
			}
		}
	}
	t.Logf("%d templates; %d distinct words in %d articles", templateCount(), len(words), n)
	if got := templateCount(); got < 60 {
		t.Errorf("%d templates, want at least 60", got)
	}
	if len(words) < 3000 {
		t.Errorf("%d distinct words in %d articles, want at least 3,000", len(words), n)
	}
	sorted := slices.Clone(mentions)
	slices.Sort(sorted)
	slices.Reverse(sorted)
	top, median := sorted[0], sorted[len(sorted)/2]
	t.Logf("articles naming a company: most %d, 10th %d, median %d, least %d", top, sorted[9], median, sorted[len(sorted)-1])
	if top < 10*max(median, 1) || top > n*6/10 {
		t.Errorf("most-named company in %d of %d articles, median %d: want a Zipf-like skew", top, n, median)
	}
}

// notWordRune splits text into words as Bleve's unicode tokenizer roughly
// does: letters and digits make words.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func setOf(names []string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// BenchmarkGenerate generates default articles (600 words) on GOMAXPROCS
// goroutines. ns/op is wall time per article, so s/100k is how long a
// benchmark corpus of 100,000 articles takes to generate.
func BenchmarkGenerate(b *testing.B) {
	g := New(Config{Articles: 100000})
	b.ReportAllocs()
	var mu sync.Mutex
	bytes := 0
	b.RunParallel(func(pb *testing.PB) {
		n, i := 0, 0
		for pb.Next() {
			a := g.Article(i % 100000)
			n += len(a.Body)
			i += 7919 // a prime stride spreads goroutines over the corpus
		}
		mu.Lock()
		bytes += n
		mu.Unlock()
	})
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes/article")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*100000/1e9, "s/100k")
}
