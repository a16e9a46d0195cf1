package discordtest_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"dealbot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// handler answers one interaction.
type handler func(*discordgo.Session, *discordgo.InteractionCreate)

// router sends each interaction to the handler registered for its id, so
// subtests share one session (discordgo's Close takes a second).
type router struct{ m sync.Map }

func (r *router) on(i *discordtest.Interaction, h handler) { r.m.Store(i.ID, h) }

func (r *router) handle(s *discordgo.Session, i *discordgo.InteractionCreate) {
	if h, ok := r.m.Load(i.ID); ok {
		h.(handler)(s, i)
	}
}

// shared starts a fake and a session routed by r.
func shared(t *testing.T, opts ...discordtest.Option) (*discordtest.Server, *discordgo.Session, *router) {
	t.Helper()
	fake := discordtest.New(t, opts...)
	s := session(t, fake, false)
	r := &router{}
	s.AddHandler(r.handle)
	open(t, s)
	return fake, s, r
}

// reply answers with a message of content, sending what it got on ch.
func reply(content string, ch chan<- *discordgo.Interaction) handler {
	return func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		if ch != nil {
			ch <- i.Interaction
		}
		_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: content, AllowedMentions: noMentions()},
		})
	}
}

// TestSession drives one real discordgo session against the fake.
func TestSession(t *testing.T) {
	t.Parallel()
	fake, s, r := shared(t)
	ctx := timeout(t)
	// answer has h answer i, dispatches i and awaits the answer.
	answer := func(t *testing.T, i *discordtest.Interaction, h handler) discordtest.Answer {
		t.Helper()
		r.on(i, h)
		fake.Dispatch(i)
		a, err := fake.Await(ctx, i.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	t.Run("ready", func(t *testing.T) {
		if err := fake.Connected(ctx); err != nil {
			t.Fatal(err)
		}
		type ready struct{ UserID, Username, AppID string }
		got := ready{UserID: s.State.User.ID, Username: s.State.User.Username, AppID: s.State.Application.ID}
		want := ready{UserID: discordtest.BotUserID, Username: discordtest.BotUsername, AppID: discordtest.AppID}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("state after Open (-want +got):\n%s", diff)
		}
		ids := fake.Identifies()
		if len(ids) != 1 || ids[0].Intents != discordgo.IntentsNone || ids[0].Token != "Bot "+discordtest.BotToken {
			t.Errorf("Identifies() = %+v, want one with no intents and the bot token", ids)
		}
	})

	t.Run("slash command", func(t *testing.T) {
		got := make(chan *discordgo.Interaction, 1)
		i := fake.SlashCommand("search", discordtest.String("query", "merger"),
			discordtest.Attachment("file", "deal.html", "text/html", []byte("<h1>Deal</h1>")))
		a := answer(t, i, reply("found 3 deals", got))
		type summary struct {
			Type            discordgo.InteractionResponseType
			Content         string
			OriginalContent string
			OriginalAuthor  string
		}
		want := summary{discordgo.InteractionResponseChannelMessageWithSource, "found 3 deals", "found 3 deals", discordtest.BotUserID}
		gotA := summary{a.Callback.Type, a.Callback.Data.Content, a.Original.Content, a.Original.Author.ID}
		if diff := cmp.Diff(want, gotA); diff != "" {
			t.Errorf("answer (-want +got):\n%s", diff)
		}

		// The handler got the attachment as Discord sends it: an id resolved
		// to a URL the fake's CDN serves.
		ix := <-got
		data := ix.ApplicationCommandData()
		att := data.Resolved.Attachments[data.GetOption("file").Value.(string)]
		resp, err := fake.HTTPClient().Get(att.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != "<h1>Deal</h1>" || resp.Header.Get("Content-Type") != "text/html" {
			t.Errorf("attachment: %q (%s), want the bytes added", body, resp.Header.Get("Content-Type"))
		}
		if ix.Member == nil || ix.Member.Permissions != discordtest.MemberPermissions || ix.AppPermissions != discordtest.BotPermissions {
			t.Errorf("member %+v app permissions %d: permissions did not decode", ix.Member, ix.AppPermissions)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		a := answer(t, fake.Autocomplete("search", discordtest.Focused("query", "mer")), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			var choices []*discordgo.ApplicationCommandOptionChoice
			for _, c := range []string{"merger", "mercury"} {
				choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
			}
			_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: choices},
			})
		})
		var got []string
		for _, c := range a.Callback.Data.Choices {
			got = append(got, fmt.Sprint(c.Name, "=", c.Value))
		}
		if diff := cmp.Diff([]string{"merger=merger", "mercury=mercury"}, got); diff != "" || a.Original != nil {
			t.Errorf("choices (-want +got):\n%s\n@original %v, want none", diff, a.Original)
		}
	})

	t.Run("deferred edit and follow-ups", func(t *testing.T) {
		errs := make(chan error, 1)
		i := fake.SlashCommand("search")
		r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			errs <- deferAndFollowUp(s, i.Interaction)
		})
		fake.Dispatch(i)
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		a, err := fake.AwaitFunc(ctx, i.ID, func(a discordtest.Answer) bool { return len(a.Followups) == 1 })
		if err != nil {
			t.Fatal(err)
		}
		type state struct {
			Callback  discordgo.InteractionResponseType
			Original  string
			Flags     discordgo.MessageFlags
			Edits     int
			Followups []string
		}
		got := state{a.Callback.Type, a.Original.Content, a.Original.Flags, a.Edits, nil}
		for _, f := range a.Followups {
			got.Followups = append(got.Followups, f.Content)
		}
		want := state{discordgo.InteractionResponseDeferredChannelMessageWithSource, "3 deals", discordgo.MessageFlagsEphemeral, 1, []string{"more, edited"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("answer (-want +got):\n%s", diff)
		}
	})

	t.Run("answered is when the deferred answer came", func(t *testing.T) {
		type times struct{ deferred, editing time.Time }
		got := make(chan times, 1)
		a := answer(t, fake.SlashCommand("search"), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			var tm times
			_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			tm.deferred = time.Now()
			time.Sleep(20 * time.Millisecond)
			tm.editing = time.Now()
			content := "found it"
			_, _ = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
			got <- tm
		})
		tm := <-got
		if a.Dispatched.IsZero() || !a.Dispatched.Before(tm.deferred) {
			t.Errorf("dispatched at %v, not before the deferral at %v", a.Dispatched, tm.deferred)
		}
		if !a.Answered.After(tm.editing) {
			t.Errorf("answered at %v, not after the edit began at %v: the deferral is not the answer", a.Answered, tm.editing)
		}
	})

	t.Run("WaitAnswered waits past a deferral", func(t *testing.T) {
		i := fake.SlashCommand("search")
		r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			time.Sleep(20 * time.Millisecond)
			content := "found it"
			_, _ = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
		})
		fake.Dispatch(i)
		if err := fake.WaitAnswered(ctx, i.ID); err != nil {
			t.Fatal(err)
		}
		// The answer as it is now, without waiting for anything more.
		a, err := fake.AwaitFunc(ctx, i.ID, func(discordtest.Answer) bool { return true })
		if err != nil || a.Edits != 1 || a.Original.Content != "found it" {
			t.Errorf("after WaitAnswered: %d edits, @original %+v, %v; want the edit", a.Edits, a.Original, err)
		}
		for name, wait := range map[string]func() error{
			"WaitAnswered": func() error { return fake.WaitAnswered(ctx, "1") },
			"Await":        func() error { _, err := fake.Await(ctx, "1"); return err },
		} {
			if err := wait(); err == nil || !strings.Contains(err.Error(), "unknown") {
				t.Errorf("%s of an unknown interaction: %v, want it unknown at once", name, err)
			}
		}
	})

	t.Run("button click updates the message", func(t *testing.T) {
		page := func(n int, update bool) handler {
			return func(s *discordgo.Session, i *discordgo.InteractionCreate) {
				typ := discordgo.InteractionResponseChannelMessageWithSource
				if update {
					typ = discordgo.InteractionResponseUpdateMessage
				}
				_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: typ,
					Data: &discordgo.InteractionResponseData{
						Content:         fmt.Sprintf("page %d", n),
						AllowedMentions: noMentions(),
						Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
							discordgo.Button{Label: "Next", CustomID: fmt.Sprintf("page:%d", n+1)},
						}}},
					},
				})
			}
		}
		first := answer(t, fake.SlashCommand("search"), page(1, false))
		second := answer(t, fake.ButtonClick(first.Original, "page:2"), page(2, true))
		if second.Original.ID != first.Original.ID || second.Original.Content != "page 2" {
			t.Errorf("after the click @original is %s %q, want %s %q", second.Original.ID, second.Original.Content, first.Original.ID, "page 2")
		}
		// The next click is on the message as it is now.
		fake.ButtonClick(second.Original, "page:3")
	})

	t.Run("modal", func(t *testing.T) {
		opened := answer(t, fake.SlashCommand("note"), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			_ = s.InteractionRespond(i.Interaction, modalResponse("note"))
		})
		if opened.Callback.Type != discordgo.InteractionResponseModal || opened.Callback.Data.Title != "Add a note" || opened.Original != nil {
			t.Fatalf("answer %+v, want a modal and no message", opened.Callback)
		}
		a := answer(t, fake.ModalSubmit("note", discordtest.TextInput("text", "big deal")), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			in := i.ModalSubmitData().Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput)
			reply("noted: "+in.Value, nil)(s, i)
		})
		if a.Original.Content != "noted: big deal" {
			t.Errorf("@original %q, want %q", a.Original.Content, "noted: big deal")
		}
	})

	t.Run("modal from a button updates the message", func(t *testing.T) {
		first := answer(t, fake.SlashCommand("deal"), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			resp := message("deal 7")
			resp.Data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons("rename")}}
			_ = s.InteractionRespond(i.Interaction, resp)
		})
		answer(t, fake.ButtonClick(first.Original, "rename"), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			_ = s.InteractionRespond(i.Interaction, modalResponse("rename-modal"))
		})
		a := answer(t, fake.ModalSubmit("rename-modal", discordtest.TextInput("text", "deal 8")), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			in := i.ModalSubmitData().Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput)
			resp := message(in.Value)
			resp.Type = discordgo.InteractionResponseUpdateMessage
			_ = s.InteractionRespond(i.Interaction, resp)
		})
		if a.Original.ID != first.Original.ID || a.Original.Content != "deal 8" {
			t.Errorf("@original %s %q, want %s %q", a.Original.ID, a.Original.Content, first.Original.ID, "deal 8")
		}
	})

	t.Run("file upload", func(t *testing.T) {
		a := answer(t, fake.SlashCommand("export"), func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{
					Content: "here", AllowedMentions: noMentions(),
					Files: []*discordgo.File{{Name: "deals.csv", ContentType: "text/csv", Reader: strings.NewReader("a,b\n")}},
				},
			})
		})
		if len(a.Original.Attachments) != 1 || a.Original.Attachments[0].Filename != "deals.csv" {
			t.Fatalf("attachments %+v, want deals.csv", a.Original.Attachments)
		}
		resp, err := fake.HTTPClient().Get(a.Original.Attachments[0].URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if b, _ := io.ReadAll(resp.Body); string(b) != "a,b\n" {
			t.Errorf("attachment %q, want the uploaded bytes", b)
		}
	})

	faults := []struct {
		name       string
		fault      discordtest.Fault
		wantStatus []int // of the callback requests, in order
		wantErr    bool
	}{
		{"429 is retried", discordtest.Fault{Method: "POST", Path: "/interactions/*/*/callback", Times: 2}, []int{429, 429, 204}, false},
		{"502 is retried", discordtest.Fault{Path: "/interactions/*/*/callback", Status: 502}, []int{502, 204}, false},
		{"500 is an error", discordtest.Fault{Path: "/interactions/*/*/callback", Status: 500}, []int{500}, true},
	}
	for _, tt := range faults {
		t.Run(tt.name, func(t *testing.T) {
			errs := make(chan error, 1)
			i := fake.SlashCommand("ping")
			r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
				errs <- s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Content: "ok", AllowedMentions: noMentions()},
				})
			})
			fake.Inject(tt.fault)
			fake.Dispatch(i)
			var err error
			select {
			case err = <-errs:
			case <-ctx.Done():
				t.Fatal("no response")
			}
			var rest *discordgo.RESTError
			if gotErr := errors.As(err, &rest); gotErr != tt.wantErr {
				t.Errorf("InteractionRespond: %v, want a RESTError: %v", err, tt.wantErr)
			}
			var got []int
			for _, req := range fake.Requests() {
				if req.Method == "POST" && strings.HasPrefix(req.Path, "/interactions/"+i.ID+"/") {
					got = append(got, req.Status)
				}
			}
			if diff := cmp.Diff(tt.wantStatus, got); diff != "" {
				t.Errorf("callback statuses (-want +got):\n%s", diff)
			}
			if !tt.wantErr {
				a, err := fake.Await(ctx, i.ID)
				if err != nil || a.Original == nil || a.Original.Content != "ok" {
					t.Errorf("Await = %+v, %v; want @original with content ok", a.Original, err)
				}
			}
		})
	}
}

// modalResponse opens a modal asking for one required text input, "text".
func modalResponse(customID string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: customID, Title: "Add a note", Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Label: "Note", Style: discordgo.TextInputParagraph, Required: true, MaxLength: 100},
			}},
		}},
	}
}

// deferAndFollowUp defers an ephemeral answer, checks the "thinking"
// message, edits it, sends two follow-ups, deletes one and edits the other.
func deferAndFollowUp(s *discordgo.Session, i *discordgo.Interaction) error {
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		return err
	}
	m, err := s.InteractionResponse(i)
	if err != nil {
		return err
	}
	if m.Flags&(1<<7) == 0 {
		return fmt.Errorf("deferred @original flags %d, want loading", m.Flags)
	}
	content := "3 deals"
	if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
		return err
	}
	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "more", AllowedMentions: noMentions()})
	if err != nil {
		return err
	}
	gone, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "gone", AllowedMentions: noMentions()})
	if err != nil {
		return err
	}
	if err := s.FollowupMessageDelete(i, gone.ID); err != nil {
		return err
	}
	content = "more, edited"
	_, err = s.FollowupMessageEdit(i, f.ID, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
	return err
}
