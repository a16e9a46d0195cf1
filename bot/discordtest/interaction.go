package discordtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// Permission sets the builders use by default.
const (
	// MemberPermissions are an ordinary member's permissions, with nothing
	// to moderate with: the invoking member's unless set with Permissions.
	MemberPermissions int64 = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionReadMessageHistory | discordgo.PermissionAddReactions |
		discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles |
		discordgo.PermissionUseExternalEmojis | discordgo.PermissionUseApplicationCommands |
		discordgo.PermissionCreateInstantInvite | discordgo.PermissionChangeNickname |
		discordgo.PermissionSendMessagesInThreads | discordgo.PermissionCreatePublicThreads
	// BotPermissions are the bot's permissions in the channel
	// (app_permissions) unless set with AppPermissions.
	BotPermissions int64 = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionReadMessageHistory | discordgo.PermissionEmbedLinks |
		discordgo.PermissionAttachFiles | discordgo.PermissionUseExternalEmojis |
		discordgo.PermissionAddReactions | discordgo.PermissionSendMessagesInThreads
)

// Interaction is an interaction built by one of the Server's builders, in the
// shape Discord sends it: ids as strings, permissions and app_permissions as
// decimal strings, application_id set, member (with user and permissions) in
// a guild or user in a DM. The fake knows its token, so the bot's answers to
// it are accepted and recorded.
type Interaction struct {
	// ID is the interaction's id, for Await.
	ID string
	// Token is its token.
	Token string
	// Type is its type.
	Type discordgo.InteractionType

	channelID string
	payload   map[string]any
	t         testing.TB
}

// JSON returns the interaction as Discord sends it: the d of an
// INTERACTION_CREATE event, or the body posted to an HTTP interactions
// endpoint.
func (i *Interaction) JSON() json.RawMessage { return mustJSON(i.payload) }

// Decode returns the interaction as discordgo decodes it, for handler tests
// that need no network. It fails the test if discordgo cannot decode it.
func (i *Interaction) Decode() *discordgo.Interaction {
	i.t.Helper()
	var out discordgo.Interaction
	if err := json.Unmarshal(i.JSON(), &out); err != nil {
		i.t.Fatalf("discordtest: discordgo cannot decode interaction %s: %v", i.ID, err)
	}
	return &out
}

// InteractionOption sets a part of an interaction built by a Server: an
// option of a slash command (String, Integer, Number, Boolean, Attachment,
// Focused, Subcommand), a text input of a modal submit (TextInput), or who
// invokes it where (By, InDM, Permissions, Roles, AppPermissions, Locale). An
// option that does not fit the interaction fails the test.
type InteractionOption func(*builder)

// builder collects the parts of an interaction.
type builder struct {
	s        *Server
	kind     string // what is built, for errors: "SlashCommand", …
	typ      discordgo.InteractionType
	dm       bool
	userID   string
	username string
	perms    int64
	appPerms int64
	roles    []string
	locale   string
	options  []any          // command options as sent
	resolved map[string]any // data.resolved.attachments
	focused  int
	inputs   []any          // modal text inputs, as sent
	message  map[string]any // the message a component is on
	problems []string
}

