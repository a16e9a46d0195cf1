package corpus

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
)

// ErrDuplicate is the error a DuplicateError unwraps to: the article (the
// same canonical URL, or the same text) is already in the corpus.
var ErrDuplicate = errors.New("the article is already in the corpus")

// DuplicateError is returned by Store.Add and Store.Restore for an article
// already in the corpus. ID and Title are those of the article already
// there. It unwraps to ErrDuplicate.
type DuplicateError struct {
	ID, Title string
}

func (e *DuplicateError) Error() string {
	if e.Title == "" {
		return "already in the corpus as " + e.ID
	}
	return fmt.Sprintf("already in the corpus as %s (%q)", e.ID, firstWords(e.Title, 10))
}

// Unwrap returns ErrDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// starterFS holds the starter corpus that OpenStore writes into a new store,
// so that a new user has something to ask about.
//
//go:embed starter/*.txt
var starterFS embed.FS

// The layout of a data folder.
const (
	articlesDir = "articles" // ID.md: the corpus, the source of truth
	removedDir  = "removed"  // ID.md and ID.removed.json: removed articles, kept
	seededMark  = ".seeded"  // in articles/: the starter corpus was written once
)

// StarterAddedBy is the AddedBy of the articles of the starter corpus.
const StarterAddedBy = "dealbot starter corpus"

// Store is the corpus on disk: one Markdown file with YAML front matter per
// article in DIR/articles, named ID.md. The file name is the source of truth
// for an article's id. Articles taken out with Remove are kept in
// DIR/removed, from where Restore brings them back.
//
// A Store is safe for concurrent use by one process. Other processes (the
// command line while the bot runs, a git pull, a hand edit) may add or
// delete files too: Add notices them through the folder's modification time.
// A file edited in place by hand is seen by Get, All and Fingerprint at
// once, but its text is checked for duplicates only from the next OpenStore.
type Store struct {
	dir string

	mu   sync.Mutex // serialises writes and guards dups
	dups dupIndex
}

// dupIndex finds the article that an article would duplicate without
// reading every file: the canonical URLs and text hashes of the articles in
// the folder, built on first use and kept up to date by the Store.
type dupIndex struct {
	loaded  bool
	modTime time.Time // of articles/ when last synced
	byURL   map[string]string
	byText  map[[sha256.Size]byte]string
	keys    map[string]dupKeys // every article file seen, by id
}

// dupKeys are what one article contributes to a dupIndex.
type dupKeys struct {
	url   string
	text  [sha256.Size]byte
	title string
}

// keysOf returns the duplicate keys of an article.
func keysOf(a Article) dupKeys {
	return dupKeys{
		url:   CanonicalURL(a.URL),
		text:  sha256.Sum256([]byte(NormalizeText(a.Body))),
		title: a.Title,
	}
}

// OpenStore opens the store in the data folder dir, creating the folder
// and its articles/ folder if needed. The first time it finds articles/
// with no article in it, it writes the embedded starter corpus there and a
// marker file, so that a user who later removes every article does not get
// the starter back.
func OpenStore(dir string) (*Store, error) {
	s := &Store{dir: dir}
	if err := os.MkdirAll(s.articlesPath(), 0o755); err != nil {
		return nil, fmt.Errorf("creating the data folder: %v", err)
	}
	if err := s.seed(); err != nil {
		return nil, err
	}
	return s, nil
}

// seed writes the starter corpus into an empty store, once.
func (s *Store) seed() error {
	mark := filepath.Join(s.articlesPath(), seededMark)
	if _, err := os.Stat(mark); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	names, err := s.articleNames()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		starters, err := fs.Glob(starterFS, "starter/*.txt")
		if err != nil {
			return err
		}
		now := time.Now()
		for _, name := range starters {
			data, err := starterFS.ReadFile(name)
			if err != nil {
				return err
			}
			a, err := Parse(path.Base(name), data)
			if err != nil {
				return fmt.Errorf("starter article %s: %v", path.Base(name), err)
			}
			a.AddedBy, a.AddedAt = StarterAddedBy, now
			if _, err := s.Add(a); err != nil {
				return fmt.Errorf("writing starter article %s: %v", path.Base(name), err)
			}
		}
	}
	msg := "The starter corpus was written here on " + time.Now().UTC().Format(time.RFC3339) +
		".\nWhile this file exists dealbot will not write it again.\n"
	return WriteFileAtomic(s.articlesPath(), seededMark, []byte(msg))
}

