// Package bot is dealbot's Discord side, and the only package that imports
// discordgo. It owns the slash commands, the routing of every interaction
// to a handler, the rendering of answers into Discord messages within
// Discord's limits, paging, autocomplete, the moderators' commands and who
// may use them, the one place errors become words, and deferral of slow
// answers. It speaks to the corpus through the index's answers and the
// library's changes, and to Discord through two small interfaces.
//
// A short tour:
//   - commands.go lists every command and option Discord shows (Commands).
//   - router.go routes an interaction to its handler (Router.Handle) and
//     holds the table of routes: the bot's whole surface in one place.
//   - handlers.go has one plain-Go handler per command, button and
//     autocomplete: each takes the parsed request and returns the response.
//   - moderate.go has the moderators' handlers: /article add (a URL, an
//     attached file or a form, previewed with Add and Cancel buttons),
//     remove and restore, the check of who may use them, and the download
//     of attached files.
//   - render.go turns answers into embeds; limits.go cuts them to fit.
//   - paging.go keeps a page's question in its buttons' custom_ids, so that
//     paging works after a restart and on any replica.
//   - errors.go is where an error becomes what the user reads.
//   - respond.go answers through a Sender, deferring when an answer is
//     slow, and logs and observes (for metrics) every interaction.
//   - session.go makes the discordgo session (its REST calls sent to a
//     configurable base), registers the commands, and is the Sender of
//     REST (SessionSender).
//   - gateway.go answers over the gateway websocket (Gateway); http.go
//     is the HTTP interactions endpoint (Endpoint), whose first response
//     is the HTTP answer. Both go through Router.Respond, so deferral is
//     decided in one place.
package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"dealbot/corpus"
	"dealbot/index"
	"dealbot/library"
)

// Searcher answers questions from the corpus; *index.Index satisfies it.
// It is one interface rather than several because every method is the
// index's read side and every handler is served by the same value.
type Searcher interface {
	// Deals returns the deals that involve q.Company; see index.Index.Deals.
	Deals(ctx context.Context, q index.Query) (index.Answer, error)
	// Quotes returns what q.Person was quoted saying; see index.Index.Quotes.
	Quotes(ctx context.Context, q index.Query) (index.Answer, error)
	// Search returns the passages that match q.Text; see index.Index.Search.
	Search(ctx context.Context, q index.Query) (index.Answer, error)
	// Articles lists the corpus one page at a time, newest first.
	Articles(ctx context.Context, q index.Query) (index.Answer, error)
	// Article returns one article and its facts, or an error wrapping
	// index.ErrNotFound.
	Article(ctx context.Context, id string) (index.Detail, error)
	// Stats counts the corpus.
	Stats(ctx context.Context) (index.Stats, error)
	// Suggest returns up to index.MaxSuggestions known names of kind
	// "company" or "person" that fit what the user is typing.
	Suggest(kind, prefix string) []string
}

// Library changes the corpus for moderators; *library.Library satisfies
// it. Like Searcher it is one interface because every handler of
// moderate.go is served by the same value, and each method is one step of
// the library's own flow: read a draft, hold it, then commit or discard
// it; remove and restore. The errors are the library's (see its methods).
type Library interface {
	// Fetch reads the article at a URL into a draft.
	Fetch(ctx context.Context, url string) (library.Draft, error)
	// Read reads an article file (.txt, .md or .html) into a draft.
	Read(name string, data []byte) (library.Draft, error)
	// Compose makes a draft of an article typed into a form.
	Compose(f library.Form) (library.Draft, error)
	// Hold keeps a draft until Commit or Discard and returns its token.
	Hold(d library.Draft) (string, error)
	// Commit adds a held draft to the corpus, recording who added it.
	Commit(ctx context.Context, token string, by library.User) (corpus.Article, error)
	// Discard forgets a held draft.
	Discard(token string) error
	// Remove takes an article out of the answers, keeping its file aside.
	Remove(ctx context.Context, id string, by library.User) (corpus.Article, error)
	// Restore brings back a removed article.
	Restore(ctx context.Context, id string, by library.User) (corpus.Article, error)
}

// Sender sends responses to Discord: the seam between the bot and the
// network. SessionSender implements it with a discordgo session's
// InteractionRespond and InteractionResponseEdit; the HTTP interactions
// endpoint implements Respond by writing the HTTP answer.
type Sender interface {
	// Respond sends the first, and only, response to an interaction.
	Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error
	// EditOriginal edits the message of the first response (@original):
	// after a deferral, the message the user is waiting for.
	EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
}
