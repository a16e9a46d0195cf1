package bot

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"

	"dealbot/bot/discordtest"
)

// TestDiscordSpec validates every body the bot sends against Discord's
// own OpenAPI spec and the limits it lacks (discordtest's validator, which
// embeds the spec): each golden response, a deferral of each kind, the
// edit that follows one, and the commands as registered.
func TestDiscordSpec(t *testing.T) {
	v, err := discordtest.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	report := func(t *testing.T, what string, vs []discordtest.Violation) {
		t.Helper()
		for _, x := range vs {
			t.Errorf("%s: %s: %s", what, x.Path, x.Message)
		}
	}

	goldens, err := filepath.Glob("testdata/golden/*.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		report(t, g, v.Check("POST", "/interactions/1/token/callback", data))
	}

	rt := testRouter(t)
	for _, i := range []*discordgo.Interaction{
		command("deal", opt("company", "x")),
		command("deal", opt("company", "x"), opt("private", true)),
		click("pg:d2|x"),
	} {
		report(t, "the deferral", v.Callback(deferral(i, readRequest(i))))
	}
	for _, name := range []string{"deal-orrery", "deal-corewave", "article-show-hostile"} {
		i := readInteraction(t, name)
		data, err := json.Marshal(rt.edit(context.Background(), i, rt.Handle(context.Background(), i)))
		if err != nil {
			t.Fatal(err)
		}
		report(t, "the edit for "+name, v.Check("PATCH", "/webhooks/"+discordtest.AppID+"/token/messages/@original", data))
	}
	report(t, "the commands", v.Commands(Commands()))
}