// Dir returns the data folder.
func (s *Store) Dir() string { return s.dir }

func (s *Store) articlesPath() string { return filepath.Join(s.dir, articlesDir) }
func (s *Store) removedPath() string  { return filepath.Join(s.dir, removedDir) }

// Add stores a new article and returns it as stored, which is what Get
// will return: its ID set by ArticleID when empty, AddedAt now (in UTC, to
// the second) when zero, and its Format FormatMarkdown. AddedBy is kept as
// given.
//
// Add refuses an article already in the corpus (the same ID, the same
// canonical URL, or the same text once normalised by NormalizeText) with a
// *DuplicateError naming the article there, which errors.Is ErrDuplicate.
// It refuses an article that Check refuses (a title too long, a URL that
// is not http(s)) with Check's error, one that Parse would not read back
// (such as a body of fewer than MinBodyWords words) with Parse's error,
// and an ID that cannot be a file name. The file is written atomically: a crash leaves either the
// whole article or none.
func (s *Store) Add(a Article) (Article, error) {
	if a.ID == "" {
		a.ID = ArticleID(a)
	}
	if !validID(a.ID) {
		return Article{}, fmt.Errorf("%q cannot be an article id: it must be a file name with no / \\ or : and no leading dot", a.ID)
	}
	if err := Check(a); err != nil {
		return Article{}, err
	}
	if a.AddedAt.IsZero() {
		a.AddedAt = time.Now()
	}
	a.AddedAt = a.AddedAt.UTC().Truncate(time.Second)
	data := Marshal(a)
	stored, err := Parse(a.ID+".md", data)
	if err != nil {
		return Article{}, fmt.Errorf("the article cannot be stored: %w", err)
	}
	stored.ID = a.ID

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.syncDups(); err != nil {
		return Article{}, err
	}
	if err := s.checkDuplicate(stored); err != nil {
		return Article{}, err
	}
	if err := WriteFileAtomic(s.articlesPath(), stored.ID+".md", data); err != nil {
		return Article{}, fmt.Errorf("writing article %s: %v", stored.ID, err)
	}
	s.dups.add(stored.ID, keysOf(stored))
	s.noteOwnWrite()
	return stored, nil
}

