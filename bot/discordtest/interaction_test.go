package discordtest_test

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"dealbot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// shape is what a test checks of a decoded interaction.
type shape struct {
	Type           discordgo.InteractionType
	AppID          string
	GuildID        string
	ChannelID      string
	MemberID       string
	MemberPerms    int64
	UserID         string
	AppPermissions int64
	Data           string
}

func shapeOf(i *discordgo.Interaction) shape {
	s := shape{
		Type: i.Type, AppID: i.AppID, GuildID: i.GuildID, ChannelID: i.ChannelID,
		AppPermissions: i.AppPermissions,
	}
	if i.Member != nil && i.Member.User != nil {
		s.MemberID, s.MemberPerms = i.Member.User.ID, i.Member.Permissions
	}
	if i.User != nil {
		s.UserID = i.User.ID
	}
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		var opts []string
		for _, o := range d.Options {
			v := o.Value
			if o.Type == discordgo.ApplicationCommandOptionAttachment && d.Resolved != nil {
				if a := d.Resolved.Attachments[v.(string)]; a != nil && a.URL != "" {
					v = "resolved " + a.Filename
				}
			}
			opts = append(opts, fmt.Sprintf("%s:%d=%v focused=%v", o.Name, o.Type, v, o.Focused))
		}
		s.Data = fmt.Sprintf("command %s %v", d.Name, opts)
	case discordgo.MessageComponentInteractionData:
		s.Data = fmt.Sprintf("component %s type %d values %v on %s", d.CustomID, d.ComponentType, d.Values, i.Message.ID)
	case discordgo.ModalSubmitInteractionData:
		var vals []string
		for _, row := range d.Components {
			for _, c := range row.(*discordgo.ActionsRow).Components {
				in := c.(*discordgo.TextInput)
				vals = append(vals, in.CustomID+"="+in.Value)
			}
		}
		s.Data = fmt.Sprintf("modal %s %v", d.CustomID, vals)
	}
	return s
}

func TestBuilders(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	guild := func(typ discordgo.InteractionType, data string) shape {
		return shape{
			Type: typ, AppID: discordtest.AppID, GuildID: discordtest.GuildID, ChannelID: discordtest.ChannelID,
			MemberID: discordtest.UserID, MemberPerms: discordtest.MemberPermissions,
			AppPermissions: discordtest.BotPermissions, Data: data,
		}
	}
	msg := &discordgo.Message{ID: "500000000000000001", ChannelID: discordtest.ChannelID, Components: []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next", CustomID: "next"},
		}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: "pick", Options: []discordgo.SelectMenuOption{{Label: "A", Value: "a"}}},
		}},
	}}
	tests := []struct {
		name string
		i    *discordtest.Interaction
		want shape
	}{
		{
			"slash command",
			fake.SlashCommand("search", discordtest.String("query", "merger"), discordtest.Integer("limit", 5),
				discordtest.Boolean("exact", true), discordtest.Attachment("file", "a.html", "text/html", []byte("<p>"))),
			guild(discordgo.InteractionApplicationCommand, "command search [query:3=merger focused=false limit:4=5 focused=false exact:5=true focused=false file:11=resolved a.html focused=false]"),
		},
		{
			"moderator",
			fake.SlashCommand("purge", discordtest.Permissions(discordgo.PermissionManageMessages)),
			func() shape {
				s := guild(discordgo.InteractionApplicationCommand, "command purge []")
				s.MemberPerms = discordgo.PermissionManageMessages
				return s
			}(),
		},
		{
			"in a DM",
			fake.SlashCommand("search", discordtest.InDM(), discordtest.By("400000000000000009", "alice")),
			shape{
				Type: discordgo.InteractionApplicationCommand, AppID: discordtest.AppID, ChannelID: discordtest.DMChannelID,
				UserID: "400000000000000009", AppPermissions: discordtest.BotPermissions, Data: "command search []",
			},
		},
		{
			"autocomplete",
			fake.Autocomplete("search", discordtest.Focused("query", "mer")),
			guild(discordgo.InteractionApplicationCommandAutocomplete, "command search [query:3=mer focused=true]"),
		},
		{
			"button",
			fake.ButtonClick(msg, "next"),
			guild(discordgo.InteractionMessageComponent, "component next type 2 values [] on 500000000000000001"),
		},
		{
			"select",
			fake.SelectMenu(msg, "pick", []string{"a"}),
			guild(discordgo.InteractionMessageComponent, "component pick type 3 values [a] on 500000000000000001"),
		},
		{
			"modal submit",
			fake.ModalSubmit("note", discordtest.TextInput("text", "hello"), discordtest.TextInput("tags", "x")),
			guild(discordgo.InteractionModalSubmit, "modal note [text=hello tags=x]"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.i.Decode()
			if diff := cmp.Diff(tt.want, shapeOf(got)); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
			if got.ID != tt.i.ID || got.Token != tt.i.Token || got.Version != 1 {
				t.Errorf("id %q token %q version %d, want %q %q 1", got.ID, got.Token, got.Version, tt.i.ID, tt.i.Token)
			}
			var raw map[string]any
			if err := json.Unmarshal(tt.i.JSON(), &raw); err != nil {
				t.Fatal(err)
			}
			if _, ok := raw["app_permissions"].(string); !ok {
				t.Errorf("app_permissions is %T, Discord sends a string", raw["app_permissions"])
			}
			if m, ok := raw["member"].(map[string]any); ok {
				if _, ok := m["permissions"].(string); !ok {
					t.Errorf("member.permissions is %T, Discord sends a string", m["permissions"])
				}
			}
		})
	}
}

