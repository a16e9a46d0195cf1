package discordtest

import (
	"bytes"
	_ "embed" // the OpenAPI spec is embedded so tests never read outside the module
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// openapiJSON is Discord's OpenAPI spec (discord/discord-api-spec, MIT; see
// testdata/LICENSE), the oracle every body the bot sends is checked against.
//
//go:embed testdata/openapi.json
var openapiJSON []byte

// specURL names the spec as a schema resource; it is never fetched.
const specURL = "https://discord.com/api/v9/openapi.json"

// Violation is one thing wrong with a request the bot sent: something Discord
// would refuse, or a rule of dealbot's own (such as allowed_mentions).
type Violation struct {
	// Request is the method and the path below /api/v9, e.g.
	// "POST /interactions/1300000000000000001/aW50…/callback".
	Request string
	// Path is a JSON pointer into the request body, e.g.
	// "/data/embeds/0/description"; "" when the request as a whole is wrong.
	Path string
	// Message says what is wrong.
	Message string
	// Refused reports whether Discord itself refuses such a request; the fake
	// then answers with Discord's error. It is false for dealbot's own rules,
	// which Discord accepts.
	Refused bool
}

// String formats v for a test log.
func (v Violation) String() string {
	var b strings.Builder
	b.WriteString(v.Request)
	if v.Path != "" {
		b.WriteString(": ")
		b.WriteString(v.Path)
	}
	b.WriteString(": ")
	b.WriteString(v.Message)
	if !v.Refused {
		b.WriteString(" (accepted by Discord, refused by dealbot's rules)")
	}
	return b.String()
}

// Validator checks JSON bodies meant for Discord against the request schemas
// of Discord's OpenAPI spec and against the limits the spec does not encode
// (counted in runes): message content 2000; 10 embeds; embed title 256,
// description 4096, 25 fields with non-blank names ≤ 256 and values ≤ 1024,
// footer 2048, author 256, 6000 across all embeds of a message; 5 action rows
// of at most 5 buttons or one select; button labels 80; custom_id 1–100 and
// unique within a message or modal; modals with a title ≤ 45 and 1–5 rows of
// one text input each, every text input with `required` set; autocomplete 25
// choices, names 1–100, string values ≤ 100; command and option names matching
// ^[-_'\p{L}\p{N}]{1,32}$ in lower case, descriptions 1–100, 25 options,
// required options first, 8000 characters per command. It also holds every
// message to dealbot's rule that `allowed_mentions` is set and allows no
// mention. The spec types default_member_permissions as an integer while
// Discord accepts (and discordgo sends) a decimal string: both are accepted.
//
// A Validator is safe for concurrent use. The zero value is not usable: call
// NewValidator.
type Validator struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema // by JSON pointer into the spec
	printer  *message.Printer
	// names is Discord's rule for chat-input command and option names
	// (besides being lower case).
	names *regexp.Regexp
}

// NewValidator returns a Validator over the embedded spec. It fails only if
// the embedded spec cannot be parsed.
func NewValidator() (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openapiJSON))
	if err != nil {
		return nil, fmt.Errorf("parse openapi spec: %w", err)
	}
	c := jsonschema.NewCompiler()
	// OpenAPI 3.1 schemas are JSON Schema 2020-12; the spec's own keywords
	// (discriminator, x-discord-union, …) are unknown to it and ignored.
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, fmt.Errorf("add openapi spec: %w", err)
	}
	return &Validator{
		compiler: c,
		schemas:  make(map[string]*jsonschema.Schema),
		printer:  message.NewPrinter(language.English),
		names:    regexp.MustCompile(`^[-_'\p{L}\p{N}]{1,32}$`),
	}, nil
}

// Check validates body as sent with method to path, the path below /api/v9
// (a leading "/api/v9" is ignored); for a multipart request, body is its
// payload_json. It returns nil if Discord would accept the body and dealbot's
// rules hold. A route without a request schema here is itself a violation.
func (v *Validator) Check(method, path string, body []byte) []Violation {
	return v.check(method, strings.TrimPrefix(path, "/api/v9"), body, 0)
}

// Callback validates resp as an initial interaction response, the body of
// POST /interactions/{id}/{token}/callback, or the body of the answer to an
// HTTP interactions endpoint. Handler tests that never touch the network use
// it on the response value their handler returns.
func (v *Validator) Callback(resp *discordgo.InteractionResponse) []Violation {
	return v.checkValue("POST", "/interactions/"+placeholderID+"/token/callback", resp)
}

