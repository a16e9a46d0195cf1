package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/corpus"
)

func TestNameChoices(t *testing.T) {
	var names []string
	names = append(names, "", "  ", "Orrery Cloud", "Orrery Cloud", strings.Repeat("é", maxNameLen+1), strings.Repeat("é", maxNameLen))
	for i := range 40 {
		names = append(names, fmt.Sprintf("Company %d", i))
	}
	got := nameChoices(names)
	checkChoices(t, got)
	if len(got) != maxChoices {
		t.Errorf("%d choices, want %d", len(got), maxChoices)
	}
	var values []string
	for _, c := range got[:3] {
		values = append(values, c.Value.(string))
	}
	// Blank, repeated and over-long names are left out, not cut.
	if diff := cmp.Diff([]string{"Orrery Cloud", strings.Repeat("é", maxNameLen), "Company 0"}, values); diff != "" {
		t.Errorf("first choices (-want +got):\n%s", diff)
	}
}

// TestAutocompleteLimits: with more names and articles than Discord
// takes, autocomplete offers 25, each within the limits.
func TestAutocompleteLimits(t *testing.T) {
	articles := testArticles(t)
	for i := range 30 {
		text := fmt.Sprintf("date 2026-01-%02d %s Brackwater%02d Labs signs deal with Tamsin%02d Systems\n\n"+
			"Brackwater%02d Labs signed a $%d million contract with Tamsin%02d Systems to build robots for warehouses in Portugal, the companies said on Tuesday.\n",
			i%28+1, strings.Repeat("Very long title words ", 10), i, i, i, i+1, i)
		a, err := corpus.Parse(fmt.Sprintf("gen%d.txt", i), []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, a)
	}
	rt := New(openIndex(t, articles), nil, Options{})
	focused := func(name string, typed string, sub string) *discordgo.Interaction {
		o := opt(name, typed)
		o.Focused = true
		i := command("deal", o)
		if sub != "" {
			i = command("article", &discordgo.ApplicationCommandInteractionDataOption{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{o}})
		}
		i.Type = discordgo.InteractionApplicationCommandAutocomplete
		return i
	}
	for _, tt := range []struct {
		name string
		i    *discordgo.Interaction
		want int
	}{
		{"companies", focused("company", "", ""), 25},
		{"companies by prefix", focused("company", "brackw", ""), 25},
		{"with", focused("with", "tams", ""), 25},
		{"article ids", focused("id", "", "show"), 25},
		{"article ids by title", focused("id", "very long", "show"), 25},
		{"article id typed in full", focused("id", articles[0].ID, "show"), 1},
		{"nothing", focused("company", "zzzzzzzzzzzz", ""), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := rt.Handle(context.Background(), tt.i)
			checkResponse(t, resp)
			if got := len(resp.Data.Choices); got != tt.want {
				t.Errorf("%d choices, want %d", got, tt.want)
			}
		})
	}
}
