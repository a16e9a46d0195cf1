package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"dealbot/corpus"
	"dealbot/corpus/corpustest"
	"dealbot/index"
)

// The test binary stands in for dealbot in TestCrash: started with
// crashChildEnv=1, it runs the command line held (as a JSON array) in
// crashArgsEnv instead of the tests, so that the test can kill a real
// process at any moment.
const (
	crashChildEnv = "DEALBOT_CRASH_CHILD"
	crashArgsEnv  = "DEALBOT_CRASH_ARGS"
)

var crashSeed = flag.Uint64("crash.seed", 1, "the seed of TestCrash's kill delays and choices")

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) == "1" {
		os.Exit(crashChild())
	}
	os.Exit(m.Run())
}

// crashChild is main for a child of TestCrash.
func crashChild() int {
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(crashArgsEnv)), &args); err != nil {
		fmt.Fprintf(os.Stderr, "dealbot: %s: %v\n", crashArgsEnv, err)
		return 2
	}
	return exitStatus(run(context.Background(), append([]string{"dealbot"}, args...), os.Getenv, os.Stdout, os.Stderr), os.Stderr)
}

// Sizes of TestCrash's corpus.
const (
	crashImported = 30 // articles in the folder that is imported
	crashAddPool  = 12 // articles added one at a time with dealbot add
)

// summaryLine is import's summary of what it did.
var summaryLine = regexp.MustCompile(`(?m)^(\d+) articles? added, (\d+) articles? already in the corpus, (\d+) files? refused\.$`)

