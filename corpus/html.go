package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// htmlMaxDepth is how deeply a page may nest its elements. Real pages stay
// well under a hundred; the HTML parser does work in proportion to the depth
// for every element, so a page of a million unclosed <div>s would take hours
// rather than fail.
const htmlMaxDepth = 512

// htmlParseTimeout bounds the time the HTML parser may take. The nesting
// estimate of htmlNestingDepth refuses the usual pathological pages at once,
// but the parser has slow cases it cannot foresee (thousands of formatting
// elements that the parser reopens in every paragraph): this stops them.
// Real pages of 2 MB parse in a tenth of it.
const htmlParseTimeout = 3 * time.Second

// htmlMaxWork bounds htmlWork, the cost of readability on a page, at about
// two seconds. Readability measures the text under every <div>, <table>
// and list again for each of them, so 2 MB of text inside a few hundred
// nested <div>s takes minutes; real pages, even 2 MB ones, use a hundredth
// of the budget.
const htmlMaxWork = 250_000_000

// parseHTML extracts the article from an HTML page. pageURL is where the page
// came from ("" when unknown, e.g. an uploaded file); it resolves relative URLs.
// It returns an error wrapping ErrNoArticle when the page holds no readable article.
// Input that is only white space gives ErrEmpty, and input over
// MaxArticleBytes ErrTooLarge.
//
// The metadata comes from the page's own markup (Open Graph and other meta
// tags, JSON-LD, <link rel="canonical">, <time>, the byline) and the body
// from readability, after the page's navigation, asides, ads, sign-up boxes,
// comments and the like have been cut out (see htmlFindJunk), as plain-text
// paragraphs (see htmlParagraphs).
func parseHTML(data []byte, pageURL string) (Article, error) {
	if len(data) > MaxArticleBytes {
		return Article{}, fmt.Errorf("the page is %d bytes, over the limit of %d: %w", len(data), MaxArticleBytes, ErrTooLarge)
	}
	text := htmlDecode(data)
	if strings.TrimSpace(text) == "" {
		return Article{}, ErrEmpty
	}
	if d := htmlNestingDepth(text, htmlMaxDepth); d > htmlMaxDepth {
		return Article{}, fmt.Errorf("the page nests its elements more than %d deep, which no article does: %w", htmlMaxDepth, ErrNoArticle)
	}
	deadline := time.Now().Add(htmlParseTimeout)
	doc, err := html.Parse(&htmlDeadlineReader{r: strings.NewReader(text), deadline: deadline})
	if err != nil {
		return Article{}, fmt.Errorf("the page cannot be read as HTML (%v): %w", err, ErrNoArticle)
	}
	if d := htmlTreeDepth(doc); d > htmlMaxDepth {
		return Article{}, fmt.Errorf("the page nests its elements more than %d deep, which no article does: %w", htmlMaxDepth, ErrNoArticle)
	}
	body := htmlFirst(doc, "body")
	if body == nil {
		return Article{}, fmt.Errorf("the page has no body: %w", ErrNoArticle)
	}

	// The page's headline, which readability keeps in the text when it
	// differs from the title it chose.
	h1 := ""
	if n := htmlFirst(body, "h1"); n != nil {
		h1 = htmlTextContent(n)
	}
	base := htmlBaseURL(doc, pageURL)
	meta := htmlReadMeta(doc)
	ld := htmlReadLinkedData(doc)

	// Everything that is read from the page body (the byline and the <time>
	// of the article) is read before the boilerplate is cut, but never from
	// the boilerplate itself: a comment or a related story has its own date
	// and author.
	login := htmlFirstMatch(body, func(n *html.Node) bool {
		return n.Data == "input" && strings.EqualFold(htmlAttr(n, "type"), "password")
	}) != nil
	junk := htmlFindJunk(body)
	bylines, byline := htmlFindBylines(body, junk)
	standfirst := htmlFindStandfirst(body, junk)
	timeDate := htmlArticleTime(body, junk)
	for _, n := range slices.Concat(junk, bylines) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}

	if w := htmlWork(body); w > htmlMaxWork {
		return Article{}, fmt.Errorf("the page is too large and too deeply nested to read: %w", ErrNoArticle)
	}
	ra, readerable, err := htmlReadability(doc)
	if err != nil {
		return Article{}, err
	}

	if ra.Node == nil {
		return Article{}, fmt.Errorf("readability found no text on the page: %w", ErrNoArticle)
	}
	paras := htmlParagraphs(ra.Node)
	declared := readerable || ld.isArticle || strings.EqualFold(htmlMetaValue(meta, "og:type"), "article")
	if err := htmlCheckArticle(paras, declared, login); err != nil {
		return Article{}, err
	}

	a := Article{Format: FormatHTML}
	a.URL = htmlArticleURL(meta, base, pageURL)
	a.Source = htmlSource(meta, ld, a.URL)
	a.Title = htmlTitle(meta, ld, ra.Title(), a.Source, a.URL)
	a.Author = htmlAuthor(meta, ld, byline, ra.Byline())
	a.Date = htmlDate(meta, ld, timeDate, ra)
	titles := []string{a.Title, htmlMetaValue(meta, "og:title"), ld.headline, ra.Title(), h1}
	paras = htmlDropMetaLines(paras, titles, a.Author)
	paras = htmlAddStandfirst(paras, standfirst, a.Title)
	texts := make([]string, 0, len(paras))
	for _, p := range paras {
		if !p.drop {
			texts = append(texts, p.text)
		}
	}
	a.Body = strings.Join(texts, "\n\n")
	if a.Body == "" {
		return Article{}, fmt.Errorf("the page has no article text: %w", ErrNoArticle)
	}
	return a, nil
}

// htmlReadability runs readability over doc, which it changes. It returns
// the extracted article and whether the page looked readable before
// extraction (readability's own test, which wants a few long paragraphs).
// A panic inside readability is reported as ErrNoArticle: the page is then
// unreadable to us, and one bad page must not take the bot down.
func htmlReadability(doc *html.Node) (ra readability.Article, readerable bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ra, readerable = readability.Article{}, false
			err = fmt.Errorf("readability failed on the page (%v): %w", r, ErrNoArticle)
		}
	}()
	p := readability.NewParser()
	// Classes are kept so that htmlParagraphs can still recognise captions
	// and promotional boxes inside the extracted content.
	p.KeepClasses = true
	readerable = p.CheckDocument(doc)
	ra, err = p.ParseAndMutate(doc, nil)
	if err != nil {
		return readability.Article{}, false, fmt.Errorf("readability failed on the page (%v): %w", err, ErrNoArticle)
	}
	return ra, readerable, nil
}

