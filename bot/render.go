package bot

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dealbot/corpus"
	"dealbot/index"
	"dealbot/library"
)

// Every message goes through newMessage; every text in it that comes from
// an article or a user is escaped with index.Escape (excerpts come
// escaped, with the matched words in bold) and no message may mention
// anyone.

// Embed colors, one for each kind of answer.
const (
	colorDeal    = 0x2e7d32
	colorQuote   = 0x1565c0
	colorSearch  = 0x6a1b9a
	colorArticle = 0x546e7a
)

// maxDetailItems is how many deals, and how many quotes, /article show
// lists; the rest are counted.
const maxDetailItems = 10

// maxCitedTitle is the most runes of a title a citation shows.
const maxCitedTitle = 200

// newMessage completes a message and cuts it to Discord's limits (see
// fit): it mentions no one, and its embeds and components are empty
// rather than absent, so that an update clears what it replaces.
func newMessage(typ discordgo.InteractionResponseType, d *discordgo.InteractionResponseData, cuttable []*string) *discordgo.InteractionResponse {
	d.AllowedMentions = noMentions()
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{}
	}
	if d.Components == nil {
		d.Components = []discordgo.MessageComponent{}
	}
	fit(d, cuttable)
	return &discordgo.InteractionResponse{Type: typ, Data: d}
}

// noMentions lets a message mention no one: an empty list of what to
// parse, sent as [] rather than null.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// notice is a short message only the asker sees: errors, "nothing found".
func notice(text string) *discordgo.InteractionResponse {
	return newMessage(discordgo.InteractionResponseChannelMessageWithSource,
		&discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral}, nil)
}

// answerMessage renders a page of an answer: a header line, one embed for
// each result, and the ◀ ▶ buttons. A private answer is ephemeral; update
// makes it replace the message whose button was clicked (which keeps it
// private, if it was). An answer with no results is a notice that
// suggests the nearest names.
func answerMessage(ans index.Answer, private, update bool) *discordgo.InteractionResponse {
	if ans.Total == 0 || len(ans.Results) == 0 {
		return notice(nothingFound(ans))
	}
	q := ans.Query
	d := &discordgo.InteractionResponseData{}
	var cuttable []*string
	for i, r := range ans.Results {
		n := (q.Page-1)*index.PageSize + i + 1
		e, cut := resultEmbed(n, q.Kind, r)
		d.Embeds = append(d.Embeds, e)
		cuttable = append(cuttable, cut...)
	}
	d.Components = pageButtons(pageState{q: q, private: private}, ans.Pages())
	d.Content = header(ans)
	if d.Components == nil && ans.Pages() > 1 {
		d.Content += "\nThe question is too long to page with buttons: shorten it to see the other pages."
	}
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if update {
		typ = discordgo.InteractionResponseUpdateMessage
	} else if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return newMessage(typ, d, cuttable)
}

// header is an answer's first line: "Deals involving CoreWeave — 7 found,
// page 1 of 2".
func header(ans index.Answer) string {
	q := ans.Query
	var s string
	switch q.Kind {
	case "deal":
		s = "Deals involving " + index.Escape(ans.Name)
		if w := strings.TrimSpace(q.With); w != "" {
			s += " with " + index.Escape(w)
		}
	case "quote":
		s = "Quotes from " + index.Escape(ans.Name)
		if a := strings.TrimSpace(q.About); a != "" {
			s += " about “" + index.Escape(a) + "”"
		}
	case "search":
		s = "Passages matching “" + index.Escape(strings.TrimSpace(q.Text)) + "”"
	default:
		s = "Articles in the corpus"
	}
	s = "**" + s + dates(q) + "**"
	if q.Kind == "article" {
		s += fmt.Sprintf(" — %d in all", ans.Total)
	} else {
		s += fmt.Sprintf(" — %d found", ans.Total)
	}
	if ans.Pages() > 1 {
		s += fmt.Sprintf(", page %d of %d", q.Page, ans.Pages())
	}
	return s
}

// dates describes a question's date range: " since 2025-01-01".
func dates(q index.Query) string {
	var s string
	if q.Since != "" {
		s += " since " + index.Escape(q.Since)
	}
	if q.Until != "" {
		s += " until " + index.Escape(q.Until)
	}
	return s
}

