package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"dealbot/corpus"
)

// extractResult is one file's entry in `extract --json`.
type extractResult struct {
	File    string          `json:"file"`
	Error   string          `json:"error,omitempty"`
	Article *articleJSON    `json:"article,omitempty"`
	Quotes  []corpus.Quote  `json:"quotes,omitempty"`
	Deals   []corpus.Deal   `json:"deals,omitempty"`
	Names   []corpus.Entity `json:"entities,omitempty"`
}

// articleJSON is an article's citation as the JSON outputs show it. Date
// is "" when the article's date is unknown.
type articleJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Author string `json:"author"`
	Format string `json:"format"`
}

func newArticleJSON(a corpus.Article) *articleJSON {
	return &articleJSON{ID: a.ID, Title: a.Title, Date: a.DateString(), Source: a.Source, URL: a.URL, Author: a.Author, Format: string(a.Format)}
}

// runExtract parses each file without storing it and prints what would be
// indexed. A file that cannot be parsed is reported and skipped; the
// command then fails at the end.
func runExtract(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, data := newFlags("extract", "extract [--json] PATH...", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("extract needs at least one file: %w", errUsage)
	}
	names, err := loadNames(dataDir(*data, getenv))
	if err != nil {
		return err
	}
	x := corpus.NewExtractor(names)

	results := make([]extractResult, 0, len(paths))
	failed := 0
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := extractResult{File: path}
		a, err := corpus.ParseFile(path)
		if err != nil {
			r.Error = err.Error()
			failed++
		} else {
			f := x.Extract(a)
			r.Article, r.Quotes, r.Deals, r.Names = newArticleJSON(a), f.Quotes, f.Deals, f.Entities
			if r.Quotes == nil {
				r.Quotes = []corpus.Quote{}
			}
			if r.Deals == nil {
				r.Deals = []corpus.Deal{}
			}
		}
		results = append(results, r)
		if !*asJSON {
			writeExtractReport(stdout, stderr, r)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read: %w", failed, len(paths), errReported)
	}
	return nil
}

// writeExtractReport prints one file's result for a reader.
func writeExtractReport(stdout, stderr io.Writer, r extractResult) {
	if r.Error != "" {
		fmt.Fprintf(stderr, "%s: cannot read it: %s\n", r.File, r.Error)
		return
	}
	a := r.Article
	date := a.Date
	if date == "" {
		date = "date unknown"
	}
	fmt.Fprintf(stdout, "%s\n  %s\n  %s", r.File, a.Title, date)
	for _, s := range []string{a.Source, a.Author, a.URL} {
		if s != "" {
			fmt.Fprintf(stdout, " · %s", s)
		}
	}
	fmt.Fprintf(stdout, " · id %s\n", a.ID)
	fmt.Fprintf(stdout, "\n  Quotes (%d)\n", len(r.Quotes))
	for i, q := range r.Quotes {
		fmt.Fprintf(stdout, "  %d. %s", i+1, q.Speaker)
		if q.SpeakerAs != "" && q.SpeakerAs != q.Speaker {
			fmt.Fprintf(stdout, " (as %q)", q.SpeakerAs)
		}
		if q.Cue != "" {
			fmt.Fprintf(stdout, ", %s", q.Cue)
		}
		fmt.Fprintf(stdout, ":\n     “%s”\n", q.Text)
	}
	fmt.Fprintf(stdout, "\n  Deals (%d)\n", len(r.Deals))
	for i, d := range r.Deals {
		fmt.Fprintf(stdout, "  %d. %s · %s · %s", i+1, strings.Join(d.Parties, " – "), d.Kind, d.Status)
		if d.Amount != nil {
			fmt.Fprintf(stdout, " · %s", formatAmount(*d.Amount))
		}
		fmt.Fprintf(stdout, "\n     %s\n", d.Excerpt)
	}
	fmt.Fprintln(stdout)
}

// formatAmount shows an amount as written and normalised:
// "nearly $12 billion (12,000,000,000 USD)".
func formatAmount(a corpus.Amount) string {
	s := a.Text
	if a.Qualifier != "" {
		s = a.Qualifier + " " + s
	}
	norm := groupThousands(a.Value)
	if a.Max > 0 {
		norm += "–" + groupThousands(a.Max)
	}
	return fmt.Sprintf("%s (%s %s)", s, norm, a.Currency)
}

// groupThousands writes a whole amount with thousands separators.
func groupThousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
