package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dealbot/index"
)

// Options tune a Router. The zero value is ready to use.
type Options struct {
	// DeferAfter is how long Respond waits for an answer before it defers
	// it. The default is one second, well within Discord's three.
	DeferAfter time.Duration
	// Observer, when set, is told how every interaction went, for
	// metrics.
	Observer Observer
	// Library, when set, is how moderators add, remove and restore
	// articles. Without it those commands say that they are not
	// available here.
	Library Library
	// ModeratorRole is the id of a role whose members may add, remove and
	// restore articles, besides those with the Manage Messages or
	// Administrator permission. The default, "", names no role.
	ModeratorRole string
	// Download fetches the files moderators attach to /article add from
	// Discord's CDN. Only http(s) URLs are fetched, and no more than
	// corpus.MaxArticleBytes of them. The default is an http.Client
	// that gives up after 15 seconds.
	Download *http.Client
}

// Observer is told how every interaction went: Router.Respond calls it
// once for each. It must be safe for concurrent use.
type Observer interface {
	// Observe records an interaction of kind ("command", "autocomplete",
	// "component", "modal" or "ping") that named command (a command's
	// path, a custom_id's prefix such as "pg" for a paging button,
	// "unknown" for what the bot has no route for) and ended with outcome
	// ("ok", "empty", "invalid", "refused", "timeout", "error" or
	// "unsent") after took.
	Observe(kind, command, outcome string, took time.Duration)
}

// Router answers interactions: it routes each to its handler by command
// name (and subcommand), by the option being typed for autocomplete, and
// by custom_id prefix for buttons and forms. It is safe for concurrent use.
type Router struct {
	s          Searcher
	log        *slog.Logger
	deferAfter time.Duration
	observer   Observer
	lib        Library      // nil: moderators' commands are not available
	modRole    string       // Options.ModeratorRole
	download   *http.Client // Options.Download

	commands   map[string]handler   // by command path: "deal", "article show"
	completers map[string]completer // by command path and option: "deal company"
	components map[string]handler   // by custom_id prefix, up to its first ':'
	modals     map[string]handler   // by custom_id prefix, up to its first ':'
}

// handler answers a command, a button or a form: it returns the response
// to send, or an error for failure to put into words.
type handler func(ctx context.Context, r *request) (*discordgo.InteractionResponse, error)

// completer returns the choices for an option being typed.
type completer func(ctx context.Context, r *request, typed string) []*discordgo.ApplicationCommandOptionChoice

// New returns a router that answers from s and logs to log (nil logs
// nothing).
func New(s Searcher, log *slog.Logger, opt Options) *Router {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.DeferAfter <= 0 {
		opt.DeferAfter = time.Second
	}
	if opt.Download == nil {
		opt.Download = &http.Client{Timeout: downloadTimeout}
	}
	rt := &Router{s: s, log: log, deferAfter: opt.DeferAfter, observer: opt.Observer,
		lib: opt.Library, modRole: opt.ModeratorRole, download: opt.Download}
	rt.routes()
	return rt
}

// routes is the bot's whole surface. Every command in Commands has a
// route here, and every option with Autocomplete a completer
// (TestRoutesCoverCommands). The routes moderatorOnly names are checked
// before their handlers run.
func (rt *Router) routes() {
	rt.commands = map[string]handler{
		"deal":            rt.deal,
		"quote":           rt.quote,
		"search":          rt.search,
		"article show":    rt.articleShow,
		"article list":    rt.articleList,
		"article add":     rt.articleAdd,
		"article remove":  rt.articleRemove,
		"article restore": rt.articleRestore,
		"stats":           rt.stats,
		"help":            rt.help,
	}
	rt.completers = map[string]completer{
		"deal company":      rt.companies,
		"deal with":         rt.companies,
		"quote person":      rt.people,
		"article show id":   rt.articleIDs,
		"article remove id": rt.articleIDs,
	}
	rt.components = map[string]handler{
		pagePrefix:   rt.turnPage,
		addPrefix:    rt.addDraft,
		cancelPrefix: rt.cancelDraft,
	}
	rt.modals = map[string]handler{
		formPrefix: rt.submitForm,
	}
}

