package corpus

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestExtractSeedGolden keeps the facts drawn from the starter article in
// a golden file, so that any change to them shows in review.
func TestExtractSeedGolden(t *testing.T) {
	a, err := ParseFile(filepath.Join("starter", "000_0a0fce2799cf037e.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f := NewExtractor(nil).Extract(a)
	f.Passages = nil // their offsets are checked by TestExtractOffsets
	got, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "seed.json")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -run TestExtractSeedGolden -update)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
		t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
	}
}

// quoteCase is one pattern of attribution in a small article of our own.
type quoteCase struct {
	name, body string
	want       []Quote // Speaker, Text and Cue are compared
}

func TestQuotePatterns(t *testing.T) {
	intro := "Halcyon Compute chief executive Amara Chen and Zephyr Robotics founder Daniel Okafor met investors on Monday in Lisbon. "
	tests := []quoteCase{
		{"curly, name said", intro + "“We are buying the best robot team in Europe,” Chen said.",
			[]Quote{{Speaker: "Amara Chen", Text: "We are buying the best robot team in Europe,", Cue: "said"}}},
		{"straight, said name", intro + `"We are buying the best robot team in Europe," said Amara Chen, who runs Halcyon.`,
			[]Quote{{Speaker: "Amara Chen", Text: "We are buying the best robot team in Europe,", Cue: "said"}}},
		{"present tense", intro + "“Robots do not get tired of swapping parts,” Okafor says.",
			[]Quote{{Speaker: "Daniel Okafor", Text: "Robots do not get tired of swapping parts,", Cue: "says"}}},
		{"told reporters", intro + "“The price was fair for both sides,” Okafor told reporters after the meeting.",
			[]Quote{{Speaker: "Daniel Okafor", Text: "The price was fair for both sides,", Cue: "told reporters after the meeting"}}},
		{"wrote", intro + "In a memo to staff, Chen wrote: “Nothing changes for our customers this year.”",
			[]Quote{{Speaker: "Amara Chen", Text: "Nothing changes for our customers this year.", Cue: "wrote"}}},
		{"according to", intro + "According to Okafor, “the board agreed within an hour of the offer.”",
			[]Quote{{Speaker: "Daniel Okafor", Text: "the board agreed within an hour of the offer.", Cue: "according to"}}},
		{"said colon", intro + "Chen said: “We will keep every engineer in Lisbon.”",
			[]Quote{{Speaker: "Amara Chen", Text: "We will keep every engineer in Lisbon.", Cue: "said"}}},
		{"apposition said that", intro + "Ines Duarte, the chief financial officer of Halcyon Compute, said that “the robots pay for themselves within two years.”",
			[]Quote{{Speaker: "Ines Duarte", Text: "the robots pay for themselves within two years.", Cue: "said"}}},
		{"described as, saying", intro + "Okafor described the sale as a relief, saying, “We could not have built the factory alone.”",
			[]Quote{{Speaker: "Daniel Okafor", Text: "We could not have built the factory alone.", Cue: "saying"}}},
		{"split quote", intro + "“We talked for a year,” Chen said. “Then it took a week.”",
			[]Quote{{Speaker: "Amara Chen", Text: "We talked for a year,", Cue: "said"}, {Speaker: "Amara Chen", Text: "Then it took a week.", Cue: "said"}}},
		{"pronoun", intro + "Chen spoke first. “We have wanted this team for years,” she said.",
			[]Quote{{Speaker: "Amara Chen", Text: "We have wanted this team for years,", Cue: "said"}}},
		{"role before name", "Zephyr Robotics was sold on Monday to a larger rival after months of talks with several bidders. “It was the right home for us,” Zephyr chief executive Daniel Okafor said.",
			[]Quote{{Speaker: "Daniel Okafor", Text: "It was the right home for us,", Cue: "said"}}},
		{"spokesperson for", intro + "“We do not comment on market rumours of any kind,” a spokesperson for Zephyr Robotics said.",
			[]Quote{{Speaker: "Zephyr Robotics", Text: "We do not comment on market rumours of any kind,", Cue: "said"}}},
		{"statement", intro + "Halcyon Compute said in a statement that “the deal will close by the end of the year.”",
			[]Quote{{Speaker: "Halcyon Compute", Text: "the deal will close by the end of the year.", Cue: "said in a statement"}}},
		{"description", intro + "A rival reported talks with Zephyr. The robot maker refuted the report, saying “there have been no talks with anyone else.”",
			[]Quote{{Speaker: "Zephyr Robotics", Text: "there have been no talks with anyone else.", Cue: "saying"}}},
		{"scare quote is a fragment", intro + "Analysts called the deal a “moonshot” and the price a \"compute tax\".", nil},
		{"nested single quote", intro + "Okafor recalled the call, noting, “Chen told me ‘we will pay what it takes’ and I believed her.” “We will pay what it takes to win,” Chen said at the time.",
			[]Quote{
				{Speaker: "Daniel Okafor", Text: "Chen told me … and I believed her.", Cue: "noting"},
				{Speaker: "Amara Chen", Text: "we will pay what it takes", Cue: "told me"},
				{Speaker: "Amara Chen", Text: "We will pay what it takes to win,", Cue: "said at the time"},
			}},
		{"nested attributed inside", intro + "Okafor wrote, “When I asked, “Is the price final?” Chen said at once – it was.”",
			[]Quote{{Speaker: "Daniel Okafor", Text: "When I asked … it was.", Cue: "wrote"}, {Speaker: "Amara Chen", Text: "Is the price final?", Cue: "said at once"}}},
	}
	x := NewExtractor(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{Title: "Halcyon buys Zephyr", Body: tt.body}
			var got []Quote
			for _, q := range x.Extract(a).Quotes {
				got = append(got, Quote{Speaker: q.Speaker, Text: q.Text, Cue: q.Cue})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDealPatterns(t *testing.T) {
	type deal struct {
		Parties      []string
		Value        float64
		Currency     string
		Kind, Status string
	}
	tests := []struct {
		name, body string
		want       []deal
	}{
		{"acquisition with amount", "Halcyon Compute has agreed to buy Zephyr Robotics for €120m in cash.",
			[]deal{{[]string{"Halcyon Compute", "Zephyr Robotics"}, 120e6, "EUR", "acquisition", "signed"}}},
		{"withdrawn", "Halcyon Compute walked away from its $2bn takeover of Zephyr Robotics on Friday.",
			[]deal{{[]string{"Halcyon Compute", "Zephyr Robotics"}, 2e9, "USD", "acquisition", "withdrawn"}}},
		{"denied", "Zephyr Robotics denied a report that it was in talks to sell a stake to Halcyon Compute.",
			[]deal{{[]string{"Zephyr Robotics", "Halcyon Compute"}, 0, "", "stake", "denied"}}},
		{"ipo planned", "Zephyr Robotics is preparing an IPO that could raise up to $500 million next year.",
			[]deal{{[]string{"Zephyr Robotics"}, 500e6, "USD", "ipo", "planned"}}},
		{"funding round", "Zephyr Robotics raised £240m in a Series C round led by Vega Capital.",
			[]deal{{[]string{"Zephyr Robotics", "Vega Capital"}, 240e6, "GBP", "funding", "completed"}}},
		{"market value is not a deal", "Zephyr Robotics shares fell 12 per cent, wiping $3bn off its market value.", nil},
		{"revenue is not a deal", "Zephyr Robotics reported revenue of $300 million for the quarter.", nil},
		{"price is not a deal", "The Zephyr Robotics home robot costs $20 a month to rent.", nil},
		{"no company, no deal", "The deal was the largest of the year, bankers said.", nil},
		{"deal amount beside a price", "Halcyon Compute signed a $1.5 billion contract with Zephyr Robotics for robots that cost $30,000 each.",
			[]deal{{[]string{"Halcyon Compute", "Zephyr Robotics"}, 1.5e9, "USD", "contract", "signed"}}},
	}
	x := NewExtractor(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{Title: "Robots", Body: tt.body}
			var got []deal
			for _, d := range x.Extract(a).Deals {
				if d.InTitle {
					continue
				}
				g := deal{Parties: d.Parties, Kind: d.Kind, Status: d.Status}
				if d.Amount != nil {
					g.Value, g.Currency = d.Amount.Value, d.Amount.Currency
				}
				got = append(got, g)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNames(t *testing.T) {
	g := Names()
	tests := []struct{ in, want string }{
		{"Microsoft Corp.", "Microsoft"},
		{"Microsoft Corporation", "Microsoft"},
		{"MSFT", "Microsoft"},
		{"Nadella", "Satya Nadella"},
		{"NVIDIA", "Nvidia"},
		{"FT", "Financial Times"},
	}
	for _, tt := range tests {
		e, ok := g.Lookup(tt.in)
		if !ok || e.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, e.Name, ok, tt.want)
		}
	}
	if _, ok := g.Lookup("Zephyr Robotics"); ok {
		t.Errorf("an invented company is in the built-in gazetteer")
	}
	if err := g.Read(strings.NewReader("org | Zephyr Robotics | Zephyr | ZPHR\n")); err != nil {
		t.Fatal(err)
	}
	if e, ok := g.Lookup("ZPHR"); !ok || e.Name != "Zephyr Robotics" {
		t.Errorf("an added alias is not found: %+v %v", e, ok)
	}
	for _, bad := range []string{"Zephyr Robotics\n", "planet | Mars\n", "org | \n"} {
		if err := (&Gazetteer{}).Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) = nil, want an error", bad)
		}
	}
}

func TestRecognisesUnknownNames(t *testing.T) {
	body := "Zephyr Robotics, a Lisbon-based start-up, hired Amara Chen as chief executive. Chen said the company would double its staff. Kestrel Labs, its rival, said nothing."
	f := NewExtractor(nil).Extract(Article{Title: "Hiring", Body: body})
	got := map[string]EntityKind{}
	for _, e := range f.Entities {
		got[e.Name] = e.Kind
	}
	want := map[string]EntityKind{"Zephyr Robotics": Organization, "Amara Chen": Person, "Kestrel Labs": Organization}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities mismatch (-want +got):\n%s", diff)
	}
}

// TestExtractOffsets checks on every labelled article that each fact's
// offsets give back its exact text.
func TestExtractOffsets(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "labelled", "*"))
	x := NewExtractor(nil)
	for _, file := range files {
		if strings.HasSuffix(file, ".json") || strings.HasSuffix(file, "README.md") {
			continue
		}
		a, err := ParseFile(file)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		checkFacts(t, a, x.Extract(a))
	}
}

