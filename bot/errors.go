package bot

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dealbot/corpus"
	"dealbot/index"
	"dealbot/library"
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
// (index.ErrNotFound) says so; a moderator's command used by someone who
// is not one, or in a DM, is refused (and logged); an article that cannot
// be added says why (see articleProblem); anything else is logged and the
// user is told only that something went wrong. It is the one place errors
// become words.
func (rt *Router) failure(ctx context.Context, i *discordgo.Interaction, route string, err error) *discordgo.InteractionResponse {
	var (
		added *library.AddedError
		dup   *corpus.DuplicateError
	)
	switch {
	case errors.Is(err, errNotModerator):
		rt.log.WarnContext(ctx, "refused: not a moderator", "interaction", i.ID, "route", route, "user", userID(i), "guild", i.GuildID)
		who := "members with the Manage Messages permission"
		if rt.modRole != "" {
			who += " or the moderator role"
		}
		return notice("Sorry, only moderators can add, remove or restore articles: " + who + ".")
	case errors.Is(err, errInDM):
		rt.log.WarnContext(ctx, "refused: moderation in a DM", "interaction", i.ID, "route", route, "user", userID(i))
		return notice("Sorry, articles can be added, removed or restored only in a server, where I can tell who the moderators are.")
	case errors.Is(err, errNoLibrary):
		rt.log.WarnContext(ctx, "moderation asked of a bot without a library", "interaction", i.ID, "route", route, "user", userID(i))
		return notice("Sorry, adding and removing articles is not available here.")
	case errors.Is(err, errTwoSources):
		return notice("Please give either a URL or a file, not both.")
	case errors.Is(err, errFileType):
		return notice("Sorry, I can add only .txt, .md and .html files.")
	case errors.Is(err, errDownload):
		rt.log.WarnContext(ctx, "downloading an attachment", "interaction", i.ID, "route", route, "user", userID(i), "err", err)
		return notice("Sorry, I couldn’t download that file from Discord. Please try again.")
	case errors.Is(err, errNotRemoved):
		return notice("No removed article with id “" + index.Escape(wrapped(err, errNotRemoved)) + "”.")
	case errors.As(err, &added):
		id := index.Escape(added.ID)
		return notice("This article was already added as " + id + ". /article show " + id + " shows it.")
	case errors.Is(err, library.ErrNoDraft):
		return notice("This preview has expired or was cancelled: nothing was added. Please run /article add again.")
	case errors.As(err, &dup):
		id := index.Escape(dup.ID)
		return notice("That article is already in the corpus as " + id + " (“" + clip(index.Escape(orUntitled(dup.Title)), maxCitedTitle) + "”). /article show " + id + " shows it.")
	case badArticle(err):
		rt.log.InfoContext(ctx, "article refused", "interaction", i.ID, "route", route, "user", userID(i), "err", err)
		return notice(articleProblem(err))
	case errors.Is(err, index.ErrBadQuery):
		// The index's message says what to change: "the date "2025-13-01"
		// is not YYYY-MM-DD".
		return notice("Sorry, I can’t answer that as asked: " + index.Escape(wrapped(err, index.ErrBadQuery)) + ".")
	case errors.Is(err, index.ErrNotFound):
		// Article's error is "<id>: no such article".
		return notice("No article with id “" + index.Escape(wrapped(err, index.ErrNotFound)) + "”. /article list shows the articles there are.")
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

// wrapped returns what an error wrapping sentinel says before it: "<id>"
// of "<id>: no such article".
func wrapped(err, sentinel error) string {
	return strings.TrimSuffix(err.Error(), ": "+sentinel.Error())
}

// articleErrors are the corpus's reasons for not taking an article, which
// say what is wrong in words meant for the moderator who brought it.
func articleErrors() []error {
	return []error{
		corpus.ErrBadArticle, corpus.ErrEmpty, corpus.ErrTooLarge, corpus.ErrBinary, corpus.ErrTooShort,
		corpus.ErrNoArticle, corpus.ErrBadFrontMatter, corpus.ErrFetchRefused, corpus.ErrFetchFailed, corpus.ErrUnsupportedType,
	}
}

// badChange reports whether err is a moderator's change that cannot be
// made as asked: an article that cannot be added (badArticle), one
// already there, added or cancelled, an id that was not removed, a file
// of another type, or both a URL and a file.
func badChange(err error) bool {
	return badArticle(err) || errors.Is(err, errTwoSources) || errors.Is(err, errFileType) ||
		errors.Is(err, errNotRemoved) || errors.Is(err, library.ErrNoDraft) ||
		errors.As(err, new(*library.AddedError)) || errors.Is(err, corpus.ErrDuplicate)
}

// badArticle reports whether err is a reason not to take an article.
func badArticle(err error) bool {
	for _, e := range articleErrors() {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// maxProblem is the most runes of the corpus's words articleProblem
// shows.
const maxProblem = 600

// articleProblem says why an article cannot be added. The corpus words
// its errors for moderators (the address refused and why, the size, the
// length of the title, a date that is not one), and they are shown
// without the sentinel's words at their end. A page with no article, or
// front matter that cannot be read, gets a fixed sentence: the parser's
// words there can quote the internals of the libraries it uses.
func articleProblem(err error) string {
	const sorry = "Sorry, I can’t add that article: "
	switch {
	case errors.Is(err, corpus.ErrNoArticle):
		return sorry + "I found no article text in it. A page of links, a sign-in page or a page that needs JavaScript to show its text has none."
	case errors.Is(err, corpus.ErrBadFrontMatter):
		return sorry + "its front matter (the YAML between the --- lines at its top) cannot be read."
	}
	msg := err.Error()
	for _, e := range articleErrors() {
		if cut, ok := strings.CutSuffix(msg, ": "+e.Error()); ok && !blank(cut) {
			msg = cut
		}
	}
	return sorry + index.Escape(clipPlain(msg, maxProblem)) + "."
}
