package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/schollz/progressbar/v3"

	"dealbot/corpus"
	"dealbot/library"
)

// runImport adds every article file in a folder (and its subfolders) to the
// corpus and the index, and sums up what was added, what was already there
// and what was refused, with reasons.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := startChange("import", "DIR", "one folder", "import", args, getenv, stdout, stderr)
	if err != nil {
		return err
	}
	files, err := articleFiles(c.operand)
	if err != nil {
		return err
	}
	if err := c.open(ctx, getenv, stderr); err != nil {
		return err
	}
	defer c.Close()

	bar := newBar(stderr, len(files), "reading")
	var added []corpus.Article
	var dups, refused []string
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Not c.lib.Read: it draws the facts for a preview, which the
		// index draws again, and Store checks what Read would.
		a, err := corpus.ParseFile(f)
		if err == nil {
			a, err = c.lib.Store(a, c.by)
		}
		var dup *corpus.DuplicateError
		switch {
		case errors.As(err, &dup):
			dups = append(dups, fmt.Sprintf("%s: %v", f, dup))
		case err != nil:
			refused = append(refused, fmt.Sprintf("%s: %v", f, err))
		default:
			added = append(added, a)
		}
		bar.Add(1)
	}
	bar.Finish()
	if len(added) > 0 {
		ids := make([]string, len(added))
		for i, a := range added {
			ids[i] = a.ID
		}
		bar := newBar(stderr, len(added), "indexing")
		err := c.lib.Index(ctx, ids, func(done, total int) { bar.Set(done) })
		bar.Finish()
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%s added, %s already in the corpus, %s refused.\n", count(len(added), "article"), count(len(dups), "article"), count(len(refused), "file"))
	for _, d := range dups {
		fmt.Fprintf(stdout, "  duplicate  %s\n", d)
	}
	for _, r := range refused {
		fmt.Fprintf(stdout, "  refused    %s\n", r)
	}
	if len(refused) > 0 {
		return fmt.Errorf("%d files refused: %w", len(refused), errReported)
	}
	return nil
}

// articleFiles lists the article files under dir, in name order.
func articleFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder (to add one file, import its folder)", dir)
	}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && library.Readable(path) && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// runReindex rebuilds the index from the corpus.
func runReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, data := newFlags("reindex", "reindex [--data DIR]", stderr)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	d, err := openCorpus(ctx, dataDir(*data, getenv), stderr, true)
	if err != nil {
		return err
	}
	defer d.idx.Close()
	s, err := d.idx.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Reindexed %s: %s, %s.\n", count(s.Articles, "article"), count(s.Deals, "deal"), count(s.Quotes, "quote"))
	return nil
}

// newBar returns a progress bar on w when w is a terminal, and a silent
// one otherwise (logs and pipes get the summary only).
func newBar(w io.Writer, total int, what string) *progressbar.ProgressBar {
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			return progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))
		}
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(io.Discard))
}
