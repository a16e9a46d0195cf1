package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/index"
)

// fakeDiscord behaves as Discord does with the responses to one
// interaction: it takes one first response, lets @original be edited only
// after it, and keeps the message as the user sees it.
type fakeDiscord struct {
	mu        sync.Mutex
	first     discordgo.InteractionResponseType // 0 until the first response
	ephemeral bool
	msg       shown
	choices   []*discordgo.ApplicationCommandOptionChoice
	acked     chan struct{} // closed at the first response
}

// shown is a message as the user sees it.
type shown struct {
	Thinking   bool // "dealbot is thinking…"
	Content    string
	Embeds     int
	Components int
}

func newFakeDiscord(msg shown) *fakeDiscord {
	return &fakeDiscord{msg: msg, acked: make(chan struct{})}
}

func (f *fakeDiscord) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first != 0 {
		return errors.New("40060: interaction has already been acknowledged")
	}
	f.first = r.Type
	switch r.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		f.msg = shown{Content: r.Data.Content, Embeds: len(r.Data.Embeds), Components: len(r.Data.Components)}
		f.ephemeral = f.ephemeral || r.Data.Flags&discordgo.MessageFlagsEphemeral != 0 && r.Type == discordgo.InteractionResponseChannelMessageWithSource
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		f.msg = shown{Thinking: true}
		f.ephemeral = r.Data != nil && r.Data.Flags&discordgo.MessageFlagsEphemeral != 0
	case discordgo.InteractionResponseDeferredMessageUpdate:
		// The clicked message stays as it is.
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		f.choices = r.Data.Choices
	case discordgo.InteractionResponsePong:
	default:
		return errors.New("50035: invalid form body")
	}
	close(f.acked)
	return nil
}

func (f *fakeDiscord) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first == 0 || f.first == discordgo.InteractionApplicationCommandAutocompleteResult || f.first == discordgo.InteractionResponsePong {
		return errors.New("10015: unknown webhook")
	}
	f.msg.Thinking = false
	if e.Content != nil {
		f.msg.Content = *e.Content
	}
	if e.Embeds != nil {
		f.msg.Embeds = len(*e.Embeds)
	}
	if e.Components != nil {
		f.msg.Components = len(*e.Components)
	}
	return nil
}

// state returns what the fake holds.
func (f *fakeDiscord) state() (discordgo.InteractionResponseType, bool, shown) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.first, f.ephemeral, f.msg
}