// TestCrash kills dealbot (SIGKILL) at random moments of an import or an
// add, many times, and checks after each kill that the next start
// reconciles the index with the files: every article whose addition was
// acknowledged (its file is in the store; add printed "Added ID") is
// answerable with all its deals and quotes, no article is half indexed
// or indexed without its file, no file is corrupt, and the index records
// the store's fingerprint. Now and then the import is run again to the
// end, which must leave every article exactly once.
func TestCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a unix matter")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run as dealbot:", err)
	}
	ctx := context.Background()
	seed := *crashSeed
	t.Logf("seed %d (rerun with -crash.seed=%[1]d)", seed)
	rnd := rand.New(rand.NewPCG(seed, seed))

	// The articles: a folder to import and files to add one by one.
	root := t.TempDir()
	gen := corpustest.New(corpustest.Config{Articles: crashImported + crashAddPool, Words: 100})
	src := filepath.Join(root, "import")
	addDir := filepath.Join(root, "add")
	c := &crasher{t: t, exe: exe, cwd: root, known: map[string]corpus.Article{}, x: corpus.NewExtractor(corpus.Names()), facts: map[string]drawn{}}
	var importIDs, addFiles, addIDs []string
	for i := range crashImported + crashAddPool {
		a := gen.Article(i)
		dir := src
		if i >= crashImported {
			dir = addDir
		}
		name := filepath.Join(dir, fmt.Sprintf("%03d.md", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, corpus.Marshal(a), 0o644); err != nil {
			t.Fatal(err)
		}
		c.known[a.ID] = a
		if i < crashImported {
			importIDs = append(importIDs, a.ID)
		} else {
			addFiles, addIDs = append(addFiles, name), append(addIDs, a.ID)
		}
	}
	if len(c.known) != crashImported+crashAddPool {
		t.Fatalf("the generated articles have %d distinct ids, want %d", len(c.known), crashImported+crashAddPool)
	}
	folders := 0
	newFolder := func() string {
		folders++
		return filepath.Join(root, fmt.Sprintf("data%d", folders))
	}

	// Time one whole import and its phases (from the times of the files
	// it wrote), to aim the kills at each phase.
	first := newFolder()
	imp := c.timeImport(ctx, first, src, importIDs)
	t.Logf("a whole import of %d articles takes %v: storing from %v to %v, indexing to %v", crashImported,
		imp.total.Round(time.Millisecond), imp.storing.Round(time.Millisecond), imp.stored.Round(time.Millisecond), imp.indexed.Round(time.Millisecond))
	// An add reads the whole corpus (to refuse a duplicate) before it
	// stores: time one into a large folder and one into a small.
	large, nLarge := c.timeAdd(ctx, first, addFiles[0], addIDs[0])
	few := newFolder()
	c.timeAdd(ctx, few, addFiles[1], addIDs[1]) // writes the starter corpus, builds the index
	small, nSmall := c.timeAdd(ctx, few, addFiles[2], addIDs[2])
	addTimes := func(n int) phaseTimes {
		at := func(s, l time.Duration) time.Duration {
			return s + (l-s)*time.Duration(n-nSmall)/time.Duration(nLarge-nSmall)
		}
		return phaseTimes{stored: at(small.stored, large.stored), total: at(small.total, large.total)}
	}
	t.Logf("an add into %d articles takes %v, storing at %v; into %d, %v, storing at %v", nSmall, small.total.Round(time.Millisecond), small.stored.Round(time.Millisecond),
		nLarge, large.total.Round(time.Millisecond), large.stored.Round(time.Millisecond))

	// At least so many kills, and more (up to half as many again) until
	// enough have landed in each phase of an import: their lengths vary
	// with the load of the machine.
	iterations, enough := 20, map[string]int{"import: storing": 3, "import: indexing": 3}
	if testing.Short() {
		iterations, enough = 8, nil
	}
	phases := map[string]int{}
	covered := func() bool {
		for p, n := range enough {
			if phases[p] < n {
				return false
			}
		}
		return true
	}
	var (
		data    string          // the data folder; "" starts a new one
		acked   map[string]bool // acknowledged in data: never to be lost
		nextAdd int             // the next of addFiles to add to data
		age     int             // the kills data has seen
	)
	for i := 0; i < iterations || i < iterations*3/2 && !covered(); i++ {
		if data == "" {
			data, acked, nextAdd, age = newFolder(), map[string]bool{}, 0, 0
		}
		age++
		before := c.storedIDs(data)
		missing := countMissing(importIDs, before)
		var (
			p     *child
			delay time.Duration
			kind  = "import"
			addID string
		)
		// An add into a folder never opened would spend its time
		// writing the starter corpus and building the index.
		if len(before) > 0 && rnd.IntN(10) < 4 && nextAdd < len(addFiles) {
			kind, addID = "add", addIDs[nextAdd]
			delay = addTimes(len(before)).draw(rnd, 1)
			p = c.start("add", "--data", data, addFiles[nextAdd])
			nextAdd++
		} else {
			// An import reads every file whatever it holds, but indexes
			// only what it adds.
			delay = imp.draw(rnd, float64(missing)/crashImported)
			p = c.start("import", "--data", data, src)
		}
		out, errOut, killed := p.killAfter(delay)

		// What the kill interrupted, judged from what it left.
		after := c.storedIDs(data)
		storeFP := c.storeFingerprint(data)
		var phase string
		switch {
		case !killed:
			phase = "finished before the kill"
		case storeFP == "":
			phase = "opening the store"
		case kind == "add" && !after[addID], kind == "import" && !hasNew(importIDs, after, before):
			phase = "nothing stored yet"
		case kind == "import" && !isSubset(importIDs, after):
			phase = "storing"
		case c.metaFingerprint(data) != storeFP:
			phase = "indexing"
		default:
			phase = "after indexing"
		}
		phases[kind+": "+phase]++
		t.Logf("iteration %d: %s in %s, kill after %v: %s (%d → %d articles stored)", i, kind, filepath.Base(data), delay.Round(time.Millisecond), phase, len(before), len(after))
		if !killed && !strings.HasPrefix(out, "Added ") && !summaryLine.MatchString(out) {
			t.Errorf("iteration %d: %s ended on its own without saying what it did: %q\n%s", i, kind, out, errOut)
		}

		// Acknowledged: every file stored, and the article add said it
		// added, even if it was killed right after.
		for id := range after {
			acked[id] = true
		}
		if addID != "" && strings.HasPrefix(out, "Added "+addID+":") {
			if !after[addID] {
				t.Errorf("iteration %d: add said %q, but %s is not in the store", i, strings.TrimSpace(out), addID)
			}
			acked[addID] = true
		}
		c.check(ctx, data, acked)

		folder := data
		switch {
		case !killed && kind == "import":
			if !isSubset(importIDs, after) {
				t.Errorf("iteration %d: the import ended, but not every article is stored", i)
			}
			data = ""
		case rnd.IntN(3) == 0 || age == 3:
			c.completeImport(ctx, data, src, importIDs)
			data = ""
		}
		if t.Failed() {
			t.Fatalf("stopping after iteration %d; the data folder is %s", i, folder)
		}
	}
	if data != "" {
		c.completeImport(ctx, data, src, importIDs)
	}
	if !covered() {
		t.Logf("fewer kills than wanted landed in some phases (the machine is slow or busy)")
	}
	var report []string
	for p, n := range phases {
		report = append(report, fmt.Sprintf("%s: %d", p, n))
	}
	slices.Sort(report)
	t.Logf("kills by phase:\n\t%s", strings.Join(report, "\n\t"))
}