// nothingFound says that nothing matched, and what might: "No deals found
// for “corewave”. Did you mean CoreWeave?"
func nothingFound(ans index.Answer) string {
	q := ans.Query
	quoted := func(s string) string { return "“" + index.Escape(strings.TrimSpace(s)) + "”" }
	var s, hint string
	switch q.Kind {
	case "deal":
		s = "No deals found for " + quoted(q.Company)
		if strings.TrimSpace(q.With) != "" {
			s += " with " + quoted(q.With)
			hint = " Try without “with”."
		}
	case "quote":
		s = "No quotes found from " + quoted(q.Person)
		if strings.TrimSpace(q.About) != "" {
			s += " about " + quoted(q.About)
			hint = " Try fewer words in “about”."
		}
	case "search":
		s = "No passages match " + quoted(q.Text)
		hint = " Try fewer words."
	default:
		return "The corpus has no articles yet."
	}
	s += dates(q) + "."
	if q.Since != "" || q.Until != "" {
		hint = " Try a wider date range."
	}
	if len(ans.Suggestions) > 0 {
		names := make([]string, len(ans.Suggestions))
		for i, n := range ans.Suggestions {
			names[i] = index.Escape(n)
		}
		return s + " Did you mean " + orList(names) + "?"
	}
	return s + hint
}

// resultEmbed renders one result, numbered n, and returns the texts that
// may be shortened to fit.
func resultEmbed(n int, kind string, r index.Result) (*discordgo.MessageEmbed, []*string) {
	e := &discordgo.MessageEmbed{URL: safeURL(r.Article.URL)}
	if r.Excerpt != "" {
		e.Description = "> " + r.Excerpt
	}
	cut := []*string{&e.Description}
	switch {
	case r.Deal != nil:
		dl := r.Deal
		e.Color = colorDeal
		e.Title = fmt.Sprintf("%d. %s", n, parties(dl.Parties))
		if dl.Amount != nil {
			e.Fields = append(e.Fields, field("Amount", amount(*dl.Amount), true))
		}
		e.Fields = append(e.Fields, field("Kind", index.Escape(dl.Kind), true), field("Status", index.Escape(dl.Status), true))
	case r.Quote != nil:
		qt := r.Quote
		e.Color = colorQuote
		e.Title = fmt.Sprintf("%d. %s", n, index.Escape(qt.Speaker))
		quote := field("Quote", "“"+index.Escape(qt.Text)+"”", false)
		e.Fields = append(e.Fields, quote, field("Speaker", speaker(*qt), true),
			field("Role", index.Escape(qt.Role), true), field("Cue", index.Escape(qt.Cue), true))
		cut = append(cut, &quote.Value)
	default:
		e.Title = fmt.Sprintf("%d. %s", n, index.Escape(orUntitled(r.Article.Title)))
		e.Color = colorSearch
		if kind == "article" {
			e.Color = colorArticle
		}
	}
	e.Fields = append(e.Fields, field("Source", citation(r.Article), false))
	return e, cut
}

func field(name, value string, inline bool) *discordgo.MessageEmbedField {
	return &discordgo.MessageEmbedField{Name: name, Value: value, Inline: inline}
}

// parties names a deal's parties: "Microsoft – CoreWeave".
func parties(ps []string) string {
	if len(ps) == 0 {
		return "Deal"
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = index.Escape(p)
	}
	return strings.Join(out, " – ")
}

// speaker names who was quoted, and how the article named them there
// when it differs: "Satya Nadella (named “Nadella”)".
func speaker(q corpus.Quote) string {
	s := index.Escape(q.Speaker)
	if as := strings.TrimSpace(q.SpeakerAs); as != "" && as != q.Speaker {
		s += " (named “" + index.Escape(as) + "”)"
	}
	return s
}

// amount writes a sum as written and normalised: "nearly $12 billion
// (12,000,000,000 USD)".
func amount(a corpus.Amount) string {
	s := a.Text
	if a.Qualifier != "" && !strings.HasPrefix(strings.ToLower(s), a.Qualifier) {
		s = a.Qualifier + " " + s
	}
	norm := thousands(a.Value)
	if a.Max > 0 {
		norm += "–" + thousands(a.Max)
	}
	return index.Escape(s) + " (" + norm + " " + index.Escape(a.Currency) + ")"
}

// thousands writes a whole amount with thousands separators.
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// citation cites an article: its title linked to its URL, source, date
// and corpus id. It stays well within a field value's 1024 runes.
func citation(c index.Citation) string {
	title := orUntitled(c.Title)
	u := safeURL(c.URL)
	if u != "" {
		// Discord ends a link's text at an unbalanced bracket, escaped or
		// not: in the link, the title's brackets become parentheses.
		title = strings.NewReplacer("[", "(", "]", ")").Replace(title)
	}
	s := clip(index.Escape(title), maxCitedTitle)
	if u != "" {
		s = "[" + s + "](" + u + ")"
	}
	if src := strings.TrimSpace(c.Source); src != "" {
		s += " · " + clip(index.Escape(src), 100)
	}
	date := "date unknown"
	if c.Date != "" {
		date = index.Escape(c.Date)
	}
	return s + " · " + date + " · id " + clip(index.Escape(c.ID), maxIDLen)
}

