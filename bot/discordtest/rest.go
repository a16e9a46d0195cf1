package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// routes lists everything the fake serves. Any other path is answered 404 and
// is a violation.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, auth authMode, h func(*call) reply) {
		mux.Handle(pattern, s.rest(auth, h))
	}
	const api = "/api/v9"
	handle("GET "+api+"/gateway", authOptional, s.getGateway)
	handle("GET "+api+"/gateway/bot", authBot, s.getGatewayBot)
	for _, scope := range []string{"/applications/{app}", "/applications/{app}/guilds/{guild}"} {
		handle("GET "+api+scope+"/commands", authBot, s.getCommands)
		handle("PUT "+api+scope+"/commands", authBot, s.putCommands)
		handle("POST "+api+scope+"/commands", authBot, s.postCommand)
		handle("DELETE "+api+scope+"/commands/{command}", authBot, s.deleteCommand)
	}
	handle("POST "+api+"/interactions/{interaction}/{token}/callback", authOptional, s.postCallback)
	handle("POST "+api+"/webhooks/{app}/{token}", authOptional, s.postFollowup)
	handle("GET "+api+"/webhooks/{app}/{token}/messages/{message}", authOptional, s.getMessage)
	handle("PATCH "+api+"/webhooks/{app}/{token}/messages/{message}", authOptional, s.patchMessage)
	handle("DELETE "+api+"/webhooks/{app}/{token}/messages/{message}", authOptional, s.deleteMessage)
	handle("GET /cdn/attachments/", authNone, s.getAttachment)
	mux.HandleFunc("GET /gw/{$}", s.serveGateway)
	handle("/", authNone, s.notFound)
	return mux
}

// authMode says what a route needs in its Authorization header.
type authMode int

const (
	authNone     authMode = iota // not checked (the CDN)
	authOptional                 // none, or the bot's
	authBot                      // "Bot " + BotToken
)

// call is one REST request being handled.
type call struct {
	r            *http.Request
	method, path string // path below /api/v9 (or the /cdn/… path)
	name         string // method and path, for violations
	body         []byte // JSON body; the payload_json of a multipart request
	files        []File
}

// reply is what a handler answers. A body holding the fake's state must be
// encoded (mustJSON) while s.mu is held.
type reply struct {
	status      int
	body        any    // encoded as JSON unless raw is set
	raw         []byte // sent as is, with contentType
	contentType string
	header      http.Header
}

func okReply(status int, v any) reply { return reply{status: status, body: v} }

func noContent() reply { return reply{status: http.StatusNoContent} }

// rest wraps a handler: it reads the body, checks authorization, applies
// injected faults, writes the reply and records the request.
func (s *Server) rest(auth authMode, h func(*call) reply) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/api/v9")
		c := &call{r: r, method: r.Method, path: p, name: r.Method + " " + p}
		var rep reply
		var err error
		c.body, c.files, err = readBody(r)
		if err != nil {
			rep = s.refuse(c, http.StatusBadRequest, 50109, "The request body contains invalid JSON.", "", "unreadable body: %v", err)
		} else if bad, ok := s.authorize(c, auth); !ok {
			rep = bad
		} else if f, ok := s.takeFault(r.Method, p); ok {
			rep = faultReply(f)
		} else {
			rep = h(c)
		}
		resp := rep.write(w)

		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: p, Query: r.URL.Query(), Header: r.Header.Clone(),
			Body: c.body, Files: c.files, Status: rep.status, Response: resp,
		})
		s.broadcastLocked()
	})
}