// Commands validates cmds as the body of a bulk overwrite of global commands.
func (v *Validator) Commands(cmds []*discordgo.ApplicationCommand) []Violation {
	return v.checkValue("PUT", "/applications/"+AppID+"/commands", cmds)
}

// placeholderID stands in for ids in the paths of Callback and Commands.
const placeholderID = "1"

func (v *Validator) checkValue(method, path string, x any) []Violation {
	body, err := json.Marshal(x)
	if err != nil {
		return []Violation{{Request: method + " " + path, Message: "cannot encode body: " + err.Error(), Refused: true}}
	}
	return v.check(method, path, body, 0)
}

// bodyKind says which limits apply to a body besides its schema.
type bodyKind int

const (
	kindCommands bodyKind = iota + 1 // bulk overwrite: an array of commands
	kindCommand                      // one command
	kindCallback                     // initial interaction response
	kindMessage                      // follow-up message
	kindEdit                         // edit of a webhook message
)

// specRoute ties a route the bot may call to its request schema.
type specRoute struct {
	method   string
	segments []string // "*" matches one segment
	specPath string   // the path's key in the spec
	kind     bodyKind
}

// specRoutes are the routes with a request schema, matched in order.
var specRoutes = func() []specRoute {
	r := func(method, pattern, specPath string, k bodyKind) specRoute {
		return specRoute{method, strings.Split(strings.Trim(pattern, "/"), "/"), specPath, k}
	}
	return []specRoute{
		r("PUT", "/applications/*/commands", "/applications/{application_id}/commands", kindCommands),
		r("POST", "/applications/*/commands", "/applications/{application_id}/commands", kindCommand),
		r("PUT", "/applications/*/guilds/*/commands", "/applications/{application_id}/guilds/{guild_id}/commands", kindCommands),
		r("POST", "/applications/*/guilds/*/commands", "/applications/{application_id}/guilds/{guild_id}/commands", kindCommand),
		r("POST", "/interactions/*/*/callback", "/interactions/{interaction_id}/{interaction_token}/callback", kindCallback),
		r("POST", "/webhooks/*/*", "/webhooks/{webhook_id}/{webhook_token}", kindMessage),
		r("PATCH", "/webhooks/*/*/messages/@original", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", kindEdit),
		r("PATCH", "/webhooks/*/*/messages/*", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", kindEdit),
	}
}()

func matchSpecRoute(method, path string) (specRoute, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, rt := range specRoutes {
		if rt.method == method && matchSegments(rt.segments, segs) {
			return rt, true
		}
	}
	return specRoute{}, false
}

func matchSegments(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != segs[i] {
			return false
		}
	}
	return true
}

// bodyPointer is the JSON pointer of a route's JSON request body schema.
func bodyPointer(specPath, method string) string {
	return "#/paths/" + escapeToken(specPath) + "/" + strings.ToLower(method) +
		"/requestBody/content/application~1json/schema"
}

// escapeToken escapes one JSON pointer token (RFC 6901).
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

func (v *Validator) schema(ptr string) (*jsonschema.Schema, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.schemas[ptr]; ok {
		return s, nil
	}
	s, err := v.compiler.Compile(specURL + ptr)
	if err != nil {
		return nil, err
	}
	v.schemas[ptr] = s
	return s, nil
}

// check validates body; files counts the files uploaded beside a multipart
// payload_json (a message with only files is not empty).
func (v *Validator) check(method, path string, body []byte, files int) []Violation {
	c := &checker{req: method + " " + path, names: v.names}
	rt, ok := matchSpecRoute(method, path)
	if !ok {
		c.refuse("", "the fake has no request schema for this route")
		return c.out
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		c.refuse("", "body is not JSON: %v", err)
		return c.out
	}

	// Limits first: their messages are clearer than the schema's, and a path
	// they flag is not flagged again by the schema.
	switch rt.kind {
	case kindCommands:
		c.commands(inst)
		c.relaxPermissions(inst)
	case kindCommand:
		if m, ok := inst.(map[string]any); ok {
			c.command("", m)
		}
		c.relaxPermissions(inst)
	case kindCallback:
		if m, ok := inst.(map[string]any); ok {
			c.callback(m, files)
		}
	case kindMessage, kindEdit:
		if m, ok := inst.(map[string]any); ok {
			c.message("", m, rt.kind == kindEdit, files)
		}
	}

	sch, err := v.schema(bodyPointer(rt.specPath, method))
	if err != nil {
		c.refuse("", "cannot compile the spec's schema for this route: %v", err)
		return c.out
	}
	var ve *jsonschema.ValidationError
	if err := sch.Validate(inst); errors.As(err, &ve) {
		seen := make(map[string]bool)
		for _, o := range c.out {
			seen[o.Path] = true
		}
		for _, leaf := range specLeaves(ve) {
			p := pointer(leaf.InstanceLocation)
			msg := leaf.ErrorKind.LocalizedString(v.printer)
			if seen[p] || seen[p+"\x00"+msg] {
				continue
			}
			seen[p+"\x00"+msg] = true
			c.out = append(c.out, Violation{Request: c.req, Path: p, Message: "spec: " + msg, Refused: true})
		}
	} else if err != nil {
		c.refuse("", "validate: %v", err)
	}
	return c.out
}

// specLeaves picks, from a validation error tree, the errors that explain the
// failure. In an anyOf or oneOf (the spec's unions) a branch whose value has
// the wrong JSON type, or whose "type" property does not match, is not what
// the sender meant; of the branches left, those that fit best are explained.
// When none is left the union itself is reported.
func specLeaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		if len(e.Causes) == 0 {
			return []*jsonschema.ValidationError{e}
		}
		// Of the branches left, the closest fit has the fewest wrong JSON
		// types, then the fewest errors.
		var best [][]*jsonschema.ValidationError
		bestTypes, bestN := 0, 0
		for _, b := range e.Causes {
			if mismatched(b, e.InstanceLocation) {
				continue
			}
			leaves := specLeaves(b)
			types := 0
			for _, l := range leaves {
				if _, ok := l.ErrorKind.(*kind.Type); ok {
					types++
				}
			}
			switch {
			case best == nil || types < bestTypes || types == bestTypes && len(leaves) < bestN:
				best, bestTypes, bestN = [][]*jsonschema.ValidationError{leaves}, types, len(leaves)
			case types == bestTypes && len(leaves) == bestN:
				best = append(best, leaves)
			}
		}
		if best == nil {
			return []*jsonschema.ValidationError{e}
		}
		var out []*jsonschema.ValidationError
		for _, leaves := range best {
			out = append(out, leaves...)
		}
		return out
	}
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, specLeaves(c)...)
	}
	return out
}

