package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// htmlTestMeta is the metadata of an article, the part of it that the
// metadata tests compare.
type htmlTestMeta struct {
	Title, Date, Source, URL, Author string
	Format                           Format
}

func htmlMetaOf(a Article) htmlTestMeta {
	return htmlTestMeta{Title: a.Title, Date: a.DateString(), Source: a.Source, URL: a.URL, Author: a.Author, Format: a.Format}
}

// htmlBoilerplate are words of page furniture that no fixture's article
// uses, so that none may appear in any body (compared without case).
var htmlBoilerplate = []string{
	"cookie", "advertisement", "newsletter", "subscribe", "share this",
	"privacy", "all rights reserved", "skip to content", "read more", "comments",
	"most read", "most popular", "related", "menu", "log in", "sign in", "sign up for",
}

func TestParseHTMLFixtures(t *testing.T) {
	tests := []struct {
		file    string
		pageURL string
		want    htmlTestMeta
		// never are strings of the page's boilerplate that must not be in
		// the body.
		never []string
	}{
		{
			file:    "meta_published.html",
			pageURL: "https://www.computeledger.example/2025/03/quillon-labs-series-c?utm_source=newsletter",
			want: htmlTestMeta{
				Title:  "Quillon Labs raises $120 million to build inference chips",
				Date:   "2025-03-04", // article:published_time, not <meta name="date">
				Source: "The Compute Ledger",
				URL:    "https://www.computeledger.example/2025/03/quillon-labs-series-c?ref=home",
				Author: "Dana Whitlock", // meta author; article:author is a URL
				Format: FormatHTML,
			},
			never: []string{
				"Accept all", "Chips", "Podcast", "Search the Ledger", "Share on X", "LinkedIn",
				"By Dana", "4 min read", "March 4, 2025", "co-founders Ingrid", "Photo:",
				"Tessellate", "The Ledger Daily", "Brightmere Capital closes", "Funding\n",
				"covers semiconductors", "chipwatcher", "benchmarks", "Halvard", "80,000 readers",
				"About us", "Media Ltd",
			},
		},
		{
			file:    "jsonld_graph.html",
			pageURL: "",
			want: htmlTestMeta{
				Title:  "Halvard Systems to acquire Nimbusforge for $340 million", // JSON-LD headline
				Date:   "2025-01-14",                                              // the NewsArticle's, not the WebPage's
				Source: "Signal & Scale",                                          // publisher by @id
				URL:    "https://signalscale.example/2025/01/14/halvard-systems-nimbusforge/",
				Author: "Marguerite Okonjo",
				Format: FormatHTML,
			},
			never: []string{
				"Deals, money and power", "Posted on", "14 January 2025", "Okonjo", "team in Ghent.",
				"Photo courtesy", "Share this:", "Email", "Halvard Systems raises full-year",
				"compression start-ups", "Tagged", "Previous:", "Lowtide Capital raises", "Jorrit",
				"lock-up", "Leave a Reply", "Search", "Recent Posts", "Deal Sheet", "Scale Media B.V.",
			},
		},
		{
			file:    "jsonld_article.html",
			pageURL: "https://www.inferencereport.example/reports/2024/lumaqor-nevada-power?utm_source=newsletter&utm_medium=email",
			want: htmlTestMeta{
				Title:  "Lumaqor signs 15-year power deal for its Nevada data centre",
				Date:   "2024-11-19",
				Source: "The Inference Report", // og:site_name before the JSON-LD publisher
				URL:    "https://www.inferencereport.example/reports/2024/lumaqor-nevada-power",
				Author: "Tomasz Brezina and Aiyana Castellanos",
				Format: FormatHTML,
			},
			never: []string{
				"$1 a week", "Infrastructure", "Formats", "My account", "Home /", "Energy\n",
				"By Tomasz", "Facebook", "WhatsApp", "Subscribers get", "free trial", "ADVERTISEMENT",
				"Gift this", "Join the conversation", "Veyra", "Calder Bridge raises", "free articles",
				"Ethics policy", "Copyright", "analytics",
			},
		},
		{
			file:    "time_only.html",
			pageURL: "https://www.aiwirebrief.example/robotics/corvane-layoffs?fbclid=IwAR0abc&id=7#top",
			want: htmlTestMeta{
				Title:  "Corvane Robotics lays off 15% of staff as warehouse orders slow",
				Date:   "2025-02-05", // the article's <time>, not the comments' or the sidebar's
				Source: "aiwirebrief.example",
				URL:    "https://www.aiwirebrief.example/robotics/corvane-layoffs?id=7",
				Author: "Priya Natarajan",
				Format: FormatHTML,
			},
			never: []string{
				"Got it", "Thursday", "Register", "Robotics\n", "Jobs", "By Priya", "2:20pm", "Tweet",
				"Like this story", "Subscribe free", "robofan", "Grocery was always", "Latest",
				"Kelpie", "Arbeit", "Sponsored", "Liberty Ave", "Reproduction",
			},
		},
		{
			file:    "no_date.html",
			pageURL: "",
			want: htmlTestMeta{
				Title:  "Veyra Dynamics opens its model API to outside developers",
				Date:   "",
				Source: "",
				URL:    "",
				Author: "Lena Okafor",
				Format: FormatHTML,
			},
			never: []string{
				"Dismiss", "Notes on machine learning", "Archive", "RSS", "Categories", "Blogroll",
				"Support this site", "Posted by", "ADVERTISEMENT", "Series B", "Speech API prices",
				"comes out of stealth", "Lisbon is producing", "Share this article", "More in APIs",
				"Back to top", "Reader comments", "latencynerd", "film before", "Colophon",
				"Hidden tracking text",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "html", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseHTML(data, tt.pageURL)
			if err != nil {
				t.Fatalf("parseHTML: %v", err)
			}
			if diff := cmp.Diff(tt.want, htmlMetaOf(got)); diff != "" {
				t.Errorf("metadata mismatch (-want +got):\n%s", diff)
			}

			golden := strings.TrimSuffix(path, ".html") + ".txt"
			if *update {
				if err := os.WriteFile(golden, []byte(got.Body+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(strings.TrimSuffix(string(want), "\n"), got.Body); diff != "" {
				t.Errorf("body mismatch with %s (-want +got):\n%s", golden, diff)
			}

			htmlCheckBody(t, got.Body)
			lower := strings.ToLower(got.Body)
			for _, s := range htmlBoilerplate {
				if strings.Contains(lower, s) {
					t.Errorf("body contains boilerplate %q", s)
				}
			}
			for _, s := range tt.never {
				if strings.Contains(got.Body, s) {
					t.Errorf("body contains boilerplate %q", s)
				}
			}
		})
	}
}

// htmlCheckBody checks the shape every body must have: valid UTF-8,
// paragraphs separated by exactly one blank line, each trimmed, on one line,
// with single spaces.
func htmlCheckBody(t *testing.T, body string) {
	t.Helper()
	if !utf8.ValidString(body) {
		t.Errorf("body is not valid UTF-8: %q", body)
	}
	if body == "" {
		return
	}
	for i, p := range strings.Split(body, "\n\n") {
		if p == "" || p != strings.TrimSpace(p) || strings.ContainsAny(p, "\n\t\r") || strings.Contains(p, "  ") {
			t.Errorf("paragraph %d is badly formed: %q", i, p)
		}
	}
}

// htmlTestPage returns an article page with head added to its <head> and
// top to the start of its <article>. Its text is long enough to count as an
// article whatever the metadata says.
func htmlTestPage(head, top string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Orbitine raises $30 million for battery models</title>` + head + `</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <time datetime="2020-01-01">1 January 2020</time></nav>
<article>
<h1>Orbitine raises $30 million for battery models</h1>` + top + `
<p>Orbitine, a Munich start-up that builds AI models of battery chemistry, has raised $30 million in a Series A round led by Harrowgate Ventures, the company said on Monday.</p>
<p>The company, founded in 2022 by materials scientists Jana Kowalczyk and Emeka Obi, sells its models to carmakers that want to test new cell designs in software before building them.</p>
<p>“A battery cell takes months to build and test,” Kowalczyk said. “Our models give a first answer in an afternoon, which means engineers can try a hundred ideas instead of three.”</p>
<p>Orbitine plans to use the money to hire 40 people and to open an office in Detroit next year. It has six paying customers, the company said.</p>
</article>
<aside><h3>Related</h3><p><a href="/x">Harrowgate Ventures raises a new fund</a> <time datetime="2019-05-05">5 May 2019</time></p></aside>
<footer><p>© 2025 Example News</p></footer>
</body></html>`
}

const htmlTestTitle = "Orbitine raises $30 million for battery models"

func TestParseHTMLMetadata(t *testing.T) {
	tests := []struct {
		name    string
		head    string // added to <head>
		top     string // added at the top of <article>
		pageURL string
		want    htmlTestMeta
	}{
		// URL
		{
			name:    "canonical before og:url and page URL",
			head:    `<link rel="canonical" href="https://news.example/a/orbitine"><meta property="og:url" content="https://news.example/og/orbitine">`,
			pageURL: "https://news.example/page/orbitine",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://news.example/a/orbitine", Format: FormatHTML},
		},
		{
			name:    "og:url without canonical",
			head:    `<meta property="og:url" content="https://news.example/og/orbitine?utm_content=x&amp;page=2">`,
			pageURL: "https://news.example/page/orbitine",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://news.example/og/orbitine?page=2", Format: FormatHTML},
		},
		{
			name:    "page URL without tracking or fragment",
			pageURL: "https://WWW.News.example/page/orbitine?utm_source=x&a=1&UTM_Medium=y&fbclid=z&b=2&gclid=w#section-2",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://www.news.example/page/orbitine?a=1&b=2", Format: FormatHTML},
		},
		{
			name:    "relative canonical resolved against page URL",
			head:    `<link rel="canonical" href="../a/orbitine?utm_campaign=x">`,
			pageURL: "https://news.example/feed/item?id=3",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://news.example/a/orbitine", Format: FormatHTML},
		},
		{
			name: "relative canonical without page URL falls back to og:url",
			head: `<link rel="canonical" href="/a/orbitine"><meta property="og:url" content="https://news.example/og/orbitine">`,
			want: htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://news.example/og/orbitine", Format: FormatHTML},
		},
		{
			name: "relative canonical alone is no URL",
			head: `<link rel="canonical" href="/a/orbitine">`,
			want: htmlTestMeta{Title: htmlTestTitle, Format: FormatHTML},
		},
		{
			name:    "canonical relative to base href",
			head:    `<base href="https://cdn.news.example/articles/"><link rel="canonical" href="orbitine">`,
			pageURL: "https://news.example/page/orbitine",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "cdn.news.example", URL: "https://cdn.news.example/articles/orbitine", Format: FormatHTML},
		},
		{
			name:    "canonical that is not http is ignored",
			head:    `<link rel="canonical" href="javascript:alert(1)">`,
			pageURL: "https://news.example/page/orbitine",
			want:    htmlTestMeta{Title: htmlTestTitle, Source: "news.example", URL: "https://news.example/page/orbitine", Format: FormatHTML},
		},

		// Date
		{
			name: "article:published_time before JSON-LD and time",
			head: `<meta property="article:published_time" content="2025-03-03T08:00:00Z">` +
				`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-01-01"}</script>`,
			top:  `<time datetime="2025-02-02">2 February</time>`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2025-03-03", Format: FormatHTML},
		},
		{
			name: "JSON-LD NewsArticle",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Orbitine raises $30m","datePublished":"2025-01-07T10:00:00+01:00"}</script>`,
			top:  `<time datetime="2025-02-02">2 February</time>`,
			want: htmlTestMeta{Title: "Orbitine raises $30m", Date: "2025-01-07", Format: FormatHTML},
		},
		{
			name: "JSON-LD @graph with a typed list",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"News"},{"@type":["Article","ReportageNewsArticle"],"datePublished":"2024-12-24"}]}</script>`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2024-12-24", Format: FormatHTML},
		},
		{
			name: "JSON-LD with a raw line break in a string",
			head: "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"description\":\"two\nlines\",\"datePublished\":\"2024-10-10\"}</script>",
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2024-10-10", Format: FormatHTML},
		},
		{
			name: "broken JSON-LD is skipped for the article's time",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-01",}</script>`,
			top:  `<p class="dateline"><time datetime="2025-02-02T09:00">2 February</time></p>`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2025-02-02", Format: FormatHTML},
		},
		{
			name: "time marked datePublished before the first time",
			top:  `<p class="dates">Updated <time datetime="2025-02-10">10 Feb</time>, first published <time itemprop="datePublished" datetime="2025-02-08">8 Feb</time></p>`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2025-02-08", Format: FormatHTML},
		},
		{
			name: "meta name=date",
			head: `<meta name="date" content="2024-05-06">`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2024-05-06", Format: FormatHTML},
		},
		{
			name: "DC.date.issued",
			head: `<meta name="DC.date.issued" content="2024-05-07T00:00:00Z">`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2024-05-07", Format: FormatHTML},
		},
		{
			name: "readability reads what the others cannot",
			head: `<meta property="article:published_time" content="June 2, 2024 10:15 AM">`,
			want: htmlTestMeta{Title: htmlTestTitle, Date: "2024-06-02", Format: FormatHTML},
		},
		{
			name: "no date, and none taken from the menu or the aside",
			want: htmlTestMeta{Title: htmlTestTitle, Format: FormatHTML},
		},
		{
			name: "impossible date is not invented",
			head: `<meta property="article:published_time" content="2025-02-30T10:00:00Z">`,
			want: htmlTestMeta{Title: htmlTestTitle, Format: FormatHTML},
		},

		// Author
		{
			name: "meta author without By",
			head: `<meta name="author" content="By Mirela Dragan">`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Mirela Dragan", Format: FormatHTML},
		},
		{
			name: "article:author URL skipped for JSON-LD author",
			head: `<meta property="article:author" content="https://social.example/mirela">` +
				`<script type="application/ld+json">{"@type":"NewsArticle","author":"Mirela Dragan"}</script>`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Mirela Dragan", Format: FormatHTML},
		},
		{
			name: "article:author name",
			head: `<meta property="article:author" content="Mirela Dragan">`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Mirela Dragan", Format: FormatHTML},
		},
		{
			name: "JSON-LD authors joined",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Mirela Dragan"},{"@type":"Person","name":"Idris Bakare"},"Sun-hee Park"]}</script>`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Mirela Dragan and Idris Bakare and Sun-hee Park", Format: FormatHTML},
		},
		{
			name: "byline element",
			top:  `<div class="byline">By Mirela Dragan | 3 March 2025</div>`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Mirela Dragan", Format: FormatHTML},
		},
		{
			name: "rel=author link",
			top:  `<p class="story-meta">Words by <a rel="author" href="/staff/idris">Idris Bakare</a></p>`,
			want: htmlTestMeta{Title: htmlTestTitle, Author: "Idris Bakare", Format: FormatHTML},
		},
		{
			name: "e-mail address is not an author",
			head: `<meta name="author" content="newsdesk@news.example">`,
			want: htmlTestMeta{Title: htmlTestTitle, Format: FormatHTML},
		},

		// Source
		{
			name: "og:site_name",
			head: `<meta property="og:site_name" content="Example  News"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Example News Group"}}</script>`,
			want: htmlTestMeta{Title: htmlTestTitle, Source: "Example News", Format: FormatHTML},
		},
		{
			name: "JSON-LD publisher",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Example News Group"}}</script>`,
			want: htmlTestMeta{Title: htmlTestTitle, Source: "Example News Group", Format: FormatHTML},
		},
		{
			name: "host without www",
			head: `<link rel="canonical" href="https://www.examplenews.example/a/orbitine">`,
			want: htmlTestMeta{Title: htmlTestTitle, Source: "examplenews.example", URL: "https://www.examplenews.example/a/orbitine", Format: FormatHTML},
		},

		// Title
		{
			name: "og:title without the site name",
			head: `<meta property="og:site_name" content="Example News"><meta property="og:title" content="Orbitine raises $30 million | Example News">`,
			want: htmlTestMeta{Title: "Orbitine raises $30 million", Source: "Example News", Format: FormatHTML},
		},
		{
			name: "title without the name in the host",
			head: `<meta property="og:title" content="Orbitine raises $30 million - Example News"><link rel="canonical" href="https://www.examplenews.example/a">`,
			want: htmlTestMeta{Title: "Orbitine raises $30 million", Source: "examplenews.example", URL: "https://www.examplenews.example/a", Format: FormatHTML},
		},
		{
			name: "suffix that is not the site name stays",
			head: `<meta property="og:site_name" content="Example News"><meta property="og:title" content="Orbitine: what the deal means | Analysis">`,
			want: htmlTestMeta{Title: "Orbitine: what the deal means | Analysis", Source: "Example News", Format: FormatHTML},
		},
		{
			name: "entities escaped twice",
			head: `<meta property="og:title" content="Orbitine &amp;amp; Harrowgate: a $30m deal">`,
			want: htmlTestMeta{Title: "Orbitine & Harrowgate: a $30m deal", Format: FormatHTML},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHTML([]byte(htmlTestPage(tt.head, tt.top)), tt.pageURL)
			if err != nil {
				t.Fatalf("parseHTML: %v", err)
			}
			if diff := cmp.Diff(tt.want, htmlMetaOf(got)); diff != "" {
				t.Errorf("metadata mismatch (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(got.Body, "Orbitine, a Munich start-up") {
				t.Errorf("body starts %q, want the first paragraph", htmlFirstN(got.Body, 60))
			}
		})
	}
}

func htmlFirstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestParseHTMLBodyHeader(t *testing.T) {
	tests := []struct {
		name  string
		head  string
		top   string
		want  string // the start of the body
		paras int    // the number of paragraphs
	}{
		{
			name:  "title repeated as a paragraph",
			top:   `<p><strong>Orbitine raises $30 million for battery models</strong></p>`,
			want:  "Orbitine, a Munich start-up",
			paras: 4,
		},
		{
			name:  "headline that is not the og:title",
			head:  `<meta property="og:title" content="Orbitine’s $30m round">`,
			want:  "Orbitine, a Munich start-up",
			paras: 4,
		},
		{
			name:  "byline without a class",
			top:   `<p>By Mirela Dragan and Idris Bakare</p>`,
			want:  "Orbitine, a Munich start-up",
			paras: 4,
		},
		{
			name:  "date lines",
			top:   `<p>Published 3 March 2025, 09:12 GMT</p><p>March 3, 2025</p><time datetime="2025-03-03">3 March</time>`,
			want:  "Orbitine, a Munich start-up",
			paras: 4,
		},
		{
			name:  "sentence that starts with By stays",
			top:   `<p>By the end of 2026, the company expects to sell to every large carmaker in Europe.</p>`,
			want:  "By the end of 2026, the company expects",
			paras: 5,
		},
		{
			name:  "standfirst kept",
			top:   `<p class="standfirst">The Munich start-up will hire 40 people and open an office in Detroit.</p>`,
			want:  "The Munich start-up will hire 40 people and open an office in Detroit.\n\nOrbitine, a Munich start-up",
			paras: 5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHTML([]byte(htmlTestPage(tt.head, tt.top)), "")
			if err != nil {
				t.Fatalf("parseHTML: %v", err)
			}
			if !strings.HasPrefix(got.Body, tt.want) {
				t.Errorf("body starts %q, want %q", htmlFirstN(got.Body, len(tt.want)+20), tt.want)
			}
			if paras := strings.Split(got.Body, "\n\n"); len(paras) != tt.paras {
				t.Errorf("body has %d paragraphs %q, want %d", len(paras), paras, tt.paras)
			}
		})
	}
}

