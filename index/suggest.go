package index

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"dealbot/corpus"
)

// MaxSuggestions is the most names Suggest returns (Discord's limit for
// autocomplete).
const MaxSuggestions = 25

// suggester holds the names in the corpus, in memory: suggesting from the
// index's text would take a prefix query over every passage (over 100 ms at
// 100,000 articles, BLEVE.md), from memory it takes microseconds.
type suggester struct {
	companies []name
	people    []name
	byKey     map[string]string // key of a name or alias → canonical name
}

// name is a known name and how many documents name it.
type name struct {
	canon string
	key   string
	count int
	// runes and words are key's, as fuzzyMatch needs them: made once
	// rather than on every keystroke of every member.
	runes []rune
	words [][]rune
}

// newName returns the name canon, which count documents name.
func newName(canon string, count int) name {
	n := name{canon: canon, key: key(canon), count: count}
	n.runes = []rune(n.key)
	for _, w := range strings.Fields(n.key) {
		n.words = append(n.words, []rune(w))
	}
	return n
}

// loadNames reads the names of companies and people from the index's
// keyword fields (their term dictionaries: no document is loaded).
func (idx *Index) loadNames() error {
	s := &suggester{byKey: map[string]string{}}
	idx.mu.RLock()
	dead := idx.dead
	idx.mu.RUnlock()
	read := func(field string) ([]name, error) {
		var out []name
		err := idx.eachTerm(field, func(term string, count int) {
			if dead[nameRef{field, term}] {
				return
			}
			n := newName(term, count)
			out = append(out, n)
			s.byKey[n.key] = n.canon
			if ent, ok := idx.names.Lookup(term); ok {
				for _, a := range ent.Aliases {
					s.byKey[key(a)] = n.canon
				}
			}
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].count != out[j].count {
				return out[i].count > out[j].count
			}
			return out[i].canon < out[j].canon
		})
		return out, nil
	}
	short := map[string]string{} // a short form → its name, "" when two names share it
	addShort := func(form, canon string) {
		k := key(form)
		if len([]rune(k)) < 3 {
			return
		}
		if prev, ok := short[k]; ok && prev != canon {
			short[k] = ""
			return
		}
		short[k] = canon
	}
	var err error
	if s.companies, err = read("company"); err != nil {
		return err
	}
	if s.people, err = read("person"); err != nil {
		return err
	}
	for _, n := range s.companies {
		if w := strings.Fields(n.canon); len(w) > 1 {
			addShort(w[0], n.canon)
		}
	}
	for _, n := range s.people {
		if w := strings.Fields(n.canon); len(w) > 1 {
			addShort(w[len(w)-1], n.canon)
		}
	}
	for k, c := range short {
		if _, taken := s.byKey[k]; !taken && c != "" {
			s.byKey[k] = c // "halcyon" → "Halcyon Compute", "okafor" → "Daniel Okafor"
		}
	}
	years, err := idx.readYears()
	if err != nil {
		return err
	}
	idx.mu.Lock()
	idx.sugg = s
	idx.years = years
	idx.mu.Unlock()
	// Answers name, resolve and suggest names from them.
	idx.answers.changed()
	return nil
}

// nameRef is a name in a keyword field: "company" or "person".
type nameRef struct{ field, term string }

// speakerRef is the name of a quotation's speaker.
func speakerRef(q corpus.Quote) nameRef {
	if q.Kind == corpus.Person {
		return nameRef{"person", q.Speaker}
	}
	return nameRef{"company", q.Speaker}
}

