package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuoteBytes bounds a quotation that suppresses splitting. Past it a lost
// or misread closing quote is likelier than a genuine quote of that length,
// and a sentence of several kilobytes would be useless as a citation.
const maxQuoteBytes = 1200

// maxWordBytes caps every look-behind and look-ahead at a candidate
// boundary. Abbreviations, sentence starters and speaker names are short, and
// the cap keeps the splitter linear on text with no spaces in it.
const maxWordBytes = 32

// maxHeadlineBytes is the longest line without final punctuation that is
// taken for a headline and kept whole. Longer unpunctuated text is more likely
// a paragraph cut short, so it is split as usual.
const maxHeadlineBytes = 200

// abbrevNoEnd lists abbreviations that come before what they qualify
// (titles before names, "e.g." before an example), so no sentence ends at
// their period whatever follows.
var abbrevNoEnd = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Mmes": true,
	"Dr": true, "Drs": true, "Prof": true, "Profs": true,
	"Sen": true, "Sens": true, "Rep": true, "Reps": true, "Gov": true,
	"Pres": true, "Atty": true, "Amb": true, "Hon": true, "Rev": true, "Fr": true,
	"Gen": true, "Brig": true, "Col": true, "Lt": true, "Maj": true,
	"Capt": true, "Cmdr": true, "Adm": true, "Sgt": true, "Cpl": true,
	"Pvt": true, "Supt": true, "Insp": true, "Det": true,
	"St": true, "Ste": true, "Mt": true, "Ft": true,
	"e.g": true, "i.e": true, "E.g": true, "I.e": true,
	"vs": true, "v": true, "approx": true, "Approx": true, "cf": true,
	"ca": true, "viz": true, "incl": true, "excl": true,
}

// abbrevBeforeNumber lists abbreviations that end no sentence when a number
// follows ("No. 3", "Fig. 2") but are ordinary words otherwise ("the answer
// was No.").
var abbrevBeforeNumber = map[string]bool{
	"No": true, "no": true, "Nos": true, "nos": true, "Fig": true,
	"Figs": true, "fig": true, "Vol": true, "vol": true, "p": true,
	"pp": true, "Art": true, "Sec": true, "Ch": true, "Pt": true,
}

// abbrevMayEnd lists abbreviations that stand after what they qualify
// ("Zephyr Robotics Inc.", "apples, pears etc.") and so often end a sentence
// too. Their period ends one only before a common sentence starter: "Halcyon
// Corp. The company said" splits, "Halcyon Corp. Chief Executive" and
// "Jan. 5" do not. Initialisms such as "U.S." get the same treatment.
var abbrevMayEnd = map[string]bool{
	"Inc": true, "INC": true, "Corp": true, "CORP": true, "Co": true,
	"Cos": true, "Ltd": true, "LTD": true, "Plc": true, "PLC": true,
	"plc": true, "LLC": true, "LLP": true, "Bros": true, "Pty": true,
	"AG": true, "SE": true, "SA": true, "NV": true, "BV": true, "GmbH": true,
	"Mfg": true, "Intl": true, "Assn": true, "Dept": true, "Univ": true,
	"Jr": true, "Sr": true, "jr": true, "sr": true,
	"etc": true, "est": true, "al": true,
	"Ave": true, "Blvd": true, "Rd": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Sept": true, "Oct": true,
	"Nov": true, "Dec": true,
}

// companySuffixes are the words no sentence starts with, so a boundary
// before one is a company name with an exclamation mark in it ("Zoomba!
// Inc.").
var companySuffixes = map[string]bool{
	"Inc": true, "Corp": true, "Ltd": true, "LLC": true, "Plc": true,
	"PLC": true, "Co": true,
}

