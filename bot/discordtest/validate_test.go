package discordtest_test

import (
	"errors"
	"strings"
	"testing"

	"dealbot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// flagged is what a test checks of a violation.
type flagged struct {
	Path    string
	Refused bool
}

func flags(vs []discordtest.Violation) []flagged {
	var out []flagged
	for _, v := range vs {
		out = append(out, flagged{v.Path, v.Refused})
	}
	return out
}

// checkFlagged fails t unless got flags exactly want.
func checkFlagged(t *testing.T, want []flagged, got []discordtest.Violation) {
	t.Helper()
	if diff := cmp.Diff(want, flags(got)); diff != "" {
		t.Errorf("violations (-want +got):\n%s\nall: %v", diff, got)
	}
}

func message(content string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: content, AllowedMentions: noMentions()},
	}
}

func withEmbeds(embeds ...*discordgo.MessageEmbed) *discordgo.InteractionResponse {
	r := message("")
	r.Data.Embeds = embeds
	return r
}

func withRows(rows ...[]discordgo.MessageComponent) *discordgo.InteractionResponse {
	r := message("pick one")
	for _, row := range rows {
		r.Data.Components = append(r.Data.Components, discordgo.ActionsRow{Components: row})
	}
	return r
}

func buttons(ids ...string) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	for _, id := range ids {
		out = append(out, discordgo.Button{Label: "Go", CustomID: id})
	}
	return out
}

func choices(n, nameLen int) *discordgo.InteractionResponse {
	var cs []*discordgo.ApplicationCommandOptionChoice
	for k := range n {
		cs = append(cs, &discordgo.ApplicationCommandOptionChoice{Name: strings.Repeat("n", nameLen), Value: string(rune('a' + k%26))})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: cs},
	}
}

func modal(title string, rows ...discordgo.TextInput) *discordgo.InteractionResponse {
	r := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: "note", Title: title},
	}
	for _, in := range rows {
		r.Data.Components = append(r.Data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{in}})
	}
	return r
}

func input(id string) discordgo.TextInput {
	return discordgo.TextInput{CustomID: id, Label: "Note", Style: discordgo.TextInputShort, Required: true}
}

// TestValidator checks bodies without a network, as a handler test would.
func TestValidator(t *testing.T) {
	t.Parallel()
	v, err := discordtest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("callbacks", func(t *testing.T) { validatorCallbacks(t, v) })
	t.Run("commands", func(t *testing.T) { validatorCommands(t, v) })
	t.Run("raw", func(t *testing.T) { validatorRaw(t, v) })
}

