// Package library keeps the corpus and its index together: it is how
// articles are added, removed and restored, from Discord and from the
// command line alike, with the same checks and the same messages. Every
// change goes to the store first (an atomic file write), then to the
// index, and is logged with who made it; an article a moderator was told
// is added is on disk, and a crash between the two steps is mended when
// the index next opens (index.Open catches up with the files).
//
// Drafts are articles read but not stored yet: a moderator previews one
// and then adds or cancels it. A draft is held on disk, in DATA_DIR/drafts,
// so that the Add button works after a restart and on any replica sharing
// the folder.
package library

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dealbot/corpus"
)

// Index is what the library needs of the index: to bring articles up to
// date with the store after a change (index.Index.Update).
type Index interface {
	Update(ctx context.Context, ids []string, progress func(done, total int)) error
}

// User is who makes a change.
type User struct {
	ID   string // a Discord user id, or "" on the command line
	Name string
}

// String is how a change records its author: "name (id)", or the name.
func (u User) String() string {
	if u.ID == "" {
		return u.Name
	}
	return fmt.Sprintf("%s (%s)", u.Name, u.ID)
}

// Library adds, removes and restores articles. It is safe for concurrent
// use.
type Library struct {
	store  *corpus.Store
	idx    Index
	fetch  *corpus.Fetcher
	x      *corpus.Extractor
	log    *slog.Logger
	drafts string // the folder of held drafts
}

// New returns a library over a store and its index. fetch reads URLs; log
// records every change (nil: nothing is logged).
func New(store *corpus.Store, idx Index, fetch *corpus.Fetcher, names *corpus.Gazetteer, log *slog.Logger) *Library {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if names == nil {
		names = corpus.Names()
	}
	return &Library{store: store, idx: idx, fetch: fetch, x: corpus.NewExtractor(names), log: log, drafts: filepath.Join(store.Dir(), "drafts")}
}

// Draft is an article read but not stored: what a preview shows.
// Duplicate is set when the corpus already holds it.
type Draft struct {
	Article   corpus.Article
	Facts     corpus.Facts
	Duplicate *corpus.DuplicateError
}

// Fetch reads the article at a URL into a draft. Its errors are those of
// corpus.Fetcher.Fetch and Check.
func (l *Library) Fetch(ctx context.Context, url string) (Draft, error) {
	a, err := l.fetch.Fetch(ctx, url)
	if err != nil {
		return Draft{}, err
	}
	return l.draft(a)
}

// Read reads an article file (its name says its format: .txt, .md or
// .html) into a draft. Its errors are those of corpus.Parse and Check.
func (l *Library) Read(name string, data []byte) (Draft, error) {
	if !Readable(name) {
		return Draft{}, fmt.Errorf("%q is not a .txt, .md or .html file: %w", filepath.Base(name), corpus.ErrBadArticle)
	}
	a, err := corpus.Parse(name, data)
	if err != nil {
		return Draft{}, err
	}
	a.AddedBy, a.AddedAt = "", time.Time{} // the file cannot say who adds it
	return l.draft(a)
}

// Readable reports whether a file's name says it is an article Read
// reads: .txt, .md (.markdown) or .html (.htm), in any case.
func Readable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// Form is an article typed in: a Discord modal's fields.
type Form struct {
	Title, URL, Source, Date, Text string
}

// Compose makes a draft of a typed-in article. Date is YYYY-MM-DD or
// empty. Its errors wrap corpus.ErrBadArticle or Parse's.
func (l *Library) Compose(f Form) (Draft, error) {
	a := corpus.Article{Title: strings.TrimSpace(f.Title), URL: strings.TrimSpace(f.URL), Source: strings.TrimSpace(f.Source)}
	if d := strings.TrimSpace(f.Date); d != "" {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return Draft{}, fmt.Errorf("the date %q is not a date as YYYY-MM-DD: %w", firstRunes(d, 40), corpus.ErrBadArticle)
		}
		a.Date = t
	}
	if err := corpus.Check(a); err != nil {
		return Draft{}, err
	}
	a.Body = strings.TrimSpace(f.Text)
	// Read it back as the store will, so that the preview is what is kept.
	parsed, err := corpus.Parse("form.md", corpus.Marshal(a))
	if err != nil {
		return Draft{}, err
	}
	return l.draft(parsed)
}

// draft checks an article and draws its facts.
func (l *Library) draft(a corpus.Article) (Draft, error) {
	a.ID = corpus.ArticleID(a)
	if err := corpus.Check(a); err != nil {
		return Draft{}, err
	}
	d := Draft{Article: a, Facts: l.x.Extract(a)}
	if err := l.store.CheckDuplicate(a); err != nil {
		var dup *corpus.DuplicateError
		if !errors.As(err, &dup) {
			return Draft{}, err
		}
		d.Duplicate = dup
	}
	return d, nil
}

// ErrNoDraft is returned for a draft token that names no held draft: it
// was cancelled, added long ago, or never existed.
var ErrNoDraft = errors.New("this preview has expired or was cancelled")

// AddedError is returned by Commit for a draft already added: a second
// click on Add.
type AddedError struct{ ID string }

func (e *AddedError) Error() string { return "this article was already added as " + e.ID }

// draftTTL is how long a held draft waits for Add or Cancel.
const draftTTL = 24 * time.Hour

// Hold keeps a draft on disk until Commit or Discard, and returns its
// token: 16 hex digits, for a button's custom_id. Drafts older than a day
// are forgotten.
func (l *Library) Hold(d Draft) (string, error) {
	if err := os.MkdirAll(l.drafts, 0o755); err != nil {
		return "", err
	}
	l.sweep()
	var b [8]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	if err := corpus.WriteFileAtomic(l.drafts, token+".md", corpus.Marshal(d.Article)); err != nil {
		return "", fmt.Errorf("holding the draft: %w", err)
	}
	return token, nil
}

