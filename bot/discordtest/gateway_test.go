package discordtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"dealbot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/gorilla/websocket"
)

// timeout bounds a test's waits.
func timeout(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// session returns a discordgo session pointed at fake, as the bot makes one:
// its own http.Client that rewrites discord.com to the fake and refuses other
// hosts, a fresh websocket.Dialer, no intents.
func session(t *testing.T, fake *discordtest.Server, reconnect bool) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + discordtest.BotToken)
	if err != nil {
		t.Fatal(err)
	}
	s.Client = fake.HTTPClient()
	s.Dialer = &websocket.Dialer{}
	s.Identify.Intents = discordgo.IntentsNone
	s.ShouldReconnectOnError = reconnect
	return s
}

// open opens s and closes it when t ends (discordgo's Close takes 1 s).
func open(t *testing.T, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
}

// noMentions is how every message of dealbot disables mentions.
func noMentions() *discordgo.MessageAllowedMentions { return &discordgo.MessageAllowedMentions{} }

func TestDropGatewayResumes(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	s := session(t, fake, true)
	got := make(chan string, 4)
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		got <- i.ID
		_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "ok", AllowedMentions: noMentions()},
		})
	})
	open(t, s)
	ctx := timeout(t)

	fake.DropGateway()
	missed := fake.SlashCommand("ping") // sent while the client is away: replayed
	fake.Dispatch(missed)
	if err := fake.Connected(ctx); err != nil {
		t.Fatal(err)
	}
	later := fake.SlashCommand("ping")
	fake.Dispatch(later)
	for _, i := range []*discordtest.Interaction{missed, later} {
		if _, err := fake.Await(ctx, i.ID); err != nil {
			t.Fatal(err)
		}
	}

	want := []discordtest.Resume{{SessionID: s.State.SessionID, Seq: 1, Accepted: true, Replayed: 1}}
	if diff := cmp.Diff(want, fake.Resumes()); diff != "" {
		t.Errorf("Resumes() (-want +got):\n%s", diff)
	}
	if n := len(fake.Identifies()); n != 1 {
		t.Errorf("%d identifies, want 1: the client must resume, not identify again", n)
	}
	close(got)
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	// Handlers run in goroutines: the order they run in is not the order sent.
	if diff := cmp.Diff([]string{missed.ID, later.ID}, ids, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("interactions received (-want +got):\n%s", diff)
	}
}

// TestGatewayInvalidSession speaks the gateway by hand: a Resume of an
// unknown session gets Invalid Session, and an Identify then gets READY.
func TestGatewayInvalidSession(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.HeartbeatInterval(50*time.Millisecond))
	ws, resp, err := (&websocket.Dialer{}).DialContext(timeout(t), fake.GatewayURL()+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	defer ws.Close()

	type frame struct {
		Op int             `json:"op"`
		S  *int64          `json:"s"`
		T  *string         `json:"t"`
		D  json.RawMessage `json:"d"`
	}
	read := func() frame {
		t.Helper()
		var f frame
		if err := ws.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := ws.ReadJSON(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	write := func(v any) {
		t.Helper()
		if err := ws.WriteJSON(v); err != nil {
			t.Fatal(err)
		}
	}

	if f := read(); f.Op != 10 || string(f.D) != `{"_trace":["discordtest"],"heartbeat_interval":50}` {
		t.Fatalf("first frame %+v %s, want Hello with heartbeat_interval 50", f, f.D)
	}
	write(map[string]any{"op": 1, "d": nil})
	if f := read(); f.Op != 11 {
		t.Fatalf("answer to a heartbeat: op %d, want 11", f.Op)
	}
	write(map[string]any{"op": 6, "d": map[string]any{"token": "Bot " + discordtest.BotToken, "session_id": "nope", "seq": 3}})
	if f := read(); f.Op != 9 || string(f.D) != "false" {
		t.Fatalf("answer to a bad Resume: op %d d %s, want 9 false", f.Op, f.D)
	}
	write(map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + discordtest.BotToken, "intents": 0, "properties": map[string]any{}}})
	f := read()
	if f.Op != 0 || f.T == nil || *f.T != "READY" || f.S == nil || *f.S != 1 {
		t.Fatalf("answer to Identify: %+v, want READY with s 1", f)
	}
	var ready discordgo.Ready
	if err := json.Unmarshal(f.D, &ready); err != nil {
		t.Fatal(err)
	}
	if ready.SessionID == "" || ready.User == nil || ready.Application == nil || ready.Application.ID != discordtest.AppID {
		t.Errorf("READY %s lacks session_id, user or application", f.D)
	}
	want := []discordtest.Resume{{SessionID: "nope", Seq: 3}}
	if diff := cmp.Diff(want, fake.Resumes()); diff != "" {
		t.Errorf("Resumes() (-want +got):\n%s", diff)
	}
}

func TestHTTPClientStaysLocal(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	c := fake.HTTPClient()
	tests := []struct {
		url     string
		wantErr bool
	}{
		{"https://discord.com/api/v9/gateway", false},
		{fake.APIBase() + "gateway", false},
		{"https://example.com/", true},
		{"https://discord.com/other", true},
	}
	for _, tt := range tests {
		resp, err := c.Get(tt.url)
		if err == nil {
			resp.Body.Close()
		}
		if gotErr := err != nil; gotErr != tt.wantErr {
			t.Errorf("GET %s: error %v, want error %v", tt.url, err, tt.wantErr)
		}
	}
}

func TestUnknownRouteAndBadToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.ExpectViolations())
	good := session(t, fake, false)
	bad, err := discordgo.New(discordtest.BotToken) // no "Bot " prefix
	if err != nil {
		t.Fatal(err)
	}
	bad.Client = fake.HTTPClient()

	_, err1 := good.User("@me")
	_, err2 := bad.ApplicationCommandBulkOverwrite(discordtest.AppID, "", nil)
	type result struct {
		Status int
		Path   string
	}
	var got []result
	for _, err := range []error{err1, err2} {
		var rest *discordgo.RESTError
		if !errors.As(err, &rest) {
			t.Fatalf("error %v, want a RESTError", err)
		}
		got = append(got, result{rest.Response.StatusCode, rest.Request.URL.Path})
	}
	want := []result{{404, "/api/v9/users/@me"}, {401, "/api/v9/applications/" + discordtest.AppID + "/commands"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	var reqs []string
	for _, v := range fake.Violations() {
		reqs = append(reqs, v.Request)
	}
	wantReqs := []string{"GET /users/@me", "PUT /applications/" + discordtest.AppID + "/commands"}
	if diff := cmp.Diff(wantReqs, reqs); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

// recorder is a testing.TB that keeps what the fake reports with Errorf, to
// show that violations fail the test using the fake.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// take returns the errors recorded since the last take.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	errs := r.errs
	r.errs = nil
	return errs
}

func TestViolationsFailTheTest(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	fake := discordtest.New(rec)
	resp, err := fake.HTTPClient().Get(fake.APIBase() + "nowhere")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"code":0`) {
		t.Errorf("GET nowhere: %d %s, want Discord's 404", resp.StatusCode, body)
	}
	lines := rec.take()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "discordtest: GET /nowhere: ") {
		t.Errorf("Errorf calls %q, want one naming GET /nowhere", lines)
	}
}
