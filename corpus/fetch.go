package corpus

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Errors returned by Fetcher.Fetch, besides the parser's. Callers may test
// for them with errors.Is; the wrapping error names the address and says
// why, in words that are safe to show a moderator.
var (
	// ErrFetchRefused is returned for an address dealbot will not fetch:
	// not http or https, with a user name or password, a cloud metadata
	// host, or one that is (or resolves to, or redirects to) a loopback,
	// private, link-local, multicast or otherwise internal address.
	ErrFetchRefused = errors.New("the address is not allowed")
	// ErrFetchFailed is returned when the page could not be fetched: the
	// host was not found, the connection failed or timed out, the server
	// answered with an error status, or it redirected too many times.
	ErrFetchFailed = errors.New("the page could not be fetched")
	// ErrUnsupportedType is returned for a response that is neither HTML,
	// Markdown nor plain text (a PDF, an image, JSON…).
	ErrUnsupportedType = errors.New("only HTML, Markdown and plain text pages can be added")
)

// The defaults of FetchOptions.
const (
	defaultFetchTimeout = 15 * time.Second
	defaultUserAgent    = "dealbot/1 (news article fetcher)"
	maxFetchRedirects   = 5
)

// FetchOptions configures a Fetcher. The zero value is ready to use.
type FetchOptions struct {
	// AllowHosts lists host names and IP addresses, without port, that are
	// exempt from the address checks: a test server, or a trusted site on
	// the local network. They are matched without regard to case. The
	// exemption follows the host, not the fetch: a redirect from an
	// allowed host to another one is checked.
	AllowHosts []string
	// Timeout bounds a whole fetch: looking up the host, connecting, every
	// redirect, the headers and the body. The default is 15 seconds.
	Timeout time.Duration
	// MaxBytes is the largest body read; a larger one is refused without
	// being read further. The default is MaxArticleBytes, which is also the
	// most Parse accepts.
	MaxBytes int64
	// UserAgent is sent with every request. The default names dealbot.
	UserAgent string
}

// Fetcher fetches news articles from the web, refusing addresses inside
// the network it runs in. It is safe for concurrent use.
type Fetcher struct {
	client    *http.Client
	allow     map[string]bool
	timeout   time.Duration
	maxBytes  int64
	userAgent string
}

// NewFetcher returns a Fetcher configured by opt.
func NewFetcher(opt FetchOptions) *Fetcher {
	f := &Fetcher{
		allow:     map[string]bool{},
		timeout:   opt.Timeout,
		maxBytes:  opt.MaxBytes,
		userAgent: opt.UserAgent,
	}
	for _, h := range opt.AllowHosts {
		if h = normalizeHost(h); h != "" {
			f.allow[h] = true
		}
	}
	if f.timeout <= 0 {
		f.timeout = defaultFetchTimeout
	}
	if f.maxBytes <= 0 {
		f.maxBytes = MaxArticleBytes
	}
	if f.userAgent == "" {
		f.userAgent = defaultUserAgent
	}
	f.client = &http.Client{
		Transport: &http.Transport{
			// A proxy from the environment would connect in our place, to
			// addresses the dialer never sees.
			Proxy:               nil,
			DialContext:         f.dial,
			ForceAttemptHTTP2:   true,
			MaxIdleConns:        16,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: f.timeout,
		},
		CheckRedirect: f.checkRedirect,
	}
	return f
}

