package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// attribution is how a quotation was tied to its speaker.
type attribution struct {
	speaker   mention
	name      string
	kind      EntityKind
	cue       string
	after     bool // the attribution follows the quotation
	end       int  // where the attribution's words end (for cutting nested quotes)
	inherited bool // taken from the quotation before it
}

// attribute finds the speaker of every quotation that is not a fragment.
func (d *doc) attribute() []Quote {
	body := d.a.Body
	attrs := make([]*attribution, len(d.quotes))
	var last *attribution
	lastPara := -10
	for i, q := range d.quotes {
		text := strings.TrimSpace(body[q.inner.Start:q.inner.End])
		if isFragment(text) {
			continue
		}
		at := d.attributeOne(i)
		if at == nil && q.parent < 0 && last != nil && d.quotePara[i]-lastPara <= 1 && d.opensSentence(i) {
			// A split quotation, or one that goes on in a new paragraph:
			// the same speaker goes on.
			c := *last
			c.inherited, c.after, c.cue = true, false, last.cue
			at = &c
		}
		if at == nil {
			continue
		}
		if strings.EqualFold(at.speaker.text, "they") && last != nil && last.kind == Person && d.quotePara[i]-lastPara <= 2 && !at.inherited {
			at.name, at.kind = last.name, last.kind // a singular "they" goes on with the last speaker
		}
		attrs[i] = at
		if q.parent < 0 {
			last, lastPara = at, d.quotePara[i]
		}
	}
	var out []Quote
	for i, q := range d.quotes {
		at := attrs[i]
		if at == nil {
			continue
		}
		qt := Quote{
			Speaker:   at.name,
			SpeakerAs: at.speaker.text,
			Kind:      at.kind,
			Role:      d.roleOf(at.name),
			Cue:       at.cue,
		}
		qt.Start, qt.End = trimSpan(body, q.inner.Start, q.inner.End)
		qt.Parts = d.keptParts(i, attrs)
		var texts []string
		for _, p := range qt.Parts {
			texts = append(texts, body[p.Start:p.End])
		}
		qt.Text = strings.Join(texts, " … ")
		if len(qt.Parts) == 1 {
			// One piece: it is the quotation's span (a nested quotation
			// cut from its end leaves less than the marks enclose).
			qt.Span, qt.Parts = qt.Parts[0], nil
		}
		qt.ExcerptAt = d.excerpt(qt.Span)
		qt.Excerpt = body[qt.ExcerptAt.Start:qt.ExcerptAt.End]
		out = append(out, qt)
	}
	return out
}

// keptParts returns the pieces of quotation i left when the attributed
// quotations nested in it (with their words of attribution) are cut out.
func (d *doc) keptParts(i int, attrs []*attribution) []Span {
	body := d.a.Body
	q := d.quotes[i]
	var parts []Span
	from, cutBefore := q.inner.Start, false
	piece := func(start, end int, cutAfter bool) {
		s, e := trimSpan(body, start, end)
		if cutBefore {
			s, _ = trimCut(body, s, e)
		}
		if cutAfter {
			_, e = trimCut(body, s, e)
		}
		if e > s {
			parts = append(parts, Span{s, e})
		}
	}
	for j, c := range d.quotes {
		if c.parent != i || attrs[j] == nil || attrs[j].inherited {
			continue
		}
		cutEnd := c.close
		if c.closed && c.close < len(body) {
			_, n := decodeRune(body[c.close:])
			cutEnd += n
		}
		if attrs[j].after && attrs[j].end > cutEnd {
			cutEnd = attrs[j].end
		}
		piece(from, c.open, true)
		from, cutBefore = cutEnd, true
	}
	piece(from, q.inner.End, false)
	if len(parts) == 0 {
		s, e := trimSpan(body, q.inner.Start, q.inner.End)
		parts = []Span{{s, e}}
	}
	return parts
}

// trimCut trims white space and the dashes and commas that bracketed a cut.
func trimCut(s string, start, end int) (int, int) {
	cut := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("-–—,;", r) }
	for start < end {
		r, n := decodeRune(s[start:end])
		if !cut(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := decodeLastRune(s[start:end])
		if !cut(r) {
			break
		}
		end -= n
	}
	return start, end
}