// mismatched reports whether branch b of a union at loc fails on the value's
// JSON type or on its "type" discriminator.
func mismatched(b *jsonschema.ValidationError, loc []string) bool {
	if len(b.Causes) == 0 {
		switch b.ErrorKind.(type) {
		case *kind.Type:
			return slices.Equal(b.InstanceLocation, loc)
		case *kind.Enum, *kind.Const:
			return len(b.InstanceLocation) == len(loc)+1 &&
				slices.Equal(b.InstanceLocation[:len(loc)], loc) &&
				b.InstanceLocation[len(loc)] == "type"
		}
		return false
	}
	switch b.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		return false // a nested union speaks for itself
	}
	for _, c := range b.Causes {
		if mismatched(c, loc) {
			return true
		}
	}
	return false
}

// checker collects the violations of one request.
type checker struct {
	req   string
	names *regexp.Regexp // Validator.names
	out   []Violation
}

// refuse records something Discord refuses.
func (c *checker) refuse(path, format string, args ...any) {
	c.out = append(c.out, Violation{Request: c.req, Path: path, Message: fmt.Sprintf(format, args...), Refused: true})
}

// rule records a breach of dealbot's own rules, which Discord accepts.
func (c *checker) rule(path, format string, args ...any) {
	c.out = append(c.out, Violation{Request: c.req, Path: path, Message: fmt.Sprintf(format, args...)})
}

// maxRunes refuses a string field longer than max runes.
func (c *checker) maxRunes(m map[string]any, key, at string, max int) {
	if s, ok := m[key].(string); ok {
		if n := utf8.RuneCountInString(s); n > max {
			c.refuse(at+"/"+key, "%d runes, more than %d", n, max)
		}
	}
}

