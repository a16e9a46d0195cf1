package corpus

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// labels are the hand-made answers for one article of testdata/labelled
// (see the README there for the rules they follow).
type labels struct {
	Title  string `json:"title"`
	Date   string `json:"date"`
	Quotes []struct {
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
	} `json:"quotes"`
	Deals []struct {
		In      string   `json:"in"`
		Parties []string `json:"parties"`
		Amount  *struct {
			Value    float64 `json:"value"`
			Max      float64 `json:"max"`
			Currency string  `json:"currency"`
		} `json:"amount"`
		Kind   string `json:"kind"`
		Status string `json:"status"`
	} `json:"deals"`
}

// score counts matches for precision and recall.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestQuality scores the extractor against the hand-labelled articles of
// testdata/labelled and testdata/heldout (the second written apart from
// the first, to check that the extractor generalises): quotes must have
// the right speaker and text, deals the right parties and amount. It fails
// below 0.9 F1 for either over both sets. Run with -v for the figures and
// every miss.
func TestQuality(t *testing.T) {
	var total [2]score
	for _, set := range []string{"labelled", "heldout"} {
		t.Run(set, func(t *testing.T) {
			q, d := scoreSet(t, filepath.Join("testdata", set))
			total[0].add(q)
			total[1].add(d)
		})
	}
	t.Logf("all: quotes F1 %.3f, deals F1 %.3f", total[0].f1(), total[1].f1())
	if total[0].f1() < 0.9 {
		t.Errorf("quote F1 %.3f is below 0.9", total[0].f1())
	}
	if total[1].f1() < 0.9 {
		t.Errorf("deal F1 %.3f is below 0.9", total[1].f1())
	}
}

func (s *score) add(o score) { s.tp, s.fp, s.fn = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn }

// scoreSet scores the extractor on one folder of labelled articles and
// logs every miss.
func scoreSet(t *testing.T, dir string) (quotes, deals score) {
	files, err := filepath.Glob(filepath.Join(dir, "*.labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d labelled articles in %s, want at least 10", len(files), dir)
	}
	x := NewExtractor(nil)
	kindOK, statusOK, matchedDeals := 0, 0, 0
	for _, lf := range files {
		base := strings.TrimSuffix(lf, ".labels.json")
		article := findArticle(t, base)
		var want labels
		data, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", lf, err)
		}
		a, err := ParseFile(article)
		if err != nil {
			t.Errorf("%s: %v", article, err)
			continue
		}
		name := filepath.Base(article)
		if want.Title != "" && a.Title != want.Title {
			t.Errorf("%s: title = %q, want %q", name, a.Title, want.Title)
		}
		if a.DateString() != want.Date {
			t.Errorf("%s: date = %q, want %q", name, a.DateString(), want.Date)
		}
		f := x.Extract(a)

		// Quotes: one to one, same speaker and (nearly) the same words.
		used := make([]bool, len(f.Quotes))
		for _, wq := range want.Quotes {
			found := false
			for i, gq := range f.Quotes {
				if !used[i] && strings.EqualFold(gq.Speaker, wq.Speaker) && sameQuote(gq.Text, wq.Text) {
					used[i], found = true, true
					break
				}
			}
			if found {
				quotes.tp++
			} else {
				quotes.fn++
				t.Logf("%s: missed quote %s: %q", name, wq.Speaker, clip(wq.Text))
			}
		}
		for i, gq := range f.Quotes {
			if !used[i] {
				quotes.fp++
				t.Logf("%s: wrong quote %s: %q", name, gq.Speaker, clip(gq.Text))
			}
		}

		// Deals: the labelled sentence, with the same parties and amount.
		used = make([]bool, len(f.Deals))
		for _, wd := range want.Deals {
			found := false
			for i, gd := range f.Deals {
				if used[i] || !strings.Contains(gd.Excerpt, wd.In) || !sameParties(gd.Parties, wd.Parties) {
					continue
				}
				if (wd.Amount == nil) != (gd.Amount == nil) {
					continue
				}
				if wd.Amount != nil && (!closeTo(gd.Amount.Value, wd.Amount.Value) || gd.Amount.Currency != wd.Amount.Currency) {
					continue
				}
				used[i], found = true, true
				matchedDeals++
				if gd.Kind == wd.Kind {
					kindOK++
				}
				if gd.Status == wd.Status {
					statusOK++
				} else {
					t.Logf("%s: status %s, want %s: %q", name, gd.Status, wd.Status, clip(gd.Excerpt))
				}
				break
			}
			if found {
				deals.tp++
			} else {
				deals.fn++
				t.Logf("%s: missed deal %v %v in %q", name, wd.Parties, amountString(wd.Amount), wd.In)
			}
		}
		for i, gd := range f.Deals {
			if !used[i] {
				deals.fp++
				amt := "no amount"
				if gd.Amount != nil {
					amt = gd.Amount.Text
				}
				t.Logf("%s: wrong deal %v %s in %q", name, gd.Parties, amt, clip(gd.Excerpt))
			}
		}
	}
	t.Logf("articles: %d", len(files))
	t.Logf("quotes: precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)", quotes.precision(), quotes.recall(), quotes.f1(), quotes.tp, quotes.fp, quotes.fn)
	t.Logf("deals:  precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)", deals.precision(), deals.recall(), deals.f1(), deals.tp, deals.fp, deals.fn)
	t.Logf("matched deals: kind right %d/%d, status right %d/%d", kindOK, matchedDeals, statusOK, matchedDeals)
	return quotes, deals
}

// findArticle returns the article file that goes with a labels file.
func findArticle(t *testing.T, base string) string {
	t.Helper()
	for _, ext := range []string{".txt", ".md", ".html"} {
		if _, err := os.Stat(base + ext); err == nil {
			return base + ext
		}
	}
	t.Fatalf("no article for %s.labels.json", base)
	return ""
}

// sameQuote reports whether two renderings of a quotation agree: the same
// words once typography is set aside, allowing a word or two of difference
// at the edges of a long quotation.
func sameQuote(got, want string) bool {
	g, w := strings.Fields(NormalizeText(got)), strings.Fields(NormalizeText(want))
	if strings.Join(g, " ") == strings.Join(w, " ") {
		return true
	}
	// Multiset overlap of words.
	count := map[string]int{}
	for _, x := range w {
		count[x]++
	}
	common := 0
	for _, x := range g {
		if count[x] > 0 {
			count[x]--
			common++
		}
	}
	longest := max(len(g), len(w))
	return longest >= 8 && float64(common) >= 0.9*float64(longest)
}

func sameParties(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	for i := range g {
		g[i] = strings.ToLower(g[i])
	}
	for i := range w {
		w[i] = strings.ToLower(w[i])
	}
	sort.Strings(g)
	sort.Strings(w)
	return strings.Join(g, "|") == strings.Join(w, "|")
}

func closeTo(a, b float64) bool {
	return math.Abs(a-b) <= 0.005*math.Max(math.Abs(a), math.Abs(b))
}

func amountString(a *struct {
	Value    float64 `json:"value"`
	Max      float64 `json:"max"`
	Currency string  `json:"currency"`
}) string {
	if a == nil {
		return "no amount"
	}
	return strings.TrimRight(strings.TrimRight(fmtFloat(a.Value), "0"), ".") + " " + a.Currency
}

func fmtFloat(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 90 {
		return string(r[:90]) + "…"
	}
	return s
}
