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
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"dealbot/corpus"
)

// Version is the version of the index's mapping and documents. An index
// made by another version is rebuilt.
const Version = 8

// Source is where the index takes its articles from: the corpus store. A
// rebuild reads the articles one by one, on every CPU, so that it never
// holds the whole corpus in memory.
type Source interface {
	// Revisions returns the id of every article and its revision: a string
	// that changes whenever the article does.
	Revisions() (map[string]string, error)
	// Read returns the article with that id and its revision. An error
	// that satisfies errors.Is(err, fs.ErrNotExist) says there is no such
	// article; any other (a file that cannot be read) leaves the article
	// out of the index rather than failing: the source reports it.
	Read(id string) (corpus.Article, string, error)
	// Fingerprint is corpus.Fingerprint of the revisions: it changes
	// whenever the corpus does.
	Fingerprint() (string, error)
}

// Index answers questions from the corpus. It is safe for concurrent use.
type Index struct {
	dir   string
	bleve bleve.Index
	x     *corpus.Extractor
	names *corpus.Gazetteer

	src Source
	// dead are the names the term dictionaries still list (until segments
	// merge) though every document that held them was deleted: not to be
	// suggested. Guarded by mu.
	dead map[nameRef]bool
	// write serialises changes to the index, so that revs and the
	// fingerprint recorded with them always describe what it holds.
	write sync.Mutex
	revs  map[string]string // the revision of every article indexed

	mu      sync.RWMutex // guards sugg, updated and years
	sugg    *suggester
	updated time.Time
	years   []int // the years of the articles, ascending

	answers *answers // the answers asked recently
	// searching holds a token for each search under way: as many as
	// there are CPUs. Searches are CPU-bound; more at once would only
	// share the CPUs, each taking longer, and starve the rest of the
	// program: what reads the questions in, and the cheap answers
	// (suggestions, answers kept).
	searching chan struct{}

	wholeWindow bool // newest-first answers read every day at once (tests)
	windowDays  int  // newest-first answers list at most this many days; 0 is maxWindowDays (tests)
}

// meta is what the index records of how it was made. Fingerprint is
// that of the articles it holds (corpus.Fingerprint of their revisions),
// so that it equals the source's exactly when the index is current.
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
	// AnswerCache is how many recent answers to keep, so that a question
	// asked again is answered without searching; any change to the index
	// drops them. 0 means DefaultAnswerCache; a negative number keeps
	// none.
	AnswerCache int
}

// Open opens the index in dir (created if missing), rebuilding it from src
// when it is missing, damaged or made by another Version, and bringing it
// up to date with src (see Sync) when src has changed since it was last
// updated: after a crash, or articles added while no dealbot held the
// index. It fails fast, with a clear error, when another process holds the
// index.
func Open(ctx context.Context, dir string, src Source, opt Options) (*Index, error) {
	if opt.Names == nil {
		opt.Names = corpus.Names()
	}
	idx := &Index{dir: dir, src: src, x: corpus.NewExtractor(opt.Names), names: opt.Names,
		searching: make(chan struct{}, runtime.GOMAXPROCS(0))}
	switch {
	case opt.AnswerCache == 0:
		idx.answers = newAnswers(DefaultAnswerCache)
	case opt.AnswerCache > 0:
		idx.answers = newAnswers(opt.AnswerCache)
	default:
		idx.answers = newAnswers(0)
	}
	m, err := readMeta(dir)
	if err == nil && !opt.Rebuild && m.Version == Version {
		b, err := bleve.OpenUsing(idx.bleveDir(), map[string]interface{}{"bolt_timeout": "2s"})
		if err == nil {
			idx.bleve = b
			idx.updated = m.Built
			if err := idx.catchUp(ctx, m.Fingerprint, opt.Progress); err != nil {
				b.Close()
				return nil, err
			}
			return idx, nil
		}
		if isLocked(err) {
			return nil, fmt.Errorf("the index in %s is in use by another dealbot process (%v): %w", dir, err, ErrInUse)
		}
		// A damaged index is rebuilt from the corpus, which is the truth.
	}
	if err := idx.rebuild(ctx, opt.Progress); err != nil {
		return nil, err
	}
	return idx, nil
}

