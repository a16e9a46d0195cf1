package bot

import (
	"github.com/bwmarrin/discordgo"
)

// The longest text, in characters, each string option takes. They are
// chosen so that a page's question, written into a custom_id, fits
// Discord's 100 characters for any ASCII input (see paging.go); the
// names are longer than any canonical name in the gazetteer.
const (
	maxNameLen  = 40 // company, with, person
	maxAboutLen = 48
	maxTextLen  = 80
	maxDateLen  = len("2006-01-02")
	maxIDLen    = 64
	maxURLLen   = maxURL
	// maxSourceLen is the longest source the form of /article add takes.
	maxSourceLen = 100
)

// maxPage is the highest page anyone may ask for, by option or button:
// 233,275 results, written in three characters of a custom_id ("zzz").
const maxPage = 36*36*36 - 1

// Commands returns the slash commands, as registered with Discord. The
// routes in router.go answer each of them.
func Commands() []*discordgo.ApplicationCommand {
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        "deal",
			Description: "Deals that involve a company, each cited",
			Options: []*discordgo.ApplicationCommandOption{
				nameOption("company", "The company, e.g. CoreWeave", true),
				nameOption("with", "Only deals with this other party", false),
				dateOption("since", "Only articles dated on or after this day (YYYY-MM-DD)"),
				dateOption("until", "Only articles dated on or before this day (YYYY-MM-DD)"),
				privateOption(),
			},
		},
		{
			Name:        "quote",
			Description: "What a person or company was quoted saying, each cited",
			Options: []*discordgo.ApplicationCommandOption{
				nameOption("person", "The person or company, e.g. Satya Nadella", true),
				textOption("about", "Only quotations with these words", false, maxAboutLen),
				privateOption(),
			},
		},
		{
			Name:        "search",
			Description: "Search every article's text; put \"phrases\" in double quotes",
			Options: []*discordgo.ApplicationCommandOption{
				textOption("query", "Words or \"phrases\" to find", true, maxTextLen),
				dateOption("since", "Only articles dated on or after this day (YYYY-MM-DD)"),
				dateOption("until", "Only articles dated on or before this day (YYYY-MM-DD)"),
				privateOption(),
			},
		},
		{
			Name:        "article",
			Description: "Browse the articles the bot answers from; moderators add and remove them",
			// Moderators' add, remove and restore sit beside show and list,
			// for everyone to see: the bot checks who uses them on every
			// call (moderate.go), so no DefaultMemberPermissions here.
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionSubCommand,
					Name:        "show",
					Description: "One article: its citation and the deals and quotes drawn from it",
					Options: []*discordgo.ApplicationCommandOption{
						idOption(),
					},
				},
				{
					Type:        discordgo.ApplicationCommandOptionSubCommand,
					Name:        "list",
					Description: "The articles, newest first",
					Options: []*discordgo.ApplicationCommandOption{
						{
							Type:        discordgo.ApplicationCommandOptionInteger,
							Name:        "page",
							Description: "The page to show (the first is 1)",
							MinValue:    ptr(1.0),
							MaxValue:    maxPage,
						},
					},
				},
				{
					Type:        discordgo.ApplicationCommandOptionSubCommand,
					Name:        "add",
					Description: "Moderators: add an article from a web page or a file, or type it into a form",
					Options: []*discordgo.ApplicationCommandOption{
						textOption("url", "The article's web address (https://…)", false, maxURLLen),
						{
							Type:        discordgo.ApplicationCommandOptionAttachment,
							Name:        "file",
							Description: "A .txt, .md or .html file of the article",
						},
					},
				},
				{
					Type:        discordgo.ApplicationCommandOptionSubCommand,
					Name:        "remove",
					Description: "Moderators: take an article out of the answers (it can be restored)",
					Options: []*discordgo.ApplicationCommandOption{
						idOption(),
					},
				},
				{
					Type:        discordgo.ApplicationCommandOptionSubCommand,
					Name:        "restore",
					Description: "Moderators: bring back an article that was removed",
					Options: []*discordgo.ApplicationCommandOption{
						textOption("id", "The removed article's corpus id", true, maxIDLen),
					},
				},
			},
		},
		{
			Name:        "stats",
			Description: "How many articles, deals, quotes, companies and people the bot knows",
		},
		{
			Name:        "help",
			Description: "How to use the bot",
		},
	}
	// Every command works in servers and in a DM with the bot; a command
	// for moderators checks the member itself (a DM has none).
	for _, c := range cmds {
		c.DMPermission = ptr(true)
		c.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
		c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	return cmds
}

// nameOption is a company or person option, autocompleted from the corpus.
func nameOption(name, description string, required bool) *discordgo.ApplicationCommandOption {
	o := textOption(name, description, required, maxNameLen)
	o.Autocomplete = true
	return o
}

// idOption is an article's id, autocompleted from the newest articles
// (see articleIDs).
func idOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type:         discordgo.ApplicationCommandOptionString,
		Name:         "id",
		Description:  "The article's corpus id",
		Required:     true,
		Autocomplete: true,
		MaxLength:    maxIDLen,
	}
}

func dateOption(name, description string) *discordgo.ApplicationCommandOption {
	return textOption(name, description, false, maxDateLen)
}

func textOption(name, description string, required bool, maxLen int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionString,
		Name:        name,
		Description: description,
		Required:    required,
		MinLength:   ptr(1),
		MaxLength:   maxLen,
	}
}

func privateOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionBoolean,
		Name:        "private",
		Description: "Answer only to you",
	}
}

func ptr[T any](v T) *T { return &v }
