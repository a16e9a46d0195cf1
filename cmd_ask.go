package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"dealbot/corpus"
	"dealbot/index"
)

// data is a data folder opened: its store, the names it knows, and its
// index.
type data struct {
	store *corpus.Store
	names *corpus.Gazetteer
	idx   *index.Index
}

// openCorpus opens the store in the data folder dir (seeding the starter
// corpus on first use), its names and its index, rebuilding the index when
// needed or asked. When another process holds the index, it returns the
// store and names with a nil index and an error wrapping index.ErrInUse.
func openCorpus(ctx context.Context, dir string, stderr io.Writer, rebuild bool) (data, error) {
	var d data
	var err error
	if d.store, err = corpus.OpenStore(dir); err != nil {
		return data{}, fmt.Errorf("opening the corpus in %s: %w", dir, err)
	}
	if d.names, err = loadNames(dir); err != nil {
		return data{}, err
	}
	d.idx, err = index.Open(ctx, filepath.Join(dir, "index"), reportingSource{d.store, stderr, new(sync.Mutex)}, index.Options{Names: d.names, Rebuild: rebuild})
	return d, err
}

// loadNames returns the built-in gazetteer extended by the data folder's
// names.txt, when there is one.
func loadNames(dir string) (*corpus.Gazetteer, error) {
	names := corpus.Names()
	if err := names.LoadNames(filepath.Join(dir, "names.txt")); err != nil {
		return nil, fmt.Errorf("reading the names file: %v", err)
	}
	return names, nil
}

// reportingSource passes the store to the index and warns about article
// files that could not be read, which are left out rather than fatal.
type reportingSource struct {
	*corpus.Store
	stderr io.Writer
	mu     *sync.Mutex // the index calls Read on every CPU at once
}

func (s reportingSource) Read(id string) (corpus.Article, string, error) {
	a, rev, err := s.Store.Read(id)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.mu.Lock()
		fmt.Fprintf(s.stderr, "dealbot: an article file was left out: %v\n", err)
		s.mu.Unlock()
	}
	return a, rev, err
}

// runAsk answers a question from the command line, as the bot would.
func runAsk(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, data := newFlags("ask", `ask [--json] deal COMPANY [--with X] [--since DATE] [--until DATE]
       dealbot ask [--json] quote PERSON [--about TEXT]
       dealbot ask [--json] search TEXT
       dealbot ask [--json] stats`, stderr)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	with := fs.String("with", "", "deal: only deals with this second party")
	since := fs.String("since", "", "only articles dated on or after YYYY-MM-DD")
	until := fs.String("until", "", "only articles dated on or before YYYY-MM-DD")
	about := fs.String("about", "", "quote: only quotations with these words")
	page := fs.Int("page", 1, "the page of results")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		fs.Usage()
		return fmt.Errorf("ask needs a question: %w", errUsage)
	}
	what, words := rest[0], strings.Join(rest[1:], " ")
	if what != "stats" && strings.TrimSpace(words) == "" {
		fs.Usage()
		return fmt.Errorf("ask %s needs a name or words: %w", what, errUsage)
	}
	d, err := openCorpus(ctx, dataDir(*data, getenv), stderr, false)
	if err != nil {
		return err
	}
	idx := d.idx
	defer idx.Close()

	q := index.Query{With: *with, Since: *since, Until: *until, About: *about, Page: *page}
	var ans index.Answer
	switch what {
	case "deal", "deals":
		q.Company = words
		ans, err = idx.Deals(ctx, q)
	case "quote", "quotes":
		q.Person = words
		ans, err = idx.Quotes(ctx, q)
	case "search":
		q.Text = words
		ans, err = idx.Search(ctx, q)
	case "stats":
		s, err := idx.Stats(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(stdout, s)
		}
		fmt.Fprintf(stdout, "The corpus holds %s, %s and %s, naming %s and %s. Last updated %s.\n",
			count(s.Articles, "article"), count(s.Deals, "deal"), count(s.Quotes, "quote"), count(s.Companies, "company"), count(s.People, "person"),
			s.Updated.Format("2006-01-02 15:04 MST"))
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("ask knows deal, quote, search and stats, not %q: %w", what, errUsage)
	}
	if errors.Is(err, index.ErrBadQuery) {
		fmt.Fprintf(stderr, "dealbot: %s\n", strings.TrimSuffix(err.Error(), ": "+index.ErrBadQuery.Error()))
		return fmt.Errorf("%w", errReported)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, ans)
	}
	fmt.Fprint(stdout, renderText(ans))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// renderText writes an answer as the bot would post it, as plain text.
func renderText(ans index.Answer) string {
	var b strings.Builder
	q := ans.Query
	subject := map[string]string{"deal": "Deals involving " + ans.Name, "quote": "Quotes from " + ans.Name, "search": "Passages matching " + q.Text}[q.Kind]
	if q.With != "" {
		subject += " with " + q.With
	}
	if q.About != "" {
		subject += " about " + q.About
	}
	if ans.Total == 0 {
		fmt.Fprintf(&b, "No %s found for '%s'.", map[string]string{"deal": "deals", "quote": "quotes", "search": "passages"}[q.Kind], strings.TrimSpace(q.Company+q.Person+q.Text))
		if len(ans.Suggestions) > 0 {
			fmt.Fprintf(&b, " Did you mean %s?", orList(ans.Suggestions))
		}
		b.WriteString("\n")
		return b.String()
	}
	fmt.Fprintf(&b, "%s: %d found", subject, ans.Total)
	if ans.Pages() > 1 {
		fmt.Fprintf(&b, " (page %d of %d)", q.Page, ans.Pages())
	}
	b.WriteString("\n")
	for i, r := range ans.Results {
		n := (q.Page-1)*index.PageSize + i + 1
		switch {
		case r.Deal != nil:
			d := r.Deal
			fmt.Fprintf(&b, "\n%d. %s · %s · %s", n, strings.Join(d.Parties, " – "), d.Kind, d.Status)
			if d.Amount != nil {
				fmt.Fprintf(&b, " · %s", formatAmount(*d.Amount))
			}
			b.WriteString("\n")
		case r.Quote != nil:
			qt := r.Quote
			fmt.Fprintf(&b, "\n%d. %s", n, qt.Speaker)
			if qt.Role != "" {
				fmt.Fprintf(&b, " (%s)", qt.Role)
			}
			if qt.Cue != "" {
				fmt.Fprintf(&b, ", %s", qt.Cue)
			}
			fmt.Fprintf(&b, ": “%s”\n", qt.Text)
		default:
			fmt.Fprintf(&b, "\n%d.\n", n)
		}
		fmt.Fprintf(&b, "   > %s\n", index.Plain(r.Excerpt))
		fmt.Fprintf(&b, "   — %s\n", citationLine(r.Article))
	}
	return b.String()
}

// citationLine cites an article: title, source, date, link and corpus id.
func citationLine(c index.Citation) string {
	parts := []string{c.Title}
	if c.Source != "" {
		parts = append(parts, c.Source)
	}
	date := c.Date
	if date == "" {
		date = "date unknown"
	}
	parts = append(parts, date)
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	parts = append(parts, "id "+c.ID)
	return strings.Join(parts, " · ")
}

// orList writes "A, B or C".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// count writes "1 article", "2 articles", "3 companies", "2 people".
func count(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	switch noun {
	case "company":
		noun = "companies"
	case "person":
		noun = "people"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