// Fetch fetches the article at rawURL, an http or https address, and parses
// it with Parse. The returned article's URL is the page's canonical address
// when it declares one, else the address it was fetched from after
// redirects; its Source is, failing the page's own, that address's host.
// AddedBy and AddedAt are left for the caller to set.
//
// Fetch returns an error wrapping ErrFetchRefused for an address it will not
// fetch (see ErrFetchRefused), ErrFetchFailed when the fetch fails or takes
// longer than the Fetcher's timeout, ErrUnsupportedType for a response that
// is not HTML, Markdown or plain text, ErrTooLarge for a body over the
// Fetcher's MaxBytes, ErrBinary for text in a character set it cannot
// decode, and otherwise Parse's errors (ErrEmpty, ErrTooShort, ErrNoArticle
// and the rest), all wrapped. When ctx ends first, the error wraps ctx's.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Article, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return Article{}, fmt.Errorf("refusing to fetch the address: it is not a web address: %w", ErrFetchRefused)
	}
	if err := f.checkURL(u); err != nil {
		return Article{}, err
	}

	ctx, cancel := context.WithTimeoutCause(ctx, f.timeout, errFetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Article{}, fmt.Errorf("refusing to fetch %s: it is not a web address: %w", u.Redacted(), ErrFetchRefused)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8")
	resp, err := f.client.Do(req)
	if err != nil {
		return Article{}, f.requestError(ctx, u, err, "answer")
	}
	defer resp.Body.Close()
	final := resp.Request.URL

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		status := fmt.Sprint(resp.StatusCode)
		if text := http.StatusText(resp.StatusCode); text != "" {
			status += " " + text
		}
		return Article{}, fmt.Errorf("fetching %s: the server answered %s: %w", final.Redacted(), status, ErrFetchFailed)
	}
	mediaType, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		mediaType = "" // sniffed from the body below
	}
	if mediaType != "" {
		if _, ok := fetchName(mediaType); !ok {
			return Article{}, fmt.Errorf("refusing %s: it is %s: %w", final.Redacted(), mediaType, ErrUnsupportedType)
		}
	}
	if resp.ContentLength > f.maxBytes {
		return Article{}, fmt.Errorf("refusing %s: it is %s, over the limit of %s: %w",
			final.Redacted(), byteSize(resp.ContentLength), byteSize(f.maxBytes), ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return Article{}, f.requestError(ctx, final, err, "finish sending")
	}
	if int64(len(data)) > f.maxBytes {
		return Article{}, fmt.Errorf("refusing %s: it is over the limit of %s: %w", final.Redacted(), byteSize(f.maxBytes), ErrTooLarge)
	}
	if mediaType == "" {
		// The charset sniffing guesses is no better than decodeFetched's.
		mediaType, _, _ = mime.ParseMediaType(http.DetectContentType(data))
		params = nil
	}
	name, ok := fetchName(mediaType)
	if !ok {
		return Article{}, fmt.Errorf("refusing %s: it is %s: %w", final.Redacted(), mediaType, ErrUnsupportedType)
	}
	text, err := decodeFetched(data, mediaType, params["charset"])
	if err != nil {
		return Article{}, fmt.Errorf("reading %s: %w", final.Redacted(), err)
	}

	a, err := Parse(name, text)
	if err != nil {
		return Article{}, fmt.Errorf("reading %s: %w", final.Redacted(), err)
	}
	// Parse knows nothing of where the page came from: it sets the URL
	// only from what the page declares.
	if a.URL == "" {
		a.URL = htmlCleanURL(final)
	}
	if a.Source == "" {
		a.Source = htmlHost(a.URL)
	}
	a.AddedBy, a.AddedAt = "", time.Time{}
	a.ID = ArticleID(a)
	return a, nil
}

// fetchName returns the file name that makes Parse read a body of the
// given media type in the right format, and false for a type that is not
// an article's.
func fetchName(mediaType string) (string, bool) {
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		return "page.html", true
	case "text/markdown", "text/x-markdown":
		return "page.md", true
	case "text/plain":
		// The content decides: a plain-text file may be a seed article or
		// Markdown with front matter.
		return "page.txt", true
	}
	return "", false
}