// crasher runs dealbot children and checks what they leave.
type crasher struct {
	t     *testing.T
	exe   string                    // the test binary
	cwd   string                    // where children run: a folder with no .env
	known map[string]corpus.Article // every article the test may store, by id

	x     *corpus.Extractor
	facts map[string]drawn // by article id: Extract is slow with -race
}

// child is a running dealbot.
type child struct {
	t              *testing.T
	args           []string
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan error // Wait's result
}

// start starts dealbot with args.
func (c *crasher) start(args ...string) *child {
	c.t.Helper()
	js, _ := json.Marshal(args)
	p := &child{t: c.t, args: args, done: make(chan error, 1)}
	p.cmd = exec.Command(c.exe, "-test.run=^$")
	p.cmd.Dir = c.cwd
	// A race-detecting child would sleep a second before it exits.
	p.cmd.Env = append(os.Environ(), crashChildEnv+"=1", crashArgsEnv+"="+string(js), "GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		c.t.Fatalf("starting dealbot %s: %v", strings.Join(args, " "), err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	return p
}

// wait waits for the child to end on its own.
func (p *child) wait() (stdout, stderr string, err error) {
	err = <-p.done
	return p.stdout.String(), p.stderr.String(), err
}

// killAfter kills the child with SIGKILL after delay, unless it has ended
// by then, and reports whether it was killed. The output is what the
// child wrote before it died. A child that ended on its own must have
// succeeded.
func (p *child) killAfter(delay time.Duration) (stdout, stderr string, killed bool) {
	p.t.Helper()
	timer := time.NewTimer(delay)
	defer timer.Stop()
	var err error
	select {
	case err = <-p.done:
	case <-timer.C:
		if kerr := p.cmd.Process.Kill(); kerr != nil && !errors.Is(kerr, os.ErrProcessDone) {
			p.t.Fatalf("kill: %v", kerr)
		}
		err = <-p.done
		var exit *exec.ExitError
		killed = errors.As(err, &exit) && !exit.Exited()
	}
	if err != nil && !killed {
		p.t.Errorf("dealbot %s failed: %v\n%s", strings.Join(p.args, " "), err, p.stderr.String())
	}
	return p.stdout.String(), p.stderr.String(), killed
}

// completeImport runs the import to its end and checks that every
// article is then in the store exactly once: those stored before are
// refused as duplicates, the others added. It returns when the import
// started and ended.
func (c *crasher) completeImport(ctx context.Context, data, src string, ids []string) (start, end time.Time) {
	t := c.t
	t.Helper()
	before := c.storedIDs(data)
	missing := countMissing(ids, before)
	start = time.Now()
	out, errOut, err := c.start("import", "--data", data, src).wait()
	end = time.Now()
	if err != nil {
		t.Fatalf("import to the end: %v\n%s%s", err, out, errOut)
	}
	m := summaryLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("import printed no summary: %q", out)
	}
	added, _ := strconv.Atoi(m[1])
	dups, _ := strconv.Atoi(m[2])
	refused, _ := strconv.Atoi(m[3])
	if added != missing || dups != len(ids)-missing || refused != 0 {
		t.Errorf("import to the end: %d added, %d duplicates, %d refused; want %d, %d, 0", added, dups, refused, missing, len(ids)-missing)
	}
	after := c.check(ctx, data, before)
	for _, id := range ids {
		if !after[id] {
			t.Errorf("after a whole import, article %s is not in the store", id)
		}
	}
	for id := range after {
		// Besides the import, only the starter corpus (which check
		// vetted) may be new.
		if _, ok := c.known[id]; ok && !before[id] && !slices.Contains(ids, id) {
			t.Errorf("after a whole import, article %s is in the store, but it was not imported", id)
		}
	}
	t.Logf("import to the end in %s: %d added, %d already there; %d articles stored", filepath.Base(data), added, dups, len(after))
	return start, end
}

// phaseTimes are the moments of a dealbot run, from its start: it
// stores articles from storing to stored, has indexed them by indexed,
// and ends at total. An add's are only stored and total.
type phaseTimes struct {
	storing, stored, indexed, total time.Duration
}

