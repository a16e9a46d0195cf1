package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is the YAML header of a Markdown article, as the store writes
// it and as moderators may write it by hand.
type frontMatter struct {
	Title   string     `yaml:"title"`
	Source  string     `yaml:"source,omitempty"`
	URL     string     `yaml:"url,omitempty"`
	Date    string     `yaml:"date,omitempty"`
	Author  string     `yaml:"author,omitempty"`
	Tags    stringList `yaml:"tags,omitempty"`
	AddedBy string     `yaml:"added_by,omitempty"`
	AddedAt string     `yaml:"added_at,omitempty"`
	ID      string     `yaml:"id,omitempty"`
}

// stringList accepts a YAML sequence or a single comma-separated string.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		for _, t := range strings.Split(n.Value, ",") {
			if t = strings.TrimSpace(t); t != "" {
				*l = append(*l, t)
			}
		}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = s
		return nil
	}
	return fmt.Errorf("tags: want a list of words")
}

// parseMarkdown parses Markdown with an optional YAML front matter. Without
// front matter, a leading "# Title" (or the first line) is the title.
func parseMarkdown(text string) (Article, error) {
	a := Article{Format: FormatMarkdown}
	body := text
	if strings.HasPrefix(text, "---\n") {
		end := strings.Index(text[4:], "\n---")
		if end < 0 {
			return Article{}, fmt.Errorf("the front matter opened with --- is never closed: %w", ErrBadFrontMatter)
		}
		header := text[4 : 4+end]
		body = text[4+end+4:]
		body = strings.TrimPrefix(strings.TrimLeft(body, "-"), "\n")
		var fm frontMatter
		dec := yaml.NewDecoder(strings.NewReader(header))
		if err := dec.Decode(&fm); err != nil && err.Error() != "EOF" {
			return Article{}, fmt.Errorf("%v: %w", yamlProblem(err), ErrBadFrontMatter)
		}
		var err error
		if a.Date, err = parseDate(fm.Date); err != nil {
			return Article{}, fmt.Errorf("date %q: %v: %w", fm.Date, err, ErrBadFrontMatter)
		}
		if a.AddedAt, err = parseDate(fm.AddedAt); err != nil {
			return Article{}, fmt.Errorf("added_at %q: %v: %w", fm.AddedAt, err, ErrBadFrontMatter)
		}
		a.Title = collapseSpace(fm.Title)
		a.Source = strings.TrimSpace(fm.Source)
		a.URL = strings.TrimSpace(fm.URL)
		a.Author = strings.TrimSpace(fm.Author)
		a.Tags = fm.Tags
		a.AddedBy = strings.TrimSpace(fm.AddedBy)
	}
	paras := markdownParagraphs(body)
	if a.Title == "" && len(paras) > 0 {
		a.Title = strings.TrimLeft(paras[0], "# ")
		paras = paras[1:]
	}
	for i, p := range paras {
		paras[i] = stripMarkdown(p)
	}
	a.Body = joinParagraphs(nonEmpty(paras))
	return a, nil
}

// yamlProblem shortens a YAML error to what a moderator can act on.
func yamlProblem(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// parseDate reads a date as YYYY-MM-DD or RFC 3339; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700 MST", "2006-01-02 15:04:05 +0000 UTC"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date (want YYYY-MM-DD)")
}

var (
	mdHeading  = regexp.MustCompile(`^#{1,6}[ \t]+`)
	mdListItem = regexp.MustCompile(`^(?:[-*+]|\d{1,3}[.)])[ \t]+`)
	mdImage    = regexp.MustCompile(`!\[[^\]\n]*\]\([^)\n]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]\n]+)\]\([^)\n]*\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:[^\n]*?\S)?)(\*\*|__)`)
	mdEmStar   = regexp.MustCompile(`(^|[^\\*\w])\*(\S(?:[^*\n]*?\S)?)\*`)
	mdEmUnder  = regexp.MustCompile(`(^|[^\\\w])_(\S(?:[^_\n]*?\S)?)_($|\W)`)
	mdCode     = regexp.MustCompile("`([^`\n]+)`")
	mdEscape   = regexp.MustCompile("\\\\[\\\\`*_{}\\[\\]()#+\\-.!>|]")
	mdRule     = regexp.MustCompile(`^(?:[-*_][ \t]*){3,}$`)
)

