package index

import (
	"context"
	"path/filepath"
	"testing"
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
