package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestOpenRecordsWhatACrashLeftUnrecorded opens an index that a crash
// stopped after an update reached Bleve but before meta.json recorded it:
// the index holds exactly the source's articles, yet records an older
// fingerprint. Open must load the names (Stats and suggestions use them)
// and record the fingerprint, so that the next Open takes the fast path.
func TestOpenRecordsWhatACrashLeftUnrecorded(t *testing.T) {
	ctx := context.Background()
	arts := testArticles(t)
	src := &memSource{}
	src.put(arts[0])
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := Open(ctx, dir, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	stale, err := readMeta(dir)
	if err != nil {
		t.Fatal(err)
	}
	src.put(arts[1])
	if err := idx.Update(ctx, []string{arts[1].ID}, nil); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	if err := writeMeta(dir, stale); err != nil { // the crash: meta.json as it was
		t.Fatal(err)
	}

	idx, err = Open(ctx, dir, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	s, err := idx.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 2 || s.Companies == 0 {
		t.Errorf("stats = %+v, want 2 articles and their companies", s)
	}
	if got := idx.Suggest("company", "zephyr"); len(got) == 0 {
		t.Errorf("no suggestion for zephyr: the names were not loaded")
	}
	m, err := readMeta(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := src.Fingerprint(); m.Fingerprint != want {
		t.Errorf("meta.json records fingerprint %q, the source's is %q", m.Fingerprint, want)
	}
}

// segments returns how many segments the index's current snapshot has.
func segments(t *testing.T, idx *Index) int {
	t.Helper()
	adv, err := idx.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return len(r.(*scorch.IndexSnapshot).Segments())
}

// TestCompact: articles added one batch at a time leave a segment each;
// compact merges them into one, and every answer stays as it was.
func TestCompact(t *testing.T) {
	ctx := context.Background()
	arts := testArticles(t)
	src := &memSource{}
	src.put(arts[0])
	idx, _ := openTest(t, src)
	for _, a := range arts[1:] {
		src.put(a)
		if err := idx.Update(ctx, []string{a.ID}, nil); err != nil {
			t.Fatal(err)
		}
	}
	ask := func() string {
		d, err := idx.Deals(ctx, Query{Company: "Halcyon Compute"})
		if err != nil {
			t.Fatal(err)
		}
		s, err := idx.Search(ctx, Query{Text: "warehouse robots"})
		if err != nil {
			t.Fatal(err)
		}
		st, err := idx.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d deals, first %q; %d found; %d articles", d.Total, d.Results[0].Deal.Excerpt, s.Total, st.Articles)
	}
	before := ask()
	if n := segments(t, idx); n < 2 {
		t.Fatalf("%d segments after %d updates: the test needs several", n, len(arts)-1)
	}
	if err := idx.compact(ctx); err != nil {
		t.Fatal(err)
	}
	if n := segments(t, idx); n != 1 {
		t.Errorf("%d segments after compact, want 1", n)
	}
	idx.answers.changed() // ask the index, not the answers kept
	if after := ask(); after != before {
		t.Errorf("after compact: %s\nbefore: %s", after, before)
	}
}