// CheckDuplicate returns a *DuplicateError when the corpus holds an
// article that a would duplicate (the same ID, canonical URL or text), as
// Add would refuse it; nil otherwise. a.ID is ArticleID(a) when empty.
func (s *Store) CheckDuplicate(a Article) error {
	if a.ID == "" {
		a.ID = ArticleID(a)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.syncDups(); err != nil {
		return err
	}
	return s.checkDuplicate(a)
}

// checkDuplicate returns a *DuplicateError if a is already in the corpus.
// s.mu must be held and s.dups synced.
func (s *Store) checkDuplicate(a Article) error {
	// The file itself, not s.dups, says whether the id is taken: another
	// process may have written it within the folder's time resolution.
	if _, err := os.Stat(s.articlePath(a.ID)); err == nil {
		old, _ := s.Get(a.ID) // an unreadable file is still taken
		return &DuplicateError{ID: a.ID, Title: old.Title}
	}
	k := keysOf(a)
	if id, ok := s.dups.byURL[k.url]; ok && k.url != "" {
		return &DuplicateError{ID: id, Title: s.dups.keys[id].title}
	}
	if id, ok := s.dups.byText[k.text]; ok {
		return &DuplicateError{ID: id, Title: s.dups.keys[id].title}
	}
	return nil
}

func (s *Store) articlePath(id string) string {
	return filepath.Join(s.articlesPath(), id+".md")
}

// Get returns the article with that id. The error satisfies
// errors.Is(err, fs.ErrNotExist) when there is none; an article file that
// cannot be read gives the reason, prefixed with its file name.
func (s *Store) Get(id string) (Article, error) {
	if !validID(id) {
		return Article{}, fmt.Errorf("no article %q: %w", id, fs.ErrNotExist)
	}
	return readArticle(s.articlesPath(), id)
}

// readArticle reads the article with that id from the folder dir; the file
// name gives its ID.
func readArticle(dir, id string) (Article, error) {
	a, err := ParseFile(filepath.Join(dir, id+".md"))
	if errors.Is(err, fs.ErrNotExist) {
		return Article{}, fmt.Errorf("no article %s: %w", id, fs.ErrNotExist)
	}
	if err != nil {
		return Article{}, fmt.Errorf("%s.md: %w", id, err)
	}
	a.ID = id
	return a, nil
}

// All returns every article in the corpus, newest first (articles of
// unknown date last), then by id. A file that cannot be read does not stop
// it: All returns the other articles and an error (made with errors.Join)
// naming each bad file and why, so that a caller can warn and go on.
func (s *Store) All() ([]Article, error) {
	names, err := s.articleNames()
	if err != nil {
		return nil, err
	}
	read, readErrs := readArticles(s.articlesPath(), names)
	var (
		all  []Article
		errs []error
	)
	for i, a := range read {
		if readErrs[i] != nil {
			errs = append(errs, readErrs[i])
			continue
		}
		all = append(all, a)
	}
	slices.SortFunc(all, func(a, b Article) int {
		switch {
		case a.Date.IsZero() != b.Date.IsZero():
			if a.Date.IsZero() {
				return 1
			}
			return -1
		case !a.Date.Equal(b.Date):
			return b.Date.Compare(a.Date)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return all, errors.Join(errs...)
}

// readArticles reads the articles with those ids from the folder dir: the
// i-th result is the article ids[i] or the error reading it. Parsing is
// most of the work, so it runs on every CPU.
func readArticles(dir string, ids []string) ([]Article, []error) {
	articles := make([]Article, len(ids))
	errs := make([]error, len(ids))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ids); i = int(next.Add(1) - 1) {
				articles[i], errs[i] = readArticle(dir, ids[i])
			}
		})
	}
	wg.Wait()
	return articles, errs
}