// draw returns a moment to kill a run of dealbot. An import's is aimed
// at opening, storing, indexing and the end in the ratio 1:3:3:1, its
// indexing shortened to the fraction of the articles it has to index. An
// add's (which has no indexed time) is aimed at its storing and indexing,
// its last quarter or so.
func (p phaseTimes) draw(rnd *rand.Rand, indexing float64) time.Duration {
	between := func(from, to time.Duration) time.Duration {
		if to <= from {
			return from
		}
		return from + time.Duration(rnd.Int64N(int64(to-from)))
	}
	if p.indexed == 0 {
		return between(p.stored-p.total/4, p.total+p.total/20)
	}
	idx := time.Duration(float64(p.indexed-p.stored) * indexing)
	end := p.stored + idx + (p.total - p.indexed)
	switch rnd.IntN(8) {
	case 0:
		return between(0, p.storing)
	case 1, 2, 3:
		return between(p.storing, p.stored)
	case 4, 5, 6:
		return between(p.stored, p.stored+idx)
	}
	return between(p.stored+idx, end+end/20)
}

// timeImport imports src into a new data folder, as completeImport does,
// and returns the times of its phases.
func (c *crasher) timeImport(ctx context.Context, data, src string, ids []string) phaseTimes {
	c.t.Helper()
	start, end := c.completeImport(ctx, data, src, ids)
	p := phaseTimes{storing: end.Sub(start), total: end.Sub(start)}
	for _, id := range ids {
		at := modTime(c.t, filepath.Join(data, "articles", id+".md")).Sub(start)
		p.storing, p.stored = min(p.storing, at), max(p.stored, at)
	}
	p.indexed = modTime(c.t, filepath.Join(data, "index", "meta.json")).Sub(start)
	return p
}

// timeAdd adds one article file to a data folder, checks the folder,
// and returns the times of the add's phases and how many articles the
// folder held before.
func (c *crasher) timeAdd(ctx context.Context, data, file, id string) (phaseTimes, int) {
	t := c.t
	t.Helper()
	n := len(c.storedIDs(data))
	start := time.Now()
	out, errOut, err := c.start("add", "--data", data, file).wait()
	p := phaseTimes{total: time.Since(start)}
	if err != nil || !strings.HasPrefix(out, "Added "+id+":") {
		t.Fatalf("add: %v, output %q\n%s", err, out, errOut)
	}
	p.stored = modTime(t, filepath.Join(data, "articles", id+".md")).Sub(start)
	c.check(ctx, data, map[string]bool{id: true})
	return p, n
}

// modTime returns the modification time of a file.
func modTime(t *testing.T, name string) time.Time {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// storedIDs returns the ids of the article files in the data folder,
// without opening the store (which would write the starter corpus).
func (c *crasher) storedIDs(data string) map[string]bool {
	c.t.Helper()
	entries, err := os.ReadDir(filepath.Join(data, "articles"))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}
	}
	if err != nil {
		c.t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".md"); ok && !strings.HasPrefix(id, ".") {
			ids[id] = true
		}
	}
	return ids
}

// metaFingerprint returns the fingerprint the index's meta.json records,
// or "" when it has none.
func (c *crasher) metaFingerprint(data string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(data, "index", "meta.json"))
	if err != nil {
		return ""
	}
	var m struct{ Fingerprint string }
	if err := json.Unmarshal(b, &m); err != nil {
		c.t.Errorf("index/meta.json is not JSON: %v\n%s", err, b)
	}
	return m.Fingerprint
}

// storeFingerprint returns the fingerprint of the store's files, or ""
// when the store has not been opened once (OpenStore would write the
// starter corpus).
func (c *crasher) storeFingerprint(data string) string {
	c.t.Helper()
	if _, err := os.Stat(filepath.Join(data, "articles", ".seeded")); err != nil {
		return ""
	}
	st, err := corpus.OpenStore(data)
	if err != nil {
		c.t.Fatal(err)
	}
	fp, err := st.Fingerprint()
	if err != nil {
		c.t.Fatal(err)
	}
	return fp
}