// opensSentence reports whether quotation i starts its sentence (nothing
// but white space or punctuation before it) and has no words after it.
func (d *doc) opensSentence(i int) bool {
	q := d.quotes[i]
	s, ok := d.sentenceAt(q.open)
	if !ok {
		return false
	}
	return isBlank(d.a.Body[s.Start:q.open])
}

// excerpt returns the span of the sentences that a span overlaps.
func (d *doc) excerpt(sp Span) Span {
	out := Span{-1, -1}
	for _, p := range d.passages {
		if p.Kind == PassageTitle || p.End <= sp.Start || p.Start >= sp.End {
			continue
		}
		if out.Start < 0 {
			out.Start = p.Start
		}
		out.End = p.End
	}
	if out.Start < 0 {
		return sp
	}
	return out
}

// regions returns the text around quotation i where its attribution may
// be: before it (from the start of its sentence, or of the quotation it
// sits in, or the end of the quotation before it) and after it (to the
// next quotation or the end of the sentence).
func (d *doc) regions(i int) (before, after Span) {
	body := d.a.Body
	q := d.quotes[i]
	lo, hi := 0, len(body)
	if q.parent >= 0 {
		lo, hi = d.quotes[q.parent].inner.Start, d.quotes[q.parent].inner.End
	} else if s, ok := d.sentenceAt(q.open); ok {
		lo = s.Start
		if e, ok := d.sentenceAt(max(q.close-1, q.open)); ok {
			hi = e.End
		}
	}
	for j, c := range d.quotes {
		if j == i || c.parent != q.parent {
			continue
		}
		if c.close < q.open && c.close+1 > lo {
			lo = c.close + 1
		}
		if c.open > q.open && c.open < hi {
			hi = c.open
		}
	}
	closeEnd := q.close
	if q.closed {
		_, n := decodeRune(body[q.close:])
		closeEnd += n
	}
	if lo > q.open {
		lo = q.open
	}
	if closeEnd > hi {
		closeEnd = hi
	}
	return Span{lo, q.open}, Span{closeEnd, hi}
}

// inRegion returns the mentions inside r that are not inside a quotation
// that itself opens inside r.
func (d *doc) inRegion(r Span) []mention {
	var out []mention
	for _, m := range d.mentions {
		if m.Start < r.Start || m.End > r.End {
			continue
		}
		nested := false
		for _, q := range d.quotes {
			if q.open >= r.Start && q.open < r.End && m.Start >= q.inner.Start && m.End <= q.inner.End {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, m)
		}
	}
	return out
}

// attributeOne ties quotation i to a speaker from the words after it
// ("…,” Okafor said), or before it (Okafor said: “…”), or returns nil.
func (d *doc) attributeOne(i int) *attribution {
	before, after := d.regions(i)
	if at := d.attributeAfter(after); at != nil {
		return at
	}
	return d.attributeBefore(before)
}

// wordAt is a word of a region with its offset.
type wordAt struct {
	Span
	text string
}

// words splits body[r] into words (letters, digits, inner apostrophes and
// hyphens) and stops at the first mark that ends a sentence.
func (d *doc) words(r Span, stopAtSentenceEnd bool) []wordAt {
	body := d.a.Body
	var out []wordAt
	for i := r.Start; i < r.End; {
		c, n := decodeRune(body[i:r.End])
		if stopAtSentenceEnd && (c == '.' || c == '!' || c == '?') {
			break
		}
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			i += n
			continue
		}
		j := i
		for j < r.End {
			c2, n2 := decodeRune(body[j:r.End])
			if unicode.IsLetter(c2) || unicode.IsDigit(c2) || ((c2 == '\'' || c2 == '’' || c2 == '-') && j+n2 < r.End && unicode.IsLetter(firstRune(body[j+n2:r.End]))) {
				j += n2
				continue
			}
			break
		}
		out = append(out, wordAt{Span{i, j}, body[i:j]})
		i = j
	}
	return out
}

