package bot

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dealbot/index"
)

// Errors the router itself finds.
var (
	// errNoRoute marks a command the bot has no handler for: one left
	// registered with Discord by another version.
	errNoRoute = errors.New("no route")
	// errUnreadable marks an interaction discordgo could not decode (it
	// hands over an empty one) or of a type the bot does not answer.
	errUnreadable = errors.New("unreadable interaction")
)

// failure turns an error into what the user reads, always ephemeral and
// never more than a short, polite message: a question that cannot be
// asked as put (index.ErrBadQuery) says what to change; a missing article
// (index.ErrNotFound) says so; anything else is logged and the user is
// told only that something went wrong. It is the one place errors become
// words.
func (rt *Router) failure(ctx context.Context, i *discordgo.Interaction, route string, err error) *discordgo.InteractionResponse {
	switch {
	case errors.Is(err, index.ErrBadQuery):
		// The index's message says what to change: "the date "2025-13-01"
		// is not YYYY-MM-DD".
		msg := strings.TrimSuffix(err.Error(), ": "+index.ErrBadQuery.Error())
		return notice("Sorry, I can’t answer that as asked: " + index.Escape(msg) + ".")
	case errors.Is(err, index.ErrNotFound):
		// Article's error is "<id>: no such article".
		id := strings.TrimSuffix(err.Error(), ": "+index.ErrNotFound.Error())
		return notice("No article with id “" + index.Escape(id) + "”. /article list shows the articles there are.")
	case errors.Is(err, errBadButton):
		rt.log.WarnContext(ctx, "unreadable custom_id", "interaction", i.ID, "route", route, "user", userID(i), "err", err)
		return notice("That button no longer works. Please ask the question again.")
	case errors.Is(err, errNoRoute):
		rt.log.WarnContext(ctx, "no route", "interaction", i.ID, "route", route, "user", userID(i))
		return notice("Sorry, I don’t know that command. /help lists the ones I do.")
	case errors.Is(err, errUnreadable):
		rt.log.WarnContext(ctx, "unreadable interaction", "interaction", i.ID, "type", int(i.Type), "user", userID(i))
		return notice("Sorry, I couldn’t read that request. Please try again.")
	case errors.Is(err, context.DeadlineExceeded):
		rt.log.WarnContext(ctx, "answer timed out", "interaction", i.ID, "route", route, "user", userID(i), "err", err)
		return notice("Sorry, that took too long to answer. Please try a narrower question.")
	}
	rt.log.ErrorContext(ctx, "answering an interaction", "interaction", i.ID, "route", route, "user", userID(i), "err", err)
	return notice("Sorry, something went wrong while answering. Please try again in a moment.")
}
