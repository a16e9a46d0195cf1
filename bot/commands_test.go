package bot

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// TestCommands checks the command definitions against Discord's rules
// for registering them.
func TestCommands(t *testing.T) {
	name := regexp.MustCompile(`^[-_'\p{L}\p{N}]{1,32}$`)
	checkName := func(what, n string) {
		t.Helper()
		if !name.MatchString(n) || strings.ToLower(n) != n {
			t.Errorf("%s name %q: want lower case matching %s", what, n, name)
		}
	}
	checkDescription := func(what, d string) {
		t.Helper()
		if n := runes(d); n < 1 || n > 100 {
			t.Errorf("%s description has %d runes, want 1 to 100: %q", what, n, d)
		}
	}
	var checkOptions func(what string, opts []*discordgo.ApplicationCommandOption) int
	checkOptions = func(what string, opts []*discordgo.ApplicationCommandOption) int {
		t.Helper()
		if len(opts) > 25 {
			t.Errorf("%s has %d options, want at most 25", what, len(opts))
		}
		size := 0
		optional := false
		seen := map[string]bool{}
		for _, o := range opts {
			w := what + " " + o.Name
			checkName(w, o.Name)
			checkDescription(w, o.Description)
			if seen[o.Name] {
				t.Errorf("%s: two options named %q", what, o.Name)
			}
			seen[o.Name] = true
			size += runes(o.Name) + runes(o.Description)
			if o.Required && optional {
				t.Errorf("%s: required after optional", w)
			}
			optional = optional || !o.Required
			switch o.Type {
			case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
				size += checkOptions(w, o.Options)
			case discordgo.ApplicationCommandOptionString:
				if o.MaxLength < 1 || o.MaxLength > 6000 {
					t.Errorf("%s: MaxLength %d", w, o.MaxLength)
				}
				if o.Autocomplete && o.MaxLength > maxChoiceValue {
					t.Errorf("%s: autocompleted option longer than a choice's value", w)
				}
			}
			if o.Autocomplete && len(o.Choices) > 0 {
				t.Errorf("%s: autocomplete and choices", w)
			}
		}
		return size
	}
	seen := map[string]bool{}
	for _, c := range Commands() {
		checkName("command", c.Name)
		checkDescription(c.Name, c.Description)
		if seen[c.Name] {
			t.Errorf("two commands named %q", c.Name)
		}
		seen[c.Name] = true
		if size := runes(c.Name) + runes(c.Description) + checkOptions(c.Name, c.Options); size > 8000 {
			t.Errorf("%s: %d characters, want at most 8000", c.Name, size)
		}
		if c.Type != 0 && c.Type != discordgo.ChatApplicationCommand {
			t.Errorf("%s: type %d", c.Name, c.Type)
		}
	}
	if len(seen) > 100 {
		t.Errorf("%d commands", len(seen))
	}
}

// TestRoutesCoverCommands: every command has a handler and every
// autocompleted option a completer, and no route is left without a
// command.
func TestRoutesCoverCommands(t *testing.T) {
	rt := New(nil, nil, Options{})
	var commands, completers []string
	var walk func(path string, opts []*discordgo.ApplicationCommandOption)
	walk = func(path string, opts []*discordgo.ApplicationCommandOption) {
		leaf := true
		for _, o := range opts {
			switch o.Type {
			case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
				leaf = false
				walk(path+" "+o.Name, o.Options)
			default:
				if o.Autocomplete {
					completers = append(completers, path+" "+o.Name)
				}
			}
		}
		if leaf {
			commands = append(commands, path)
		}
	}
	for _, c := range Commands() {
		walk(c.Name, c.Options)
	}
	keys := func(m any) []string {
		var out []string
		switch m := m.(type) {
		case map[string]handler:
			for k := range m {
				out = append(out, k)
			}
		case map[string]completer:
			for k := range m {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	sort.Strings(commands)
	sort.Strings(completers)
	if diff := cmp.Diff(commands, keys(rt.commands)); diff != "" {
		t.Errorf("commands (-defined +routed):\n%s", diff)
	}
	if diff := cmp.Diff(completers, keys(rt.completers)); diff != "" {
		t.Errorf("autocompleted options (-defined +routed):\n%s", diff)
	}
}
