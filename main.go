// Command dealbot answers questions about AI-industry deals from a corpus
// of news articles, and cites every answer.
//
// A short tour of the code:
//   - main.go wires: it reads the configuration (environment, .env, flags)
//     and dispatches to one subcommand; each subcommand lives in its own
//     cmd_*.go file.
//   - corpus/ owns the domain: articles, their parsing from the seed text
//     format, Markdown with YAML front matter, HTML and plain text, and the
//     facts drawn from them (passages, quotes with speakers, amounts, deals,
//     names). It imports neither Discord nor the search index.
//   - corpus/starter/ is the starter corpus: the user's sample article.
//   - index/ is the search index (Bleve), derived from the corpus and
//     rebuilt from it when missing or out of date (cmd_ask.go's
//     openCorpus opens both).
//   - bot/ is the Discord side: commands, routing, rendering and the two
//     transports, the gateway (bot/gateway.go) and the HTTP interactions
//     endpoint (bot/http.go); bot/discordtest is the fake Discord the
//     end-to-end tests (serve_test.go) run the real wiring against.
//   - cmd_serve.go runs the bot (dealbot serve): its configuration, the
//     HTTP servers and the order of start-up and graceful shutdown;
//     ops.go has /healthz and the Prometheus /metrics.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}

// errReported is returned by a subcommand that has already told the user
// what went wrong; main only sets the exit status.
var errReported = errors.New("reported")

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("usage")

// exitStatus tells the user what went wrong, unless a subcommand has
// already (errReported), and returns the process's exit status: 0 for
// success, 2 for a command line not understood (errUsage), 1 otherwise.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "dealbot: %v\n", err)
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `dealbot answers questions about AI-industry deals from news articles, citing every answer.

Usage:
  dealbot serve [--http ADDR] [--data DIR]
                                     answer on Discord: over the gateway, or on the HTTP
                                     interactions endpoint POST /interactions at ADDR
  dealbot                            the same as serve when DISCORD_TOKEN is set
  dealbot ask deal COMPANY [--with X] [--since DATE] [--until DATE]
                                     the deals that involve a company, cited
  dealbot ask quote PERSON [--about TEXT]
                                     what a person or company was quoted saying
  dealbot ask search TEXT            passages that match words or "phrases"
  dealbot ask stats                  the size of the corpus
  dealbot add [--by NAME] FILE|URL   add one article (a .txt, .md or .html file, or a web page)
  dealbot remove ID                  take an article out of the answers (its file is kept aside)
  dealbot restore ID                 bring back an article that was removed
  dealbot import DIR                 add every article file in a folder to the corpus
  dealbot reindex                    rebuild the search index from the corpus
  dealbot extract [--json] PATH...   parse article files and print the quotes and deals found

Add --json to ask or extract for machine-readable output.
  dealbot help                       show this help

Configuration comes from the environment or a .env file (see .env.example):
  DATA_DIR            the data folder (default ./data); names.txt there extends the gazetteer
  ALLOW_FETCH_HOSTS   hosts that add may fetch from even at internal addresses (comma-separated)
  FETCH_TIMEOUT       how long fetching one page may take, e.g. 15s (the default)
  MODERATOR_ROLE_ID   members with this role may add, remove and restore articles (serve)
  DISCORD_TOKEN       the bot's token (serve)
  DISCORD_APP_ID      the application's id (default: the gateway's; required with --http)
  DISCORD_GUILD_ID    register the commands in this server only (default: globally)
  DISCORD_PUBLIC_KEY  the application's public key, 64 hex digits (serve --http)
  DISCORD_API_URL     the base of Discord's REST API (default https://discord.com/api/v9/)
  LISTEN_ADDR         serve /healthz and /metrics here, e.g. :8080 (default: not served)
  LOG_LEVEL           debug, info (the default), warn or error
  LOG_FORMAT          text (the default) or json
`

// run is the whole program: args are the command line (args[0] the program
// name), getenv reads the environment, and output goes to stdout and stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	env, err := loadEnv(getenv, ".env")
	if err != nil {
		return err
	}
	if len(args) < 2 {
		if env("DISCORD_TOKEN") != "" {
			return runServe(ctx, nil, env, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, env, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, env, stdout, stderr)
	case "ask":
		return runAsk(ctx, rest, env, stdout, stderr)
	case "import":
		return runImport(ctx, rest, env, stdout, stderr)
	case "add":
		return runAdd(ctx, rest, env, stdout, stderr)
	case "remove":
		return runRemove(ctx, rest, env, stdout, stderr)
	case "restore":
		return runRestore(ctx, rest, env, stdout, stderr)
	case "reindex":
		return runReindex(ctx, rest, env, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "dealbot: unknown command %q\n\n%s", cmd, usage)
	return fmt.Errorf("unknown command %q: %w", cmd, errReported)
}

// loadEnv returns a getenv that reads the environment first and then the
// .env file at path, if there is one. The file never overrides the
// environment, and its values are never printed.
func loadEnv(getenv func(string) string, path string) (func(string) string, error) {
	file, err := godotenv.Read(path)
	if errors.Is(err, os.ErrNotExist) {
		return getenv, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	return func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return file[key]
	}, nil
}

// parseFlags parses a command's flags wherever they stand among its
// arguments ("extract a.txt --json" as well as "extract --json a.txt") and
// returns the arguments that are not flags. "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%v: %w", err, errUsage)
		}
		if fs.NArg() == 0 {
			return append(positional, tail...), nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// newFlags returns the flag set of the command name, with --data (see
// dataDir). On a command line it cannot parse, it prints "usage: dealbot"
// and usage, then the flags, to stderr.
func newFlags(name, usage string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the data folder (default $DATA_DIR or ./data)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dealbot %s\n", usage)
		fs.PrintDefaults()
	}
	return fs, data
}

// dataDir returns the data folder: the --data flag, else DATA_DIR, else
// ./data.
func dataDir(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if d := getenv("DATA_DIR"); d != "" {
		return d
	}
	return "data"
}