// catchUp brings a freshly opened index up to date with its source: when
// the fingerprint it recorded is the source's, it holds exactly the
// source's revisions; otherwise it reads its own and syncs.
func (idx *Index) catchUp(ctx context.Context, recorded string, progress func(int, int)) error {
	revs, err := idx.src.Revisions()
	if err != nil {
		return fmt.Errorf("reading the corpus: %w", err)
	}
	// Removed articles leave their names in the term dictionaries until
	// segments merge: find those no live document holds.
	if err := idx.checkAllNames(ctx); err != nil {
		return err
	}
	if corpus.Fingerprint(revs) == recorded {
		idx.revs = revs
		return idx.loadNames()
	}
	if idx.revs, err = idx.indexedRevisions(ctx); err != nil {
		return err
	}
	changed, err := idx.sync(ctx, revs, progress)
	if err != nil || changed {
		return err // a change is recorded as it is made
	}
	// The last change reached the index but not meta.json (a crash in
	// between): record what the index holds, and read its names.
	return idx.recorded()
}

// ErrInUse is returned by Open when another process holds the index: a
// running bot, while the command line adds an article.
var ErrInUse = errors.New("the index is in use")

// Close closes the index, after any update under way.
func (idx *Index) Close() error {
	idx.write.Lock()
	defer idx.write.Unlock()
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

// rebuild makes a new index from every article of the source: it is
// built beside the old one and swapped in when complete, so a crash midway
// leaves the old index (or none) and never a half one that claims to be
// current.
func (idx *Index) rebuild(ctx context.Context, progress func(int, int)) error {
	revs, err := idx.src.Revisions()
	if err != nil {
		return fmt.Errorf("reading the corpus: %w", err)
	}
	ids := make([]string, 0, len(revs))
	for id := range revs {
		ids = append(ids, id)
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
	indexed, _, err := idx.indexAll(ctx, ids, progress)
	if err == nil {
		err = idx.compact(ctx)
	}
	if err != nil {
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
	if b, err = bleve.OpenUsing(idx.bleveDir(), map[string]interface{}{"bolt_timeout": "2s"}); err != nil {
		return fmt.Errorf("opening the rebuilt index: %w", err)
	}
	idx.bleve = b
	idx.revs = indexed
	return idx.recorded()
}

// batchSize is how many documents go into one Bleve batch: about 400
// articles. Larger batches make fewer, larger segments to merge.
const batchSize = 10000

// indexAll reads the articles with those ids from the source and indexes
// them in batches (replacing what the index held of any), their facts drawn
// on as many goroutines as there are CPUs while the previous batch is being
// applied. It returns the revisions of the articles it indexed (an article
// the source cannot read is left out, and its old documents with it), and
// the names the old and new documents of articles held before hold.
func (idx *Index) indexAll(ctx context.Context, ids []string, progress func(int, int)) (map[string]string, []nameRef, error) {
	docs := make(chan indexed, 64)
	errc := make(chan error, 1)
	go func() {
		errc <- idx.extractAll(ctx, ids, docs)
	}()
	batches := make(chan *bleve.Batch, 1)
	applied := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err == nil {
				err = idx.bleve.Batch(b)
				// Even a failed batch may have changed the index.
				idx.answers.changed()
				if err != nil {
					err = fmt.Errorf("indexing: %w", err)
				}
			}
		}
		applied <- err
	}()
	revs := make(map[string]string, len(ids))
	var names []nameRef
	batch := idx.bleve.NewBatch()
	done := 0
	var err error
	for x := range docs {
		names = append(names, x.names...)
		for _, id := range x.old {
			batch.Delete(id)
		}
		for _, d := range x.docs {
			if err == nil {
				err = batch.Index(d.id, d.fields)
			}
		}
		if x.rev != "" {
			revs[x.id] = x.rev
		}
		done++
		if batch.Size() >= batchSize {
			batches <- batch
			batch = idx.bleve.NewBatch()
		}
		if progress != nil {
			progress(done, len(ids))
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
	return revs, names, err
}

// compact merges the index's segments into one. Bleve writes a segment a
// batch and merges them in tiers, which left 19 segments after a rebuild
// of 100,000 articles; every dictionary walk and every term's postings
// are read once a segment, so one segment answers the newest-first
// questions of rare names about twice as fast. Merging took 21 s at
// 100,000 articles, against minutes for the rebuild. The merge is
// crash-safe: Bleve swaps the merged segment in only once it is written.
func (idx *Index) compact(ctx context.Context) error {
	adv, err := idx.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("merging the index: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	if err := s.ForceMerge(ctx, &opts); err != nil {
		return fmt.Errorf("merging the index: %w", err)
	}
	return nil
}

// Update brings the index up to date with the source for the articles
// with those ids: each is re-read and re-indexed, or taken out when the
// source no longer has it. An article's old and new documents change in
// one batch, so that it is never half indexed. progress, when set, is
// called after each article.
func (idx *Index) Update(ctx context.Context, ids []string, progress func(done, total int)) error {
	idx.write.Lock()
	defer idx.write.Unlock()
	return idx.update(ctx, ids, progress)
}

// update is Update with idx.write held.
func (idx *Index) update(ctx context.Context, ids []string, progress func(done, total int)) error {
	revs, names, err := idx.indexAll(ctx, ids, progress)
	idx.mu.Lock()
	for _, id := range ids {
		delete(idx.revs, id)
		if rev, ok := revs[id]; ok {
			idx.revs[id] = rev
		}
	}
	idx.mu.Unlock()
	if err != nil {
		return err
	}
	if err := idx.checkNames(ctx, names); err != nil {
		return err
	}
	return idx.recorded()
}

// Sync brings the whole index up to date with the source: the articles
// added, edited or removed since it was last updated (by another process,
// or by hand) are indexed or taken out. It does nothing, at the cost of
// reading the corpus folder, when nothing has changed.
func (idx *Index) Sync(ctx context.Context) error {
	revs, err := idx.src.Revisions()
	if err != nil {
		return fmt.Errorf("reading the corpus: %w", err)
	}
	idx.write.Lock()
	defer idx.write.Unlock()
	_, err = idx.sync(ctx, revs, nil)
	return err
}

// sync is Sync with idx.write held and the source's revisions read. It
// reports whether anything differed (and so was updated and recorded).
func (idx *Index) sync(ctx context.Context, revs map[string]string, progress func(int, int)) (bool, error) {
	var changed []string
	idx.mu.RLock()
	for id, rev := range revs {
		if idx.revs[id] != rev {
			changed = append(changed, id)
		}
	}
	for id := range idx.revs {
		if _, ok := revs[id]; !ok {
			changed = append(changed, id)
		}
	}
	idx.mu.RUnlock()
	if len(changed) == 0 {
		return false, nil
	}
	return true, idx.update(ctx, changed, progress)
}

// recorded records what the index now holds (the fingerprint of its
// revisions) and reads its names afresh.
func (idx *Index) recorded() error {
	now := time.Now().UTC()
	idx.mu.RLock()
	fp := corpus.Fingerprint(idx.revs)
	idx.mu.RUnlock()
	if err := writeMeta(idx.dir, meta{Version: Version, Fingerprint: fp, Built: now}); err != nil {
		return err
	}
	idx.mu.Lock()
	idx.updated = now
	idx.mu.Unlock()
	return idx.loadNames()
}

// indexedRevisions reads the revision of every article the index holds,
// from the articles' own documents.
func (idx *Index) indexedRevisions(ctx context.Context) (map[string]string, error) {
	n, err := idx.count(ctx, typeIs(typeArticle))
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(typeIs(typeArticle), n, 0, false)
	req.Fields = []string{"rev"}
	req.Score = "none"
	res, err := idx.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("reading the index's articles: %w", err)
	}
	revs := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		revs[articleOf(h.ID)] = fields(h.Fields).str("rev")
	}
	return revs, nil
}
