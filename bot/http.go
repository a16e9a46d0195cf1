package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// MaxInteractionBytes is the largest request body the HTTP interactions
// endpoint reads: far more than any interaction Discord sends.
const MaxInteractionBytes = 1 << 20

// maxClockSkew is how far from now a request's signed timestamp may be:
// an older request is refused as a replay.
const maxClockSkew = 5 * time.Minute

// Endpoint is Discord's HTTP interactions endpoint: an http.Handler for
// the POST requests Discord signs with the application's Ed25519 key. It
// answers each interaction in the HTTP response, or, when the answer is
// slow, defers it there and edits it in through Discord's REST API, all
// through Router.Respond. It keeps no state between requests, so that
// replicas can share one URL behind a load balancer. It is safe for
// concurrent use.
type Endpoint struct {
	rt   *Router
	key  ed25519.PublicKey
	rest Sender
	log  *slog.Logger
}

// NewEndpoint returns an endpoint that verifies requests with key (the
// application's public key), answers with rt and edits deferred answers
// in through rest (a SessionSender: only its EditOriginal is used). It
// logs to log (nil logs nothing).
func NewEndpoint(rt *Router, key ed25519.PublicKey, rest Sender, log *slog.Logger) *Endpoint {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Endpoint{rt: rt, key: key, rest: rest, log: log}
}

// ServeHTTP answers one interaction. It refuses a body larger than
// MaxInteractionBytes (413), a request whose signature does not verify or
// whose timestamp is more than five minutes from now (401: Discord checks
// that bad signatures are refused), and a body that is not an interaction
// (400). A PING gets a PONG. The response is JSON with status 200; an
// answer deferred in it is edited in before ServeHTTP returns, so that
// http.Server.Shutdown waits for it.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBytes))
	if err != nil {
		if mbe := new(http.MaxBytesError); errors.As(err, &mbe) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, e.key) {
		e.log.WarnContext(r.Context(), "interaction refused: bad signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if !fresh(r.Header.Get("X-Signature-Timestamp"), time.Now()) {
		e.log.WarnContext(r.Context(), "interaction refused: stale timestamp", "remote", r.RemoteAddr)
		http.Error(w, "invalid request timestamp", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil || i.Type == 0 {
		e.log.WarnContext(r.Context(), "interaction refused: unreadable", "err", err)
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	// Discord may hang up once it has the first response; the edit that
	// follows a deferral must not be cancelled with the request.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), answerTimeout)
	defer cancel()
	send := &httpSender{w: w, rest: e.rest}
	// Respond logs the interaction and any error.
	_ = e.rt.Respond(ctx, &i, send)
	if !send.answered() {
		http.Error(w, "no answer", http.StatusInternalServerError)
	}
}

// fresh reports whether a signed timestamp (Unix seconds) is within
// maxClockSkew of now.
func fresh(timestamp string, now time.Time) bool {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	d := now.Sub(time.Unix(sec, 0))
	return -maxClockSkew <= d && d <= maxClockSkew
}

// httpSender is the Sender of one request to the endpoint: the first
// response is the HTTP answer; edits go through REST.
type httpSender struct {
	w    http.ResponseWriter
	rest Sender

	mu   sync.Mutex
	sent bool
}

// Respond writes r as the HTTP answer, and flushes it, so that Discord
// has it while a deferred answer is still being made. It returns an error
// if an answer was already written.
func (h *httpSender) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sent {
		return errors.New("the interaction was already answered")
	}
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	h.sent = true
	hd := h.w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	h.w.WriteHeader(http.StatusOK)
	if _, err := h.w.Write(body); err != nil {
		return err
	}
	if err := http.NewResponseController(h.w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	return nil
}

// EditOriginal edits the answer in through REST.
func (h *httpSender) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return h.rest.EditOriginal(ctx, i, e)
}

func (h *httpSender) answered() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.sent
}
