package index

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"dealbot/corpus"
)

// Dates are indexed as three keyword terms per document: its year
// ("2025"), month ("2025-06") and day ("2025-06-14"), in the fields "dy",
// "dm" and "dd". A date range is then a disjunction of the whole years in
// it, the whole months at its edges and the days at its ends: at most a
// hundred or so terms. Bleve indexes a number as sixteen terms (one per
// precision step), which cost a build a quarter of its time for the
// three numeric fields this replaced.

// dateFields returns the fields that date a document of article a, or
// none when the article is undated.
func dateFields(a corpus.Article, f map[string]any) {
	if a.Date.IsZero() {
		return
	}
	f["dy"] = a.Date.Format("2006")
	f["dm"] = a.Date.Format("2006-01")
	f["dd"] = a.Date.Format(time.DateOnly)
}

// sortKey orders an article's documents for "newest first": the day of
// the article (undated ones last), then the article, then the document's
// place in it (seq). One fixed-width string, so that sorting reads one
// column of doc values; a keyword is one term where a number is sixteen.
func sortKey(a corpus.Article, seq int) string {
	var days int64
	if !a.Date.IsZero() {
		days = max(a.Date.Unix()/86400, 0) + 1 // day 1 is 1970-01-01; 0 is "no date"
	}
	h := fnv.New32a()
	h.Write([]byte(a.ID))
	return fmt.Sprintf("%06d%03d%03d", days, h.Sum32()%1000, 999-min(seq, 999))
}

// daysIn matches documents of articles dated from the day of start to the
// day of end, both included (either zero for no bound); undated articles
// never match. years are the years the corpus has articles in, ascending.
func daysIn(years []int, start, end time.Time) query.Query {
	var terms []query.Query
	add := func(field, term string) {
		q := query.NewTermQuery(term)
		q.SetField(field)
		terms = append(terms, q)
	}
	inRange := func(from, to time.Time) (whole, some bool) {
		lo := start.IsZero() || !from.Before(start)
		hi := end.IsZero() || !to.After(end)
		overlap := (start.IsZero() || !to.Before(start)) && (end.IsZero() || !from.After(end))
		return lo && hi, overlap
	}
	for _, y := range years {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		whole, some := inRange(from, from.AddDate(1, 0, -1))
		if whole {
			add("dy", strconv.Itoa(y))
			continue
		}
		if !some {
			continue
		}
		for m := from; m.Year() == y; m = m.AddDate(0, 1, 0) {
			whole, some := inRange(m, m.AddDate(0, 1, -1))
			if whole {
				add("dm", m.Format("2006-01"))
				continue
			}
			if !some {
				continue
			}
			for d := m; d.Month() == m.Month(); d = d.AddDate(0, 0, 1) {
				if whole, _ := inRange(d, d); whole {
					add("dd", d.Format(time.DateOnly))
				}
			}
		}
	}
	if len(terms) == 0 {
		return query.NewMatchNoneQuery()
	}
	return query.NewDisjunctionQuery(terms)
}

// day truncates t to its day, in UTC.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addYear returns years with y in it, ascending.
func addYear(years []int, y int) []int {
	i, found := slices.BinarySearch(years, y)
	if found {
		return years
	}
	return slices.Insert(years, i, y)
}

// Newest-first answers (a company's deals, a person's quotes, the list of
// articles) read their matches a day at a time, from the newest: each such
// document is indexed under "dated" as its name and day
// ("p:coreweave|2025-06-14"), and the term dictionary, walked from a
// prefix, says at once which days have matches and how many. A page then
// reads only the days it needs, and sorts a few documents on "order"
// rather than every match (which took hundreds of milliseconds for a
// popular company at 100,000 articles; months, tried first, still left
// hundreds to sort for the most popular names).
const (
	partyDays   = "p:" // + a party's key
	speakerDays = "s:" // + a speaker's key
	articleDays = "a:" // + nothing: every article
)

// undatedDay is the day of undated articles: before every other in the
// dictionary, so last from the newest.
const undatedDay = "0000-00-00"

// dayOf returns the day of an article, as "dated" terms write it.
func dayOf(a corpus.Article) string {
	if a.Date.IsZero() {
		return undatedDay
	}
	return a.Date.Format(time.DateOnly)
}

// dayTerms returns the "dated" terms of a document of article a found by
// the given keys (a deal's parties, a quotation's speaker): kind, key,
// "|", day.
func dayTerms(a corpus.Article, kind string, keys []string) []string {
	d := dayOf(a)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = kind + k + "|" + d
	}
	return out
}