func TestBulkOverwrite(t *testing.T) {
	t.Parallel()
	perm := int64(discordgo.PermissionManageMessages)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "search", Description: "Search the deals", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "query", Description: "Words to find", Required: true, Autocomplete: true},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit", Description: "How many"},
		}},
		{Name: "purge", Description: "Remove a deal", DefaultMemberPermissions: &perm},
	}
	for _, guildID := range []string{"", discordtest.GuildID} {
		t.Run("guild="+guildID, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			s := session(t, fake, false)
			first, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, guildID, cmds)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, guildID, cmds)
			if err != nil {
				t.Fatal(err)
			}
			ignore := cmpopts.IgnoreFields(discordgo.ApplicationCommand{}, "ID", "ApplicationID", "Version", "GuildID", "Type", "DMPermission", "NSFW", "IntegrationTypes")
			if diff := cmp.Diff(cmds, first, ignore); diff != "" {
				t.Errorf("answer (-sent +got):\n%s", diff)
			}
			if diff := cmp.Diff(first, fake.Commands(guildID), cmpopts.IgnoreFields(discordgo.ApplicationCommand{}, "Version")); diff != "" {
				t.Errorf("Commands(%q) (-answered +got):\n%s", guildID, diff)
			}
			for k, c := range first {
				if c.ID == "" || c.ID != again[k].ID || c.GuildID != guildID || c.ApplicationID != discordtest.AppID {
					t.Errorf("command %s: id %q then %q, guild %q, app %q; want a stable id in scope %q", c.Name, c.ID, again[k].ID, c.GuildID, c.ApplicationID, guildID)
				}
			}
			if p := first[1].DefaultMemberPermissions; p == nil || *p != perm {
				t.Errorf("default_member_permissions = %v, want %d", p, perm)
			}
		})
	}
}

// TestBuilderChecks shows the builders refusing interactions Discord could
// not send: they fail the test that builds them.
func TestBuilderChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(*discordtest.Server, *discordgo.Message)
		want  string // in the one error reported
	}{
		{"unregistered command", func(f *discordtest.Server, _ *discordgo.Message) { f.SlashCommand("nope") }, `no chat-input command "nope"`},
		{"undeclared option", func(f *discordtest.Server, _ *discordgo.Message) {
			f.SlashCommand("search", discordtest.String("query", "x"), discordtest.String("color", "red"))
		}, "option color is not declared"},
		{"wrong option type", func(f *discordtest.Server, _ *discordgo.Message) {
			f.SlashCommand("search", discordtest.Integer("query", 1))
		}, "option query is Integer, declared as String"},
		{"missing required option", func(f *discordtest.Server, _ *discordgo.Message) { f.SlashCommand("search") }, "required option query is missing"},
		{"focus without autocomplete", func(f *discordtest.Server, _ *discordgo.Message) {
			f.Autocomplete("search", discordtest.Focused("limit", "1"))
		}, "declared without autocomplete"},
		{"button not on the message", func(f *discordtest.Server, m *discordgo.Message) { f.ButtonClick(m, "other") }, "no component with this custom_id"},
		{"disabled button", func(f *discordtest.Server, m *discordgo.Message) { f.ButtonClick(m, "off") }, "disabled"},
		{"text input on a command", func(f *discordtest.Server, _ *discordgo.Message) {
			f.SlashCommand("search", discordtest.String("query", "x"), discordtest.TextInput("a", "b"))
		}, "part of a ModalSubmit"},
	}
	msg := &discordgo.Message{ID: "500000000000000001", Components: []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "On", CustomID: "on"}, discordgo.Button{Label: "Off", CustomID: "off", Disabled: true},
		}},
	}}
	rec := &recorder{TB: t}
	fake := discordtest.New(rec)
	s := session(t, fake, false)
	_, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, "", []*discordgo.ApplicationCommand{
		{Name: "search", Description: "Search", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "query", Description: "Words", Required: true, Autocomplete: true},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit", Description: "How many"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.build(fake, msg)
			lines := rec.take()
			if len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
				t.Errorf("errors %q, want one containing %q", lines, tt.want)
			}
		})
	}
}

