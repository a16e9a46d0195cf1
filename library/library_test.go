package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dealbot/corpus"
	"dealbot/index"
)

// open returns a library over a new data folder (with the starter corpus)
// and its real index.
func open(t *testing.T) (*Library, *index.Index, *corpus.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := corpus.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(context.Background(), filepath.Join(dir, "index"), st, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return New(st, idx, corpus.NewFetcher(corpus.FetchOptions{}), nil, nil), idx, st
}

// article is an invented article of the given number.
func article(n int) string {
	return fmt.Sprintf(`date 2026-03-%02d Brenmoor Analytics buys Tarnwick Labs, deal %d

Brenmoor Analytics has agreed to buy Tarnwick Labs for $%d million in cash, the companies said on Tuesday, in deal number %d of the season.

“Tarnwick gives us the sensors we lacked,” said Odile Marchetti, chief executive of Brenmoor. The deal is expected to close in the summer.
`, 1+n%28, n, 10+n, n)
}

var mod = User{ID: "42", Name: "Mira"}

func deals(t *testing.T, idx *index.Index, company string) int {
	t.Helper()
	ans, err := idx.Deals(context.Background(), index.Query{Company: company})
	if err != nil {
		t.Fatal(err)
	}
	return ans.Total
}

func TestDraftCommitDiscard(t *testing.T) {
	ctx := context.Background()
	lib, idx, st := open(t)
	d, err := lib.Read("brenmoor.txt", []byte(article(1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Facts.Deals) == 0 || len(d.Facts.Quotes) == 0 || d.Duplicate != nil {
		t.Fatalf("draft: %d deals, %d quotes, duplicate %v", len(d.Facts.Deals), len(d.Facts.Quotes), d.Duplicate)
	}
	if deals(t, idx, "Tarnwick Labs") != 0 {
		t.Fatal("a draft is answerable before it is added")
	}
	token, err := lib.Hold(d)
	if err != nil {
		t.Fatal(err)
	}
	a, err := lib.Commit(ctx, token, mod)
	if err != nil {
		t.Fatal(err)
	}
	if a.AddedBy != "Mira (42)" || a.AddedAt.IsZero() {
		t.Errorf("added by %q at %v", a.AddedBy, a.AddedAt)
	}
	if stored, err := st.Get(a.ID); err != nil || stored.AddedBy != "Mira (42)" {
		t.Errorf("stored: %+v, %v", stored.AddedBy, err)
	}
	if deals(t, idx, "Tarnwick Labs") == 0 {
		t.Error("the added article does not answer")
	}
	// A second click adds nothing and says where the article is.
	var added *AddedError
	if _, err := lib.Commit(ctx, token, mod); !errors.As(err, &added) || added.ID != a.ID {
		t.Errorf("second commit: %v", err)
	}
	// The same article again is a duplicate, in the draft and on adding.
	d2, err := lib.Read("again.txt", []byte(article(1)))
	if err != nil || d2.Duplicate == nil || d2.Duplicate.ID != a.ID {
		t.Errorf("draft of a duplicate: %v, %+v", err, d2.Duplicate)
	}
	token2, _ := lib.Hold(d2)
	if _, err := lib.Commit(ctx, token2, mod); !errors.Is(err, corpus.ErrDuplicate) {
		t.Errorf("commit of a duplicate: %v", err)
	}
	// Cancelled drafts are gone.
	d3, _ := lib.Read("three.txt", []byte(article(3)))
	token3, _ := lib.Hold(d3)
	if err := lib.Discard(token3); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Commit(ctx, token3, mod); !errors.Is(err, ErrNoDraft) {
		t.Errorf("commit after discard: %v", err)
	}
	for _, bad := range []string{"", "../../etc/passwd", "ZZZZZZZZZZZZZZZZ", "0123456789abcdef"} {
		if _, err := lib.Commit(ctx, bad, mod); !errors.Is(err, ErrNoDraft) {
			t.Errorf("commit of token %q: %v", bad, err)
		}
	}
}

func TestBadInputChangesNothing(t *testing.T) {
	lib, _, st := open(t)
	before, err := st.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		read func() error
		want error
	}{
		{"empty file", func() error { _, err := lib.Read("a.txt", nil); return err }, corpus.ErrEmpty},
		{"huge file", func() error {
			_, err := lib.Read("a.txt", []byte(strings.Repeat("word ", corpus.MaxArticleBytes/4)))
			return err
		}, corpus.ErrTooLarge},
		{"binary file", func() error { _, err := lib.Read("a.txt", []byte("\x00\x01\x02binary")); return err }, corpus.ErrBinary},
		{"not UTF-8", func() error { _, err := lib.Read("a.txt", []byte("caf\xe9 "+strings.Repeat("word ", 30))); return err }, corpus.ErrBinary},
		{"HTML with no article", func() error {
			_, err := lib.Read("a.html", []byte("<html><body><nav><a href='/'>Home</a></nav></body></html>"))
			return err
		}, nil},
		{"wrong extension", func() error { _, err := lib.Read("a.pdf", []byte(article(1))); return err }, corpus.ErrBadArticle},
		{"not a date", func() error {
			_, err := lib.Compose(Form{Title: "A title", Date: "next Tuesday", Text: article(1)})
			return err
		}, corpus.ErrBadArticle},
		{"title of 5,000 characters", func() error {
			_, err := lib.Compose(Form{Title: strings.Repeat("t", 5000), Text: article(1)})
			return err
		}, corpus.ErrBadArticle},
		{"URL not http", func() error {
			_, err := lib.Compose(Form{Title: "A title", URL: "javascript:alert(1)", Text: article(1)})
			return err
		}, corpus.ErrBadArticle},
		{"text too short", func() error { _, err := lib.Compose(Form{Title: "A title", Text: "Too short."}); return err }, corpus.ErrTooShort},
		{"no such article to remove", func() error { _, err := lib.Remove(context.Background(), "0123456789abcdef", mod); return err }, fs.ErrNotExist},
		{"no such article to restore", func() error { _, err := lib.Restore(context.Background(), "0123456789abcdef", mod); return err }, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			if err == nil {
				t.Fatal("accepted")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
	if after, _ := st.Fingerprint(); after != before {
		t.Error("bad input changed the corpus")
	}
}

func TestRemoveAndRestore(t *testing.T) {
	ctx := context.Background()
	lib, idx, _ := open(t)
	d, err := lib.Read("b.txt", []byte(article(5)))
	if err != nil {
		t.Fatal(err)
	}
	a, err := lib.Add(ctx, d.Article, mod)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Remove(ctx, a.ID, mod); err != nil {
		t.Fatal(err)
	}
	if n := deals(t, idx, "Tarnwick Labs"); n != 0 {
		t.Errorf("a removed article still answers: %d deals", n)
	}
	if _, err := lib.Restore(ctx, a.ID, mod); err != nil {
		t.Fatal(err)
	}
	if deals(t, idx, "Tarnwick Labs") == 0 {
		t.Error("the restored article does not answer")
	}
}

// TestConcurrentAdds adds many articles at once, some of them twice, while
// members ask: run it with -race.
func TestConcurrentAdds(t *testing.T) {
	ctx := context.Background()
	lib, idx, st := open(t)
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	ids := make(chan string, 2*n)
	for i := range 2 * n {
		wg.Go(func() {
			d, err := lib.Read("a.txt", []byte(article(i%n)))
			if err != nil {
				errs <- err
				return
			}
			a, err := lib.Add(ctx, d.Article, User{ID: fmt.Sprint(i), Name: "mod"})
			switch {
			case errors.Is(err, corpus.ErrDuplicate):
			case err != nil:
				errs <- err
			default:
				ids <- a.ID
			}
		})
	}
	stop := make(chan struct{})
	var asking sync.WaitGroup
	asking.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := idx.Deals(ctx, index.Query{Company: "Brenmoor Analytics"}); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(stop)
	asking.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Error(err)
	}
	added := map[string]bool{}
	for id := range ids {
		added[id] = true
	}
	if len(added) != n {
		t.Errorf("%d articles added, want %d (each once)", len(added), n)
	}
	revs, _ := st.Revisions()
	for id := range added {
		if _, ok := revs[id]; !ok {
			t.Errorf("%s acknowledged but not stored", id)
		}
	}
	ans, err := idx.Articles(ctx, index.Query{})
	if err != nil || ans.Total != len(revs) {
		t.Errorf("the index holds %d articles, the store %d (%v)", ans.Total, len(revs), err)
	}
}