// htmlDecode returns the page as UTF-8. Valid UTF-8 is taken as it is, even
// when a <meta charset> says otherwise: pages saved or converted by hand
// often keep the original declaration. Anything else is decoded by its
// byte-order mark or <meta charset>, falling back to Windows-1252 as
// browsers do.
func htmlDecode(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return string(data)
	}
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// htmlNestingDepth estimates, in one pass of the tokenizer, how deeply the
// parser will nest the page's elements, and stops counting past limit. It
// models the end tags a parser implies (a new <p> or block closes an open
// <p>, a new <li> closes the last <li>, and so on) well enough that sloppy
// but real pages stay shallow, while the usual pathological pages (deep
// <div>s, unclosed tables, lists or bold) are caught before parsing.
func htmlNestingDepth(text string, limit int) int {
	z := html.NewTokenizer(strings.NewReader(text))
	var stack []string
	foreign := 0 // open <svg> and <math> elements, where "/>" really closes
	deepest := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken, html.SelfClosingTagToken:
			b, _ := z.TagName()
			name := string(b)
			if htmlIsVoid(name) || (tt == html.SelfClosingTagToken && foreign > 0) {
				continue
			}
			stack = htmlCloseImplied(stack, name)
			stack = append(stack, name)
			if name == "svg" || name == "math" {
				foreign++
			}
			if foreign > 0 {
				// In SVG and MathML, <title> or <textarea> hold markup, not
				// text, and the parser reads the tags inside them.
				z.NextIsNotRawText()
			}
			if len(stack) > deepest {
				deepest = len(stack)
				if deepest > limit {
					return deepest
				}
			}
		case html.EndTagToken:
			b, _ := z.TagName()
			name := string(b)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					for _, s := range stack[i:] {
						if s == "svg" || s == "math" {
							foreign--
						}
					}
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// htmlDeadlineReader hands r to the HTML parser in small pieces and fails
// once deadline has passed, which makes the parser, reading as it goes,
// stop with that error.
type htmlDeadlineReader struct {
	r        io.Reader
	deadline time.Time
}

func (d *htmlDeadlineReader) Read(p []byte) (int, error) {
	if time.Now().After(d.deadline) {
		return 0, errors.New("it took too long to parse")
	}
	if len(p) > 4096 {
		p = p[:4096]
	}
	return d.r.Read(p)
}

// htmlTreeDepth returns how deeply the elements under n nest. It walks the
// tree without recursion, as the tree is not yet known to be shallow.
func htmlTreeDepth(n *html.Node) int {
	depth, deepest := 0, 0
	for c := n; c != nil; {
		if c.FirstChild != nil {
			c = c.FirstChild
			depth++
			deepest = max(deepest, depth)
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
			depth--
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return deepest
}

// htmlWork estimates the work readability will do on the page under n: each
// node and each byte of text counts once for every <div>, <table>, list,
// form and fieldset it is in, as readability's cleaning passes go.
func htmlWork(n *html.Node) int {
	work := 0
	var walk func(n *html.Node, boxes int)
	walk = func(n *html.Node, boxes int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				work += (len(c.Data) + 1) * boxes
			case html.ElementNode:
				work += boxes
				inner := boxes
				switch c.Data {
				case "div", "table", "ul", "ol", "form", "fieldset":
					inner++
				}
				walk(c, inner)
			}
		}
	}
	walk(n, 1)
	return work
}

// htmlCloseImplied pops from stack the elements that a start tag name closes
// implicitly, following the HTML parsing rules loosely.
func htmlCloseImplied(stack []string, name string) []string {
	// find returns the index of the nearest open element for which target
	// is true, looking down through the elements for which skip is true.
	find := func(target, skip func(string) bool) int {
		for i := len(stack) - 1; i >= 0; i-- {
			if target(stack[i]) {
				return i
			}
			if !skip(stack[i]) {
				return -1
			}
		}
		return -1
	}
	is := func(names ...string) func(string) bool {
		return func(s string) bool { return slices.Contains(names, s) }
	}
	isNot := func(names ...string) func(string) bool {
		return func(s string) bool { return !slices.Contains(names, s) }
	}
	phrasing := func(s string) bool { return !htmlIsBlock(s) }
	inList := func(s string) bool { return phrasing(s) || s == "div" || s == "p" || s == "address" }
	i := -1
	switch name {
	case "li":
		i = find(is("li"), inList)
	case "dt", "dd":
		i = find(is("dt", "dd"), inList)
	case "tr":
		i = find(is("tr"), isNot("table"))
	case "td", "th":
		i = find(is("td", "th"), isNot("tr", "table"))
	case "thead", "tbody", "tfoot":
		i = find(is("thead", "tbody", "tfoot"), isNot("table"))
	case "option", "optgroup":
		i = find(is("option"), is())
	case "a", "button", "nobr":
		i = find(is(name), phrasing)
	}
	if i >= 0 {
		return stack[:i]
	}
	if htmlIsBlock(name) {
		if i = find(is("p"), phrasing); i >= 0 {
			stack = stack[:i]
		}
		if htmlIsHeading(name) && len(stack) > 0 && htmlIsHeading(stack[len(stack)-1]) {
			stack = stack[:len(stack)-1]
		}
	}
	return stack
}

// htmlIsVoid reports whether the element name never has content.
func htmlIsVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
		"meta", "param", "source", "track", "wbr", "frame", "basefont", "bgsound":
		return true
	}
	return false
}

func htmlIsHeading(name string) bool {
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// htmlIsBlock reports whether the element name makes a paragraph break in
// the text.
func htmlIsBlock(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
		"details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
		"html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
		"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul":
		return true
	}
	return false
}

// htmlMetaTags maps a lower-cased <meta> name, property or itemprop to its
// contents, in page order; "link:canonical" holds the canonical link.
type htmlMetaTags map[string][]string