// write sends rep and returns the body sent.
func (rep reply) write(w http.ResponseWriter) []byte {
	h := w.Header()
	for k, v := range rep.header {
		h[k] = v
	}
	if _, ok := rep.header["X-Ratelimit-Limit"]; !ok {
		// Discord sends its bucket with every answer; discordgo reads it.
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "4")
		h.Set("X-RateLimit-Reset-After", "1.000")
		h.Set("X-RateLimit-Reset", resetAt(time.Second))
		h.Set("X-RateLimit-Bucket", "discordtest")
	}
	body := rep.raw
	switch {
	case rep.status == http.StatusNoContent:
		body = nil
	case rep.raw != nil:
		h.Set("Content-Type", rep.contentType)
	default:
		var err error
		body, err = json.Marshal(rep.body)
		if err != nil {
			rep.status = http.StatusInternalServerError
			body = []byte(fmt.Sprintf(`{"message": %q, "code": 0}`, "discordtest: "+err.Error()))
		}
		h.Set("Content-Type", "application/json")
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(body)
	return body
}

func resetAt(after time.Duration) string {
	return strconv.FormatFloat(float64(time.Now().Add(after).UnixMilli())/1000, 'f', 3, 64)
}

// readBody returns a request's JSON body and files: the payload_json and
// files[n] parts of a multipart/form-data request.
func readBody(r *http.Request) ([]byte, []File, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		b, err := io.ReadAll(io.LimitReader(r.Body, 100<<20))
		return b, nil, err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	var body []byte
	var files []File
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return body, files, nil
		}
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(io.LimitReader(part, 100<<20))
		if err != nil {
			return nil, nil, err
		}
		if part.FormName() == "payload_json" {
			body = data
			continue
		}
		files = append(files, File{Field: part.FormName(), Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
	}
}

// authorize checks the Authorization header as Discord does.
func (s *Server) authorize(c *call, auth authMode) (reply, bool) {
	if auth == authNone {
		return reply{}, true
	}
	got, present := c.r.Header["Authorization"]
	if !present && auth == authOptional {
		return reply{}, true
	}
	if len(got) == 1 && got[0] == "Bot "+BotToken {
		return reply{}, true
	}
	why := "missing Authorization header: Discord wants \"Bot <token>\""
	if present {
		why = "Authorization header is not \"Bot \" + BotToken"
	}
	return s.refuse(c, http.StatusUnauthorized, 0, "401: Unauthorized", "", "%s", why), false
}

func faultReply(f Fault) reply {
	if f.Status != http.StatusTooManyRequests {
		return reply{status: f.Status, body: map[string]any{
			"message": fmt.Sprintf("%d: %s", f.Status, http.StatusText(f.Status)), "code": 0,
		}}
	}
	secs := f.RetryAfter.Seconds()
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	h.Set("X-RateLimit-Reset", resetAt(f.RetryAfter))
	h.Set("X-RateLimit-Bucket", "discordtest")
	h.Set("X-RateLimit-Scope", "user")
	return reply{status: http.StatusTooManyRequests, header: h, body: map[string]any{
		"message": "You are being rate limited.", "retry_after": secs, "global": false,
	}}
}

// refuse answers with Discord's error for status and code, and reports the
// violation (at path in the body) that caused it.
func (s *Server) refuse(c *call, status, code int, message, path, format string, args ...any) reply {
	s.report(Violation{Request: c.name, Path: path, Message: fmt.Sprintf(format, args...), Refused: true})
	return reply{status: status, body: map[string]any{"message": message, "code": code}}
}

// validate checks c's body; if Discord would refuse it, it returns the 400
// Invalid Form Body to answer.
func (s *Server) validate(c *call) (reply, bool) {
	b := body{method: c.method, path: c.path, name: c.name, json: c.body, files: len(c.files)}
	if s.validateLater {
		s.mu.Lock()
		s.pending = append(s.pending, b)
		s.mu.Unlock()
		return reply{}, true
	}
	return s.refuseAll(s.check(b))
}

// refuseAll reports vs and, if Discord refuses any, returns the 400 Invalid
// Form Body to answer.
func (s *Server) refuseAll(vs []Violation) (reply, bool) {
	s.report(vs...)
	return formError(vs)
}

// validBody validates c's body and decodes it as a T. If Discord would
// refuse it, it returns the reply to answer and false.
func validBody[T any](s *Server, c *call) (T, reply, bool) {
	var v T
	if rep, ok := s.validate(c); !ok {
		return v, rep, false
	}
	v, err := decodeJSON[T](c.body)
	if err != nil {
		return v, s.refuse(c, http.StatusBadRequest, 50109, "The request body contains invalid JSON.", "", "%v", err), false
	}
	return v, reply{}, true
}

