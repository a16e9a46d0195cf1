package index

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// articleFields returns the fields of an article's own document: its
// citation, stored there alone (a hit of any other document is cited
// through its article's), and its title, searched as a passage.
func articleFields(a corpus.Article) map[string]any {
	f := map[string]any{
		"type":    []string{typeArticle, typePassage},
		"article": a.ID,
		"id":      a.ID,
		"title":   a.Title,
		"source":  a.Source,
		"url":     a.URL,
		"text":    a.Title,
		"order":   sortKey(a, 0),
		"pairs":   a.Title,
		"dated":   articleDays + "|" + dayOf(a),
	}
	if !a.Date.IsZero() {
		f["day"] = a.DateString()
	}
	dateFields(a, f)
	return f
}

// articleOf returns the id of the article a document belongs to, from the
// document's id (see documents).
func articleOf(docID string) string {
	_, rest, _ := strings.Cut(docID, ":")
	id, _, _ := strings.Cut(rest, ":")
	return id
}

// documents turns an article into its documents, each with an id that
// starts with its kind and the article's id ("d:ID:3"): the article itself
// (which also stands for its title in searches), one per passage of the
// body, one per deal and one per quotation. Only the article's document
// stores its citation.
func (idx *Index) documents(a corpus.Article, rev string) []document {
	facts := idx.x.Extract(a)
	art := articleFields(a)
	art["rev"] = rev
	docs := []document{{id: "a:" + a.ID, fields: art}}
	for i, p := range passages(a.Body) {
		text := a.Body[p.Start:p.End]
		f := map[string]any{"type": typePassage, "article": a.ID, "text": text, "pairs": text}
		dateFields(a, f)
		docs = append(docs, document{id: fmt.Sprintf("p:%s:%d", a.ID, i), fields: f})
	}
	for i, d := range facts.Deals {
		fact, _ := json.Marshal(d)
		parties := idx.forms(d.Parties, corpus.Organization)
		f := map[string]any{
			"type":    typeDeal,
			"article": a.ID,
			"party":   parties,
			"dated":   dayTerms(a, partyDays, parties),
			"company": d.Parties,
			"fact":    string(fact),
			"order":   sortKey(a, i),
		}
		dateFields(a, f)
		docs = append(docs, document{id: fmt.Sprintf("d:%s:%d", a.ID, i), fields: f})
	}
	for i, q := range facts.Quotes {
		fact, _ := json.Marshal(q)
		speakers := idx.forms([]string{q.Speaker}, q.Kind)
		f := map[string]any{
			"type":    typeQuote,
			"article": a.ID,
			"speaker": speakers,
			"dated":   dayTerms(a, speakerDays, speakers),
			"quote":   q.Text,
			"fact":    string(fact),
			"order":   sortKey(a, i),
		}
		dateFields(a, f)
		if q.Kind == corpus.Person {
			f["person"] = q.Speaker
		} else {
			f["company"] = q.Speaker
		}
		docs = append(docs, document{id: fmt.Sprintf("q:%s:%d", a.ID, i), fields: f})
	}
	return docs
}

// passageBytes is about how long a passage is: paragraphs are joined
// until they reach it. Short news paragraphs each made a document of their
// own before, which cost a build as much in documents as in words.
const passageBytes = 600

// passages returns the spans of the body's passages: runs of whole
// paragraphs of about passageBytes.
func passages(body string) []corpus.Span {
	var out []corpus.Span
	for _, p := range corpus.Paragraphs(body) {
		if n := len(out); n > 0 && out[n-1].End-out[n-1].Start < passageBytes && p.End-out[n-1].Start <= 2*passageBytes {
			out[n-1].End = p.End
			continue
		}
		out = append(out, corpus.Span{Start: p.Start, End: p.End})
	}
	return out
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

// indexed is what indexAll does for one article: the documents to delete
// (what the index held of it) and those to index, and its revision ("" for
// an article the source could not read).
type indexed struct {
	id, rev string
	old     []string
	docs    []document
	names   []nameRef // the names the old and new documents hold
}

// extractAll reads the articles with those ids from the source, draws
// their documents on as many goroutines as there are CPUs and sends them
// to out, one per id, in no particular order.
func (idx *Index) extractAll(ctx context.Context, ids []string, out chan<- indexed) error {
	defer close(out)
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make(chan error, 1)
	)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ids) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				x := indexed{id: ids[i]}
				idx.mu.RLock()
				_, held := idx.revs[x.id]
				idx.mu.RUnlock()
				if held {
					old, names, err := idx.held(x.id)
					if err != nil {
						select {
						case errs <- err:
						default:
						}
						return
					}
					x.old, x.names = old, names
				}
				a, rev, err := idx.src.Read(x.id)
				if err == nil {
					a.ID = x.id
					x.rev, x.docs = rev, idx.documents(a, rev)
					if held {
						x.names = append(x.names, namesOf(x.docs)...)
					}
				}
				out <- x
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return ctx.Err()
}

// held returns the ids of every document the index holds of an article,
// and the names its deals and quotations hold.
func (idx *Index) held(id string) ([]string, []nameRef, error) {
	q := query.NewTermQuery(id)
	q.SetField("article")
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.Score = "none"
	req.Fields = []string{"fact"}
	res, err := idx.bleve.Search(req)
	if err != nil {
		return nil, nil, fmt.Errorf("finding the documents of %s: %w", id, err)
	}
	ids := make([]string, len(res.Hits))
	var names []nameRef
	for i, h := range res.Hits {
		ids[i] = h.ID
		fact := fields(h.Fields).str("fact")
		switch h.ID[:2] {
		case "d:":
			var d corpus.Deal
			if json.Unmarshal([]byte(fact), &d) == nil {
				for _, p := range d.Parties {
					names = append(names, nameRef{"company", p})
				}
			}
		case "q:":
			var q corpus.Quote
			if json.Unmarshal([]byte(fact), &q) == nil {
				names = append(names, speakerRef(q))
			}
		}
	}
	return ids, names, nil
}

// namesOf returns the names new documents hold.
func namesOf(docs []document) []nameRef {
	var out []nameRef
	for _, d := range docs {
		for _, field := range []string{"company", "person"} {
			switch v := d.fields[field].(type) {
			case string:
				out = append(out, nameRef{field, v})
			case []string:
				for _, n := range v {
					out = append(out, nameRef{field, n})
				}
			}
		}
	}
	return out
}
