package main

import (
	"context"
	"errors"
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
// URLs may be fetched from even at internal addresses. The index is nil
// when a running dealbot holds it: the library then changes the files
// alone.
func openLibrary(ctx context.Context, dir string, getenv func(string) string, stderr io.Writer) (*library.Library, *index.Index, error) {
	d, err := openCorpus(ctx, dir, stderr, false)
	var idx library.Index = d.idx
	switch {
	case errors.Is(err, index.ErrInUse):
		// A running bot holds the index: change the files, and it catches
		// up with them within serve's sync interval.
		idx = runningIndex{}
	case err != nil:
		return nil, nil, err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return library.New(d.store, idx, newFetcher(getenv), d.names, log), d.idx, nil
}

// runningIndex stands for the index a running dealbot holds: changes made
// to the files reach it at its next sync.
type runningIndex struct{}

func (runningIndex) Update(context.Context, []string, func(int, int)) error { return nil }

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

// change is a command that changes the corpus, its arguments parsed; open
// opens its library, and Close closes it.
type change struct {
	lib     *library.Library
	idx     *index.Index // nil when a running dealbot holds the index
	operand string       // the one argument: a file, URL, id or folder
	by      library.User
	dir     string // the data folder
	stdout  io.Writer
}

// Close closes the index, or says when the running dealbot that holds it
// will answer with the change.
func (c change) Close() {
	if c.idx == nil {
		fmt.Fprintf(c.stdout, "A running dealbot holds the index: it answers with this change within %v.\n", syncInterval)
		return
	}
	c.idx.Close()
}

// startChange parses the arguments of the command name, which takes one
// operand (named in usage: "FILE|URL", "ID", "DIR") and the flags --data
// and --by (byDefault, or the user's login name when empty). wants is what
// the operand is, for the error when it is missing.
func startChange(name, usage, wants, byDefault string, args []string, getenv func(string) string, stdout, stderr io.Writer) (change, error) {
	fs, data := newFlags(name, name+" [--by NAME] "+usage, stderr)
	byHelp := "who is recorded as making the change (default $USER)"
	if byDefault != "" {
		byHelp = "who is recorded as making the change"
	}
	by := fs.String("by", byDefault, byHelp)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return change{}, err
	}
	if len(rest) != 1 {
		fs.Usage()
		return change{}, fmt.Errorf("%s needs %s: %w", name, wants, errUsage)
	}
	return change{operand: rest[0], by: cliUser(*by, getenv), dir: dataDir(*data, getenv), stdout: stdout}, nil
}

// open opens the library of the data folder.
func (c *change) open(ctx context.Context, getenv func(string) string, stderr io.Writer) error {
	var err error
	c.lib, c.idx, err = openLibrary(ctx, c.dir, getenv, stderr)
	return err
}

// runAdd adds one article, from a file or a URL, as /article add does.
func runAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := startChange("add", "FILE|URL", "one file or URL", "", args, getenv, stdout, stderr)
	if err == nil {
		err = c.open(ctx, getenv, stderr)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	var d library.Draft
	if src := c.operand; strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		d, err = c.lib.Fetch(ctx, src)
	} else {
		var b []byte
		if b, err = os.ReadFile(src); err == nil {
			d, err = c.lib.Read(src, b)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.operand, err)
	}
	a, err := c.lib.Add(ctx, d.Article, c.by)
	if err != nil {
		return fmt.Errorf("%s: %w", c.operand, err)
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
func runChange(ctx context.Context, name string, args []string, getenv func(string) string, stdout, stderr io.Writer, apply func(*library.Library, string, library.User) (corpus.Article, error), done string) error {
	c, err := startChange(name, "ID", "one article id", "", args, getenv, stdout, stderr)
	if err == nil {
		err = c.open(ctx, getenv, stderr)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	a, err := apply(c.lib, c.operand, c.by)
	if errors.Is(err, fs.ErrNotExist) {
		what := "article"
		if name == "restore" {
			what = "removed article"
		}
		return fmt.Errorf("there is no %s with id %q", what, c.operand)
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
