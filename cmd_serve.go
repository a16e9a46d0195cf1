package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dealbot/bot"
	"dealbot/index"
	"dealbot/library"
)

// serveConfig is what serve is told by the environment and its flags.
type serveConfig struct {
	discord   bot.Config
	publicKey ed25519.PublicKey // --http only
	logLevel  slog.Level
	logJSON   bool
	listen    string // LISTEN_ADDR: /healthz and /metrics; "" for none
	http      string // --http: POST /interactions; "" for the gateway
	modRole   string // MODERATOR_ROLE_ID: its members may change the corpus
}

// runServe answers Discord's interactions until ctx ends: over the
// gateway, or on the HTTP interactions endpoint with --http.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, data := newFlags("serve", "serve [--http ADDR] [--data DIR]", stderr)
	httpAddr := fs.String("http", "", "serve Discord's HTTP interactions endpoint, POST /interactions, at `ADDR` (e.g. :8443) instead of connecting to the gateway")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fs.Usage()
		return fmt.Errorf("serve takes no arguments, only flags: %w", errUsage)
	}
	cfg, err := readServeConfig(getenv, *httpAddr)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg)
	dir := dataDir(*data, getenv)
	svc := newService(cfg, log)
	return svc.run(ctx, func(ctx context.Context) (*index.Index, *library.Library, error) {
		log.InfoContext(ctx, "opening the corpus", "dir", dir)
		d, err := openCorpus(ctx, dir, stderr, false)
		if err != nil {
			return nil, nil, err
		}
		// Changes are logged with who made them, beside the interactions.
		return d.idx, library.New(d.store, d.idx, newFetcher(getenv), d.names, log), nil
	})
}

// readServeConfig reads serve's configuration from the environment. It
// returns every problem it finds at once, and never quotes the token.
func readServeConfig(getenv func(string) string, httpAddr string) (serveConfig, error) {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	cfg := serveConfig{
		discord: bot.Config{
			Token:   strings.TrimPrefix(strings.TrimSpace(getenv("DISCORD_TOKEN")), "Bot "),
			AppID:   strings.TrimSpace(getenv("DISCORD_APP_ID")),
			GuildID: strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
			APIBase: strings.TrimSpace(getenv("DISCORD_API_URL")),
		},
		listen:  strings.TrimSpace(getenv("LISTEN_ADDR")),
		http:    strings.TrimSpace(httpAddr),
		modRole: strings.TrimSpace(getenv("MODERATOR_ROLE_ID")),
	}
	switch t := cfg.discord.Token; {
	case t == "":
		bad("DISCORD_TOKEN is not set: copy the bot's token from the Discord developer portal (Bot, Reset Token)")
	case strings.ContainsFunc(t, func(r rune) bool { return r <= ' ' || r == '"' || r == '\'' }):
		bad("DISCORD_TOKEN holds spaces, quotes or control characters: a token has none")
	}
	for _, v := range []struct{ name, value string }{{"DISCORD_APP_ID", cfg.discord.AppID}, {"DISCORD_GUILD_ID", cfg.discord.GuildID}, {"MODERATOR_ROLE_ID", cfg.modRole}} {
		if v.value != "" && !snowflake(v.value) {
			bad("%s %q is not a Discord id (a number of up to 20 digits)", v.name, v.value)
		}
	}
	if cfg.discord.APIBase != "" {
		if _, err := bot.APIBase(cfg.discord.APIBase); err != nil {
			bad("DISCORD_API_URL %q is not an http(s) URL", cfg.discord.APIBase)
		}
	}
	if cfg.http != "" {
		switch key := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")); {
		case key == "":
			bad("DISCORD_PUBLIC_KEY is not set: serve --http needs the application's public key to verify Discord's requests")
		default:
			b, err := hex.DecodeString(key)
			if err != nil || len(b) != ed25519.PublicKeySize {
				bad("DISCORD_PUBLIC_KEY is not 64 hex digits")
			}
			cfg.publicKey = b
		}
		if cfg.discord.AppID == "" {
			bad("DISCORD_APP_ID is not set: serve --http needs it to register the commands")
		}
		if _, _, err := net.SplitHostPort(cfg.http); err != nil {
			bad("--http %q is not HOST:PORT or :PORT", cfg.http)
		}
	}
	if _, err := fetchTimeout(getenv); err != nil {
		bad("%v", err)
	}
	if cfg.listen != "" {
		if _, _, err := net.SplitHostPort(cfg.listen); err != nil {
			bad("LISTEN_ADDR %q is not HOST:PORT or :PORT", cfg.listen)
		}
	}
	switch lv := strings.ToLower(strings.TrimSpace(getenv("LOG_LEVEL"))); lv {
	case "", "info":
		cfg.logLevel = slog.LevelInfo
	case "debug":
		cfg.logLevel = slog.LevelDebug
	case "warn", "warning":
		cfg.logLevel = slog.LevelWarn
	case "error":
		cfg.logLevel = slog.LevelError
	default:
		bad("LOG_LEVEL %q is not debug, info, warn or error", getenv("LOG_LEVEL"))
	}
	switch f := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); f {
	case "", "text":
	case "json":
		cfg.logJSON = true
	default:
		bad("LOG_FORMAT %q is not text or json", getenv("LOG_FORMAT"))
	}
	if len(problems) > 0 {
		return cfg, fmt.Errorf("the configuration is not usable:\n  %s", strings.Join(problems, "\n  "))
	}
	return cfg, nil
}

