package corpus

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mentionHow says how a mention names its entity.
type mentionHow int

const (
	byName       mentionHow = iota // the entity's name or an alias
	byPronoun                      // he, she, they, it
	byDescriptor                   // "the company", "the AI hyperscaler"
)

// mention is one place in a text that names (or refers to) an entity.
type mention struct {
	Span
	text    string // as written
	entity  string // canonical name; "" for an unresolved pronoun or descriptor
	kind    EntityKind
	media   bool
	how     mentionHow
	inQuote bool // inside a direct quotation
}

// token is a word of a text, with what name recognition needs to know of it.
type token struct {
	Span
	text       string // the word without a possessive ending
	possessive bool   // followed by ’s or ' (which end a name)
	initial    bool   // first word of a sentence or of a quotation
}

// tokenize splits text into words. A word is a run of letters and digits,
// with inner . & - ' ’ allowed between letters or digits ("Character.AI",
// "AT&T", "co-founder", "O’Brien"); a trailing dot is kept on initialisms
// and abbreviations ("U.S.", "Inc.", "Mr."). sentenceStarts are the offsets
// where sentences begin.
func tokenize(text string, sentenceStarts map[int]bool) []token {
	var toks []token
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	afterOpen := true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			switch r {
			case '“', '"', '‘', '(', '[', ':':
				afterOpen = true
			case ' ', '\n', '\t', '\u00a0':
			default:
				afterOpen = false
			}
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWord(r) {
				i += n
				continue
			}
			if strings.ContainsRune(".&-'’", r) && i+n < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+n:])
				if isWord(next) {
					i += n
					continue
				}
			}
			break
		}
		end := i
		word := text[start:end]
		if h := strings.IndexByte(word, '-'); h == 1 && h+1 < len(word) && unicode.IsLower(firstRune(word[h+1:])) {
			// "X-ray", "T-shirt": never a name.
			toks = append(toks, token{Span: Span{start, end}, text: strings.ToLower(word)})
			afterOpen = false
			continue
		}
		if h := strings.LastIndexByte(word, '-'); h > 0 && isCapitalized(word) && nameAffixes[word[h+1:]] {
			// "Lisbon-based", "SoftBank-backed": the name is the first part.
			end = start + h
			word = text[start:end]
		}
		if i < len(text) && text[i] == '.' && keepsDot(word) {
			end++
			i++
			word = text[start:end]
		}
		tok := token{Span: Span{start, end}, text: word, initial: afterOpen || sentenceStarts[start]}
		for _, p := range []string{"’s", "'s"} {
			if strings.HasSuffix(word, p) && len(word) > len(p) {
				tok.text, tok.possessive = word[:len(word)-len(p)], true
				tok.End = start + len(tok.text)
			}
		}
		if !tok.possessive && i < len(text) && (text[i] == '\'' || strings.HasPrefix(text[i:], "’")) &&
			strings.HasSuffix(word, "s") && (i+1 >= len(text) || strings.HasPrefix(text[i+1:], " ") || strings.HasPrefix(text[i:], "’ ")) {
			tok.possessive = true
		}
		toks = append(toks, tok)
		afterOpen = false
	}
	return toks
}

// nameAffixes are the words that, hyphenated after a name, make it an
// adjective ("Lisbon-based", "SoftBank-backed").
var nameAffixes = map[string]bool{
	"based": true, "backed": true, "owned": true, "listed": true, "led": true, "born": true, "made": true,
	"funded": true, "controlled": true, "headquartered": true, "focused": true, "style": true, "like": true,
	"era": true, "bound": true, "designed": true, "built": true, "operated": true, "run": true, "branded": true,
}

// keepsDot reports whether a word keeps the dot after it: an initialism
// ("U.S"), a single capital ("J"), or an abbreviation that names or titles.
func keepsDot(w string) bool {
	switch w {
	case "Inc", "Corp", "Co", "Ltd", "Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "St", "N.V", "S.A", "L.P", "L.L.C":
		return true
	}
	if strings.Contains(w, ".") && len(w) <= 8 {
		return true
	}
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}

