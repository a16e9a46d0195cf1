package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dealbot/corpus"
	"dealbot/index"
	"dealbot/library"
)

// Moderators change the corpus through the library: /article add reads an
// article (from a URL, an attached file or a form) into a draft, which the
// library holds while the moderator looks at its preview; the preview's
// Add and Cancel buttons carry the draft's token, so that they work after a
// restart and on any replica sharing the data folder. Every interaction of
// these paths, the clicks and the form's submission included, is checked
// (mayModerate) before its handler runs.

// The custom_id prefixes of the moderators' buttons and form. A button's
// custom_id is its prefix and the token of the draft it adds or cancels.
const (
	addPrefix    = "add:"
	cancelPrefix = "cancel:"
	formPrefix   = "form:"
)

// formID is the custom_id of the form /article add opens.
const formID = formPrefix + "article"

// downloadTimeout bounds the download of an attached file when
// Options.Download is not set.
const downloadTimeout = 15 * time.Second

// moderatorPermissions are the permissions that make a member a
// moderator: Manage Messages, or Administrator, which implies it.
const moderatorPermissions = discordgo.PermissionManageMessages | discordgo.PermissionAdministrator

// Errors of the moderators' commands, which failure puts into words.
var (
	// errNotModerator marks someone who is not a moderator trying to
	// change the corpus.
	errNotModerator = errors.New("not a moderator")
	// errInDM marks a moderator's command used in a DM, where there is no
	// member whose permissions could be checked.
	errInDM = errors.New("moderation is for servers, not DMs")
	// errNoLibrary marks a moderator's command on a bot given no library.
	errNoLibrary = errors.New("no library to change")
	// errTwoSources marks /article add given both a URL and a file.
	errTwoSources = errors.New("both a URL and a file")
	// errFileType marks an attached file whose name is not .txt, .md or
	// .html.
	errFileType = errors.New("not a .txt, .md or .html file")
	// errDownload marks an attached file that could not be downloaded.
	errDownload = errors.New("the attached file could not be downloaded")
	// errNotRemoved marks /article restore of an id that was not removed:
	// the error reads "<id>: no such removed article".
	errNotRemoved = errors.New("no such removed article")
)

// mayModerate returns nil when the sender of i may take route. Anyone may
// take a route that moderatorOnly does not name; the others are for
// moderators: members with the Manage Messages or Administrator
// permission in the channel, or with Options.ModeratorRole. It returns
// errInDM in a DM (no member), errNotModerator for anyone else, and
// errNoLibrary to a moderator when the bot has no library.
func (rt *Router) mayModerate(i *discordgo.Interaction, route string) error {
	if !moderatorOnly(route) {
		return nil
	}
	m := i.Member
	switch {
	case m == nil || m.User == nil:
		return errInDM
	case m.Permissions&moderatorPermissions == 0 && (rt.modRole == "" || !slices.Contains(m.Roles, rt.modRole)):
		return errNotModerator
	case rt.lib == nil:
		return errNoLibrary
	}
	return nil
}

// moderator is who makes a change, as the library records it. It is
// called only once mayModerate has found a member.
func moderator(i *discordgo.Interaction) library.User {
	u := i.Member.User
	return library.User{ID: u.ID, Name: u.Username}
}

// articleAdd answers /article add: it reads the page at url, or the
// attached file, into a draft and previews it; with neither it opens the
// form to type an article into (a form must be the first response, so
// this one is never deferred: see slow).
func (rt *Router) articleAdd(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	u := strings.TrimSpace(r.str("url"))
	file := r.opts["file"]
	var d library.Draft
	var err error
	switch {
	case u != "" && file != nil:
		return nil, errTwoSources
	case u != "":
		d, err = rt.lib.Fetch(ctx, u)
	case file != nil:
		var name string
		var data []byte
		if name, data, err = rt.attachment(ctx, r); err == nil {
			d, err = rt.lib.Read(name, data)
		}
	default:
		return articleForm(), nil
	}
	if err != nil {
		return nil, err
	}
	return rt.preview(d)
}

// submitForm answers the form of /article add: the article typed in,
// previewed.
func (rt *Router) submitForm(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	data, ok := r.i.Data.(discordgo.ModalSubmitInteractionData)
	if !ok {
		return nil, errUnreadable
	}
	v := formValues(data.Components)
	d, err := rt.lib.Compose(library.Form{Title: v["title"], URL: v["url"], Source: v["source"], Date: v["date"], Text: v["text"]})
	if err != nil {
		return nil, err
	}
	return rt.preview(d)
}

// preview holds a draft and shows it with its Add and Cancel buttons. A
// draft the corpus already holds is shown with the article that is there
// and no buttons: it is not held.
func (rt *Router) preview(d library.Draft) (*discordgo.InteractionResponse, error) {
	token := ""
	if d.Duplicate == nil {
		var err error
		if token, err = rt.lib.Hold(d); err != nil {
			return nil, err
		}
	}
	return previewMessage(d, token), nil
}