// decodeFetched returns data as UTF-8. Valid UTF-8 is taken as it is, even
// when the server or the page names another character set: the label is
// more often stale than the bytes wrong. Anything else is decoded by its
// byte-order mark, the charset named by the server, an HTML page's <meta
// charset>, or else as Windows-1252, as browsers do. It returns an error
// wrapping ErrBinary when the server names a character set that is not
// known.
func decodeFetched(data []byte, mediaType, label string) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	if label != "" {
		if enc, _ := charset.Lookup(label); enc == nil {
			return nil, fmt.Errorf("the text is in the character set %q, which cannot be read: %w", label, ErrBinary)
		}
	}
	contentType := mediaType
	if label != "" {
		contentType = mime.FormatMediaType(mediaType, map[string]string{"charset": label})
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("the text cannot be decoded from its character set: %w", ErrBinary)
	}
	// A page valid in its first kilobyte may still hold stray bytes later.
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), nil
}

// checkURL returns an error wrapping ErrFetchRefused when u is not an
// address to fetch: not absolute http(s), carrying a user name or password,
// or naming a cloud metadata host. The addresses a host resolves to are
// checked when connecting, by checkAddr.
func (f *Fetcher) checkURL(u *url.URL) error {
	refuse := func(why string) error {
		return fmt.Errorf("refusing to fetch %s: %s: %w", u.Redacted(), why, ErrFetchRefused)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		if u.Scheme == "" {
			return refuse("it is not a web address (it should start with https://)")
		}
		return refuse(fmt.Sprintf("only http and https addresses can be fetched, not %s", u.Scheme))
	case u.Host == "" || u.Hostname() == "":
		return refuse("it has no host")
	case u.User != nil:
		return refuse("it carries a user name or password")
	}
	host := normalizeHost(u.Hostname())
	if !f.allow[host] && isMetadataHost(host) {
		return refuse(fmt.Sprintf("%s is a cloud metadata host", host))
	}
	return nil
}

// checkRedirect is the client's redirect policy: at most maxFetchRedirects
// redirects, each to an address checkURL allows.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxFetchRedirects {
		return fmt.Errorf("fetching %s: it redirected more than %d times: %w", via[0].URL.Redacted(), maxFetchRedirects, ErrFetchFailed)
	}
	return f.checkURL(req.URL)
}

// dial connects to addr, refusing, for a host not in AllowHosts, every IP
// address that checkAddr refuses. The check runs on the address actually
// connected to, after the host is resolved, so neither a redirect nor a DNS
// answer that changes between lookups can slip past it.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	d := net.Dialer{Control: checkAddr}
	if f.allow[normalizeHost(host)] {
		d.Control = nil
	}
	return d.DialContext(ctx, network, addr)
}

// checkAddr is a net.Dialer's Control function: it runs after the socket
// is made and before it connects, and returns an *addrError for an address
// that is not on the public internet.
func checkAddr(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &addrError{addr: address, kind: "unrecognised"}
	}
	ip := ap.Addr().WithZone("").Unmap()
	if kind := addrKind(ip); kind != "" {
		return &addrError{addr: ip.String(), kind: kind}
	}
	return nil
}

// addrError is a connection refused by checkAddr.
type addrError struct {
	addr string // the IP address
	kind string // "loopback", "private"…
}

func (e *addrError) Error() string {
	a := "a"
	if strings.ContainsRune("aeiou", rune(e.kind[0])) {
		a = "an"
	}
	return fmt.Sprintf("%s is %s %s address", e.addr, a, e.kind)
}

// reservedPrefixes are the address blocks, beyond those netip classifies,
// that are not public: shared, documentation, benchmarking and reserved
// blocks, and the deprecated IPv6 site-local and IPv4-compatible ranges.
var reservedPrefixes = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved"},
	{netip.MustParsePrefix("192.0.2.0/24"), "reserved"},
	{netip.MustParsePrefix("198.18.0.0/15"), "reserved"},
	{netip.MustParsePrefix("198.51.100.0/24"), "reserved"},
	{netip.MustParsePrefix("203.0.113.0/24"), "reserved"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"}, // and 255.255.255.255
	{netip.MustParsePrefix("::/96"), "reserved"},       // IPv4-compatible
	{netip.MustParsePrefix("100::/64"), "reserved"},    // discard
	{netip.MustParsePrefix("2001:db8::/32"), "reserved"},
	{netip.MustParsePrefix("fec0::/10"), "private"}, // site-local
}

