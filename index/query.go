package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dealbot/corpus"
)

// PageSize is how many results a page holds.
const PageSize = 5

// searchTimeout bounds every search, so that even a runaway query leaves
// time to answer within Discord's three seconds.
const searchTimeout = 2 * time.Second

// maxTermSearchers bounds how many terms a fuzzy or prefix query may
// expand to (BLEVE.md: runaway expansions then fail in under a second).
const maxTermSearchers = 1024

// Query is a question as asked: what the answer's JSON echoes back.
// Dates are YYYY-MM-DD; Page counts from 1.
type Query struct {
	Kind    string `json:"kind"` // "deal", "quote" or "search"
	Company string `json:"company,omitempty"`
	With    string `json:"with,omitempty"`
	Person  string `json:"person,omitempty"`
	About   string `json:"about,omitempty"`
	Text    string `json:"text,omitempty"`
	Since   string `json:"since,omitempty"`
	Until   string `json:"until,omitempty"`
	Page    int    `json:"page"`
}

// Citation says where a result comes from. Date is "" when unknown.
type Citation struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Date   string `json:"date"`
	URL    string `json:"url"`
}

// Result is one cited answer. Excerpt is the passage it comes from, in
// Discord markdown: the matched words in bold, everything else escaped so
// that article text cannot format, link or mention.
type Result struct {
	Article Citation      `json:"article"`
	Excerpt string        `json:"excerpt"`
	Quote   *corpus.Quote `json:"quote,omitempty"`
	Deal    *corpus.Deal  `json:"deal,omitempty"`
}

// Answer is a page of results. When nothing matches, Suggestions holds the
// nearest known names ("Did you mean CoreWeave?").
type Answer struct {
	Query Query `json:"query"`
	// Name is the company or person asked about, as the corpus names it
	// ("CoreWeave" for "coreweave", "Microsoft" for "MSFT").
	Name        string   `json:"name,omitempty"`
	Total       int      `json:"total"`
	Results     []Result `json:"results"`
	Suggestions []string `json:"suggestions"`
}

// Pages returns how many pages the answer has.
func (a Answer) Pages() int {
	return (a.Total + PageSize - 1) / PageSize
}

// Deals returns the deals that involve q.Company (as buyer or seller,
// investor or investee: any party), with q.With as another party when set,
// dated within [q.Since, q.Until] when set; newest first.
func (idx *Index) Deals(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "deal"
	company := idx.resolve(q.Company)
	if company == "" {
		return Answer{}, fmt.Errorf("name a company: %w", ErrBadQuery)
	}
	must := []query.Query{typeIs(typeDeal), termIn("party", company)}
	var bold []string
	bold = append(bold, idx.spellings(q.Company)...)
	if q.With != "" {
		with := idx.resolve(q.With)
		must = append(must, termIn("party", with))
		bold = append(bold, idx.spellings(q.With)...)
	}
	dq, err := idx.dateRange(q.Since, q.Until)
	if err != nil {
		return Answer{}, err
	}
	if dq != nil {
		must = append(must, dq)
	}
	ans, err := idx.run(ctx, q, query.NewConjunctionQuery(must), byDate, func(f fields) Result {
		var d corpus.Deal
		json.Unmarshal([]byte(f.str("fact")), &d)
		return Result{Deal: &d, Excerpt: highlightNames(d.Excerpt, bold)}
	})
	if err != nil {
		return ans, err
	}
	ans.Name = idx.display(q.Company)
	if ans.Total == 0 {
		ans.Suggestions = idx.nearest("company", q.Company)
	}
	return ans, nil
}

// Quotes returns what q.Person (a person or an organisation) was quoted
// saying, with q.About narrowing to quotations that hold those words;
// newest first, or most relevant first when q.About is set.
func (idx *Index) Quotes(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "quote"
	speaker := idx.resolve(q.Person)
	if speaker == "" {
		return Answer{}, fmt.Errorf("name a person: %w", ErrBadQuery)
	}
	must := []query.Query{typeIs(typeQuote), termIn("speaker", speaker)}
	order := byDate
	if strings.TrimSpace(q.About) != "" {
		must = append(must, textQuery("quote", q.About))
		order = byScore
	}
	ans, err := idx.run(ctx, q, query.NewConjunctionQuery(must), order, func(f fields) Result {
		var qt corpus.Quote
		json.Unmarshal([]byte(f.str("fact")), &qt)
		excerpt := highlightNames(qt.Excerpt, idx.spellings(q.Person))
		if strings.TrimSpace(q.About) != "" {
			excerpt = idx.highlightText(qt.Excerpt, q.About)
		}
		return Result{Quote: &qt, Excerpt: excerpt}
	})
	if err != nil {
		return ans, err
	}
	ans.Name = idx.display(q.Person)
	if ans.Total == 0 && strings.TrimSpace(q.About) == "" {
		ans.Suggestions = idx.nearest("person", q.Person)
	}
	return ans, nil
}