// runeRange refuses a string field that is missing or not min–max runes long.
func (c *checker) runeRange(m map[string]any, key, at string, min, max int) {
	s, ok := m[key].(string)
	if !ok {
		c.refuse(at+"/"+key, "missing: must be %d–%d runes", min, max)
		return
	}
	if n := utf8.RuneCountInString(s); n < min || n > max {
		c.refuse(at+"/"+key, "%d runes, must be %d–%d", n, min, max)
	}
}

// maxItems refuses a list of more than max items, named what.
func (c *checker) maxItems(at string, l []any, max int, what string) {
	if len(l) > max {
		c.refuse(at, "%d %s, more than %d", len(l), what, max)
	}
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// objects yields the objects of l with their indexes, skipping other
// values (the schema reports those).
func objects(l []any) iter.Seq2[int, map[string]any] {
	return func(yield func(int, map[string]any) bool) {
		for i, x := range l {
			if m, ok := x.(map[string]any); ok && !yield(i, m) {
				return
			}
		}
	}
}

func object(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// integer returns a JSON number field as an int64.
func integer(m map[string]any, key string) (int64, bool) {
	switch n := m[key].(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		return int64(n), true
	}
	return 0, false
}

func idx(at string, i int) string { return at + "/" + strconv.Itoa(i) }

const (
	flagEphemeral    = 1 << 6
	flagLoading      = 1 << 7
	flagComponentsV2 = 1 << 15
)

// callback checks an initial interaction response.
func (c *checker) callback(m map[string]any, files int) {
	typ, _ := integer(m, "type")
	data := object(m, "data")
	switch typ {
	case 4: // CHANNEL_MESSAGE_WITH_SOURCE
		if data == nil {
			c.refuse("/data", "missing: a type 4 response is a message (Cannot send an empty message)")
			return
		}
		c.message("/data", data, false, files)
	case 7: // UPDATE_MESSAGE
		if data != nil {
			c.message("/data", data, true, files)
		}
	case 8: // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
		if data == nil {
			c.refuse("/data", "missing: an autocomplete result needs data.choices")
			return
		}
		c.choices("/data/choices", list(data, "choices"), true)
	case 9: // MODAL
		if data != nil {
			c.modal("/data", data)
		}
	}
}

// message checks a message body; edit marks a PATCH, where every field is
// optional.
func (c *checker) message(at string, m map[string]any, edit bool, files int) {
	c.maxRunes(m, "content", at, 2000)
	embeds := list(m, "embeds")
	c.maxItems(at+"/embeds", embeds, 10, "embeds")
	c.embeds(at+"/embeds", embeds)
	flags, _ := integer(m, "flags")
	c.messageComponents(at+"/components", list(m, "components"), flags&flagComponentsV2 != 0)

	switch am := m["allowed_mentions"].(type) {
	case nil:
		c.rule(at+"/allowed_mentions", "missing: every message must set allowed_mentions with no parse list, so quoted text pings no one")
	case map[string]any:
		for _, k := range []string{"parse", "users", "roles"} {
			if l := list(am, k); len(l) > 0 {
				c.rule(at+"/allowed_mentions/"+k, "allows mentions %v: mentions must be disabled", l)
			}
		}
		if am["replied_user"] == true {
			c.rule(at+"/allowed_mentions/replied_user", "true: mentions must be disabled")
		}
	}

	if !edit && files == 0 {
		empty := m["content"] == nil || m["content"] == ""
		for _, k := range []string{"embeds", "components", "attachments", "sticker_ids"} {
			if len(list(m, k)) > 0 {
				empty = false
			}
		}
		if m["poll"] != nil {
			empty = false
		}
		if empty {
			c.refuse(at, "empty message: it needs content, embeds, components, files or a poll (Cannot send an empty message)")
		}
	}
}

// embeds checks the limits of each embed and the 6000 runes across them.
func (c *checker) embeds(at string, embeds []any) {
	total := 0
	count := func(m map[string]any, key string) {
		if s, ok := m[key].(string); ok {
			total += utf8.RuneCountInString(s)
		}
	}
	for i, em := range objects(embeds) {
		eat := idx(at, i)
		c.maxRunes(em, "title", eat, 256)
		c.maxRunes(em, "description", eat, 4096)
		count(em, "title")
		count(em, "description")
		fields := list(em, "fields")
		c.maxItems(eat+"/fields", fields, 25, "fields")
		for j, fm := range objects(fields) {
			fat := idx(eat+"/fields", j)
			for _, k := range []string{"name", "value"} {
				if s, ok := fm[k].(string); !ok || strings.TrimSpace(s) == "" {
					c.refuse(fat+"/"+k, "blank: an embed field needs a non-blank %s", k)
				}
			}
			c.maxRunes(fm, "name", fat, 256)
			c.maxRunes(fm, "value", fat, 1024)
			count(fm, "name")
			count(fm, "value")
		}
		if f := object(em, "footer"); f != nil {
			c.maxRunes(f, "text", eat+"/footer", 2048)
			count(f, "text")
		}
		if a := object(em, "author"); a != nil {
			c.maxRunes(a, "name", eat+"/author", 256)
			count(a, "name")
		}
	}
	if total > 6000 {
		c.refuse(at, "%d runes across all embeds, more than 6000", total)
	}
}

func isSelect(typ int64) bool {
	return typ == 3 || (typ >= 5 && typ <= 8)
}

// messageComponents checks a message's components: action rows of buttons or
// one select (or, with the components-v2 flag, the newer layout, of which only
// the custom ids are checked).
func (c *checker) messageComponents(at string, comps []any, v2 bool) {
	if !v2 {
		c.actionRows(at, comps)
	}
	c.customIDs(at, comps, make(map[string]string))
}

// actionRows checks a message's components without the components-v2 flag.
func (c *checker) actionRows(at string, comps []any) {
	c.maxItems(at, comps, 5, "action rows")
	for i, row := range objects(comps) {
		rat := idx(at, i)
		if typ, _ := integer(row, "type"); typ != 1 {
			c.refuse(rat+"/type", "%d: top-level message components must be action rows (type 1) without the components-v2 flag", typ)
			continue
		}
		kids := list(row, "components")
		c.maxItems(rat+"/components", kids, 5, "components in a row")
		for j, km := range objects(kids) {
			kat := idx(rat+"/components", j)
			typ, _ := integer(km, "type")
			switch {
			case typ == 2:
				c.button(kat, km)
			case isSelect(typ):
				if len(kids) > 1 {
					c.refuse(kat, "a select menu must be alone in its action row")
				}
				c.selectMenu(kat, km)
			default:
				c.refuse(kat+"/type", "%d: an action row in a message holds buttons or a select menu", typ)
			}
		}
	}
}

func (c *checker) button(at string, b map[string]any) {
	c.maxRunes(b, "label", at, 80)
	style, _ := integer(b, "style")
	_, hasID := b["custom_id"].(string)
	switch style {
	case 5: // link
		if u, _ := b["url"].(string); u == "" {
			c.refuse(at+"/url", "missing: a link button needs a url")
		}
		if hasID {
			c.refuse(at+"/custom_id", "a link button cannot have a custom_id")
		}
	case 6: // premium
		if _, ok := b["sku_id"].(string); !ok {
			c.refuse(at+"/sku_id", "missing: a premium button needs a sku_id")
		}
	default:
		if !hasID {
			c.refuse(at+"/custom_id", "missing: a button of style %d needs a custom_id", style)
		}
		label, _ := b["label"].(string)
		if label == "" && b["emoji"] == nil {
			c.refuse(at, "a button needs a label or an emoji")
		}
	}
}

func (c *checker) selectMenu(at string, s map[string]any) {
	if _, ok := s["custom_id"].(string); !ok {
		c.refuse(at+"/custom_id", "missing: a select menu needs a custom_id")
	}
	c.maxRunes(s, "placeholder", at, 150)
	opts := list(s, "options")
	if typ, _ := integer(s, "type"); typ == 3 && (len(opts) < 1 || len(opts) > 25) {
		c.refuse(at+"/options", "%d options, must be 1–25", len(opts))
	}
	for i, om := range objects(opts) {
		c.runeRange(om, "label", idx(at+"/options", i), 1, 100)
		c.runeRange(om, "value", idx(at+"/options", i), 1, 100)
	}
}

// customIDs checks that every custom_id under comps is 1–100 runes and
// unique; ids maps each id seen to where.
func (c *checker) customIDs(at string, comps []any, ids map[string]string) {
	for i, m := range objects(comps) {
		cat := idx(at, i)
		if id, ok := m["custom_id"].(string); ok {
			if n := utf8.RuneCountInString(id); n < 1 || n > 100 {
				c.refuse(cat+"/custom_id", "%d runes, must be 1–100", n)
			}
			if prev, dup := ids[id]; dup {
				c.refuse(cat+"/custom_id", "%q is also the custom_id at %s: custom ids must be unique", id, prev)
			} else {
				ids[id] = cat + "/custom_id"
			}
		}
		c.customIDs(cat+"/components", list(m, "components"), ids)
		if acc := object(m, "accessory"); acc != nil {
			c.customIDs(cat, []any{acc}, ids) // reported under the parent
		}
		if comp := object(m, "component"); comp != nil {
			c.customIDs(cat, []any{comp}, ids)
		}
	}
}

// modal checks a modal: rows of one text input each, which is all that
// discordgo v0.29.0 decodes on submit.
func (c *checker) modal(at string, m map[string]any) {
	c.runeRange(m, "title", at, 1, 45)
	c.runeRange(m, "custom_id", at, 1, 100)
	rows := list(m, "components")
	if len(rows) < 1 || len(rows) > 5 {
		c.refuse(at+"/components", "%d rows, a modal needs 1–5", len(rows))
	}
	for i, row := range objects(rows) {
		rat := idx(at+"/components", i)
		kids := list(row, "components")
		if typ, _ := integer(row, "type"); typ != 1 || len(kids) != 1 {
			c.rule(rat, "a modal row must be an action row (type 1) holding one text input: discordgo v0.29.0 decodes no other modal layout")
			continue
		}
		in, ok := kids[0].(map[string]any)
		if !ok {
			continue
		}
		iat := rat + "/components/0"
		if typ, _ := integer(in, "type"); typ != 4 {
			c.refuse(iat+"/type", "%d: an action row in a modal holds one text input (type 4)", typ)
			continue
		}
		c.runeRange(in, "label", iat, 1, 45)
		if style, _ := integer(in, "style"); style != 1 && style != 2 {
			c.refuse(iat+"/style", "%d: a text input's style is 1 (short) or 2 (paragraph)", style)
		}
		if _, ok := in["required"].(bool); !ok {
			c.rule(iat+"/required", "missing: set required explicitly on every text input")
		}
		c.maxRunes(in, "value", iat, 4000)
		c.maxRunes(in, "placeholder", iat, 100)
		lo, hasLo := integer(in, "min_length")
		hi, hasHi := integer(in, "max_length")
		if hasLo && (lo < 0 || lo > 4000) {
			c.refuse(iat+"/min_length", "%d, must be 0–4000", lo)
		}
		if hasHi && (hi < 1 || hi > 4000) {
			c.refuse(iat+"/max_length", "%d, must be 1–4000", hi)
		}
		if hasLo && hasHi && lo > hi {
			c.refuse(iat+"/min_length", "%d is more than max_length %d", lo, hi)
		}
	}
	c.customIDs(at+"/components", rows, make(map[string]string))
}

// choices checks command option choices, or autocomplete results.
func (c *checker) choices(at string, choices []any, autocomplete bool) {
	what := "choices"
	if autocomplete {
		what = "autocomplete choices"
	}
	c.maxItems(at, choices, 25, what)
	for i, ch := range objects(choices) {
		cat := idx(at, i)
		c.runeRange(ch, "name", cat, 1, 100)
		c.maxRunes(ch, "value", cat, 100)
	}
}

func (c *checker) name(m map[string]any, at string) {
	s, ok := m["name"].(string)
	if !ok {
		c.refuse(at+"/name", "missing")
		return
	}
	if !c.names.MatchString(s) {
		c.refuse(at+"/name", "%q does not match ^[-_'\\p{L}\\p{N}]{1,32}$", s)
	}
	if strings.ToLower(s) != s {
		c.refuse(at+"/name", "%q is not lower case", s)
	}
}

// relaxPermissions turns a default_member_permissions sent as a decimal
// string, which Discord accepts, into the integer the spec expects.
func (c *checker) relaxPermissions(inst any) {
	fix := func(at string, m map[string]any) {
		s, ok := m["default_member_permissions"].(string)
		if !ok {
			return
		}
		if _, err := strconv.ParseUint(s, 10, 64); err != nil {
			c.refuse(at+"/default_member_permissions", "%q is not a permission bit set in decimal", s)
			delete(m, "default_member_permissions")
			return
		}
		m["default_member_permissions"] = json.Number(s)
	}
	switch v := inst.(type) {
	case map[string]any:
		fix("", v)
	case []any:
		for i, m := range objects(v) {
			fix(idx("", i), m)
		}
	}
}

// commands checks a bulk overwrite.
func (c *checker) commands(inst any) {
	cmds, ok := inst.([]any)
	if !ok {
		return
	}
	seen := make(map[string]string)
	chat := 0
	for i, m := range objects(cmds) {
		at := idx("", i)
		typ := commandType(m)
		if typ == 1 {
			chat++
		}
		if name, ok := m["name"].(string); ok {
			key := strconv.FormatInt(typ, 10) + "/" + name
			if prev, dup := seen[key]; dup {
				c.refuse(at+"/name", "%q is also the name of the command at %s", name, prev)
			}
			seen[key] = at
		}
		c.command(at, m)
	}
	if chat > 100 {
		c.refuse("", "%d chat-input commands, more than 100", chat)
	}
}

func commandType(m map[string]any) int64 {
	if t, ok := integer(m, "type"); ok {
		return t
	}
	return 1
}

// command checks one command.
func (c *checker) command(at string, m map[string]any) {
	typ := commandType(m)
	if typ != 1 {
		c.runeRange(m, "name", at, 1, 32)
		if d, _ := m["description"].(string); d != "" {
			c.refuse(at+"/description", "user and message commands have an empty description")
		}
		return
	}
	c.name(m, at)
	c.runeRange(m, "description", at, 1, 100)
	c.options(at+"/options", list(m, "options"), 0)
	if n := commandChars(m); n > 8000 {
		c.refuse(at, "%d characters in names, descriptions and choices, more than 8000", n)
	}
}

// options checks a level of command options; depth 0 is the command's own.
func (c *checker) options(at string, opts []any, depth int) {
	c.maxItems(at, opts, 25, "options")
	names := make(map[string]bool)
	optional, subs, plain := false, 0, 0
	for i, o := range objects(opts) {
		oat := idx(at, i)
		c.name(o, oat)
		if n, ok := o["name"].(string); ok {
			if names[n] {
				c.refuse(oat+"/name", "%q: option names must be unique", n)
			}
			names[n] = true
		}
		c.runeRange(o, "description", oat, 1, 100)
		typ, _ := integer(o, "type")
		if typ == 1 || typ == 2 {
			subs++
			if typ == 2 && depth > 0 || typ == 1 && depth > 1 {
				c.refuse(oat+"/type", "subcommands nest at most as command → group → subcommand")
			}
			kids := list(o, "options")
			if typ == 2 {
				for j, km := range objects(kids) {
					if kt, _ := integer(km, "type"); kt != 1 {
						c.refuse(idx(oat+"/options", j)+"/type", "%d: a subcommand group holds only subcommands", kt)
					}
				}
			}
			c.options(oat+"/options", kids, depth+1)
			continue
		}
		plain++
		if o["required"] == true {
			if optional {
				c.refuse(oat+"/required", "a required option after an optional one: required options come first")
			}
		} else {
			optional = true
		}
		choices := list(o, "choices")
		if o["autocomplete"] == true && len(choices) > 0 {
			c.refuse(oat+"/autocomplete", "an option with choices cannot autocomplete")
		}
		c.choices(oat+"/choices", choices, false)
	}
	if subs > 0 && plain > 0 {
		c.refuse(at, "subcommands and other options cannot be mixed on one level")
	}
}

// commandChars counts what Discord limits to 8000 characters per command:
// names, descriptions and choice names and values, with their localizations.
func commandChars(m map[string]any) int {
	n := 0
	str := func(x any) {
		if s, ok := x.(string); ok {
			n += utf8.RuneCountInString(s)
		}
	}
	locs := func(x any) {
		if l, ok := x.(map[string]any); ok {
			for _, s := range l {
				str(s)
			}
		}
	}
	var walk func(m map[string]any)
	walk = func(m map[string]any) {
		str(m["name"])
		str(m["description"])
		locs(m["name_localizations"])
		locs(m["description_localizations"])
		for _, chm := range objects(list(m, "choices")) {
			str(chm["name"])
			locs(chm["name_localizations"])
			if v, ok := chm["value"].(string); ok {
				str(v)
			} else if v, ok := chm["value"].(json.Number); ok {
				n += len(v.String())
			}
		}
		for _, om := range objects(list(m, "options")) {
			walk(om)
		}
	}
	walk(m)
	return n
}
