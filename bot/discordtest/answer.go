package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ixState is what the fake knows of one interaction, guarded by Server.mu.
type ixState struct {
	ix           *Interaction
	dispatched   time.Time       // when Dispatch or Deliver sent it; zero if never
	clicked      string          // id of the message whose component was used
	focusedType  int64           // autocomplete: the focused option's type
	callback     json.RawMessage // the initial response, nil until it came
	callbackType int64
	original     string // id of @original, "" if none
	deleted      bool   // @original was deleted
	edits        int    // successful edits of @original
	followups    []string
	// answeredAt is when the answer a user would see came (see
	// answered); zero until then.
	answeredAt time.Time
	// changed is closed and replaced when what Await shows of the
	// interaction changes: waiters for one answer are not woken by every
	// other (with 100 in flight, that was most of the fake's work).
	changed chan struct{}
}

// answered reports whether the interaction has the answer a user would see:
// an initial response and, if it was deferred (types 5 and 6), an edit of
// @original, a follow-up or a deletion.
func (st *ixState) answered() bool {
	if st.callback == nil {
		return false
	}
	if st.callbackType != 5 && st.callbackType != 6 {
		return true
	}
	return st.edits > 0 || len(st.followups) > 0 || st.deleted
}

// Answer is what the bot answered to an interaction, as the fake holds it.
type Answer struct {
	// Callback is the initial response, decoded.
	Callback discordgo.InteractionResponse
	// CallbackJSON is the initial response as sent (its payload_json if it
	// was multipart).
	CallbackJSON json.RawMessage
	// Original is the current state of @original after any edits: the
	// message of a type 4 response, the "thinking" message of a type 5, the
	// clicked message for types 6 and 7. It is nil for autocomplete results,
	// modals and pongs, and once deleted.
	Original *discordgo.Message
	// OriginalJSON is Original as Discord would answer GET @original.
	OriginalJSON json.RawMessage
	// OriginalDeleted reports whether the bot deleted @original.
	OriginalDeleted bool
	// Edits counts the successful edits of @original, including a first
	// follow-up that replaced a "thinking" message.
	Edits int
	// Followups are the follow-up messages not deleted, in order, in their
	// current state.
	Followups []*discordgo.Message
	// Dispatched is when Dispatch or Deliver sent the interaction, and
	// Answered when the fake received the answer a user would see: the
	// initial response or, after a deferral, the first edit, follow-up or
	// deletion. Answered minus Dispatched is the latency Discord would see,
	// without the time the goroutine that called Await took to wake.
	Dispatched, Answered time.Time
}

// WaitAnswered waits, as Await does, until the bot has answered
// interaction id, without taking or decoding the answer: for benchmarks,
// which would otherwise spend the bot's CPU on the fake's bookkeeping while
// they measure. Call Await afterwards for the answer.
func (s *Server) WaitAnswered(ctx context.Context, id string) error {
	_, err := s.awaitState(ctx, id, (*ixState).answered, nil)
	return err
}

// Await waits until the bot has answered interaction id and returns the
// answer: the initial response and, if that was deferred (type 5 or 6), the
// first edit of @original, follow-up or deletion after it. To wait for
// anything else use AwaitFunc. It returns ctx.Err() wrapped if ctx ends
// first.
func (s *Server) Await(ctx context.Context, id string) (Answer, error) {
	return s.awaitState(ctx, id, (*ixState).answered, func(Answer) bool { return true })
}

// AwaitFunc waits until done holds for the answer to interaction id. done is
// called once the initial response has come, and again after every change.
// It returns ctx.Err() wrapped, with the answer so far, if ctx ends first.
func (s *Server) AwaitFunc(ctx context.Context, id string, done func(Answer) bool) (Answer, error) {
	return s.awaitState(ctx, id, func(st *ixState) bool { return st.callback != nil }, done)
}

// awaitState waits until ready, called with s.mu held, holds for the state
// of interaction id, and then until done holds for its answer, which is
// taken and decoded only then. With done nil it takes no answer: it returns
// once ready holds.
func (s *Server) awaitState(ctx context.Context, id string, ready func(*ixState) bool, done func(Answer) bool) (Answer, error) {
	var a Answer
	for {
		s.mu.Lock()
		st := s.byID[id]
		if st == nil {
			s.mu.Unlock()
			return a, fmt.Errorf("interaction %s: unknown", id)
		}
		ok, ch := ready(st), st.changed
		var snap answerJSON
		if ok && done != nil {
			snap = s.snapshotLocked(st)
		}
		s.mu.Unlock()
		if ok {
			if done == nil {
				return a, nil
			}
			var err error
			if a, err = snap.decode(); err != nil {
				return a, fmt.Errorf("interaction %s: %w", id, err)
			}
			if done(a) {
				return a, nil
			}
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return a, fmt.Errorf("interaction %s: no answer: %w", id, ctx.Err())
		}
	}
}

// answerJSON is an Answer before decoding, taken under s.mu.
type answerJSON struct {
	dispatched, answered time.Time
	callback             json.RawMessage
	original             json.RawMessage
	deleted              bool
	edits                int
	followups            []json.RawMessage
}

func (s *Server) snapshotLocked(st *ixState) answerJSON {
	a := answerJSON{callback: st.callback, deleted: st.deleted, edits: st.edits, dispatched: st.dispatched, answered: st.answeredAt}
	if m := s.messages[st.original]; m != nil && st.callbackType != 9 {
		a.original = mustJSON(m)
	}
	for _, id := range st.followups {
		if m := s.messages[id]; m != nil {
			a.followups = append(a.followups, mustJSON(m))
		}
	}
	return a
}

