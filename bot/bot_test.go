package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/corpus"
	"dealbot/index"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// memSource is a corpus held in memory: the index treats it as it treats
// the store on disk. (It offers both the listing and the lookup that
// index.Source has asked for over time.)
type memSource struct{ articles []corpus.Article }

func (s memSource) Revisions() (map[string]string, error) {
	revs := map[string]string{}
	for _, a := range s.articles {
		revs[a.ID] = "1"
	}
	return revs, nil
}

func (s memSource) Read(id string) (corpus.Article, string, error) {
	for _, a := range s.articles {
		if a.ID == id {
			return a, "1", nil
		}
	}
	return corpus.Article{}, "", fmt.Errorf("article %s: %w", id, fs.ErrNotExist)
}

func (s memSource) Fingerprint() (string, error) {
	revs, _ := s.Revisions()
	return corpus.Fingerprint(revs), nil
}

// testArticles are the seed article and the invented ones in
// testdata/articles: invented companies and people, one of them hostile
// (mentions, markdown, links and backticks in its title, source, text and
// quotes, and a javascript: URL).
func testArticles(t *testing.T) []corpus.Article {
	t.Helper()
	paths := []string{"../corpus/starter/000_0a0fce2799cf037e.txt"}
	more, err := filepath.Glob("testdata/articles/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []corpus.Article
	for _, p := range append(paths, more...) {
		a, err := corpus.ParseFile(p)
		if err != nil {
			t.Fatalf("parsing %s: %v", p, err)
		}
		out = append(out, a)
	}
	return out
}

// openIndex opens a real index of articles in a temporary folder.
func openIndex(t *testing.T, articles []corpus.Article) *index.Index {
	t.Helper()
	idx, err := index.Open(context.Background(), t.TempDir(), memSource{articles}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// testRouter is a router over the test articles.
func testRouter(t *testing.T) *Router {
	t.Helper()
	return New(openIndex(t, testArticles(t)), nil, Options{})
}

// readInteraction decodes a recorded interaction as discordgo does.
func readInteraction(t *testing.T, name string) *discordgo.Interaction {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "interactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(data, &i); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return &i
}

// click is the interaction of a click on the button with customID, on a
// message in a server.
func click(customID string) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1500000000000000001", AppID: "1200000000000000000", Token: "token-click",
		Type:    discordgo.InteractionMessageComponent,
		GuildID: "1100000000000000000",
		Member:  &discordgo.Member{User: &discordgo.User{ID: "1000000000000000002"}},
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// command is the interaction of a slash command in a server.
func command(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1500000000000000002", AppID: "1200000000000000000", Token: "token-command",
		Type:    discordgo.InteractionApplicationCommand,
		GuildID: "1100000000000000000",
		Member:  &discordgo.Member{User: &discordgo.User{ID: "1000000000000000003"}},
		Data:    discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	}
}

func opt(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
	t := discordgo.ApplicationCommandOptionString
	switch v.(type) {
	case bool:
		t = discordgo.ApplicationCommandOptionBoolean
	case float64:
		t = discordgo.ApplicationCommandOptionInteger
	}
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: t, Value: v}
}

// encode writes a response as the JSON sent to Discord.
func encode(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// timestamps are Discord timestamps, which change with every index build.
var timestamps = regexp.MustCompile(`<t:\d+:R>`)

// golden compares got with testdata/golden/name.json, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = timestamps.ReplaceAll(got, []byte("<t:TIME:R>"))
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}

// checkResponse fails the test for anything in resp that Discord would
// refuse or that could ping: every limit in DISCORD.md, counted in runes,
// and AllowedMentions set to none on every message.
func checkResponse(t *testing.T, resp *discordgo.InteractionResponse) {
	t.Helper()
	if resp == nil {
		t.Fatal("no response")
	}
	d := resp.Data
	switch resp.Type {
	case discordgo.InteractionResponsePong, discordgo.InteractionResponseDeferredMessageUpdate:
		if d != nil {
			t.Errorf("type %d response has data", resp.Type)
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		if d != nil && d.Flags&^discordgo.MessageFlagsEphemeral != 0 {
			t.Errorf("deferral flags = %d", d.Flags)
		}
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		if d == nil {
			t.Fatalf("type %d response has no data", resp.Type)
		}
		checkMessage(t, d.Content, d.Embeds, d.Components, d.AllowedMentions)
		if resp.Type == discordgo.InteractionResponseUpdateMessage && d.Flags != 0 {
			t.Errorf("an update sets flags %d: Discord keeps the message's own", d.Flags)
		}
		if d.Flags&^discordgo.MessageFlagsEphemeral != 0 {
			t.Errorf("flags = %d, want 0 or ephemeral", d.Flags)
		}
		if d.Choices != nil {
			t.Errorf("a message has autocomplete choices")
		}
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if d == nil {
			t.Fatal("autocomplete result has no data")
		}
		checkChoices(t, d.Choices)
		if d.Content != "" || d.Embeds != nil || d.Components != nil {
			t.Errorf("autocomplete result carries a message")
		}
	default:
		t.Errorf("unexpected response type %d", resp.Type)
	}
}

// checkMessage checks a message's content, embeds and components.
func checkMessage(t *testing.T, content string, embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent, am *discordgo.MessageAllowedMentions) {
	t.Helper()
	if am == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 0 || am.RepliedUser {
		t.Errorf("allowed mentions = %+v, want none", am)
	}
	limit := func(what, s string, lo, hi int) {
		t.Helper()
		if n := runes(s); n < lo || n > hi {
			t.Errorf("%s has %d runes, want %d to %d: %q", what, n, lo, hi, s)
		}
	}
	limit("content", content, 0, 2000)
	if content == "" && len(embeds) == 0 {
		t.Errorf("an empty message")
	}
	if len(embeds) > 10 {
		t.Errorf("%d embeds, want at most 10", len(embeds))
	}
	total := 0
	for i, e := range embeds {
		what := fmt.Sprintf("embed %d", i)
		limit(what+" title", e.Title, 0, 256)
		limit(what+" description", e.Description, 0, 4096)
		if e.Title == "" && e.Description == "" && len(e.Fields) == 0 {
			t.Errorf("%s is empty", what)
		}
		if len(e.Fields) > 25 {
			t.Errorf("%s has %d fields, want at most 25", what, len(e.Fields))
		}
		total += runes(e.Title) + runes(e.Description)
		for j, f := range e.Fields {
			limit(fmt.Sprintf("%s field %d name", what, j), f.Name, 1, 256)
			limit(fmt.Sprintf("%s field %d value", what, j), f.Value, 1, 1024)
			if blank(f.Name) || blank(f.Value) {
				t.Errorf("%s field %d is blank: %q %q", what, j, f.Name, f.Value)
			}
			total += runes(f.Name) + runes(f.Value)
		}
		if e.Footer != nil {
			limit(what+" footer", e.Footer.Text, 1, 2048)
			total += runes(e.Footer.Text)
		}
		if e.Author != nil {
			limit(what+" author", e.Author.Name, 1, 256)
			total += runes(e.Author.Name)
		}
		if e.URL != "" {
			checkURL(t, what+" URL", e.URL)
		}
	}
	if total > 6000 {
		t.Errorf("embeds hold %d runes, want at most 6000", total)
	}
	if len(components) > 5 {
		t.Errorf("%d action rows, want at most 5", len(components))
	}
	ids := map[string]bool{}
	for _, c := range components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			t.Errorf("component %T is not an action row", c)
			continue
		}
		if len(row.Components) < 1 || len(row.Components) > 5 {
			t.Errorf("a row of %d buttons, want 1 to 5", len(row.Components))
		}
		for _, c := range row.Components {
			b, ok := c.(discordgo.Button)
			if !ok {
				t.Errorf("row holds %T, want buttons", c)
				continue
			}
			limit("button label", b.Label, 1, 80)
			if n := len(b.CustomID); n < 1 || n > 100 {
				t.Errorf("custom_id %q has %d bytes, want 1 to 100", b.CustomID, n)
			}
			if ids[b.CustomID] {
				t.Errorf("custom_id %q appears twice", b.CustomID)
			}
			ids[b.CustomID] = true
		}
	}
}

// checkURL fails for a link that is not absolute http(s).
func checkURL(t *testing.T, what, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Errorf("%s %q is not an http(s) URL", what, raw)
	}
}

func checkChoices(t *testing.T, choices []*discordgo.ApplicationCommandOptionChoice) {
	t.Helper()
	if len(choices) > 25 {
		t.Errorf("%d choices, want at most 25", len(choices))
	}
	for _, c := range choices {
		if n := runes(c.Name); n < 1 || n > 100 {
			t.Errorf("choice name %q has %d runes, want 1 to 100", c.Name, n)
		}
		v, ok := c.Value.(string)
		if !ok || runes(v) > 100 || v == "" {
			t.Errorf("choice value %#v, want a string of 1 to 100 runes", c.Value)
		}
	}
}

// texts returns every text of a message that Discord renders.
func texts(d *discordgo.InteractionResponseData) []string {
	out := []string{d.Content}
	for _, e := range d.Embeds {
		out = append(out, e.Title, e.Description)
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
	}
	return out
}
