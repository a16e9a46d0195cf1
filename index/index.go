// Package index is dealbot's search index: the only package that imports
// Bleve. It derives its documents from the corpus (one per deal, one per
// quotation, one per passage of a few paragraphs, one per article: only
// the last stores the citation), rebuilds itself when the corpus or the
// mapping has changed, is updated in place on add and remove,
// and answers the questions of the bot: deals of a company, quotes of a
// person, free-text search, name suggestions and corpus statistics, each
// result with its citation and an excerpt safe to post in Discord.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"dealbot/corpus"
)

// Version is the version of the index's mapping and documents. An index
// made by another version is rebuilt.
const Version = 5

// Source is where the index takes its articles from: the corpus store. A
// rebuild reads the articles one by one, on every CPU, so that it never
// holds the whole corpus in memory.
type Source interface {
	// IDs returns the id of every article.
	IDs() ([]string, error)
	// Get returns the article with that id. An article that cannot be read
	// is left out of the index, not fatal: the source reports it.
	Get(id string) (corpus.Article, error)
	// Fingerprint changes whenever the corpus does.
	Fingerprint() (string, error)
}

// Index answers questions from the corpus. It is safe for concurrent use.
type Index struct {
	dir   string
	bleve bleve.Index
	x     *corpus.Extractor
	names *corpus.Gazetteer

	mu      sync.RWMutex // guards sugg, updated and years
	sugg    *suggester
	updated time.Time
	years   []int // the years of the articles, ascending

	wholeWindow    bool // newest-first answers read every month at once (tests)
	recentArticles int  // see the constant; tests lower it
}

// meta is what the index records of how it was made.
type meta struct {
	Version     int       `json:"version"`
	Fingerprint string    `json:"fingerprint"`
	Built       time.Time `json:"built"`
}

// Options tune Open. The zero value is ready to use.
type Options struct {
	// Names resolves aliases; nil means the built-in gazetteer.
	Names *corpus.Gazetteer
	// Progress, when set, is called as articles are indexed during a
	// rebuild, with the number done and the total.
	Progress func(done, total int)
	// Rebuild forces a rebuild even when the index is current.
	Rebuild bool
}

// Open opens the index in dir (created if missing), rebuilding it from src
// when it is missing, was made by another Version, or src has changed since
// (its fingerprint differs). It fails fast, with a clear error, when
// another process holds the index.
func Open(ctx context.Context, dir string, src Source, opt Options) (*Index, error) {
	if opt.Names == nil {
		opt.Names = corpus.Names()
	}
	idx := &Index{dir: dir, x: corpus.NewExtractor(opt.Names), names: opt.Names, recentArticles: recentArticles}
	fp, err := src.Fingerprint()
	if err != nil {
		return nil, fmt.Errorf("reading the corpus: %w", err)
	}
	m, err := readMeta(dir)
	if err == nil && !opt.Rebuild && m.Version == Version && m.Fingerprint == fp {
		b, err := bleve.OpenUsing(idx.bleveDir(), map[string]interface{}{"bolt_timeout": "2s"})
		if err == nil {
			idx.bleve = b
			idx.updated = m.Built
			if err := idx.loadNames(); err != nil {
				b.Close()
				return nil, err
			}
			return idx, nil
		}
		if isLocked(err) {
			return nil, fmt.Errorf("the index in %s is in use by another dealbot process: %w", dir, err)
		}
		// A damaged index is rebuilt from the corpus, which is the truth.
	}
	if err := idx.rebuild(ctx, src, fp, opt.Progress); err != nil {
		return nil, err
	}
	return idx, nil
}

// Close closes the index.
func (idx *Index) Close() error {
	return idx.bleve.Close()
}

func (idx *Index) bleveDir() string { return filepath.Join(idx.dir, "bleve") }

func metaPath(dir string) string { return filepath.Join(dir, "meta.json") }

func readMeta(dir string) (meta, error) {
	var m meta
	data, err := os.ReadFile(metaPath(dir))
	if err != nil {
		return m, err
	}
	err = json.Unmarshal(data, &m)
	return m, err
}

// writeMeta records how the index was made, atomically.
func writeMeta(dir string, m meta) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	tmp := metaPath(dir) + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, metaPath(dir))
}

// isLocked reports whether err says another process holds the index.
func isLocked(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return errors.Is(err, os.ErrDeadlineExceeded) || strings.Contains(msg, "timeout") || strings.Contains(msg, "locked") || strings.Contains(msg, "resource temporarily unavailable")
}

