package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/bot"
	"dealbot/bot/discordtest"
)

// The seed article, as the answers cite it.
const (
	seedID    = "0eb139bcb810732d"
	seedDate  = "2025-03-28"
	seedTitle = "Microsoft pulled out of a $12bn deal with CoreWeave"
)

// logSink collects the JSON log lines of a running bot and wakes whoever
// waits for one. Lines that are not JSON (warnings printed by the corpus
// code) are kept in the text but are no records.
type logSink struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed and replaced on every write
	ended   bool          // the bot has stopped: no more lines will come
}

func newLogSink() *logSink { return &logSink{changed: make(chan struct{})} }

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	close(l.changed)
	l.changed = make(chan struct{})
	return len(p), nil
}

// end wakes the waiters for good: the bot has stopped.
func (l *logSink) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ended = true
	close(l.changed)
	l.changed = make(chan struct{})
}

// String returns everything logged so far.
func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// records returns the complete JSON lines logged so far, decoded.
func (l *logSink) records() []map[string]any {
	text := l.String()
	var out []map[string]any
	for line := range strings.Lines(text) {
		if !strings.HasSuffix(line, "\n") {
			break
		}
		var r map[string]any
		if json.Unmarshal([]byte(line), &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// await waits until a record matches, and returns it. It fails if the
// bot stops first or ctx ends.
func (l *logSink) await(ctx context.Context, what string, match func(map[string]any) bool) (map[string]any, error) {
	for {
		l.mu.Lock()
		ch, ended := l.changed, l.ended
		l.mu.Unlock()
		for _, r := range l.records() {
			if match(r) {
				return r, nil
			}
		}
		if ended {
			return nil, fmt.Errorf("the bot stopped before logging %s", what)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("no log of %s: %w", what, ctx.Err())
		}
	}
}

// running is a `dealbot serve` started by startServe.
type running struct {
	fake *discordtest.Server
	logs *logSink
	ops  string // the operations server's root URL, "" if none
	http string // the interactions server's root URL, "" if none
	stop func() error
}

// timeout is a context for waiting in a test: long enough for a slow
// machine under the race detector, short enough to fail a hang.
func timeout(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// startServe runs `dealbot serve args…` against fake in a goroutine,
// with a fresh data folder (the starter corpus), debug logs in JSON and
// env on top, and waits until it is ready. The bot is stopped (its
// context cancelled, before the fake closes) when the test ends, or by
// running.stop.
func startServe(t *testing.T, fake *discordtest.Server, env map[string]string, args ...string) *running {
	t.Helper()
	all := map[string]string{
		"DISCORD_TOKEN":   discordtest.BotToken,
		"DISCORD_API_URL": fake.APIBase(),
		"DATA_DIR":        t.TempDir(),
		"LOG_LEVEL":       "debug",
		"LOG_FORMAT":      "json",
	}
	maps.Copy(all, env)
	ctx, cancel := context.WithCancel(context.Background())
	logs := newLogSink()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"dealbot", "serve"}, args...), func(k string) string { return all[k] }, io.Discard, logs)
		logs.end()
		done <- err
	}()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			runErr = <-done
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	r := &running{fake: fake, logs: logs, stop: stop}
	if _, err := logs.await(timeout(t), "ready", func(rec map[string]any) bool { return rec["msg"] == "ready" }); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	for _, rec := range logs.records() {
		if rec["msg"] != "listening" {
			continue
		}
		u := "http://" + rec["addr"].(string)
		switch rec["server"] {
		case "ops":
			r.ops = u
		case "interactions":
			r.http = u
		case "ops+interactions":
			r.ops, r.http = u, u
		}
	}
	return r
}