func orUntitled(title string) string {
	if blank(title) {
		return "Untitled"
	}
	return title
}

// maxURL is the longest URL an embed may link to (Discord's embed URL
// limit); a longer one is left out.
const maxURL = 2048

// httpURL parses raw as an absolute http(s) URL with a host: the only
// kind the bot links to, downloads from or sends its REST calls to.
func httpURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// safeURL returns an article's URL fit to link to in Discord markdown, or
// "" when it is not an absolute http(s) URL with an ASCII host. Characters
// that could end a masked link or start markdown are percent-encoded.
func safeURL(raw string) string {
	u, ok := httpURL(strings.TrimSpace(raw))
	if !ok || u.User != nil {
		return ""
	}
	for _, r := range u.Host {
		if r <= ' ' || r >= 0x7f {
			return ""
		}
	}
	var b strings.Builder
	for _, c := range []byte(u.String()) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>\\\"'`[]*_~|", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	if b.Len() > maxURL {
		return ""
	}
	return b.String()
}

// detailMessage renders /article show: the citation, and the deals and
// quotes drawn from the article (up to maxDetailItems of each).
func detailMessage(d index.Detail) *discordgo.InteractionResponse {
	e, cuttable := detailEmbed(d)
	return newMessage(discordgo.InteractionResponseChannelMessageWithSource,
		&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, cuttable)
}

// detailEmbed renders an article and its facts, as /article show and a
// moderator's preview show them, and returns the texts that may be
// shortened to fit.
func detailEmbed(d index.Detail) (*discordgo.MessageEmbed, []*string) {
	c := d.Article
	e := &discordgo.MessageEmbed{
		Title:       index.Escape(orUntitled(c.Title)),
		URL:         safeURL(c.URL),
		Description: citation(c) + "\n" + counted(len(d.Deals), "deal") + " and " + counted(len(d.Quotes), "quote") + " drawn from it.",
	}
	e.Color = colorArticle
	var cuttable []*string
	for _, dl := range d.Deals[:min(len(d.Deals), maxDetailItems)] {
		v := strings.Join(nonBlank(index.Escape(dl.Kind), index.Escape(dl.Status)), " · ")
		if dl.Amount != nil {
			v += " · " + amount(*dl.Amount)
		}
		if !blank(dl.Excerpt) {
			v += "\n> " + index.Escape(dl.Excerpt)
		}
		f := field("Deal: "+parties(dl.Parties), v, false)
		e.Fields = append(e.Fields, f)
		cuttable = append(cuttable, &f.Value)
	}
	for _, qt := range d.Quotes[:min(len(d.Quotes), maxDetailItems)] {
		v := "“" + index.Escape(qt.Text) + "”"
		if qt.Cue != "" {
			v += " — " + index.Escape(qt.Cue)
		}
		f := field("Quote: "+speaker(qt), v, false)
		e.Fields = append(e.Fields, f)
		cuttable = append(cuttable, &f.Value)
	}
	var more []string
	if n := len(d.Deals) - maxDetailItems; n > 0 {
		more = append(more, counted(n, "more deal"))
	}
	if n := len(d.Quotes) - maxDetailItems; n > 0 {
		more = append(more, counted(n, "more quote"))
	}
	if more != nil {
		e.Fields = append(e.Fields, field("And", strings.Join(more, " and ")+": ask /deal or /quote to see them.", false))
	}
	return e, cuttable
}

// maxOpening is the most runes of an article's text a preview shows.
const maxOpening = 300

// previewMessage shows a moderator a draft, only to them: the article as
// /article show would show it once added, with its address and how its
// text begins, and Add and Cancel buttons that carry the token of the
// draft held for them. A draft the corpus already holds gets a warning
// naming the article there, and no buttons.
func previewMessage(d library.Draft, token string) *discordgo.InteractionResponse {
	a := d.Article
	e, cuttable := detailEmbed(index.Detail{
		Article: index.Citation{ID: a.ID, Title: a.Title, Source: a.Source, Date: a.DateString(), URL: a.URL},
		Deals:   d.Facts.Deals,
		Quotes:  d.Facts.Quotes,
	})
	var head []*discordgo.MessageEmbedField
	if u := safeURL(a.URL); u != "" && runes(u) <= maxFieldValue {
		head = append(head, field("URL", u, false))
	}
	opening := field("Text", "> "+clip(index.Escape(strings.Join(strings.Fields(a.Body), " ")), maxOpening), false)
	head = append(head, opening)
	e.Fields = append(head, e.Fields...)
	cuttable = append(cuttable, &opening.Value)

	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, Flags: discordgo.MessageFlagsEphemeral}
	if dup := d.Duplicate; dup != nil {
		id := index.Escape(dup.ID)
		data.Content = fmt.Sprintf("**Already in the corpus** as %s (“%s”): there is nothing to add. /article show %[1]s shows it.",
			id, clip(index.Escape(orUntitled(dup.Title)), maxCitedTitle))
	} else {
		data.Content = "**Preview** of the article: this is what would be added. Add it to the corpus, or Cancel."
		data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Add", Style: discordgo.SuccessButton, CustomID: addPrefix + token},
			discordgo.Button{Label: "Cancel", Style: discordgo.SecondaryButton, CustomID: cancelPrefix + token},
		}}}
	}
	return newMessage(discordgo.InteractionResponseChannelMessageWithSource, data, cuttable)
}

