package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/bot/discordtest"
	"dealbot/corpus"
	"dealbot/library"
)

// subcommand is the interaction of /article sub with options, sent by
// member (nil: in a DM, by the user).
func subcommand(member *discordgo.Member, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	i := command("article", &discordgo.ApplicationCommandInteractionDataOption{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts})
	i.Member = member
	if member == nil {
		i.GuildID = ""
		i.User = &discordgo.User{ID: "1000000000000000009", Username: "dm"}
	}
	return i
}

// TestMayModerate: the moderators' routes are for members with Manage
// Messages, Administrator or the moderator role, on every kind of
// interaction; never in a DM; and the other routes are for everyone.
func TestMayModerate(t *testing.T) {
	const role = "1300000000000000001"
	member := func(perms int64, roles ...string) *discordgo.Member {
		return &discordgo.Member{User: &discordgo.User{ID: "1000000000000000004", Username: "ada"}, Permissions: perms, Roles: roles}
	}
	ordinary := discordtest.MemberPermissions
	tests := []struct {
		name    string
		role    string // Options.ModeratorRole
		library bool
		member  *discordgo.Member
		want    error
	}{
		{"manage messages", "", true, member(ordinary | discordgo.PermissionManageMessages), nil},
		{"administrator", "", true, member(discordgo.PermissionAdministrator), nil},
		{"the moderator role", role, true, member(ordinary, "1300000000000000002", role), nil},
		{"another role", role, true, member(ordinary, "1300000000000000002"), errNotModerator},
		{"a role when none is configured", "", true, member(ordinary, ""), errNotModerator},
		{"an ordinary member", role, true, member(ordinary), errNotModerator},
		{"no permissions at all", "", true, member(0), errNotModerator},
		{"a DM", role, true, nil, errInDM},
		{"a moderator, with no library", "", false, member(discordgo.PermissionManageMessages), errNoLibrary},
		{"an ordinary member, with no library", "", false, member(ordinary), errNotModerator},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{ModeratorRole: tt.role}
			if tt.library {
				opts.Library = &library.Library{}
			}
			rt := New(nil, nil, opts)
			i := subcommand(tt.member, "add")
			for _, route := range []string{"article add", "article remove", "article restore", addPrefix, cancelPrefix, formPrefix} {
				if got := rt.mayModerate(i, route); got != tt.want {
					t.Errorf("%s: %v, want %v", route, got, tt.want)
				}
			}
			for _, route := range []string{"deal", "article show", "article list", pagePrefix} {
				if got := rt.mayModerate(i, route); got != nil {
					t.Errorf("%s is for everyone, but: %v", route, got)
				}
			}
		})
	}
}

// TestModeratorsRefused: whoever may not moderate gets a polite refusal
// only they see, before any handler runs (the router has no library to
// reach), whatever they use: a command, a button or the form.
func TestModeratorsRefused(t *testing.T) {
	rt := New(nil, nil, Options{Library: nopLibrary{}})
	button := click(addPrefix + "0123456789abcdef")
	form := &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Member: button.Member, Data: discordgo.ModalSubmitInteractionData{CustomID: formID}}
	member := &discordgo.Member{User: &discordgo.User{ID: "1000000000000000003"}, Permissions: discordtest.MemberPermissions}
	for _, i := range []*discordgo.Interaction{
		subcommand(member, "add", opt("url", "https://fernhollow.example/a")),
		subcommand(member, "add"),
		subcommand(member, "remove", opt("id", "0eb139bcb810732d")),
		subcommand(nil, "restore", opt("id", "0eb139bcb810732d")),
		button, form,
	} {
		resp := rt.Handle(context.Background(), i)
		checkResponse(t, resp)
		refused := strings.Contains(resp.Data.Content, "only moderators can") || strings.Contains(resp.Data.Content, "only in a server")
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral || !refused {
			t.Errorf("answered with type %d, flags %d: %q; want an ephemeral refusal", resp.Type, resp.Data.Flags, resp.Data.Content)
		}
	}
}

// nopLibrary is a library no refused interaction may reach.
type nopLibrary struct{ Library }

