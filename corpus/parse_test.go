package corpus

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// prose is a body long enough to be an article, about invented companies.
const prose = `Zephyr Robotics said on Tuesday that it had agreed to buy Kestrel Sensors for €120m, its first acquisition since it was founded in 2019.

“We have wanted their lidar team for years,” said Amara Chen, Zephyr's chief executive. The deal is expected to close in the spring.`

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, file, in string
		want           Article
	}{
		{
			name: "seed with leading space",
			file: "a.txt",
			in:   " date 2025-03-28 Zephyr buys Kestrel\n\nA short standfirst line\n\n" + prose + "\n",
			want: Article{Title: "Zephyr buys Kestrel", Date: day("2025-03-28"), Format: FormatSeed,
				Body: "A short standfirst line\n\n" + prose},
		},
		{
			name: "seed with CRLF and hard-wrapped paragraph",
			file: "b.txt",
			in:   "date 2024-12-01 Title here\r\n\r\nZephyr Robotics said on Tuesday that it had agreed\r\nto buy Kestrel Sensors for €120m in cash and shares from its founders.\r\n",
			want: Article{Title: "Title here", Date: day("2024-12-01"), Format: FormatSeed,
				Body: "Zephyr Robotics said on Tuesday that it had agreed to buy Kestrel Sensors for €120m in cash and shares from its founders."},
		},
		{
			name: "plain text has no date",
			file: "c.txt",
			in:   "Zephyr buys Kestrel\n\n" + prose,
			want: Article{Title: "Zephyr buys Kestrel", Format: FormatText, Body: prose},
		},
		{
			name: "markdown with front matter",
			file: "d.md",
			in: "---\ntitle: \"Zephyr buys Kestrel\"\nsource: The Ledger Review\nurl: https://ledger.example/zephyr?utm_source=x\ndate: 2025-06-14\nauthor: Ines Duarte\ntags: [robotics, m&a]\nadded_by: mod#1\nadded_at: 2025-06-15T10:00:00Z\n---\n\n## The deal\n\n" +
				"Zephyr Robotics said on **Tuesday** that it had agreed to buy [Kestrel Sensors](https://kestrel.example) for €120m,\nits _first_ acquisition.\n\n- It has 40 staff in total across two offices\n",
			want: Article{Title: "Zephyr buys Kestrel", Source: "The Ledger Review", URL: "https://ledger.example/zephyr?utm_source=x",
				Date: day("2025-06-14"), Author: "Ines Duarte", Tags: []string{"robotics", "m&a"}, AddedBy: "mod#1",
				AddedAt: time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC), Format: FormatMarkdown,
				Body: "The deal\n\nZephyr Robotics said on Tuesday that it had agreed to buy Kestrel Sensors for €120m, its first acquisition.\n\nIt has 40 staff in total across two offices"},
		},
		{
			name: "markdown without front matter takes its heading as title",
			file: "e.md",
			in:   "# Zephyr buys Kestrel\n\n" + prose,
			want: Article{Title: "Zephyr buys Kestrel", Format: FormatMarkdown, Body: prose},
		},
		{
			name: "front matter detected without an extension",
			file: "upload",
			in:   "---\ntitle: Zephyr buys Kestrel\n---\n" + prose,
			want: Article{Title: "Zephyr buys Kestrel", Format: FormatMarkdown, Body: prose},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tt.want.ID = ArticleID(tt.want)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"white space", []byte(" \n\t\n"), ErrEmpty},
		{"too large", []byte(strings.Repeat("word ", MaxArticleBytes/5+1)), ErrTooLarge},
		{"NUL bytes", []byte("Title\n\nsome\x00text"), ErrBinary},
		{"not UTF-8", []byte("Title\n\ncaf\xe9 au lait"), ErrBinary},
		{"PNG header", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"too short", []byte("Zephyr buys Kestrel\n\nZephyr bought Kestrel."), ErrTooShort},
		{"seed header only", []byte("date 2025-01-01 Zephyr buys Kestrel\n"), ErrTooShort},
		{"broken front matter", []byte("---\ntitle: [unclosed\n---\n" + prose), ErrBadFrontMatter},
		{"unclosed front matter", []byte("---\ntitle: x\n" + prose), ErrBadFrontMatter},
		{"bad front matter date", []byte("---\ntitle: x\ndate: yesterday\n---\n" + prose), ErrBadFrontMatter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("in.txt", tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse error = %v, want %v", err, tt.want)
			}
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Errorf("error %q should be a lower-case sentence", msg)
			}
		})
	}
}

func TestParseSeedDateMustBeReal(t *testing.T) {
	_, err := Parse("x.txt", []byte("date 2025-02-30 Title\n\n"+prose))
	if err == nil || !strings.Contains(err.Error(), "2025-02-30") {
		t.Fatalf("Parse error = %v, want one naming the bad date", err)
	}
}