// attributeAfter reads "…,” Okafor said", "…,” said Okafor", "…,” the
// company said in a statement" and "…,” a spokesperson for Zephyr said".
func (d *doc) attributeAfter(r Span) *attribution {
	ws := d.words(r, true)
	verb := -1
	for k, w := range ws {
		if k >= 9 {
			break
		}
		if d.x.lex.speech[w.text] && w.text != "according" {
			verb = k
			break
		}
	}
	if verb < 0 {
		return nil
	}
	v := ws[verb]
	ms := d.inRegion(Span{r.Start, v.Start})
	at := &attribution{after: true}
	if pick, ok := d.pickSpeaker(ms); ok {
		at.speaker = pick
	} else {
		// Inverted: "said Okafor", "said the company".
		var next []mention
		for _, m := range d.inRegion(Span{v.End, r.End}) {
			if strings.ContainsAny(d.a.Body[v.End:m.Start], ",;:–—") && m.Start > v.End+1 {
				break
			}
			next = append(next, m)
		}
		pick, ok := d.pickSpeaker(next)
		if !ok {
			return nil
		}
		at.speaker = pick // "said Veldt co-founder Femke Dijkstra"
	}
	if !d.fill(at) {
		return nil
	}
	at.cue, at.end = d.cueFrom(v.Start, r.End, at.speaker)
	if at.speaker.End > at.end {
		at.end = at.speaker.End
	}
	return at
}

// attributeBefore reads "Okafor said: “…”", "according to Okafor, “…”",
// "Okafor, the chief executive of X, said that “…”" and "He described
// this as the rub, saying, “…”".
func (d *doc) attributeBefore(r Span) *attribution {
	body := d.a.Body
	// The clause that leads into the quotation.
	start := r.Start
	for _, sep := range []string{"; ", ", and ", ", but ", ", while ", ". ", ", whereas "} {
		if k := strings.LastIndex(body[r.Start:r.End], sep); k >= 0 && r.Start+k+len(sep) > start {
			start = r.Start + k + len(sep)
		}
	}
	clause := Span{start, r.End}
	text := body[clause.Start:clause.End]
	if k := strings.LastIndex(strings.ToLower(text), "according to "); k >= 0 {
		// "According to Quorra's chief executive, Kwame Asante, “…”".
		if m, ok := d.pickSpeaker(d.inRegion(Span{clause.Start + k, clause.End})); ok {
			at := &attribution{speaker: m, cue: "according to", end: r.End}
			if d.fill(at) {
				return at
			}
		}
	}
	ws := d.words(clause, false)
	verb := -1
	for k := len(ws) - 1; k >= 0; k-- {
		if d.x.lex.speech[ws[k].text] {
			verb = k
			break
		}
	}
	colon := strings.HasSuffix(strings.TrimRight(text, " “\"‘"), ":")
	if verb < 0 && !colon {
		return nil
	}
	limit := clause.End
	if verb >= 0 {
		// The subject stands before the first speech verb of the clause.
		for k := 0; k <= verb; k++ {
			if d.x.lex.speech[ws[k].text] {
				limit = ws[k].Start
				break
			}
		}
	}
	pick, ok := d.pickSpeaker(d.inRegion(Span{clause.Start, limit}))
	if !ok {
		return nil
	}
	at := &attribution{speaker: pick, end: r.End}
	if !d.fill(at) {
		return nil
	}
	if verb >= 0 {
		at.cue, _ = d.cueFrom(ws[verb].Start, r.End, d.nextName(ws[verb].End, r.End))
	}
	return at
}

// pickSpeaker chooses the subject among the mentions before a speech verb:
// the first person named, else the first company or description, else a
// pronoun.
func (d *doc) pickSpeaker(ms []mention) (mention, bool) {
	for _, m := range ms {
		if m.how == byName && m.kind == Person {
			return m, true
		}
	}
	for _, m := range ms {
		if m.how != byPronoun {
			return m, true
		}
	}
	if len(ms) > 0 {
		return ms[len(ms)-1], true
	}
	return mention{}, false
}

// fill resolves the speaker mention of at to its entity.
func (d *doc) fill(at *attribution) bool {
	name, kind, ok := d.resolve(at.speaker)
	if !ok || name == "" {
		return false
	}
	at.name, at.kind = name, kind
	return true
}

