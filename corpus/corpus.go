// Package corpus owns dealbot's domain: articles, their parsing from the
// formats moderators bring (the seed text format, Markdown with YAML front
// matter, HTML pages, plain text), and the facts drawn from them: passages
// (sentences with their offsets), direct quotations with their speakers,
// amounts of money, deals and the names of companies and people; and the
// store on disk, one Markdown file per article, that is the corpus's source
// of truth.
//
// Every fact carries the offsets of the exact text it was drawn from, so that
// an answer can cite it verbatim. The package imports neither discordgo nor
// bleve: the index and the bot speak in its types.
package corpus

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors returned by the parsers. Callers may test for them with errors.Is;
// the wrapping error says which file and why in words a moderator can act on.
var (
	// ErrEmpty is returned for input with no text at all.
	ErrEmpty = errors.New("the file is empty")
	// ErrTooLarge is returned for input over MaxArticleBytes.
	ErrTooLarge = errors.New("the file is too large")
	// ErrBinary is returned for input that is not text (NUL bytes, control
	// characters, or not valid UTF-8).
	ErrBinary = errors.New("the file is not UTF-8 text")
	// ErrTooShort is returned when the body is too short to be an article.
	ErrTooShort = errors.New("the text is too short to be an article")
	// ErrNoArticle is returned when an HTML page holds no readable article.
	ErrNoArticle = errors.New("no article text found")
	// ErrBadFrontMatter is returned for Markdown whose YAML front matter
	// cannot be read.
	ErrBadFrontMatter = errors.New("the front matter is not valid YAML")
)

// MaxArticleBytes is the largest input the parsers accept: 2 MB.
const MaxArticleBytes = 2 << 20

// MinBodyWords is the fewest words a body may have to count as an article.
const MinBodyWords = 20

// MaxTitleRunes is the longest title an article may have.
const MaxTitleRunes = 300

// ErrBadArticle is returned by Check, and so by Store.Add, for an article
// the corpus should not hold: the message says what is wrong.
var ErrBadArticle = errors.New("the article cannot be added")

// Check reports what would make an article unfit for the corpus: no title
// or one over MaxTitleRunes, or a URL that is not http(s). Its errors wrap
// ErrBadArticle. The body is checked by Parse when the store reads the
// article back.
func Check(a Article) error {
	switch n := utf8.RuneCountInString(a.Title); {
	case strings.TrimSpace(a.Title) == "":
		return fmt.Errorf("it has no title: %w", ErrBadArticle)
	case n > MaxTitleRunes:
		return fmt.Errorf("its title is %d characters long, over the %d allowed: %w", n, MaxTitleRunes, ErrBadArticle)
	}
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("its URL %q is not an http or https address: %w", firstWords(a.URL, 1), ErrBadArticle)
		}
	}
	return nil
}

// Format names the format an article was parsed from.
type Format string

// The formats Parse understands.
const (
	FormatSeed     Format = "seed"     // first line "date YYYY-MM-DD Title"
	FormatMarkdown Format = "markdown" // YAML front matter, then Markdown
	FormatHTML     Format = "html"     // a web page
	FormatText     Format = "text"     // plain text, first line the title
)

// Article is one news article. Body holds its text as paragraphs separated by
// a blank line ("\n\n"), standfirst and subheadings included; every offset in
// this package is a byte offset into Body (or into Title, for facts drawn from
// the title). A zero Date means the date is unknown.
type Article struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Date    time.Time `json:"-"`
	Source  string    `json:"source,omitempty"`
	URL     string    `json:"url,omitempty"`
	Author  string    `json:"author,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	AddedBy string    `json:"added_by,omitempty"`
	AddedAt time.Time `json:"-"`
	Format  Format    `json:"format,omitempty"`
	Body    string    `json:"-"`
}

// DateString returns the article's date as YYYY-MM-DD, or "" when unknown.
func (a Article) DateString() string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format(time.DateOnly)
}

// Span is a half-open byte range [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// PassageKind says what role a passage plays in its article.
type PassageKind string

// The kinds of passage.
const (
	PassageTitle      PassageKind = "title"      // offsets are into Article.Title
	PassageStandfirst PassageKind = "standfirst" // a short line under the title
	PassageHeading    PassageKind = "heading"    // a subheading inside the body
	PassageSentence   PassageKind = "sentence"   // a sentence of a paragraph
)

// Passage is a citable unit of an article: a sentence, a standfirst line,
// a subheading or the title. Para numbers the body paragraph it belongs to,
// from 0 (-1 for the title).
type Passage struct {
	Kind PassageKind `json:"kind"`
	Para int         `json:"para"`
	Span
	Text string `json:"text"`
}

// Amount is a sum of money as written, normalised to a value in whole units
// of an ISO 4217 currency. For a range ("$1bn-$2bn") Value is the low end
// and Max the high end; otherwise Max is 0. Qualifier is one of "", "nearly",
// "about", "up to", "potentially", "more than", "at least", "less than".
type Amount struct {
	Value     float64 `json:"value"`
	Max       float64 `json:"max,omitempty"`
	Currency  string  `json:"currency"`
	Text      string  `json:"text"`
	Qualifier string  `json:"qualifier"`
	Span      `json:"-"`
}

// EntityKind says whether a name is a person or an organisation.
type EntityKind string

// The kinds of entity.
const (
	Person       EntityKind = "person"
	Organization EntityKind = "organization"
)