// check checks a data folder as the next start finds it, and returns the
// ids of its articles. Every file in articles/ but the store's hidden
// ones is an article that was added, whole. Opening the corpus as
// dealbot does makes the index hold exactly the stored articles, each
// with the deals and quotes drawn from its file, and record the store's
// fingerprint. Every acknowledged article is still there.
func (c *crasher) check(ctx context.Context, data string, acked map[string]bool) map[string]bool {
	t := c.t
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(data, "articles"))
	if err != nil && !errors.Is(err, os.ErrNotExist) { // killed before it made the folder
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue // the store's temporary files and marker, which it ignores
		}
		id, ok := strings.CutSuffix(name, ".md")
		if !ok || e.IsDir() {
			t.Errorf("articles/%s is not an article file", name)
			continue
		}
		files = append(files, id)
	}

	var stderr bytes.Buffer
	d, err := openCorpus(ctx, data, &stderr, false)
	if err != nil {
		t.Fatalf("opening the corpus after the crash: %v\n%s", err, stderr.String())
	}
	st, idx := d.store, d.idx
	if stderr.Len() > 0 {
		t.Errorf("opening the corpus warned:\n%s", stderr.String())
	}
	revs, err := st.Revisions()
	if err != nil {
		t.Fatal(err)
	}
	ids := slices.Sorted(maps.Keys(revs))
	stored := setOf(ids)
	// Opening the store writes the starter corpus when a kill came
	// before it had, so it may hold more than the folder did.
	if !isSubset(files, stored) {
		t.Errorf("the store lists %v, the folder %v", ids, files)
	}
	for id := range acked {
		if !stored[id] {
			t.Errorf("article %s was acknowledged but is not in the store", id)
		}
	}

	var deals, quotes int
	for _, id := range ids {
		a, err := st.Get(id)
		if err != nil {
			t.Errorf("article %s is corrupt: %v", id, err)
			continue
		}
		// A file cut short may still parse: compare it with what was
		// added.
		if orig, ok := c.known[id]; ok {
			got := corpus.Article{Title: a.Title, Source: a.Source, Author: a.Author, URL: a.URL, Date: a.Date, Body: a.Body}
			want := corpus.Article{Title: orig.Title, Source: orig.Source, Author: orig.Author, URL: orig.URL, Date: orig.Date, Body: orig.Body}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("article %s is not as it was added (-added +stored):\n%s", id, diff)
			}
		} else if a.AddedBy != corpus.StarterAddedBy {
			t.Errorf("article %s (%q) is none the test added", id, a.Title)
		}
		want := c.factsOf(a)
		deals += len(want.Deals)
		quotes += len(want.Quotes)
		got, err := idx.Article(ctx, id)
		if err != nil {
			t.Errorf("article %s is in the store but not answerable: %v", id, err)
			continue
		}
		if got.Article.ID != id || got.Article.Title != a.Title {
			t.Errorf("article %s is indexed as %+v", id, got.Article)
		}
		if diff := cmp.Diff(want.Deals, got.Deals, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("article %s's deals in the index (-file +index):\n%s", id, diff)
		}
		if diff := cmp.Diff(want.Quotes, got.Quotes, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("article %s's quotes in the index (-file +index):\n%s", id, diff)
		}
	}
	// Every stored article is found and the counts agree, so the index
	// holds no article, deal or quote without its file.
	s, err := idx.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != len(ids) || s.Deals != deals || s.Quotes != quotes {
		t.Errorf("the index holds %d articles, %d deals and %d quotes; the files %d, %d and %d", s.Articles, s.Deals, s.Quotes, len(ids), deals, quotes)
	}
	ans, err := idx.Articles(ctx, index.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Total != len(ids) {
		t.Errorf("the index lists %d articles, the store holds %d", ans.Total, len(ids))
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	fp, err := st.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.metaFingerprint(data); got != fp {
		t.Errorf("after reopening, index/meta.json records fingerprint %q, the store's is %q", got, fp)
	}
	return stored
}

// drawn are the facts drawn from an article's title and body.
type drawn struct {
	title, body string
	facts       corpus.Facts
}

// factsOf returns the facts of an article as the index keeps them: what
// JSON carries of them.
func (c *crasher) factsOf(a corpus.Article) corpus.Facts {
	if d, ok := c.facts[a.ID]; ok && d.title == a.Title && d.body == a.Body {
		return d.facts
	}
	var f corpus.Facts
	js, _ := json.Marshal(c.x.Extract(a))
	json.Unmarshal(js, &f)
	c.facts[a.ID] = drawn{a.Title, a.Body, f}
	return f
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// hasNew reports whether any of ids is in set and not in old.
func hasNew(ids []string, set, old map[string]bool) bool {
	for _, id := range ids {
		if set[id] && !old[id] {
			return true
		}
	}
	return false
}

// countMissing returns how many of ids are not in set.
func countMissing(ids []string, set map[string]bool) int {
	n := 0
	for _, id := range ids {
		if !set[id] {
			n++
		}
	}
	return n
}

// isSubset reports whether every id is in set.
func isSubset(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if !set[id] {
			return false
		}
	}
	return true
}
