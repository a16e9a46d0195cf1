package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// The gateway conversation, as discordgo v0.29.0 needs it: Hello, then the
// client's Identify answered by READY as the very next frame (or its Resume
// answered by the missed events and RESUMED, or by Invalid Session), then
// heartbeats answered by ACKs and dispatches with increasing sequence numbers.

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// gatewayState is the gateway part of a Server, guarded by Server.mu.
type gatewayState struct {
	conns      map[*gwConn]bool
	sessions   map[string]*gwSession
	current    *gwSession // the session Dispatch sends on
	identifies []discordgo.Identify
	resumes    []Resume
}

func newGatewayState() gatewayState {
	return gatewayState{conns: make(map[*gwConn]bool), sessions: make(map[string]*gwSession)}
}

// gwConn is one websocket connection. Writes are serialised by wmu (gorilla
// allows one writer); to keep sequence order, wmu is taken while Server.mu is
// held and the write done after Server.mu is released.
type gwConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex
	sess *gwSession // guarded by Server.mu
	live bool       // READY or RESUMED sent; guarded by Server.mu
}

// send writes one frame. c.wmu must be held.
func (c *gwConn) send(v any) error {
	if err := c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return err
	}
	return c.ws.WriteJSON(v)
}

// sendUnlock releases s.mu, which must be held, and writes frames to c in
// order. c.wmu is taken before s.mu is released, so frames numbered under
// s.mu go out in sequence order.
func (s *Server) sendUnlock(c *gwConn, frames ...gwFrame) error {
	c.wmu.Lock()
	s.mu.Unlock()
	defer c.wmu.Unlock()
	for _, f := range frames {
		if err := c.send(f); err != nil {
			return err
		}
	}
	return nil
}

// startSession releases s.mu, which must be held, sends frames ending with
// READY or RESUMED on c, and marks c live unless sess moved to another
// connection meanwhile.
func (s *Server) startSession(c *gwConn, sess *gwSession, frames ...gwFrame) error {
	if err := s.sendUnlock(c, frames...); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c.live = sess.conn == c
	s.broadcastLocked()
	return nil
}

// gwSession is a gateway session: what a Resume resumes.
type gwSession struct {
	id     string
	seq    int64
	events []gwFrame // dispatched, kept for replay
	conn   *gwConn   // the connection it lives on, nil while dropped
}

// gwFrame is a gateway payload.
type gwFrame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

func dispatchFrame(seq int64, typ string, d json.RawMessage) gwFrame {
	return gwFrame{Op: opDispatch, D: d, S: &seq, T: &typ}
}

// Resume is a Resume (op 6) the fake received.
type Resume struct {
	// SessionID is the session the client asked to resume.
	SessionID string
	// Seq is the last sequence number the client had seen.
	Seq int64
	// Accepted reports whether the session was resumed (answered with the
	// missed events and RESUMED) rather than refused with Invalid Session.
	Accepted bool
	// Replayed counts the events sent again.
	Replayed int
}

// Identifies returns the Identify payloads received, in order, without their
// presence.
func (s *Server) Identifies() []discordgo.Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]discordgo.Identify(nil), s.gw.identifies...)
}

// Resumes returns the Resume payloads received, in order.
func (s *Server) Resumes() []Resume {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resume(nil), s.gw.resumes...)
}

// Connected waits until a client holds a live gateway connection: it has
// identified (or resumed) and READY (or RESUMED) has been sent. After
// DropGateway it waits for the client to come back. It returns ctx.Err()
// wrapped if ctx ends first.
func (s *Server) Connected(ctx context.Context) error {
	err := s.waitFor(ctx, func() bool {
		cur := s.gw.current
		return cur != nil && cur.conn != nil && cur.conn.live
	})
	if err != nil {
		return fmt.Errorf("no gateway client connected: %w", err)
	}
	return nil
}

// DropGateway closes the live gateway connection abruptly, as a network
// failure would, without a close frame. The session survives: a client that
// reconnects may resume it, and events dispatched meanwhile are replayed.
// Without a live connection it fails the test.
func (s *Server) DropGateway() {
	s.t.Helper()
	s.mu.Lock()
	cur := s.gw.current
	if cur == nil || cur.conn == nil {
		s.mu.Unlock()
		s.t.Errorf("discordtest: DropGateway: no live gateway connection")
		return
	}
	c := cur.conn
	cur.conn, c.live = nil, false
	s.broadcastLocked()
	s.mu.Unlock()
	c.ws.NetConn().Close()
}

// Dispatch sends i to the bot as an INTERACTION_CREATE event on the current
// gateway session, starting the clock of ResponseDeadline. While the
// connection is down the event waits in the session and is replayed when the
// client resumes. Dispatching before any client identified fails the test:
// call Connected first.
func (s *Server) Dispatch(i *Interaction) {
	s.t.Helper()
	s.mu.Lock()
	sess := s.gw.current
	if sess == nil {
		s.mu.Unlock()
		s.t.Errorf("discordtest: Dispatch(%s) before any gateway client identified; call Connected first", i.ID)
		return
	}
	if st := s.byID[i.ID]; st != nil {
		st.dispatched = time.Now()
	}
	sess.seq++
	f := dispatchFrame(sess.seq, "INTERACTION_CREATE", i.JSON())
	sess.events = append(sess.events, f)
	c := sess.conn
	if c == nil {
		s.mu.Unlock()
		return
	}
	// A failed write is a dropped connection: the event stays for replay.
	_ = s.sendUnlock(c, f)
}

