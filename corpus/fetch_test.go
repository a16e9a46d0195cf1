package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
)

// fetchTestPage returns an article page about invented companies and
// people; head is added to its <head>, which names no character set.
func fetchTestPage(head string) string {
	return `<!DOCTYPE html><html><head>` + head + `
<title>Brindlewood Analytics agrees to buy Quillfeather Robotics | The Lantern Ledger</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Lantern Ledger">
<meta name="author" content="Tobias Wren">
</head>
<body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article>
<h1>Brindlewood Analytics agrees to buy Quillfeather Robotics</h1>
<time datetime="2025-03-04">4 March 2025</time>
<p>Brindlewood Analytics, a maker of forecasting software for grain co-operatives, has agreed to buy Quillfeather Robotics, a start-up that builds small harvesting robots, for $40 million in cash and shares, the two companies said on Tuesday.</p>
<p>Quillfeather, founded in 2021 by the engineers Marisol Okonkwo-Hale and Rémi Fauchon, has about 30 staff and sells its robots to orchards in three countries.</p>
<p>“Our customers kept asking for one system that both predicts the harvest and brings it in,” said Ines Calloway, the chief executive of Brindlewood. “Buying Quillfeather lets us give them that next season.”</p>
<p>The deal is expected to close in the second quarter, subject to approval by regulators. Quillfeather’s founders will join Brindlewood’s product team.</p>
</article>
<footer><p>© 2025 The Lantern Ledger</p></footer>
</body></html>`
}

const (
	fetchTestTitle = "Brindlewood Analytics agrees to buy Quillfeather Robotics"
	fetchTestQuote = "“Our customers kept asking for one system that both predicts the harvest and brings it in,” said Ines Calloway"
)

const fetchTestText = `Fernhollow Ceramics opens a second kiln in Ashby Vale

Fernhollow Ceramics, a family-run maker of glazed tiles, has opened a second
kiln at its works in Ashby Vale and will hire twelve people to run it, the
company said on Friday.

"We were turning orders away every month," said Odile Marchetti, who runs the
business with her brother Casimir. "Now we can say yes."
`

const fetchTestMarkdown = `---
title: Tallowmere Foods raises $8 million
date: 2025-02-11
added_by: someone-else
---
Tallowmere Foods, which makes oat-based cheeses in a former mill, has raised
$8 million from Gorsebrook Partners to build a second production line.

"Demand has doubled in a year," said the founder, Wendell Ashgrove.
`

// fetchTestServer serves the pages the Fetch tests ask for, on 127.0.0.1,
// and counts the requests it sees.
func fetchTestServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	stall := make(chan struct{})
	page := fetchTestPage(`<meta charset="utf-8">`)
	cp1252, err := charmap.Windows1252.NewEncoder().String(fetchTestPage(`<meta charset="windows-1252">`))
	if err != nil {
		t.Fatal(err)
	}
	serve := func(contentType, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			io.WriteString(w, body)
		}
	}
	// wait blocks a handler until the test ends or the client goes.
	wait := func(r *http.Request) {
		select {
		case <-stall:
		case <-r.Context().Done():
		}
	}

	mux := http.NewServeMux()
	mux.Handle("/article", serve("text/html; charset=utf-8", page))
	mux.Handle("/canonical", serve("text/html", fetchTestPage(`<link rel="canonical" href="https://ledger.example/2025/brindlewood-quillfeather">`)))
	mux.Handle("/old", http.RedirectHandler("/articles/new?utm_source=feed", http.StatusMovedPermanently))
	mux.Handle("/articles/new", serve("text/html; charset=utf-8", page))
	mux.Handle("/text", serve("text/plain; charset=utf-8", fetchTestText))
	mux.Handle("/markdown", serve("text/markdown", fetchTestMarkdown))
	mux.Handle("/x-markdown", serve("text/x-markdown; charset=utf-8", fetchTestMarkdown))
	mux.Handle("/xhtml", serve("application/xhtml+xml", page))
	mux.Handle("/short", serve("text/plain", "Hello\n\nOnly a few words here."))
	mux.Handle("/report.pdf", serve("application/pdf", "%PDF-1.7\n"))
	mux.Handle("/cp1252", serve("text/html; charset=windows-1252", cp1252))
	mux.Handle("/cp1252-meta", serve("text/html", cp1252))
	mux.Handle("/unknown-charset", serve("text/plain; charset=x-klingon", cp1252))
	mux.HandleFunc("/no-type", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no sniffing by the server
		io.WriteString(w, page)
	})
	mux.Handle("/missing", http.NotFoundHandler())
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(10<<20))
		io.WriteString(w, page[:1000])
		w.(http.Flusher).Flush()
		wait(r)
	})
	mux.HandleFunc("/huge-stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler filler filler</p>\n"), 1024)
		// Endless: only a reader that stops early gets an answer.
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/stall-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(len(page)))
		io.WriteString(w, page[:len(page)/2])
		w.(http.Flusher).Flush()
		wait(r)
	})
	mux.HandleFunc("/stall-headers", func(w http.ResponseWriter, r *http.Request) {
		wait(r)
	})
	mux.Handle("/to-private", http.RedirectHandler("http://10.255.255.1/", http.StatusFound))
	mux.Handle("/to-metadata-ip", http.RedirectHandler("http://169.254.169.254/latest/meta-data", http.StatusFound))
	mux.Handle("/to-metadata-name", http.RedirectHandler("http://metadata.google.internal/computeMetadata/v1/", http.StatusFound))
	mux.Handle("/to-ftp", http.RedirectHandler("ftp://127.0.0.1/article", http.StatusFound))
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fmt.Sprintf("/loop?n=%d", len(r.URL.RawQuery)), http.StatusFound)
	})

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	// Cleanups run last first: the stalled handlers end before Close waits
	// for them.
	t.Cleanup(func() { close(stall) })
	return srv, &hits
}

