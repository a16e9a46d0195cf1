// Package discordtest owns a fake Discord for end-to-end tests of the bot: an
// in-process server that the real, unmodified discordgo v0.29.0 client talks
// to over HTTP and the gateway websocket.
//
// The fake serves the REST routes the bot uses under /api/v9/, the gateway at
// /gw/ and attachment bytes at /cdn/attachments/. It builds interactions in
// the shape Discord sends them, dispatches them over the gateway (or posts
// them, signed, to an HTTP interactions endpoint), and records what the bot
// answers, so a test awaits the answer instead of sleeping. Every JSON body
// the bot sends is validated against Discord's OpenAPI spec
// (testdata/openapi.json, embedded) and the limits the spec does not encode:
// a body Discord would refuse fails the test that uses the fake.
//
// Code tour: discordtest.go (the Server, its options and records), rest.go
// (the routes), gateway.go (the websocket), interaction.go (the interaction
// builders), answer.go (message state and Await), validate.go (spec and
// limits), sign.go (Ed25519 for HTTP interactions endpoints).
package discordtest

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The fixed identities of the fake. Ids are snowflakes in decimal strings, as
// Discord sends them.
const (
	// AppID is the bot's application id.
	AppID = "100000000000000001"
	// BotUserID is the bot user's id; Discord gives a bot user the id of its
	// application.
	BotUserID = AppID
	// BotUsername is the bot user's name.
	BotUsername = "dealbot"
	// BotToken is the token the fake accepts: REST calls must carry
	// "Authorization: Bot " + BotToken, and the gateway Identify the token.
	BotToken = "MTAwMDAwMDAwMDAwMDAwMDAx.fake.discordtest-token"
	// GuildID is the guild interactions come from unless built with InDM.
	GuildID = "200000000000000001"
	// ChannelID is the channel interactions come from unless built with
	// InDM.
	ChannelID = "300000000000000001"
	// DMChannelID is the channel of interactions built with InDM: the bot's
	// DM with the user.
	DMChannelID = "300000000000000002"
	// UserID is the id of the user who invokes interactions unless built
	// with By.
	UserID = "400000000000000001"
	// Username is the name of that user.
	Username = "tester"
)

// Server is a fake Discord: an httptest server for REST, the gateway and the
// CDN. Create one with New; it is closed when the test ends. All methods are
// safe for concurrent use.
type Server struct {
	t         testing.TB
	srv       *httptest.Server
	validator *Validator
	client    *http.Client // for Deliver

	heartbeat        time.Duration
	deadline         time.Duration
	expectViolations bool
	validateLater    bool

	gateways sync.WaitGroup // websocket handlers

	mu          sync.Mutex
	changed     chan struct{} // see broadcastLocked
	closing     bool
	nextID      uint64
	requests    []Request
	violations  []Violation
	pending     []body // bodies held back by ValidateLater
	faults      []*fault
	commands    map[string][]map[string]any // scope ("" or a guild id) → commands as answered
	commandIDs  map[string]string           // command name → id for unregistered commands
	attachments map[string]attachment       // by URL path
	byToken     map[string]*ixState
	byID        map[string]*ixState
	messages    map[string]map[string]any // by message id, as Discord answers them
	shownBy     map[string][]*ixState     // by message id: the interactions whose answer shows it
	modals      map[string]modal          // by custom_id: the modals the bot opened
	gw          gatewayState
}

// Option configures a Server.
type Option func(*Server)

// HeartbeatInterval sets the heartbeat_interval sent in Hello. The default is
// Discord's 41.25 s; tests exercising heartbeats lower it. It must be > 0
// (discordgo panics on 0).
func HeartbeatInterval(d time.Duration) Option {
	return func(s *Server) { s.heartbeat = d }
}

// ResponseDeadline sets how long after Dispatch (or Deliver) the bot may take
// to send the initial response; a later callback gets Discord's 404 Unknown
// interaction, and both it and a late answer of an HTTP interactions endpoint
// are violations. The default is Discord's 3 s.
func ResponseDeadline(d time.Duration) Option {
	return func(s *Server) { s.deadline = d }
}

// UseValidator makes the Server validate with v instead of a Validator of its
// own. Loading the spec takes about 50 ms of CPU (about 300 ms under -race),
// so a test that starts many fakes can share one.
func UseValidator(v *Validator) Option {
	return func(s *Server) { s.validator = v }
}

// ExpectViolations makes the fake record violations without failing the
// test: tests of the validator, or of how the bot handles Discord's errors,
// use it and assert on Violations.
func ExpectViolations() Option {
	return func(s *Server) { s.expectViolations = true }
}

// ValidateLater makes the fake accept every body the bot sends at once,
// and validate it only when ValidatePending is called or the test ends,
// reporting any violation then. It is for benchmarks: validating against
// the spec costs the fake about a third of a millisecond of CPU a body,
// which on a shared machine would be counted in the bot's latency (real
// Discord validates on its own machines). A body the spec refuses is
// accepted, so tests of refusals must not use it.
func ValidateLater() Option {
	return func(s *Server) { s.validateLater = true }
}

