package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Document types, in the "type" field of every document.
const (
	typeArticle = "article"
	typeDeal    = "deal"
	typeQuote   = "quote"
	typePassage = "passage"
)

// pairsAnalyzer is the name of the analyzer of the field "pairs".
const pairsAnalyzer = "en_pairs"

// newMapping returns the index's static mapping: English analysis for
// text, exact keywords for names, kinds and statuses, and stored fields
// kept to what a result shows (BLEVE.md: every stored byte is loaded per
// hit, and term vectors and _all only cost).
func newMapping() *mapping.IndexMappingImpl {
	// Text keeps term positions (IncludeTermVectors) for phrase queries.
	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) {
		doc.AddFieldMappingsAt(name, f)
	}
	add("type", kw(false, false))
	add("article", kw(false, false)) // every document's article, to find them all
	add("id", stored())              // the article's own document: its id
	add("rev", stored())             // and its revision in the source
	add("day", stored())
	add("title", stored())
	add("source", stored())
	add("url", stored())
	add("text", text(true)) // a passage's text, searched and shown
	pairs := mapping.NewTextFieldMapping()
	pairs.Analyzer = pairsAnalyzer
	pairs.Store, pairs.IncludeTermVectors, pairs.IncludeInAll, pairs.DocValues = false, false, false, false
	add("pairs", pairs)       // the same text as pairs of words: see passageQuery
	add("quote", text(false)) // a quotation's words, for "about"
	add("party", kw(false, false))
	add("speaker", kw(false, false))
	add("company", kw(false, false)) // canonical names, for suggestions
	add("person", kw(false, false))
	// Newest first, then in the article's order: see sortKey. Sorted on,
	// so with doc values; passages, ordered by relevance, have none.
	add("order", kw(false, true))
	// The year, month and day of every dated document, for date ranges:
	// see daysIn.
	add("dy", kw(false, false))
	add("dm", kw(false, false))
	add("dd", kw(false, false))
	// A name and a month, for newest-first answers: see partyDays.
	add("dated", kw(false, false))
	add("fact", stored()) // the deal or quote as JSON

	// No _all field: nothing is searched through it, and it cost a fifth of
	// the analysis.
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())

	m := mapping.NewIndexMapping()
	// pairsAnalyzer is the English analysis of text, then each word with the
	// next ("data centr"); "_" stands for a stop word between.
	if err := m.AddCustomTokenFilter("word_pairs", map[string]any{"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ", "filler": "_"}); err != nil {
		panic(err) // a constant configuration: a test sees it fail
	}
	if err := m.AddCustomAnalyzer(pairsAnalyzer, map[string]any{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name, "word_pairs"}}); err != nil {
		panic(err)
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.DefaultField = "text"
	return m
}
