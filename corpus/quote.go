package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is a direct quotation and who said it. Text is the quotation as
// written, without its quote marks; when another attributed quotation sits
// inside it, that quotation and its attribution are cut out of Text and
// replaced by " … ", and Parts gives the spans of the pieces kept.
type Quote struct {
	Speaker   string     `json:"speaker"`    // canonical person or organisation
	SpeakerAs string     `json:"speaker_as"` // as the article names the speaker here ("he", "Okafor")
	Kind      EntityKind `json:"speaker_kind"`
	Role      string     `json:"role,omitempty"` // how the article introduces the speaker: "chief executive of Halcyon"
	Text      string     `json:"text"`
	Cue       string     `json:"cue"` // the words of attribution: "said on CNBC"
	Span                 // of the quotation's text in Body
	Parts     []Span     `json:"parts,omitempty"`
	Excerpt   string     `json:"excerpt"` // the sentence or sentences it stands in
	ExcerptAt Span       `json:"excerpt_span"`
}

// rawQuote is a quotation found by its marks, before attribution.
type rawQuote struct {
	open, close int  // offsets of the opening mark and of the closing mark (or the paragraph's end)
	inner       Span // the text between the marks
	parent      int  // index of the quotation it sits in, or -1
	closed      bool // the closing mark was found
}

// isQuoteOpenPos reports whether a straight quote at i opens a quotation:
// it follows the start of the text, white space, a bracket or a dash.
func isQuoteOpenPos(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	if unicode.IsSpace(next) || i+1 >= len(text) {
		return false
	}
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-:“‘/", prev)
}

// findQuotes finds the quotations of one paragraph text[p.Start:p.End] by
// their marks: curly “…” (which nest), straight "…" told apart by position,
// and single ‘…’ inside a double quotation. A quotation left open at the
// end of the paragraph runs to its end, as a quotation that goes on into
// the next paragraph does.
func findQuotes(text string, p Span) []rawQuote {
	var out []rawQuote
	var stack []int // indexes into out of the open quotations
	kindOf := map[int]rune{}
	top := func() (int, rune) {
		if len(stack) == 0 {
			return -1, 0
		}
		i := stack[len(stack)-1]
		return i, kindOf[i]
	}
	push := func(at, width int, kind rune) {
		parent, _ := top()
		out = append(out, rawQuote{open: at, inner: Span{at + width, at + width}, parent: parent})
		kindOf[len(out)-1] = kind
		stack = append(stack, len(out)-1)
	}
	pop := func(at int) {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out[i].close, out[i].inner.End, out[i].closed = at, at, true
	}
	for i := p.Start; i < p.End; {
		r, n := utf8.DecodeRuneInString(text[i:p.End])
		_, kind := top()
		switch r {
		case '“':
			push(i, n, '"')
		case '”':
			// Close the innermost double quotation, dropping single ones left open.
			for len(stack) > 0 && kind == '\'' {
				stack = stack[:len(stack)-1]
				_, kind = top()
			}
			if len(stack) > 0 {
				pop(i)
			}
		case '"':
			if isQuoteOpenPos(text[:p.End], i) {
				push(i, n, '"')
				break
			}
			for len(stack) > 0 && kind == '\'' {
				stack = stack[:len(stack)-1]
				_, kind = top()
			}
			if len(stack) > 0 {
				pop(i)
			}
		case '‘':
			if len(stack) > 0 {
				push(i, n, '\'')
			}
		case '’':
			// An apostrophe inside a word (it’s) or after a plural (investors’) is no mark.
			next, _ := utf8.DecodeRuneInString(text[i+n : p.End])
			if kind == '\'' && !unicode.IsLetter(next) {
				pop(i)
			}
		}
		i += n
	}
	for _, i := range stack {
		if kindOf[i] == '"' {
			out[i].close, out[i].inner.End = p.End, p.End
		}
	}
	// Drop single quotations that never closed, and empty ones.
	keep := out[:0]
	remap := map[int]int{-1: -1}
	for i, q := range out {
		if q.inner.End <= q.inner.Start || (kindOf[i] == '\'' && !q.closed) {
			remap[i] = remap[q.parent]
			continue
		}
		remap[i] = len(keep)
		q.parent = remap[q.parent]
		keep = append(keep, q)
	}
	return keep
}

// isFragment reports whether a quotation is a scare-quoted phrase: one to
// three words with no punctuation of speech at its end ("the “WeWork of
// AI”").
func isFragment(text string) bool {
	if len(strings.Fields(text)) > 3 {
		return false
	}
	t := strings.TrimRight(text, " ")
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(",.!?…", last)
}