// descriptorNouns are the nouns a description of a company ends with.
var descriptorNouns = []string{"company", "firm", "startup", "start-up", "hyperscaler", "generator", "producer", "utility", "publisher",
	"broadcaster", "automaker", "carmaker", "miner", "airline", "shipper", "marketplace", "exchange", "specialist",
	"chipmaker", "chip-maker", "chip designer", "chip maker", "designer", "maker", "giant", "lab", "laboratory", "provider", "developer",
	"operator", "group", "lender", "acquirer", "insurer", "retailer", "carrier", "manufacturer", "supplier",
	"conglomerate", "unicorn", "outfit", "business", "target", "buyer", "seller", "investor", "backer", "bank"}

// descriptorRE finds descriptive mentions of a company: "the company",
// "the startup", "the AI hyperscaler", "the chip designer". findDescriptors
// finds what it finds, faster.
var descriptorRE = regexp.MustCompile(`\b[Tt]he ((?:(?:[a-z][a-z-]*|[A-Z][\w’']*-[a-z]+|[A-Z][a-z]+|AI|US|U\.S\.|UK|Chinese|American|European|British|French|German|Japanese|Korean|Indian|Israeli|Canadian|Swiss|Swedish|Dutch) ){0,3}?)(` + strings.Join(descriptorNouns, "|") + `)\b`)

// descriptorAtRE is descriptorRE held to the start of the text.
var descriptorAtRE = regexp.MustCompile(`^(?:` + descriptorRE.String() + `)`)

// findDescriptors returns the submatch indexes of descriptorRE in text,
// as FindAllStringSubmatchIndex gives them, but only those whose noun ends
// a word (see wholeNoun). It runs the pattern only at a "the " whose next
// five words contain one of descriptorNouns: a description joins its noun
// to "the" by at most three words and single spaces.
func findDescriptors(text string) [][]int {
	var out [][]int
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], "he ")
		if i < 0 {
			break
		}
		i += off
		off = i + 3
		if i == 0 || (text[i-1] != 't' && text[i-1] != 'T') || (i >= 2 && asciiWordByte(text[i-2])) {
			continue
		}
		end := off
		for range 5 {
			sp := strings.IndexByte(text[end:], ' ')
			if sp < 0 {
				end = len(text)
				break
			}
			end += sp + 1
		}
		if !slices.ContainsFunc(descriptorNouns, func(n string) bool { return strings.Contains(text[off:end], n) }) {
			continue
		}
		start := i - 1
		m := descriptorAtRE.FindStringSubmatchIndex(text[start:])
		if m == nil {
			continue
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += start
			}
		}
		off = m[1]
		if wholeNoun(text, m[1]) {
			out = append(out, m)
		}
	}
	return out
}

// wholeNoun reports whether the noun of a description that ends at end
// ends a word there, punctuation aside: not so in the possessive "the
// company’s" or in "the firm-wide", which the pattern's \b lets through.
// Deal extraction is the better for leaving them out (0.910 F1 against
// 0.902 with them).
func wholeNoun(text string, end int) bool {
	rest := text[end:]
	if sp := strings.IndexAny(rest, " \n"); sp >= 0 {
		rest = rest[:sp]
	}
	return strings.TrimLeft(rest, ".,;:!?’'\"”)") == ""
}

// asciiWordByte reports whether c is a word character as `\b` has it:
// an ASCII letter, digit or underscore.
func asciiWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// descriptorSkip are words that, before a descriptor's noun, make it
// something other than a company ("the deal's developer" is fine, "the
// same group" is not a company).
var descriptorSkip = map[string]bool{"same": true, "whole": true, "entire": true, "working": true, "focus": true, "research": true, "user": true, "test": true, "advocacy": true, "industry": true, "trade": true, "pressure": true}

// pronounRE finds the pronouns that can stand for a speaker.
// findPronouns returns the spans of the pronouns "he", "she", "they" and
// "it" (lower case or capitalised) standing as words in text, as
// `\b(he|He|she|She|they|They|it|It)\b` would find them: a scan, because the
// pattern, with no literal to look for, cost a tenth of extraction.
func findPronouns(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); i++ {
		if !asciiWordByte(text[i]) {
			continue
		}
		j := i
		for j < len(text) && asciiWordByte(text[j]) {
			j++
		}
		switch text[i:j] {
		case "he", "He", "she", "She", "they", "They", "it", "It":
			out = append(out, []int{i, j})
		}
		i = j
	}
	return out
}