// fetchTestMeta is the part of a fetched article the tests compare.
type fetchTestMeta struct {
	Title, URL, Source, Author, Date, AddedBy string
	Format                                    Format
}

func fetchMetaOf(a Article) fetchTestMeta {
	return fetchTestMeta{Title: a.Title, URL: a.URL, Source: a.Source, Author: a.Author,
		Date: a.DateString(), AddedBy: a.AddedBy, Format: a.Format}
}

// fetchWithin calls f.Fetch and fails the test if it has not returned
// within 10 seconds, far beyond any timeout the tests set.
func fetchWithin(t *testing.T, f *Fetcher, rawURL string) (Article, error) {
	t.Helper()
	type result struct {
		a   Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := f.Fetch(t.Context(), rawURL)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Fetch(%q) did not return within 10s", rawURL)
		return Article{}, nil
	}
}

func TestFetch(t *testing.T) {
	srv, hits := fetchTestServer(t)
	base := srv.URL
	port := strings.TrimPrefix(base, "http://127.0.0.1:")
	htmlArticle := func(url string) *fetchTestMeta {
		return &fetchTestMeta{Title: fetchTestTitle, URL: url, Source: "The Lantern Ledger",
			Author: "Tobias Wren", Date: "2025-03-04", Format: FormatHTML}
	}
	htmlBody := []string{fetchTestQuote, "Marisol Okonkwo-Hale and Rémi Fauchon", "Quillfeather’s founders"}

	tests := []struct {
		name    string
		url     string
		opt     FetchOptions // AllowHosts is 127.0.0.1 unless noAllow
		noAllow bool
		want    *fetchTestMeta // nil when an error is wanted
		body    []string       // in the article's body
		wantErr error
		wantMsg string // in the error's text
		hidden  string // never in the error's text
		hits    int    // requests the server sees
		ipv6    bool   // needs IPv6, which a machine may lack
	}{
		{name: "html article", url: base + "/article", want: htmlArticle(base + "/article"), body: htmlBody, hits: 1},
		{name: "xhtml article", url: base + "/xhtml", want: htmlArticle(base + "/xhtml"), body: htmlBody, hits: 1},
		{name: "html without content type", url: base + "/no-type", want: htmlArticle(base + "/no-type"), body: htmlBody, hits: 1},
		{
			name: "canonical url declared by the page",
			url:  base + "/canonical",
			want: htmlArticle("https://ledger.example/2025/brindlewood-quillfeather"),
			body: htmlBody,
			hits: 1,
		},
		{
			name: "final url after a redirect, without tracking parameters",
			url:  base + "/old",
			want: htmlArticle(base + "/articles/new"),
			body: htmlBody,
			hits: 2,
		},
		{
			name: "plain text",
			url:  base + "/text",
			want: &fetchTestMeta{Title: "Fernhollow Ceramics opens a second kiln in Ashby Vale", URL: base + "/text",
				Source: "127.0.0.1", Format: FormatText},
			body: []string{`"We were turning orders away every month," said Odile Marchetti`},
			hits: 1,
		},
		{
			name: "markdown, its added_by dropped",
			url:  base + "/markdown",
			want: &fetchTestMeta{Title: "Tallowmere Foods raises $8 million", URL: base + "/markdown",
				Source: "127.0.0.1", Date: "2025-02-11", Format: FormatMarkdown},
			body: []string{`"Demand has doubled in a year," said the founder, Wendell Ashgrove.`},
			hits: 1,
		},
		{
			name: "x-markdown",
			url:  base + "/x-markdown",
			want: &fetchTestMeta{Title: "Tallowmere Foods raises $8 million", URL: base + "/x-markdown",
				Source: "127.0.0.1", Date: "2025-02-11", Format: FormatMarkdown},
			hits: 1,
		},
		{name: "windows-1252 named by the server", url: base + "/cp1252", want: htmlArticle(base + "/cp1252"), body: htmlBody, hits: 1},
		{name: "windows-1252 named by the page", url: base + "/cp1252-meta", want: htmlArticle(base + "/cp1252-meta"), body: htmlBody, hits: 1},

		// What the server sends.
		{name: "unknown charset", url: base + "/unknown-charset", wantErr: ErrBinary, wantMsg: `"x-klingon"`, hits: 1},
		{name: "too short, parse error kept", url: base + "/short", wantErr: ErrTooShort, wantMsg: "reading " + base + "/short: ", hits: 1},
		{name: "not found", url: base + "/missing", wantErr: ErrFetchFailed, wantMsg: "the server answered 404 Not Found", hits: 1},
		{name: "pdf", url: base + "/report.pdf", wantErr: ErrUnsupportedType, wantMsg: "it is application/pdf", hits: 1},
		{
			name:    "declared too large",
			url:     base + "/huge-declared",
			wantErr: ErrTooLarge,
			wantMsg: "it is 10.0 MB, over the limit of 2.0 MB",
			hits:    1,
		},
		{
			name:    "endless body cut at the limit",
			url:     base + "/huge-stream",
			opt:     FetchOptions{MaxBytes: 64 << 10},
			wantErr: ErrTooLarge,
			wantMsg: "over the limit of 64.0 KB",
			hits:    1,
		},
		{
			name:    "body stalls",
			url:     base + "/stall-body",
			opt:     FetchOptions{Timeout: 300 * time.Millisecond},
			wantErr: ErrFetchFailed,
			wantMsg: "the server did not finish sending within 300ms",
			hits:    1,
		},
		{
			name:    "headers stall",
			url:     base + "/stall-headers",
			opt:     FetchOptions{Timeout: 300 * time.Millisecond},
			wantErr: ErrFetchFailed,
			wantMsg: "the server did not answer within 300ms",
			hits:    1,
		},
		{name: "redirect loop", url: base + "/loop", wantErr: ErrFetchFailed, wantMsg: "redirected more than 5 times", hits: 6},

		// Addresses refused.
		{
			name:    "loopback not allowed",
			url:     base + "/article",
			noAllow: true,
			wantErr: ErrFetchRefused,
			wantMsg: "refusing to fetch " + base + "/article: 127.0.0.1 is a loopback address",
		},
		{name: "localhost resolves to loopback", url: "http://localhost:" + port + "/article", noAllow: true, wantErr: ErrFetchRefused, wantMsg: "loopback address"},
		{name: "ipv6 loopback", url: "http://[::1]:" + port + "/article", noAllow: true, ipv6: true, wantErr: ErrFetchRefused, wantMsg: "::1 is a loopback address"},
		{name: "ipv4-mapped loopback", url: "http://[::ffff:127.0.0.1]:" + port + "/article", noAllow: true, wantErr: ErrFetchRefused, wantMsg: "loopback address"},
		{
			name:    "redirect to a private address",
			url:     base + "/to-private",
			wantErr: ErrFetchRefused,
			wantMsg: "refusing to fetch http://10.255.255.1/: 10.255.255.1 is a private address",
			hits:    1,
		},
		{
			name:    "redirect to cloud metadata",
			url:     base + "/to-metadata-ip",
			wantErr: ErrFetchRefused,
			wantMsg: "169.254.169.254 is a link-local address",
			hits:    1,
		},
		{
			name:    "redirect to a metadata host name",
			url:     base + "/to-metadata-name",
			wantErr: ErrFetchRefused,
			wantMsg: "metadata.google.internal is a cloud metadata host",
			hits:    1,
		},
		{name: "redirect to ftp", url: base + "/to-ftp", wantErr: ErrFetchRefused, wantMsg: "not ftp", hits: 1},
		{name: "ftp", url: "ftp://127.0.0.1:" + port + "/article", wantErr: ErrFetchRefused, wantMsg: "only http and https addresses can be fetched, not ftp"},
		{name: "file", url: "file:///etc/passwd", wantErr: ErrFetchRefused, wantMsg: "not file"},
		{name: "javascript", url: "javascript:alert(1)", wantErr: ErrFetchRefused, wantMsg: "not javascript"},
		{name: "no scheme", url: "ledger.example/article", wantErr: ErrFetchRefused, wantMsg: "should start with https://"},
		{name: "no host", url: "http:///article", wantErr: ErrFetchRefused, wantMsg: "it has no host"},
		{name: "not a url", url: "http://[::1", wantErr: ErrFetchRefused, wantMsg: "not a web address"},
		{
			name:    "user and password",
			url:     "http://moderator:s3cret@127.0.0.1:" + port + "/article",
			wantErr: ErrFetchRefused,
			wantMsg: "it carries a user name or password",
			hidden:  "s3cret",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ipv6 {
				l, err := net.Listen("tcp6", "[::1]:0")
				if err != nil {
					t.Skipf("no IPv6: %v", err)
				}
				l.Close()
			}
			opt := tt.opt
			if !tt.noAllow {
				opt.AllowHosts = []string{"127.0.0.1"}
			}
			if opt.Timeout == 0 {
				// Long enough for any real answer here, short enough that
				// a connection that should have been refused times out.
				opt.Timeout = 3 * time.Second
			}
			before := hits.Load()
			got, err := fetchWithin(t, NewFetcher(opt), tt.url)
			if n := int(hits.Load() - before); n != tt.hits {
				t.Errorf("the server saw %d requests, want %d", n, tt.hits)
			}
			if tt.want == nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Fetch(%q) error = %v, want one wrapping %v", tt.url, err, tt.wantErr)
				}
				msg := err.Error()
				t.Log(msg)
				if !strings.Contains(msg, tt.wantMsg) {
					t.Errorf("error %q does not contain %q", msg, tt.wantMsg)
				}
				if tt.hidden != "" && strings.Contains(msg, tt.hidden) {
					t.Errorf("error %q shows %q", msg, tt.hidden)
				}
				if r := []rune(msg); unicode.IsUpper(r[0]) || strings.ContainsRune(".!", r[len(r)-1]) {
					t.Errorf("error %q should start lower-case and end without punctuation", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch(%q): %v", tt.url, err)
			}
			if diff := cmp.Diff(*tt.want, fetchMetaOf(got)); diff != "" {
				t.Errorf("Fetch(%q) metadata (-want +got):\n%s", tt.url, diff)
			}
			for _, s := range tt.body {
				if !strings.Contains(got.Body, s) {
					t.Errorf("body does not contain %q; body:\n%s", s, got.Body)
				}
			}
			if want := ArticleID(got); got.ID != want {
				t.Errorf("ID = %q, want %q, the ID of its URL", got.ID, want)
			}
		})
	}
}

