package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Facts are what dealbot draws from one article: its passages, the direct
// quotations with their speakers, the deals, and the companies and people
// it names.
type Facts struct {
	Passages []Passage `json:"passages,omitempty"`
	Quotes   []Quote   `json:"quotes"`
	Deals    []Deal    `json:"deals"`
	Entities []Entity  `json:"entities"`
}

// Extractor draws Facts from articles. It is safe for concurrent use.
type Extractor struct {
	names *Gazetteer
	lex   *lexicon
}

// NewExtractor returns an Extractor that knows the names in g (nil: the
// built-in gazetteer).
func NewExtractor(g *Gazetteer) *Extractor {
	if g == nil {
		g = Names()
	}
	return &Extractor{names: g, lex: newLexicon()}
}

// Extract draws the facts from an article. Every offset it returns is into
// a.Body, except those of facts drawn from the title (Passage kind
// PassageTitle, Deal.InTitle), which are into a.Title.
func (x *Extractor) Extract(a Article) Facts {
	doc := x.read(a)
	f := Facts{Passages: doc.passages}
	f.Quotes = doc.attribute()
	f.Deals = doc.deals()
	f.Entities = doc.entities()
	return f
}

// doc is an article being read: its passages, quotation marks and mentions.
type doc struct {
	x             *Extractor
	a             Article
	passages      []Passage // title first (when there is one), then the body's
	quotes        []rawQuote
	quotePara     []int // paragraph index of each quote
	mentions      []mention
	titleMentions []mention
	bound         map[string]string // descriptor → entity it was resolved to
}

func (x *Extractor) read(a Article) *doc {
	d := &doc{x: x, a: a, bound: map[string]string{}}
	body := a.Body
	starts := map[int]bool{}
	seenSentence := false
	for pi, p := range Paragraphs(body) {
		text := body[p.Start:p.End]
		if kind, ok := lineKind(text, seenSentence); ok {
			d.passages = append(d.passages, Passage{Kind: kind, Para: pi, Span: p, Text: text})
			starts[p.Start] = true
		} else {
			seenSentence = true
			for _, s := range splitSentences(text) {
				sp := Span{p.Start + s.Start, p.Start + s.End}
				d.passages = append(d.passages, Passage{Kind: PassageSentence, Para: pi, Span: sp, Text: body[sp.Start:sp.End]})
				starts[sp.Start] = true
			}
		}
		offset := len(d.quotes)
		for _, q := range findQuotes(body, p) {
			if q.parent >= 0 {
				q.parent += offset
			}
			d.quotes = append(d.quotes, q)
			d.quotePara = append(d.quotePara, pi)
		}
	}
	var spans []Span
	for _, q := range d.quotes {
		spans = append(spans, q.inner)
	}
	rc := newRecognizer(x.lex, x.names)
	rc.article = a.Title + "\n\n" + body
	// The title goes first: it names the parties in full ("Halcyon
	// Compute") before the body shortens them.
	title := strings.TrimSpace(a.Title) != ""
	if title {
		d.titleMentions = rc.find(a.Title, nil, map[int]bool{0: true}, isTitleCase(a.Title))
	}
	d.mentions = rc.find(body, spans, starts, false)
	if title {
		// Read the title again with the names the body taught ("Zephyr buys
		// Kestrel" after "Zephyr Robotics has agreed to buy Kestrel Sensors").
		again := rc.find(a.Title, nil, map[int]bool{0: true}, true)
		d.titleMentions = mergeMentions(again, d.titleMentions)
	}
	rc.settle(d.titleMentions)
	rc.settle(d.mentions)
	// Descriptions are bound in reading order: the first "the AI
	// hyperscaler" fixes what the later ones mean.
	for i, m := range d.mentions {
		if m.how == byDescriptor {
			if name, _, ok := d.resolveDescriptor(m); ok {
				d.mentions[i].entity = name
			}
		}
	}
	if title {
		d.passages = append([]Passage{{Kind: PassageTitle, Para: -1, Span: Span{0, len(a.Title)}, Text: a.Title}}, d.passages...)
	}
	return d
}

