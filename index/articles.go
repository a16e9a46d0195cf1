package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dealbot/corpus"
)

// ErrNotFound is returned by Article when no article has the id asked for.
var ErrNotFound = errors.New("no such article")

// Detail is one article as the index holds it: its citation and the facts
// drawn from it, in the order the article tells them.
type Detail struct {
	Article Citation       `json:"article"`
	Deals   []corpus.Deal  `json:"deals"`
	Quotes  []corpus.Quote `json:"quotes"`
}

// Articles lists the corpus's articles, newest first (undated ones last),
// one page at a time: each result carries the article's citation and no
// excerpt.
func (idx *Index) Articles(ctx context.Context, q Query) (Answer, error) {
	q = Query{Kind: "article", Page: q.Page}
	return idx.run(ctx, q, typeIs(typeArticle), byDate, articleDays+"|", func(f fields) Result {
		return Result{Article: f.citation()}
	})
}

// Article returns the article with the given id and its facts. It returns
// ErrNotFound when the corpus has no such article.
func (idx *Index) Article(ctx context.Context, id string) (Detail, error) {
	q := query.NewConjunctionQuery([]query.Query{termIn("article", id)})
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.Fields = append([]string{"fact"}, citationFields...)
	req.SortByCustom(search.SortOrder{&search.SortField{Field: "order", Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}})
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return Detail{}, fmt.Errorf("reading article %s: %w", id, err)
	}
	d := Detail{Deals: []corpus.Deal{}, Quotes: []corpus.Quote{}}
	found := false
	// Sorted on "order", an article's deals and quotes come in the order
	// it tells them.
	for _, h := range res.Hits {
		f := fields(h.Fields)
		switch h.ID[:2] { // see documents
		case "a:":
			d.Article, found = f.citation(), true
		case "d:":
			var x corpus.Deal
			if json.Unmarshal([]byte(f.str("fact")), &x) == nil {
				d.Deals = append(d.Deals, x)
			}
		case "q:":
			var x corpus.Quote
			if json.Unmarshal([]byte(f.str("fact")), &x) == nil {
				d.Quotes = append(d.Quotes, x)
			}
		}
	}
	if !found {
		return Detail{}, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	return d, nil
}