// rebuild makes a new index from every article of src: it is built beside
// the old one and swapped in when complete, so a crash midway leaves the
// old index (or none) and never a half one that claims to be current.
func (idx *Index) rebuild(ctx context.Context, src Source, fp string, progress func(int, int)) error {
	ids, err := src.IDs()
	if err != nil {
		return fmt.Errorf("reading the corpus: %w", err)
	}
	if err := os.MkdirAll(idx.dir, 0o755); err != nil {
		return err
	}
	tmp := idx.bleveDir() + ".new"
	os.RemoveAll(tmp)
	b, err := bleve.NewUsing(tmp, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return fmt.Errorf("creating the index: %w", err)
	}
	idx.bleve = b
	get := func(i int) (corpus.Article, bool) {
		a, err := src.Get(ids[i])
		return a, err == nil
	}
	if err := idx.indexAll(ctx, len(ids), get, progress); err != nil {
		b.Close()
		os.RemoveAll(tmp)
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	os.Remove(metaPath(idx.dir)) // an index without meta is rebuilt, never trusted
	if err := os.RemoveAll(idx.bleveDir()); err != nil {
		return err
	}
	if err := os.Rename(tmp, idx.bleveDir()); err != nil {
		return err
	}
	now := time.Now().UTC()
	if err := writeMeta(idx.dir, meta{Version: Version, Fingerprint: fp, Built: now}); err != nil {
		return err
	}
	b, err = bleve.OpenUsing(idx.bleveDir(), map[string]interface{}{"bolt_timeout": "2s"})
	if err != nil {
		return fmt.Errorf("opening the rebuilt index: %w", err)
	}
	idx.bleve = b
	idx.updated = now
	return idx.loadNames()
}

// batchSize is how many documents go into one Bleve batch: about 250
// articles. Larger batches make fewer, larger segments to merge.
const batchSize = 10000

// indexAll indexes the articles get gives for 0 ≤ i < total (skipping
// those it says are missing) in batches: articles are read and their facts
// drawn on as many goroutines as there are CPUs while the previous batch
// is being applied.
func (idx *Index) indexAll(ctx context.Context, total int, get func(i int) (corpus.Article, bool), progress func(int, int)) error {
	docs := make(chan []document, 64)
	errc := make(chan error, 1)
	go func() {
		errc <- idx.extractAll(ctx, total, get, docs)
	}()
	batches := make(chan *bleve.Batch, 1)
	applied := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err == nil {
				if err = idx.bleve.Batch(b); err != nil {
					err = fmt.Errorf("indexing: %w", err)
				}
			}
		}
		applied <- err
	}()
	batch := idx.bleve.NewBatch()
	done := 0
	var err error
	for ds := range docs {
		for _, d := range ds {
			if err == nil {
				err = batch.Index(d.id, d.fields)
			}
		}
		done++
		if batch.Size() >= batchSize {
			batches <- batch
			batch = idx.bleve.NewBatch()
		}
		if progress != nil {
			progress(done, total)
		}
	}
	if batch.Size() > 0 {
		batches <- batch
	}
	close(batches)
	if err2 := <-applied; err == nil {
		err = err2
	}
	if err2 := <-errc; err == nil {
		err = err2
	}
	return err
}

// Add indexes one article (or re-indexes it, replacing what was there) and
// records the corpus's new fingerprint.
func (idx *Index) Add(a corpus.Article, fingerprint string) error {
	if err := idx.remove(a.ID); err != nil {
		return err
	}
	batch := idx.bleve.NewBatch()
	for _, d := range idx.documents(a) {
		if err := batch.Index(d.id, d.fields); err != nil {
			return err
		}
	}
	if err := idx.bleve.Batch(batch); err != nil {
		return fmt.Errorf("indexing %s: %w", a.ID, err)
	}
	return idx.touched(fingerprint)
}

// AddAll indexes many articles in batches (re-indexing those already
// there) and records the corpus's new fingerprint. progress, when set, is
// called after each article.
func (idx *Index) AddAll(ctx context.Context, articles []corpus.Article, fingerprint string, progress func(done, total int)) error {
	for _, a := range articles {
		if err := idx.remove(a.ID); err != nil {
			return err
		}
	}
	get := func(i int) (corpus.Article, bool) { return articles[i], true }
	if err := idx.indexAll(ctx, len(articles), get, progress); err != nil {
		return err
	}
	return idx.touched(fingerprint)
}

// Remove takes an article's documents out of the index and records the
// corpus's new fingerprint.
func (idx *Index) Remove(id, fingerprint string) error {
	if err := idx.remove(id); err != nil {
		return err
	}
	return idx.touched(fingerprint)
}

// touched records a change: the new fingerprint, and names afresh.
func (idx *Index) touched(fingerprint string) error {
	now := time.Now().UTC()
	if err := writeMeta(idx.dir, meta{Version: Version, Fingerprint: fingerprint, Built: now}); err != nil {
		return err
	}
	idx.mu.Lock()
	idx.updated = now
	idx.mu.Unlock()
	return idx.loadNames()
}