// recognizer finds the mentions of companies, people and publications in
// one article, learning the names it has not seen from capitalisation and
// context, and resolving later short forms ("Okafor", "Zephyr") to them.
type recognizer struct {
	lex   *lexicon
	names *Gazetteer
	local map[string]Entity // names learnt in this article: full, short and surname forms
	// renamed maps a name first seen short ("Cassowary") to the full name
	// met later ("Cassowary Systems").
	renamed map[string]string
	// article is the whole article (title and body), where a name's other
	// uses are looked for.
	article string
	// evidence remembers orgEvidence for each word: it reads the whole
	// article, and a name recurs.
	evidence map[string]int
}

func newRecognizer(lex *lexicon, g *Gazetteer) *recognizer {
	return &recognizer{lex: lex, names: g, local: map[string]Entity{}, renamed: map[string]string{}}
}

// find returns the mentions in text, in order. quotes are the spans of
// direct quotations in text (mentions inside them are marked), and
// sentenceStarts the offsets where sentences begin. known restricts the
// result to names already known (for title-case headlines).
func (rc *recognizer) find(text string, quotes []Span, sentenceStarts map[int]bool, known bool) []mention {
	toks := tokenize(text, sentenceStarts)
	var out []mention
	for i := 0; i < len(toks); {
		if !isCapitalized(toks[i].text) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && (!toks[j-1].possessive || rc.possessiveInName(toks, j)) && joined(text, toks[j-1], toks[j]) &&
			(isCapitalized(toks[j].text) || toks[j].text == "&" || isLegalSuffix(toks[j].text)) {
			j++
		}
		// A legal suffix after a comma belongs to the name: "Halcyon, Inc.".
		if j < len(toks) && isLegalSuffix(toks[j].text) && strings.TrimSpace(text[toks[j-1].End:toks[j].Start]) == "," {
			j++
		}
		out = append(out, rc.chunk(text, toks, i, j, known)...)
		i = j
	}
	for _, m := range findDescriptors(text) {
		if k := strings.LastIndex(text[m[0]+1:m[3]], "the "); k >= 0 {
			// "the contract was the company": the description is the last "the …".
			m[0] = m[0] + 1 + k
			m[2] = m[0] + 4
		}
		mods := strings.Fields(text[m[2]:m[3]])
		if descriptorFunctionWord(mods) {
			continue
		}
		if len(mods) > 0 && descriptorSkip[mods[len(mods)-1]] {
			continue
		}
		if !rc.placeModifiers(mods) {
			continue // "the Foundry group" names a company; only places describe
		}
		out = append(out, mention{Span: Span{m[0], m[1]}, text: text[m[0]:m[1]], kind: Organization, how: byDescriptor})
	}
	for _, m := range findPronouns(text) {
		w := strings.ToLower(text[m[0]:m[1]])
		k := Person
		if w == "it" {
			k = Organization
		}
		if w == "they" {
			k = ""
		}
		out = append(out, mention{Span: Span{m[0], m[1]}, text: text[m[0]:m[1]], kind: k, how: byPronoun})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	for i := range out {
		out[i].inQuote = within(out[i].Span, quotes)
	}
	return dropOverlaps(out)
}

// descriptorFunctionWord reports whether a description's modifiers hold a
// word that cannot modify a noun ("the deal was a company").
func descriptorFunctionWord(mods []string) bool {
	for _, w := range mods {
		switch w {
		case "a", "an", "was", "is", "were", "are", "be", "been", "of", "and", "or", "to", "in", "on", "for", "with",
			"that", "which", "who", "has", "had", "have", "its", "their", "his", "her", "this", "it", "as", "by", "at":
			return true
		}
	}
	return false
}

// placeModifiers reports whether every capitalised word among a
// description's modifiers is a place or nationality ("the London start-up").
func (rc *recognizer) placeModifiers(mods []string) bool {
	for _, w := range mods {
		if h := strings.LastIndexByte(w, '-'); h > 0 && nameAffixes[w[h+1:]] {
			continue // "the Oslo-based lender"
		}
		if isCapitalized(w) && w != "AI" && w != "US" && w != "UK" && !rc.lex.places[w] {
			return false
		}
	}
	return true
}

// possessiveInName reports whether the possessive before toks[j] is part
// of a name: "St Oswin's Hospitals Group", where capitalised words ending
// in a company word follow.
func (rc *recognizer) possessiveInName(toks []token, j int) bool {
	for k := j; k < len(toks) && k < j+3; k++ {
		if !isCapitalized(toks[k].text) {
			return false
		}
		if rc.lex.orgWords[toks[k].text] {
			return true
		}
		if toks[k].possessive {
			return false
		}
	}
	return false
}

// joined reports whether two tokens are separated by white space only.
func joined(text string, a, b token) bool {
	gap := text[a.End:b.Start]
	if gap == " & " || ((a.possessive) && (gap == "’s " || gap == "'s ")) {
		return true // "Harbour & Finch", "St Oswin's Hospitals Group"
	}
	return gap != "" && strings.TrimSpace(gap) == "" && !strings.Contains(gap, "\n")
}

// chunk turns a run of capitalised tokens toks[i:j] into mentions: known
// names first (longest match), then what is left, split at job titles and
// stripped of leading function words, classified as person or company.
func (rc *recognizer) chunk(text string, toks []token, i, j int, known bool) []mention {
	var out []mention
	var rest []int // indexes of tokens not in a known name
	for k := i; k < j; {
		n, e, ok := rc.longestKnown(text, toks, k, j)
		if ok && rc.extends(toks, k, n, j, e) {
			// "Cassowary Systems" after "Cassowary": the full name at last.
			if m, found := rc.classify(text, toks, seq(k, j)); found {
				if m.entity != e.Name {
					rc.rename(e.Name, m.entity)
				}
				out = append(out, m)
			}
			k = j
			continue
		}
		if ok {
			out = append(out, rc.named(text, toks[k].Start, toks[k+n-1].End, e))
			k += n
			continue
		}
		rest = append(rest, k)
		k++
	}
	if known {
		return out
	}
	// Group the leftover tokens into contiguous runs, split at job titles.
	var run []int
	flush := func() {
		if n := rc.lex.placeAt(toks, run); n > 0 {
			run = run[n:] // "San Francisco", "New York"
		}
		for len(run) > 0 && (rc.lex.stop[toks[run[0]].text] || rc.lex.places[toks[run[0]].text] || toks[run[0]].text == "&") {
			run = run[1:]
		}
		for len(run) > 0 && (toks[run[len(run)-1]].text == "&" || rc.lex.stop[toks[run[len(run)-1]].text] && !rc.lex.orgWords[toks[run[len(run)-1]].text]) {
			run = run[:len(run)-1]
		}
		if len(run) > 0 {
			if m, ok := rc.classify(text, toks, run); ok {
				out = append(out, m)
			}
		}
		run = nil
	}
	for _, k := range rest {
		if len(run) > 0 && (run[len(run)-1] != k-1 || rc.lex.roles[toks[k].text] && !rc.lex.orgWords[toks[k].text]) {
			flush()
		}
		if rc.lex.roles[toks[k].text] && !rc.lex.orgWords[toks[k].text] {
			continue
		}
		run = append(run, k)
	}
	flush()
	return out
}

// extends reports whether a name learnt in this article (not a known one)
// matched at toks[k:k+n] goes on within the chunk with words that make a
// company's name, so that the chunk is its full name.
func (rc *recognizer) extends(toks []token, k, n, j int, e Entity) bool {
	if e.Kind != Organization || k+n >= j || toks[k+n-1].possessive && !rc.possessiveInName(toks, k+n) {
		return false
	}
	if _, known := rc.names.Lookup(e.Name); known {
		return false
	}
	next := toks[k+n].text
	if rc.lex.orgWords[next] || isLegalSuffix(next) {
		return true
	}
	// "Kestrel Sensors" after "Kestrel": any further word of a name.
	return n == 1 && !rc.lex.stop[next] && !rc.lex.roles[next] && !rc.lex.places[next] && !rc.lex.plurals[next] && allNameLike([]string{next})
}

// longestKnown finds the longest name known to the gazetteer or learnt in
// this article that starts at toks[k] and ends before toks[j], allowing a
// trailing legal suffix. It returns the number of tokens and the entity.
func (rc *recognizer) longestKnown(text string, toks []token, k, j int) (int, Entity, bool) {
	limit := rc.names.longest + 2
	if limit < 4 {
		limit = 4
	}
	for n := min(j-k, limit); n >= 1; n-- {
		name := text[toks[k].Start:toks[k+n-1].End]
		if e, ok := rc.local[name]; ok {
			return n, e, true
		}
		if e, ok := rc.names.Lookup(name); ok {
			if n == 1 && toks[k].initial && strings.ToLower(name) == strings.ToLower(toks[k].text) && len(name) <= 4 && !isCapitalized(name[1:]) && e.Kind == Person {
				continue
			}
			return n, e, true
		}
	}
	return 0, Entity{}, false
}

// named makes a mention of a known entity.
func (rc *recognizer) named(text string, start, end int, e Entity) mention {
	return mention{Span: Span{start, end}, text: text[start:end], entity: e.Name, kind: e.Kind, media: e.Media, how: byName}
}

// classify decides whether an unknown name is a person or a company, from
// its words and its context, and learns it (with its short forms) for the
// rest of the article. It reports false for what is probably not a name.
func (rc *recognizer) classify(text string, toks []token, run []int) (mention, bool) {
	first, last := toks[run[0]], toks[run[len(run)-1]]
	name := text[first.Start:last.End]
	words := make([]string, len(run))
	for x, k := range run {
		words[x] = toks[k].text
	}
	lastWord := words[len(words)-1]
	hasOrgWord := false
	for _, w := range words {
		if rc.lex.orgWords[w] || isLegalSuffix(w) {
			hasOrgWord = true
		}
	}
	for _, w := range words {
		if rc.lex.places[w] && len(words) <= 2 && !hasOrgWord {
			return mention{}, false
		}
	}
	if len(words) == 1 && (rc.lex.orgWords[lastWord] || rc.lex.stop[lastWord] || rc.lex.plurals[lastWord]) {
		return mention{}, false // "Partners", "Shares", "Owners"
	}
	if next := last.End; next < len(text) && (strings.HasPrefix(text[next:], " family") || rc.productAfter(text, next)) && len(words) == 1 {
		return mention{}, false // "the Lindgren family", "the Caldera accelerators"
	}
	kind := EntityKind("")
	switch {
	case isLegalSuffix(lastWord) || rc.lex.orgWords[lastWord]:
		kind = Organization
	case len(words) >= 2 && len(words) <= 4 && (rc.lex.firstNames[words[0]] || rc.personContext(text, toks, run)):
		kind = Person
	case len(words) >= 2 && !hasOrgWord && allNameLike(words) && rc.speechAfter(text, toks, run[len(run)-1]):
		kind = Person
	case len(words) >= 2:
		kind = Organization
	default:
		// One word: a company only with some evidence that it names one.
		w := words[0]
		if utf8.RuneCountInString(strings.Trim(w, ".")) < 2 || rc.lex.stop[w] || rc.lex.orgWords[w] || strings.ToLower(w) == w {
			return mention{}, false
		}
		if k := run[0]; k > 0 && rc.lex.determiners[strings.ToLower(toks[k-1].text)] && joined(text, toks[k-1], toks[k]) {
			// "its Caldera accelerators": a product, not a company.
			return mention{}, false
		}
		evidence := rc.orgEvidence(w)
		if first.initial && !first.possessive && !rc.speechAfter(text, toks, run[0]) && !rc.seenMidSentence(rc.article, w) && evidence < 3 {
			return mention{}, false
		}
		if evidence < 1 {
			return mention{}, false // a place or an adjective: "in Dresden", "a Wellington broadcaster"
		}
		kind = Organization
	}
	e := Entity{Name: name, Kind: kind}
	if kind == Organization {
		e.Name = stripLegalSuffix(name)
		if len(words) >= 2 && rc.lex.orgWords[words[0]] {
			// "Capital Ventures" is no name to shorten.
		} else if len(words) >= 2 && !rc.lex.stop[words[0]] && utf8.RuneCountInString(words[0]) >= 3 {
			rc.learn(words[0], e)
		}
	} else {
		for _, t := range []string{"Mr.", "Mrs.", "Ms.", "Dr.", "Prof."} {
			e.Name = strings.TrimPrefix(e.Name, t+" ")
		}
		rc.learn(lastWord, e)
		if len(words) >= 2 && utf8.RuneCountInString(words[0]) >= 3 && !rc.lex.stop[words[0]] {
			// Some names put the family name first ("Wen Jiahui", "Wen says").
			rc.learn(words[0], e)
		}
		for _, t := range []string{"Mr.", "Mrs.", "Ms.", "Dr."} {
			rc.learn(t+" "+lastWord, e)
		}
	}
	if kind == Organization && len(words) >= 2 {
		if short, ok := rc.local[words[0]]; ok && short.Kind == Organization && short.Name != e.Name && !strings.Contains(short.Name, " ") {
			rc.rename(short.Name, e.Name)
		}
	}
	rc.learn(name, e)
	rc.learn(e.Name, e)
	rc.learnAcronym(text, last.End, e)
	return mention{Span: Span{first.Start, last.End}, text: name, entity: e.Name, kind: kind, how: byName}, true
}

// rename makes every form learnt for the company old stand for the one
// named new, and records it for settle.
func (rc *recognizer) rename(old, new string) {
	rc.renamed[old] = new
	e := Entity{Name: new, Kind: Organization}
	for form, le := range rc.local {
		if le.Name == old {
			rc.local[form] = e
		}
	}
	rc.local[new] = e
}

// seq returns the integers from i up to j.
func seq(i, j int) []int {
	out := make([]int, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, k)
	}
	return out
}

