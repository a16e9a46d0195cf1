package main

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"dealbot/corpus/corpustest"
)

// warmup is how many queries of each kind run, unmeasured, before the
// measured ones: they load the index's files into the page cache and let
// both engines settle.
const warmup = 20

// querySeed makes the query set the same on every run.
const querySeed = 20260101

// The query kinds, in the order the table shows them.
const (
	kindDeal    = "deal"
	kindQuote   = "quote"
	kindSearch  = "search"
	kindSuggest = "suggest"
)

var kinds = []string{kindDeal, kindQuote, kindSearch, kindSuggest}

// quoteQuery asks what Person said, about About when it is set.
type quoteQuery struct {
	Person string
	About  string
}

// suggestQuery is what a user has typed so far of a name of Kind
// ("company" or "person").
type suggestQuery struct {
	Kind   string
	Prefix string
}

// querySet is the questions both engines answer: the first warmup of each
// kind warm up, the rest are measured.
type querySet struct {
	Deals    []string // company names
	Quotes   []quoteQuery
	Searches []string // words, and "phrases" in double quotes
	Suggests []suggestQuery
}

// aboutWords occur in the corpus's quotations.
var aboutWords = []string{
	"customers", "market", "price", "money", "investors", "engineers", "growth",
	"demand", "regulators", "power", "scale", "technology", "supply", "shareholders", "chips",
}

// searchWords are common content words of the corpus's articles.
var searchWords = []string{
	"chips", "customers", "investors", "regulators", "electricity", "engineers",
	"shares", "funding", "revenue", "market", "software", "cooling", "valuation",
	"acquisition", "prices", "growth", "outage", "patents", "salaries", "reactors",
}

// searchPhrases occur in the corpus's articles.
var searchPhrases = []string{
	"data centre", "chief executive", "computing power", "funding round",
	"supply chains", "annual report", "credit facility", "undisclosed sum",
	"pension funds", "trade restrictions",
}

// newQuerySet draws warmup+perKind queries of each kind from the names of
// g's pools, with the corpus's skew: 60% of names from the 50 most
// newsworthy, 40% from the whole pool.
func newQuerySet(g *corpustest.Generator, perKind int) querySet {
	r := rand.New(rand.NewPCG(querySeed, querySeed))
	companies, people := g.Companies(), g.People()
	name := func(pool []string) string {
		if r.IntN(100) < 60 {
			return pool[r.IntN(min(50, len(pool)))]
		}
		return pool[r.IntN(len(pool))]
	}
	total := warmup + perKind
	var qs querySet
	for range total {
		qs.Deals = append(qs.Deals, name(companies))
	}
	for i := range total {
		q := quoteQuery{Person: name(people)}
		if i%2 == 1 {
			q.About = aboutWords[r.IntN(len(aboutWords))]
		}
		qs.Quotes = append(qs.Quotes, q)
	}
	for range total {
		var parts []string
		if r.IntN(100) < 25 {
			parts = append(parts, `"`+searchPhrases[r.IntN(len(searchPhrases))]+`"`)
		}
		for range 1 + r.IntN(3) - len(parts) {
			parts = append(parts, searchWords[r.IntN(len(searchWords))])
		}
		qs.Searches = append(qs.Searches, strings.Join(parts, " "))
	}
	for i := range total {
		kind, pool := "company", companies
		if i%2 == 1 {
			kind, pool = "person", people
		}
		p := []rune(strings.ToLower(name(pool)))
		p = p[:min(len(p), 2+r.IntN(4))]
		if len(p) >= 3 && r.IntN(100) < 20 {
			// A typo: a letter after the first replaced by its neighbour in the alphabet.
			j := 1 + r.IntN(len(p)-1)
			if p[j] >= 'a' && p[j] < 'z' {
				p[j]++
			}
		}
		qs.Suggests = append(qs.Suggests, suggestQuery{Kind: kind, Prefix: string(p)})
	}
	return qs
}

// prefixRange returns the bounds [lo, hi) of the strings that start with
// p, in byte order.
func prefixRange(p string) (lo, hi string) {
	if p == "" {
		return "", string(utf8.MaxRune)
	}
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return p, string(b[:i+1])
		}
	}
	return p, p + string(utf8.MaxRune)
}