// htmlReadMeta collects the page's <meta> tags and canonical link.
func htmlReadMeta(doc *html.Node) htmlMetaTags {
	m := htmlMetaTags{}
	htmlWalk(doc, func(n *html.Node) bool {
		switch n.Data {
		case "meta":
			content := strings.TrimSpace(htmlAttr(n, "content"))
			if content == "" {
				return false
			}
			for _, key := range []string{"name", "property", "itemprop"} {
				if k := strings.ToLower(strings.TrimSpace(htmlAttr(n, key))); k != "" {
					m[k] = append(m[k], content)
				}
			}
		case "link":
			for _, rel := range strings.Fields(strings.ToLower(htmlAttr(n, "rel"))) {
				if href := strings.TrimSpace(htmlAttr(n, "href")); rel == "canonical" && href != "" {
					m["link:canonical"] = append(m["link:canonical"], href)
				}
			}
		}
		return true
	})
	return m
}

// htmlMetaValue returns the first value of key, with white space collapsed
// and entities decoded: many sites escape their meta contents twice.
func htmlMetaValue(m htmlMetaTags, key string) string {
	if v := m[key]; len(v) > 0 {
		return htmlClean(stdhtml.UnescapeString(v[0]))
	}
	return ""
}

// htmlLinkedData is what the page's JSON-LD says about its article.
type htmlLinkedData struct {
	isArticle bool // some object has an article type
	headline  string
	published string
	authors   []string
	publisher string
}

// htmlIsArticleType reports whether the lower-cased schema.org type t is a
// news article's.
func htmlIsArticleType(t string) bool {
	switch t {
	case "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
		"backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
		"askpublicnewsarticle", "blogposting", "liveblogposting", "techarticle", "report",
		"scholarlyarticle", "socialmediaposting":
		return true
	}
	return false
}

// htmlReadLinkedData reads the JSON-LD blocks of the page. It prefers the
// article objects, wherever they sit (top level, arrays, @graph), and
// resolves {"@id": …} references to the authors and publisher the way
// @graph-style markup (Yoast and others) writes them.
func htmlReadLinkedData(doc *html.Node) htmlLinkedData {
	var objs []map[string]any
	htmlWalk(doc, func(n *html.Node) bool {
		if n.Data != "script" {
			return true
		}
		typ, _, _ := strings.Cut(strings.ToLower(htmlAttr(n, "type")), ";")
		if strings.TrimSpace(typ) != "application/ld+json" {
			return false
		}
		raw := strings.TrimSpace(htmlTextContent(n))
		raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
		// Raw line breaks inside strings are invalid JSON but common in
		// hand-edited markup; outside strings they are white space anyway.
		raw = strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(raw)
		var v any
		if json.Unmarshal([]byte(raw), &v) == nil {
			objs = htmlLDObjects(v, objs, 0)
		}
		return false
	})

	byID := map[string]map[string]any{}
	for _, o := range objs {
		if id, ok := o["@id"].(string); ok && len(o) > 1 {
			if _, seen := byID[id]; !seen {
				byID[id] = o
			}
		}
	}
	var articles, others []map[string]any
	for _, o := range objs {
		if htmlLDIsArticle(o) {
			articles = append(articles, o)
		} else {
			others = append(others, o)
		}
	}
	ld := htmlLinkedData{isArticle: len(articles) > 0}
	for _, o := range articles {
		if ld.headline == "" {
			ld.headline = htmlLDString(o["headline"])
		}
		if ld.published == "" {
			ld.published = htmlLDString(o["datePublished"])
		}
		if ld.authors == nil {
			ld.authors = htmlLDNames(o["author"], byID, 0)
		}
		if ld.publisher == "" {
			if names := htmlLDNames(o["publisher"], byID, 0); len(names) > 0 {
				ld.publisher = names[0]
			}
		}
	}
	// A page without an article object may still date itself (a WebPage
	// with datePublished) and name its publisher.
	for _, o := range others {
		if ld.published == "" {
			ld.published = htmlLDString(o["datePublished"])
		}
		if ld.publisher == "" {
			if names := htmlLDNames(o["publisher"], byID, 0); len(names) > 0 {
				ld.publisher = names[0]
			}
		}
	}
	return ld
}

// htmlLDObjects appends every JSON object in v, depth first, to objs.
func htmlLDObjects(v any, objs []map[string]any, depth int) []map[string]any {
	if depth > 16 || len(objs) > 1000 {
		return objs
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			objs = htmlLDObjects(e, objs, depth+1)
		}
	case map[string]any:
		objs = append(objs, v)
		for _, key := range []string{"@graph", "mainEntity", "mainEntityOfPage", "author", "publisher", "itemListElement"} {
			if e, ok := v[key]; ok {
				objs = htmlLDObjects(e, objs, depth+1)
			}
		}
	}
	return objs
}