// snowflake reports whether s is a Discord id: decimal digits.
func snowflake(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// newLogger logs to w at cfg's level, as text or JSON.
func newLogger(w io.Writer, cfg serveConfig) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	if cfg.logJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// service is a running bot: its servers, health and metrics.
type service struct {
	cfg      serveConfig
	log      *slog.Logger
	metrics  *metrics
	health   health
	endpoint atomic.Pointer[bot.Endpoint] // --http: set once the corpus is open
}

func newService(cfg serveConfig, log *slog.Logger) *service {
	s := &service{cfg: cfg, log: log, metrics: newMetrics()}
	s.health.needGateway = cfg.http == ""
	return s
}

// run serves until parent ends: it starts the HTTP servers at once (so that
// /healthz answers while a large index is rebuilt), opens the index and
// the library over it with open (a nil library: moderators cannot change
// the corpus), answers interactions, and then shuts down in order: the
// transport, then the servers (which wait for the answers under way),
// then the index.
func (s *service) run(parent context.Context, open func(context.Context) (*index.Index, *library.Library, error)) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	srvs, err := s.listen(ctx, cancel)
	if err != nil {
		return err
	}
	idx, lib, err := open(ctx)
	if err == nil {
		err = s.answer(ctx, idx, lib)
	}
	cancel()
	srvs.shutdown(s.log)
	if idx != nil {
		if cerr := idx.Close(); cerr != nil {
			s.log.Warn("closing the index", "err", cerr)
		}
	}
	if err == nil {
		err = srvs.failure()
	}
	if errors.Is(err, context.Canceled) && parent.Err() != nil {
		// Stopped while starting: not a failure.
		err = nil
	}
	if err == nil {
		s.log.Info("stopped")
	}
	return err
}

// syncInterval is how often serve looks for articles changed behind the
// index's back: added, removed or restored with the command line while the
// bot runs (which holds the index), or edited by hand.
const syncInterval = 30 * time.Second

// syncEvery brings the index up to date with the corpus's files every
// interval until ctx ends (index.Index.Sync: a look at the folder when
// nothing changed).
func (s *service) syncEvery(ctx context.Context, idx *index.Index, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := idx.Sync(ctx); err != nil && ctx.Err() == nil {
				s.log.WarnContext(ctx, "catching up with the corpus's files", "err", err)
			}
		}
	}
}