// moderatorOnly reports whether a route (a command's path, or a
// custom_id's prefix) changes the corpus: only moderators may take it,
// checked on every interaction (see mayModerate), and its answers are
// only for the one who asked.
func moderatorOnly(route string) bool {
	switch route {
	case "article add", "article remove", "article restore", addPrefix, cancelPrefix, formPrefix:
		return true
	}
	return false
}

// request is an interaction as a handler reads it.
type request struct {
	i        *discordgo.Interaction
	route    string // "deal", "article show", "pg:"
	opts     map[string]*discordgo.ApplicationCommandInteractionDataOption
	focused  string // autocomplete: the option being typed
	customID string // buttons and forms
	empty    bool   // set by a handler that found nothing, for logs and metrics
}

// str returns a string option, or "" when it was not given.
func (r *request) str(name string) string {
	if o := r.opts[name]; o != nil {
		s, _ := o.Value.(string)
		return s
	}
	return ""
}

// integer returns an integer option, or 0 when it was not given.
func (r *request) integer(name string) int {
	if o := r.opts[name]; o != nil {
		f, _ := o.Value.(float64) // JSON numbers decode as float64
		return int(f)
	}
	return 0
}

// boolean returns a boolean option, or false when it was not given.
func (r *request) boolean(name string) bool {
	if o := r.opts[name]; o != nil {
		b, _ := o.Value.(bool)
		return b
	}
	return false
}

// commandRequest reads a command or autocomplete interaction: the command
// path (with its subcommand, if any) and the options.
func commandRequest(i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) *request {
	r := &request{i: i, route: d.Name, opts: map[string]*discordgo.ApplicationCommandInteractionDataOption{}}
	opts := d.Options
	for len(opts) == 1 && opts[0] != nil && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		r.route += " " + opts[0].Name
		opts = opts[0].Options
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		r.opts[o.Name] = o
		if o.Focused {
			r.focused = o.Name
		}
	}
	return r
}

// prefix is the routing part of a custom_id: up to and including its
// first ':'.
func prefix(customID string) string {
	if i := strings.IndexByte(customID, ':'); i >= 0 {
		return customID[:i+1]
	}
	return customID
}

// Handle returns the response to send for any interaction: a ping, a
// command, an autocomplete, a button or a form. It never returns nil and
// never panics: what cannot be answered gets a polite ephemeral message.
func (rt *Router) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	r := readRequest(i)
	resp, _ := rt.run(ctx, i, r, rt.named(i, r))
	return resp
}

// The outcomes of an interaction, as logs and metrics name them.
const (
	outcomeOK      = "ok"      // answered as asked
	outcomeEmpty   = "empty"   // nothing found (with suggestions, if any)
	outcomeInvalid = "invalid" // a question that cannot be asked as put; an unknown article, command or button; an article that cannot be added
	outcomeRefused = "refused" // someone who is not a moderator tried to change the corpus
	outcomeTimeout = "timeout" // the answer took too long
	outcomeError   = "error"   // the bot failed: the user was told only that something went wrong
	outcomeUnsent  = "unsent"  // the answer could not be sent to Discord
)

// handled is what became of an interaction, for logs and metrics: the
// kind of interaction, the command (or button) it named, and its outcome.
// Command is "unknown" for what the bot has no route for, so that metrics
// have a bounded set of labels.
type handled struct {
	kind, command, outcome string
}

// outcomeOf is the outcome of a handler that returned err.
func outcomeOf(err error) string {
	switch {
	case err == nil:
		return outcomeOK
	case errors.Is(err, errNotModerator), errors.Is(err, errInDM):
		return outcomeRefused
	case errors.Is(err, index.ErrBadQuery), errors.Is(err, index.ErrNotFound), errors.Is(err, errBadButton),
		errors.Is(err, errNoRoute), errors.Is(err, errUnreadable), badChange(err):
		return outcomeInvalid
	case errors.Is(err, context.DeadlineExceeded):
		return outcomeTimeout
	}
	return outcomeError
}