// IPv6 blocks that embed an IPv4 address, which is then the one checked.
var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// addrKind returns what kind of internal address ip is ("loopback",
// "private", "link-local"…), or "" for a public address.
func addrKind(ip netip.Addr) string {
	ip = ip.WithZone("").Unmap()
	b := ip.As16()
	switch {
	case !ip.IsValid():
		return "invalid"
	case nat64Prefix.Contains(ip):
		return addrKind(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(ip):
		return addrKind(netip.AddrFrom4([4]byte(b[2:6])))
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast():
		return "multicast"
	}
	for _, r := range reservedPrefixes {
		if r.prefix.Contains(ip) {
			return r.kind
		}
	}
	return ""
}

// isMetadataHost reports whether host (normalised) names a cloud
// provider's instance metadata service, or any host under .internal, the
// top-level domain reserved for private networks.
func isMetadataHost(host string) bool {
	switch host {
	case "metadata", "metadata.goog", "instance-data":
		return true
	}
	return strings.HasSuffix(host, ".internal")
}

// normalizeHost lower-cases a host name and drops IPv6 brackets and a
// trailing dot, so that spellings of one host compare equal.
func normalizeHost(h string) string {
	h = strings.TrimSpace(strings.ToLower(h))
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(h, ".")
}

// errFetchTimeout is the cause of a fetch's context ending at its timeout.
var errFetchTimeout = errors.New("fetch timed out")

// requestError turns the failure of a request for u, or of reading its
// body, into an error a moderator can read. doing says what the server was
// waiting to do ("answer", "finish sending"). ctx is the fetch's context.
func (f *Fetcher) requestError(ctx context.Context, u *url.URL, err error, doing string) error {
	target := u.Redacted()
	var ue *url.Error
	if errors.As(err, &ue) {
		target = ue.URL // the address of the redirect that failed
		if errors.Is(err, ErrFetchRefused) || errors.Is(err, ErrFetchFailed) {
			return ue.Err // from checkRedirect, already worded
		}
	}
	var (
		ae      *addrError
		dnsErr  *net.DNSError
		opErr   *net.OpError
		certErr *tls.CertificateVerificationError
	)
	fail := func(kind error, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		return &fetchError{msg: msg, kind: kind, cause: err}
	}
	switch {
	case errors.As(err, &ae):
		return fail(ErrFetchRefused, "refusing to fetch %s: %v", target, ae)
	case errors.Is(context.Cause(ctx), errFetchTimeout):
		return fail(ErrFetchFailed, "fetching %s: the server did not %s within %v", target, doing, f.timeout)
	case ctx.Err() != nil:
		return fmt.Errorf("fetching %s was stopped: %w", target, ctx.Err())
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fail(ErrFetchFailed, "fetching %s: the host %s was not found", target, dnsErr.Name)
	case errors.As(err, &dnsErr):
		return fail(ErrFetchFailed, "fetching %s: the host name could not be looked up", target)
	case errors.As(err, &certErr):
		return fail(ErrFetchFailed, "fetching %s: the site's security certificate is not valid", target)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fail(ErrFetchFailed, "fetching %s: could not connect to the server", target)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fail(ErrFetchFailed, "fetching %s: the connection closed before the page was complete", target)
	}
	return fail(ErrFetchFailed, "fetching %s: the connection failed", target)
}

// fetchError is a failed fetch whose message is safe to show a moderator.
// It wraps both its sentinel, for the caller, and the network error behind
// it, for the log.
type fetchError struct {
	msg   string
	kind  error
	cause error
}

func (e *fetchError) Error() string   { return e.msg + ": " + e.kind.Error() }
func (e *fetchError) Unwrap() []error { return []error{e.kind, e.cause} }
