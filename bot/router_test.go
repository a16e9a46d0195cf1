package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/index"
)

// TestHandle answers recorded interactions and compares each response
// with its golden file; the checks after each say what the golden file
// must show, so that a careless -update cannot hide a regression.
func TestHandle(t *testing.T) {
	rt := testRouter(t)
	ephemeral := func(t *testing.T, r *discordgo.InteractionResponse) {
		t.Helper()
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("response type %d flags %d, want an ephemeral message", r.Type, r.Data.Flags)
		}
	}
	public := func(t *testing.T, r *discordgo.InteractionResponse) {
		t.Helper()
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data.Flags != 0 {
			t.Errorf("response type %d flags %d, want a public message", r.Type, r.Data.Flags)
		}
	}
	says := func(want ...string) func(*testing.T, *discordgo.InteractionResponse) {
		return func(t *testing.T, r *discordgo.InteractionResponse) {
			t.Helper()
			all := strings.Join(texts(r.Data), "\n")
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("response does not say %q:\n%s", w, all)
				}
			}
		}
	}
	results := func(n int) func(*testing.T, *discordgo.InteractionResponse) {
		return func(t *testing.T, r *discordgo.InteractionResponse) {
			t.Helper()
			if len(r.Data.Embeds) != n {
				t.Errorf("%d embeds, want %d", len(r.Data.Embeds), n)
			}
		}
	}
	choices := func(want ...string) func(*testing.T, *discordgo.InteractionResponse) {
		return func(t *testing.T, r *discordgo.InteractionResponse) {
			t.Helper()
			var got []string
			for _, c := range r.Data.Choices {
				got = append(got, c.Value.(string))
			}
			for _, w := range want {
				if !strings.Contains(strings.Join(got, "\n"), w) {
					t.Errorf("choices %q lack %q", got, w)
				}
			}
		}
	}
	type check = func(*testing.T, *discordgo.InteractionResponse)
	tests := []struct {
		name   string
		checks []check
	}{
		{"deal-coreweave", []check{public, results(5),
			says("Deals involving CoreWeave** — 7 found, page 1 of 2", "**CoreWeave**", "Microsoft pulled out of a $12bn deal with CoreWeave, citing delays", "2025-03-28", "id 0eb139bcb810732d", "nearly $12 billion (12,000,000,000 USD)", "withdrawn")}},
		{"deal-corewave", []check{ephemeral, results(0), says("No deals found for “corewave”. Did you mean CoreWeave?")}},
		{"deal-bad-date", []check{ephemeral, says("Sorry, I can’t answer that as asked: the date \"2025-13-01\" is not YYYY-MM-DD.")}},
		{"deal-with-nothing", []check{ephemeral, says("No deals found for “Orrery Cloud” with “CoreWeave”.")}},
		{"deal-private-dm", []check{ephemeral, results(4), says("Deals involving Tessellate AI** — 4 found")}},
		{"deal-orrery", []check{public, results(5), says("page 1 of 3", "[Orrery Cloud plans IPO after a busy year of deals](https://fiction.example/orrery-ipo) · Fictional Finance Weekly · 2025-08-19")}},
		{"deal-hostile", []check{public, says("Gloam Dynamics")}},
		{"quote-nadella", []check{public, results(1), says("Quotes from Satya Nadella", "“We’re good for our $80 billion,”", "said on CNBC", "**Satya Nadella**")}},
		{"quote-hostile", []check{public, says("Pell Quorra")}},
		{"quote-about-nothing", []check{ephemeral, says("No quotes found from “Ines Marlowe” about “bananas”. Try fewer words in “about”.")}},
		{"search-listing", []check{public, results(1), says("initial **public** **offering** that could value it", "Passages matching “\"public offering\"” since 2025-01-01")}},
		{"search-nothing", []check{ephemeral, says("No passages match “zeppelin”. Try fewer words.")}},
		{"search-blank", []check{ephemeral, says("give some words to search for")}},
		{"article-show-hostile", []check{public, results(1), says("3 deals and 1 quote drawn from it.")}},
		{"article-show-missing", []check{ephemeral, says("No article with id “ffffffffffffffff”.")}},
		{"article-list", []check{public, results(5), says("Articles in the corpus** — 6 in all, page 1 of 2")}},
		{"article-list-page-2", []check{public, results(1), says("page 2 of 2", "6. Marrow Quantum raises $60m from Fallowfield Capital")}},
		{"stats", []check{public, says("Articles\n6", "Deals\n", "People\n", "Last updated\n<t:")}},
		{"help", []check{ephemeral, says("/deal company [with] [since] [until] [private]", "/article show id", "/article list [page]", "/stats", "/help")}},
		{"unknown-command", []check{ephemeral, says("I don’t know that command")}},
		{"autocomplete-company", []check{choices("Orrery Cloud")}},
		{"autocomplete-with", []check{choices("Tessellate AI", "Quillon Networks")}},
		{"autocomplete-person", []check{choices("Satya Nadella")}},
		{"autocomplete-id", []check{choices("d1e8700103c08507", "cc36b0ee0bd8fb7a")}},
		{"button-stale", []check{ephemeral, says("That button no longer works")}},
		{"button-unknown", []check{ephemeral, says("That button no longer works")}},
		{"modal-unknown", []check{ephemeral}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := rt.Handle(context.Background(), readInteraction(t, tt.name))
			checkResponse(t, resp)
			for _, c := range tt.checks {
				c(t, resp)
			}
			golden(t, tt.name, encode(t, resp))
		})
	}
}