// nextName returns the first mention by name of a person or company (not
// a publication) in [from, to), or a mention past to.
func (d *doc) nextName(from, to int) mention {
	for _, m := range d.inRegion(Span{from, to}) {
		if m.how == byName && !m.media {
			return m
		}
	}
	return mention{Span: Span{to, to}}
}

// cueStop are words that end the words of attribution: what follows them
// is what was said, not how.
var cueStop = map[string]bool{"that": true, "despite": true, "while": true, "as": true, "because": true, "but": true, "and": true, "although": true, "if": true, "when": true, "the": true, "this": true, "it": true, "they": true, "he": true, "she": true, "we": true}

// afterPreposition reports whether s ends with a preposition, after which
// "the" still belongs to the cue ("said at the time", "told in the end").
func afterPreposition(s string) bool {
	for _, p := range []string{" in ", " on ", " at ", " to ", " during ", " after ", " before ", " with ", " for "} {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

// cueFrom returns the words of attribution from the speech verb at start:
// the verb and what qualifies it ("said on CNBC", "told reporters", "said
// in a statement"), up to punctuation, a quotation or the speaker, at most
// six words; and where they end.
func (d *doc) cueFrom(start, limit int, speaker mention) (string, int) {
	body := d.a.Body
	end := start
	words := 0
	for i := start; i < limit; {
		c, n := decodeRune(body[i:limit])
		if strings.ContainsRune(",.;:!?“”\"‘()–—", c) || (c == '-' && i+n < limit && body[i+n] == ' ') {
			break
		}
		if speaker.Start > start && i >= speaker.Start && speaker.End > i {
			break
		}
		if unicode.IsSpace(c) {
			i += n
			continue
		}
		if words == 6 {
			break
		}
		j := i
		for j < limit {
			c2, n2 := decodeRune(body[j:limit])
			if unicode.IsSpace(c2) || strings.ContainsRune(",.;:!?“”\"()–—", c2) {
				break
			}
			j += n2
		}
		if speaker.Start > start && j > speaker.Start {
			break
		}
		if words > 0 && cueStop[strings.ToLower(body[i:j])] && !afterPreposition(body[start:i]) {
			break
		}
		words++
		end = j
		i = j
	}
	cue := strings.TrimSpace(body[start:end])
	cue = strings.TrimSuffix(cue, " that")
	return cue, end
}

// appositionRE reads the description after a name: ", the chief financial
// officer of Halcyon Compute,".
var appositionRE = regexp.MustCompile(`^,\s+(?:the |a |an |its |their |his |her )?([^,.;:“”"()]{3,80}?)(?:,|\.|;|\s+(?:said|says|told|wrote|added))`)

// roleOf returns how the article introduces a person: the job title before
// the name ("Halcyon chief executive") or the apposition after it ("an
// analyst at Saltmarsh Analytics"), from the first mention that has one.
func (d *doc) roleOf(person string) string {
	body := d.a.Body
	for _, m := range d.mentions {
		if m.entity != person || m.how != byName || m.kind != Person {
			continue
		}
		if g := appositionRE.FindStringSubmatch(body[m.End:min(len(body), m.End+120)]); g != nil && d.hasRole(g[1]) {
			return strings.TrimSpace(g[1])
		}
		// Job-title words just before the name, with the company before them.
		words := strings.Fields(body[max(0, m.Start-80):m.Start])
		if n := len(words); n > 0 {
			words[n-1] = strings.TrimSuffix(words[n-1], ",") // "Corvane’s chief executive, Kerstin Albrecht"
		}
		k := len(words)
		for k > 0 && d.x.lex.roles[strings.Trim(words[k-1], ",")] && !strings.HasSuffix(words[k-1], ",") {
			k--
		}
		if k == len(words) {
			continue
		}
		start := k
		if k > 0 && isCapitalized(words[k-1]) && !d.x.lex.stop[words[k-1]] && !strings.HasSuffix(words[k-1], ",") && !strings.HasSuffix(words[k-1], ".") {
			start = k - 1
		}
		return strings.Join(words[start:], " ")
	}
	return ""
}

// hasRole reports whether a phrase holds a job title.
func (d *doc) hasRole(phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		if d.x.lex.roles[w] {
			return true
		}
	}
	return false
}