// body is a request body to validate.
type body struct {
	method, path, name string
	json               []byte
	files              int
}

// check returns the body's violations.
func (s *Server) check(b body) []Violation {
	vs := s.validator.check(b.method, b.path, b.json, b.files)
	for i := range vs {
		vs[i].Request = b.name
	}
	return vs
}

// ValidatePending validates the bodies that ValidateLater held back,
// reports their violations (failing the test unless violations are
// expected) and returns how many bodies it checked. The fake calls it when
// the test ends; a benchmark calls it after the timed part.
func (s *Server) ValidatePending() int {
	s.mu.Lock()
	pending := s.pending
	s.pending = nil
	s.mu.Unlock()
	for _, b := range pending {
		s.report(s.check(b)...)
	}
	return len(pending)
}

// formError returns Discord's 400 Invalid Form Body for the refused
// violations in vs, nesting each under its JSON path as Discord does.
func formError(vs []Violation) (reply, bool) {
	errs := make(map[string]any)
	refused := false
	for _, v := range vs {
		if !v.Refused {
			continue
		}
		refused = true
		node := errs
		for _, tok := range strings.Split(strings.TrimPrefix(v.Path, "/"), "/") {
			if tok == "" {
				continue
			}
			next, ok := node[tok].(map[string]any)
			if !ok {
				next = make(map[string]any)
				node[tok] = next
			}
			node = next
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": "BASE_TYPE_INVALID", "message": v.Message})
	}
	if !refused {
		return reply{}, true
	}
	return reply{status: http.StatusBadRequest, body: map[string]any{
		"message": "Invalid Form Body", "code": 50035, "errors": errs,
	}}, false
}

// decodeJSON decodes b keeping numbers as json.Number: T is
// map[string]any for an object, []any for an array.
func decodeJSON[T any](b []byte) (T, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v T
	err := d.Decode(&v)
	return v, err
}

func (s *Server) notFound(c *call) reply {
	return s.refuse(c, http.StatusNotFound, 0, "404: Not Found", "", "no such route in Discord's API as the fake serves it")
}

func (s *Server) getGateway(*call) reply {
	return okReply(http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(*call) reply {
	return okReply(http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	})
}

func (s *Server) getAttachment(c *call) reply {
	s.mu.Lock()
	a, ok := s.attachments[c.r.URL.Path]
	s.mu.Unlock()
	if !ok {
		return s.refuse(c, http.StatusNotFound, 0, "404: Not Found", "", "no attachment here: add it with AddAttachment")
	}
	return reply{status: http.StatusOK, raw: a.data, contentType: a.contentType}
}

// checkApp refuses an application id other than AppID.
func (s *Server) checkApp(c *call) (reply, bool) {
	if app := c.r.PathValue("app"); app != AppID {
		return s.refuse(c, http.StatusNotFound, 10002, "Unknown Application", "", "application id %q is not AppID", app), false
	}
	return reply{}, true
}

// Commands returns the commands registered in a scope, as Discord answers
// them (with ids): guildID "" for global commands, or a guild's id.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	b, err := json.Marshal(s.commands[guildID])
	s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		s.t.Errorf("discordtest: commands of scope %q: %v", guildID, err)
	}
	return out
}

func (s *Server) getCommands(c *call) reply {
	if rep, ok := s.checkApp(c); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.commands[c.r.PathValue("guild")]
	if list == nil {
		list = []map[string]any{}
	}
	return okReply(http.StatusOK, mustJSON(list))
}

func (s *Server) putCommands(c *call) reply {
	if rep, ok := s.checkApp(c); !ok {
		return rep
	}
	cmds, rep, ok := validBody[[]any](s, c)
	if !ok {
		return rep
	}
	scope := c.r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, 0, len(cmds))
	for _, m := range objects(cmds) {
		out = append(out, s.commandLocked(scope, m))
	}
	s.commands[scope] = out
	return okReply(http.StatusOK, mustJSON(out))
}