// settle gives mentions found before a name was met in full their full
// name.
func (rc *recognizer) settle(ms []mention) {
	for i := range ms {
		for n := 0; n < 4; n++ {
			full, ok := rc.renamed[ms[i].entity]
			if !ok || full == ms[i].entity {
				break
			}
			ms[i].entity = full
		}
	}
}

// learn remembers a form of a name for the rest of the article; the first
// entity to claim a short form keeps it.
func (rc *recognizer) learn(form string, e Entity) {
	if _, ok := rc.local[form]; !ok {
		rc.local[form] = e
	}
}

// learnAcronym learns "FT" from "The Financial Times (FT)".
func (rc *recognizer) learnAcronym(text string, end int, e Entity) {
	rest := text[end:]
	if !strings.HasPrefix(rest, " (") {
		return
	}
	close := strings.IndexByte(rest, ')')
	if close < 3 || close > 12 {
		return
	}
	acr := rest[2:close]
	for _, r := range acr {
		if !unicode.IsUpper(r) && r != '&' {
			return
		}
	}
	rc.learn(acr, e)
}

// personContext reports whether the words around a name mark a person: a
// job title or honorific just before it, or an apposition with a job title
// just after ("Amara Chen, chief executive of …").
func (rc *recognizer) personContext(text string, toks []token, run []int) bool {
	k := run[0]
	if k > 0 && rc.lex.roles[toks[k-1].text] {
		return true
	}
	if k > 1 && strings.HasSuffix(text[max(0, toks[k-2].Start):toks[k].Start], "founded by ") {
		return true // people found companies
	}
	if k > 1 && toks[k-1].text == "and" && strings.Contains(text[max(0, toks[k].Start-60):toks[k].Start], "founded by ") {
		return true // "founded by Paulo Figueira and Wen Jiahui"
	}
	if k > 0 && (toks[k-1].text == "Mr." || toks[k-1].text == "Ms." || toks[k-1].text == "Mrs." || toks[k-1].text == "Dr.") {
		return true
	}
	last := run[len(run)-1]
	if last+1 < len(toks) {
		gap := text[toks[last].End:toks[last+1].Start]
		next := toks[last+1].text
		if strings.TrimSpace(gap) == "," && (next == "who" || next == "whose") {
			return true // companies take "which"
		}
		if gap == " " && (next == "at" || next == "of") && last+2 < len(toks) && isCapitalized(toks[last+2].text) && joined(text, toks[last+1], toks[last+2]) {
			return true // "Helena Brandt at Brandt Oakley", "Nomvula Dlamini of Kloof Street Research"
		}
	}
	if len(run) >= 2 && rc.speaksAlone(rc.article, toks[last].text) {
		return true
	}
	if len(run) >= 2 && len(run) <= 3 && pronounFollows(text, toks[last].End) {
		return true
	}
	if last+1 < len(toks) && strings.HasPrefix(strings.TrimSpace(text[toks[last].End:toks[last+1].Start]), ",") {
		for x := last + 1; x < len(toks) && x <= last+4; x++ {
			if rc.lex.roles[toks[x].text] {
				// "X, Pellucid chief executive Tomasz Wierzbicki": the title
				// belongs to the name after it, not to X.
				y := x
				for y+1 < len(toks) && rc.lex.roles[toks[y+1].text] && joined(text, toks[y], toks[y+1]) {
					y++
				}
				if y+1 < len(toks) && joined(text, toks[y], toks[y+1]) && isCapitalized(toks[y+1].text) {
					return false
				}
				return true
			}
			if strings.ContainsAny(text[toks[x-1].End:toks[x].Start], ".;“”\"") {
				break
			}
		}
	}
	return false
}

