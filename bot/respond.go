package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Respond answers an interaction through send. It runs the handler and
// sends its response; if the handler has not answered within DeferAfter,
// Respond first defers — for a command a "thinking…" message, ephemeral
// when the answer will be private (the private option, a moderator's
// command, or any form); for a button an acknowledgement that leaves the
// message as it is — and then edits the original response into the
// answer. What is known to be slow (an article to fetch or download) is
// deferred at once. Pings and autocomplete are answered at once, never
// deferred: Discord allows them no deferral.
//
// Discord fixes whether a message is ephemeral when it is first sent, so
// an error that follows a public deferral is shown in the public message,
// and one that follows a click on a button replaces the header of the
// message the button is on, which keeps its results and buttons.
//
// Every interaction is logged (its command, user, outcome and duration,
// never its token) and reported to the Options' Observer.
//
// Respond returns the error of a send, or ctx's error when ctx ends while
// it waits for a deferred answer. The interaction's token never appears
// in the error's message.
func (rt *Router) Respond(ctx context.Context, i *discordgo.Interaction, send Sender) error {
	start := time.Now()
	h, deferred, err := rt.respond(ctx, i, send)
	err = redact(err, i.Token)
	took := time.Since(start)
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		h.outcome = outcomeTimeout
	case err != nil:
		h.outcome = outcomeUnsent
	}
	rt.record(ctx, i, h, deferred, err, took)
	return err
}

// respond is Respond, saying also what became of the interaction and
// whether its answer was deferred.
func (rt *Router) respond(ctx context.Context, i *discordgo.Interaction, send Sender) (handled, bool, error) {
	r := readRequest(i)
	h := rt.named(i, r)
	if i.Type == discordgo.InteractionPing || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		resp, ran := rt.run(ctx, i, r, h)
		return ran, false, send.Respond(ctx, i, resp)
	}
	type result struct {
		resp *discordgo.InteractionResponse
		h    handled
	}
	done := make(chan result, 1) // the handler never blocks on it
	go func() {
		resp, ran := rt.run(ctx, i, r, h)
		done <- result{resp, ran}
	}()
	if !slow(r) {
		timer := time.NewTimer(rt.deferAfter)
		defer timer.Stop()
		select {
		case res := <-done:
			return res.h, false, send.Respond(ctx, i, res.resp)
		case <-timer.C:
		}
	}
	if err := send.Respond(ctx, i, deferral(i, r)); err != nil {
		return h, true, fmt.Errorf("deferring the answer: %w", err)
	}
	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		return h, true, ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		// The answer came as ctx ended: no edit can be sent with ctx.
		return res.h, true, err
	}
	if err := send.EditOriginal(ctx, i, rt.edit(ctx, i, res.resp)); err != nil {
		return res.h, true, fmt.Errorf("editing in the deferred answer: %w", err)
	}
	return res.h, true, nil
}

// record logs an interaction and reports it to the Observer. Pings are
// logged at debug level, failures to answer as warnings.
func (rt *Router) record(ctx context.Context, i *discordgo.Interaction, h handled, deferred bool, err error, took time.Duration) {
	attrs := []slog.Attr{
		slog.String("interaction", i.ID),
		slog.String("type", h.kind),
		slog.String("command", h.command),
		slog.String("user", userID(i)),
		slog.String("guild", i.GuildID),
		slog.String("outcome", h.outcome),
		slog.Bool("deferred", deferred),
		slog.Duration("duration", took),
	}
	level := slog.LevelInfo
	switch {
	case err != nil:
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("err", err.Error()))
	case i.Type == discordgo.InteractionPing:
		level = slog.LevelDebug
	}
	// Observed before it is logged, so that whoever has read the log
	// line finds the interaction counted.
	if rt.observer != nil {
		rt.observer.Observe(h.kind, h.command, h.outcome, took)
	}
	rt.log.LogAttrs(ctx, level, "interaction", attrs...)
}

// redact hides secret (an interaction's token) in err's message. The
// error it returns still unwraps to err.
func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redacted{err: err, msg: strings.ReplaceAll(err.Error(), secret, "[token]")}
}

// redacted is an error whose message hides a secret.
type redacted struct {
	err error
	msg string
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

// deferral is the first response to an interaction, read as r, whose
// answer is slow.
func deferral(i *discordgo.Interaction, r *request) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if i.Type == discordgo.InteractionModalSubmit || privateAsked(r) {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: d}
}

// privateAsked reports whether a command's answer is only for the asker:
// it asks for a private answer, or it is a moderator's.
func privateAsked(r *request) bool {
	return r != nil && (r.boolean("private") || moderatorOnly(r.route))
}

// slow reports whether a command's answer is known to take longer than
// DeferAfter: /article add with a page to fetch or a file to download.
// (Without either it opens a form, which cannot follow a deferral.)
func slow(r *request) bool {
	return r != nil && r.i.Type == discordgo.InteractionApplicationCommand &&
		r.route == "article add" && (r.str("url") != "" || r.opts["file"] != nil)
}

// edit turns the answer to a deferred interaction into the edit of its
// original response.
func (rt *Router) edit(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) *discordgo.WebhookEdit {
	switch {
	case resp.Data == nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource && resp.Type != discordgo.InteractionResponseUpdateMessage:
		// A modal or choices cannot follow a deferral: the handler was
		// too slow for what it answers with.
		resp = rt.failure(ctx, i, "", fmt.Errorf("an answer of type %d cannot follow a deferral", resp.Type))
	case i.Type == discordgo.InteractionMessageComponent && resp.Type == discordgo.InteractionResponseChannelMessageWithSource:
		// A notice about a click: say it in place of the header, and
		// leave the results and buttons.
		return &discordgo.WebhookEdit{Content: &resp.Data.Content, AllowedMentions: noMentions()}
	}
	d := resp.Data
	return &discordgo.WebhookEdit{
		Content:         &d.Content,
		Embeds:          &d.Embeds,
		Components:      &d.Components,
		AllowedMentions: noMentions(),
	}
}