// Search returns the passages that match q.Text (words, or "phrases" in
// double quotes), most relevant first, dated within [q.Since, q.Until].
func (idx *Index) Search(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "search"
	if strings.TrimSpace(q.Text) == "" {
		return Answer{}, fmt.Errorf("give some words to search for: %w", ErrBadQuery)
	}
	must := []query.Query{typeIs(typePassage), textQuery("text", q.Text)}
	dq, err := idx.dateRange(q.Since, q.Until)
	if err != nil {
		return Answer{}, err
	}
	if dq != nil {
		must = append(must, dq)
	}
	return idx.run(ctx, q, query.NewConjunctionQuery(must), byScore, func(f fields) Result {
		return Result{Excerpt: idx.highlightText(f.str("text"), q.Text)}
	})
}

// Stats is the size of the corpus.
type Stats struct {
	Articles  int       `json:"articles"`
	Deals     int       `json:"deals"`
	Quotes    int       `json:"quotes"`
	Companies int       `json:"companies"`
	People    int       `json:"people"`
	Updated   time.Time `json:"updated"`
}

// Stats counts the corpus.
func (idx *Index) Stats(ctx context.Context) (Stats, error) {
	count := func(t string) (int, error) {
		req := bleve.NewSearchRequestOptions(typeIs(t), 0, 0, false)
		res, err := idx.bleve.SearchInContext(ctx, req)
		if err != nil {
			return 0, err
		}
		return int(res.Total), nil
	}
	var s Stats
	var err error
	if s.Articles, err = count(typeArticle); err != nil {
		return s, err
	}
	if s.Deals, err = count(typeDeal); err != nil {
		return s, err
	}
	if s.Quotes, err = count(typeQuote); err != nil {
		return s, err
	}
	idx.mu.RLock()
	s.Companies, s.People, s.Updated = len(idx.sugg.companies), len(idx.sugg.people), idx.updated
	idx.mu.RUnlock()
	return s, nil
}

// ErrBadQuery marks a question that cannot be asked as put: a missing
// name, a date that is not YYYY-MM-DD. Its message says what to change.
var ErrBadQuery = errors.New("bad query")

// order is how results are sorted.
type order int

const (
	byDate  order = iota // newest first, then most relevant
	byScore              // most relevant first, then newest
)

// fields are a hit's stored fields.
type fields map[string]any

func (f fields) str(name string) string {
	s, _ := f[name].(string)
	return s
}

// citation reads the citation an article's document stores.
func (f fields) citation() Citation {
	return Citation{ID: f.str("id"), Title: f.str("title"), Source: f.str("source"), Date: f.str("day"), URL: f.str("url")}
}

// citationFields are the stored fields citation reads.
var citationFields = []string{"id", "title", "source", "url", "day"}

// cite returns the citations of the articles with the given ids, read
// from their documents in one search.
func (idx *Index) cite(ctx context.Context, ids []string) (map[string]Citation, error) {
	docIDs := make([]string, len(ids))
	for i, id := range ids {
		docIDs[i] = "a:" + id
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(docIDs), len(docIDs), 0, false)
	req.Fields = citationFields
	req.Score = "none"
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("reading citations: %w", err)
	}
	out := make(map[string]Citation, len(res.Hits))
	for _, h := range res.Hits {
		out[articleOf(h.ID)] = fields(h.Fields).citation()
	}
	return out, nil
}

// sortAllBelow is how many matches a newest-first query sorts at once. A
// name in thousands of documents is sorted a recent window at a time:
// sorting reads every match's doc values, which took hundreds of
// milliseconds for a popular company at 100,000 articles.
const sortAllBelow = 2000

// run searches, one page, and turns each hit into a result.
func (idx *Index) run(ctx context.Context, q Query, bq query.Query, o order, result func(fields) Result) (Answer, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	ans := Answer{Query: q, Results: []Result{}, Suggestions: []string{}}
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	total := -1 // counted apart when a window narrows the search
	if o == byDate {
		// Count everything while finding the window, on another core.
		type counted struct {
			n   int
			err error
		}
		c := make(chan counted, 1)
		go func() {
			n, err := idx.count(ctx, bq)
			c <- counted{n, err}
		}()
		first, firstN := idx.window(ctx, bq, firstWindow)
		all := <-c
		if all.err != nil {
			return ans, all.err
		}
		if all.n > idx.sortAllBelow {
			total = all.n
			bq = idx.recentWindow(ctx, bq, q.Page*PageSize, first, firstN)
		}
	}
	req := bleve.NewSearchRequestOptions(bq, PageSize, (q.Page-1)*PageSize, false)
	req.Fields = []string{"fact", "text"}
	if o == byDate {
		// Newest first; within an article, in the order it tells them.
		req.SortByCustom(search.SortOrder{&search.SortField{Field: "order", Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}})
	}
	// byScore keeps Bleve's own order, which needs no doc values.
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return ans, fmt.Errorf("searching: %w", err)
	}
	ans.Total = int(res.Total)
	if total >= 0 {
		ans.Total = total
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, articleOf(h.ID))
	}
	cites, err := idx.cite(ctx, ids)
	if err != nil {
		return ans, err
	}
	for i, h := range res.Hits {
		r := result(fields(h.Fields))
		r.Article = cites[ids[i]]
		ans.Results = append(ans.Results, r)
	}
	return ans, nil
}