// productAfter reports whether the word at text[at:] names a kind of
// product, which makes the name before it a product's ("Caldera chips").
func (rc *recognizer) productAfter(text string, at int) bool {
	rest := strings.TrimPrefix(text[at:], " ")
	if len(rest) == len(text[at:]) {
		return false
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	return rc.lex.products[rest[:end]]
}

// speaksAlone reports whether a surname is used alone as a speaker or
// with an honorific somewhere in text ("Ferreyra said", "said Ferreyra",
// "Ms Ferreyra"): companies are shortened to their first word, people to
// their last.
func (rc *recognizer) speaksAlone(text, surname string) bool {
	if utf8.RuneCountInString(surname) < 3 || rc.lex.orgWords[surname] {
		return false
	}
	for off := 0; ; {
		i := strings.Index(text[off:], surname)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(surname)
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[off:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			continue
		}
		before := strings.TrimRight(text[:i], " ")
		prev := lastField(before)
		after := text[off:min(len(text), off+12)]
		honorific := prev == "Mr" || prev == "Mr." || prev == "Mrs" || prev == "Mrs." || prev == "Ms" || prev == "Ms." || prev == "Dr" || prev == "Dr."
		speaks := strings.HasPrefix(after, ", who") || speechVerbAt(after, rc.lex) && !strings.HasPrefix(strings.TrimLeft(after, " "), "said in") || prev == "said"
		if !honorific && !speaks {
			continue
		}
		// Alone: not the last word of a longer name ("Crescent Tide said").
		r, _ := utf8.DecodeLastRuneInString(before)
		if honorific || prev == "said" || len(before) == 0 || !unicode.IsLetter(r) || !isCapitalized(prev) || rc.lex.stop[prev] || strings.HasSuffix(prev, ".") {
			return true
		}
	}
}

// lastField returns the last white-space-separated word of s.
func lastField(s string) string {
	if i := strings.LastIndexAny(s, " \n"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// personalPronounRE finds he, she, his or her.
var personalPronounRE = regexp.MustCompile(`\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b`)

// pronounFollows reports whether a personal pronoun comes soon after a
// name (in the next 200 bytes), before any other capitalised pair of words
// that could be the person it stands for.
func pronounFollows(text string, end int) bool {
	window := text[end:min(len(text), end+200)]
	loc := personalPronounRE.FindStringIndex(window)
	if loc == nil {
		return false
	}
	return !otherNameRE.MatchString(window[:loc[0]])
}

// otherNameRE finds two capitalised words in a row, mid-sentence.
var otherNameRE = regexp.MustCompile(`[a-z,] [A-Z][a-z]+ [A-Z][a-z]+`)

// orgEvidence weighs what the article says of a one-word name: used as
// a company is (possessive, speaking, described, repeated) against used as
// a place or an adjective is ("in Dresden", "a Wellington broadcaster",
// "Californian").
func (rc *recognizer) orgEvidence(w string) int {
	if e, ok := rc.evidence[w]; ok {
		return e
	}
	e := rc.weighEvidence(w)
	if rc.evidence == nil {
		rc.evidence = map[string]int{}
	}
	rc.evidence[w] = e
	return e
}

// weighEvidence is orgEvidence, uncached.
func (rc *recognizer) weighEvidence(w string) int {
	score, seen := 0, 0
	if strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") {
		score -= 2 // Californian, Taiwanese, Danish, unless used as a company is
	}
	text := rc.article
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], w)
		if i < 0 {
			break
		}
		i += off
		off = i + len(w)
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[off:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			continue
		}
		seen++
		after, before := text[off:min(len(text), off+24)], strings.ToLower(text[max(0, i-24):i])
		switch {
		case strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "'s"):
			score += 2
		case strings.HasPrefix(after, ", a ") || strings.HasPrefix(after, ", an ") || strings.HasPrefix(after, ", the ") || strings.HasPrefix(after, ", which"):
			score += 2
		case speechVerbAt(after, rc.lex):
			score += 2
		case strings.HasPrefix(after, "$") || strings.HasPrefix(after, "€") || len(after) > 1 && after[0] == ' ' && unicode.IsDigit(firstRune(after[1:])):
			score -= 3 // "NZ$12", "NOK 180"
		case (strings.HasSuffix(before, " a ") || strings.HasSuffix(before, " an ")) && len(after) > 1 && after[0] == ' ' && unicode.IsLower(firstRune(after[1:])):
			score-- // "a Wellington broadcaster"
		}
		if placeBefore.MatchString(before) {
			score -= 2 // "based in Dresden", "signed in Malmö", "between Lagos and"
		}
	}
	if seen >= 2 {
		score += seen - 1
	}
	return score + 1
}

