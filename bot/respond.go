package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Respond answers an interaction through send. It runs the handler and
// sends its response; if the handler has not answered within DeferAfter,
// Respond first defers — for a command a "thinking…" message, ephemeral
// when the answer will be private (the private option, or any form); for
// a button an acknowledgement that leaves the message as it is — and then
// edits the original response into the answer. Pings and autocomplete
// are answered at once, never deferred: Discord allows them no deferral.
//
// Discord fixes whether a message is ephemeral when it is first sent, so
// an error that follows a public deferral is shown in the public message,
// and one that follows a click on a button replaces the header of the
// message the button is on, which keeps its results and buttons.
//
// Respond returns the error of a send, or ctx's error when ctx ends while
// it waits for a deferred answer.
func (rt *Router) Respond(ctx context.Context, i *discordgo.Interaction, send Sender) error {
	if i.Type == discordgo.InteractionPing || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return send.Respond(ctx, i, rt.Handle(ctx, i))
	}
	done := make(chan *discordgo.InteractionResponse, 1) // the handler never blocks on it
	go func() { done <- rt.Handle(ctx, i) }()
	timer := time.NewTimer(rt.deferAfter)
	defer timer.Stop()
	select {
	case resp := <-done:
		return send.Respond(ctx, i, resp)
	case <-timer.C:
	}
	if err := send.Respond(ctx, i, deferral(i)); err != nil {
		return fmt.Errorf("deferring the answer: %w", err)
	}
	var resp *discordgo.InteractionResponse
	select {
	case resp = <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := send.EditOriginal(ctx, i, rt.edit(ctx, i, resp)); err != nil {
		return fmt.Errorf("editing in the deferred answer: %w", err)
	}
	return nil
}

// deferral is the first response to an interaction whose answer is slow.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if i.Type == discordgo.InteractionModalSubmit || privateAsked(i) {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: d}
}

// privateAsked reports whether a command asks for a private answer.
func privateAsked(i *discordgo.Interaction) bool {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	return ok && commandRequest(i, d).boolean("private")
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