// slowRouter is a router with a command and a button that answer only
// when release is closed (or their context ends).
func slowRouter(t *testing.T, release chan struct{}, deferAfter time.Duration) *Router {
	t.Helper()
	rt := New(nil, nil, Options{DeferAfter: deferAfter})
	wait := func(ctx context.Context) error {
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	rt.commands["slow"] = func(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
		if err := wait(ctx); err != nil {
			return nil, err
		}
		return answerMessage(index.Answer{Query: index.Query{Kind: "search", Text: "slow", Page: 1}, Total: 1,
			Results: []index.Result{{Article: index.Citation{ID: "a1", Title: "Slow news"}, Excerpt: "**slow**"}}}, r.boolean("private"), false), nil
	}
	rt.components["slow:"] = func(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
		if err := wait(ctx); err != nil {
			return nil, err
		}
		if r.customID == "slow:fail" {
			return nil, errBadButton
		}
		return answerMessage(index.Answer{Query: index.Query{Kind: "search", Text: "slow", Page: 2}, Total: 12,
			Results: []index.Result{{Article: index.Citation{ID: "a2", Title: "Page two"}}}}, false, true), nil
	}
	return rt
}

// TestRespondDefers: an answer slower than DeferAfter is deferred, then
// edited in; the deferral is ephemeral when the answer will be.
func TestRespondDefers(t *testing.T) {
	page := shown{Content: "**Passages matching “slow”** — 12 found, page 1 of 3", Embeds: 5, Components: 1}
	tests := []struct {
		name      string
		i         *discordgo.Interaction
		before    shown // the message when the fake was created: the clicked one, for a button
		first     discordgo.InteractionResponseType
		thinking  bool
		ephemeral bool
		want      shown
	}{
		{"command", command("slow"), shown{},
			discordgo.InteractionResponseDeferredChannelMessageWithSource, true, false,
			shown{Content: "**Passages matching “slow”** — 1 found", Embeds: 1}},
		{"private command", command("slow", opt("private", true)), shown{},
			discordgo.InteractionResponseDeferredChannelMessageWithSource, true, true,
			shown{Content: "**Passages matching “slow”** — 1 found", Embeds: 1}},
		{"button", click("slow:next"), page,
			discordgo.InteractionResponseDeferredMessageUpdate, false, false,
			shown{Content: "**Passages matching “slow”** — 12 found, page 2 of 3", Embeds: 1, Components: 1}},
		{"button that fails", click("slow:fail"), page,
			discordgo.InteractionResponseDeferredMessageUpdate, false, false,
			shown{Content: "That button no longer works. Please ask the question again.", Embeds: 5, Components: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			rt := slowRouter(t, release, time.Millisecond)
			fake := newFakeDiscord(tt.before)
			done := make(chan error, 1)
			go func() { done <- rt.Respond(context.Background(), tt.i, fake) }()

			<-fake.acked // the handler is still blocked: this can only be the deferral
			first, ephemeral, msg := fake.state()
			if first != tt.first {
				t.Errorf("first response type %d, want %d", first, tt.first)
			}
			if ephemeral != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", ephemeral, tt.ephemeral)
			}
			if msg.Thinking != tt.thinking || !tt.thinking && msg != tt.before {
				t.Errorf("while waiting the user sees %+v", msg)
			}

			close(release)
			if err := <-done; err != nil {
				t.Fatalf("Respond: %v", err)
			}
			_, _, msg = fake.state()
			if diff := cmp.Diff(tt.want, msg); diff != "" {
				t.Errorf("the user sees (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRespondAtOnce: an answer within DeferAfter is sent as it is, with
// no deferral and no edit; a send that fails is Respond's error.
func TestRespondAtOnce(t *testing.T) {
	release := make(chan struct{})
	close(release)
	rt := slowRouter(t, release, time.Hour)
	fake := newFakeDiscord(shown{})
	if err := rt.Respond(context.Background(), command("slow", opt("private", true)), fake); err != nil {
		t.Fatal(err)
	}
	first, ephemeral, msg := fake.state()
	if first != discordgo.InteractionResponseChannelMessageWithSource || !ephemeral {
		t.Errorf("first response type %d, ephemeral %v; want an ephemeral message (4)", first, ephemeral)
	}
	if want := (shown{Content: "**Passages matching “slow”** — 1 found", Embeds: 1}); msg != want {
		t.Errorf("the user sees %+v, want %+v", msg, want)
	}
	// A send that Discord refuses (a second first response) is an error.
	if err := rt.Respond(context.Background(), command("slow"), fake); err == nil {
		t.Error("a second first response succeeded")
	}
}

// TestRespondNeverDefersAutocomplete: choices slower than DeferAfter are
// still the first and only response; so is a pong.
func TestRespondNeverDefersAutocomplete(t *testing.T) {
	const deferAfter = time.Millisecond
	rt := New(nil, nil, Options{DeferAfter: deferAfter})
	rt.completers["deal company"] = func(ctx context.Context, r *request, typed string) []*discordgo.ApplicationCommandOptionChoice {
		<-time.After(20 * deferAfter) // well past the threshold
		return []*discordgo.ApplicationCommandOptionChoice{{Name: "Orrery Cloud", Value: "Orrery Cloud"}}
	}
	i := readInteraction(t, "autocomplete-company")
	fake := newFakeDiscord(shown{})
	if err := rt.Respond(context.Background(), i, fake); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := fake.state(); first != discordgo.InteractionApplicationCommandAutocompleteResult || len(fake.choices) != 1 {
		t.Errorf("first response type %d with %d choices, want choices (8)", first, len(fake.choices))
	}

	fake = newFakeDiscord(shown{})
	if err := rt.Respond(context.Background(), &discordgo.Interaction{Type: discordgo.InteractionPing}, fake); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := fake.state(); first != discordgo.InteractionResponsePong {
		t.Errorf("ping answered with type %d", first)
	}
}

// TestRespondCancelled: when ctx ends while a deferred answer is awaited,
// Respond returns, and so does the handler.
func TestRespondCancelled(t *testing.T) {
	release := make(chan struct{}) // never closed
	rt := slowRouter(t, release, time.Millisecond)
	returned := make(chan struct{})
	slow := rt.commands["slow"]
	rt.commands["slow"] = func(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
		defer close(returned)
		return slow(ctx, r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	fake := newFakeDiscord(shown{})
	done := make(chan error, 1)
	go func() { done <- rt.Respond(ctx, command("slow"), fake) }()
	<-fake.acked
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Respond = %v, want context.Canceled", err)
	}
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Error("the handler still runs after its context ended")
	}
}