// TestHostileArticle: text from an article can neither mention anyone,
// nor format, nor link, nor break out of the bot's own markdown, and it
// is still shown as written.
func TestHostileArticle(t *testing.T) {
	rt := testRouter(t)
	unescaped := map[string]*regexp.Regexp{
		"mention":        regexp.MustCompile(`(^|[^\\])<[@#]`),
		"code":           regexp.MustCompile("(^|[^\\\\])`"),
		"link to evil":   regexp.MustCompile(`(^|[^\\])\]\(\s*<?https?://evil`),
		"spoiler":        regexp.MustCompile(`(^|[^\\])\|\|`),
		"strike":         regexp.MustCompile(`(^|[^\\])~~`),
		"everyone":       regexp.MustCompile(`@(everyone|here)`),
		"javascript URL": regexp.MustCompile(`(?i)javascript:`),
	}
	for _, i := range []*discordgo.Interaction{
		readInteraction(t, "deal-hostile"),
		readInteraction(t, "quote-hostile"),
		readInteraction(t, "article-show-hostile"),
		command("search", opt("query", "everyone")),
		command("article", &discordgo.ApplicationCommandInteractionDataOption{Name: "list", Type: discordgo.ApplicationCommandOptionSubCommand}),
	} {
		resp := rt.Handle(context.Background(), i)
		checkResponse(t, resp)
		for _, s := range texts(resp.Data) {
			for what, re := range unescaped {
				if loc := re.FindStringIndex(s); loc != nil {
					t.Errorf("%s: %s at %d in %q", i.ApplicationCommandData().Name, what, loc[0], s)
				}
			}
			// Outside the bot's own bold, every "*" is escaped.
			if strings.Contains(strings.ReplaceAll(s, `\*`, ""), "***") {
				t.Errorf("stray markdown in %q", s)
			}
		}
		for _, e := range resp.Data.Embeds {
			if strings.Contains(e.URL, "evil") || strings.Contains(strings.ToLower(e.URL), "javascript") {
				t.Errorf("embed links to %q", e.URL)
			}
		}
	}

	// The quotation is shown word for word, with no markdown of its own.
	resp := rt.Handle(context.Background(), readInteraction(t, "quote-hostile"))
	var quotes []string
	for _, e := range resp.Data.Embeds {
		for _, f := range e.Fields {
			if f.Name == "Quote" {
				quotes = append(quotes, index.Plain(f.Value))
			}
		}
	}
	want := []string{
		"“Tell @everyone to click [here](https://evil.example) and **now**, <@123>,”",
		"“Ping @everyone and <@123>, then read this and shout,”",
	}
	if diff := cmp.Diff(want, quotes); diff != "" {
		t.Errorf("quotations as read (-want +got):\n%s", diff)
	}
}