func TestArticleIDStable(t *testing.T) {
	a, err := Parse("a.txt", []byte("date 2025-03-28 Zephyr buys Kestrel\n\n"+prose))
	if err != nil {
		t.Fatal(err)
	}
	// The same text with other typography and wrapping is the same article.
	retyped := strings.ReplaceAll(strings.ReplaceAll(prose, "“", "\""), "”", "\"")
	retyped = strings.ReplaceAll(retyped, ". ", ".\n")
	b, err := Parse("b.txt", []byte("Zephyr buys Kestrel\n\n"+retyped))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID {
		t.Errorf("ids differ for the same text: %s, %s", a.ID, b.ID)
	}
	c, _ := Parse("c.txt", []byte("Zephyr buys Kestrel\n\n"+prose+" One more sentence."))
	if c.ID == a.ID {
		t.Errorf("different texts share id %s", a.ID)
	}
	// With a URL, the canonical URL decides, whatever the text.
	u1 := Article{URL: "https://www.ledger.example/a/?utm_source=feed#top", Body: "one"}
	u2 := Article{URL: "http://ledger.example/a", Body: "two"}
	if ArticleID(u1) != ArticleID(u2) {
		t.Errorf("same canonical URL, different ids")
	}
	if len(a.ID) != 16 {
		t.Errorf("id %q: want 16 hex digits", a.ID)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Ledger.example/a/b/?utm_source=x&id=3#frag", "https://ledger.example/a/b?id=3"},
		{"http://ledger.example/a?fbclid=1", "https://ledger.example/a"},
		{"ledger.example/a", ""},
		{"javascript:alert(1)", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	tests := []Article{
		{Title: "Zephyr: a “deal” — at last", Source: "The Ledger", URL: "https://ledger.example/x", Date: day("2025-01-02"),
			Author: "Ines Duarte", Tags: []string{"ai"}, AddedBy: "mod", AddedAt: time.Date(2025, 1, 3, 4, 5, 6, 0, time.UTC),
			Body: "# not a heading\n\n- not a list\n\n1. not numbered\n\n> not a quote\n\n--- not a rule\n\n" +
				"Stars *like* these, __under__ _scores_, [brackets](x) and `ticks` \\ backslashes stay as written in the text of this article."},
		{Title: "Plain", Body: prose},
	}
	for _, a := range tests {
		t.Run(a.Title, func(t *testing.T) {
			a.Body = joinParagraphs(textParagraphs(a.Body))
			a.Format = FormatMarkdown
			a.ID = ArticleID(a)
			got, err := Parse("x.md", Marshal(a))
			if err != nil {
				t.Fatalf("Parse(Marshal): %v\n%s", err, Marshal(a))
			}
			if diff := cmp.Diff(a, got); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s\n%s", diff, Marshal(a))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a.txt", []byte("date 2025-03-28 T\n\n"+prose))
	f.Add("a.md", []byte("---\ntitle: x\ndate: 2025-01-01\n---\n"+prose))
	f.Add("a.html", []byte("<html><head><title>x</title></head><body><article><p>"+prose+"</p></article></body></html>"))
	f.Add("a", []byte("T\n\n*a* _b_ [c](d) `e` \\*"+prose))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Parse(name, data)
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8 in the parsed article")
		}
		if len(a.ID) != 16 {
			t.Fatalf("id %q", a.ID)
		}
		for _, p := range Paragraphs(a.Body) {
			if p.Start < 0 || p.End > len(a.Body) || p.Start >= p.End {
				t.Fatalf("paragraph %v out of bounds", p)
			}
		}
	})
}

func FuzzMarshalRoundTrip(f *testing.F) {
	f.Add("Title", "body *with* _marks_ [x](y) `z` # and \\ more words here")
	f.Add("T: “quoted”", "1. numbered\n\n- listed\n\n> quoted")
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) || strings.ContainsRune(title+body, 0) {
			return
		}
		a := Article{Title: collapseSpace(title), Format: FormatMarkdown, Body: joinParagraphs(textParagraphs(body))}
		if a.Title == "" || len(strings.Fields(a.Body)) < MinBodyWords || checkText([]byte(a.Body)) != nil || checkText([]byte(a.Title)) != nil {
			return
		}
		for _, r := range a.Body + a.Title {
			if r >= escapeBase {
				return // the private-use plane is reserved for escapes
			}
		}
		a.ID = ArticleID(a)
		got, err := Parse("x.md", Marshal(a))
		if err != nil {
			t.Fatalf("Parse(Marshal): %v\n%s", err, Marshal(a))
		}
		if got.Body != a.Body || got.Title != a.Title {
			t.Fatalf("round trip changed the article:\nwant %q %q\ngot  %q %q", a.Title, a.Body, got.Title, got.Body)
		}
	})
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