// endpoint is a minimal HTTP interactions endpoint, as the bot serves one.
func endpoint(t *testing.T, pub ed25519.PublicKey) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !discordgo.VerifyInteraction(r, pub) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var i discordgo.Interaction
		if err := json.NewDecoder(r.Body).Decode(&i); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp := discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
		if i.Type == discordgo.InteractionApplicationCommand {
			resp = discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "over HTTP", AllowedMentions: noMentions()},
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDeliver(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	pub, priv := discordtest.NewKey()
	_, stranger := discordtest.NewKey()
	srv := endpoint(t, pub)
	ctx := timeout(t)

	tests := []struct {
		name       string
		i          *discordtest.Interaction
		key        ed25519.PrivateKey
		wantStatus int
		wantType   discordgo.InteractionResponseType
		wantText   string
	}{
		{"ping", fake.Ping(), priv, 200, discordgo.InteractionResponsePong, ""},
		{"command", fake.SlashCommand("search"), priv, 200, discordgo.InteractionResponseChannelMessageWithSource, "over HTTP"},
		{"forged", fake.Ping(), stranger, 401, 0, ""},
	}
	for _, tt := range tests {
		status, err := fake.Deliver(ctx, srv.URL, tt.key, tt.i)
		if err != nil || status != tt.wantStatus {
			t.Errorf("%s: Deliver = %d, %v; want %d", tt.name, status, err, tt.wantStatus)
			continue
		}
		if status != 200 {
			continue
		}
		a, err := fake.Await(ctx, tt.i.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := ""
		if a.Original != nil {
			text = a.Original.Content
		}
		if a.Callback.Type != tt.wantType || text != tt.wantText {
			t.Errorf("%s: answer type %d @original %q, want %d %q", tt.name, a.Callback.Type, text, tt.wantType, tt.wantText)
		}
	}
}

func TestDeliverTooLate(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.ExpectViolations(), discordtest.ResponseDeadline(1))
	pub, priv := discordtest.NewKey()
	srv := endpoint(t, pub)
	i := fake.SlashCommand("search")
	if _, err := fake.Deliver(timeout(t), srv.URL, priv, i); err != nil {
		t.Fatal(err)
	}
	vs := fake.Violations()
	if len(vs) != 1 || !strings.Contains(vs[0].Message, "Discord gives up after 1ns") {
		t.Errorf("violations %v, want one for the late answer", vs)
	}
}

func TestSign(t *testing.T) {
	t.Parallel()
	pub, priv := discordtest.NewKey()
	body := []byte(`{"type":1}`)
	tests := []struct {
		name   string
		tamper func(*http.Request)
		want   bool
	}{
		{"signed", func(*http.Request) {}, true},
		{"other timestamp", func(r *http.Request) { r.Header.Set("X-Signature-Timestamp", "1") }, false},
		{"no signature", func(r *http.Request) { r.Header.Del("X-Signature-Ed25519") }, false},
	}
	for _, tt := range tests {
		r := discordtest.NewSignedRequest(priv, "/interactions", body)
		tt.tamper(r)
		if got := discordgo.VerifyInteraction(r, pub); got != tt.want {
			t.Errorf("%s: VerifyInteraction = %v, want %v", tt.name, got, tt.want)
		}
		if b, _ := io.ReadAll(r.Body); string(b) != string(body) {
			t.Errorf("%s: body %q after verifying, want %q", tt.name, b, body)
		}
	}
}