// kindName names an interaction type in logs and metrics.
func kindName(t discordgo.InteractionType) string {
	switch t {
	case discordgo.InteractionPing:
		return "ping"
	case discordgo.InteractionApplicationCommand:
		return "command"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		return "component"
	case discordgo.InteractionModalSubmit:
		return "modal"
	}
	return "unknown"
}

// readRequest reads an interaction, once, for its handler: a command's
// or autocomplete's path and options, or a button's or form's custom_id.
// It returns nil for a ping, for a type the bot does not answer, and for
// data that is not of the interaction's type.
func readRequest(i *discordgo.Interaction) *request {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		if i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return commandRequest(i, d)
		}
	case discordgo.MessageComponentInteractionData:
		if i.Type == discordgo.InteractionMessageComponent {
			return &request{i: i, route: prefix(d.CustomID), customID: d.CustomID}
		}
	case discordgo.ModalSubmitInteractionData:
		if i.Type == discordgo.InteractionModalSubmit {
			return &request{i: i, route: prefix(d.CustomID), customID: d.CustomID}
		}
	}
	return nil
}

// handlerOf returns the handler of a command's path, or of a button's
// or form's custom_id prefix, or nil when the bot has none.
func (rt *Router) handlerOf(t discordgo.InteractionType, route string) handler {
	switch t {
	case discordgo.InteractionApplicationCommand:
		return rt.commands[route]
	case discordgo.InteractionMessageComponent:
		return rt.components[route]
	case discordgo.InteractionModalSubmit:
		return rt.modals[route]
	}
	return nil
}

// named says what an interaction read as r names, before it is answered:
// its kind and its command (a command's path, or a custom_id's prefix
// without its ':'), "unknown" when the bot has no route for it.
func (rt *Router) named(i *discordgo.Interaction, r *request) handled {
	h := handled{kind: kindName(i.Type), command: "unknown", outcome: outcomeOK}
	switch {
	case i.Type == discordgo.InteractionPing:
		h.command = "ping"
	case r == nil:
	case i.Type == discordgo.InteractionApplicationCommandAutocomplete && rt.completers[r.route+" "+r.focused] != nil,
		rt.handlerOf(i.Type, r.route) != nil:
		h.command = strings.TrimSuffix(r.route, ":")
	}
	return h
}

// run answers i, read as r and named h, and says what became of it.
func (rt *Router) run(ctx context.Context, i *discordgo.Interaction, r *request, h handled) (resp *discordgo.InteractionResponse, done handled) {
	route := ""
	if r != nil {
		route = r.route
	}
	fail := func(err error) (*discordgo.InteractionResponse, handled) {
		h.outcome = outcomeOf(err)
		return rt.failure(ctx, i, route, err), h
	}
	defer func() {
		if p := recover(); p != nil {
			resp, done = fail(fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
		}
	}()
	switch {
	case i.Type == discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, h

	case i.Type == discordgo.InteractionApplicationCommandAutocomplete:
		var choices []*discordgo.ApplicationCommandOptionChoice
		if r != nil {
			route = r.route + " " + r.focused
			if c := rt.completers[route]; c != nil {
				choices = c(ctx, r, r.str(r.focused))
			}
		}
		if len(choices) == 0 {
			h.outcome = outcomeEmpty
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices},
		}, h

	case r == nil:
		return fail(errUnreadable)
	}
	hf := rt.handlerOf(i.Type, r.route)
	switch {
	case hf == nil && i.Type == discordgo.InteractionApplicationCommand:
		return fail(errNoRoute)
	case hf == nil:
		return fail(errBadButton)
	}
	if err := rt.mayModerate(i, r.route); err != nil {
		return fail(err)
	}
	resp, err := hf(ctx, r)
	if err != nil {
		return fail(err)
	}
	if r.empty {
		h.outcome = outcomeEmpty
	}
	return resp, h
}

// userID returns who sent an interaction, for logs: the member in a
// server, the user in a DM.
func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