// sentenceStarters are words that, capitalised, usually begin a sentence
// rather than continue a name. They decide whether a sentence ends after an
// abbreviation that may end one ("Inc.", "U.S.").
var sentenceStarters = map[string]bool{
	"A": true, "An": true, "The": true, "I": true, "It": true, "Its": true,
	"He": true, "She": true, "They": true, "We": true, "You": true,
	"His": true, "Her": true, "Their": true, "Our": true, "My": true,
	"Your": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "Here": true, "In": true, "On": true, "At": true,
	"By": true, "For": true, "From": true, "To": true, "With": true,
	"Without": true, "Under": true, "Over": true, "After": true,
	"Before": true, "During": true, "Since": true, "Until": true,
	"But": true, "And": true, "Or": true, "So": true, "Yet": true,
	"Also": true, "Still": true, "However": true, "Meanwhile": true,
	"Moreover": true, "Instead": true, "Then": true, "Now": true,
	"As": true, "If": true, "When": true, "While": true, "Although": true,
	"Though": true, "Because": true, "Despite": true, "According": true,
	"What": true, "Why": true, "How": true, "Who": true, "Where": true,
	"Which": true, "Some": true, "Many": true, "Most": true, "Other": true,
	"Both": true, "Each": true, "Such": true, "All": true, "None": true,
	"Neither": true, "Not": true, "Earlier": true, "Later": true,
	"Last": true, "Next": true, "Shares": true, "Analysts": true,
	"Investors": true, "Revenue": true, "Sales": true, "Officials": true,
	"Executives": true, "Regulators": true,
}

// speechVerbs are the verbs of an attribution after a quotation that ends
// in "?" or "!", where a comma cannot mark that the sentence goes on:
// "“Why now?” Amara Chen asked."
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true,
	"adds": true, "told": true, "tells": true, "wrote": true, "writes": true,
	"replied": true, "replies": true, "shouted": true, "shouts": true,
	"exclaimed": true, "exclaims": true, "wondered": true, "wonders": true,
	"recalled": true, "recalls": true, "continued": true, "continues": true,
	"explained": true, "explains": true, "insisted": true, "insists": true,
	"joked": true, "jokes": true, "noted": true, "notes": true,
	"quipped": true, "quips": true, "laughed": true, "laughs": true,
}

// splitSentences splits one paragraph into sentences. Each Span is a byte
// range of para, trimmed of surrounding white space; together they cover
// every non-space character of para, in order, without overlap.
//
// A sentence ends at ".", "!", "?" or "…" (or a run of them), optionally
// followed by closing quotes or brackets, then white space, then what can
// begin a sentence: an upper-case letter or a digit, possibly after an
// opening quote or bracket. Abbreviations, initials and quotations hold
// sentences together; see the comments on the lookup tables and on
// quotedRegions. A short line without final punctuation is a headline and
// stays whole. Input need not be valid UTF-8 (a byte that is not is never
// taken for a sentence start), and the cost is linear in len(para).
func splitSentences(para string) []Span {
	if isHeadline(para) {
		return appendTrimmed(nil, para, 0, len(para))
	}
	quotes := quotedRegions(para)
	var spans []Span
	start, q := 0, 0
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		b := scanBoundary(para, i)
		// Closers and spaces hold no terminator, so resuming after the run
		// visits each byte a bounded number of times.
		i = b.runEnd
		if b.next == b.end || b.next == len(para) || !startsSentence(para[b.next:]) {
			continue
		}
		// Boundaries come in increasing order, so one pass over the sorted
		// quotations finds the one that may hold this boundary.
		for q < len(quotes) && quotes[q].End <= b.end {
			q++
		}
		if q < len(quotes) && quotes[q].Start < b.end {
			continue
		}
		if !endsSentence(para, b) {
			continue
		}
		spans = appendTrimmed(spans, para, start, b.end)
		start = b.next
	}
	return appendTrimmed(spans, para, start, len(para))
}

// boundary describes a candidate sentence end found by scanBoundary.
type boundary struct {
	runStart, runEnd int  // the terminators: "." or "?!" or "..."
	end              int  // after any closing quotes and brackets
	next             int  // after the white space that follows
	period           bool // the run is a single "."
	strong           bool // the run holds "?" or "!"
	closers          bool // closing quotes or brackets follow the run
	closedDouble     bool // a closing double quote is among them
}