func validatorCallbacks(t *testing.T, v *discordtest.Validator) {
	noAllowed := message("hi")
	noAllowed.Data.AllowedMentions = nil
	pings := message("hi")
	pings.Data.AllowedMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeEveryone}}
	linkNoURL := withRows([]discordgo.MessageComponent{discordgo.Button{Label: "Site", Style: discordgo.LinkButton}})
	selectAndButton := withRows([]discordgo.MessageComponent{
		discordgo.SelectMenu{CustomID: "pick", Options: []discordgo.SelectMenuOption{{Label: "A", Value: "a"}}},
		discordgo.Button{Label: "Go", CustomID: "go"},
	})
	fields := func(n int, name, value string) *discordgo.MessageEmbed {
		e := &discordgo.MessageEmbed{Title: "deal"}
		for range n {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
		}
		return e
	}
	many := func(n int) []*discordgo.MessageEmbed {
		var out []*discordgo.MessageEmbed
		for range n {
			out = append(out, &discordgo.MessageEmbed{Title: "deal"})
		}
		return out
	}
	tests := []struct {
		name string
		resp *discordgo.InteractionResponse
		want []flagged
	}{
		{"good message", message(strings.Repeat("€", 2000)), nil},
		{"deferred", &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}, nil},
		{"good modal", modal("Add a note", input("a"), input("b")), nil},
		{"good embed", withEmbeds(&discordgo.MessageEmbed{
			URL: "https://example.com/deal", Title: "Deal", Description: "A merger", Color: 0x2b6cb0,
			Timestamp: "2026-07-18T10:00:00Z", Footer: &discordgo.MessageEmbedFooter{Text: "dealbot"},
			Author: &discordgo.MessageEmbedAuthor{Name: "Reuters"}, Thumbnail: &discordgo.MessageEmbedThumbnail{URL: "https://example.com/t.png"},
			Fields: []*discordgo.MessageEmbedField{{Name: "Value", Value: "$3bn", Inline: true}},
		}), nil},
		{"good select", withRows([]discordgo.MessageComponent{discordgo.SelectMenu{
			CustomID: "pick", Placeholder: "Pick a deal",
			Options: []discordgo.SelectMenuOption{{Label: "A", Value: "a", Description: "first"}, {Label: "B", Value: "b"}},
		}}, []discordgo.MessageComponent{discordgo.Button{Label: "Site", Style: discordgo.LinkButton, URL: "https://example.com"}}), nil},
		{"good choices", choices(25, 100), nil},
		{"content of 2001 runes", message(strings.Repeat("€", 2001)), []flagged{{"/data/content", true}}},
		{"empty message", message(""), []flagged{{"/data", true}}},
		{"no allowed_mentions", noAllowed, []flagged{{"/data/allowed_mentions", false}}},
		{"mentions allowed", pings, []flagged{{"/data/allowed_mentions/parse", false}}},
		{"11 embeds", withEmbeds(many(11)...), []flagged{{"/data/embeds", true}}},
		{"title of 257", withEmbeds(&discordgo.MessageEmbed{Title: strings.Repeat("t", 257)}), []flagged{{"/data/embeds/0/title", true}}},
		{"description of 4097", withEmbeds(&discordgo.MessageEmbed{Description: strings.Repeat("d", 4097)}), []flagged{{"/data/embeds/0/description", true}}},
		{"6001 across embeds", withEmbeds(&discordgo.MessageEmbed{Description: strings.Repeat("d", 4000)}, &discordgo.MessageEmbed{Description: strings.Repeat("d", 2001)}), []flagged{{"/data/embeds", true}}},
		{"26 fields", withEmbeds(fields(26, "n", "v")), []flagged{{"/data/embeds/0/fields", true}}},
		{"blank field name", withEmbeds(fields(1, " ", "v")), []flagged{{"/data/embeds/0/fields/0/name", true}}},
		{"field value of 1025", withEmbeds(fields(1, "n", strings.Repeat("v", 1025))), []flagged{{"/data/embeds/0/fields/0/value", true}}},
		{"footer of 2049", withEmbeds(&discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2049)}}), []flagged{{"/data/embeds/0/footer/text", true}}},
		{"author of 257", withEmbeds(&discordgo.MessageEmbed{Author: &discordgo.MessageEmbedAuthor{Name: strings.Repeat("a", 257)}}), []flagged{{"/data/embeds/0/author/name", true}}},
		{"6 rows", withRows(buttons("a"), buttons("b"), buttons("c"), buttons("d"), buttons("e"), buttons("f")), []flagged{{"/data/components", true}}},
		{"6 buttons in a row", withRows(buttons("a", "b", "c", "d", "e", "f")), []flagged{{"/data/components/0/components", true}}},
		{"label of 81", withRows([]discordgo.MessageComponent{discordgo.Button{Label: strings.Repeat("l", 81), CustomID: "a"}}), []flagged{{"/data/components/0/components/0/label", true}}},
		{"custom_id of 101", withRows(buttons(strings.Repeat("c", 101))), []flagged{{"/data/components/0/components/0/custom_id", true}}},
		{"duplicate custom_id", withRows(buttons("a"), buttons("a")), []flagged{{"/data/components/1/components/0/custom_id", true}}},
		{"link without url", linkNoURL, []flagged{{"/data/components/0/components/0/url", true}}},
		{"select beside a button", selectAndButton, []flagged{{"/data/components/0/components/0", true}}},
		{"26 choices", choices(26, 5), []flagged{{"/data/choices", true}}},
		{"choice name of 101", choices(1, 101), []flagged{{"/data/choices/0/name", true}}},
		{"modal title of 46", modal(strings.Repeat("t", 46), input("a")), []flagged{{"/data/title", true}}},
		{"modal of 6 rows", modal("Note", input("a"), input("b"), input("c"), input("d"), input("e"), input("f")), []flagged{{"/data/components", true}}},
		{"modal with duplicate ids", modal("Note", input("a"), input("a")), []flagged{{"/data/components/1/components/0/custom_id", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlagged(t, tt.want, v.Callback(tt.resp)) })
	}
}