// answer answers interactions from idx, and moderators' changes through
// lib, until ctx ends: over the gateway, or on the HTTP endpoint.
func (s *service) answer(ctx context.Context, idx *index.Index, lib *library.Library) error {
	if st, err := idx.Stats(ctx); err == nil {
		s.log.InfoContext(ctx, "corpus open", "articles", st.Articles, "deals", st.Deals, "quotes", st.Quotes)
	}
	s.metrics.watchIndex(idx)
	s.health.indexOpen.Store(true)
	go s.syncEvery(ctx, idx, syncInterval)
	opts := bot.Options{Observer: s.metrics, ModeratorRole: s.cfg.modRole}
	if lib != nil {
		opts.Library = lib
	}
	rt := bot.New(idx, s.log, opts)
	sess, err := bot.NewSession(s.cfg.discord)
	if err != nil {
		return err
	}
	if s.cfg.http != "" {
		n, err := bot.Register(ctx, sess, s.cfg.discord.AppID, s.cfg.discord.GuildID)
		if err != nil {
			return err
		}
		s.endpoint.Store(bot.NewEndpoint(rt, s.cfg.publicKey, bot.SessionSender{Session: sess}, s.log))
		s.health.ready.Store(true)
		s.log.InfoContext(ctx, "ready", "mode", "http", "commands", n)
		<-ctx.Done()
		return nil
	}
	gw := bot.NewGateway(sess, rt, s.cfg.discord, s.log)
	s.health.gateway.Store(gw)
	return gw.Run(ctx, func() {
		s.health.ready.Store(true)
		s.log.InfoContext(ctx, "ready", "mode", "gateway")
	})
}

// interactions serves POST /interactions: 503 until the endpoint is
// ready.
func (s *service) interactions(w http.ResponseWriter, r *http.Request) {
	e := s.endpoint.Load()
	if e == nil {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	e.ServeHTTP(w, r)
}

// listen starts the HTTP servers: the operations server on LISTEN_ADDR
// (/healthz, /metrics) and the interactions endpoint on --http (POST
// /interactions, /healthz), one server when the addresses are the same.
// The interactions server has no /metrics: Discord must reach it, and
// metrics are for operators. A server that fails cancels the run.
func (s *service) listen(ctx context.Context, cancel func()) (*servers, error) {
	srvs := &servers{}
	var ops, ix *http.ServeMux
	if s.cfg.listen != "" {
		ops = http.NewServeMux()
		ops.Handle("GET /healthz", &s.health)
		ops.Handle("GET /metrics", s.metrics.handler())
	}
	if s.cfg.http != "" {
		if s.cfg.http == s.cfg.listen {
			ix = ops
		} else {
			ix = http.NewServeMux()
			ix.Handle("GET /healthz", &s.health)
		}
		ix.HandleFunc("POST /interactions", s.interactions)
	}
	start := func(name, addr string, h http.Handler) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("the %s server cannot listen on %s: %w", name, addr, err)
		}
		srv := &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
			BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		}
		s.log.InfoContext(ctx, "listening", "server", name, "addr", ln.Addr().String())
		srvs.add(srv, ln, cancel)
		return nil
	}
	if ops != nil {
		name := "ops"
		if ix == ops {
			name = "ops+interactions"
		}
		if err := start(name, s.cfg.listen, ops); err != nil {
			return nil, err
		}
	}
	if ix != nil && ix != ops {
		if err := start("interactions", s.cfg.http, ix); err != nil {
			srvs.shutdown(s.log)
			return nil, err
		}
	}
	return srvs, nil
}

// servers are the running HTTP servers.
type servers struct {
	list []*http.Server
	wg   sync.WaitGroup
	mu   sync.Mutex
	err  error // the first server's failure
}

// add serves srv on ln; if it fails, it records the error and calls
// cancel.
func (ss *servers) add(srv *http.Server, ln net.Listener, cancel func()) {
	ss.list = append(ss.list, srv)
	ss.wg.Add(1)
	go func() {
		defer ss.wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			ss.mu.Lock()
			if ss.err == nil {
				ss.err = fmt.Errorf("serving HTTP: %w", err)
			}
			ss.mu.Unlock()
			cancel()
		}
	}()
}

// shutdownTimeout is how long the servers wait for the requests under way
// (an interaction's answer among them) when they stop.
const shutdownTimeout = 15 * time.Second

// shutdown stops the servers gracefully, waiting for the requests under
// way for up to shutdownTimeout.
func (ss *servers) shutdown(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	for _, srv := range ss.list {
		if err := srv.Shutdown(ctx); err != nil {
			log.Warn("stopping an HTTP server", "err", err)
			srv.Close()
		}
	}
	ss.wg.Wait()
}

// failure returns the error of a server that failed, if any.
func (ss *servers) failure() error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.err
}