// checkNames counts the live documents of each name and records those
// with none as dead, the others as alive.
func (idx *Index) checkNames(ctx context.Context, names []nameRef) error {
	alive := map[nameRef]bool{}
	for _, n := range names {
		if _, done := alive[n]; done {
			continue
		}
		c, err := idx.count(ctx, termIn(n.field, n.term))
		if err != nil {
			return err
		}
		alive[n] = c > 0
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	dead := make(map[nameRef]bool, len(idx.dead))
	for n := range idx.dead {
		dead[n] = true
	}
	for n, ok := range alive {
		if ok {
			delete(dead, n)
		} else {
			dead[n] = true
		}
	}
	idx.dead = dead
	return nil
}

// checkAllNames checks every name the term dictionaries list.
func (idx *Index) checkAllNames(ctx context.Context) error {
	var names []nameRef
	for _, field := range []string{"company", "person"} {
		if err := idx.eachTerm(field, func(term string, _ int) { names = append(names, nameRef{field, term}) }); err != nil {
			return err
		}
	}
	return idx.checkNames(ctx, names)
}

// eachTerm calls fn with every term of a field's dictionary, in order,
// and how many documents the dictionary counts for it (deleted ones
// included until segments merge).
func (idx *Index) eachTerm(field string, fn func(term string, count int)) error {
	dict, err := idx.bleve.FieldDict(field)
	if err != nil {
		return err
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		fn(e.Term, int(e.Count))
	}
}

// readYears returns the years the corpus has articles in, ascending, from
// the term dictionary of "dy".
func (idx *Index) readYears() ([]int, error) {
	var years []int
	err := idx.eachTerm("dy", func(term string, _ int) {
		if y, err := strconv.Atoi(term); err == nil {
			years = addYear(years, y)
		}
	})
	return years, err
}

// lookupFold returns the canonical name of a name in the corpus typed in
// any case or by an alias.
func (idx *Index) lookupFold(n string) (string, bool) {
	idx.mu.RLock()
	defer idx.mu.RUnlock()
	c, ok := idx.sugg.byKey[key(n)]
	return c, ok
}

// Suggest returns up to MaxSuggestions names of kind "company" or "person"
// that fit what the user is typing: the name itself, names that start with
// it or have a word that does, names an alias of which does, and names a
// typo or two away; the most cited first within each of those.
func (idx *Index) Suggest(kind, prefix string) []string {
	idx.mu.RLock()
	defer idx.mu.RUnlock()
	pool := idx.sugg.companies
	if kind == "person" {
		pool = idx.sugg.people
	}
	p := key(prefix)
	if p == "" {
		out := []string{}
		for _, n := range pool {
			if len(out) == MaxSuggestions {
				break
			}
			out = append(out, n.canon)
		}
		return out
	}
	// Ranks: 0 exact, 1 alias, 2 prefix, 3 word prefix, 4 fuzzy.
	var tiers [4][]string
	for _, n := range pool {
		switch {
		case n.key == p:
			tiers[0] = append(tiers[0], n.canon)
		case strings.HasPrefix(n.key, p):
			tiers[2] = append(tiers[2], n.canon)
		case wordPrefix(n.key, p):
			tiers[3] = append(tiers[3], n.canon)
		}
	}
	if c, ok := idx.sugg.byKey[p]; ok {
		tiers[1] = append(tiers[1], c)
	}
	seen := map[string]bool{}
	out := []string{}
	add := func(c string) {
		if !seen[c] && len(out) < MaxSuggestions {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, t := range tiers {
		for _, c := range t {
			add(c)
		}
	}
	// Typos last, and only when the others leave room: most of what
	// members type starts enough names already.
	pr := []rune(p)
	if len(out) == MaxSuggestions || len(pr) < 3 {
		return out
	}
	var buf []int
	for _, n := range pool {
		if len(out) == MaxSuggestions {
			break
		}
		if !seen[n.canon] && fuzzyMatch(n, pr, &buf) {
			add(n.canon)
		}
	}
	return out
}

// nearest returns up to three names close to one that found nothing, for
// "Did you mean …?".
func (idx *Index) nearest(kind, n string) []string {
	s := idx.Suggest(kind, n)
	if len(s) > 3 {
		s = s[:3]
	}
	return s
}

// wordPrefix reports whether a word of s after the first starts with p.
func wordPrefix(s, p string) bool {
	for i := strings.IndexByte(s, ' '); i >= 0; {
		s = s[i+1:]
		if strings.HasPrefix(s, p) {
			return true
		}
		i = strings.IndexByte(s, ' ')
	}
	return false
}

// fuzzyMatch reports whether p is within a small edit distance of s, or of
// a word of s, or of s's start: one edit for short input, two from six
// letters on.
// buf is scratch space for editDistance, reused across calls.
func fuzzyMatch(n name, p []rune, buf *[]int) bool {
	limit := 1
	if len(p) >= 6 {
		limit = 2
	}
	if editDistance(n.runes, p, limit, buf) <= limit {
		return true
	}
	if len(n.runes) > len(p) && editDistance(n.runes[:len(p)], p, limit, buf) <= limit {
		return true
	}
	for _, w := range n.words {
		if editDistance(w, p, limit, buf) <= limit {
			return true
		}
	}
	return false
}

// editDistance returns the Levenshtein distance of ra and rb, or limit+1
// as soon as it must exceed limit. buf is scratch space, grown as needed.
func editDistance(ra, rb []rune, limit int, buf *[]int) int {
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	if cap(*buf) < 2*(len(rb)+1) {
		*buf = make([]int, 2*(len(rb)+1))
	}
	prev := (*buf)[:len(rb)+1]
	cur := (*buf)[len(rb)+1 : 2*(len(rb)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