func validatorCommands(t *testing.T, v *discordtest.Validator) {
	opt := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "An option", Required: required}
	}
	cmd := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: name, Description: desc, Options: opts}
	}
	perm := int64(discordgo.PermissionManageMessages)
	withPerm := cmd("purge", "Remove a deal")
	withPerm.DefaultMemberPermissions = &perm
	var options []*discordgo.ApplicationCommandOption
	for k := range 26 {
		options = append(options, opt(string(rune('a'+k)), false))
	}
	both := opt("query", false)
	both.Autocomplete = true
	both.Choices = []*discordgo.ApplicationCommandOptionChoice{{Name: "a", Value: "a"}}
	tests := []struct {
		name string
		cmds []*discordgo.ApplicationCommand
		want []flagged
	}{
		{"good", []*discordgo.ApplicationCommand{cmd("search", "Search the deals", opt("query", true), opt("limit", false)), withPerm}, nil},
		{"non-latin name", []*discordgo.ApplicationCommand{cmd("поиск", "Search")}, nil},
		{"uppercase name", []*discordgo.ApplicationCommand{cmd("Search", "Search")}, []flagged{{"/0/name", true}}},
		{"name with a space", []*discordgo.ApplicationCommand{cmd("find deals", "Search")}, []flagged{{"/0/name", true}}},
		{"empty description", []*discordgo.ApplicationCommand{cmd("search", "")}, []flagged{{"/0/description", true}}},
		{"description of 101", []*discordgo.ApplicationCommand{cmd("search", strings.Repeat("d", 101))}, []flagged{{"/0/description", true}}},
		{"26 options", []*discordgo.ApplicationCommand{cmd("search", "Search", options...)}, []flagged{{"/0/options", true}}},
		{"uppercase option", []*discordgo.ApplicationCommand{cmd("search", "Search", opt("Query", false))}, []flagged{{"/0/options/0/name", true}}},
		{"required after optional", []*discordgo.ApplicationCommand{cmd("search", "Search", opt("a", false), opt("b", true))}, []flagged{{"/0/options/1/required", true}}},
		{"choices and autocomplete", []*discordgo.ApplicationCommand{cmd("search", "Search", both)}, []flagged{{"/0/options/0/autocomplete", true}}},
		{"duplicate names", []*discordgo.ApplicationCommand{cmd("search", "A"), cmd("search", "B")}, []flagged{{"/1/name", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlagged(t, tt.want, v.Commands(tt.cmds)) })
	}
}