// scanBoundary reads the candidate boundary whose terminators start at i.
func scanBoundary(para string, i int) boundary {
	b := boundary{runStart: i}
	j := i
	for j < len(para) {
		r, n := utf8.DecodeRuneInString(para[j:])
		if !isTerminator(r) {
			break
		}
		if r == '?' || r == '!' {
			b.strong = true
		}
		j += n
	}
	b.runEnd = j
	b.period = j-i == 1 && para[i] == '.'
	for j < len(para) {
		r, n := utf8.DecodeRuneInString(para[j:])
		if !isCloser(r) {
			break
		}
		b.closers = true
		if r == '”' || r == '"' {
			b.closedDouble = true
		}
		j += n
	}
	b.end = j
	for j < len(para) {
		r, n := utf8.DecodeRuneInString(para[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += n
	}
	b.next = j
	return b
}

// endsSentence reports whether the candidate b, already known to be
// followed by a plausible sentence start outside any quotation, ends a
// sentence once abbreviations and attributions are considered.
func endsSentence(para string, b boundary) bool {
	next := para[b.next:]
	word, after := leadingWord(next)
	if companySuffixes[word] && (after == "" || strings.IndexByte(".,; ", after[0]) >= 0) {
		return false
	}
	// A closing quote or bracket after the period is itself evidence of an
	// end, so abbreviations are only weighed on a bare period.
	if b.period && !b.closers {
		w := wordBefore(para, b.runStart)
		switch {
		case abbrevNoEnd[w]:
			return false
		case abbrevBeforeNumber[w]:
			r, _ := utf8.DecodeRuneInString(next)
			return !unicode.IsDigit(r)
		case abbrevMayEnd[w] || isInitialism(w):
			return sentenceStarters[word]
		case isInitial(w):
			return false
		}
		return true
	}
	if b.strong && b.closedDouble && attributionFollows(next) {
		return false
	}
	return true
}

// quotedRegions returns the double quotations of para inside which no
// sentence may end, as spans from the opening quote to just past the closing
// one, sorted and disjoint.
//
// Curly quotes nest: each “ opens a level and each ” closes the innermost
// open one, so a quotation quoted inside another does not end the outer one
// early. A straight " opens or closes according to what is around it. A
// quote left open at the end of the paragraph protects nothing, so a stray
// mark cannot swallow the rest of the paragraph; quotations nested in it and
// properly closed are still protected. A quotation longer than maxQuoteBytes
// protects only the quotations nested in it.
func quotedRegions(para string) []Span {
	type mark struct {
		start, end int // end is -1 until the quote is closed
		curly      bool
	}
	var marks []mark // in order of opening
	var stack []int  // indexes into marks of the quotes still open
	var open [2]int  // how many straight ([0]) and curly ([1]) are open
	kind := func(curly bool) int {
		if curly {
			return 1
		}
		return 0
	}
	push := func(at int, curly bool) {
		marks = append(marks, mark{start: at, end: -1, curly: curly})
		stack = append(stack, len(marks)-1)
		open[kind(curly)]++
	}
	// closeQuote closes the innermost open quote of the given kind. Quotes of
	// the other kind opened inside it are abandoned unclosed. Each quote
	// leaves the stack once, so the work is linear overall.
	closeQuote := func(end int, curly bool) {
		if open[kind(curly)] == 0 {
			return
		}
		for {
			k := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			open[kind(marks[k].curly)]--
			if marks[k].curly == curly {
				marks[k].end = end
				return
			}
		}
	}

	prev := ' ' // the start of the paragraph counts as white space
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		switch r {
		case '“':
			push(i, true)
		case '”':
			closeQuote(i+n, true)
		case '"':
			next, _ := utf8.DecodeRuneInString(para[i+n:])
			if i+n == len(para) {
				next = ' '
			}
			before, after := opensAfter(prev), closesBefore(next)
			switch {
			case before && !after:
				push(i, false)
			case after && !before:
				closeQuote(i+n, false)
			case !before && !after:
				// Wedged between words ("said,"We"): toggle.
				if open[0] > 0 {
					closeQuote(i+n, false)
				} else {
					push(i, false)
				}
			}
			// With space on both sides the mark is stray and ignored.
		}
		prev = r
		i += n
	}

	var regions []Span
	covered := 0
	for _, m := range marks {
		if m.end < 0 || m.start < covered || m.end-m.start > maxQuoteBytes {
			continue
		}
		regions = append(regions, Span{Start: m.start, End: m.end})
		covered = m.end
	}
	return regions
}

// opensAfter reports whether a straight quote after r is placed like an
// opening one.
func opensAfter(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{“‘'—–", r)
}

// closesBefore reports whether a straight quote before r is placed like a
// closing one.
func closesBefore(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?)]}…’'—–-”", r)
}