// TestModeratorsDeferral: a moderator's command is deferred privately,
// and at once when there is a page to fetch or a file to download, but
// never when it opens the form, which must be the first response.
func TestModeratorsDeferral(t *testing.T) {
	file := &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: "1"}
	tests := []struct {
		name string
		i    *discordgo.Interaction
		slow bool
	}{
		{"url", subcommand(nil, "add", opt("url", "https://fernhollow.example/a")), true},
		{"file", subcommand(nil, "add", file), true},
		{"form", subcommand(nil, "add"), false},
		{"remove", subcommand(nil, "remove", opt("id", "x")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readRequest(tt.i)
			if got := slow(r); got != tt.slow {
				t.Errorf("slow = %v, want %v", got, tt.slow)
			}
			d := deferral(tt.i, r)
			checkResponse(t, d)
			if d.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("deferred with flags %d, want ephemeral", d.Data.Flags)
			}
		})
	}
}

// TestPreviewFits: the preview of an article with more, and longer, facts
// than a message can hold stays within every Discord limit and Discord's
// spec; so do its duplicate's warning, what replaces it, and the form.
func TestPreviewFits(t *testing.T) {
	v, err := discordtest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Tell @everyone about **this** <@123> deal ", 60)
	a := corpus.Article{
		ID:     "0123456789abcdef",
		Title:  strings.Repeat("Quillon ", 37),
		Source: strings.Repeat("Fernhollow Ledger ", 20),
		URL:    "https://fernhollow.example/" + strings.Repeat("path/", 300),
		Date:   time.Date(2025, 9, 12, 0, 0, 0, 0, time.UTC),
		Body:   long,
	}
	var facts corpus.Facts
	for n := range 30 {
		amount := &corpus.Amount{Text: "$40m", Value: 4e7, Currency: "USD"}
		facts.Deals = append(facts.Deals, corpus.Deal{Parties: []string{fmt.Sprintf("Halvorsen %d Robotics", n), "Quenby Labs"}, Amount: amount, Kind: "acquisition", Status: "signed", Excerpt: long})
		facts.Quotes = append(facts.Quotes, corpus.Quote{Speaker: "Marit Eskdale", Text: long, Cue: "said", Excerpt: long})
	}
	d := library.Draft{Article: a, Facts: facts}
	dup := d
	dup.Duplicate = &corpus.DuplicateError{ID: "fedcba9876543210", Title: long}
	for name, resp := range map[string]*discordgo.InteractionResponse{
		"preview":   previewMessage(d, "0123456789abcdef"),
		"duplicate": previewMessage(dup, ""),
		"done":      doneMessage("Cancelled: nothing was added."),
		"form":      articleForm(),
	} {
		t.Run(name, func(t *testing.T) {
			if resp.Type != discordgo.InteractionResponseModal {
				checkResponse(t, resp)
			}
			for _, x := range v.Callback(resp) {
				t.Errorf("%s: %s", x.Path, x.Message)
			}
		})
	}
	if got := previewMessage(dup, "").Data.Components; len(got) != 0 {
		t.Errorf("a duplicate's preview has %d rows of buttons, want none", len(got))
	}
	if got := previewMessage(d, "0123456789abcdef").Data.Flags; got != discordgo.MessageFlagsEphemeral {
		t.Errorf("a preview's flags are %d, want ephemeral", got)
	}
}

// TestFormValues reads the text inputs of a form as Discord sends it.
func TestFormValues(t *testing.T) {
	body := `{"type": 5, "data": {"custom_id": "form:article", "components": [
		{"type": 1, "components": [{"type": 4, "custom_id": "title", "value": "Quillon buys Fernhollow"}]},
		{"type": 1, "components": [{"type": 4, "custom_id": "url", "value": ""}]},
		{"type": 1, "components": [{"type": 4, "custom_id": "text", "value": "First paragraph.\n\nSecond."}]}
	]}}`
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(body), &i); err != nil {
		t.Fatal(err)
	}
	got := formValues(i.ModalSubmitData().Components)
	want := map[string]string{"title": "Quillon buys Fernhollow", "url": "", "text": "First paragraph.\n\nSecond."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("form values (-want +got):\n%s", diff)
	}
}