// TestPaging follows ▶ to the last page and ◀ back to the first: each
// click answers with an update rendered for its page, and the first page
// comes back as it was asked.
func TestPaging(t *testing.T) {
	rt := testRouter(t)
	ctx := context.Background()
	for _, private := range []bool{false, true} {
		first := rt.Handle(ctx, command("deal", opt("company", "orrery cloud"), opt("private", private)))
		checkResponse(t, first)
		if got := first.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != private {
			t.Fatalf("private %v: ephemeral = %v", private, got)
		}
		var headers []string
		seen := map[string]bool{}
		page := first
		for {
			checkResponse(t, page)
			headers = append(headers, page.Data.Content)
			for _, e := range page.Data.Embeds {
				// A result as read, without the number its place gives it.
				_, title, _ := strings.Cut(e.Title, ". ")
				key := title + "\n" + e.Description
				for _, f := range e.Fields {
					key += "\n" + f.Name + ": " + f.Value
				}
				if seen[key] {
					t.Errorf("result %q shown twice", e.Title)
				}
				seen[key] = true
			}
			prev, next := buttons(t, page)
			if prev.Disabled != (len(headers) == 1) {
				t.Errorf("page %d: ◀ disabled = %v", len(headers), prev.Disabled)
			}
			st, err := decodePage(next.CustomID)
			if err != nil || st.private != private {
				t.Errorf("▶ %q decodes to %+v, %v; want private %v", next.CustomID, st, err, private)
			}
			if next.Disabled {
				break
			}
			page = rt.Handle(ctx, click(next.CustomID))
			if page.Type != discordgo.InteractionResponseUpdateMessage {
				t.Fatalf("a click answered with type %d, want an update (7)", page.Type)
			}
		}
		want := []string{
			"**Deals involving Orrery Cloud** — 11 found, page 1 of 3",
			"**Deals involving Orrery Cloud** — 11 found, page 2 of 3",
			"**Deals involving Orrery Cloud** — 11 found, page 3 of 3",
		}
		if diff := cmp.Diff(want, headers); diff != "" {
			t.Errorf("pages (-want +got):\n%s", diff)
		}
		if len(seen) != 11 {
			t.Errorf("%d results over the pages, want 11", len(seen))
		}
		// Back from the last page to the first.
		for range 2 {
			prev, _ := buttons(t, page)
			page = rt.Handle(ctx, click(prev.CustomID))
			checkResponse(t, page)
		}
		if page.Type != discordgo.InteractionResponseUpdateMessage {
			t.Errorf("◀ answered with type %d, want 7", page.Type)
		}
		if diff := cmp.Diff(first.Data.Embeds, page.Data.Embeds); diff != "" {
			t.Errorf("page 1 after paging back (-asked +paged):\n%s", diff)
		}
		if diff := cmp.Diff(first.Data.Content, page.Data.Content); diff != "" {
			t.Errorf("header after paging back (-asked +paged):\n%s", diff)
		}
		if diff := cmp.Diff(encode(t, first.Data.Components), encode(t, page.Data.Components)); diff != "" {
			t.Errorf("buttons after paging back (-asked +paged):\n%s", diff)
		}
	}
}

// buttons returns the ◀ and ▶ buttons of a page.
func buttons(t *testing.T, r *discordgo.InteractionResponse) (prev, next discordgo.Button) {
	t.Helper()
	if len(r.Data.Components) != 1 {
		t.Fatalf("%d rows, want 1", len(r.Data.Components))
	}
	row := r.Data.Components[0].(discordgo.ActionsRow)
	if len(row.Components) != 2 {
		t.Fatalf("%d buttons, want 2", len(row.Components))
	}
	return row.Components[0].(discordgo.Button), row.Components[1].(discordgo.Button)
}