// serveGateway is the websocket at /gw/.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); q.Get("v") != "9" || q.Get("encoding") != "json" {
		s.report(Violation{Request: "GET /gw/", Message: fmt.Sprintf("query %q: discordgo v0.29.0 asks for v=9&encoding=json", r.URL.RawQuery), Refused: true})
	}
	s.mu.Lock()
	closing := s.closing
	if !closing {
		s.gateways.Add(1)
	}
	s.mu.Unlock()
	if closing {
		http.Error(w, "closing", http.StatusServiceUnavailable)
		return
	}
	defer s.gateways.Done()

	var up websocket.Upgrader
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.gw.conns[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.gw.conns, c)
		if c.sess != nil && c.sess.conn == c {
			c.sess.conn = nil
		}
		c.live = false
		s.broadcastLocked()
		s.mu.Unlock()
		ws.Close()
	}()

	hello := mustJSON(map[string]any{"heartbeat_interval": s.heartbeat.Milliseconds(), "_trace": []string{"discordtest"}})
	c.wmu.Lock()
	err = c.send(gwFrame{Op: opHello, D: hello})
	c.wmu.Unlock()
	if err != nil {
		return
	}

	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var f gwFrame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.closeGateway(c, 4002, "Error while decoding payload.", fmt.Sprintf("undecodable frame %q", msg))
			return
		}
		switch f.Op {
		case opHeartbeat:
			c.wmu.Lock()
			err = c.send(gwFrame{Op: opHeartbeatACK})
			c.wmu.Unlock()
		case opIdentify:
			err = s.identify(c, f.D)
		case opResume:
			err = s.resume(c, f.D)
		}
		if err != nil {
			return
		}
	}
}

// closeGateway closes c as Discord does on a protocol error, which is a
// violation of the client's.
func (s *Server) closeGateway(c *gwConn, code int, text, why string) {
	s.report(Violation{Request: "GATEWAY", Message: fmt.Sprintf("%s: closing with %d %s", why, code, text), Refused: true})
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.ws.Close()
}

func tokenOK(token string) bool {
	return token == "Bot "+BotToken || token == BotToken
}

// identify answers an Identify with READY, starting a new session.
func (s *Server) identify(c *gwConn, d json.RawMessage) error {
	// discordgo cannot decode the presence it sends (an Activity's
	// created_at), so it is left out.
	var p struct {
		discordgo.Identify
		Presence json.RawMessage `json:"presence"`
	}
	if err := json.Unmarshal(d, &p); err != nil {
		s.closeGateway(c, 4002, "Error while decoding payload.", fmt.Sprintf("undecodable Identify: %v", err))
		return err
	}
	id := p.Identify
	s.mu.Lock()
	s.gw.identifies = append(s.gw.identifies, id)
	switch {
	case !tokenOK(id.Token):
		s.mu.Unlock()
		s.closeGateway(c, 4004, "Authentication failed.", "Identify with a wrong token")
		return fmt.Errorf("authentication failed")
	case c.sess != nil:
		s.mu.Unlock()
		s.closeGateway(c, 4005, "Already authenticated.", "second Identify on one connection")
		return fmt.Errorf("already authenticated")
	}
	s.newIDLocked()
	sess := &gwSession{id: fmt.Sprintf("%032x", s.nextID), conn: c, seq: 1}
	s.gw.sessions[sess.id] = sess
	s.gw.current = sess
	c.sess = sess
	user := botUser()
	user["verified"], user["mfa_enabled"] = true, false
	ready := mustJSON(map[string]any{
		"v":                  9,
		"user":               user,
		"guilds":             []any{map[string]any{"id": GuildID, "unavailable": true}},
		"session_id":         sess.id,
		"session_type":       "normal",
		"resume_gateway_url": s.GatewayURL(),
		"application":        map[string]any{"id": AppID, "flags": 0},
		"private_channels":   []any{},
		"relationships":      []any{},
		"presences":          []any{},
		"_trace":             []string{"discordtest"},
	})
	return s.startSession(c, sess, dispatchFrame(1, "READY", ready))
}

// resume answers a Resume: for a known session, the events after the
// client's seq and then RESUMED, as Discord does; otherwise Invalid Session
// (d false), after which discordgo identifies again.
func (s *Server) resume(c *gwConn, d json.RawMessage) error {
	var p struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &p); err != nil {
		s.closeGateway(c, 4002, "Error while decoding payload.", "undecodable Resume")
		return err
	}
	s.mu.Lock()
	sess := s.gw.sessions[p.SessionID]
	rec := Resume{SessionID: p.SessionID, Seq: p.Seq, Accepted: sess != nil && tokenOK(p.Token) && c.sess == nil}
	if !rec.Accepted {
		s.gw.resumes = append(s.gw.resumes, rec)
		return s.sendUnlock(c, gwFrame{Op: opInvalidSession, D: json.RawMessage("false")})
	}
	if old := sess.conn; old != nil && old != c {
		old.live = false // Discord ends the old connection's session
	}
	sess.conn, c.sess = c, sess
	s.gw.current = sess
	var replay []gwFrame
	for _, f := range sess.events {
		if *f.S > p.Seq {
			replay = append(replay, f)
		}
	}
	rec.Replayed = len(replay)
	s.gw.resumes = append(s.gw.resumes, rec)
	sess.seq++
	resumed := dispatchFrame(sess.seq, "RESUMED", json.RawMessage(`{"_trace":["discordtest"]}`))
	return s.startSession(c, sess, append(replay, resumed)...)
}
