package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
// The answer may be one kept from the same question asked before (see
// answers); its deals must not be modified.
func (idx *Index) Deals(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "deal"
	return idx.answers.get(ctx, q, idx.deals)
}

// deals is Deals, searched: q.Kind is set.
func (idx *Index) deals(ctx context.Context, q Query) (Answer, error) {
	company := idx.resolve(q.Company)
	if company == "" {
		return Answer{}, fmt.Errorf("name a company: %w", ErrBadQuery)
	}
	// Only deals have parties: no need to ask for the type, whose long
	// list of documents cost most of the time of a query.
	must := []query.Query{termIn("party", company)}
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
	ans, err := idx.run(ctx, q, query.NewConjunctionQuery(must), byDate, partyDays+company+"|", func(f fields) Result {
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
// newest first (about is a filter, as the product has it, so a page reads
// only the speaker's newest days that hold enough).
// Like Deals, it may answer from the answers kept.
func (idx *Index) Quotes(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "quote"
	return idx.answers.get(ctx, q, idx.quotes)
}

// quotes is Quotes, searched: q.Kind is set.
func (idx *Index) quotes(ctx context.Context, q Query) (Answer, error) {
	speaker := idx.resolve(q.Person)
	if speaker == "" {
		return Answer{}, fmt.Errorf("name a person: %w", ErrBadQuery)
	}
	must := []query.Query{termIn("speaker", speaker)} // only quotations have speakers
	if strings.TrimSpace(q.About) != "" {
		must = append(must, textQuery("quote", q.About))
	}
	ans, err := idx.run(ctx, q, query.NewConjunctionQuery(must), byDate, speakerDays+speaker+"|", func(f fields) Result {
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
// Like Deals, it may answer from the answers kept.
func (idx *Index) Search(ctx context.Context, q Query) (Answer, error) {
	q.Kind = "search"
	return idx.answers.get(ctx, q, idx.search)
}

// search is Search, searched: q.Kind is set.
func (idx *Index) search(ctx context.Context, q Query) (Answer, error) {
	if strings.TrimSpace(q.Text) == "" {
		return Answer{}, fmt.Errorf("give some words to search for: %w", ErrBadQuery)
	}
	must := []query.Query{idx.passageQuery(q.Text)} // only passages have text
	dq, err := idx.dateRange(q.Since, q.Until)
	if err != nil {
		return Answer{}, err
	}
	if dq != nil {
		must = append(must, dq)
	}
	return idx.run(ctx, q, query.NewConjunctionQuery(must), byScore, "", func(f fields) Result {
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
	// Each type's count comes from its term's postings (see count): every
	// /stats and every scrape of /metrics asks.
	count := func(t string) (int, error) { return idx.count(ctx, typeIs(t)) }
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

// run searches, one page, and turns each hit into a result. A byDate
// search reads the days of the "dated" terms that start with newest (see
// partyDays), from the newest, as far as the page needs.
func (idx *Index) run(ctx context.Context, q Query, bq query.Query, o order, newest string, result func(fields) Result) (Answer, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	ans := Answer{Query: q, Results: []Result{}, Suggestions: []string{}}
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	select {
	case idx.searching <- struct{}{}:
		defer func() { <-idx.searching }()
	case <-ctx.Done():
		return ans, fmt.Errorf("waiting to search: %w", ctx.Err())
	}
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	if o == byScore {
		hits, total, err := idx.page(ctx, bq, (q.Page-1)*PageSize, PageSize)
		if err != nil {
			return ans, err
		}
		ans.Total = total
		return ans, idx.results(ctx, &ans, hits, result)
	}
	// Count every match on another core while the page is read.
	type counted struct {
		n   int
		err error
	}
	c := make(chan counted, 1)
	go func() {
		n, err := idx.count(ctx, bq)
		c <- counted{n, err}
	}()
	hits, err := idx.newestFirst(ctx, bq, newest, q.Page)
	all := <-c
	if err == nil {
		err = all.err
	}
	if err != nil {
		return ans, err
	}
	ans.Total = all.n
	return ans, idx.results(ctx, &ans, hits, result)
}

// newestFirst returns page of the matches of bq, newest first, reading
// the days of the "dated" terms that start with prefix from the newest
// until they hold enough matches for the page. The dictionary's counts
// may include documents deleted since the last merge, and bq may narrow
// what the days hold (a second party, words a quotation must hold), so a
// page found short is read again from eight times as many days' worth of
// documents, until it is full or every day has been read.
func (idx *Index) newestFirst(ctx context.Context, bq query.Query, prefix string, page int) (search.DocumentMatchCollection, error) {
	need := page * PageSize
	if idx.wholeWindow {
		need = -1
	}
	for {
		days, all, err := idx.bucketsOf(prefix, need)
		if err != nil {
			return nil, err
		}
		take, n := 0, 0
		for take < len(days) && (n < need || need < 0) {
			n += days[take].count
			take++
		}
		if take == 0 {
			return nil, nil
		}
		if take > idx.maxWindowDays() {
			// So many days hold so few matches that bq is narrow (a second
			// party, rare words): sort its matches rather than list the
			// days, which Bleve would refuse past maxTermSearchers.
			return idx.sortedNewest(ctx, bq, page)
		}
		var terms []query.Query
		for _, m := range days[:take] {
			terms = append(terms, termIn("dated", m.term))
		}
		hits, err := idx.sortedNewest(ctx, query.NewConjunctionQuery([]query.Query{query.NewDisjunctionQuery(terms), bq}), page)
		if err != nil || len(hits) == PageSize || (all && take == len(days)) {
			return hits, err
		}
		need *= 8
	}
}

// maxWindowDays is how many days newestFirst lists at most, well within
// maxTermSearchers.
const maxWindowDays = 256

func (idx *Index) maxWindowDays() int {
	if idx.windowDays > 0 {
		return idx.windowDays
	}
	return maxWindowDays
}

// sortedNewest returns page of the matches of bq, sorted newest first.
func (idx *Index) sortedNewest(ctx context.Context, bq query.Query, page int) (search.DocumentMatchCollection, error) {
	req := bleve.NewSearchRequestOptions(bq, PageSize, (page-1)*PageSize, false)
	req.Fields = []string{"fact", "text"}
	req.Score = "none"
	// Newest first; within an article, in the order it tells them.
	req.SortByCustom(search.SortOrder{&search.SortField{Field: "order", Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}})
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	return res.Hits, nil
}

// page returns size matches of bq from the from-th, most relevant first,
// and how many there are.
func (idx *Index) page(ctx context.Context, bq query.Query, from, size int) (search.DocumentMatchCollection, int, error) {
	req := bleve.NewSearchRequestOptions(bq, size, from, false)
	req.Fields = []string{"fact", "text"}
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, 0, fmt.Errorf("searching: %w", err)
	}
	return res.Hits, int(res.Total), nil
}

// bucket is a "dated" term and how many documents the dictionary counts
// for it.
type bucket struct {
	term  string
	count int
}

// bucketsOf returns the "dated" terms that start with prefix, newest first
// (undated last): a year at a time from the newest, until they count need
// documents, or every one when need < 0. all reports whether they are
// every one. Reading a term's count reads its postings: the most cited
// names have thousands of days, of which page 1 needs a few.
func (idx *Index) bucketsOf(prefix string, need int) (days []bucket, all bool, err error) {
	idx.mu.RLock()
	years := idx.years
	idx.mu.RUnlock()
	if need < 0 || len(years) == 0 {
		days, err := idx.readBuckets(prefix, prefix+"\xff")
		return days, true, err
	}
	n := 0
	for i := len(years) - 1; i >= 0; i-- {
		from := prefix + fmt.Sprintf("%04d", years[i])
		to := from + "\xff"
		if i == len(years)-1 {
			to = prefix + "\xff" // and any year added since the years were read
		}
		got, err := idx.readBuckets(from, to)
		if err != nil {
			return nil, false, err
		}
		days = append(days, got...)
		for _, d := range got {
			n += d.count
		}
		if n >= need {
			return days, false, nil
		}
	}
	// The undated, and any year taken out of the list since.
	got, err := idx.readBuckets(prefix, prefix+fmt.Sprintf("%04d", years[0]))
	return append(days, got...), true, err
}

// readBuckets returns the "dated" terms in [from, to], newest first.
func (idx *Index) readBuckets(from, to string) ([]bucket, error) {
	dict, err := idx.bleve.FieldDictRange("dated", []byte(from), []byte(to))
	if err != nil {
		return nil, fmt.Errorf("reading the days from %s: %w", from, err)
	}
	defer dict.Close()
	var out []bucket
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("reading the days from %s: %w", from, err)
		}
		if e == nil {
			break
		}
		out = append(out, bucket{e.Term, int(e.Count)})
	}
	slices.Reverse(out) // the dictionary is in ascending order
	return out, nil
}

// results turns hits into the answer's results, each with its citation.
func (idx *Index) results(ctx context.Context, ans *Answer, hits search.DocumentMatchCollection, result func(fields) Result) error {
	var ids []string
	for _, h := range hits {
		ids = append(ids, articleOf(h.ID))
	}
	cites, err := idx.cite(ctx, ids)
	if err != nil {
		return err
	}
	for i, h := range hits {
		r := result(fields(h.Fields))
		r.Article = cites[ids[i]]
		ans.Results = append(ans.Results, r)
	}
	return nil
}

// count returns how many documents match, without scoring or sorting.
func (idx *Index) count(ctx context.Context, bq query.Query) (int, error) {
	if tq, ok := oneTerm(bq); ok {
		return idx.termCount(ctx, tq.FieldVal, tq.Term)
	}
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	req.Score = "none"
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("searching: %w", err)
	}
	return int(res.Total), nil
}

// oneTerm returns the term query bq is, alone or as the one part of a
// conjunction.
func oneTerm(bq query.Query) (*query.TermQuery, bool) {
	if c, ok := bq.(*query.ConjunctionQuery); ok && len(c.Conjuncts) == 1 {
		bq = c.Conjuncts[0]
	}
	tq, ok := bq.(*query.TermQuery)
	return tq, ok && tq.FieldVal != ""
}

// termCount returns how many documents hold term in field, from the
// counts of its postings (documents deleted and not yet merged away
// excepted) rather than by visiting every match: the total of the deals
// of a company named in thousands of them costs no more than one of a
// company named once.
func (idx *Index) termCount(ctx context.Context, field, term string) (int, error) {
	adv, err := idx.bleve.Advanced()
	if err != nil {
		return 0, fmt.Errorf("counting: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, fmt.Errorf("counting: %w", err)
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("counting: %w", err)
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
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

// passageQuery is textQuery on passages, where a "quoted phrase" is found
// through the pairs of words next to each other (see pairsAnalyzer): a
// phrase of two words is one term, a longer one the conjunction of its
// pairs, checked as a phrase. A phrase query alone checked the positions
// of every passage holding both words: over 300 ms for "data centre" at
// 100,000 articles.
func (idx *Index) passageQuery(text string) query.Query {
	analyzer := idx.bleve.Mapping().AnalyzerNamed(pairsAnalyzer)
	var parts []query.Query
	for i, chunk := range strings.Split(text, `"`) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if i%2 == 0 {
			parts = append(parts, textQuery("text", chunk))
			continue
		}
		var pairs []query.Query
		if analyzer != nil {
			for _, t := range analyzer.Analyze([]byte(chunk)) {
				pairs = append(pairs, termIn("pairs", string(t.Term)))
			}
		}
		switch {
		case len(pairs) == 1:
			parts = append(parts, pairs[0])
		case len(pairs) > 1:
			phrase := query.NewMatchPhraseQuery(chunk)
			phrase.SetField("text")
			parts = append(parts, query.NewConjunctionQuery(append(pairs, phrase)))
		default: // one word
			parts = append(parts, textQuery("text", chunk))
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return query.NewConjunctionQuery(parts)
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
