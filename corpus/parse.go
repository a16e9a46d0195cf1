package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseFile reads and parses the article at path. See Parse.
func ParseFile(path string) (Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Article{}, err
	}
	if info.IsDir() {
		return Article{}, fmt.Errorf("%s is a folder, not an article file", path)
	}
	if info.Size() > MaxArticleBytes {
		return Article{}, fmt.Errorf("%s is %s, over the limit of %s: %w",
			filepath.Base(path), byteSize(info.Size()), byteSize(MaxArticleBytes), ErrTooLarge)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Article{}, err
	}
	return Parse(filepath.Base(path), data)
}

// Parse parses an article from data. The format is chosen by name's
// extension (.html, .htm, .md, .markdown, .txt) and, failing that, by the
// content: an HTML document, YAML front matter, a seed header
// ("date YYYY-MM-DD Title") or plain text whose first line is the title.
//
// Parse refuses input that is empty (ErrEmpty), over MaxArticleBytes
// (ErrTooLarge), not UTF-8 text (ErrBinary), or whose body has fewer than
// MinBodyWords words (ErrTooShort); HTML with no readable article gives
// ErrNoArticle and broken front matter ErrBadFrontMatter. The returned
// article has its ID set (see ArticleID).
func Parse(name string, data []byte) (Article, error) {
	if len(data) > MaxArticleBytes {
		return Article{}, fmt.Errorf("the input is %s, over the limit of %s: %w",
			byteSize(int64(len(data))), byteSize(MaxArticleBytes), ErrTooLarge)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return Article{}, ErrEmpty
	}
	if err := checkText(data); err != nil {
		return Article{}, err
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")

	var (
		a   Article
		err error
	)
	switch detectFormat(name, text) {
	case FormatHTML:
		a, err = parseHTML([]byte(text), "")
	case FormatMarkdown:
		a, err = parseMarkdown(text)
	case FormatSeed:
		a, err = parseSeed(text)
	default:
		a, err = parsePlain(text)
	}
	if err != nil {
		return Article{}, err
	}
	if n := len(strings.Fields(a.Body)); n < MinBodyWords {
		return Article{}, fmt.Errorf("the body has %d words, fewer than %d: %w", n, MinBodyWords, ErrTooShort)
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = firstWords(a.Body, 12)
	}
	a.ID = ArticleID(a)
	return a, nil
}

// checkText refuses data that is not UTF-8 text: invalid encodings, NUL
// bytes, or more than a few control characters (a binary file that happens
// to decode).
func checkText(data []byte) error {
	if !utf8.Valid(data) {
		return fmt.Errorf("it is not valid UTF-8 (save it as UTF-8 text): %w", ErrBinary)
	}
	controls := 0
	for _, r := range string(data) {
		if r == 0 {
			return fmt.Errorf("it holds NUL bytes, so it looks like a binary file: %w", ErrBinary)
		}
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			controls++
		}
	}
	if controls > 8 && controls*100 > len(data) {
		return fmt.Errorf("it holds control characters, so it looks like a binary file: %w", ErrBinary)
	}
	return nil
}

var (
	// blankLine separates paragraphs.
	blankLine  = regexp.MustCompile(`\n[ \t]*\n`)
	seedHeader = regexp.MustCompile(`^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?$`)
	htmlStart  = regexp.MustCompile(`(?i)^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>])`)
)

// detectFormat picks the parser for an input.
func detectFormat(name, text string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".md", ".markdown":
		return FormatMarkdown
	}
	head := text
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case htmlStart.MatchString(head):
		return FormatHTML
	case strings.HasPrefix(text, "---\n"):
		return FormatMarkdown
	case seedHeader.MatchString(firstLine(text)):
		return FormatSeed
	}
	return FormatText
}

// parseSeed parses the seed format: a first line "date YYYY-MM-DD Title",
// then paragraphs.
func parseSeed(text string) (Article, error) {
	first, rest := splitFirstLine(text)
	m := seedHeader.FindStringSubmatch(first)
	if m == nil {
		return parsePlain(text)
	}
	a := Article{Title: strings.TrimSpace(m[2]), Format: FormatSeed}
	d, err := time.Parse(time.DateOnly, m[1])
	if err != nil {
		return Article{}, fmt.Errorf("the date %q on the first line is not a real date (want YYYY-MM-DD)", m[1])
	}
	a.Date = d
	if a.Title == "" {
		// The title may sit alone on the next line.
		a.Title, rest = splitFirstLine(strings.TrimLeft(rest, "\n"))
		a.Title = strings.TrimSpace(a.Title)
	}
	a.Body = joinParagraphs(textParagraphs(rest))
	return a, nil
}

// parsePlain parses text with no date header: the first non-blank line is
// the title and the date is unknown.
func parsePlain(text string) (Article, error) {
	text = strings.TrimLeft(text, " \t\n")
	first, rest := splitFirstLine(text)
	a := Article{Title: collapseSpace(first), Format: FormatText}
	a.Body = joinParagraphs(textParagraphs(rest))
	return a, nil
}

// textParagraphs splits plain text into paragraphs at blank lines; the lines
// of one paragraph (hard-wrapped text) are joined with a space.
func textParagraphs(text string) []string {
	var paras []string
	for _, block := range blankLine.Split(text, -1) {
		if p := collapseSpace(block); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

// joinParagraphs joins paragraphs into a Body.
func joinParagraphs(paras []string) string {
	return strings.Join(paras, "\n\n")
}

// Paragraphs returns the paragraphs of a Body with their offsets.
func Paragraphs(body string) []Span {
	var spans []Span
	start := 0
	for start <= len(body) {
		end := strings.Index(body[start:], "\n\n")
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		s, e := trimSpan(body, start, end)
		if e > s {
			spans = append(spans, Span{s, e})
		}
		start = end + 2
	}
	return spans
}

// trimSpan narrows [start, end) of s to exclude surrounding white space.
func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// collapseSpace replaces every run of white space with one space and trims.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func firstLine(text string) string {
	line, _ := splitFirstLine(text)
	return line
}

func splitFirstLine(text string) (string, string) {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}

// firstWords returns up to n words of s, as a stand-in title.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		return strings.Join(words[:n], " ") + "…"
	}
	return strings.Join(words, " ")
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ArticleID returns the stable id of an article: 16 hex digits of a SHA-256
// of its canonical URL when it has one, otherwise of its normalised title
// and body, so that importing the same article again yields the same id.
func ArticleID(a Article) string {
	key := "url:" + CanonicalURL(a.URL)
	if CanonicalURL(a.URL) == "" {
		key = "text:" + NormalizeText(a.Body)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// trackingParams are query parameters that say how a reader arrived, not
// which page they read.
var trackingParams = []string{"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid", "ocid"}

// CanonicalURL normalises a URL for comparison: lower-case scheme and host,
// no "www.", no fragment, no tracking parameters, no trailing slash. It
// returns "" for anything that is not an absolute http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Scheme = "https"
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Fragment = ""
	u.User = nil
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") {
			q.Del(k)
		}
		for _, p := range trackingParams {
			if lk == p {
				q.Del(k)
			}
		}
	}
	u.RawQuery = q.Encode()
	u.Path = strings.TrimRight(u.Path, "/")
	return u.String()
}

// NormalizeText reduces text to lower-case letters and digits separated by
// single spaces, so that two copies of an article that differ only in
// typography, case or white space compare equal.
func NormalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

func decodeRune(s string) (rune, int)     { return utf8.DecodeRuneInString(s) }
func decodeLastRune(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