func (s *Server) postCommand(c *call) reply {
	if rep, ok := s.checkApp(c); !ok {
		return rep
	}
	m, rep, ok := validBody[map[string]any](s, c)
	if !ok {
		return rep
	}
	scope := c.r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := s.commandLocked(scope, m)
	status := http.StatusCreated
	var list []map[string]any
	for _, old := range s.commands[scope] {
		if old["id"] == cmd["id"] {
			old, status = cmd, http.StatusOK
		}
		list = append(list, old)
	}
	if status == http.StatusCreated {
		list = append(list, cmd)
	}
	s.commands[scope] = list
	return okReply(status, mustJSON(cmd))
}

func (s *Server) deleteCommand(c *call) reply {
	if rep, ok := s.checkApp(c); !ok {
		return rep
	}
	scope, id := c.r.PathValue("guild"), c.r.PathValue("command")
	s.mu.Lock()
	list := s.commands[scope]
	for i, cmd := range list {
		if cmd["id"] == id {
			s.commands[scope] = append(list[:i:i], list[i+1:]...)
			s.mu.Unlock()
			return noContent()
		}
	}
	s.mu.Unlock()
	return s.refuse(c, http.StatusNotFound, 10063, "Unknown application command", "", "no command %s in this scope", id)
}

// commandLocked returns the command Discord stores for m in scope, keeping the
// id of a command of the same name and type. s.mu must be held.
func (s *Server) commandLocked(scope string, m map[string]any) map[string]any {
	cmd := make(map[string]any, len(m)+8)
	for k, v := range m {
		cmd[k] = v
	}
	if _, ok := cmd["type"]; !ok || cmd["type"] == nil {
		cmd["type"] = json.Number("1")
	}
	if _, ok := cmd["description"].(string); !ok {
		cmd["description"] = ""
	}
	switch p := cmd["default_member_permissions"].(type) {
	case json.Number:
		cmd["default_member_permissions"] = p.String()
	case string:
	default:
		cmd["default_member_permissions"] = nil
	}
	cmd["application_id"] = AppID
	cmd["version"] = s.newIDLocked()
	cmd["nsfw"] = cmd["nsfw"] == true
	if scope != "" {
		cmd["guild_id"] = scope
	} else if _, ok := cmd["dm_permission"].(bool); !ok {
		cmd["dm_permission"] = true
	}
	if _, ok := cmd["integration_types"].([]any); !ok {
		cmd["integration_types"] = []any{json.Number("0")}
	}
	cmd["id"] = nil
	for _, old := range s.commands[scope] {
		if old["name"] == cmd["name"] && fmt.Sprint(old["type"]) == fmt.Sprint(cmd["type"]) {
			cmd["id"] = old["id"]
		}
	}
	if cmd["id"] == nil {
		cmd["id"] = s.newIDLocked()
	}
	return cmd
}

// postCallback is the initial response to an interaction.
func (s *Server) postCallback(c *call) reply {
	id, token := c.r.PathValue("interaction"), c.r.PathValue("token")
	s.mu.Lock()
	st := s.byToken[token]
	s.mu.Unlock()
	if st == nil || st.ix.ID != id {
		return s.refuse(c, http.StatusNotFound, 10062, "Unknown interaction", "", "no interaction %s with this token was built by the fake", id)
	}
	return s.acceptCallback(c, st)
}