// New starts a fake Discord for t and closes it when t ends. It fails t if
// the embedded spec cannot be loaded.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		t:           t,
		client:      &http.Client{Transport: &http.Transport{}, Timeout: 30 * time.Second},
		heartbeat:   41250 * time.Millisecond,
		deadline:    discordgo.InteractionDeadline,
		changed:     make(chan struct{}),
		nextID:      1300000000000000000,
		commands:    make(map[string][]map[string]any),
		shownBy:     make(map[string][]*ixState),
		commandIDs:  make(map[string]string),
		attachments: make(map[string]attachment),
		byToken:     make(map[string]*ixState),
		byID:        make(map[string]*ixState),
		messages:    make(map[string]map[string]any),
		modals:      make(map[string]modal),
		gw:          newGatewayState(),
	}
	for _, o := range opts {
		o(s)
	}
	if s.validator == nil {
		v, err := NewValidator()
		if err != nil {
			t.Fatalf("discordtest: %v", err)
		}
		s.validator = v
	}
	if s.heartbeat <= 0 {
		t.Fatalf("discordtest: heartbeat interval %v must be > 0", s.heartbeat)
	}
	s.srv = httptest.NewServer(s.routes())
	t.Cleanup(s.close)
	return s
}

// close shuts the fake down: gateway connections first (so no handler
// outlives the test), then the HTTP server, which waits for REST handlers.
func (s *Server) close() {
	s.mu.Lock()
	s.closing = true
	conns := slices.Collect(maps.Keys(s.gw.conns))
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.NetConn().Close()
	}
	s.srv.Close()
	s.gateways.Wait()
	s.client.CloseIdleConnections()
	s.ValidatePending()
}

// URL returns the fake's root, e.g. "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.srv.URL }

// APIBase returns the REST base the bot must use instead of
// https://discord.com/api/v9/, e.g. "http://127.0.0.1:PORT/api/v9/".
func (s *Server) APIBase() string { return s.srv.URL + "/api/v9/" }

// GatewayURL returns the gateway URL that GET /gateway answers,
// "ws://127.0.0.1:PORT/gw" (discordgo appends "/?v=9&encoding=json").
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gw"
}

// HTTPClient returns a client for discordgo.Session.Client (and for the bot's
// downloads) that sends https://discord.com/api/v9/… to APIBase and
// https://cdn.discordapp.com/… to the fake's CDN, lets requests to the fake
// itself through, and refuses every other host, so a test never reaches the
// internet.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: &rewriter{s: s, base: s.srv.Client().Transport}, Timeout: 30 * time.Second}
}

// rewriter is HTTPClient's RoundTripper.
type rewriter struct {
	s    *Server
	base http.RoundTripper
}

func (rt *rewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	fake, err := url.Parse(rt.s.srv.URL)
	if err != nil {
		return nil, err
	}
	u := *r.URL
	switch {
	case u.Scheme == "https" && u.Host == "discord.com" && strings.HasPrefix(u.Path, "/api/v9/"):
	case u.Scheme == "https" && u.Host == "cdn.discordapp.com":
		u.Path = "/cdn" + u.Path
		u.RawPath = ""
	case u.Host == fake.Host:
	default:
		return nil, fmt.Errorf("discordtest: refusing request to %s outside the fake", r.URL.Redacted())
	}
	u.Scheme, u.Host = fake.Scheme, fake.Host
	r2 := r.Clone(r.Context())
	r2.URL = &u
	r2.Host = ""
	return rt.base.RoundTrip(r2)
}

// Request is one REST request the fake received, as recorded after it was
// answered.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the path below /api/v9 (or the /cdn/… path), e.g.
	// "/interactions/1300000000000000002/aW50…/callback".
	Path string
	// Query is the URL query.
	Query url.Values
	// Header is the request header.
	Header http.Header
	// Body is the JSON body: the payload_json of a multipart request.
	Body []byte
	// Files are the files of a multipart request.
	Files []File
	// Status is the status the fake answered.
	Status int
	// Response is the body the fake answered.
	Response []byte
}

// File is a file uploaded in a multipart request.
type File struct {
	// Field is the form field, e.g. "files[0]".
	Field string
	// Name is the file name.
	Name string
	// ContentType is the part's Content-Type.
	ContentType string
	// Data is the content.
	Data []byte
}

// Requests returns every REST request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// AwaitRequest waits until a request matching method and pattern has been
// answered (or was already) and returns the first such. pattern is matched
// with path.Match against Request.Path, so "*" stands for one segment, e.g.
// "/applications/*/guilds/*/commands"; method "" matches any. It returns
// ctx.Err() wrapped if ctx ends first.
func (s *Server) AwaitRequest(ctx context.Context, method, pattern string) (Request, error) {
	reqs, err := s.AwaitRequests(ctx, method, pattern, 1)
	if err != nil {
		return Request{}, err
	}
	return reqs[0], nil
}

