package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"dealbot/index"
)

// pagePrefix begins the custom_id of every paging button.
const pagePrefix = "pg:"

// A paging button's custom_id holds the whole question, so that any
// replica, before or after a restart, can render the page it asks for:
//
//	pg:<kind><page>|<field>|<field>…
//
// kind is its first letter (d deal, q quote, s search, a article list),
// upper case when the answer is private; page is in base 36; the fields
// are the question's, in a fixed order for each kind (pageFields),
// trailing empty ones left out. A date is written as its day number in
// base 36 (4 characters instead of 10). In a field, "~" is written "~~"
// and "|" "~!", so that "|" only ever separates. A question that does not
// fit in 100 bytes gets no button rather than a shortened, wrong one.

// pageState is what a paging button knows: the question, with the page it
// leads to, and whether the answer is private.
type pageState struct {
	q       index.Query // Kind is "deal", "quote", "search" or "article"
	private bool
}

// errBadButton marks a custom_id that is not one the bot wrote (or one
// from an older, incompatible version).
var errBadButton = errors.New("unreadable button")

// letterKind returns the kind of answer that pages and begins with letter
// (its letter in a custom_id), or "".
func letterKind(letter byte) string {
	for _, k := range []string{"deal", "quote", "search", "article"} {
		if k[0] == letter {
			return k
		}
	}
	return ""
}

// pageField is one field of a question, and whether it holds a date.
type pageField struct {
	v    *string
	date bool
}

// pageFields returns the fields of q that a page of its kind depends on,
// in the order they are written.
func pageFields(q *index.Query) []pageField {
	switch q.Kind {
	case "deal":
		return []pageField{{&q.Company, false}, {&q.With, false}, {&q.Since, true}, {&q.Until, true}}
	case "quote":
		return []pageField{{&q.Person, false}, {&q.About, false}}
	case "search":
		return []pageField{{&q.Text, false}, {&q.Since, true}, {&q.Until, true}}
	}
	return nil
}

// encodePage writes st as a custom_id. It reports false when st cannot be
// written within maxCustomID bytes (or holds what no question may: a page
// out of range, a date that is not YYYY-MM-DD, text that is not UTF-8).
func encodePage(st pageState) (string, bool) {
	if st.q.Kind == "" || letterKind(st.q.Kind[0]) != st.q.Kind || st.q.Page < 0 || st.q.Page > maxPage {
		return "", false
	}
	letter := st.q.Kind[0]
	if st.private {
		letter -= 'a' - 'A'
	}
	var fields []string
	for _, f := range pageFields(&st.q) {
		v := *f.v
		if !utf8.ValidString(v) {
			return "", false
		}
		if f.date {
			var ok bool
			if v, ok = encodeDate(v); !ok {
				return "", false
			}
		} else {
			v = escapeField(v)
		}
		fields = append(fields, v)
	}
	for len(fields) > 0 && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1]
	}
	id := pagePrefix + string(letter) + strconv.FormatInt(int64(st.q.Page), 36)
	for _, f := range fields {
		id += "|" + f
	}
	if len(id) > maxCustomID {
		return "", false
	}
	return id, true
}

// decodePage reads a custom_id written by encodePage. It returns
// errBadButton for anything else.
func decodePage(id string) (pageState, error) {
	rest, ok := strings.CutPrefix(id, pagePrefix)
	if !ok || len(rest) < 2 || !utf8.ValidString(id) {
		return pageState{}, errBadButton
	}
	var st pageState
	letter := rest[0]
	if letter >= 'A' && letter <= 'Z' {
		st.private = true
		letter += 'a' - 'A'
	}
	if st.q.Kind = letterKind(letter); st.q.Kind == "" {
		return pageState{}, errBadButton
	}
	parts := strings.Split(rest[1:], "|")
	page, err := strconv.ParseInt(parts[0], 36, 64)
	if err != nil || page < 0 || page > maxPage || strconv.FormatInt(page, 36) != parts[0] {
		return pageState{}, errBadButton
	}
	st.q.Page = int(page)
	fields := pageFields(&st.q)
	if len(parts)-1 > len(fields) {
		return pageState{}, errBadButton
	}
	for i, raw := range parts[1:] {
		var v string
		if fields[i].date {
			v, err = decodeDate(raw)
		} else {
			v, err = unescapeField(raw)
		}
		if err != nil {
			return pageState{}, err
		}
		*fields[i].v = v
	}
	return st, nil
}

func escapeField(s string) string {
	s = strings.ReplaceAll(s, "~", "~~")
	return strings.ReplaceAll(s, "|", "~!")
}

func unescapeField(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '~' {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch {
		case i < len(s) && s[i] == '~':
			b.WriteByte('~')
		case i < len(s) && s[i] == '!':
			b.WriteByte('|')
		default:
			return "", errBadButton
		}
	}
	return b.String(), nil
}

// dayZero is the day dates are counted from: 0000-01-01, the first day
// YYYY-MM-DD can write.
func dayZero() time.Time { return time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC) }

// encodeDate writes a YYYY-MM-DD date as its day number in base 36; ""
// stays "". It reports false for anything that is not a real date written
// as YYYY-MM-DD.
func encodeDate(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Format(time.DateOnly) != s {
		return "", false
	}
	return strconv.FormatInt((t.Unix()-dayZero().Unix())/(24*60*60), 36), true
}

func decodeDate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	days, err := strconv.ParseInt(s, 36, 64)
	if err != nil || days < 0 || days > 10000*366 || strconv.FormatInt(days, 36) != s {
		return "", errBadButton
	}
	t := dayZero().AddDate(0, 0, int(days))
	if t.Year() > 9999 {
		return "", errBadButton
	}
	return t.Format(time.DateOnly), nil
}

// pageButtons returns the ◀ ▶ row for a page of an answer of pages pages:
// each button leads to its page, ◀ disabled on the first and ▶ on the
// last. It leaves out a button whose question does not fit its custom_id,
// and returns nil when there is one page or no button.
func pageButtons(st pageState, pages int) []discordgo.MessageComponent {
	if pages <= 1 {
		return nil
	}
	var row []discordgo.MessageComponent
	prev, next := st, st
	prev.q.Page--
	next.q.Page++
	if id, ok := encodePage(prev); ok {
		row = append(row, discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton, CustomID: id, Disabled: st.q.Page <= 1})
	}
	if id, ok := encodePage(next); ok {
		row = append(row, discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton, CustomID: id, Disabled: st.q.Page >= pages})
	}
	if row == nil {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}