// ask dispatches i over the gateway and waits for the answer.
func (r *running) ask(t *testing.T, ctx context.Context, i *discordtest.Interaction) discordtest.Answer {
	t.Helper()
	r.fake.Dispatch(i)
	a, err := r.fake.Await(ctx, i.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// logged waits until every interaction in ixs has been logged, and
// checks that each record names the command, user, outcome and duration.
// An interaction is counted in the metrics before it is logged.
func (r *running) logged(t *testing.T, ctx context.Context, want map[*discordtest.Interaction]string) {
	t.Helper()
	for i, outcome := range want {
		rec, err := r.logs.await(ctx, "interaction "+i.ID, func(rec map[string]any) bool {
			return rec["msg"] == "interaction" && rec["interaction"] == i.ID
		})
		if err != nil {
			t.Fatal(err)
		}
		if rec["outcome"] != outcome || rec["user"] != discordtest.UserID || rec["command"] == "" || rec["command"] == nil {
			t.Errorf("interaction %s logged as %v; want outcome %q, user %s and a command", i.ID, rec, outcome, discordtest.UserID)
		}
		if d, ok := rec["duration"].(float64); !ok || d <= 0 {
			t.Errorf("interaction %s logged with duration %v", i.ID, rec["duration"])
		}
	}
}

// get fetches url and returns the status and body.
func get(t *testing.T, ctx context.Context, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// metricLines returns the lines of a Prometheus exposition that are
// samples of name.
func metricLines(body, name string) []string {
	var out []string
	for line := range strings.Lines(body) {
		if strings.HasPrefix(line, name+"{") || strings.HasPrefix(line, name+" ") {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// checkMetrics checks that every sample in want is exposed, with its
// value.
func checkMetrics(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		name, _, _ := strings.Cut(w, "{")
		if lines := metricLines(body, name); !slices.Contains(lines, w) {
			t.Errorf("metrics lack %q; %s has:\n%s", w, name, strings.Join(lines, "\n"))
		}
	}
}

// buttons returns the enabled buttons of a message, by label.
func buttons(m *discordgo.Message) map[string]string {
	out := map[string]string{}
	for _, c := range m.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, b := range row.Components {
			if b, ok := b.(*discordgo.Button); ok && !b.Disabled {
				out[b.Label] = b.CustomID
			}
		}
	}
	return out
}

// embedText is all the text of a message's embeds.
func embedText(m *discordgo.Message) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		fmt.Fprintf(&b, "%s\n%s\n", e.Title, e.Description)
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "%s: %s\n", f.Name, f.Value)
		}
	}
	return b.String()
}

// checkSeedDeals checks a first page of /deal coreweave: five deals, each
// cited, CoreWeave in bold in the excerpts, and a ▶ button.
func checkSeedDeals(t *testing.T, m *discordgo.Message) {
	t.Helper()
	if m == nil {
		t.Fatal("no message")
	}
	if want := "**Deals involving CoreWeave** — 7 found, page 1 of 2"; m.Content != want {
		t.Errorf("header %q, want %q", m.Content, want)
	}
	if len(m.Embeds) != 5 {
		t.Fatalf("%d embeds, want 5 (a page)", len(m.Embeds))
	}
	for n, e := range m.Embeds {
		var source string
		for _, f := range e.Fields {
			if f.Name == "Source" {
				source = f.Value
			}
		}
		for _, want := range []string{seedTitle, seedDate, "id " + seedID} {
			if !strings.Contains(source, want) {
				t.Errorf("deal %d's citation %q lacks %q", n+1, source, want)
			}
		}
	}
	if text := embedText(m); !strings.Contains(text, "**CoreWeave**") {
		t.Errorf("CoreWeave is not in bold in the excerpts:\n%s", text)
	}
	if _, ok := buttons(m)["Next ▶"]; !ok {
		t.Errorf("no enabled Next ▶ button: %v", buttons(m))
	}
}

// commandNames are the names of commands, sorted.
func commandNames(cmds []*discordgo.ApplicationCommand) []string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	return names
}

