package index

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"dealbot/corpus"
)

// document is one Bleve document: its id and fields.
type document struct {
	id     string
	fields map[string]any
}

// citation returns the fields every document of an article carries, so
// that a hit cites its article without a second look-up.
func citation(a corpus.Article) map[string]any {
	f := map[string]any{
		"article": a.ID,
		"title":   a.Title,
		"source":  a.Source,
		"url":     a.URL,
	}
	if !a.Date.IsZero() {
		f["day"] = a.DateString()
	}
	return f
}

func with(base map[string]any, extra map[string]any) map[string]any {
	f := make(map[string]any, len(base)+len(extra))
	for k, v := range base {
		f[k] = v
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// sortKey orders an article's documents for "newest first": the day of
// the article (undated ones last), then the article, then the document's
// place in it. One number, so that sorting reads one column of doc values
// rather than three.
func sortKey(a corpus.Article, seq int) float64 {
	days := 0.0
	if !a.Date.IsZero() {
		days = dayNumber(a.Date)
	}
	h := fnv.New32a()
	h.Write([]byte(a.ID))
	return days*1e6 + float64(h.Sum32()%1000)*1000 + float64(999-min(seq, 999))
}

// dayNumber numbers days from 1970-01-01 (as day 1, so that 0 can mean
// "no date").
func dayNumber(t time.Time) float64 {
	return float64(max(t.Unix()/86400, 0) + 1)
}

// documents turns an article into its documents: the article itself, one
// per paragraph (and the title) for search, one per deal and one per
// quotation.
func (idx *Index) documents(a corpus.Article) []document {
	facts := idx.x.Extract(a)
	cite := citation(a)
	docs := []document{{id: "a:" + a.ID, fields: with(cite, map[string]any{"type": typeArticle, "order": sortKey(a, 0)})}}
	// Search looks through paragraphs: the title, then the body's.
	docs = append(docs, document{id: fmt.Sprintf("p:%s:t", a.ID), fields: with(cite, map[string]any{"type": typePassage, "text": a.Title, "pday": sortKey(a, 0)})})
	for i, p := range corpus.Paragraphs(a.Body) {
		docs = append(docs, document{id: fmt.Sprintf("p:%s:%d", a.ID, i), fields: with(cite, map[string]any{"type": typePassage, "text": a.Body[p.Start:p.End], "pday": sortKey(a, i+1)})})
	}
	for i, d := range facts.Deals {
		fact, _ := json.Marshal(d)
		f := map[string]any{
			"type":    typeDeal,
			"party":   idx.forms(d.Parties, corpus.Organization),
			"company": d.Parties,
			"fact":    string(fact),
			"order":   sortKey(a, i),
		}
		docs = append(docs, document{id: fmt.Sprintf("d:%s:%d", a.ID, i), fields: with(cite, f)})
	}
	for i, q := range facts.Quotes {
		fact, _ := json.Marshal(q)
		f := map[string]any{
			"type":    typeQuote,
			"speaker": idx.forms([]string{q.Speaker}, q.Kind),
			"quote":   q.Text,
			"fact":    string(fact),
			"order":   sortKey(a, i),
		}
		if q.Kind == corpus.Person {
			f["person"] = q.Speaker
		} else {
			f["company"] = q.Speaker
		}
		docs = append(docs, document{id: fmt.Sprintf("q:%s:%d", a.ID, i), fields: with(cite, f)})
	}
	return docs
}

// forms returns the keys a name is found by: its own, its aliases', and
// its short form (a person's surname, a company's first word, when the
// name is not in the gazetteer, whose aliases say it better).
func (idx *Index) forms(names []string, kind corpus.EntityKind) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if k := key(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, n := range names {
		add(n)
		if e, ok := idx.names.Lookup(n); ok {
			for _, alias := range e.Aliases {
				add(alias)
			}
			continue
		}
		words := strings.Fields(n)
		if len(words) > 1 {
			if kind == corpus.Person {
				add(words[len(words)-1])
			} else if len([]rune(words[0])) >= 3 {
				add(words[0])
			}
		}
	}
	return out
}

// key normalises a name for matching: lower case, no accents, no legal
// suffix, single spaces.
func key(s string) string {
	s = corpus.BaseName(s)
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '&' || r == '.' || r == '-' || r == '\'' || r == '’':
			if r == '’' {
				r = '\''
			}
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// extractAll draws the documents of every article on as many goroutines
// as there are CPUs and sends them to out, in no particular order.
func (idx *Index) extractAll(ctx context.Context, articles []corpus.Article, forget bool, out chan<- []document) error {
	defer close(out)
	jobs := make(chan corpus.Article)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				out <- idx.documents(a)
			}
		}()
	}
	var err error
	for i := range articles {
		if err = ctx.Err(); err != nil {
			break
		}
		jobs <- articles[i]
		if forget {
			articles[i] = corpus.Article{} // its text is no longer needed here
		}
	}
	close(jobs)
	wg.Wait()
	return err
}

// remove deletes every document of an article.
func (idx *Index) remove(id string) error {
	q := query.NewTermQuery(id)
	q.SetField("article")
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := idx.bleve.Search(req)
	if err != nil {
		return fmt.Errorf("finding the documents of %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil
	}
	batch := idx.bleve.NewBatch()
	for _, h := range res.Hits {
		batch.Delete(h.ID)
	}
	return idx.bleve.Batch(batch)
}