// TestParseHTMLPageShapes checks pages whose article sits in a container
// that looks like boilerplate by its tag or class.
func TestParseHTMLPageShapes(t *testing.T) {
	para := `<p>Orbitine, a Munich start-up that builds AI models of battery chemistry, has raised $30 million in a Series A round led by Harrowgate Ventures, the company said on Monday.</p>`
	text := strings.Repeat(para, 4)
	tests := []struct {
		name string
		page string
	}{
		{
			name: "article in a box with a comments class",
			page: `<body><div id="content" class="site-content has-sidebar"><div class="post-content comments-open">` + text +
				`</div></div><div class="sidebar"><p>Sidebar: the week in batteries, a roundup of everything else that happened.</p></div></body>`,
		},
		{
			name: "whole page in an ASP.NET form",
			page: `<body><form id="aspnetForm" action="/a.aspx"><div class="nav"><a href="/">Home</a> <a href="/news">News</a></div><div id="main">` + text +
				`</div><div class="footer">Contact us</div></form></body>`,
		},
		{
			name: "generated class names",
			page: `<head><script id="__NEXT_DATA__" type="application/json">{"props":{"html":"<p>Not text</p>"}}</script></head>` +
				`<body><div id="__next"><header class="Header_header__a1"><nav><a href="/">Home</a></nav></header><main class="Main_main__b2">` +
				`<div class="ArticleBody_body__c3">` + text + `</div><div class="Newsletter_box__d4"><p>Get the week’s battery news in your inbox every Friday.</p></div></main></div></body>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHTML([]byte("<!DOCTYPE html><html>"+tt.page+"</html>"), "")
			if err != nil {
				t.Fatalf("parseHTML: %v", err)
			}
			want := strings.Repeat("Orbitine, a Munich start-up that builds AI models of battery chemistry, has raised $30 million in a Series A round led by Harrowgate Ventures, the company said on Monday.\n\n", 4)
			if diff := cmp.Diff(strings.TrimSuffix(want, "\n\n"), got.Body); diff != "" {
				t.Errorf("body mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHTMLParagraphs checks the conversion of readability's content to text
// on its own, without readability's choices.
func TestHTMLParagraphs(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{
			name: "inline elements flow, entities decoded, white space collapsed",
			html: "<p>Orbitine&nbsp;raised <em>$30&nbsp;million</em>,<br>said\n   <a href=\"#\">Kowalczyk</a>&#8217;s team &amp; <strong>co</strong>.</p>",
			want: []string{"Orbitine raised $30 million, said Kowalczyk’s team & co."},
		},
		{
			name: "curly quotes and dashes stay",
			html: "<p>“It’s early,” she said — ‘very early’.</p>",
			want: []string{"“It’s early,” she said — ‘very early’."},
		},
		{
			name: "blocks, and loose text in a div",
			html: "<div>Loose text<p>Paragraph one</p>tail <i>text</i><h2>A heading</h2><h6>Small heading</h6></div>",
			want: []string{"Loose text", "Paragraph one", "tail text", "A heading", "Small heading"},
		},
		{
			name: "list items, with paragraphs inside",
			html: "<ul><li><p>First</p><p>Second</p></li><li>Third <b>bold</b></li></ul><ol><li>Fourth</li></ol>",
			want: []string{"First", "Second", "Third bold", "Fourth"},
		},
		{
			name: "blockquote with and without paragraphs",
			html: "<blockquote>Said plainly.</blockquote><blockquote><p>One.</p><p>Two.</p></blockquote>",
			want: []string{"Said plainly.", "One.", "Two."},
		},
		{
			name: "pre is one paragraph",
			html: "<pre>client = veyra.Client()\n\n    reply = client.ask()</pre>",
			want: []string{"client = veyra.Client() reply = client.ask()"},
		},
		{
			name: "captions and images left out",
			html: `<figure><img src="a.jpg" alt="A lab"><figcaption>The lab. Photo: Orbitine</figcaption></figure>` +
				`<p>Text. <span class="image-credit">Photo: Example</span></p><div class="wp-caption-text">A caption</div>` +
				`<table><caption>Table 1</caption><tr><td>Cell</td><td>Other</td></tr><tr><th>Head</th><td>Value</td></tr></table>`,
			want: []string{"Text.", "Cell Other", "Head Value"},
		},
		{
			name: "lists of links, link paragraphs and labels dropped",
			html: `<p>Before.</p><ul><li><a href="/a">Story A</a></li><li> <a href="/b">Story B</a> </li></ul>` +
				`<p><a href="/c">Story C</a></p><p>Advertisement</p><p>Read more: <a href="/d">Story D</a></p>` +
				`<p>Sign up for our free newsletter and get every deal in your inbox.</p><p>After, with <a href="/e">a link</a> inside.</p>`,
			want: []string{"Before.", "After, with a link inside."},
		},
		{
			name: "hidden and junk boxes left out",
			html: `<p>Shown<span hidden> hidden</span><span aria-hidden="true"> icon</span><span style="display: none"> none</span>.</p>` +
				`<div class="share-tools">Share</div><div class="newsletter-promo"><p>Our briefing, every morning.</p></div>` +
				`<p>Also shown, as a paragraph long enough to be most of the text of this small page here.</p>`,
			want: []string{"Shown.", "Also shown, as a paragraph long enough to be most of the text of this small page here."},
		},
		{
			name: "invisible and control characters removed",
			html: "<p>Ferreira\u00ad-Lind of Zen\u200btrix\u2060 said\u0007 so\ufeff.</p>",
			want: []string{"Ferreira-Lind of Zentrix said so."},
		},
		{
			name: "invalid UTF-8 replaced",
			html: "<p>Bad \xff byte</p>",
			want: []string{"Bad \uFFFD byte"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.html + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range htmlParagraphs(htmlFirst(doc, "body")) {
				if !p.drop {
					got = append(got, p.text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("paragraphs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join("testdata", "html", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	tests := []struct {
		name string
		page string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"white space", " \n\t ", ErrEmpty},
		{"too large", "<p>" + strings.Repeat("a ", MaxArticleBytes/2), ErrTooLarge},
		{"login page", read("login.html"), ErrNoArticle},
		{"section front", read("section_index.html"), ErrNoArticle},
		{"empty body", "<html><head><title>Nothing</title></head><body></body></html>", ErrNoArticle},
		{"few words", "<p>Orbitine raised money.</p>", ErrNoArticle},
		{"frameset", "<html><frameset><frame src=a.html></frameset></html>", ErrNoArticle},
		{"only a menu", "<nav><ul>" + strings.Repeat("<li><a href=/x>Section name here</a></li>", 50) + "</ul></nav>", ErrNoArticle},
		{"nested too deep", strings.Repeat("<div>", 600) + "<p>" + strings.Repeat("word ", 200), ErrNoArticle},
		{"too much work", strings.Repeat("<div>", 450) + strings.Repeat("<p>"+strings.Repeat("word, ", 100)+"</p>", 1500), ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHTML([]byte(tt.page), "https://news.example/a")
			if !errors.Is(err, tt.want) {
				t.Fatalf("parseHTML error = %v, want %v (body %q)", err, tt.want, htmlFirstN(got.Body, 80))
			}
		})
	}
}

func TestParseHTMLEncoding(t *testing.T) {
	page := htmlTestPage("", "<p>“Café société,” said Zoë Müller — naïvely.</p>")
	t.Run("windows-1252 by meta charset", func(t *testing.T) {
		legacy, err := charmap.Windows1252.NewEncoder().String(strings.Replace(page, `charset="utf-8"`, `charset="windows-1252"`, 1))
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseHTML([]byte(legacy), "")
		if err != nil {
			t.Fatalf("parseHTML: %v", err)
		}
		if want := "“Café société,” said Zoë Müller — naïvely."; !strings.HasPrefix(got.Body, want) {
			t.Errorf("body starts %q, want %q", htmlFirstN(got.Body, 60), want)
		}
	})
	t.Run("UTF-8 despite a stale meta charset", func(t *testing.T) {
		got, err := parseHTML([]byte(strings.Replace(page, `charset="utf-8"`, `charset="iso-8859-1"`, 1)), "")
		if err != nil {
			t.Fatalf("parseHTML: %v", err)
		}
		if want := "“Café société,” said Zoë Müller — naïvely."; !strings.HasPrefix(got.Body, want) {
			t.Errorf("body starts %q, want %q", htmlFirstN(got.Body, 60), want)
		}
	})
}

func TestHTMLParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not a date
	}{
		{"2025-03-04", "2025-03-04"},
		{"2025-03-04T23:30:00-08:00", "2025-03-04"}, // the day as written, not in UTC
		{"2025-03-04T01:30:00+09:00", "2025-03-04"},
		{"2025-03-04T10:00:00.000Z", "2025-03-04"},
		{"2025-03-04 10:00", "2025-03-04"},
		{"2025-03-04T10:00:00+0100", "2025-03-04"},
		{"Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04"},
		{"March 4, 2025", "2025-03-04"},
		{"4 March 2025", "2025-03-04"},
		{"2025/03/04", "2025-03-04"},
		{"2025-02-30", ""},
		{"2025-13-01", ""},
		{"0001-01-01T00:00:00Z", ""},
		{"20250304", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := htmlParseDate(tt.in)
			got := ""
			if ok {
				got = d.Format(time.DateOnly)
				if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 {
					t.Errorf("htmlParseDate(%q) = %v, want midnight UTC", tt.in, d)
				}
			}
			if got != tt.want {
				t.Errorf("htmlParseDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLNestingDepth(t *testing.T) {
	tests := []struct {
		name string
		page string
		max  int // the most the estimate may be
		min  int // the least it may be; past htmlMaxDepth it stops counting
	}{
		{"unclosed paragraphs", strings.Repeat("<p>text ", 5000), 2, 1},
		{"unclosed list items", "<ul>" + strings.Repeat("<li>item ", 5000), 3, 2},
		{"unclosed cells", "<table>" + strings.Repeat("<tr><td>a<td>b", 3000), 4, 3},
		{"unclosed options", "<select>" + strings.Repeat("<option>a", 3000), 3, 2},
		{"paragraphs with unclosed spans", strings.Repeat("<p><span>text ", 3000), 3, 2},
		{"closed divs", strings.Repeat("<div><p>a</p></div>", 3000), 3, 2},
		{"svg paths", "<svg>" + strings.Repeat(`<path d="M0 0"/>`, 3000) + "</svg>", 2, 1},
		{"nested divs", strings.Repeat("<div>", 3000), 3000, htmlMaxDepth + 1},
		{"self-closed divs", strings.Repeat("<div/>", 3000), 3000, htmlMaxDepth + 1},
		{"unclosed bold", strings.Repeat("<b>", 3000), 3000, htmlMaxDepth + 1},
		{"nested tables", strings.Repeat("<table><tr><td>", 3000), 9000, htmlMaxDepth + 1},
		{"markup in an SVG title", "<svg><title>" + strings.Repeat("<g>", 3000), 3002, htmlMaxDepth + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlNestingDepth(tt.page, htmlMaxDepth)
			if got > tt.max || got < tt.min {
				t.Errorf("htmlNestingDepth = %d, want between %d and %d", got, tt.min, tt.max)
			}
		})
	}
}

// TestParseHTMLLargePages checks that pages of the largest size accepted,
// real-looking or made to be slow, are read or refused in reasonable time.
func TestParseHTMLLargePages(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	data, err := os.ReadFile(filepath.Join("testdata", "html", "meta_published.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	const size = MaxArticleBytes - 16<<10
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	para := "<p>Quillon Labs, a chip designer based in Oslo, has raised $120 million in a Series C round led by Brightmere Capital, the company said on Tuesday.</p>\n"
	// The parser reopens every unclosed <b> in each new block, and Noah's
	// ark does not stop it when their classes differ.
	var reopened strings.Builder
	for i := 0; reopened.Len() < size/4; i++ {
		fmt.Fprintf(&reopened, "<div><b class=c%d>x</div>", i)
	}
	comment := `<div class="comment"><p class="comment-author">reader</p><time datetime="2025-03-05T08:12:00Z">March 5</time><p>A fraction of the power compared to what, exactly? I would like to see benchmarks.</p></div>` + "\n"
	tests := []struct {
		name    string
		page    string
		wantErr error // nil when the page must be read
	}{
		{"long article", strings.Replace(page, "<h2>A crowded market</h2>", fill(para), 1), nil},
		{"long script", strings.Replace(page, "</head>", "<script>"+fill("window.__DATA__.push({id: 1, text: 'xxxxxxxxxxxxxxxx'});\n")+"</script></head>", 1), nil},
		{"many comments", strings.Replace(page, `<form class="comment-form">`, fill(comment)+"<form>", 1), nil},
		{"article 100 divs deep", strings.Repeat("<div>", 100) + fill(para), nil},
		{"flat paragraphs", fill("<p>word word, word word word word."), nil},
		{"one text", "<p>" + fill("lorem ipsum dolor sit amet, "), nil},
		{"line breaks", "<div>" + fill("text<br>"), nil},
		{"table cells", "<table>" + fill("<tr><td>cell text, with comma</td><td>more</td></tr>"), nil},
		{"unclosed links", fill("<a href=x>y "), ErrNoArticle},
		{"links", "<ul>" + fill(`<li><a href="/x">A headline about something</a></li>`), ErrNoArticle},
		{"nested divs", fill("<div>"), ErrNoArticle},
		{"article 300 divs deep", strings.Repeat("<div>", 300) + fill(para), ErrNoArticle},
		{"formatting reopened in every block", reopened.String(), ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseHTML([]byte(tt.page), "")
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("parseHTML error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func FuzzParseHTML(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "https://news.example/a/b?utm_source=x#c")
	}
	f.Add([]byte(htmlTestPage(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"#p"}},{"@id":"#p","name":"A"}]}</script>`, "")), "")
	f.Add([]byte("<p>By <a rel=author>X</a><time datetime=2025-01-01>"), "/relative")
	f.Add([]byte("<table><tr><td><ul><li><pre>\x00\xff</pre>"), "::")
	f.Add([]byte("<svg><p/><math><div/></math></svg><select><option><option>"), "https://x")
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		if len(data) > MaxArticleBytes {
			return
		}
		got, err := parseHTML(data, pageURL)
		if err != nil {
			if !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("parseHTML error = %v, want one wrapping ErrNoArticle or ErrEmpty", err)
			}
			return
		}
		htmlCheckBody(t, got.Body)
		if got.Body == "" {
			t.Errorf("parseHTML returned no error and an empty body")
		}
		if got.Format != FormatHTML {
			t.Errorf("Format = %q, want %q", got.Format, FormatHTML)
		}
		for _, s := range []string{got.Title, got.Source, got.URL, got.Author} {
			if !utf8.ValidString(s) {
				t.Errorf("metadata %q is not valid UTF-8", s)
			}
		}
		if !got.Date.IsZero() && (got.Date.Location() != time.UTC || got.Date.Hour() != 0) {
			t.Errorf("Date = %v, want midnight UTC", got.Date)
		}
	})
}