// TestServeGateway runs `dealbot serve` over the fake's gateway, in one
// guild, and asks it what a member would. The subtests share the bot:
// each start and stop of discordgo takes a second.
func TestServeGateway(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	r := startServe(t, fake, map[string]string{
		"DISCORD_GUILD_ID": discordtest.GuildID,
		"LISTEN_ADDR":      "127.0.0.1:0",
	})
	ctx := timeout(t)
	if r.ops == "" {
		t.Fatalf("no operations server was logged:\n%s", r.logs)
	}
	var asked []*discordtest.Interaction // for the token check

	t.Run("commands registered", func(t *testing.T) {
		// The application id came from READY: DISCORD_APP_ID is not set.
		got := commandNames(fake.Commands(discordtest.GuildID))
		if diff := cmp.Diff(commandNames(bot.Commands()), got); diff != "" {
			t.Errorf("guild commands (-want +got):\n%s", diff)
		}
		if global := fake.Commands(""); len(global) != 0 {
			t.Errorf("%d global commands, want none with DISCORD_GUILD_ID set", len(global))
		}
		if ids := fake.Identifies(); len(ids) != 1 || ids[0].Intents != discordgo.IntentsNone {
			t.Errorf("identifies %+v, want one with no intents", ids)
		}
	})

	var first discordgo.Message
	deal := fake.SlashCommand("deal", discordtest.String("company", "coreweave"))
	t.Run("deal", func(t *testing.T) {
		a := r.ask(t, ctx, deal)
		checkSeedDeals(t, a.Original)
		if a.Original.Flags&discordgo.MessageFlagsEphemeral != 0 {
			t.Error("the answer is ephemeral; want it public")
		}
		first = *a.Original
	})
	asked = append(asked, deal)

	var pages []*discordtest.Interaction
	t.Run("paging forwards and back", func(t *testing.T) {
		if first.ID == "" {
			t.Skip("no first page")
		}
		next := fake.ButtonClick(&first, buttons(&first)["Next ▶"])
		a := r.ask(t, ctx, next)
		if want := "**Deals involving CoreWeave** — 7 found, page 2 of 2"; a.Original.Content != want || len(a.Original.Embeds) != 2 {
			t.Errorf("after ▶: %q with %d embeds, want %q with 2", a.Original.Content, len(a.Original.Embeds), want)
		}
		if a.Original.ID != first.ID {
			t.Errorf("▶ answered in message %s, want the clicked %s updated", a.Original.ID, first.ID)
		}
		prevID, ok := buttons(a.Original)["◀ Previous"]
		if !ok {
			t.Fatalf("no enabled ◀ button on page 2: %v", buttons(a.Original))
		}
		prev := fake.ButtonClick(a.Original, prevID)
		a = r.ask(t, ctx, prev)
		checkSeedDeals(t, a.Original)
		if got, want := embedText(a.Original), embedText(&first); got != want {
			t.Errorf("◀ went back to a different page 1:\n%s\nwant\n%s", got, want)
		}
		pages = append(pages, next, prev)
	})
	asked = append(asked, pages...)

	quote := fake.SlashCommand("quote", discordtest.String("person", "nadella"))
	t.Run("quote", func(t *testing.T) {
		a := r.ask(t, ctx, quote)
		text := embedText(a.Original)
		for _, want := range []string{"Quote: “We’re good for our $80 billion,”", "Cue: said on CNBC", "id " + seedID} {
			if !strings.Contains(text, want) {
				t.Errorf("quote answer lacks %q:\n%s", want, text)
			}
		}
		if !strings.HasPrefix(a.Original.Content, "**Quotes from Satya Nadella**") {
			t.Errorf("header %q", a.Original.Content)
		}
	})
	asked = append(asked, quote)

	complete := fake.Autocomplete("deal", discordtest.Focused("company", "core"))
	t.Run("autocomplete", func(t *testing.T) {
		a := r.ask(t, ctx, complete)
		if a.Callback.Type != discordgo.InteractionApplicationCommandAutocompleteResult || a.Callback.Data == nil {
			t.Fatalf("answer %+v, want choices", a.Callback)
		}
		var names []string
		for _, c := range a.Callback.Data.Choices {
			names = append(names, c.Name)
		}
		if !slices.Contains(names, "CoreWeave") {
			t.Errorf("choices for %q: %q, want CoreWeave among them", "core", names)
		}
	})
	asked = append(asked, complete)

	private := fake.SlashCommand("deal", discordtest.String("company", "coreweave"), discordtest.Boolean("private", true))
	t.Run("private", func(t *testing.T) {
		a := r.ask(t, ctx, private)
		if a.Original.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("flags %d, want ephemeral (64)", a.Original.Flags)
		}
		checkSeedDeals(t, a.Original)
	})
	asked = append(asked, private)

	typo := fake.SlashCommand("deal", discordtest.String("company", "corewave"))
	t.Run("nothing found", func(t *testing.T) {
		a := r.ask(t, ctx, typo)
		if a.Original.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("flags %d, want ephemeral (64)", a.Original.Flags)
		}
		if want := "No deals found for “corewave”. Did you mean CoreWeave?"; a.Original.Content != want || len(a.Original.Embeds) != 0 {
			t.Errorf("answer %q with %d embeds, want %q alone", a.Original.Content, len(a.Original.Embeds), want)
		}
	})
	asked = append(asked, typo)

	limited := fake.SlashCommand("quote", discordtest.String("person", "nadella"))
	t.Run("rate limited callback retried", func(t *testing.T) {
		callback := "/interactions/" + limited.ID + "/" + limited.Token + "/callback"
		fake.Inject(discordtest.Fault{Method: http.MethodPost, Path: callback, Status: http.StatusTooManyRequests})
		a := r.ask(t, ctx, limited)
		if a.Original == nil || len(a.Original.Embeds) == 0 {
			t.Fatalf("no answer after the 429: %+v", a)
		}
		// The fake records a request once it has answered it, which may
		// be after the answer is seen.
		reqs, err := fake.AwaitRequests(ctx, http.MethodPost, callback, 2)
		if err != nil {
			t.Fatal(err)
		}
		var statuses []int
		for _, req := range reqs {
			statuses = append(statuses, req.Status)
		}
		if diff := cmp.Diff([]int{http.StatusTooManyRequests, http.StatusNoContent}, statuses); diff != "" {
			t.Errorf("callback statuses (-want +got):\n%s", diff)
		}
	})
	asked = append(asked, limited)

	t.Run("logs", func(t *testing.T) {
		want := map[*discordtest.Interaction]string{deal: "ok", quote: "ok", complete: "ok", private: "ok", typo: "empty", limited: "ok"}
		for _, p := range pages {
			want[p] = "ok"
		}
		r.logged(t, ctx, want)
	})

	t.Run("healthz and metrics", func(t *testing.T) {
		if status, body := get(t, ctx, r.ops+"/healthz"); status != http.StatusOK || body != "ok\n" {
			t.Errorf("/healthz: %d %q, want 200 ok", status, body)
		}
		status, body := get(t, ctx, r.ops+"/metrics")
		if status != http.StatusOK {
			t.Fatalf("/metrics: %d", status)
		}
		// Every interaction above has been logged (the logs subtest),
		// and so counted.
		checkMetrics(t, body,
			`dealbot_interactions_total{command="deal",kind="command",outcome="ok"} 2`,
			`dealbot_interactions_total{command="deal",kind="command",outcome="empty"} 1`,
			`dealbot_interactions_total{command="pg",kind="component",outcome="ok"} 2`,
			`dealbot_interactions_total{command="quote",kind="command",outcome="ok"} 2`,
			`dealbot_interactions_total{command="deal",kind="autocomplete",outcome="ok"} 1`,
			`dealbot_interaction_duration_seconds_count{command="deal",kind="command"} 3`,
			`dealbot_corpus_size{kind="articles"} 1`,
			`dealbot_corpus_size{kind="deals"} 8`,
			`dealbot_corpus_size{kind="quotes"} 6`,
		)
		// /deal coreweave was asked twice, and paged back to page 1.
		for _, name := range []string{"dealbot_answer_cache_hits_total", "dealbot_answer_cache_misses_total"} {
			m := regexp.MustCompile(`(?m)^` + name + ` (\d+)$`).FindStringSubmatch(body)
			if m == nil || m[1] == "0" {
				t.Errorf("/metrics: %s is %v, want a count above 0", name, m)
			}
		}
	})

	// Last: the drop costs discordgo a second.
	t.Run("gateway dropped", func(t *testing.T) {
		fake.DropGateway()
		during := fake.SlashCommand("deal", discordtest.String("company", "coreweave"))
		fake.Dispatch(during) // held by the fake, replayed when the bot resumes
		if err := fake.Connected(ctx); err != nil {
			t.Fatal(err)
		}
		a, err := fake.Await(ctx, during.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkSeedDeals(t, a.Original)
		after := fake.SlashCommand("quote", discordtest.String("person", "nadella"))
		if a := r.ask(t, ctx, after); a.Original == nil || len(a.Original.Embeds) == 0 {
			t.Errorf("no answer after the reconnection: %+v", a)
		}
		if got := len(fake.Resumes()); got != 1 {
			t.Errorf("%d resumes, want the session resumed once", got)
		}
		asked = append(asked, during, after)
	})

	t.Run("no token in the logs", func(t *testing.T) {
		if err := r.stop(); err != nil {
			t.Fatalf("serve: %v", err)
		}
		logs := r.logs.String()
		if n := len(r.logs.records()); n < 2*len(asked) {
			t.Fatalf("only %d log records for %d interactions: the logs were not captured", n, len(asked))
		}
		if !strings.Contains(logs, `"msg":"stopped"`) {
			t.Errorf("the bot did not log that it stopped:\n%s", logs)
		}
		if strings.Contains(logs, discordtest.BotToken) {
			t.Error("the bot token is in the logs")
		}
		for _, i := range asked {
			if strings.Contains(logs, i.Token) {
				t.Errorf("the token of interaction %s is in the logs", i.ID)
			}
		}
	})
}