// checkFacts fails the test when a fact's offsets do not give back its text.
func checkFacts(t *testing.T, a Article, f Facts) {
	t.Helper()
	for _, p := range f.Passages {
		src := a.Body
		if p.Kind == PassageTitle {
			src = a.Title
		}
		if p.Start < 0 || p.End > len(src) || p.Start > p.End || src[p.Start:p.End] != p.Text {
			t.Fatalf("passage %+v does not match its offsets", p)
		}
	}
	for _, q := range f.Quotes {
		parts := q.Parts
		if parts == nil {
			parts = []Span{q.Span}
		}
		var texts []string
		for _, p := range parts {
			if p.Start < 0 || p.End > len(a.Body) || p.Start > p.End {
				t.Fatalf("quote part %v out of bounds", p)
			}
			texts = append(texts, a.Body[p.Start:p.End])
		}
		if strings.Join(texts, " … ") != q.Text {
			t.Fatalf("quote %q does not match its offsets", q.Text)
		}
		if a.Body[q.ExcerptAt.Start:q.ExcerptAt.End] != q.Excerpt || !strings.Contains(q.Excerpt, a.Body[parts[0].Start:parts[0].End]) {
			t.Fatalf("quote excerpt %q does not hold the quote", q.Excerpt)
		}
		if q.Speaker == "" {
			t.Fatalf("quote %q has no speaker", q.Text)
		}
	}
	for _, d := range f.Deals {
		src := a.Body
		if d.InTitle {
			src = a.Title
		}
		if d.Start < 0 || d.End > len(src) || src[d.Start:d.End] != d.Excerpt || len(d.Parties) == 0 {
			t.Fatalf("deal %+v does not match its offsets", d)
		}
		if d.Amount != nil && !strings.Contains(d.Excerpt, d.Amount.Text) {
			t.Fatalf("deal amount %q is not in its excerpt", d.Amount.Text)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Zephyr buys Kestrel", prose)
	f.Add("T", "“A “b,” c said – d,” e said. ‘f’ \"g\" h \"")
	f.Add("Halcyon", "The company said “it” was. Its rival, the chip designer, said: “No.”")
	x := NewExtractor(nil)
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			return
		}
		a := Article{Title: collapseSpace(title), Body: joinParagraphs(textParagraphs(body))}
		checkFacts(t, a, x.Extract(a))
	})
}

// BenchmarkExtract measures drawing the facts from the labelled articles.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "labelled", "*.txt"))
	var arts []Article
	for _, f := range files {
		a, err := ParseFile(f)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	x := NewExtractor(nil)
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			x.Extract(a)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(arts)), "µs/article")
}