// count returns how many documents match, without scoring or sorting.
func (idx *Index) count(ctx context.Context, bq query.Query) (int, error) {
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	req.Score = "none"
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("searching: %w", err)
	}
	return int(res.Total), nil
}

// firstWindow is the stretch of days a newest-first search looks at first.
const firstWindow = 90

// window narrows bq to the last days days before the newest article and
// counts its matches; it returns bq and -1 when the corpus has no dates.
func (idx *Index) window(ctx context.Context, bq query.Query, days int) (query.Query, int) {
	idx.mu.RLock()
	newest := idx.newest
	idx.mu.RUnlock()
	if newest.IsZero() {
		return bq, -1
	}
	narrowed := query.NewConjunctionQuery([]query.Query{bq, idx.daysBetween(newest.AddDate(0, 0, -days), time.Time{})})
	n, err := idx.count(ctx, narrowed)
	if err != nil {
		return bq, -1
	}
	return narrowed, n
}

// recentWindow narrows bq to the most recent stretch of time that holds
// at least need matches, widening threefold from the first window (given,
// with its count); undated documents, last in the order, are left in only
// when the dated ones are too few.
func (idx *Index) recentWindow(ctx context.Context, bq query.Query, need int, first query.Query, firstN int) query.Query {
	if firstN < 0 {
		return bq
	}
	if firstN >= need {
		return first
	}
	for days := firstWindow * 3; days < 365*40; days *= 3 {
		narrowed, n := idx.window(ctx, bq, days)
		if n < 0 {
			return bq
		}
		if n >= need {
			return narrowed
		}
	}
	return bq
}

func typeIs(t string) query.Query {
	q := query.NewTermQuery(t)
	q.SetField("type")
	return q
}

// termIn matches a keyword field exactly.
func termIn(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

// textQuery matches user words in an analysed field: every word must be
// there (in any order), and "quoted phrases" as phrases. The user's text
// never reaches Bleve's query-string syntax.
func textQuery(field, text string) query.Query {
	var parts []query.Query
	for i, chunk := range strings.Split(text, `"`) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if i%2 == 1 {
			p := query.NewMatchPhraseQuery(chunk)
			p.SetField(field)
			parts = append(parts, p)
			continue
		}
		m := query.NewMatchQuery(chunk)
		m.SetField(field)
		m.SetOperator(query.MatchQueryOperatorAnd)
		parts = append(parts, m)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return query.NewConjunctionQuery(parts)
}

// dateRange matches documents dated within [since, until], both optional
// YYYY-MM-DD. It returns nil when neither is set.
func (idx *Index) dateRange(since, until string) (query.Query, error) {
	if since == "" && until == "" {
		return nil, nil
	}
	var start, end time.Time
	var err error
	if since != "" {
		if start, err = time.Parse(time.DateOnly, since); err != nil {
			return nil, fmt.Errorf("the date %q is not YYYY-MM-DD: %w", since, ErrBadQuery)
		}
	}
	if until != "" {
		if end, err = time.Parse(time.DateOnly, until); err != nil {
			return nil, fmt.Errorf("the date %q is not YYYY-MM-DD: %w", until, ErrBadQuery)
		}
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		return nil, fmt.Errorf("the date range ends (%s) before it starts (%s): %w", until, since, ErrBadQuery)
	}
	return idx.daysBetween(start, end), nil
}

// daysBetween is daysIn over the corpus's years.
func (idx *Index) daysBetween(start, end time.Time) query.Query {
	idx.mu.RLock()
	years := idx.years
	idx.mu.RUnlock()
	return daysIn(years, day(start), day(end))
}

// display returns the name the corpus uses for what the user typed, or
// the typed name when the corpus does not know it.
func (idx *Index) display(typed string) string {
	if e, ok := idx.names.Lookup(strings.TrimSpace(typed)); ok {
		return e.Name
	}
	if c, ok := idx.lookupFold(typed); ok {
		return c
	}
	return strings.TrimSpace(typed)
}

// resolve turns a name as the user typed it into the key documents are
// found by: an alias becomes its canonical name.
func (idx *Index) resolve(name string) string {
	name = strings.TrimSpace(name)
	if e, ok := idx.names.Lookup(name); ok {
		return key(e.Name)
	}
	if e, ok := idx.lookupFold(name); ok {
		return key(e)
	}
	return key(name)
}

// spellings returns the ways a name may be written in an article, for
// bolding: as typed, canonical, and the aliases.
func (idx *Index) spellings(name string) []string {
	out := []string{strings.TrimSpace(name)}
	if e, ok := idx.names.Lookup(strings.TrimSpace(name)); ok {
		out = append(out, e.Name)
		out = append(out, e.Aliases...)
	} else if canon, ok := idx.lookupFold(name); ok {
		out = append(out, canon)
		if w := strings.Fields(canon); len(w) > 1 {
			out = append(out, w[0], w[len(w)-1])
		}
	}
	return out
}