// mergeMentions returns the mentions of a, then those of b that overlap
// none of a's, in order of position.
func mergeMentions(a, b []mention) []mention {
	out := append([]mention(nil), a...)
	for _, m := range b {
		overlaps := false
		for _, o := range a {
			if m.Start < o.End && o.Start < m.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// lineKind tells a standfirst line or a subheading from a paragraph of
// prose: a short line without final punctuation. Before the first
// paragraph of prose such a line is standfirst; after, a subheading.
func lineKind(text string, afterProse bool) (PassageKind, bool) {
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(".!?…:;\"”’)", last) || strings.Contains(text, "\n") {
		return "", false
	}
	words := len(strings.Fields(text))
	if !afterProse && words <= 30 {
		return PassageStandfirst, true
	}
	if words <= 12 {
		return PassageHeading, true
	}
	return "", false
}

// isTitleCase reports whether most words of a title are capitalised, in
// which case capitals say nothing about names.
func isTitleCase(title string) bool {
	words := strings.Fields(title)
	caps, long := 0, 0
	for _, w := range words {
		if utf8.RuneCountInString(w) <= 3 {
			continue
		}
		long++
		if isCapitalized(w) {
			caps++
		}
	}
	return long >= 3 && caps*4 >= long*3
}

// sentenceAt returns the body passage that holds offset pos.
func (d *doc) sentenceAt(pos int) (Passage, bool) {
	for _, p := range d.passages {
		if p.Kind != PassageTitle && p.Start <= pos && pos < p.End {
			return p, true
		}
	}
	return Passage{}, false
}

// inHeading reports whether a body offset falls in a subheading.
func (d *doc) inHeading(pos int) bool {
	p, ok := d.sentenceAt(pos)
	return ok && p.Kind == PassageHeading
}

// resolve returns the canonical entity a mention stands for: itself when
// it names one; for a pronoun or a description, the entity it refers to.
func (d *doc) resolve(m mention) (string, EntityKind, bool) {
	switch m.how {
	case byName:
		return m.entity, m.kind, true
	case byPronoun:
		kind := m.kind
		if kind == "" && d.personEarlierInParagraph(m.Start) {
			kind = Person // singular "they", of a person just named
		}
		if kind == Organization || kind == "" {
			if name, ok := d.subjectBefore(m); ok {
				return name, Organization, true
			}
		}
		if kind == Person {
			if name, ok := d.personSubject(m); ok {
				return name, Person, true
			}
		}
		for i := len(d.mentions) - 1; i >= 0; i-- {
			c := d.mentions[i]
			if c.Start >= m.Start || c.how != byName || c.inQuote && !m.inQuote || c.media {
				continue
			}
			if kind == "" || c.kind == kind {
				return c.entity, c.kind, true
			}
		}
	case byDescriptor:
		if m.entity != "" {
			return m.entity, Organization, true
		}
	}
	return "", "", false
}

// subjectBefore returns the company that "it" most likely stands for: the
// first company named in its sentence before it, else in the sentence
// before that names one.
func (d *doc) subjectBefore(m mention) (string, bool) {
	return d.subjectAt(m, 0)
}

// subjectAt is subjectBefore, depth pronouns deep.
func (d *doc) subjectAt(m mention, depth int) (string, bool) {
	sent, ok := d.sentenceAt(m.Start)
	if !ok {
		return "", false
	}
	first := func(from, to int) (string, bool) {
		for _, c := range d.mentions {
			if c.Start < from || c.End > to || c.media || c.inQuote && !m.inQuote {
				continue
			}
			if c.how == byPronoun && strings.EqualFold(c.text, "it") && c.Start < m.Start && depth < 3 && actsRE.MatchString(strings.TrimLeft(d.a.Body[c.End:min(len(d.a.Body), c.End+60)], " ")) {
				// "It paid $900m for Larkspur. It also made an offer…": the
				// subject goes on through the pronouns.
				return d.subjectAt(c, depth+1)
			}
			if c.kind == Organization && (c.how == byName || c.how == byDescriptor && c.entity != "") && !d.reports(c) {
				return c.entity, true
			}
		}
		return "", false
	}
	if name, ok := first(sent.Start, m.Start); ok {
		return name, true
	}
	for i := len(d.passages) - 1; i >= 0; i-- {
		p := d.passages[i]
		if p.Kind == PassageTitle || p.Kind == PassageHeading || p.End > sent.Start {
			continue
		}
		if name, ok := first(p.Start, p.End); ok {
			return name, true
		}
		if sent.Start-p.End > 600 {
			break
		}
	}
	return "", false
}

// personSubject returns the person "he" or "she" most likely stands for:
// the first person named in its sentence before it, else in the nearest
// sentence before that names one (a subject outlives the names in between).
func (d *doc) personSubject(m mention) (string, bool) {
	sent, ok := d.sentenceAt(m.Start)
	if !ok {
		return "", false
	}
	first := func(from, to int) (string, bool) {
		for _, c := range d.mentions {
			if c.Start >= from && c.End <= to && c.kind == Person && c.how == byName && (!c.inQuote || m.inQuote) {
				return c.entity, true
			}
		}
		return "", false
	}
	if name, ok := first(sent.Start, m.Start); ok {
		return name, true
	}
	for i := len(d.passages) - 1; i >= 0; i-- {
		p := d.passages[i]
		if p.Kind == PassageTitle || p.End > sent.Start {
			continue
		}
		if name, ok := first(p.Start, p.End); ok {
			return name, true
		}
		if sent.Start-p.End > 600 {
			break
		}
	}
	return "", false
}

// personEarlierInParagraph reports whether a person is named, outside
// quotations, earlier in the paragraph that holds pos.
func (d *doc) personEarlierInParagraph(pos int) bool {
	start := strings.LastIndex(d.a.Body[:pos], "\n\n") + 1
	for _, c := range d.mentions {
		if c.Start >= start && c.Start < pos && c.how == byName && c.kind == Person && !c.inQuote {
			return true
		}
	}
	return false
}

// resolveDescriptor finds the company a description refers to: for "the
// company" or "the firm", the company last named; for a more telling
// description ("the AI hyperscaler"), the company last named before its
// sentence (a sentence rarely describes a company it has just named), and
// the same company every later time the article uses it.
func (d *doc) resolveDescriptor(m mention) (string, EntityKind, bool) {
	key := strings.ToLower(m.text)
	if e, ok := d.bound[key]; ok {
		return e, Organization, true
	}
	generic := genericDescriptor(key)
	// "Petrichor Labs, the AI software group": an apposition names it.
	for i := len(d.mentions) - 1; i >= 0; i-- {
		c := d.mentions[i]
		if c.End > m.Start {
			continue
		}
		if c.how == byName && c.kind == Organization && strings.TrimSpace(d.a.Body[c.End:m.Start]) == "," {
			return c.entity, Organization, true
		}
		break
	}
	sent, _ := d.sentenceAt(m.Start)
	best, bestScore := "", -1.0
	seen := map[string]bool{}
	counts := map[string]int{}
	for _, c := range d.titleMentions {
		if c.how == byName && c.kind == Organization && !c.media {
			counts[c.entity]++
		}
	}
	for _, c := range d.mentions {
		if c.Start < m.Start && c.how == byName && c.kind == Organization && !c.media {
			counts[c.entity]++
		}
	}
	// Candidates: the companies named before it, most recent first, then
	// those of the title.
	cands := make([]mention, 0, len(d.mentions)+len(d.titleMentions))
	for i := len(d.mentions) - 1; i >= 0; i-- {
		cands = append(cands, d.mentions[i])
	}
	for _, c := range d.titleMentions {
		c.Start, c.End = -1, -1 // before everything in the body
		cands = append(cands, c)
	}
	rank := 0
	for _, c := range cands {
		if c.Start >= m.Start || c.how != byName || c.kind != Organization || c.media || c.inQuote && !m.inQuote || d.inHeading(c.Start) || seen[c.entity] {
			continue
		}
		seen[c.entity] = true
		if generic {
			// "the company" is the subject of its sentence, or of the one
			// before; failing that, the company last named.
			later := d.namedAfter(sent, m)
			if subj, ok := d.subjectBefore(m); ok && !later[subj] {
				best = subj
				break
			}
			if later[c.entity] {
				continue // "The company's contract is with Tessaract": not Tessaract
			}
			best = c.entity
			break
		}
		if c.Start >= 0 && c.Start >= sent.Start && c.Start < m.Start && !d.x.lex.describes(key, c.entity) {
			continue // a sentence rarely describes a company it has just named, unless the description fits it
		}
		score := float64(counts[c.entity]) - float64(rank)
		if d.x.lex.describes(key, c.entity) {
			score += 10
		}
		if score > bestScore {
			best, bestScore = c.entity, score
		}
		rank++
		if rank >= 5 {
			break
		}
	}
	if best == "" {
		return "", "", false
	}
	if !generic {
		d.bound[key] = best
	}
	return best, Organization, true
}

// namedAfter returns the companies a sentence names by name after m.
func (d *doc) namedAfter(sent Passage, m mention) map[string]bool {
	named := map[string]bool{}
	for _, c := range d.mentions {
		if c.Start >= m.End && c.End <= sent.End && c.how == byName && c.kind == Organization {
			named[c.entity] = true
		}
	}
	return named
}

// genericDescriptor reports whether a description says no more than that
// it is a company ("the company", "the firm").
func genericDescriptor(key string) bool {
	switch strings.TrimPrefix(key, "the ") {
	case "company", "firm", "group", "business", "startup", "start-up", "outfit":
		return true
	}
	return false
}

// entities lists the companies and people the article names, each once,
// in order of first mention.
func (d *doc) entities() []Entity {
	seen := map[string]bool{}
	var out []Entity
	for _, ms := range [][]mention{d.titleMentions, d.mentions} {
		for _, m := range ms {
			if m.how != byName || seen[m.entity] {
				continue
			}
			seen[m.entity] = true
			e, ok := d.x.names.Lookup(m.entity)
			if !ok {
				e = Entity{Name: m.entity, Kind: m.kind}
			}
			out = append(out, e)
		}
	}
	return out
}

// isBlank reports whether s is only white space and punctuation.
func isBlank(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == ""
}