func (b *builder) problem(format string, args ...any) {
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// command reports whether options of a slash command fit what is built.
func (b *builder) command(what string) bool {
	if b.typ != discordgo.InteractionApplicationCommand && b.typ != discordgo.InteractionApplicationCommandAutocomplete {
		b.problem("%s is an option of a command, not of a %s", what, b.kind)
		return false
	}
	return true
}

func (b *builder) option(name string, typ discordgo.ApplicationCommandOptionType, value any) {
	if b.command(fmt.Sprintf("%s(%q)", typ, name)) {
		b.options = append(b.options, map[string]any{"name": name, "type": int(typ), "value": value})
	}
}

// String sets a string option of a slash command.
func String(name, value string) InteractionOption {
	return func(b *builder) { b.option(name, discordgo.ApplicationCommandOptionString, value) }
}

// Integer sets an integer option of a slash command.
func Integer(name string, value int64) InteractionOption {
	return func(b *builder) { b.option(name, discordgo.ApplicationCommandOptionInteger, value) }
}

// Number sets a number option of a slash command.
func Number(name string, value float64) InteractionOption {
	return func(b *builder) { b.option(name, discordgo.ApplicationCommandOptionNumber, value) }
}

// Boolean sets a boolean option of a slash command.
func Boolean(name string, value bool) InteractionOption {
	return func(b *builder) { b.option(name, discordgo.ApplicationCommandOptionBoolean, value) }
}

// Attachment sets an attachment option of a slash command: the fake's CDN
// serves data, and the option carries the attachment's id, resolved in
// data.resolved.attachments with its URL, as Discord does.
func Attachment(name, filename, contentType string, data []byte) InteractionOption {
	return func(b *builder) {
		if !b.command(fmt.Sprintf("Attachment(%q)", name)) {
			return
		}
		b.s.mu.Lock()
		id := b.s.newIDLocked()
		u := b.s.addAttachmentLocked(id, filename, contentType, data)
		b.s.mu.Unlock()
		b.resolved[id] = map[string]any{
			"id": id, "filename": filename, "size": len(data), "url": u, "proxy_url": u,
			"content_type": contentType, "ephemeral": true,
		}
		b.options = append(b.options, map[string]any{"name": name, "type": int(discordgo.ApplicationCommandOptionAttachment), "value": id})
	}
}

// Focused sets the option being typed in an autocomplete interaction, with
// the partial text typed so far (always a string, whatever the option's
// type). Exactly one option of an Autocomplete must be focused.
func Focused(name, partial string) InteractionOption {
	return func(b *builder) {
		if b.typ != discordgo.InteractionApplicationCommandAutocomplete {
			b.problem("Focused(%q) is an option of an Autocomplete, not of a %s", name, b.kind)
			return
		}
		b.focused++
		b.options = append(b.options, map[string]any{
			"name": name, "type": int(discordgo.ApplicationCommandOptionString), "value": partial, "focused": true,
		})
	}
}

// Subcommand invokes a subcommand with its options.
func Subcommand(name string, opts ...InteractionOption) InteractionOption {
	return nested(name, discordgo.ApplicationCommandOptionSubCommand, opts)
}

// SubcommandGroup invokes a subcommand group; its options hold one
// Subcommand.
func SubcommandGroup(name string, opts ...InteractionOption) InteractionOption {
	return nested(name, discordgo.ApplicationCommandOptionSubCommandGroup, opts)
}

func nested(name string, typ discordgo.ApplicationCommandOptionType, opts []InteractionOption) InteractionOption {
	return func(b *builder) {
		if !b.command(fmt.Sprintf("%s(%q)", typ, name)) {
			return
		}
		child := *b
		child.options = nil
		for _, o := range opts {
			o(&child)
		}
		b.problems, b.focused = child.problems, child.focused
		sub := map[string]any{"name": name, "type": int(typ)}
		if child.options != nil {
			sub["options"] = child.options
		}
		b.options = append(b.options, sub)
	}
}

// TextInput sets the value of a text input of a modal submit.
func TextInput(customID, value string) InteractionOption {
	return func(b *builder) {
		if b.typ != discordgo.InteractionModalSubmit {
			b.problem("TextInput(%q) is a part of a ModalSubmit, not of a %s", customID, b.kind)
			return
		}
		b.inputs = append(b.inputs, map[string]any{
			"type": int(discordgo.TextInputComponent), "id": len(b.inputs)*2 + 2, "custom_id": customID, "value": value,
		})
	}
}

// By makes userID, named username, the invoking user. The default is UserID,
// named Username.
func By(userID, username string) InteractionOption {
	return func(b *builder) { b.userID, b.username = userID, username }
}

// InDM makes the interaction come from the bot's DM with the user (channel
// DMChannelID): it carries user instead of member and has no guild_id.
func InDM() InteractionOption {
	return func(b *builder) { b.dm = true }
}

// Permissions sets the invoking member's permissions in the channel. The
// default is MemberPermissions; in a DM there are none to set.
func Permissions(p int64) InteractionOption {
	return func(b *builder) { b.perms = p }
}

// Roles sets the invoking member's role ids. The default is none.
func Roles(ids ...string) InteractionOption {
	return func(b *builder) { b.roles = append([]string(nil), ids...) }
}

// AppPermissions sets the bot's permissions in the channel (app_permissions).
// The default is BotPermissions.
func AppPermissions(p int64) InteractionOption {
	return func(b *builder) { b.appPerms = p }
}

// Locale sets the invoking user's locale. The default is "en-US".
func Locale(l discordgo.Locale) InteractionOption {
	return func(b *builder) { b.locale = string(l) }
}

func (s *Server) newBuilder(kind string, typ discordgo.InteractionType, opts []InteractionOption) *builder {
	b := &builder{
		s: s, kind: kind, typ: typ, userID: UserID, username: Username,
		perms: MemberPermissions, appPerms: BotPermissions, locale: string(discordgo.EnglishUS),
		resolved: make(map[string]any),
	}
	for _, o := range opts {
		o(b)
	}
	return b
}

// build registers the interaction with data and fails the test on problems.
func (s *Server) build(b *builder, data map[string]any, setup func(*ixState)) *Interaction {
	s.t.Helper()
	for _, p := range b.problems {
		s.t.Errorf("discordtest: %s: %s", b.kind, p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newIDLocked()
	ix := &Interaction{
		ID:    id,
		Token: base64.RawURLEncoding.EncodeToString([]byte("interaction:" + id + ":discordtest-token-" + AppID)),
		Type:  b.typ,
		t:     s.t,
	}
	ix.channelID, ix.payload = b.payload(ix, data)
	st := &ixState{ix: ix, changed: make(chan struct{})}
	if setup != nil {
		setup(st)
	}
	s.byID[ix.ID] = st
	s.byToken[ix.Token] = st
	return ix
}

// payload builds the interaction as Discord sends it.
func (b *builder) payload(ix *Interaction, data map[string]any) (string, map[string]any) {
	p := map[string]any{
		"id":                    ix.ID,
		"application_id":        AppID,
		"type":                  int(ix.Type),
		"token":                 ix.Token,
		"version":               1,
		"locale":                b.locale,
		"app_permissions":       strconv.FormatInt(b.appPerms, 10),
		"entitlements":          []any{},
		"entitlement_sku_ids":   []any{},
		"attachment_size_limit": 10 << 20,
	}
	if data != nil {
		p["data"] = data
	}
	if b.message != nil {
		p["message"] = b.message
	}
	if ix.Type == discordgo.InteractionPing {
		p["user"] = b.user()
		return ChannelID, p
	}
	if b.dm {
		p["channel_id"] = DMChannelID
		p["channel"] = map[string]any{
			"id": DMChannelID, "type": int(discordgo.ChannelTypeDM), "last_message_id": nil, "flags": 0,
			"recipients": []any{b.user()},
		}
		p["user"] = b.user()
		p["context"] = int(discordgo.InteractionContextBotDM)
		p["authorizing_integration_owners"] = map[string]any{"0": "0"}
		return DMChannelID, p
	}
	perms := strconv.FormatInt(b.perms, 10)
	roles := []any{}
	for _, r := range b.roles {
		roles = append(roles, r)
	}
	p["guild_id"] = GuildID
	p["guild_locale"] = string(discordgo.EnglishUS)
	p["guild"] = map[string]any{"id": GuildID, "locale": string(discordgo.EnglishUS), "features": []any{}}
	p["channel_id"] = ChannelID
	p["channel"] = map[string]any{
		"id": ChannelID, "type": int(discordgo.ChannelTypeGuildText), "guild_id": GuildID, "name": "general",
		"position": 0, "parent_id": nil, "topic": nil, "nsfw": false, "rate_limit_per_user": 0,
		"last_message_id": nil, "flags": 0, "permissions": perms,
	}
	p["member"] = map[string]any{
		"user": b.user(), "roles": roles, "permissions": perms,
		"joined_at": "2024-01-02T03:04:05.678000+00:00", "premium_since": nil, "nick": nil,
		"avatar": nil, "banner": nil, "deaf": false, "mute": false, "pending": false, "flags": 0,
		"communication_disabled_until": nil, "unusual_dm_activity_until": nil,
	}
	p["context"] = int(discordgo.InteractionContextGuild)
	p["authorizing_integration_owners"] = map[string]any{"0": GuildID}
	return ChannelID, p
}

func (b *builder) user() map[string]any {
	return map[string]any{
		"id": b.userID, "username": b.username, "global_name": b.username, "discriminator": "0",
		"avatar": nil, "public_flags": 0, "flags": 0, "primary_guild": nil,
	}
}

// SlashCommand builds a chat-input command interaction (type 2) for command
// name with the given options. If the bot has registered commands, the
// command must be one of them and its options must match their definitions
// (names, types, required options); otherwise the test fails.
func (s *Server) SlashCommand(name string, opts ...InteractionOption) *Interaction {
	s.t.Helper()
	b := s.newBuilder(fmt.Sprintf("SlashCommand(%q)", name), discordgo.InteractionApplicationCommand, opts)
	data := s.commandData(b, name)
	return s.build(b, data, nil)
}

// Autocomplete builds an autocomplete interaction (type 4) for command name:
// one option must be Focused; others hold what the user chose so far. The
// registered commands are checked as for SlashCommand, and the focused option
// must have autocomplete set.
func (s *Server) Autocomplete(name string, opts ...InteractionOption) *Interaction {
	s.t.Helper()
	b := s.newBuilder(fmt.Sprintf("Autocomplete(%q)", name), discordgo.InteractionApplicationCommandAutocomplete, opts)
	if b.focused != 1 {
		b.problem("%d options are Focused, want exactly 1", b.focused)
	}
	data := s.commandData(b, name)
	focusedType := int64(discordgo.ApplicationCommandOptionString)
	if f := focusedOption(b.options); f != nil {
		focusedType = int64(f["type"].(int))
	}
	return s.build(b, data, func(st *ixState) { st.focusedType = focusedType })
}

func focusedOption(opts []any) map[string]any {
	for _, o := range opts {
		om, _ := o.(map[string]any)
		if om["focused"] == true {
			return om
		}
		if sub, ok := om["options"].([]any); ok {
			if f := focusedOption(sub); f != nil {
				return f
			}
		}
	}
	return nil
}

// commandData builds data for a command interaction, checking it against
// the registered commands.
func (s *Server) commandData(b *builder, name string) map[string]any {
	s.mu.Lock()
	registered := len(s.commands[""]) > 0 || len(s.commands[GuildID]) > 0
	var def map[string]any
	scope := ""
	for _, sc := range []string{"", GuildID} {
		if sc == GuildID && b.dm {
			continue
		}
		for _, c := range s.commands[sc] {
			if c["name"] == name && fmt.Sprint(c["type"]) == "1" {
				def, scope = c, sc
			}
		}
	}
	id, ok := s.commandIDs[name]
	if def != nil {
		id = def["id"].(string)
	} else if !ok {
		id = s.newIDLocked()
		s.commandIDs[name] = id
	}
	s.mu.Unlock()

	if registered && def == nil {
		b.problem("the bot registered no chat-input command %q (in this scope)", name)
	}
	if def != nil {
		matchOptions(b, list(def, "options"), b.options, "")
	}
	data := map[string]any{"id": id, "name": name, "type": int(discordgo.ChatApplicationCommand)}
	if len(b.options) > 0 {
		data["options"] = b.options
	}
	if len(b.resolved) > 0 {
		data["resolved"] = map[string]any{"attachments": b.resolved}
	}
	if scope != "" {
		data["guild_id"] = scope
	}
	return data
}

// matchOptions checks the options given against their definitions, fixing
// the type of a focused option to the declared one.
func matchOptions(b *builder, defs, given []any, at string) {
	declared := make(map[string]map[string]any)
	for _, dm := range objects(defs) {
		if n, ok := dm["name"].(string); ok {
			declared[n] = dm
		}
	}
	seen := make(map[string]bool)
	for _, g := range given {
		gm := g.(map[string]any)
		name := gm["name"].(string)
		seen[name] = true
		d := declared[name]
		if d == nil {
			b.problem("option %s%s is not declared by the registered command", at, name)
			continue
		}
		want, _ := integer(d, "type")
		got := int64(gm["type"].(int))
		if gm["focused"] == true {
			if d["autocomplete"] != true {
				b.problem("option %s%s is focused but declared without autocomplete", at, name)
			}
			gm["type"] = int(want)
			continue
		}
		if got != want {
			b.problem("option %s%s is %s, declared as %s", at, name,
				discordgo.ApplicationCommandOptionType(got), discordgo.ApplicationCommandOptionType(want))
			continue
		}
		if sub, ok := gm["options"].([]any); ok || got <= 2 {
			matchOptions(b, list(d, "options"), sub, at+name+" ")
		}
	}
	if b.typ == discordgo.InteractionApplicationCommandAutocomplete {
		return // the user has not filled everything in yet
	}
	for name, d := range declared {
		if t, _ := integer(d, "type"); d["required"] == true && !seen[name] && t > 2 {
			b.problem("required option %s%s is missing", at, name)
		}
	}
}

// ButtonClick builds a component interaction (type 3) for a click on the
// button custom_id of msg, the message it is on: usually Answer.Original of an
// earlier interaction (the fake then uses the message as it holds it now). The
// button must be on the message and enabled; otherwise the test fails.
func (s *Server) ButtonClick(msg *discordgo.Message, customID string, opts ...InteractionOption) *Interaction {
	s.t.Helper()
	return s.component(msg, customID, discordgo.ButtonComponent, nil, opts)
}

// SelectMenu builds a component interaction (type 3) for choosing values in
// the select menu custom_id of msg, as ButtonClick does for a button.
func (s *Server) SelectMenu(msg *discordgo.Message, customID string, values []string, opts ...InteractionOption) *Interaction {
	s.t.Helper()
	return s.component(msg, customID, discordgo.SelectMenuComponent, values, opts)
}

func (s *Server) component(msg *discordgo.Message, customID string, typ discordgo.ComponentType, values []string, opts []InteractionOption) *Interaction {
	s.t.Helper()
	kind := fmt.Sprintf("ButtonClick(%q)", customID)
	if typ != discordgo.ButtonComponent {
		kind = fmt.Sprintf("SelectMenu(%q)", customID)
	}
	b := s.newBuilder(kind, discordgo.InteractionMessageComponent, opts)
	if msg == nil {
		s.t.Fatalf("discordtest: %s: nil message: a component is always on a message", kind)
	}
	s.mu.Lock()
	m := s.messages[msg.ID]
	if m == nil {
		// A message the fake never saw: take it as given. discordgo does not
		// encode a Message's components, so they are encoded apart.
		var err error
		if m, err = decodeJSON[map[string]any](mustJSON(msg)); err != nil {
			s.mu.Unlock()
			s.t.Fatalf("discordtest: %s: %v", kind, err)
		}
		comps := []any{}
		if len(msg.Components) > 0 {
			comps, err = decodeJSON[[]any](mustJSON(msg.Components))
			if err != nil {
				s.mu.Unlock()
				s.t.Fatalf("discordtest: %s: %v", kind, err)
			}
		}
		m["components"] = comps
		s.messages[msg.ID] = m
	}
	snapshot := s.snapshotMessageLocked(m)
	s.mu.Unlock()
	c := findComponent(list(snapshot, "components"), customID)
	data := map[string]any{"custom_id": customID, "component_type": int(typ)}
	if c == nil {
		b.problem("no component with this custom_id on message %s", msg.ID)
	} else {
		ct, ok := integer(c, "type")
		switch {
		case !ok || ct != int64(typ) && !(typ == discordgo.SelectMenuComponent && isSelect(ct)):
			b.problem("the component with this custom_id is of type %v", c["type"])
		case c["disabled"] == true:
			b.problem("the component is disabled: no one can use it")
		}
		if ok {
			data["component_type"] = int(ct)
		}
		if id, ok := c["id"]; ok {
			data["id"] = id
		}
	}
	if values != nil {
		data["values"] = values
	}
	b.message = snapshot
	return s.build(b, data, func(st *ixState) { st.clicked = msg.ID })
}

// findComponent finds the component with customID anywhere in comps.
func findComponent(comps []any, customID string) map[string]any {
	for _, cm := range objects(comps) {
		if cm["custom_id"] == customID {
			return cm
		}
		if f := findComponent(list(cm, "components"), customID); f != nil {
			return f
		}
		for _, k := range []string{"accessory", "component"} {
			if o := object(cm, k); o != nil {
				if f := findComponent([]any{o}, customID); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// modal is a modal the bot opened.
type modal struct {
	data    map[string]any // the response's data
	message string         // id of the message whose component opened it, or ""
}

// ModalSubmit builds a modal submit interaction (type 5) for the modal
// custom_id with the given TextInput values, each in its own action row as
// Discord sends them. If the bot opened a modal with this custom_id, every
// input must be one of its text inputs and every required one must be given
// within its length limits, or the test fails; and if a message's component
// opened it, the submit carries that message, which the bot may then update
// (response types 6 and 7).
func (s *Server) ModalSubmit(customID string, opts ...InteractionOption) *Interaction {
	s.t.Helper()
	b := s.newBuilder(fmt.Sprintf("ModalSubmit(%q)", customID), discordgo.InteractionModalSubmit, opts)
	s.mu.Lock()
	m, opened := s.modals[customID]
	if msg := s.messages[m.message]; msg != nil {
		b.message = s.snapshotMessageLocked(msg)
	}
	s.mu.Unlock()
	if opened {
		checkModalInputs(b, m.data)
	}
	rows := []any{}
	for i, in := range b.inputs {
		rows = append(rows, map[string]any{"type": int(discordgo.ActionsRowComponent), "id": i*2 + 1, "components": []any{in}})
	}
	var setup func(*ixState)
	if b.message != nil {
		setup = func(st *ixState) { st.clicked = m.message }
	}
	return s.build(b, map[string]any{"custom_id": customID, "components": rows}, setup)
}

// snapshotMessageLocked returns a deep copy of a stored message. s.mu must be
// held.
func (s *Server) snapshotMessageLocked(m map[string]any) map[string]any {
	c, err := decodeJSON[map[string]any](mustJSON(m))
	if err != nil {
		panic(fmt.Sprintf("discordtest: copy message: %v", err)) // it was encoded from JSON
	}
	return c
}

func checkModalInputs(b *builder, modal map[string]any) {
	defs := make(map[string]map[string]any)
	for _, rm := range objects(list(modal, "components")) {
		for _, im := range objects(list(rm, "components")) {
			if id, ok := im["custom_id"].(string); ok {
				defs[id] = im
			}
		}
	}
	given := make(map[string]bool)
	for _, in := range b.inputs {
		im := in.(map[string]any)
		id, value := im["custom_id"].(string), im["value"].(string)
		given[id] = true
		d := defs[id]
		if d == nil {
			b.problem("the modal the bot opened has no text input %q", id)
			continue
		}
		n := int64(len([]rune(value)))
		if lo, ok := integer(d, "min_length"); ok && n < lo && (n > 0 || d["required"] != false) {
			b.problem("text input %q: %d runes, the modal asks for at least %d", id, n, lo)
		}
		if hi, ok := integer(d, "max_length"); ok && n > hi {
			b.problem("text input %q: %d runes, the modal allows at most %d", id, n, hi)
		}
	}
	for id, d := range defs {
		if d["required"] != false && !given[id] {
			b.problem("required text input %q is missing", id)
		}
	}
}

// Ping builds the PING (type 1) Discord posts to an HTTP interactions
// endpoint to check it; the answer must be a PONG (type 1).
func (s *Server) Ping() *Interaction {
	s.t.Helper()
	return s.build(s.newBuilder("Ping", discordgo.InteractionPing, nil), nil, nil)
}
