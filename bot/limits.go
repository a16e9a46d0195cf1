package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a bot sends, in runes (DISCORD.md).
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthor      = 256
	maxEmbedsTotal = 6000 // title, description, field names and values, footer and author of all embeds
	maxCustomID    = 100  // bytes, which also bounds the characters Discord counts
	maxChoices     = 25
	maxChoiceName  = 100
	maxChoiceValue = 100
	maxInputValue  = 4000 // a form's text input
)

// runes counts as Discord does.
func runes(s string) int { return utf8.RuneCountInString(s) }

// clip cuts s, Discord markdown as the bot writes it (escaped text with
// words in bold), to at most n runes, ending it with "…" when cut. It cuts
// between whole pieces of markdown: never between a backslash and what it
// escapes, never inside a "**"; it closes a bold it cuts into, or drops
// it when nothing of it would be left.
func clip(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	type cutAt struct {
		at     int  // byte offset
		bold   bool // inside a bold
		openAt int  // where that bold's "**" starts
	}
	best := cutAt{}
	next, count := cutAt{}, 0
	for next.at < len(s) {
		size := 1
		switch {
		case s[next.at] == '\\' && next.at+1 < len(s):
			_, w := utf8.DecodeRuneInString(s[next.at+1:])
			size, count = 1+w, count+2
		case strings.HasPrefix(s[next.at:], "**"):
			if !next.bold {
				next.openAt = next.at
			}
			size, count, next.bold = 2, count+2, !next.bold
		default:
			_, size = utf8.DecodeRuneInString(s[next.at:])
			count++
		}
		next.at += size
		closing := 0
		if next.bold {
			closing = 2
		}
		if count+1+closing > n {
			break
		}
		best = next
	}
	out := s[:best.at]
	if best.bold {
		if blank(out[best.openAt+2:]) {
			out = out[:best.openAt]
		} else {
			out = strings.TrimRight(out, " ") + "**"
		}
	}
	return strings.TrimRight(out, " ") + "…"
}

// clipPlain cuts text that Discord shows as written (autocomplete names,
// button labels) to at most n runes, ending it with "…" when cut.
func clipPlain(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	i, c := 0, 0
	for i = range s {
		if c == n-1 {
			break
		}
		c++
	}
	return s[:i] + "…"
}

// blank reports whether Discord would take s as empty.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// embedsLength is what counts towards maxEmbedsTotal.
func embedsLength(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += runes(e.Title) + runes(e.Description)
		for _, f := range e.Fields {
			n += runes(f.Name) + runes(f.Value)
		}
		if e.Footer != nil {
			n += runes(e.Footer.Text)
		}
		if e.Author != nil {
			n += runes(e.Author.Name)
		}
	}
	return n
}

// minCut is the fewest runes fit leaves of a text it shortens.
const minCut = 40

// fit cuts a message to Discord's limits: each text to its own, and the
// embeds together to maxEmbedsTotal by shortening the longest of the
// texts in cuttable (excerpts and quotations, not titles or citations),
// then, if that is not enough, by leaving out fields and embeds from the
// end. It drops fields with a blank name or value, which Discord refuses.
func fit(d *discordgo.InteractionResponseData, cuttable []*string) {
	d.Content = clip(d.Content, maxContent)
	if len(d.Embeds) > maxEmbeds {
		d.Embeds = d.Embeds[:maxEmbeds]
	}
	for _, e := range d.Embeds {
		e.Title = clip(e.Title, maxTitle)
		e.Description = clip(e.Description, maxDescription)
		if e.Footer != nil {
			e.Footer.Text = clip(e.Footer.Text, maxFooter)
		}
		if e.Author != nil {
			e.Author.Name = clip(e.Author.Name, maxAuthor)
		}
		var kept []*discordgo.MessageEmbedField
		for _, f := range e.Fields {
			f.Name = clip(f.Name, maxFieldName)
			f.Value = clip(f.Value, maxFieldValue)
			if !blank(f.Name) && !blank(f.Value) && len(kept) < maxFields {
				kept = append(kept, f)
			}
		}
		e.Fields = kept
	}
	for excess := embedsLength(d.Embeds) - maxEmbedsTotal; excess > 0; excess = embedsLength(d.Embeds) - maxEmbedsTotal {
		var longest *string
		for _, s := range cuttable {
			if longest == nil || runes(*s) > runes(*longest) {
				longest = s
			}
		}
		if longest == nil || runes(*longest) <= minCut {
			break
		}
		n := runes(*longest)
		*longest = clip(*longest, max(n-excess, n/2, minCut))
	}
	for embedsLength(d.Embeds) > maxEmbedsTotal && len(d.Embeds) > 0 {
		last := d.Embeds[len(d.Embeds)-1]
		if len(last.Fields) > 0 {
			last.Fields = last.Fields[:len(last.Fields)-1]
			continue
		}
		d.Embeds = d.Embeds[:len(d.Embeds)-1]
	}
}