func TestFetchCancelled(t *testing.T) {
	srv, _ := fetchTestServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := NewFetcher(FetchOptions{AllowHosts: []string{"127.0.0.1"}}).Fetch(ctx, srv.URL+"/article")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Fetch with a cancelled context: error = %v, want one wrapping context.Canceled", err)
	}
}

func TestFetchAddrKind(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"93.184.215.14", ""},
		{"2606:4700::6810:84e5", ""},
		{"127.0.0.1", "loopback"},
		{"127.3.2.1", "loopback"},
		{"::1", "loopback"},
		{"10.0.0.5", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "private"},
		{"fd12:3456::1", "private"},
		{"fec0::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"100.64.0.1", "shared (carrier-grade NAT)"},
		{"100.127.255.254", "shared (carrier-grade NAT)"},
		{"100.128.0.1", ""},
		{"255.255.255.255", "reserved"},
		{"198.18.0.1", "reserved"},
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:10.1.2.3", "private"},
		{"::ffff:169.254.169.254", "link-local"},
		{"::ffff:8.8.8.8", ""},
		{"::7f00:1", "reserved"},             // IPv4-compatible 127.0.0.1
		{"64:ff9b::a9fe:a9fe", "link-local"}, // NAT64 169.254.169.254
		{"64:ff9b::808:808", ""},
		{"2002:0a00:0001::1", "private"}, // 6to4 10.0.0.1
	}
	for _, tt := range tests {
		if got := addrKind(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("addrKind(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

// TestFetchCheckAddr checks the dialer's Control function on the address
// forms it is given.
func TestFetchCheckAddr(t *testing.T) {
	tests := []struct {
		address string
		wantErr string // "" for allowed
	}{
		{"93.184.215.14:443", ""},
		{"[2606:4700::6810:84e5]:443", ""},
		{"10.0.0.5:80", "10.0.0.5 is a private address"},
		{"[::ffff:169.254.169.254]:80", "169.254.169.254 is a link-local address"},
		{"[fe80::1%eth0]:80", "fe80::1 is a link-local address"},
		{"not-an-address", "not-an-address is an unrecognised address"},
	}
	for _, tt := range tests {
		err := checkAddr("tcp", tt.address, nil)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.wantErr {
			t.Errorf("checkAddr(%q) = %q, want %q", tt.address, got, tt.wantErr)
		}
	}
}