// placeBefore ends the words that put a place after them.
var placeBefore = regexp.MustCompile(`(?:based|signed|headquartered|born|grew up|offices?|plant|factory|centres?|centers?|site|campus|operations|hub|conference|held|lives|moved|opened|built|near|outside|across|between \S+ and|between) (?:in |at |to )?$|\bbetween $`)

// speechVerbAt reports whether s (after a name) starts with a speech verb
// or a verb companies are the subjects of.
func speechVerbAt(s string, lex *lexicon) bool {
	s = strings.TrimLeft(s, " ")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	w := s[:end]
	return lex.speech[w] || w == "agreed" || w == "signed" || w == "raised" || w == "plans" || w == "bought" || w == "sold"
}

// speechAfter reports whether a speech verb follows toks[k] directly.
func (rc *recognizer) speechAfter(text string, toks []token, k int) bool {
	if k+1 >= len(toks) || toks[k].possessive {
		return false
	}
	gap := strings.TrimSpace(text[toks[k].End:toks[k+1].Start])
	return gap == "" && rc.lex.speech[toks[k+1].text]
}

// seenMidSentence reports whether w occurs capitalised somewhere in text
// other than at the start of a sentence.
func (rc *recognizer) seenMidSentence(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[off:])
		if i > 0 && before == ' ' && !unicode.IsLetter(after) {
			prev := strings.TrimRight(text[:i], " ")
			if p, _ := utf8.DecodeLastRuneInString(prev); p != '.' && p != '“' && p != '"' && p != '!' && p != '?' && p != '\n' {
				return true
			}
		}
	}
}

// allNameLike reports whether every word looks like part of a person's name.
func allNameLike(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789&.") || w == strings.ToUpper(w) {
			return false
		}
	}
	return true
}

// within reports whether s lies inside one of spans.
func within(s Span, spans []Span) bool {
	for _, q := range spans {
		if s.Start >= q.Start && s.End <= q.End {
			return true
		}
	}
	return false
}

// dropOverlaps keeps the first of overlapping mentions (names come before
// the pronouns and descriptors found inside them).
func dropOverlaps(ms []mention) []mention {
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}