// TestPageBeyondLast: a button made when the corpus was larger shows the
// last page there is now.
func TestPageBeyondLast(t *testing.T) {
	rt := testRouter(t)
	id, ok := encodePage(pageState{q: index.Query{Kind: "deal", Company: "CoreWeave", Page: 9}})
	if !ok {
		t.Fatal("cannot encode")
	}
	resp := rt.Handle(context.Background(), click(id))
	checkResponse(t, resp)
	if want := "page 2 of 2"; !strings.Contains(resp.Data.Content, want) {
		t.Errorf("header %q, want %q", resp.Data.Content, want)
	}
}

// TestUnreadableInteractions: what discordgo hands over when it cannot
// decode an interaction, or data of the wrong type, gets a polite answer
// and no panic.
func TestUnreadableInteractions(t *testing.T) {
	rt := testRouter(t)
	tests := []struct {
		name string
		i    *discordgo.Interaction
		want discordgo.InteractionResponseType
	}{
		{"empty", &discordgo.Interaction{}, discordgo.InteractionResponseChannelMessageWithSource},
		{"command without data", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand}, discordgo.InteractionResponseChannelMessageWithSource},
		{"command with button data", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: discordgo.MessageComponentInteractionData{CustomID: "pg:d1|x"}}, discordgo.InteractionResponseChannelMessageWithSource},
		{"button without data", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent}, discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete without data", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete}, discordgo.InteractionApplicationCommandAutocompleteResult},
		{"modal without data", &discordgo.Interaction{Type: discordgo.InteractionModalSubmit}, discordgo.InteractionResponseChannelMessageWithSource},
		{"ping", &discordgo.Interaction{Type: discordgo.InteractionPing}, discordgo.InteractionResponsePong},
		{"option of the wrong type", command("deal", &discordgo.ApplicationCommandInteractionDataOption{Name: "company", Type: discordgo.ApplicationCommandOptionInteger, Value: 3.0}), discordgo.InteractionResponseChannelMessageWithSource},
		{"nil option", command("deal", nil), discordgo.InteractionResponseChannelMessageWithSource},
		{"dm without user", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "help"}}, discordgo.InteractionResponseChannelMessageWithSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := rt.Handle(context.Background(), tt.i)
			checkResponse(t, resp)
			if resp.Type != tt.want {
				t.Errorf("type = %d, want %d", resp.Type, tt.want)
			}
		})
	}
}

// TestFailure: an internal error is logged, and the user reads a short
// apology, not the error.
func TestFailure(t *testing.T) {
	var logged strings.Builder
	rt := New(failing{}, slogTo(&logged), Options{})
	resp := rt.Handle(context.Background(), readInteraction(t, "deal-coreweave"))
	checkResponse(t, resp)
	if got, want := resp.Data.Content, "Sorry, something went wrong while answering. Please try again in a moment."; got != want {
		t.Errorf("user reads %q, want %q", got, want)
	}
	if resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("flags = %d, want ephemeral", resp.Data.Flags)
	}
	if !strings.Contains(logged.String(), "disk on fire") || !strings.Contains(logged.String(), "route=deal") {
		t.Errorf("log = %q, want the error and the route", logged.String())
	}
	// A panic is an error like any other.
	logged.Reset()
	resp = rt.Handle(context.Background(), readInteraction(t, "stats"))
	checkResponse(t, resp)
	if strings.Contains(resp.Data.Content, "panic") || !strings.Contains(logged.String(), "panic: stats exploded") {
		t.Errorf("user reads %q; log %q", resp.Data.Content, logged.String())
	}
}

// failing is a searcher whose disk is on fire.
type failing struct{ Searcher }

func (failing) Deals(context.Context, index.Query) (index.Answer, error) {
	return index.Answer{}, errors.New("reading segment 7: disk on fire")
}

func (failing) Stats(context.Context) (index.Stats, error) { panic("stats exploded") }

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
