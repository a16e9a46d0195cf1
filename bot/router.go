package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Options tune a Router. The zero value is ready to use.
type Options struct {
	// DeferAfter is how long Respond waits for an answer before it defers
	// it. The default is one second, well within Discord's three.
	DeferAfter time.Duration
}

// Router answers interactions: it routes each to its handler by command
// name (and subcommand), by the option being typed for autocomplete, and
// by custom_id prefix for buttons and forms. It is safe for concurrent use.
type Router struct {
	s          Searcher
	log        *slog.Logger
	deferAfter time.Duration

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
	rt := &Router{s: s, log: log, deferAfter: opt.DeferAfter}
	rt.routes()
	return rt
}

// routes is the bot's whole surface. Every command in Commands has a
// route here, and every option with Autocomplete a completer
// (TestRoutesCoverCommands).
func (rt *Router) routes() {
	rt.commands = map[string]handler{
		"deal":         rt.deal,
		"quote":        rt.quote,
		"search":       rt.search,
		"article show": rt.articleShow,
		"article list": rt.articleList,
		"stats":        rt.stats,
		"help":         rt.help,
	}
	rt.completers = map[string]completer{
		"deal company":    rt.companies,
		"deal with":       rt.companies,
		"quote person":    rt.people,
		"article show id": rt.articleIDs,
	}
	rt.components = map[string]handler{
		pagePrefix: rt.turnPage,
	}
	rt.modals = map[string]handler{}
}

// request is an interaction as a handler reads it.
type request struct {
	i        *discordgo.Interaction
	route    string // "deal", "article show", "pg:"
	opts     map[string]*discordgo.ApplicationCommandInteractionDataOption
	focused  string // autocomplete: the option being typed
	customID string // buttons and forms
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
func (rt *Router) Handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	route := ""
	defer func() {
		if p := recover(); p != nil {
			resp = rt.failure(ctx, i, route, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
		}
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}

	case discordgo.InteractionApplicationCommand:
		d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return rt.failure(ctx, i, route, errUnreadable)
		}
		r := commandRequest(i, d)
		route = r.route
		h := rt.commands[r.route]
		if h == nil {
			return rt.failure(ctx, i, route, errNoRoute)
		}
		resp, err := h(ctx, r)
		if err != nil {
			return rt.failure(ctx, i, route, err)
		}
		return resp

	case discordgo.InteractionApplicationCommandAutocomplete:
		var choices []*discordgo.ApplicationCommandOptionChoice
		if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			r := commandRequest(i, d)
			route = r.route + " " + r.focused
			if c := rt.completers[route]; c != nil {
				choices = c(ctx, r, r.str(r.focused))
			}
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices},
		}

	case discordgo.InteractionMessageComponent:
		d, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return rt.failure(ctx, i, route, errUnreadable)
		}
		return rt.byCustomID(ctx, i, rt.components, d.CustomID)

	case discordgo.InteractionModalSubmit:
		d, ok := i.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return rt.failure(ctx, i, route, errUnreadable)
		}
		return rt.byCustomID(ctx, i, rt.modals, d.CustomID)
	}
	return rt.failure(ctx, i, route, errUnreadable)
}

// byCustomID answers a button or form by its custom_id's prefix.
func (rt *Router) byCustomID(ctx context.Context, i *discordgo.Interaction, routes map[string]handler, customID string) *discordgo.InteractionResponse {
	route := prefix(customID)
	h := routes[route]
	if h == nil {
		return rt.failure(ctx, i, route, errBadButton)
	}
	resp, err := h(ctx, &request{i: i, route: route, customID: customID})
	if err != nil {
		return rt.failure(ctx, i, route, err)
	}
	return resp
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