// markdownParagraphs splits Markdown into blocks: a heading or a list item
// is a paragraph of its own; other lines of a block are joined.
func markdownParagraphs(text string) []string {
	var paras []string
	for _, block := range blankLine.Split(text, -1) {
		var cur []string
		flush := func() {
			if p := collapseSpace(strings.Join(cur, " ")); p != "" {
				paras = append(paras, p)
			}
			cur = nil
		}
		for _, line := range strings.Split(block, "\n") {
			t := strings.TrimSpace(line)
			t = strings.TrimSpace(strings.TrimLeft(t, ">"))
			switch {
			case mdRule.MatchString(t):
				flush()
			case mdHeading.MatchString(t):
				flush()
				cur = []string{strings.TrimRight(mdHeading.ReplaceAllString(t, ""), "# ")}
				flush()
			case mdListItem.MatchString(t):
				flush()
				cur = []string{mdListItem.ReplaceAllString(t, "")}
			default:
				cur = append(cur, t)
			}
		}
		flush()
	}
	return paras
}

// stripMarkdown removes inline Markdown (emphasis, links, code, escapes) and
// keeps the words a reader sees.
func stripMarkdown(s string) string {
	// Escaped characters are set aside first, so that no pattern below can
	// read them as Markdown; they come back as themselves at the end.
	s = mdEscape.ReplaceAllStringFunc(s, func(m string) string {
		return string(rune(escapeBase + rune(m[1])))
	})
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEmStar.ReplaceAllString(s, "$1$2")
	s = mdEmUnder.ReplaceAllString(s, "$1$2$3")
	s = strings.Map(func(r rune) rune {
		if r >= escapeBase && r < escapeBase+128 {
			return r - escapeBase
		}
		return r
	}, s)
	return collapseSpace(s)
}

func nonEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// escapeBase is where stripMarkdown parks escaped ASCII characters: a plane
// of private-use code points that news text does not contain.
const escapeBase = 0xF0000

// mdSpecial escapes what stripMarkdown would otherwise read as Markdown, so
// that Marshal then Parse gives back the same body.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
)

// mdLineStart escapes what would make a paragraph's first characters a
// heading, a list item, a quote or a rule.
var mdLineStart = regexp.MustCompile(`^(?:[#>+-]|\d{1,3}[.)][ \t])`)

// Marshal writes an article as Markdown with YAML front matter, the format
// of the store. Parse reads it back to an equal Article (its Body, Title,
// Date, metadata and ID).
func Marshal(a Article) []byte {
	fm := frontMatter{
		Title:   a.Title,
		Source:  a.Source,
		URL:     a.URL,
		Date:    a.DateString(),
		Author:  a.Author,
		Tags:    a.Tags,
		AddedBy: a.AddedBy,
		ID:      a.ID,
	}
	if !a.AddedAt.IsZero() {
		fm.AddedAt = a.AddedAt.UTC().Format(time.RFC3339)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		// frontMatter holds only strings, which always encode.
		panic(fmt.Sprintf("corpus: encoding front matter: %v", err))
	}
	enc.Close()
	buf.WriteString("---\n")
	for _, p := range Paragraphs(a.Body) {
		para := mdSpecial.Replace(a.Body[p.Start:p.End])
		if loc := mdLineStart.FindStringIndex(para); loc != nil {
			// Escape the character that makes the line a block marker: the
			// first, or the dot or bracket after a list number.
			i := 0
			if para[0] >= '0' && para[0] <= '9' {
				i = loc[1] - 2
			}
			para = para[:i] + `\` + para[i:]
		}
		buf.WriteString("\n")
		buf.WriteString(para)
		buf.WriteString("\n")
	}
	return buf.Bytes()
}