// doneMessage replaces a preview with what became of it, and takes its
// embed and buttons away.
func doneMessage(text string) *discordgo.InteractionResponse {
	return newMessage(discordgo.InteractionResponseUpdateMessage, &discordgo.InteractionResponseData{Content: text}, nil)
}

// articleForm is the form /article add opens when given neither a URL nor
// a file. Each input's custom_id is its field of library.Form, in lower
// case. Discord shows a form's inputs each in its own action row, and
// always sends Required, so it is set on each.
func articleForm() *discordgo.InteractionResponse {
	input := func(id, label string, style discordgo.TextInputStyle, required bool, maxLen int, placeholder string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: style, Required: required, MaxLength: maxLen, Placeholder: placeholder,
		}}}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: formID,
			Title:    "Add an article",
			Components: []discordgo.MessageComponent{
				input("title", "Title", discordgo.TextInputShort, true, corpus.MaxTitleRunes, "The headline"),
				input("url", "URL", discordgo.TextInputShort, false, maxURL, "https://…"),
				input("source", "Source", discordgo.TextInputShort, false, maxSourceLen, "The publication"),
				input("date", "Date", discordgo.TextInputShort, false, maxDateLen, "YYYY-MM-DD"),
				input("text", "Text", discordgo.TextInputParagraph, true, maxInputValue, "The article's text; a blank line between paragraphs"),
			},
		},
	}
}

// statsMessage renders /stats.
func statsMessage(s index.Stats) *discordgo.InteractionResponse {
	updated := "never"
	if !s.Updated.IsZero() {
		updated = fmt.Sprintf("<t:%d:R>", s.Updated.Unix()) // shown in each reader's time zone
	}
	e := &discordgo.MessageEmbed{
		Title: "What the bot knows",
		Fields: []*discordgo.MessageEmbedField{
			field("Articles", thousands(float64(s.Articles)), true),
			field("Deals", thousands(float64(s.Deals)), true),
			field("Quotes", thousands(float64(s.Quotes)), true),
			field("Companies", thousands(float64(s.Companies)), true),
			field("People", thousands(float64(s.People)), true),
			field("Last updated", updated, true),
		},
	}
	e.Color = colorArticle
	return newMessage(discordgo.InteractionResponseChannelMessageWithSource,
		&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}, nil)
}

// helpMessage renders /help from the command definitions, so that it
// cannot fall behind them. Only the asker sees it.
func helpMessage() *discordgo.InteractionResponse {
	e := &discordgo.MessageEmbed{
		Title: "Ask about AI-industry deals",
		Description: "Every answer comes from the news articles in the corpus and cites its source: " +
			"the sentence it was drawn from (your words in **bold**), the article's title, source, date and link, and its corpus id.",
	}
	e.Color = colorArticle
	for _, c := range Commands() {
		subs := 0
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				e.Fields = append(e.Fields, field(usage(c.Name+" "+o.Name, o.Options), o.Description, false))
				subs++
			}
		}
		if subs == 0 {
			e.Fields = append(e.Fields, field(usage(c.Name, c.Options), c.Description, false))
		}
	}
	e.Fields = append(e.Fields, field("Tips",
		"Company and person options suggest the names the corpus knows as you type. "+
			"Dates are YYYY-MM-DD. Long answers have ◀ ▶ buttons. "+
			"Set private to True to get an answer only you can see.", false))
	return newMessage(discordgo.InteractionResponseChannelMessageWithSource,
		&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, Flags: discordgo.MessageFlagsEphemeral}, nil)
}

// usage writes a command's syntax: "/deal company [with] [since]".
func usage(name string, opts []*discordgo.ApplicationCommandOption) string {
	s := "/" + name
	for _, o := range opts {
		if o.Required {
			s += " " + o.Name
		} else {
			s += " [" + o.Name + "]"
		}
	}
	return s
}

// orList writes "A, B or C".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// counted writes "1 deal", "3 deals".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func nonBlank(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if !blank(s) {
			out = append(out, s)
		}
	}
	return out
}