func htmlLDIsArticle(o map[string]any) bool {
	var types []any
	switch t := o["@type"].(type) {
	case string:
		types = []any{t}
	case []any:
		types = t
	}
	for _, t := range types {
		s, _ := t.(string)
		// "schema:NewsArticle" and "https://schema.org/NewsArticle" occur.
		if i := strings.LastIndexAny(s, "/:"); i >= 0 {
			s = s[i+1:]
		}
		if htmlIsArticleType(strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// htmlLDString returns v if it is a string, the first string of a list, or
// "".
func htmlLDString(v any) string {
	switch v := v.(type) {
	case string:
		return htmlClean(stdhtml.UnescapeString(v))
	case []any:
		if len(v) > 0 {
			return htmlLDString(v[0])
		}
	}
	return ""
}

// htmlLDNames returns the names of a person or organisation value: a
// string, an object with a name, a reference to one by @id, or a list.
func htmlLDNames(v any, byID map[string]map[string]any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch v := v.(type) {
	case string:
		if s := htmlClean(stdhtml.UnescapeString(v)); s != "" {
			return []string{s}
		}
	case map[string]any:
		if name := htmlLDString(v["name"]); name != "" {
			return []string{name}
		}
		if id, ok := v["@id"].(string); ok {
			if o, ok := byID[id]; ok {
				if name := htmlLDString(o["name"]); name != "" {
					return []string{name}
				}
			}
		}
	case []any:
		var names []string
		for _, e := range v {
			names = append(names, htmlLDNames(e, byID, depth+1)...)
		}
		return names
	}
	return nil
}

// htmlBaseURL returns the URL that relative links resolve against: the
// page's <base href> resolved against pageURL, or pageURL, or nil when
// neither is an absolute http(s) URL.
func htmlBaseURL(doc *html.Node, pageURL string) *url.URL {
	base := htmlAbsURL(pageURL, nil)
	if b := htmlFirst(doc, "base"); b != nil {
		if u := htmlAbsURL(htmlAttr(b, "href"), base); u != nil {
			return u
		}
	}
	return base
}

// htmlAbsURL parses raw as an http(s) URL, resolving it against base when
// it is relative; it returns nil when that gives no absolute http(s) URL.
func htmlAbsURL(raw string, base *url.URL) *url.URL {
	raw = strings.TrimSpace(raw)
	if raw == "" || !utf8.ValidString(raw) {
		// url.Parse keeps stray bytes in the query, and String then
		// returns text that is not UTF-8.
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	if !u.IsAbs() || u.Host == "" {
		if base == nil {
			return nil
		}
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// htmlArticleURL picks the article's address: the canonical link, else
// og:url, else the page's own URL; made absolute and stripped of its
// fragment and of the query parameters that only track the reader.
func htmlArticleURL(m htmlMetaTags, base *url.URL, pageURL string) string {
	for _, raw := range []string{htmlMetaValue(m, "link:canonical"), htmlMetaValue(m, "og:url")} {
		if u := htmlAbsURL(raw, base); u != nil {
			return htmlCleanURL(u)
		}
	}
	if u := htmlAbsURL(pageURL, nil); u != nil {
		return htmlCleanURL(u)
	}
	return ""
}

// htmlCleanURL drops the fragment and the utm_*, fbclid and gclid
// parameters, keeping the other parameters in their order and spelling.
func htmlCleanURL(u *url.URL) string {
	v := *u
	v.Fragment, v.RawFragment = "", ""
	v.Host = strings.ToLower(v.Host)
	var keep []string
	for _, part := range strings.Split(v.RawQuery, "&") {
		if part == "" {
			continue
		}
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		key = strings.ToLower(key)
		if strings.HasPrefix(key, "utm_") || key == "fbclid" || key == "gclid" {
			continue
		}
		keep = append(keep, part)
	}
	v.RawQuery = strings.Join(keep, "&")
	v.ForceQuery = false
	return v.String()
}

// htmlSource names the publication: og:site_name, the JSON-LD publisher,
// else the host of the article's URL.
func htmlSource(m htmlMetaTags, ld htmlLinkedData, articleURL string) string {
	if s := htmlMetaValue(m, "og:site_name"); s != "" {
		return s
	}
	if ld.publisher != "" {
		return ld.publisher
	}
	return htmlHost(articleURL)
}

// htmlHost returns the host of rawURL without "www." and port, or "".
func htmlHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// htmlTitle picks the headline: og:title, the JSON-LD headline, else
// readability's title; without a trailing " | Site Name".
func htmlTitle(m htmlMetaTags, ld htmlLinkedData, fallback, source, articleURL string) string {
	title := htmlMetaValue(m, "og:title")
	if title == "" {
		title = ld.headline
	}
	if title == "" {
		title = htmlClean(fallback)
	}
	names := []string{source, htmlMetaValue(m, "og:site_name"), htmlMetaValue(m, "application-name")}
	if host := htmlHost(articleURL); host != "" {
		first, _, _ := strings.Cut(host, ".")
		names = append(names, host, first)
	}
	best := -1
	// The separators that sites put between a headline and their name.
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " • ", " :: "} {
		if i := strings.LastIndex(title, sep); i > best {
			suffix := htmlFold(title[i+len(sep):])
			for _, name := range names {
				if suffix != "" && suffix == htmlFold(name) {
					best = i
				}
			}
		}
	}
	if best > 0 {
		title = strings.TrimSpace(title[:best])
	}
	return title
}

// htmlAuthor picks the author: the author meta tags when they hold a name
// (article:author is often a profile URL), the JSON-LD authors, the byline
// on the page, else readability's byline.
func htmlAuthor(m htmlMetaTags, ld htmlLinkedData, byline, fallback string) string {
	candidates := [][]string{m["author"], m["article:author"], ld.authors, {byline}, {fallback}}
	for _, names := range candidates {
		var clean []string
		for _, n := range names {
			// Pages repeat their author tags; one name is enough.
			if n = htmlCleanAuthor(stdhtml.UnescapeString(n)); n != "" && !slices.Contains(clean, n) {
				clean = append(clean, n)
			}
		}
		if len(clean) > 0 {
			return strings.Join(clean, " and ")
		}
	}
	return ""
}

var (
	htmlByPrefix = regexp.MustCompile(`(?i)^(?:(?:posted|written|reported|words|story|text)\s+)?by\b[:\s]*`)
	// htmlBylineCut ends a byline where the date or the role of the author
	// begins: "By Ana Ruiz | March 3, 2025", "By Ana Ruiz · 5 min read".
	htmlBylineCut = regexp.MustCompile(`\s*(?:\||·|•|—|–|\bUpdated\b|\bPublished\b|\bPosted\b).*$`)
)

// htmlCleanAuthor returns s as an author's name, or "" when it is not one
// (a URL, an e-mail address, a sentence).
func htmlCleanAuthor(s string) string {
	s = htmlClean(s)
	s = htmlByPrefix.ReplaceAllString(s, "")
	s = strings.TrimSpace(htmlBylineCut.ReplaceAllString(s, ""))
	s = strings.Trim(s, " ,;:")
	if s == "" || len(s) > 100 || len(strings.Fields(s)) > 12 ||
		strings.Contains(s, "://") || strings.Contains(s, "@") ||
		strings.HasPrefix(strings.ToLower(s), "www.") || strings.HasPrefix(s, "/") ||
		!strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	return s
}

// htmlDate picks the publication date: article:published_time, the JSON-LD
// datePublished, the <time> of the article, the date meta tags, else
// readability's date; zero when none parses.
func htmlDate(m htmlMetaTags, ld htmlLinkedData, timeDate time.Time, ra readability.Article) time.Time {
	if d, ok := htmlParseDate(htmlMetaValue(m, "article:published_time")); ok {
		return d
	}
	if d, ok := htmlParseDate(ld.published); ok {
		return d
	}
	if !timeDate.IsZero() {
		return timeDate
	}
	for _, key := range []string{"date", "pubdate", "publishdate", "publish-date", "publication_date",
		"dc.date.issued", "dcterms.issued", "dc.date", "datepublished", "sailthru.date", "parsely-pub-date"} {
		if d, ok := htmlParseDate(htmlMetaValue(m, key)); ok {
			return d
		}
	}
	if t, err := ra.PublishedTime(); err == nil {
		if d, ok := htmlDateOnly(t.Year(), t.Month(), t.Day()); ok {
			return d
		}
	}
	return time.Time{}
}

var htmlISODate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])`)

// htmlParseDate reads a date. The day is the one written, at midnight UTC:
// "2025-03-04T23:30:00-08:00" is 4 March, the date the publisher's readers
// saw, not 5 March in UTC.
func htmlParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if m := htmlISODate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return htmlDateOnly(y, time.Month(mo), d)
	}
	for _, layout := range []string{
		time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700",
		"2006/01/02", "January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return htmlDateOnly(t.Year(), t.Month(), t.Day())
		}
	}
	return time.Time{}, false
}

// htmlDateOnly returns the date at midnight UTC, refusing dates that do not
// exist (30 February) or that no news page carries.
func htmlDateOnly(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Month() != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// htmlIsJunkTag reports whether the element name never holds article text.
func htmlIsJunkTag(name string) bool {
	switch name {
	case "nav", "aside", "footer", "form", "script", "style", "noscript", "iframe",
		"template", "button", "input", "select", "textarea", "dialog", "svg", "canvas",
		"object", "embed", "menu", "link", "meta":
		return true
	}
	return false
}

// htmlIsJunkRole reports whether an element of ARIA role is not the article.
func htmlIsJunkRole(role string) bool {
	switch role {
	case "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
		"alertdialog", "menu", "menubar", "toolbar", "tablist":
		return true
	}
	return false
}

// htmlIsJunkWord reports whether w, a lower-cased class or id word (see
// htmlHasWord), names a box that is not the article.
func htmlIsJunkWord(w string) bool {
	switch w {
	case "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertisements",
		"advertising", "adslot", "adunit", "adsense", "adwrap", "adcontainer", "dfp",
		"sponsor", "sponsored", "promo", "promos", "promoted", "promotion",
		"newsletter", "newsletters", "signup", "subscribe", "subscription", "subscriptions",
		"paywall", "share", "shares", "sharing", "sharebar", "social", "socials",
		"related", "recommended", "recommendations", "recirc", "recirculation",
		"cookie", "cookies", "consent", "gdpr", "comment", "comments", "disqus",
		"breadcrumb", "breadcrumbs", "sidebar", "nav", "navbar", "navigation", "menu",
		"footer", "masthead", "popup", "modal", "outbrain", "taboola", "trending",
		"popular", "readmore", "morestories", "mostread", "mostpopular", "skiplink",
		"skiplinks", "siteheader", "sitefooter", "topbar", "toolbar", "widget", "tags",
		"bio", "authorbio", "caption", "captions", "credit", "credits", "wpcaptiontext",
		"sronly", "screenreadertext", "visuallyhidden", "banner", "login", "signin",
		"pullquote":
		return true
	}
	return false
}

// htmlIsAuthorWord reports whether the class or id word w marks a byline.
func htmlIsAuthorWord(w string) bool {
	switch w {
	case "byline", "bylines", "author", "authors", "writtenby", "contributor", "contributors":
		return true
	}
	return false
}

// htmlIsDateWord reports whether the class or id word w marks a date line.
func htmlIsDateWord(w string) bool {
	switch w {
	case "dateline", "timestamp", "pubdate", "published", "publishdate", "date",
		"readtime", "postedon", "posted":
		return true
	}
	return false
}

// htmlIsBylineWord reports whether the class or id word w marks a line of
// the article's header that names the author or the date.
func htmlIsBylineWord(w string) bool {
	switch w {
	case "meta", "articlemeta", "postmeta", "entrymeta":
		return true
	}
	return htmlIsAuthorWord(w) || htmlIsDateWord(w)
}

// htmlIsStandfirstWord reports whether the class or id word w marks the
// standfirst under a headline.
func htmlIsStandfirstWord(w string) bool {
	switch w {
	case "standfirst", "dek", "deck", "strapline", "subheadline", "subhead", "subtitle",
		"sapo", "chapo", "intro", "articleintro", "lede", "summary":
		return true
	}
	return false
}

// htmlFindJunk returns the elements under body that are not the article:
// navigation, headers with menus, asides, footers, forms, scripts, ads,
// sign-up and cookie boxes, share buttons, related links, comments, hidden
// elements. Readability drops most of them itself, but not reliably (a
// newsletter box with a long pitch, a related list inside the article), and
// the byline and date must not be read from them.
//
// The article's own containers are never junk, whatever their tag or class
// says ("post has-comments", an ASP.NET <form> around the whole page): the
// <article> (or articleBody, or <main>) with the most text, the element
// with the most paragraph text, and their ancestors.
func htmlFindJunk(body *html.Node) []*html.Node {
	lengths := map[*html.Node]int{}
	htmlTextLengths(body, lengths)
	protected := map[*html.Node]bool{}
	for _, n := range []*html.Node{htmlMainNode(body, lengths), htmlParagraphsParent(body, lengths)} {
		for ; n != nil; n = n.Parent {
			protected[n] = true
		}
	}
	var junk []*html.Node
	htmlWalk(body, func(n *html.Node) bool {
		if n != body && !protected[n] && htmlIsJunk(n) {
			junk = append(junk, n)
			return false
		}
		return true
	})
	return junk
}

// htmlMainNode returns the element that the page marks as its article,
// or nil.
func htmlMainNode(body *html.Node, lengths map[*html.Node]int) *html.Node {
	var best [3]*html.Node // articleBody, <article>, <main>
	htmlWalk(body, func(n *html.Node) bool {
		if htmlIsJunkTag(n.Data) && n.Data != "form" {
			return false
		}
		rank := -1
		switch {
		case strings.Contains(htmlAttr(n, "itemprop"), "articleBody"):
			rank = 0
		case n.Data == "article":
			rank = 1
		case n.Data == "main" || htmlAttr(n, "role") == "main":
			rank = 2
		}
		if rank >= 0 && (best[rank] == nil || lengths[n] > lengths[best[rank]]) {
			best[rank] = n
		}
		return true
	})
	for _, n := range best {
		if n != nil && lengths[n] > 0 {
			return n
		}
	}
	return nil
}

// htmlParagraphsParent returns the element whose own <p> children hold the
// most text, if they hold enough for an article: on a page that marks
// nothing, that is where the article is.
func htmlParagraphsParent(body *html.Node, lengths map[*html.Node]int) *html.Node {
	sums := map[*html.Node]int{}
	var best *html.Node
	htmlWalk(body, func(n *html.Node) bool {
		if htmlIsJunkTag(n.Data) && n.Data != "form" {
			return false
		}
		if n.Data == "p" && n.Parent != nil {
			sums[n.Parent] += lengths[n]
			if best == nil || sums[n.Parent] > sums[best] {
				best = n.Parent
			}
		}
		return true
	})
	if sums[best] < 400 {
		// A pitch beside a login form is not worth protecting.
		return nil
	}
	return best
}

// htmlIsJunk reports whether the element n is boilerplate by its tag, role,
// visibility or class and id words.
func htmlIsJunk(n *html.Node) bool {
	if htmlIsJunkTag(n.Data) || htmlIsJunkRole(strings.ToLower(htmlAttr(n, "role"))) || htmlHidden(n) {
		return true
	}
	if n.Data == "header" {
		// The site's header holds its menu; an article's header holds
		// the headline and standfirst, and sometimes breadcrumbs.
		inArticle := false
		for p := n.Parent; p != nil && !inArticle; p = p.Parent {
			inArticle = p.Data == "article" || p.Data == "main"
		}
		if !inArticle && htmlFirst(n, "nav") != nil {
			return true
		}
	}
	return htmlHasWord(n, htmlIsJunkWord)
}

// htmlHidden reports whether n is hidden from readers.
func htmlHidden(n *html.Node) bool {
	if htmlHasAttr(n, "hidden") || strings.EqualFold(htmlAttr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(strings.Join(strings.Fields(htmlAttr(n, "style")), ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// htmlHasWord reports whether a word of n's class or id is one of words. Each
// class and id counts whole ("read-more" as "readmore") and by its parts
// split at punctuation and camel case ("adSlot" as "ad" and "slot"), so
// that "ad" matches "ad-slot" but not "header" or "download".
func htmlHasWord(n *html.Node, words func(string) bool) bool {
	for _, attr := range []string{"class", "id"} {
		for _, name := range strings.Fields(htmlAttr(n, attr)) {
			var whole strings.Builder
			var part []rune
			check := func() bool {
				hit := len(part) > 0 && words(strings.ToLower(string(part)))
				part = part[:0]
				return hit
			}
			prevLower := false
			for _, r := range name {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					if check() {
						return true
					}
					prevLower = false
					continue
				}
				if unicode.IsUpper(r) && prevLower {
					if check() {
						return true
					}
				}
				prevLower = unicode.IsLower(r)
				part = append(part, r)
				whole.WriteRune(unicode.ToLower(r))
			}
			if check() || words(whole.String()) {
				return true
			}
		}
	}
	return false
}

// htmlFindBylines returns the byline and date-line elements outside junk,
// to be cut from the text, and the author's name read from the first byline
// that holds one. Elements inside a paragraph, list item or table cell stay:
// there they are part of the text ("<li><span class=date>2019</span>
// Founded in Munich</li>").
func htmlFindBylines(body *html.Node, junk []*html.Node) ([]*html.Node, string) {
	skip := map[*html.Node]bool{}
	for _, n := range junk {
		skip[n] = true
	}
	var found []*html.Node
	name := ""
	var walk func(n *html.Node, inPara bool)
	walk = func(n *html.Node, inPara bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skip[c] {
				continue
			}
			isByline := htmlHasWord(c, htmlIsBylineWord) || htmlAttr(c, "rel") == "author" ||
				strings.Contains(strings.ToLower(htmlAttr(c, "itemprop")), "author")
			if isByline && !inPara && len(htmlTextContent(c)) < 300 {
				if name == "" {
					name = htmlBylineName(c)
				}
				found = append(found, c)
				continue
			}
			switch c.Data {
			case "p", "li", "td", "th", "dd", "dt", "blockquote":
				walk(c, true)
			default:
				walk(c, inPara)
			}
		}
	}
	walk(body, false)
	return found, name
}

// htmlBylineName returns the author's name from a byline element: from its
// most specific part (itemprop="name", rel="author", a class such as
// "author" inside a wider "post-meta") when it has one, else from its text
// without any <time>.
func htmlBylineName(n *html.Node) string {
	if htmlHasWord(n, htmlIsDateWord) {
		return ""
	}
	for _, specific := range []func(*html.Node) bool{
		func(c *html.Node) bool { return htmlAttr(c, "itemprop") == "name" || htmlAttr(c, "rel") == "author" },
		func(c *html.Node) bool { return htmlHasWord(c, htmlIsAuthorWord) },
	} {
		var names []string
		htmlWalk(n, func(c *html.Node) bool {
			if c != n && specific(c) {
				if s := htmlBylineName(c); s != "" {
					names = append(names, s)
				}
				return false
			}
			return true
		})
		if len(names) > 0 {
			return strings.Join(names, " and ")
		}
	}
	var b strings.Builder
	htmlWalkText(n, func(c *html.Node) bool { return c.Data != "time" }, func(s string) { b.WriteString(s) })
	return htmlCleanAuthor(b.String())
}

// htmlFindStandfirst returns the text of the standfirst (the line under
// the headline), which readability often leaves out with the rest of the
// article's header, or "".
func htmlFindStandfirst(body *html.Node, junk []*html.Node) string {
	skip := map[*html.Node]bool{}
	for _, n := range junk {
		skip[n] = true
	}
	text := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && text == ""; c = c.NextSibling {
			if c.Type != html.ElementNode || skip[c] {
				continue
			}
			if htmlHasWord(c, htmlIsStandfirstWord) {
				var b strings.Builder
				htmlWalkText(c, nil, func(s string) { b.WriteString(s) })
				if t := htmlClean(b.String()); len(t) >= 20 && len(t) <= 600 {
					text = t
				}
				continue
			}
			walk(c)
		}
	}
	walk(body)
	return text
}

// htmlArticleTime returns the date of the article's <time datetime>: one
// marked itemprop="datePublished" or pubdate, else the first inside the
// <article> (or <main>), else, on a page with neither, the first on the
// page. Times in junk (comments, related stories) are never read.
func htmlArticleTime(body *html.Node, junk []*html.Node) time.Time {
	skip := map[*html.Node]bool{}
	for _, n := range junk {
		skip[n] = true
	}
	var marked, inArticle, first time.Time
	hasContainer := false
	var walk func(n *html.Node, inContainer bool)
	walk = func(n *html.Node, inContainer bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skip[c] {
				continue
			}
			in := inContainer || c.Data == "article" || c.Data == "main" || htmlAttr(c, "role") == "main"
			hasContainer = hasContainer || in
			if c.Data == "time" {
				if d, ok := htmlParseDate(htmlAttr(c, "datetime")); ok {
					switch {
					case marked.IsZero() && (strings.Contains(htmlAttr(c, "itemprop"), "datePublished") || htmlHasAttr(c, "pubdate")):
						marked = d
					case inArticle.IsZero() && in:
						inArticle = d
					case first.IsZero():
						first = d
					}
				}
			}
			walk(c, in)
		}
	}
	walk(body, false)
	switch {
	case !marked.IsZero():
		return marked
	case !inArticle.IsZero():
		return inArticle
	case !hasContainer:
		return first
	}
	return time.Time{}
}

// htmlPara is a paragraph of the extracted text.
type htmlPara struct {
	text  string
	runes int  // letters and other visible characters
	links int  // of which inside links
	times int  // of which inside <time>
	drop  bool // boilerplate, kept only to judge the page
}

// htmlParagraphs turns readability's content into paragraphs: one for each
// block element (p, h1-h6, li, blockquote, pre, table row, and the loose
// text of a div), with inline elements flowing into it and white space
// collapsed. Figure captions, hidden elements, lists made only of links and
// what htmlIsJunk would cut are left out; paragraphs that are only a link
// or a label ("Advertisement", "Read more: …") are marked to drop.
func htmlParagraphs(root *html.Node) []htmlPara {
	lengths := map[*html.Node]int{}
	htmlTextLengths(root, lengths)
	w := htmlTextWriter{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			w.write(n.Data)
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			return
		}
		switch {
		case n.Data == "figcaption" || n.Data == "caption" || n.Data == "img" || n.Data == "picture":
			return
		case n != root && lengths[n]*2 < lengths[root] && htmlIsJunk(n):
			// The extracted content may itself carry a class such as "post
			// has-comments"; only boxes smaller than half of it are cut.
			return
		case (n.Data == "ul" || n.Data == "ol") && htmlLinkList(n):
			return
		case n.Data == "br":
			w.space = true
			return
		case n.Data == "td" || n.Data == "th":
			w.space = true
			defer func() { w.space = true }()
		case n.Data == "a":
			w.inLink++
			defer func() { w.inLink-- }()
		case n.Data == "time":
			w.inTime++
			defer func() { w.inTime-- }()
		}
		block := htmlIsBlock(n.Data) && n.Data != "td" && n.Data != "th"
		if block {
			w.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			w.flush()
		}
	}
	walk(root)
	w.flush()
	for i := range w.paras {
		p := &w.paras[i]
		// A paragraph that is only a link points to another page; one that
		// is only a <time> is the date line of this one.
		p.drop = p.links*10 >= p.runes*9 || p.times*10 >= p.runes*9 || htmlIsLabel(p.text)
	}
	return w.paras
}

// htmlTextWriter gathers text into paragraphs.
type htmlTextWriter struct {
	paras  []htmlPara
	buf    strings.Builder
	space  bool // a space is due before the next visible character
	runes  int
	links  int
	times  int
	inLink int
	inTime int
}

func (w *htmlTextWriter) write(s string) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			w.space = true
		case htmlInvisible(r) || unicode.IsControl(r):
			// Soft hyphens, zero-width spaces and stray control
			// characters do not show on the page but would split words.
		default:
			if w.space && w.buf.Len() > 0 {
				w.buf.WriteByte(' ')
			}
			w.space = false
			w.buf.WriteRune(r)
			w.runes++
			if w.inLink > 0 {
				w.links++
			}
			if w.inTime > 0 {
				w.times++
			}
		}
	}
}

func (w *htmlTextWriter) flush() {
	if w.buf.Len() > 0 {
		w.paras = append(w.paras, htmlPara{text: w.buf.String(), runes: w.runes, links: w.links, times: w.times})
	}
	w.buf.Reset()
	w.space, w.runes, w.links, w.times = false, 0, 0, 0
}

func htmlInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// htmlLinkList reports whether the list n is only links: a list of related
// stories or of sections, not part of the article.
func htmlLinkList(n *html.Node) bool {
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "li" {
			continue
		}
		var all, linked int
		htmlWalkText(c, nil, func(s string) { all += htmlVisibleLen(s) })
		htmlWalk(c, func(a *html.Node) bool {
			if a.Data == "a" {
				htmlWalkText(a, nil, func(s string) { linked += htmlVisibleLen(s) })
				return false
			}
			return true
		})
		if all == 0 {
			continue
		}
		if linked*10 < all*9 {
			return false
		}
		items++
	}
	return items > 0
}

var (
	// htmlLabel matches a paragraph that is only a label of the page's
	// furniture.
	htmlLabel = regexp.MustCompile(`(?i)^(?:advertisement|advertising|ad|sponsored(?: content)?|` +
		`(?:story|article) continues (?:below|after advertisement)|continue reading(?: below)?|` +
		`scroll to continue(?: with content)?|share(?: this)?(?: (?:article|story|post))?(?: on \w+)?|` +
		`read more|related(?: articles| stories| coverage| content| reading| posts)?|` +
		`comments?|leave a comment|loading|most read|trending(?: now)?|you may also like|` +
		`recommended(?: for you)?)\W*$`)
	// htmlLabelPrefix matches a line that points elsewhere: "Read more: …".
	htmlLabelPrefix = regexp.MustCompile(`(?i)^(?:read more|related|also read|read also|see also|` +
		`read next|more from [^:]{1,40}|recommended|further reading|more on this(?: story)?|` +
		`related (?:articles|stories|coverage|content))\s*[:|»›]`)
	// htmlSignUp matches a newsletter or subscription pitch.
	htmlSignUp = regexp.MustCompile(`(?i)^(?:sign up|subscribe|get (?:our|the)|join|don['’]t miss|want more|` +
		`never miss|enjoyed this|like this|to continue reading)\b.*\b(?:newsletter|inbox|briefing|subscribe|` +
		`sign up|subscription|subscriber)`)
)

// htmlIsLabel reports whether a paragraph is page furniture by its words.
func htmlIsLabel(s string) bool {
	words := len(strings.Fields(s))
	return (words <= 6 && htmlLabel.MatchString(s)) ||
		(words <= 30 && htmlLabelPrefix.MatchString(s)) ||
		(words <= 40 && htmlSignUp.MatchString(s))
}

var (
	// htmlMetaLine matches a date line: "Published 4 March 2025",
	// "Updated 2 hours ago", "5 min read".
	htmlMetaLine = regexp.MustCompile(`(?i)^(?:published|updated|posted|last updated)\b|\b\d+\s*min(?:ute)?s?\.? read\b`)
	// htmlNameWord is a word that may follow "By" in a byline.
	htmlNameWord = regexp.MustCompile(`^(?:\p{Lu}.*|\d.*|[^\p{L}\d]+|and|in|for|at|de|van|von|der|den|la|le|da|di|du|al|el|bin)$`)
)

// htmlDropMetaLines marks to drop what readability may leave of the
// article's header among the first paragraphs: the title again (as any of
// titles), the byline ("By Ana Ruiz and Li Wei"), the author's bare name, a
// date line.
func htmlDropMetaLines(paras []htmlPara, titles []string, author string) []htmlPara {
	isTitle := func(s string) bool {
		f := htmlFold(s)
		for _, t := range titles {
			if f != "" && f == htmlFold(t) {
				return true
			}
		}
		return false
	}
	seen := 0
	for i := range paras {
		p := &paras[i]
		if p.drop {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		words := strings.Fields(p.text)
		switch {
		case isTitle(p.text):
			p.drop = true
		case author != "" && htmlFold(p.text) == htmlFold(author):
			p.drop = true
		case len(words) <= 12 && htmlMetaLine.MatchString(p.text) && strings.ContainsFunc(p.text, unicode.IsDigit):
			p.drop = true
		case len(words) <= 8:
			if _, ok := htmlParseDate(p.text); ok {
				p.drop = true
			}
		}
		if !p.drop && len(words) <= 14 && htmlByPrefix.MatchString(p.text) {
			rest := strings.Fields(htmlByPrefix.ReplaceAllString(p.text, ""))
			byline := len(rest) > 0
			for _, w := range rest {
				byline = byline && htmlNameWord.MatchString(w)
			}
			p.drop = byline || len(rest) == 0
		}
	}
	return paras
}

// htmlAddStandfirst puts the standfirst first when readability left it out.
func htmlAddStandfirst(paras []htmlPara, standfirst, title string) []htmlPara {
	sf := htmlFold(standfirst)
	if sf == "" || sf == htmlFold(title) {
		return paras
	}
	for _, p := range paras {
		if !p.drop && strings.Contains(htmlFold(p.text), sf) {
			return paras
		}
	}
	return append([]htmlPara{{text: standfirst}}, paras...)
}

// htmlCheckArticle returns an error wrapping ErrNoArticle when the text is
// not an article: too few words, an index of headlines, or a short text on
// a page that neither calls itself an article nor reads like one. declared
// says the page marks itself an article or readability judged it readable;
// login that it has a password field, and so may be a paywall's sign-in
// page that still calls itself the article.
func htmlCheckArticle(paras []htmlPara, declared, login bool) error {
	words, linkOnly, kept := 0, 0, 0
	for _, p := range paras {
		if p.runes > 0 && p.links*10 >= p.runes*9 {
			linkOnly++
		}
		if !p.drop {
			kept++
			words += len(strings.Fields(p.text))
		}
	}
	switch {
	case words < MinBodyWords:
		return fmt.Errorf("the page has %d words of text outside menus and links, too few for an article: %w", words, ErrNoArticle)
	case linkOnly >= 3 && linkOnly*2 >= kept:
		return fmt.Errorf("the page is a list of %d links, not an article: %w", linkOnly, ErrNoArticle)
	case !declared && words < 100:
		return fmt.Errorf("the page has only %d words in %d paragraphs and does not read as an article: %w", words, kept, ErrNoArticle)
	case login && words < 150:
		return fmt.Errorf("the page is a sign-in form with %d words of text, not the article: %w", words, ErrNoArticle)
	}
	return nil
}

// htmlWalk calls fn for n and the elements under it in document order;
// fn returns false to skip an element's children.
func htmlWalk(n *html.Node, fn func(*html.Node) bool) {
	if n.Type == html.ElementNode && !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlWalk(c, fn)
	}
}

// htmlWalkText calls fn with each text under n, skipping the elements for
// which enter (if not nil) returns false, and scripts and styles.
func htmlWalkText(n *html.Node, enter func(*html.Node) bool, fn func(string)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			fn(c.Data)
		case html.ElementNode:
			if c.Data == "script" || c.Data == "style" || (enter != nil && !enter(c)) {
				continue
			}
			htmlWalkText(c, enter, fn)
		}
	}
}

// htmlTextContent returns all the text under n, scripts included, as the
// DOM's textContent does.
func htmlTextContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlTextLengths records in lengths the visible characters under every
// element from n down, and returns n's.
func htmlTextLengths(n *html.Node, lengths map[*html.Node]int) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			total += htmlVisibleLen(c.Data)
		case html.ElementNode:
			if c.Data != "script" && c.Data != "style" {
				total += htmlTextLengths(c, lengths)
			}
		}
	}
	lengths[n] = total
	return total
}

func htmlVisibleLen(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// htmlFirst returns the first element named tag at or under n.
func htmlFirst(n *html.Node, tag string) *html.Node {
	return htmlFirstMatch(n, func(c *html.Node) bool { return c.Data == tag })
}

// htmlFirstMatch returns the first element at or under n for which match
// is true.
func htmlFirstMatch(n *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	htmlWalk(n, func(c *html.Node) bool {
		if found == nil && match(c) {
			found = c
		}
		return found == nil
	})
	return found
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func htmlHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// htmlClean collapses white space and trims.
func htmlClean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// htmlFold reduces s to its lower-case letters and digits, to compare
// names and titles across typography.
func htmlFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