// validatorRaw checks bodies discordgo's types cannot express.
func validatorRaw(t *testing.T, v *discordtest.Validator) {
	const callback = "/interactions/1/tok/callback"
	tests := []struct {
		name         string
		method, path string
		body         string
		want         []flagged
	}{
		{"permissions as a string", "PUT", "/applications/1/commands", `[{"name":"a","description":"b","default_member_permissions":"8"}]`, nil},
		{"permissions as a number", "PUT", "/applications/1/commands", `[{"name":"a","description":"b","default_member_permissions":8}]`, nil},
		{"permissions not a number", "PUT", "/applications/1/commands", `[{"name":"a","description":"b","default_member_permissions":"all"}]`, []flagged{{"/0/default_member_permissions", true}}},
		{"content a number", "POST", callback, `{"type":4,"data":{"content":5,"allowed_mentions":{}}}`, []flagged{{"/data/content", true}}},
		{"unknown callback type", "POST", callback, `{"type":3}`, []flagged{{"", true}}},
		{"text input without required", "POST", callback, `{"type":9,"data":{"custom_id":"m","title":"T","components":[{"type":1,"components":[{"type":4,"custom_id":"a","label":"A","style":1}]}]}}`, []flagged{{"/data/components/0/components/0/required", false}}},
		{"two inputs in a row", "POST", callback, `{"type":9,"data":{"custom_id":"m","title":"T","components":[{"type":1,"components":[{"type":4,"custom_id":"a","label":"A","style":1,"required":true},{"type":4,"custom_id":"b","label":"B","style":1,"required":true}]}]}}`, []flagged{{"/data/components/0", false}}},
		{"empty follow-up", "POST", "/webhooks/1/tok", `{"allowed_mentions":{"parse":[]}}`, []flagged{{"", true}}},
		{"edit without allowed_mentions", "PATCH", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"x"}`, []flagged{{"/allowed_mentions", false}}},
		{"not JSON", "POST", callback, `{`, []flagged{{"", true}}},
		{"route without schema", "POST", "/channels/1/messages", `{}`, []flagged{{"", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlagged(t, tt.want, v.Check(tt.method, tt.path, []byte(tt.body))) })
	}
}

// TestValidationThroughTheFake sends bad bodies with a real discordgo session
// and shows the fake flagging them (and answering Discord's 400 where Discord
// refuses them).
func TestValidationThroughTheFake(t *testing.T) {
	t.Parallel()
	fake, s, r := shared(t, discordtest.ExpectViolations())
	ctx := timeout(t)
	noAllowed := message("hi")
	noAllowed.Data.AllowedMentions = nil
	tests := []struct {
		name       string
		build      func() *discordtest.Interaction // nil: register commands instead
		resp       any                             // the initial response sent
		cmds       []*discordgo.ApplicationCommand
		want       []flagged
		wantStatus int
	}{
		{"good", func() *discordtest.Interaction { return fake.SlashCommand("search") }, withRows(buttons("a", "b")), nil, nil, 204},
		{"embed description of 4097 runes", func() *discordtest.Interaction { return fake.SlashCommand("search") },
			withEmbeds(&discordgo.MessageEmbed{Description: strings.Repeat("é", 4097)}), nil, []flagged{{"/data/embeds/0/description", true}}, 400},
		{"6001 runes across embeds", func() *discordtest.Interaction { return fake.SlashCommand("search") },
			withEmbeds(&discordgo.MessageEmbed{Description: strings.Repeat("é", 3000)}, &discordgo.MessageEmbed{Description: strings.Repeat("é", 3001)}), nil, []flagged{{"/data/embeds", true}}, 400},
		{"custom_id of 101", func() *discordtest.Interaction { return fake.SlashCommand("search") },
			withRows(buttons(strings.Repeat("c", 101))), nil, []flagged{{"/data/components/0/components/0/custom_id", true}}, 400},
		{"26 choices", func() *discordtest.Interaction { return fake.Autocomplete("search", discordtest.Focused("query", "x")) },
			choices(26, 3), nil, []flagged{{"/data/choices", true}}, 400},
		{"missing allowed_mentions", func() *discordtest.Interaction { return fake.SlashCommand("search") },
			noAllowed, nil, []flagged{{"/data/allowed_mentions", false}}, 204},
		{"wrong type per the spec", func() *discordtest.Interaction { return fake.SlashCommand("search") },
			map[string]any{"type": 4, "data": map[string]any{"content": "x", "allowed_mentions": map[string]any{}, "embeds": []any{map[string]any{"color": "red"}}}},
			nil, []flagged{{"/data/embeds/0/color", true}}, 400},
		{"autocomplete answered with a message", func() *discordtest.Interaction { return fake.Autocomplete("search", discordtest.Focused("query", "x")) },
			message("hi"), nil, []flagged{{"/type", true}}, 400},
		{"uppercase command name", nil, nil, []*discordgo.ApplicationCommand{{Name: "Search", Description: "Search"}}, []flagged{{"/0/name", true}}, 400},
	}
	t.Run("second initial response", func(t *testing.T) {
		before := len(fake.Violations())
		i := fake.SlashCommand("search")
		r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			for range 2 {
				_ = s.InteractionRespond(i.Interaction, message("hi"))
			}
		})
		fake.Dispatch(i)
		reqs, err := fake.AwaitRequests(ctx, "POST", "/interactions/"+i.ID+"/*/callback", 2)
		if err != nil {
			t.Fatal(err)
		}
		var statuses []int
		for _, req := range reqs {
			statuses = append(statuses, req.Status)
		}
		if diff := cmp.Diff([]int{204, 400}, statuses); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if got := fake.Violations()[before:]; len(got) != 1 || !strings.Contains(got[0].Message, "second initial response") {
			t.Errorf("violations %v, want one for the second initial response", got)
		}
	})

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fake.Violations())
			var req discordtest.Request
			if tt.build == nil {
				_, err := s.ApplicationCommandBulkOverwrite(discordtest.AppID, "", tt.cmds)
				var rest *discordgo.RESTError
				if !errors.As(err, &rest) {
					t.Errorf("bulk overwrite: %v, want Discord's error", err)
				}
				if req, err = fake.AwaitRequest(ctx, "PUT", "/applications/*/commands"); err != nil {
					t.Fatal(err)
				}
			} else {
				i := tt.build()
				r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
					_, _ = s.Request("POST", discordgo.EndpointInteractionResponse(i.ID, i.Token), tt.resp)
				})
				fake.Dispatch(i)
				var err error
				if req, err = fake.AwaitRequest(ctx, "POST", "/interactions/"+i.ID+"/*/callback"); err != nil {
					t.Fatal(err)
				}
			}
			checkFlagged(t, tt.want, fake.Violations()[before:])
			if req.Status != tt.wantStatus {
				t.Errorf("answered %d %s, want %d", req.Status, req.Response, tt.wantStatus)
			}
		})
	}
}

// TestValidateLater: with ValidateLater, a body the spec refuses is
// accepted at once, and its violation is reported when ValidatePending
// runs, not before.
func TestValidateLater(t *testing.T) {
	t.Parallel()
	fake, _, r := shared(t, discordtest.ExpectViolations(), discordtest.ValidateLater())
	ctx := timeout(t)
	send := func(resp any) discordtest.Request {
		t.Helper()
		i := fake.SlashCommand("search")
		r.on(i, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
			_, _ = s.Request("POST", discordgo.EndpointInteractionResponse(i.ID, i.Token), resp)
		})
		fake.Dispatch(i)
		req, err := fake.AwaitRequest(ctx, "POST", "/interactions/"+i.ID+"/*/callback")
		if err != nil {
			t.Fatal(err)
		}
		return req
	}
	good := send(message("hi"))
	bad := send(withEmbeds(&discordgo.MessageEmbed{Description: strings.Repeat("é", 4097)}))
	if good.Status != 204 || bad.Status != 204 {
		t.Errorf("statuses %d and %d, want both accepted (204) until validated", good.Status, bad.Status)
	}
	if got := fake.Violations(); len(got) != 0 {
		t.Errorf("violations before ValidatePending: %v", got)
	}
	if n := fake.ValidatePending(); n != 2 {
		t.Errorf("ValidatePending checked %d bodies, want 2", n)
	}
	if diff := cmp.Diff([]flagged{{"/data/embeds/0/description", true}}, flags(fake.Violations())); diff != "" {
		t.Errorf("violations after ValidatePending (-want +got):\n%s", diff)
	}
	if n := fake.ValidatePending(); n != 0 {
		t.Errorf("a second ValidatePending checked %d bodies, want 0", n)
	}
}
