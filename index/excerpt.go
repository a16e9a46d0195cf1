package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// maxExcerpt is the most runes of article text an excerpt shows.
const maxExcerpt = 400

// span is a byte range of a text to put in bold.
type span struct{ start, end int }

// highlightNames returns text with every occurrence of the names (any
// case) in bold, escaped for Discord, cut to maxExcerpt runes.
func highlightNames(text string, names []string) string {
	text = clip(text, 0)
	lower := strings.ToLower(text)
	var spans []span
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if len(n) < 2 {
			continue
		}
		for off := 0; ; {
			i := strings.Index(lower[off:], n)
			if i < 0 {
				break
			}
			i += off
			off = i + len(n)
			if wordEdge(lower, i-1) && wordEdge(lower, off) {
				spans = append(spans, span{i, off})
			}
		}
	}
	return render(text, spans)
}

// wordEdge reports whether the byte at i of s is outside a word.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	if strings.HasPrefix(s[i:], "’") || i >= 2 && strings.HasPrefix(s[i-2:], "’") {
		return true // "Microsoft’s"
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80)
}

// highlightText returns text with the words that match the query's words
// (as the index reads them: "deals" matches "deal") in bold, escaped for
// Discord, and cut to the part around the first match when it is long.
func (idx *Index) highlightText(text, q string) string {
	if strings.TrimSpace(q) == "" {
		return render(clip(text, 0), nil)
	}
	analyzer := idx.bleve.Mapping().AnalyzerNamed(en.AnalyzerName)
	want := map[string]bool{}
	for _, t := range analyzer.Analyze([]byte(q)) {
		want[string(t.Term)] = true
	}
	var spans []span
	for _, t := range analyzer.Analyze([]byte(text)) {
		if want[string(t.Term)] {
			spans = append(spans, span{t.Start, t.End})
		}
	}
	if len(spans) == 0 || utf8.RuneCountInString(text) <= maxExcerpt {
		return render(clip(text, 0), spans)
	}
	// Start a little before the first match, at a word.
	from := max(0, spans[0].start-120)
	for from > 0 && text[from-1] != ' ' {
		from--
	}
	cut := clip(text, from)
	var kept []span
	for _, s := range spans {
		if s.start >= from && s.end <= from+len(cut) {
			kept = append(kept, span{s.start - from, s.end - from})
		}
	}
	out := render(cut, kept)
	if from > 0 {
		out = "…" + out
	}
	return out
}

// clip returns text from byte from, cut to maxExcerpt runes at a word and
// marked with "…" when cut.
func clip(text string, from int) string {
	text = text[from:]
	if utf8.RuneCountInString(text) <= maxExcerpt {
		return text
	}
	n, i := 0, 0
	for i = range text {
		if n == maxExcerpt {
			break
		}
		n++
	}
	if j := strings.LastIndexByte(text[:i], ' '); j > maxExcerpt/2 {
		i = j
	}
	return text[:i] + "…"
}

// render escapes text for Discord and puts the spans in bold.
func render(text string, spans []span) string {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.start < at || s.end > len(text) {
			continue // overlapping or cut off
		}
		b.WriteString(Escape(text[at:s.start]))
		b.WriteString("**")
		b.WriteString(Escape(text[s.start:s.end]))
		b.WriteString("**")
		at = s.end
	}
	b.WriteString(Escape(text[at:]))
	return b.String()
}

// markdown are the characters Discord reads as formatting, masked links or
// mentions anywhere in a line.
var markdown = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `~`, `\~`, `|`, `\|`,
	`[`, `\[`, `]`, `\]`, `<`, `\<`,
	"@", "@\u200b", // a zero-width space keeps @everyone and @name from mentioning
	"\n", " ",
)

// Escape makes article text safe to post in Discord: no formatting, no
// masked links, no mentions, one line. A line may not start a heading, a
// list or a block quote either.
func Escape(s string) string {
	s = markdown.Replace(s)
	if s != "" && strings.ContainsRune("#->", rune(s[0])) {
		s = `\` + s
	}
	return s
}

// Plain turns an excerpt back into plain text: no bold, no escapes.
func Plain(excerpt string) string {
	var b strings.Builder
	for i := 0; i < len(excerpt); i++ {
		switch {
		case excerpt[i] == '\\' && i+1 < len(excerpt):
			i++
			b.WriteByte(excerpt[i])
		case strings.HasPrefix(excerpt[i:], "**"):
			i++
		case strings.HasPrefix(excerpt[i:], "\u200b"):
			i += len("\u200b") - 1
		default:
			b.WriteByte(excerpt[i])
		}
	}
	return b.String()
}
