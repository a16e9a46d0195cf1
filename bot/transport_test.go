package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/bot/discordtest"
)

// observed is one call of Observer.Observe, without its duration.
type observed struct{ Kind, Command, Outcome string }

// observer records what it is told.
type observer struct {
	mu  sync.Mutex
	got []observed
}

func (o *observer) Observe(kind, command, outcome string, took time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if took <= 0 {
		outcome += " (no duration)"
	}
	o.got = append(o.got, observed{kind, command, outcome})
}

// refusing is a Discord that refuses every response, quoting the URL it
// was sent to, token and all, as net/http's errors do.
type refusing struct{}

func (refusing) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	return errors.New(`Post "https://discord.com/api/v9/interactions/` + i.ID + "/" + i.Token + `/callback": connection refused`)
}

func (refusing) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return errors.New("refused")
}

// TestRespondLogsAndObserves: every interaction is logged with its
// command, user, outcome and duration, and observed, and a failed send
// is logged without the interaction's token.
func TestRespondLogsAndObserves(t *testing.T) {
	idx := openIndex(t, testArticles(t))
	tests := []struct {
		name   string
		i      *discordgo.Interaction
		send   Sender
		want   observed
		level  string
		errMsg string
	}{
		{"deal", readInteraction(t, "deal-coreweave"), nil, observed{"command", "deal", "ok"}, "INFO", ""},
		{"nothing found", readInteraction(t, "deal-corewave"), nil, observed{"command", "deal", "empty"}, "INFO", ""},
		{"bad date", readInteraction(t, "deal-bad-date"), nil, observed{"command", "deal", "invalid"}, "INFO", ""},
		{"unknown command", readInteraction(t, "unknown-command"), nil, observed{"command", "unknown", "invalid"}, "INFO", ""},
		{"autocomplete", readInteraction(t, "autocomplete-company"), nil, observed{"autocomplete", "deal", "ok"}, "INFO", ""},
		{"stale button", readInteraction(t, "button-stale"), nil, observed{"component", "pg", "invalid"}, "INFO", ""},
		{"ping", &discordgo.Interaction{ID: "1", Type: discordgo.InteractionPing}, nil, observed{"ping", "ping", "ok"}, "DEBUG", ""},
		{"refused", readInteraction(t, "quote-nadella"), refusing{}, observed{"command", "quote", "unsent"}, "WARN", "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			obs := &observer{}
			rt := New(idx, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Options{Observer: obs})
			send := tt.send
			if send == nil {
				send = newFakeDiscord(shown{})
			}
			err := rt.Respond(context.Background(), tt.i, send)
			if (err != nil) != (tt.errMsg != "") {
				t.Fatalf("Respond = %v", err)
			}
			if diff := cmp.Diff([]observed{tt.want}, obs.got); diff != "" {
				t.Errorf("observed (-want +got):\n%s", diff)
			}
			var rec struct {
				Level, Msg, Interaction, Type, Command, User, Outcome, Err string
				Duration                                                   int64
			}
			for line := range strings.Lines(logs.String()) {
				if strings.Contains(line, `"msg":"interaction"`) {
					if err := json.Unmarshal([]byte(line), &rec); err != nil {
						t.Fatal(err)
					}
				}
			}
			got := observed{rec.Type, rec.Command, rec.Outcome}
			if got != tt.want || rec.Level != tt.level || rec.Interaction != tt.i.ID || rec.User != userID(tt.i) || rec.Duration <= 0 {
				t.Errorf("logged %+v, want %+v at %s with the id, user and duration", rec, tt.want, tt.level)
			}
			if !strings.Contains(rec.Err, tt.errMsg) {
				t.Errorf("logged error %q, want %q", rec.Err, tt.errMsg)
			}
			if tt.i.Token != "" && strings.Contains(logs.String()+errString(err), tt.i.Token) {
				t.Errorf("the interaction's token is in the log or the error:\n%s\n%v", logs.String(), err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// editRecorder is the REST side of the HTTP endpoint: it records edits.
type editRecorder struct{ edits chan *discordgo.WebhookEdit }

func (e editRecorder) Respond(context.Context, *discordgo.Interaction, *discordgo.InteractionResponse) error {
	return errors.New("the first response goes in the HTTP answer")
}

func (e editRecorder) EditOriginal(ctx context.Context, i *discordgo.Interaction, w *discordgo.WebhookEdit) error {
	e.edits <- w
	return nil
}

// TestEndpointDefers: an answer slower than DeferAfter is deferred in the
// HTTP answer, which reaches Discord at once, and then edited in through
// REST.
func TestEndpointDefers(t *testing.T) {
	pub, priv := discordtest.NewKey()
	release := make(chan struct{})
	rt := slowRouter(t, release, time.Millisecond)
	rt.commands["deal"] = rt.commands["slow"]
	rest := editRecorder{edits: make(chan *discordgo.WebhookEdit, 1)}
	srv := httptest.NewServer(NewEndpoint(rt, pub, rest, nil))
	defer srv.Close()

	body, err := os.ReadFile(filepath.Join("testdata", "interactions", "deal-coreweave.json"))
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range discordtest.Sign(priv, strconv.FormatInt(time.Now().Unix(), 10), body) {
		req.Header[k] = v
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	// The handler is still blocked: this is the deferral.
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "application/json" {
		t.Errorf("status %d, Content-Type %q; want 200 JSON", resp.StatusCode, ct)
	}
	var first struct {
		Type discordgo.InteractionResponseType
	}
	if err := json.Unmarshal(answer, &first); err != nil || first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("first answer %s (%v), want a deferral (5)", answer, err)
	}
	close(release)
	edit := <-rest.edits
	if edit.Content == nil || !strings.Contains(*edit.Content, "Passages matching “slow”") || edit.Embeds == nil || len(*edit.Embeds) != 1 {
		t.Errorf("edit %+v, want the slow answer", edit)
	}
}

func TestFresh(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tests := []struct {
		timestamp string
		want      bool
	}{
		{"1700000000", true},
		{"1699999700", true},  // 5 minutes ago
		{"1699999699", false}, // just over
		{"1700000300", true},  // 5 minutes ahead
		{"1700000301", false},
		{"", false},
		{"17e8", false},
		{"-1", false},
	}
	for _, tt := range tests {
		if got := fresh(tt.timestamp, now); got != tt.want {
			t.Errorf("fresh(%q) = %v, want %v", tt.timestamp, got, tt.want)
		}
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://discord.com/api/v9/interactions/123/aW50ZXJh/callback", "https://discord.com/api/v9/interactions/123/[token]/callback"},
		{"https://discord.com/api/v9/webhooks/100/aW50ZXJh/messages/@original", "https://discord.com/api/v9/webhooks/100/[token]/messages/@original"},
		{"https://discord.com/api/v9/webhooks/100/aW50ZXJh?wait=true", "https://discord.com/api/v9/webhooks/100/[token]"},
		{"https://discord.com/api/v9/applications/100/commands", "https://discord.com/api/v9/applications/100/commands"},
	}
	for _, tt := range tests {
		if got := redactURL(tt.in); got != tt.want {
			t.Errorf("redactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSessionRebases: a session's REST calls go to the configured base,
// keeping the path after /api/v9/ and the query.
func TestSessionRebases(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[]`))
	}))
	defer srv.Close()
	s, err := NewSession(Config{Token: "tok", APIBase: srv.URL + "/proxy/discord"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplicationCommands("100", "200"); err != nil {
		t.Fatal(err)
	}
	// The answer, [], is no message: only the URL matters here.
	_, _ = s.FollowupMessageCreate(&discordgo.Interaction{AppID: "100", Token: "itok"}, true, &discordgo.WebhookParams{Content: "x"})
	want := []string{
		"GET /proxy/discord/applications/100/guilds/200/commands?with_localizations=true Bot tok",
		"POST /proxy/discord/webhooks/100/itok?wait=true Bot tok",
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if s.Identify.Intents != discordgo.IntentsNone || !s.ShouldReconnectOnError {
		t.Errorf("intents %d, reconnect %v; want none and true", s.Identify.Intents, s.ShouldReconnectOnError)
	}
}

func TestAPIBase(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", DefaultAPIBase, true},
		{"http://127.0.0.1:8080/api/v9", "http://127.0.0.1:8080/api/v9/", true},
		{"https://proxy.example/discord/", "https://proxy.example/discord/", true},
		{"discord.com/api/v9/", "", false},
		{"ftp://discord.com/api/v9/", "", false},
		{"http:///api/v9/", "", false},
	}
	for _, tt := range tests {
		got, err := APIBase(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("APIBase(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