// AwaitRequests waits until n requests matching method and pattern (as for
// AwaitRequest) have been answered and returns all those answered so far, in
// order. It returns ctx.Err() wrapped, with the matches so far, if ctx ends
// first.
func (s *Server) AwaitRequests(ctx context.Context, method, pattern string, n int) ([]Request, error) {
	var got []Request
	err := s.waitFor(ctx, func() bool {
		got = got[:0]
		for _, r := range s.requests {
			if matchRequest(method, pattern, r.Method, r.Path) {
				got = append(got, r)
			}
		}
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("%d of %d %s %s requests: %w", len(got), n, method, pattern, err)
	}
	return got, nil
}

func matchRequest(method, pattern, gotMethod, gotPath string) bool {
	if method != "" && method != gotMethod {
		return false
	}
	ok, err := path.Match(pattern, gotPath)
	return ok && err == nil
}

// Violations returns every violation found so far: bodies Discord would
// refuse, dealbot rules broken, unknown routes, bad tokens and interaction
// misuse. Unless the Server was made with ExpectViolations, each was also
// reported with t.Errorf.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// report records violations and, unless they are expected, fails the test.
func (s *Server) report(vs ...Violation) {
	if len(vs) == 0 {
		return
	}
	s.mu.Lock()
	s.violations = append(s.violations, vs...)
	s.mu.Unlock()
	if s.expectViolations {
		return
	}
	for _, v := range vs {
		s.t.Errorf("discordtest: %s", v)
	}
}

// broadcastLocked wakes the waitFor callers (AwaitRequests, Connected): it
// is called when what their conditions read changes, the requests (rest
// calls it as it records each) and the gateway connections. Waiters for an
// answer have their interaction's channel (answerChangedLocked). s.mu must
// be held.
func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// showsLocked records that st's answer shows the message id (its
// @original or a follow-up). s.mu must be held.
func (s *Server) showsLocked(st *ixState, id string) {
	if id != "" && !slices.Contains(s.shownBy[id], st) {
		s.shownBy[id] = append(s.shownBy[id], st)
	}
}

// answerChangedLocked wakes those waiting for the answer to st, and to
// every interaction whose answer shows the message id (a click may edit a
// message another interaction answered with). s.mu must be held.
func (s *Server) answerChangedLocked(st *ixState, id string) {
	now := time.Now()
	wake := func(w *ixState) {
		if w.answeredAt.IsZero() && w.answered() {
			w.answeredAt = now
		}
		close(w.changed)
		w.changed = make(chan struct{})
	}
	wake(st)
	for _, w := range s.shownBy[id] {
		if w != st {
			wake(w)
		}
	}
}

// waitFor waits until cond, called with s.mu held, returns true.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// newIDLocked returns a fresh snowflake. s.mu must be held.
func (s *Server) newIDLocked() string {
	s.nextID++
	return fmt.Sprint(s.nextID)
}

func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

// Fault makes the fake fail requests, to test how the bot copes.
type Fault struct {
	// Method is the HTTP method to fail; "" fails any.
	Method string
	// Path is a path.Match pattern for Request.Path, e.g.
	// "/interactions/*/*/callback".
	Path string
	// Times is how many matching requests fail. The default is 1.
	Times int
	// Status is the status to answer. The default is 429, answered with
	// Discord's body {"message": "You are being rate limited.",
	// "retry_after": seconds, "global": false} and its Retry-After and
	// X-RateLimit-* headers; discordgo sleeps and retries. discordgo v0.29.0
	// retries a 502 up to Session.MaxRestRetries (default 3) times and
	// returns any other 5xx as a *discordgo.RESTError.
	Status int
	// RetryAfter is the wait a 429 asks for. The default is 10 ms.
	RetryAfter time.Duration
}

type fault struct {
	Fault
	left int
}

// Inject makes the next f.Times requests matching f fail. A failed request is
// recorded but neither validated nor acted on.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Status == 0 {
		f.Status = http.StatusTooManyRequests
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = 10 * time.Millisecond
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: f, left: f.Times})
}

// takeFault consumes one use of the first fault matching the request.
func (s *Server) takeFault(method, p string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if matchRequest(f.Method, f.Path, method, p) {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return f.Fault, true
		}
	}
	return Fault{}, false
}

// attachment is a file the fake's CDN serves.
type attachment struct {
	contentType string
	data        []byte
}

// AddAttachment makes the fake's CDN serve data as filename and returns its
// URL, e.g. "http://127.0.0.1:PORT/cdn/attachments/300…/130…/report.html".
func (s *Server) AddAttachment(filename, contentType string, data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addAttachmentLocked(s.newIDLocked(), filename, contentType, data)
}

func (s *Server) addAttachmentLocked(id, filename, contentType string, data []byte) string {
	p := "/cdn/attachments/" + ChannelID + "/" + id + "/" + url.PathEscape(filename)
	// Never nil, even for an empty file: a nil reply body is sent as JSON.
	s.attachments[p] = attachment{contentType: contentType, data: append([]byte{}, data...)}
	return s.srv.URL + p
}
