package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	"dealbot/corpus"
	"dealbot/index"
	"dealbot/library"
)

// openLibrary opens the corpus in dir, its index and the library over
// them; changes are logged to stderr. ALLOW_FETCH_HOSTS lists hosts that
// URLs may be fetched from even at internal addresses.
func openLibrary(ctx context.Context, dir string, getenv func(string) string, stderr io.Writer) (*library.Library, *index.Index, error) {
	d, err := openData(ctx, dir, stderr, false)
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if errors.Is(err, index.ErrInUse) {
		// A running bot holds the index: change the files, and it catches
		// up with them within serve's sync interval.
		return library.New(d.store, runningIndex{}, newFetcher(getenv), d.names, log), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return library.New(d.store, d.idx, newFetcher(getenv), d.names, log), d.idx, nil
}

// runningIndex stands for the index a running dealbot holds: changes made
// to the files reach it at its next sync.
type runningIndex struct{}

func (runningIndex) Update(context.Context, []string, func(int, int)) error { return nil }

// closeIndex closes idx, which is nil when a running dealbot holds the
// index, and says when the running bot will see the change.
func closeIndex(idx *index.Index, stdout io.Writer) {
	if idx == nil {
		fmt.Fprintf(stdout, "A running dealbot holds the index: it answers with this change within %v.\n", syncInterval)
		return
	}
	idx.Close()
}

// newFetcher returns the fetcher of article URLs, allowed the hosts of
// ALLOW_FETCH_HOSTS and given FETCH_TIMEOUT (the fetcher's default when it
// is not set, or not a duration: serve refuses that at start).
func newFetcher(getenv func(string) string) *corpus.Fetcher {
	var allow []string
	for _, h := range strings.Split(getenv("ALLOW_FETCH_HOSTS"), ",") {
		if h = strings.TrimSpace(h); h != "" {
			allow = append(allow, h)
		}
	}
	timeout, _ := fetchTimeout(getenv)
	return corpus.NewFetcher(corpus.FetchOptions{AllowHosts: allow, Timeout: timeout})
}

// fetchTimeout reads FETCH_TIMEOUT, how long fetching one page may take:
// a Go duration such as 15s or 500ms. It returns 0, the fetcher's default
// of 15 seconds, when it is not set.
func fetchTimeout(getenv func(string) string) (time.Duration, error) {
	v := strings.TrimSpace(getenv("FETCH_TIMEOUT"))
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("FETCH_TIMEOUT %q is not a duration such as 15s or 500ms", v)
	}
	return d, nil
}

// cliUser is who the command line records as making a change: --by, or
// the user's login name.
func cliUser(by string, getenv func(string) string) library.User {
	if by == "" {
		by = getenv("USER")
	}
	if by == "" {
		by = "command line"
	}
	return library.User{Name: by}
}

// runAdd adds one article, from a file or a URL, as /article add does.
func runAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the data folder (default $DATA_DIR or ./data)")
	by := fs.String("by", "", "who is recorded as having added the article (default $USER)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dealbot add [--by NAME] FILE|URL")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("add needs one file or URL: %w", errUsage)
	}
	lib, idx, err := openLibrary(ctx, dataDir(*data, getenv), getenv, stderr)
	if err != nil {
		return err
	}
	defer closeIndex(idx, stdout)
	var d library.Draft
	if src := rest[0]; strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		d, err = lib.Fetch(ctx, src)
	} else {
		var b []byte
		if b, err = os.ReadFile(src); err == nil {
			d, err = lib.Read(src, b)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", rest[0], err)
	}
	a, err := lib.Add(ctx, d.Article, cliUser(*by, getenv))
	if err != nil {
		return fmt.Errorf("%s: %w", rest[0], err)
	}
	fmt.Fprintf(stdout, "Added %s: %q (%s, %s), with %s and %s.\n", a.ID, a.Title, orUnknown(a.Source), orUnknown(a.DateString()), count(len(d.Facts.Deals), "deal"), count(len(d.Facts.Quotes), "quote"))
	return nil
}

// runRemove takes an article out of the corpus, keeping its file aside.
func runRemove(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runChange(ctx, "remove", args, getenv, stdout, stderr, func(lib *library.Library, id string, by library.User) (corpus.Article, error) {
		return lib.Remove(ctx, id, by)
	}, "Removed %s: %q. dealbot restore %[1]s brings it back.\n")
}

// runRestore brings back an article that was removed.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runChange(ctx, "restore", args, getenv, stdout, stderr, func(lib *library.Library, id string, by library.User) (corpus.Article, error) {
		return lib.Restore(ctx, id, by)
	}, "Restored %s: %q.\n")
}

// runChange runs remove or restore: one article id, one change, one line
// saying what was done.
func runChange(ctx context.Context, name string, args []string, getenv func(string) string, stdout, stderr io.Writer, change func(*library.Library, string, library.User) (corpus.Article, error), done string) error {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(stderr)
	data := flags.String("data", "", "the data folder (default $DATA_DIR or ./data)")
	by := flags.String("by", "", "who is recorded as making the change (default $USER)")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: dealbot %s [--by NAME] ID\n", name)
		flags.PrintDefaults()
	}
	rest, err := parseFlags(flags, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		flags.Usage()
		return fmt.Errorf("%s needs one article id: %w", name, errUsage)
	}
	lib, idx, err := openLibrary(ctx, dataDir(*data, getenv), getenv, stderr)
	if err != nil {
		return err
	}
	defer closeIndex(idx, stdout)
	a, err := change(lib, rest[0], cliUser(*by, getenv))
	if errors.Is(err, fs.ErrNotExist) {
		what := "article"
		if name == "restore" {
			what = "removed article"
		}
		return fmt.Errorf("there is no %s with id %q", what, rest[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, done, a.ID, a.Title)
	return nil
}

// orUnknown returns s, or "unknown" when it is empty.
func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