// isHeadline reports whether para is a short line without final
// punctuation. Headlines are title-cased ("Dr. Amara Chen Joins Halcyon
// Corp. As Chief"), which would otherwise look like several sentences.
func isHeadline(para string) bool {
	s := strings.TrimRightFunc(para, unicode.IsSpace)
	if s == "" || len(s) > maxHeadlineBytes || strings.ContainsRune(s, '\n') {
		return false
	}
	s = strings.TrimRightFunc(s, isCloser)
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordBefore returns the word that ends at end, without leading punctuation
// such as an opening bracket, or "" if it is longer than maxWordBytes.
func wordBefore(para string, end int) string {
	j := end
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(para[:j])
		if unicode.IsSpace(r) {
			break
		}
		if end-(j-n) > maxWordBytes {
			return ""
		}
		j -= n
	}
	return strings.TrimLeftFunc(para[j:end], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// leadingWord returns the letters that begin s after any opening quotes or
// brackets, up to maxWordBytes of them, and the rest of s.
func leadingWord(s string) (word, rest string) {
	s = skipOpeners(s)
	j := 0
	for j < len(s) && j < maxWordBytes {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return s[:j], s[j:]
}

// startsSentence reports whether s begins the way a sentence can: an
// upper-case or uncased letter, a digit, a currency sign before a digit, or a
// lower-case letter before an upper-case one ("iPhone", "eBay"), possibly
// after opening quotes or brackets.
func startsSentence(s string) bool {
	s = skipOpeners(s)
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 {
		return false
	}
	switch {
	case unicode.IsDigit(r):
		return true
	case unicode.IsLower(r):
		r2, _ := utf8.DecodeRuneInString(s[n:])
		return unicode.IsUpper(r2)
	case unicode.IsLetter(r):
		return true
	case unicode.Is(unicode.Sc, r):
		r2, _ := utf8.DecodeRuneInString(s[n:])
		return unicode.IsDigit(r2)
	}
	return false
}

// skipOpeners drops the opening quotes and brackets at the start of s.
func skipOpeners(s string) string {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isOpener(r) {
			break
		}
		s = s[n:]
	}
	return s
}

// attributionFollows reports whether s starts with a speaker's name and a
// verb of speech ("Amara Chen asked", "Mr. Chen said").
func attributionFollows(s string) bool {
	for k := range 4 {
		tok := s
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			tok = s[:i]
		}
		if tok == "" || len(tok) > maxWordBytes {
			return false
		}
		if k > 0 && speechVerbs[strings.TrimRight(tok, ",.")] {
			return true
		}
		r, _ := utf8.DecodeRuneInString(tok)
		if !unicode.IsUpper(r) {
			return false
		}
		if w, _ := leadingWord(tok); k == 0 && sentenceStarters[w] {
			return false
		}
		s = strings.TrimLeftFunc(s[len(tok):], unicode.IsSpace)
	}
	return false
}

// isInitialism reports whether w, its final period removed, is letters in
// groups of one or two separated by periods: "U.S", "E.U", "Ph.D", "a.m".
func isInitialism(w string) bool {
	groups := strings.Split(w, ".")
	if len(groups) < 2 {
		return false
	}
	for _, g := range groups {
		if g == "" || utf8.RuneCountInString(g) > 2 {
			return false
		}
		for _, r := range g {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// isInitial reports whether w is a single capital letter, the initial of a
// name ("John D. Rockefeller", "J. P. Morgan").
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// isTerminator reports whether r can end a sentence.
func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// isCloser reports whether r can close a quotation or bracket after a
// sentence's final punctuation. Apostrophes count: the ambiguity is harmless
// here, where only what follows white space decides.
func isCloser(r rune) bool {
	return r == '”' || r == '"' || r == '’' || r == '\'' || r == ')' || r == ']'
}

// isOpener reports whether r can open a quotation or bracket before a
// sentence's first word.
func isOpener(r rune) bool {
	return r == '“' || r == '"' || r == '‘' || r == '\'' || r == '(' || r == '['
}

// appendTrimmed appends para[start:end] trimmed of white space, unless
// nothing is left of it. It decodes forwards only, as splitSentences does,
// so that both agree on where each rune of invalid UTF-8 starts.
func appendTrimmed(spans []Span, para string, start, end int) []Span {
	first, last := -1, -1
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(para[i:end])
		if !unicode.IsSpace(r) {
			if first < 0 {
				first = i
			}
			last = i + n
		}
		i += n
	}
	if first < 0 {
		return spans
	}
	return append(spans, Span{Start: first, End: last})
}
