package discordtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// NewKey returns a fresh Ed25519 key pair: the public key is what the bot
// verifies interactions with (the application's public key), the private
// key is Discord's, for Sign.
func NewKey() (ed25519.PublicKey, ed25519.PrivateKey) {
	// GenerateKey reads crypto/rand, which never fails (Go ≥ 1.24).
	pub, priv, _ := ed25519.GenerateKey(nil)
	return pub, priv
}

// Sign returns the headers Discord signs an interaction request with:
// X-Signature-Ed25519, the hex Ed25519 signature of timestamp followed by
// body, and X-Signature-Timestamp, timestamp (Unix seconds in decimal).
func Sign(priv ed25519.PrivateKey, timestamp string, body []byte) http.Header {
	msg := append([]byte(timestamp), body...)
	h := make(http.Header)
	h.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, msg)))
	h.Set("X-Signature-Timestamp", timestamp)
	return h
}

// NewSignedRequest returns a POST of body to target signed with priv now, as
// Discord sends it to an HTTP interactions endpoint, for calling a handler's
// ServeHTTP directly (it is an httptest request: to send one over a network
// use Deliver).
func NewSignedRequest(priv ed25519.PrivateKey, target string, body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	signNow(r.Header, priv, body)
	return r
}

// signNow sets the headers of Discord's POST of body to an HTTP interactions
// endpoint, signed with priv now.
func signNow(h http.Header, priv ed25519.PrivateKey, body []byte) {
	for k, v := range Sign(priv, strconv.FormatInt(time.Now().Unix(), 10), body) {
		h[k] = v
	}
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
}

// Deliver posts i, signed with priv, to the bot's HTTP interactions endpoint
// at url, as Discord does, and takes a 200 answer as the initial response:
// it is validated and recorded like a callback, so Await works as over the
// gateway, and the bot may then edit @original or send follow-ups. The answer
// must come within ResponseDeadline and be JSON. It returns the status the
// endpoint answered; an error only if the request could not be made.
func (s *Server) Deliver(ctx context.Context, url string, priv ed25519.PrivateKey, i *Interaction) (int, error) {
	body := i.JSON()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("deliver interaction %s: %w", i.ID, err)
	}
	signNow(req.Header, priv, body)

	s.mu.Lock()
	st := s.byID[i.ID]
	if st != nil {
		st.dispatched = time.Now()
	}
	s.mu.Unlock()
	start := time.Now()
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("deliver interaction %s: %w", i.ID, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 100<<20))
	if err != nil {
		return resp.StatusCode, fmt.Errorf("deliver interaction %s: read answer: %w", i.ID, err)
	}
	took := time.Since(start)
	if resp.StatusCode != http.StatusOK || st == nil {
		return resp.StatusCode, nil
	}

	c := &call{
		method: http.MethodPost, path: "/interactions/" + i.ID + "/" + i.Token + "/callback",
		name: "POST " + url + " (interactions endpoint answer)", body: answer,
	}
	if took > s.deadline {
		s.report(Violation{Request: c.name, Message: fmt.Sprintf("answered after %v; Discord gives up after %v (defer slow work)", took.Round(time.Millisecond), s.deadline), Refused: true})
		return resp.StatusCode, nil
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" {
		s.report(Violation{Request: c.name, Message: fmt.Sprintf("Content-Type %q, Discord wants application/json", resp.Header.Get("Content-Type")), Refused: true})
		return resp.StatusCode, nil
	}
	s.acceptCallback(c, st)
	return resp.StatusCode, nil
}