// deliver posts body to url signed with priv at timestamp, as Discord
// does, and returns the status.
func deliver(t *testing.T, ctx context.Context, url string, priv ed25519.PrivateKey, timestamp string, body []byte) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range discordtest.Sign(priv, timestamp, body) {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// startHTTP runs `dealbot serve --http 127.0.0.1:0` against a new fake,
// with the operations server on listen, and returns it and the private
// key that signs its interactions.
func startHTTP(t *testing.T, listen string) (*running, ed25519.PrivateKey) {
	t.Helper()
	pub, priv := discordtest.NewKey()
	r := startServe(t, discordtest.New(t), map[string]string{
		"DISCORD_APP_ID":     discordtest.AppID,
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"LISTEN_ADDR":        listen,
	}, "--http", "127.0.0.1:0")
	return r, priv
}

// TestServeHTTP runs `dealbot serve --http` with commands registered
// globally and the operations server apart, and posts it signed
// interactions as Discord does.
func TestServeHTTP(t *testing.T) {
	t.Parallel()
	r, priv := startHTTP(t, "localhost:0") // not the same address: two servers
	fake := r.fake
	ctx := timeout(t)
	if r.http == "" || r.ops == "" || r.http == r.ops {
		t.Fatalf("want two servers, got interactions %q and ops %q", r.http, r.ops)
	}
	endpoint := r.http + "/interactions"

	t.Run("commands registered globally", func(t *testing.T) {
		if diff := cmp.Diff(commandNames(bot.Commands()), commandNames(fake.Commands(""))); diff != "" {
			t.Errorf("global commands (-want +got):\n%s", diff)
		}
	})

	ping := fake.Ping()
	t.Run("ping", func(t *testing.T) {
		status, err := fake.Deliver(ctx, endpoint, priv, ping)
		if err != nil || status != http.StatusOK {
			t.Fatalf("PING: %d %v, want 200", status, err)
		}
		a, err := fake.Await(ctx, ping.ID)
		if err != nil || a.Callback.Type != discordgo.InteractionResponsePong {
			t.Errorf("PING answered %+v %v, want a PONG", a.Callback, err)
		}
	})

	deal := fake.SlashCommand("deal", discordtest.String("company", "coreweave"))
	t.Run("command", func(t *testing.T) {
		status, err := fake.Deliver(ctx, endpoint, priv, deal)
		if err != nil || status != http.StatusOK {
			t.Fatalf("deal: %d %v, want 200", status, err)
		}
		a, err := fake.Await(ctx, deal.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkSeedDeals(t, a.Original)
	})

	now := time.Now()
	body := fake.SlashCommand("quote", discordtest.String("person", "nadella")).JSON()
	stamp := func(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }
	_, stranger := discordtest.NewKey()
	refused := []struct {
		name      string
		priv      ed25519.PrivateKey
		timestamp string
		body      []byte
		want      int
	}{
		{"bad signature", stranger, stamp(now), body, http.StatusUnauthorized},
		{"stale timestamp", priv, stamp(now.Add(-6 * time.Minute)), body, http.StatusUnauthorized},
		{"timestamp in the future", priv, stamp(now.Add(6 * time.Minute)), body, http.StatusUnauthorized},
		{"timestamp not a number", priv, now.Format(time.RFC3339), body, http.StatusUnauthorized},
		{"oversized body", priv, stamp(now), append(bytes.Repeat([]byte(" "), bot.MaxInteractionBytes), body...), http.StatusRequestEntityTooLarge},
		{"not an interaction", priv, stamp(now), []byte(`{"hello":"world"}`), http.StatusBadRequest},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			if got := deliver(t, ctx, endpoint, tt.priv, tt.timestamp, tt.body); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("a fresh timestamp is accepted", func(t *testing.T) {
		// The same body, signed and fresh: what was refused above was
		// refused for the signature, timestamp or size alone.
		if got := deliver(t, ctx, endpoint, priv, stamp(now), body); got != http.StatusOK {
			t.Errorf("status %d, want 200", got)
		}
	})

	t.Run("healthz and metrics", func(t *testing.T) {
		for _, u := range []string{r.http, r.ops} {
			if status, body := get(t, ctx, u+"/healthz"); status != http.StatusOK || body != "ok\n" {
				t.Errorf("%s/healthz: %d %q, want 200 ok", u, status, body)
			}
		}
		if status, _ := get(t, ctx, r.http+"/metrics"); status != http.StatusNotFound {
			t.Errorf("the interactions server serves /metrics (%d): it is for operators only", status)
		}
		r.logged(t, ctx, map[*discordtest.Interaction]string{deal: "ok"})
		if _, err := r.logs.await(ctx, "the ping", func(rec map[string]any) bool {
			return rec["msg"] == "interaction" && rec["interaction"] == ping.ID && rec["level"] == "DEBUG"
		}); err != nil {
			t.Error(err)
		}
		_, body := get(t, ctx, r.ops+"/metrics")
		checkMetrics(t, body,
			`dealbot_interactions_total{command="deal",kind="command",outcome="ok"} 1`,
			`dealbot_interactions_total{command="ping",kind="ping",outcome="ok"} 1`,
		)
	})
}

// TestServeHTTPOneServer: with --http at LISTEN_ADDR, one server serves
// the endpoint, /healthz and /metrics.
func TestServeHTTPOneServer(t *testing.T) {
	t.Parallel()
	r, priv := startHTTP(t, "127.0.0.1:0")
	fake := r.fake
	ctx := timeout(t)
	var servers int
	for _, rec := range r.logs.records() {
		if rec["msg"] == "listening" {
			servers++
		}
	}
	if servers != 1 || r.http != r.ops {
		t.Fatalf("%d servers (interactions %q, ops %q), want one", servers, r.http, r.ops)
	}
	ping := fake.Ping()
	if status, err := fake.Deliver(ctx, r.http+"/interactions", priv, ping); err != nil || status != http.StatusOK {
		t.Fatalf("PING: %d %v", status, err)
	}
	if status, body := get(t, ctx, r.ops+"/healthz"); status != http.StatusOK {
		t.Errorf("/healthz: %d %q", status, body)
	}
	if status, body := get(t, ctx, r.ops+"/metrics"); status != http.StatusOK || !strings.Contains(body, "dealbot_corpus_size") {
		t.Errorf("/metrics: %d, want the corpus size", status)
	}
}

// TestServeConfigErrors: serve refuses a configuration it cannot use,
// saying what to fix, before it connects anywhere, and never prints the
// token.
func TestServeConfigErrors(t *testing.T) {
	const token = "MTAwMDAwMDAwMDAwMDAwMDAx.secret.never-printed"
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"no token", []string{"serve"}, nil, []string{"DISCORD_TOKEN is not set"}},
		{"token with a space", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token + " x"}, []string{"DISCORD_TOKEN holds spaces"}},
		{"bad ids", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token, "DISCORD_APP_ID": "my-app", "DISCORD_GUILD_ID": "12x"},
			[]string{`DISCORD_APP_ID "my-app" is not a Discord id`, `DISCORD_GUILD_ID "12x" is not a Discord id`}},
		{"bad API URL", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": "discord.example/api"},
			[]string{`DISCORD_API_URL "discord.example/api" is not an http(s) URL`}},
		{"bad log settings", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token, "LOG_LEVEL": "loud", "LOG_FORMAT": "xml"},
			[]string{`LOG_LEVEL "loud" is not debug, info, warn or error`, `LOG_FORMAT "xml" is not text or json`}},
		{"bad moderation settings", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token, "MODERATOR_ROLE_ID": "mods", "FETCH_TIMEOUT": "soon"},
			[]string{`MODERATOR_ROLE_ID "mods" is not a Discord id`, `FETCH_TIMEOUT "soon" is not a duration such as 15s or 500ms`}},
		{"bad listen address", []string{"serve"}, map[string]string{"DISCORD_TOKEN": token, "LISTEN_ADDR": "8080"},
			[]string{`LISTEN_ADDR "8080" is not HOST:PORT or :PORT`}},
		{"http without key or app id", []string{"serve", "--http", ":8443"}, map[string]string{"DISCORD_TOKEN": token},
			[]string{"DISCORD_PUBLIC_KEY is not set", "DISCORD_APP_ID is not set"}},
		{"http with a short key", []string{"serve", "--http", ":8443"}, map[string]string{"DISCORD_TOKEN": token, "DISCORD_APP_ID": "1", "DISCORD_PUBLIC_KEY": key[:62]},
			[]string{"DISCORD_PUBLIC_KEY is not 64 hex digits"}},
		{"http with a key not hex", []string{"serve", "--http", ":8443"}, map[string]string{"DISCORD_TOKEN": token, "DISCORD_APP_ID": "1", "DISCORD_PUBLIC_KEY": strings.Repeat("zz", 32)},
			[]string{"DISCORD_PUBLIC_KEY is not 64 hex digits"}},
		{"arguments", []string{"serve", "now"}, map[string]string{"DISCORD_TOKEN": token}, []string{"serve takes no arguments"}},
		// With no command and a token, dealbot serves: the bad level shows
		// that serve read the configuration.
		{"no command with a token", nil, map[string]string{"DISCORD_TOKEN": token, "LOG_LEVEL": "loud"}, []string{`LOG_LEVEL "loud"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := runCmd(t, tt.env, tt.args...)
			if err == nil {
				t.Fatal("serve started; want a configuration error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if strings.Contains(err.Error()+errOut, "secret") {
				t.Errorf("the token was printed: %v\n%s", err, errOut)
			}
		})
	}
}

// TestNoCommandWithoutTokenShowsUsage: without a token, dealbot alone
// prints its usage rather than serving.
func TestNoCommandWithoutTokenShowsUsage(t *testing.T) {
	out, _, err := runCmd(t, nil)
	if err != nil || !strings.Contains(out, "dealbot serve [--http ADDR]") {
		t.Errorf("dealbot: %v\n%s", err, out)
	}
}

// TestHealth: /healthz says why the bot cannot answer until it can.
func TestHealth(t *testing.T) {
	check := func(h *health, wantStatus int, wantBody string) {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		if w.Code != wantStatus || strings.TrimSpace(w.Body.String()) != wantBody {
			t.Errorf("healthz: %d %q, want %d %q", w.Code, w.Body.String(), wantStatus, wantBody)
		}
	}
	h := &health{needGateway: true}
	check(h, http.StatusServiceUnavailable, "the index is not open yet")
	h.indexOpen.Store(true)
	check(h, http.StatusServiceUnavailable, "the commands are not registered yet")
	h.ready.Store(true)
	check(h, http.StatusServiceUnavailable, "not connected to the Discord gateway")
	h.needGateway = false
	check(h, http.StatusOK, "ok")
}