// mustJSON encodes a value built from decoded JSON, which cannot fail.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("discordtest: encode %T: %v", v, err))
	}
	return b
}

func (a answerJSON) decode() (Answer, error) {
	out := Answer{CallbackJSON: a.callback, OriginalJSON: a.original, OriginalDeleted: a.deleted, Edits: a.edits, Dispatched: a.dispatched, Answered: a.answered}
	var err error
	if out.Callback, err = decodeResponse(a.callback); err != nil {
		return out, fmt.Errorf("decode initial response: %w", err)
	}
	if a.original != nil {
		if err := json.Unmarshal(a.original, &out.Original); err != nil {
			return out, fmt.Errorf("decode @original: %w", err)
		}
	}
	for _, f := range a.followups {
		var m *discordgo.Message
		if err := json.Unmarshal(f, &m); err != nil {
			return out, fmt.Errorf("decode follow-up: %w", err)
		}
		out.Followups = append(out.Followups, m)
	}
	return out, nil
}

// decodeResponse decodes an interaction response, which discordgo v0.29.0
// cannot do itself: it has no decoder for the components of its data.
func decodeResponse(b []byte) (discordgo.InteractionResponse, error) {
	var raw struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return discordgo.InteractionResponse{}, err
	}
	resp := discordgo.InteractionResponse{Type: raw.Type}
	if len(raw.Data) == 0 || string(raw.Data) == "null" {
		return resp, nil
	}
	type plain discordgo.InteractionResponseData
	var d struct {
		plain
		Components []json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal(raw.Data, &d); err != nil {
		return resp, err
	}
	data := discordgo.InteractionResponseData(d.plain)
	for _, c := range d.Components {
		mc, err := discordgo.MessageComponentFromJSON(c)
		if err != nil {
			return resp, err
		}
		data.Components = append(data.Components, mc)
	}
	resp.Data = &data
	return resp, nil
}

// Message types the fake creates.
const (
	messageDefault   = 0
	messageChatInput = 20
)

// botUser is the bot as a message author.
func botUser() map[string]any {
	return map[string]any{
		"id": BotUserID, "username": BotUsername, "discriminator": "0000", "global_name": nil,
		"avatar": nil, "bot": true, "public_flags": 0, "flags": 0,
	}
}

// newMessageLocked creates and stores a message sent for st with body (nil
// for an empty one). s.mu must be held.
func (s *Server) newMessageLocked(st *ixState, typ int, body map[string]any, files []File) map[string]any {
	m := map[string]any{
		"id":               s.newIDLocked(),
		"type":             typ,
		"channel_id":       st.ix.channelID,
		"author":           botUser(),
		"content":          "",
		"embeds":           []any{},
		"attachments":      []any{},
		"components":       []any{},
		"mentions":         []any{},
		"mention_roles":    []any{},
		"mention_everyone": false,
		"pinned":           false,
		"tts":              body["tts"] == true,
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"flags":            json.Number("0"),
		"webhook_id":       AppID,
		"application_id":   AppID,
	}
	s.applyMessageLocked(m, body, files, true)
	s.messages[m["id"].(string)] = m
	return m
}

// editMessageLocked applies an edit to m. s.mu must be held.
func (s *Server) editMessageLocked(m, body map[string]any, files []File) {
	s.applyMessageLocked(m, body, files, false)
	m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
}

// applyMessageLocked sets the fields of body that a message keeps. s.mu must
// be held.
func (s *Server) applyMessageLocked(m, body map[string]any, files []File, create bool) {
	for _, k := range []string{"content", "embeds", "components", "poll"} {
		v, ok := body[k]
		switch {
		case !ok:
		case v == nil && k == "content":
			m[k] = ""
		case v == nil && k == "poll":
			delete(m, k)
		case v == nil:
			m[k] = []any{}
		default:
			m[k] = v
		}
	}
	for _, em := range objects(list(m, "embeds")) {
		if em["type"] == nil {
			em["type"] = "rich"
		}
	}

	const suppressEmbeds, suppressNotifications = 1 << 2, 1 << 12
	requested, _ := integer(body, "flags")
	flags, _ := integer(m, "flags")
	if create {
		flags = requested & (flagEphemeral | suppressEmbeds | suppressNotifications | flagComponentsV2)
	} else {
		flags &^= flagLoading
		if _, ok := body["flags"]; ok {
			flags = flags&^suppressEmbeds | requested&(suppressEmbeds|flagComponentsV2)
		}
	}
	m["flags"] = json.Number(strconv.FormatInt(flags, 10))

	var atts []any
	if create {
		atts = []any{}
	} else if keep, ok := body["attachments"].([]any); ok {
		ids := make(map[string]bool)
		for _, km := range objects(keep) {
			ids[fmt.Sprint(km["id"])] = true
		}
		for _, am := range objects(list(m, "attachments")) {
			if ids[fmt.Sprint(am["id"])] {
				atts = append(atts, am)
			}
		}
	} else {
		atts = list(m, "attachments")
	}
	for _, f := range files {
		id := s.newIDLocked()
		u := s.addAttachmentLocked(id, f.Name, f.ContentType, f.Data)
		atts = append(atts, map[string]any{
			"id": id, "filename": f.Name, "size": len(f.Data), "url": u, "proxy_url": u,
			"content_type": f.ContentType,
		})
	}
	if atts == nil {
		atts = []any{}
	}
	m["attachments"] = atts
}