// articleNames returns the ids of the article files in articles/, sorted.
func (s *Store) articleNames() ([]string, error) {
	f, err := os.Open(s.articlesPath())
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	ids := names[:0]
	for _, name := range names {
		if id, ok := articleFileID(name); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// articleFileID returns the id of an article file's name, and false for
// a name that is not an article: temporary and hidden files, backups, other
// extensions.
func articleFileID(name string) (string, bool) {
	id, ok := strings.CutSuffix(name, ".md")
	return id, ok && validID(id)
}

// validID reports whether id can name an article file: not empty, not
// hidden, no path separators or control characters, and short enough for
// any file system.
func validID(id string) bool {
	if id == "" || len(id) > 200 || id[0] == '.' {
		return false
	}
	for _, r := range id {
		if r == '/' || r == '\\' || r == ':' || r == unicode.ReplacementChar || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// removal is what Remove records beside a removed article, in
// removed/ID.removed.json.
type removal struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	RemovedAt time.Time `json:"removed_at"`
	RemovedBy string    `json:"removed_by,omitempty"`
}

// Remove takes the article with that id out of the corpus and returns it.
// Nothing is destroyed: its file is moved, unchanged, to removed/ID.md,
// with who removed it and when in removed/ID.removed.json, and Restore
// brings it back. A copy already in removed/ from an earlier removal is
// kept as removed/ID~TIME.md. The error satisfies errors.Is(err,
// fs.ErrNotExist) when there is no such article. A file that cannot be
// parsed can be removed too; the article returned then has only its ID.
func (s *Store) Remove(id, by string) (Article, error) {
	if !validID(id) {
		return Article{}, fmt.Errorf("no article %q: %w", id, fs.ErrNotExist)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.Get(id)
	if errors.Is(err, fs.ErrNotExist) {
		return Article{}, err
	}
	if err != nil {
		a = Article{ID: id}
	}
	removed := s.removedPath()
	if err := os.MkdirAll(removed, 0o755); err != nil {
		return Article{}, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	if err := archiveRemoved(removed, id, now); err != nil {
		return Article{}, err
	}
	note, err := json.MarshalIndent(removal{ID: id, Title: a.Title, RemovedAt: now, RemovedBy: by}, "", "  ")
	if err != nil {
		return Article{}, err
	}
	if err := WriteFileAtomic(removed, id+".removed.json", append(note, '\n')); err != nil {
		return Article{}, fmt.Errorf("recording the removal of %s: %v", id, err)
	}
	if err := moveFile(s.articlePath(id), filepath.Join(removed, id+".md")); err != nil {
		return Article{}, fmt.Errorf("removing article %s: %v", id, err)
	}
	s.dups.drop(id)
	s.noteOwnWrite()
	return a, nil
}

// archiveRemoved moves aside an earlier removed copy of id, if any, as
// ID~TIME.md (and its note as ID~TIME.removed.json), so that removing an
// article again never overwrites it.
func archiveRemoved(removed, id string, now time.Time) error {
	old := filepath.Join(removed, id+".md")
	if _, err := os.Stat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	aside := id + "~" + now.Format("20060102T150405Z")
	for i := 2; ; i++ {
		if _, err := os.Stat(filepath.Join(removed, aside+".md")); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s~%s-%d", id, now.Format("20060102T150405Z"), i)
	}
	note := filepath.Join(removed, id+".removed.json")
	if _, err := os.Stat(note); err == nil {
		if err := os.Rename(note, filepath.Join(removed, aside+".removed.json")); err != nil {
			return err
		}
	}
	return moveFile(old, filepath.Join(removed, aside+".md"))
}

// Restore brings a removed article back into the corpus and returns it.
// The error satisfies errors.Is(err, fs.ErrNotExist) when removed/ holds no
// article with that id, and is a *DuplicateError when an equal article has
// been added since it was removed.
func (s *Store) Restore(id string) (Article, error) {
	if !validID(id) {
		return Article{}, fmt.Errorf("no removed article %q: %w", id, fs.ErrNotExist)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	removed := s.removedPath()
	a, err := readArticle(removed, id)
	if errors.Is(err, fs.ErrNotExist) {
		return Article{}, fmt.Errorf("no removed article %s: %w", id, fs.ErrNotExist)
	}
	if err != nil {
		return Article{}, fmt.Errorf("cannot restore removed/%v", err)
	}
	if err := s.syncDups(); err != nil {
		return Article{}, err
	}
	if err := s.checkDuplicate(a); err != nil {
		return Article{}, err
	}
	if err := moveFile(filepath.Join(removed, id+".md"), s.articlePath(id)); err != nil {
		return Article{}, fmt.Errorf("restoring article %s: %v", id, err)
	}
	// The note only says why the file was in removed/; the article is safe.
	_ = os.Remove(filepath.Join(removed, id+".removed.json"))
	s.dups.add(id, keysOf(a))
	s.noteOwnWrite()
	return a, nil
}

// Fingerprint returns a short hash of the corpus that changes when an
// article is added, removed or edited, for the index to tell whether it is
// stale. It reads the names, sizes and modification times of the files,
// not their contents.
func (s *Store) Fingerprint() (string, error) {
	revs, err := s.Revisions()
	if err != nil {
		return "", err
	}
	return Fingerprint(revs), nil
}

// Fingerprint returns a short hash of articles' revisions (id → revision,
// as Store.Revisions gives them): equal for equal maps, and different,
// but for a 64-bit collision, for any other.
func Fingerprint(revs map[string]string) string {
	ids := make([]string, 0, len(revs))
	for id := range revs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		fmt.Fprintf(h, "%s\x00%s\n", id, revs[id])
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Read returns the article with that id, as Get does, and its revision
// (see Revisions), read before the file so that an edit made meanwhile
// shows as a later revision.
func (s *Store) Read(id string) (Article, string, error) {
	if !validID(id) {
		return Article{}, "", fmt.Errorf("no article %q: %w", id, fs.ErrNotExist)
	}
	info, err := os.Stat(s.articlePath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return Article{}, "", fmt.Errorf("no article %s: %w", id, fs.ErrNotExist)
	}
	if err != nil {
		return Article{}, "", fmt.Errorf("%s.md: %w", id, err)
	}
	a, err := readArticle(s.articlesPath(), id)
	return a, revision(info), err
}

// revision is the revision of an article file of that size and time.
func revision(info fs.FileInfo) string {
	return fmt.Sprintf("%d-%d", info.Size(), info.ModTime().UnixNano())
}

// Revisions returns the id of every article in the corpus and its
// revision: a string (of the file's size and modification time) that
// changes whenever the file does, edited by hand included.
func (s *Store) Revisions() (map[string]string, error) {
	entries, err := os.ReadDir(s.articlesPath())
	if err != nil {
		return nil, err
	}
	revs := make(map[string]string, len(entries))
	for _, e := range entries {
		id, ok := articleFileID(e.Name())
		if !ok {
			continue
		}
		info, err := e.Info()
		if err == nil && e.Type()&fs.ModeSymlink != 0 {
			info, err = os.Stat(filepath.Join(s.articlesPath(), e.Name()))
		}
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since the folder was read
		}
		if err != nil {
			return nil, err
		}
		revs[id] = revision(info)
	}
	return revs, nil
}

// syncDups brings s.dups up to date with the files in articles/: all of
// them the first time, then only when the folder has changed since, and
// then it parses only the files it has not seen. s.mu must be held.
func (s *Store) syncDups() error {
	d := &s.dups
	info, err := os.Stat(s.articlesPath())
	if err != nil {
		return err
	}
	if d.loaded && info.ModTime().Equal(d.modTime) {
		return nil
	}
	names, err := s.articleNames()
	if err != nil {
		return err
	}
	if !d.loaded {
		d.byURL = make(map[string]string)
		d.byText = make(map[[sha256.Size]byte]string)
		d.keys = make(map[string]dupKeys)
	}
	present := make(map[string]bool, len(names))
	var unseen []string
	for _, id := range names {
		present[id] = true
		if _, ok := d.keys[id]; !ok {
			unseen = append(unseen, id)
		}
	}
	read, errs := readArticles(s.articlesPath(), unseen)
	for i, a := range read {
		// A file that cannot be read is left out (All reports it), and
		// read again at the next change, in case it has been mended.
		if errs[i] == nil {
			d.add(a.ID, keysOf(a))
		}
	}
	for id := range d.keys {
		if !present[id] {
			d.drop(id)
		}
	}
	d.loaded, d.modTime = true, info.ModTime()
	return nil
}

// noteOwnWrite records the folder's modification time after the Store
// changed it, so that the next syncDups does not read the folder again for
// a change it already knows. s.mu must be held.
func (s *Store) noteOwnWrite() {
	if info, err := os.Stat(s.articlesPath()); err == nil && s.dups.loaded {
		s.dups.modTime = info.ModTime()
	}
}

func (d *dupIndex) add(id string, k dupKeys) {
	d.keys[id] = k
	if k.url != "" {
		d.byURL[k.url] = id
	}
	d.byText[k.text] = id
}

func (d *dupIndex) drop(id string) {
	k, ok := d.keys[id]
	if !ok {
		return
	}
	delete(d.keys, id)
	if d.byURL[k.url] == id {
		delete(d.byURL, k.url)
	}
	if d.byText[k.text] == id {
		delete(d.byText, k.text)
	}
}

// WriteFileAtomic writes data to dir/name so that a crash leaves either the
// old file or the new one, never a part: it writes a hidden temporary file
// in dir, syncs it, renames it over name and syncs the folder.
func WriteFileAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

// moveFile renames from to to, and syncs both folders so that the move
// survives a crash.
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(to)); err != nil {
		return err
	}
	if filepath.Dir(from) == filepath.Dir(to) {
		return nil
	}
	return syncDir(filepath.Dir(from))
}

// syncDir makes the entries of a folder durable. Some systems (Windows)
// cannot sync a folder; that is not an error there.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, fs.ErrInvalid) {
		return err
	}
	return nil
}