// sweep forgets drafts older than draftTTL.
func (l *Library) sweep() {
	entries, _ := os.ReadDir(l.drafts)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > draftTTL {
			os.Remove(filepath.Join(l.drafts, e.Name()))
		}
	}
}

// draftPath returns the file of a held draft, and false for a token that
// cannot be one.
func (l *Library) draftPath(token, ext string) (string, bool) {
	if len(token) != 16 || strings.Trim(token, "0123456789abcdef") != "" {
		return "", false
	}
	return filepath.Join(l.drafts, token+ext), true
}

// Commit adds a held draft to the corpus, as Add does, and returns it. A
// second Commit of the same token returns an *AddedError with the id; a
// token with no draft returns ErrNoDraft.
func (l *Library) Commit(ctx context.Context, token string, by User) (corpus.Article, error) {
	path, ok := l.draftPath(token, ".md")
	if !ok {
		return corpus.Article{}, ErrNoDraft
	}
	added, _ := l.draftPath(token, ".added")
	a, err := corpus.ParseFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if id, err := os.ReadFile(added); err == nil {
			return corpus.Article{}, &AddedError{ID: string(id)}
		}
		return corpus.Article{}, ErrNoDraft
	}
	if err != nil {
		return corpus.Article{}, fmt.Errorf("reading the draft: %w", err)
	}
	a, err = l.Add(ctx, a, by)
	var dup *corpus.DuplicateError
	if errors.As(err, &dup) {
		// Two clicks at once: the other one added it.
		if id, rerr := os.ReadFile(added); rerr == nil && string(id) == dup.ID {
			return corpus.Article{}, &AddedError{ID: dup.ID}
		}
	}
	if err != nil {
		return corpus.Article{}, err
	}
	corpus.WriteFileAtomic(l.drafts, token+".added", []byte(a.ID))
	os.Remove(path)
	return a, nil
}

// Discard forgets a held draft. It returns ErrNoDraft when there is none.
func (l *Library) Discard(token string) error {
	path, ok := l.draftPath(token, ".md")
	if !ok {
		return ErrNoDraft
	}
	if err := os.Remove(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return ErrNoDraft
		}
		return err
	}
	return nil
}

// Add stores an article, recording who added it and when, indexes it and
// returns it as stored. Its errors are Store's (a *DuplicateError for an
// article already there) and Index's: when indexing fails, the article
// is stored and the error says so.
func (l *Library) Add(ctx context.Context, a corpus.Article, by User) (corpus.Article, error) {
	stored, err := l.Store(a, by)
	if err != nil {
		return corpus.Article{}, err
	}
	return stored, l.Index(ctx, []string{stored.ID}, nil)
}

// Store stores an article, recording who added it and when, without
// indexing it (see Index): for adding many at once. It returns
// corpus.Store.Add's errors.
func (l *Library) Store(a corpus.Article, by User) (corpus.Article, error) {
	a.AddedBy, a.AddedAt = by.String(), time.Now()
	a.ID = ""
	stored, err := l.store.Add(a)
	if err != nil {
		l.log.Info("article refused", "by", by.String(), "title", firstRunes(a.Title, 80), "reason", err.Error())
		return corpus.Article{}, err
	}
	l.log.Info("article added", "id", stored.ID, "by", by.String(), "title", firstRunes(stored.Title, 80))
	return stored, nil
}

// Index makes stored articles answerable. Its error says they are stored:
// the index catches up with the files at its next sync (serve syncs every
// 30 seconds) or when it next opens.
func (l *Library) Index(ctx context.Context, ids []string, progress func(done, total int)) error {
	if err := l.idx.Update(ctx, ids, progress); err != nil {
		return fmt.Errorf("%s stored but not yet answerable (they will be once the index catches up with the files, within a minute while the bot runs): %w", count(len(ids), "article is", "articles are"), err)
	}
	return nil
}

// count says n things, in the singular or the plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Remove takes an article out of the corpus and the answers; its file is
// kept aside for Restore. The error satisfies errors.Is(err,
// fs.ErrNotExist) when there is no such article.
func (l *Library) Remove(ctx context.Context, id string, by User) (corpus.Article, error) {
	a, err := l.store.Remove(id, by.String())
	if err != nil {
		return corpus.Article{}, err
	}
	l.log.Info("article removed", "id", id, "by", by.String(), "title", firstRunes(a.Title, 80))
	if err := l.idx.Update(ctx, []string{id}, nil); err != nil {
		return a, fmt.Errorf("article %s is removed from the corpus but still answers until the index catches up with the files, within a minute while the bot runs: %w", id, err)
	}
	return a, nil
}

// Restore brings back a removed article. The error satisfies
// errors.Is(err, fs.ErrNotExist) when none was removed with that id, and
// is a *DuplicateError when an equal article was added since.
func (l *Library) Restore(ctx context.Context, id string, by User) (corpus.Article, error) {
	a, err := l.store.Restore(id)
	if err != nil {
		return corpus.Article{}, err
	}
	l.log.Info("article restored", "id", id, "by", by.String(), "title", firstRunes(a.Title, 80))
	if err := l.idx.Update(ctx, []string{id}, nil); err != nil {
		return a, fmt.Errorf("article %s is restored but not yet answerable (it will be once the index catches up with the files, within a minute while the bot runs): %w", id, err)
	}
	return a, nil
}

// firstRunes returns s cut to n runes.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}
