package bot

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dealbot/index"
)

func (rt *Router) deal(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	q := index.Query{Kind: "deal", Company: r.str("company"), With: r.str("with"), Since: r.str("since"), Until: r.str("until"), Page: 1}
	return rt.answer(ctx, r, q, r.boolean("private"), false)
}

func (rt *Router) quote(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	q := index.Query{Kind: "quote", Person: r.str("person"), About: r.str("about"), Page: 1}
	return rt.answer(ctx, r, q, r.boolean("private"), false)
}

func (rt *Router) search(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	q := index.Query{Kind: "search", Text: r.str("query"), Since: r.str("since"), Until: r.str("until"), Page: 1}
	return rt.answer(ctx, r, q, r.boolean("private"), false)
}

func (rt *Router) articleList(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	return rt.answer(ctx, r, index.Query{Kind: "article", Page: max(1, r.integer("page"))}, false, false)
}

func (rt *Router) articleShow(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	d, err := rt.s.Article(ctx, strings.TrimSpace(r.str("id")))
	if err != nil {
		return nil, err
	}
	return detailMessage(d), nil
}

func (rt *Router) stats(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	s, err := rt.s.Stats(ctx)
	if err != nil {
		return nil, err
	}
	return statsMessage(s), nil
}

func (rt *Router) help(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	return helpMessage(), nil
}

// turnPage answers a ◀ or ▶ click by replacing the message with the page
// its custom_id asks for.
func (rt *Router) turnPage(ctx context.Context, r *request) (*discordgo.InteractionResponse, error) {
	st, err := decodePage(r.customID)
	if err != nil {
		return nil, err
	}
	st.q.Page = max(1, st.q.Page)
	return rt.answer(ctx, r, st.q, st.private, true)
}

// answer asks q and renders the page (see answerMessage). A page past the
// last, from a button made before the corpus shrank, shows the last. It
// marks r empty when nothing matched.
func (rt *Router) answer(ctx context.Context, r *request, q index.Query, private, update bool) (*discordgo.InteractionResponse, error) {
	ans, err := rt.ask(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(ans.Results) == 0 && ans.Total > 0 && q.Page > ans.Pages() {
		q.Page = ans.Pages()
		if ans, err = rt.ask(ctx, q); err != nil {
			return nil, err
		}
	}
	r.empty = ans.Total == 0 || len(ans.Results) == 0
	return answerMessage(ans, private, update), nil
}

// ask asks the index the question q, by its kind.
func (rt *Router) ask(ctx context.Context, q index.Query) (index.Answer, error) {
	switch q.Kind {
	case "deal":
		return rt.s.Deals(ctx, q)
	case "quote":
		return rt.s.Quotes(ctx, q)
	case "search":
		return rt.s.Search(ctx, q)
	}
	return rt.s.Articles(ctx, q)
}

func (rt *Router) companies(ctx context.Context, r *request, typed string) []*discordgo.ApplicationCommandOptionChoice {
	return nameChoices(rt.s.Suggest("company", typed))
}

func (rt *Router) people(ctx context.Context, r *request, typed string) []*discordgo.ApplicationCommandOptionChoice {
	return nameChoices(rt.s.Suggest("person", typed))
}

// nameChoices offers names as they are: a name too long for its option
// (or for a choice) is left out rather than offered cut, which would
// name no one.
func nameChoices(names []string) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, n := range names {
		if len(out) == maxChoices {
			break
		}
		if blank(n) || runes(n) > min(maxNameLen, maxChoiceValue, maxChoiceName) || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
	}
	return out
}

// idSuggestTimeout bounds the search for article ids to offer: Discord
// drops an autocomplete answered after three seconds.
const idSuggestTimeout = time.Second

// articleIDs offers article ids as the user types one: the article whose
// id was typed in full, then, from the newest articles (the first
// maxChoices in /article list's order), those whose id starts with what
// was typed or whose title holds it. Each choice shows the title and
// date; its value is the id. Older articles are found by typing their id.
func (rt *Router) articleIDs(ctx context.Context, r *request, typed string) []*discordgo.ApplicationCommandOptionChoice {
	ctx, cancel := context.WithTimeout(ctx, idSuggestTimeout)
	defer cancel()
	typed = strings.TrimSpace(typed)
	lower := strings.ToLower(typed)
	out := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	offer := func(c index.Citation) {
		if len(out) == maxChoices || seen[c.ID] || blank(c.ID) || runes(c.ID) > min(maxIDLen, maxChoiceValue) {
			return
		}
		seen[c.ID] = true
		name := orUntitled(strings.Join(strings.Fields(c.Title), " "))
		if c.Date != "" {
			name += " · " + c.Date
		}
		suffix := " · " + c.ID
		name = clipPlain(name, maxChoiceName-runes(suffix)) + suffix
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clipPlain(name, maxChoiceName), Value: c.ID})
	}
	if typed != "" {
		if d, err := rt.s.Article(ctx, typed); err == nil {
			offer(d.Article)
		}
	}
	for page := 1; page <= maxChoices/index.PageSize && len(out) < maxChoices; page++ {
		ans, err := rt.s.Articles(ctx, index.Query{Page: page})
		if err != nil {
			rt.log.WarnContext(ctx, "suggesting article ids", "err", err)
			break
		}
		for _, res := range ans.Results {
			c := res.Article
			if strings.HasPrefix(strings.ToLower(c.ID), lower) || strings.Contains(strings.ToLower(c.Title), lower) {
				offer(c)
			}
		}
		if page >= ans.Pages() {
			break
		}
	}
	return out
}