// acceptCallback records the initial response in c.body to interaction st,
// whether it came through the callback route or as the answer of an HTTP
// interactions endpoint.
func (s *Server) acceptCallback(c *call, st *ixState) reply {
	s.mu.Lock()
	acked := st.callback != nil
	since := time.Since(st.dispatched)
	late := !st.dispatched.IsZero() && since > s.deadline
	s.mu.Unlock()
	switch {
	case acked:
		return s.refuse(c, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.", "", "a second initial response: answer later through @original or follow-ups")
	case late:
		return s.refuse(c, http.StatusNotFound, 10062, "Unknown interaction", "", "initial response %v after the interaction was dispatched; Discord allows %v (defer slow work)", since.Round(time.Millisecond), s.deadline)
	}
	resp, rep, ok := validBody[map[string]any](s, c)
	if !ok {
		return rep
	}
	typ, _ := integer(resp, "type")
	if !callbackAllowed(st.ix.Type, typ, st.clicked != "") {
		return s.refuse(c, http.StatusBadRequest, 50035, "Invalid Form Body", "/type", "response type %d is not valid for an interaction of type %d", typ, st.ix.Type)
	}
	data := object(resp, "data")
	if typ == 8 {
		if rep, ok := s.refuseAll(autocompleteTypes(c.name, st.focusedType, data)); !ok {
			return rep
		}
	}

	s.mu.Lock()
	if st.callback != nil { // a concurrent callback won
		s.mu.Unlock()
		return s.refuse(c, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.", "", "a second initial response")
	}
	st.callback = append(json.RawMessage(nil), c.body...)
	st.callbackType = typ
	switch typ {
	case 4: // a new message
		st.original = s.newMessageLocked(st, originalType(st), data, c.files)["id"].(string)
	case 5: // "thinking…" until edited
		flags, _ := integer(data, "flags")
		m := s.newMessageLocked(st, originalType(st), nil, nil)
		m["flags"] = json.Number(strconv.FormatInt(flags&flagEphemeral|flagLoading, 10))
		st.original = m["id"].(string)
	case 6: // the clicked message, edited later
		st.original = st.clicked
	case 7: // the clicked message, edited now
		st.original = st.clicked
		if m := s.messages[st.clicked]; m != nil && data != nil {
			s.editMessageLocked(m, data, c.files)
		}
	case 9:
		if id, ok := data["custom_id"].(string); ok {
			s.modals[id] = modal{data: data, message: st.clicked}
		}
	}
	s.showsLocked(st, st.original)
	s.answerChangedLocked(st, st.original)
	s.mu.Unlock()
	return noContent()
}

// originalType is the message type of a new @original.
func originalType(st *ixState) int {
	if st.ix.Type == discordgo.InteractionApplicationCommand {
		return messageChatInput
	}
	return messageDefault
}

// callbackAllowed reports whether Discord accepts a response of type typ to
// an interaction of type it; onMessage says the interaction came from a
// message's component.
func callbackAllowed(it discordgo.InteractionType, typ int64, onMessage bool) bool {
	switch it {
	case discordgo.InteractionPing:
		return typ == 1
	case discordgo.InteractionApplicationCommand:
		return typ == 4 || typ == 5 || typ == 9
	case discordgo.InteractionMessageComponent:
		return typ == 4 || typ == 5 || typ == 6 || typ == 7 || typ == 9
	case discordgo.InteractionApplicationCommandAutocomplete:
		return typ == 8
	case discordgo.InteractionModalSubmit:
		return typ == 4 || typ == 5 || (typ == 6 || typ == 7) && onMessage
	}
	return false
}

// autocompleteTypes checks that choice values have the focused option's type.
func autocompleteTypes(req string, focused int64, data map[string]any) []Violation {
	var out []Violation
	for i, ch := range objects(list(data, "choices")) {
		v := ch["value"]
		good := true
		switch focused {
		case 3:
			_, good = v.(string)
		case 4:
			n, ok := v.(json.Number)
			_, err := n.Int64()
			good = ok && err == nil
		case 10:
			_, good = v.(json.Number)
		}
		if !good {
			out = append(out, Violation{Request: req, Path: idx("/data/choices", i) + "/value", Message: fmt.Sprintf("%v does not fit the focused option of type %d", v, focused), Refused: true})
		}
	}
	return out
}

// webhook returns the interaction whose webhook c addresses, or the error to
// answer.
func (s *Server) webhook(c *call) (*ixState, reply, bool) {
	app, token := c.r.PathValue("app"), c.r.PathValue("token")
	s.mu.Lock()
	st := s.byToken[token]
	acked := st != nil && st.callback != nil
	s.mu.Unlock()
	switch {
	case app != AppID || st == nil:
		return nil, s.refuse(c, http.StatusNotFound, 10015, "Unknown Webhook", "", "no interaction with this application id and token"), false
	case !acked:
		return nil, s.refuse(c, http.StatusNotFound, 10015, "Unknown Webhook", "", "the interaction has no initial response yet: respond (or defer) first"), false
	}
	return st, reply{}, true
}

// messageLocked returns the id of the message c addresses, or "". s.mu must
// be held.
func (s *Server) messageLocked(c *call, st *ixState) string {
	id := c.r.PathValue("message")
	if id == "@original" {
		return st.original
	}
	if id == st.original {
		return id
	}
	for _, f := range st.followups {
		if f == id {
			return id
		}
	}
	return ""
}

func (s *Server) postFollowup(c *call) reply {
	st, rep, ok := s.webhook(c)
	if !ok {
		return rep
	}
	body, rep, ok := validBody[map[string]any](s, c)
	if !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var m map[string]any
	if o := s.messages[st.original]; st.callbackType == 5 && o != nil && loading(o) {
		// Discord: the first follow-up after a deferred response edits the
		// "thinking" message instead of creating one.
		s.editMessageLocked(o, body, c.files)
		st.edits++
		m = o
	} else {
		m = s.newMessageLocked(st, messageDefault, body, c.files)
		st.followups = append(st.followups, m["id"].(string))
		s.showsLocked(st, m["id"].(string))
	}
	s.answerChangedLocked(st, m["id"].(string))
	if c.r.URL.Query().Get("wait") != "true" {
		return noContent()
	}
	return okReply(http.StatusOK, mustJSON(m))
}

// loading reports whether m is a deferred response's "thinking" message.
func loading(m map[string]any) bool {
	flags, _ := integer(m, "flags")
	return flags&flagLoading != 0
}

func (s *Server) getMessage(c *call) reply {
	st, rep, ok := s.webhook(c)
	if !ok {
		return rep
	}
	s.mu.Lock()
	var m json.RawMessage
	if msg := s.messages[s.messageLocked(c, st)]; msg != nil {
		m = mustJSON(msg)
	}
	s.mu.Unlock()
	if m == nil {
		return s.unknownMessage(c)
	}
	return okReply(http.StatusOK, m)
}

func (s *Server) patchMessage(c *call) reply {
	st, rep, ok := s.webhook(c)
	if !ok {
		return rep
	}
	body, rep, ok := validBody[map[string]any](s, c)
	if !ok {
		return rep
	}
	s.mu.Lock()
	id := s.messageLocked(c, st)
	m := s.messages[id]
	if m == nil {
		s.mu.Unlock()
		return s.unknownMessage(c)
	}
	s.editMessageLocked(m, body, c.files)
	if id == st.original {
		st.edits++
	}
	s.answerChangedLocked(st, id)
	answer := mustJSON(m)
	s.mu.Unlock()
	return okReply(http.StatusOK, answer)
}

func (s *Server) deleteMessage(c *call) reply {
	st, rep, ok := s.webhook(c)
	if !ok {
		return rep
	}
	s.mu.Lock()
	id := s.messageLocked(c, st)
	if s.messages[id] == nil {
		s.mu.Unlock()
		return s.unknownMessage(c)
	}
	delete(s.messages, id)
	if id == st.original {
		st.original, st.deleted = "", true
	}
	for i, f := range st.followups {
		if f == id {
			st.followups = append(st.followups[:i:i], st.followups[i+1:]...)
			break
		}
	}
	s.answerChangedLocked(st, id)
	s.mu.Unlock()
	return noContent()
}

func (s *Server) unknownMessage(c *call) reply {
	return s.refuse(c, http.StatusNotFound, 10008, "Unknown Message", "", "no message %q for this interaction", c.r.PathValue("message"))
}