// addDraft answers a click on a preview's Add: it adds the draft and
// replaces the preview with what was done. A second click gets the
// library's *AddedError, and adds nothing.
func (rt *Router) addDraft(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	a, err := rt.lib.Commit(ctx, strings.TrimPrefix(r.customID, addPrefix), moderator(r.i))
	if err != nil {
		return nil, err
	}
	id := index.Escape(a.ID)
	return doneMessage(fmt.Sprintf("Added as **%s**: “%s”. /article show %[1]s shows it; /article remove %[1]s takes it out.",
		id, clip(index.Escape(a.Title), maxCitedTitle))), nil
}

// cancelDraft answers a click on a preview's Cancel: it forgets the draft
// and replaces the preview.
func (rt *Router) cancelDraft(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	if err := rt.lib.Discard(strings.TrimPrefix(r.customID, cancelPrefix)); err != nil {
		return nil, err
	}
	return doneMessage("Cancelled: nothing was added."), nil
}

// articleRemove answers /article remove: the article leaves the answers,
// and its file is kept aside for /article restore.
func (rt *Router) articleRemove(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	id := strings.TrimSpace(r.str("id"))
	a, err := rt.lib.Remove(ctx, id, moderator(r.i))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", id, index.ErrNotFound)
	}
	text := fmt.Sprintf("Removed %s (“%s”). /article restore %[1]s brings it back.", index.Escape(id), clip(index.Escape(orUntitled(a.Title)), maxCitedTitle))
	return rt.changed(ctx, r, a, err, text, " It may still appear in answers for up to a minute, until the index catches up.")
}

// articleRestore answers /article restore: a removed article comes back.
func (rt *Router) articleRestore(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	id := strings.TrimSpace(r.str("id"))
	a, err := rt.lib.Restore(ctx, id, moderator(r.i))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", id, errNotRemoved)
	}
	text := fmt.Sprintf("Restored %s (“%s”).", index.Escape(id), clip(index.Escape(orUntitled(a.Title)), maxCitedTitle))
	return rt.changed(ctx, r, a, err, text, " It will be in answers within a minute, once the index catches up.")
}

// changed answers a removal or restoration that returned a and err: the
// library returns the article with an error when the corpus changed but
// the index did not follow, which the moderator is told in caveat.
func (rt *Router) changed(ctx context.Context, r *request, a corpus.Article, err error, text, caveat string) (*discordgo.InteractionResponse, error) {
	switch {
	case err != nil && a.ID == "":
		return nil, err
	case err != nil:
		rt.log.ErrorContext(ctx, "updating the index", "interaction", r.i.ID, "route", r.route, "user", userID(r.i), "err", err)
		text += caveat
	}
	return notice(text), nil
}

// attachment downloads the file of the option "file", which Discord sends
// as an attachment id resolved to its URL, and returns its name and
// content. Before downloading, it refuses a file whose name is not .txt,
// .md or .html (errFileType) and one larger than corpus.MaxArticleBytes
// by its declared size (corpus.ErrTooLarge, as it does one that turns out
// larger). A file that cannot be downloaded is errDownload.
func (rt *Router) attachment(ctx context.Context, r *request) (string, []byte, error) {
	id, _ := r.opts["file"].Value.(string)
	var a *discordgo.MessageAttachment
	if d, ok := r.i.Data.(discordgo.ApplicationCommandInteractionData); ok && d.Resolved != nil {
		a = d.Resolved.Attachments[id]
	}
	if a == nil {
		return "", nil, fmt.Errorf("attachment %q is not resolved: %w", id, errUnreadable)
	}
	if !library.Readable(a.Filename) {
		return "", nil, fmt.Errorf("%q: %w", a.Filename, errFileType)
	}
	tooLarge := func(size string) error {
		return fmt.Errorf("the file is %sover the limit of %s: %w", size, megabytes(corpus.MaxArticleBytes), corpus.ErrTooLarge)
	}
	if a.Size > corpus.MaxArticleBytes {
		return "", nil, tooLarge(megabytes(a.Size) + ", ")
	}
	u, ok := httpURL(a.URL)
	if !ok {
		return "", nil, fmt.Errorf("the attachment's URL is not http(s): %w", errDownload)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", nil, fmt.Errorf("%v: %w", err, errDownload)
	}
	resp, err := rt.download.Do(req)
	if err != nil {
		return "", nil, fmt.Errorf("%v: %w", err, errDownload)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", nil, fmt.Errorf("the CDN answered %s: %w", resp.Status, errDownload)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, corpus.MaxArticleBytes+1))
	if err != nil {
		return "", nil, fmt.Errorf("reading the file: %v: %w", err, errDownload)
	}
	if len(data) > corpus.MaxArticleBytes {
		return "", nil, tooLarge("")
	}
	return a.Filename, data, nil
}

// megabytes writes a size: "2.0 MB".
func megabytes(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// formValues returns the values of a submitted form's text inputs, by
// custom_id: each in an action row of its own, as discordgo decodes them
// (pointers).
func formValues(rows []discordgo.MessageComponent) map[string]string {
	out := map[string]string{}
	for _, c := range rows {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range row.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				out[in.CustomID] = in.Value
			}
		}
	}
	return out
}
