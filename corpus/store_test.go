package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// storeBody returns a body of more than MinBodyWords words about an invented
// company, different for every company.
func storeBody(company string) string {
	return company + " said on Tuesday that it had signed a $40m contract to supply inference chips to Halden Cloud over three years.\n\n" +
		"“This is the largest order in our history,” said Amara Chen, " + company + "'s chief executive, adding that the first shipments would leave in the spring."
}

// storeArticle returns an article about company with an invented URL.
func storeArticle(company string) Article {
	slug := strings.ToLower(strings.ReplaceAll(company, " ", "-"))
	return Article{
		Title:  company + " signs chip deal with Halden Cloud",
		Date:   time.Date(2025, 6, 14, 0, 0, 0, 0, time.UTC),
		Source: "The Ledger Review",
		URL:    "https://ledger.example/news/" + slug,
		Body:   storeBody(company),
	}
}

// openEmptyStore opens a store in a new folder and removes the starter
// corpus, so that tests see only their own articles.
func openEmptyStore(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if _, err := s.Remove(a.ID, "test"); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// storeMustAdd adds an article or fails the test.
func storeMustAdd(t *testing.T, s *Store, a Article) Article {
	t.Helper()
	got, err := s.Add(a)
	if err != nil {
		t.Fatalf("Add(%q): %v", a.Title, err)
	}
	return got
}

// storeIDs returns the ids of All, failing the test on any error.
func storeIDs(t *testing.T, s *Store) []string {
	t.Helper()
	all, err := s.All()
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	ids := []string{}
	for _, a := range all {
		ids = append(ids, a.ID)
	}
	return ids
}

// storeDirNames returns the names in a folder, or nil if there is no folder.
func storeDirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func storeWriteFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// storeStarterIDs returns the ids of the embedded starter corpus.
func storeStarterIDs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("starter/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no starter corpus: %v", err)
	}
	var ids []string
	for _, f := range files {
		a, err := ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

func TestStoreSeedsStarterOnce(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) // before the second OpenStore
		want  []string                       // ids after the second OpenStore; nil means the starter
	}{
		{
			name:  "reopened as it was",
			setup: func(t *testing.T, dir string) {},
		},
		{
			name: "every article removed",
			setup: func(t *testing.T, dir string) {
				s, err := OpenStore(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range storeIDs(t, s) {
					if _, err := s.Remove(id, "amara"); err != nil {
						t.Fatal(err)
					}
				}
			},
			want: []string{},
		},
		{
			name: "every file deleted by hand",
			setup: func(t *testing.T, dir string) {
				for _, id := range storeStarterIDs(t) {
					if err := os.Remove(filepath.Join(dir, "articles", id+".md")); err != nil {
						t.Fatal(err)
					}
				}
			},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			s, err := OpenStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(storeIDs(t, s), storeStarterIDs(t)); diff != "" {
				t.Fatalf("first open: ids (-got +want):\n%s", diff)
			}
			all, _ := s.All()
			for _, a := range all {
				if a.AddedBy != StarterAddedBy || a.AddedAt.IsZero() {
					t.Errorf("starter %s: added by %q at %v, want %q and a time", a.ID, a.AddedBy, a.AddedAt, StarterAddedBy)
				}
			}

			tt.setup(t, dir)
			s, err = OpenStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == nil {
				want = storeStarterIDs(t)
			}
			if diff := cmp.Diff(storeIDs(t, s), want); diff != "" {
				t.Errorf("reopened: ids (-got +want):\n%s", diff)
			}
		})
	}
}

func TestStoreDoesNotSeedAnExistingCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	a := storeArticle("Zephyr Robotics")
	a.ID = "zephyr"
	storeWriteFile(t, filepath.Join(dir, "articles", "zephyr.md"), string(Marshal(a)))
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storeIDs(t, s), []string{"zephyr"}); diff != "" {
		t.Errorf("ids (-got +want):\n%s", diff)
	}
}

func TestStoreAddGetRoundTrip(t *testing.T) {
	added := time.Date(2025, 6, 15, 10, 30, 0, 0, time.UTC)
	markdownBody := "- 3 things: Orbitine_Labs raised $30m in a round led by **Northwind**.\n\n" + storeBody("Orbitine")
	tests := []struct {
		name string
		in   Article
		want Article // ID and Format are filled in from the input
	}{
		{
			name: "every field",
			in: Article{
				Title: "Zephyr Robotics buys Kestrel Sensors", Date: time.Date(2025, 6, 14, 0, 0, 0, 0, time.UTC),
				Source: "The Ledger Review", URL: "https://ledger.example/zephyr?id=7", Author: "Ines Duarte",
				Tags: []string{"robotics", "m&a"}, AddedBy: "amara#0001", AddedAt: added,
				Body: storeBody("Zephyr Robotics"),
			},
			want: Article{
				ID:    ArticleID(Article{URL: "https://ledger.example/zephyr?id=7"}),
				Title: "Zephyr Robotics buys Kestrel Sensors", Date: time.Date(2025, 6, 14, 0, 0, 0, 0, time.UTC),
				Source: "The Ledger Review", URL: "https://ledger.example/zephyr?id=7", Author: "Ines Duarte",
				Tags: []string{"robotics", "m&a"}, AddedBy: "amara#0001", AddedAt: added,
				Body: storeBody("Zephyr Robotics"),
			},
		},
		{
			name: "given id, added_at in another zone with nanoseconds",
			in: Article{
				ID: "kestrel-2025", Title: "Kestrel Sensors raises money", AddedBy: "Amara Chen",
				AddedAt: time.Date(2025, 6, 15, 12, 30, 0, 999, time.FixedZone("CEST", 2*3600)),
				Body:    storeBody("Kestrel Sensors"),
			},
			want: Article{
				ID: "kestrel-2025", Title: "Kestrel Sensors raises money", AddedBy: "Amara Chen", AddedAt: added,
				Body: storeBody("Kestrel Sensors"),
			},
		},
		{
			name: "Markdown characters and a line that looks like a list",
			in: Article{
				Title: "Orbitine [beta] *launch*", AddedAt: added,
				Body: markdownBody,
			},
			want: Article{
				ID:    ArticleID(Article{Body: markdownBody}),
				Title: "Orbitine [beta] *launch*", AddedAt: added,
				Body: markdownBody,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openEmptyStore(t)
			want := tt.want
			want.Format = FormatMarkdown
			got, err := s.Add(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("Add (-got +want):\n%s", diff)
			}
			got, err = s.Get(want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("Get (-got +want):\n%s", diff)
			}
			if _, err := os.Stat(filepath.Join(s.Dir(), "articles", want.ID+".md")); err != nil {
				t.Errorf("the article file: %v", err)
			}
		})
	}
}

func TestStoreAddDefaultsAddedAt(t *testing.T) {
	s := openEmptyStore(t)
	before := time.Now().UTC().Truncate(time.Second)
	got := storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	after := time.Now().UTC()
	if got.AddedAt.Before(before) || got.AddedAt.After(after) || got.AddedAt.Location() != time.UTC {
		t.Errorf("AddedAt = %v, want UTC between %v and %v", got.AddedAt, before, after)
	}
}

func TestStoreAddRefuses(t *testing.T) {
	existing := storeArticle("Zephyr Robotics")
	existing.Title = "Zephyr Robotics signs a record chip deal with Halden Cloud, its biggest customer yet"
	noURL := storeArticle("Kestrel Sensors")
	noURL.URL = ""
	tests := []struct {
		name    string
		add     func(a Article) Article // the article to add, from a copy of existing
		want    *DuplicateError         // refused as a duplicate of this
		wantErr bool                    // refused for another reason
		wantIs  error                   // that the other reason wraps, if not nil
	}{
		{
			name: "same URL with tracking parameters, www and a trailing slash",
			add: func(a Article) Article {
				a.URL = "http://WWW.ledger.example/news/zephyr-robotics/?utm_source=feed&fbclid=x#top"
				a.Body = storeBody("Someone Else")
				return a
			},
			want: &DuplicateError{ID: ArticleID(existing), Title: existing.Title},
		},
		{
			name: "same text with other typography and another URL",
			add: func(a Article) Article {
				a.URL = "https://mirror.example/zephyr"
				a.Body = strings.NewReplacer("“", `"`, "”", `"`, "'", "’", "$", "", "Tuesday", "TUESDAY", ", ", " ,  ", "\n\n", "\n\n\n").Replace(a.Body)
				a.Title = "Another title"
				return a
			},
			want: &DuplicateError{ID: ArticleID(existing), Title: existing.Title},
		},
		{
			name: "same text without a URL",
			add: func(a Article) Article {
				a.URL = ""
				return a
			},
			want: &DuplicateError{ID: ArticleID(existing), Title: existing.Title},
		},
		{
			name: "same id",
			add: func(a Article) Article {
				a.ID = ArticleID(existing)
				a.URL = "https://other.example/a"
				a.Body = storeBody("Someone Else")
				return a
			},
			want: &DuplicateError{ID: ArticleID(existing), Title: existing.Title},
		},
		{
			name: "same text as an article without a URL",
			add: func(a Article) Article {
				a.URL = "https://ledger.example/kestrel"
				a.Body = noURL.Body
				return a
			},
			want: &DuplicateError{ID: ArticleID(noURL), Title: noURL.Title},
		},
		{
			name: "another article",
			add: func(a Article) Article {
				a.URL = "https://ledger.example/news/zephyr-robotics-2"
				a.Body = storeBody("Orbitine")
				return a
			},
		},
		{
			name: "a body too short",
			add: func(a Article) Article {
				a.URL = "https://ledger.example/short"
				a.Body = "Zephyr Robotics signed a deal."
				return a
			},
			wantErr: true,
			wantIs:  ErrTooShort,
		},
		{
			name: "an id that is a path",
			add: func(a Article) Article {
				a.ID = "../zephyr"
				a.URL = "https://ledger.example/path"
				a.Body = storeBody("Orbitine")
				return a
			},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		for _, reopen := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/reopened=%v", tt.name, reopen), func(t *testing.T) {
				testStoreAddRefuses(t, existing, noURL, tt.add(existing), reopen, tt.want, tt.wantErr, tt.wantIs)
			})
		}
	}
}

// testStoreAddRefuses adds existing and noURL to a new store, reopens it if
// asked (so that the store learns of them from the files), then adds a.
func testStoreAddRefuses(t *testing.T, existing, noURL, a Article, reopen bool, want *DuplicateError, wantErr bool, wantIs error) {
	s := openEmptyStore(t)
	storeMustAdd(t, s, existing)
	storeMustAdd(t, s, noURL)
	if reopen {
		var err error
		if s, err = OpenStore(s.Dir()); err != nil {
			t.Fatal(err)
		}
	}
	before := storeIDs(t, s)
	_, err := s.Add(a)
	switch {
	case want != nil:
		var dup *DuplicateError
		if !errors.As(err, &dup) || !errors.Is(err, ErrDuplicate) {
			t.Fatalf("Add: err = %v, want a *DuplicateError", err)
		}
		if diff := cmp.Diff(dup, want); diff != "" {
			t.Errorf("duplicate (-got +want):\n%s", diff)
		}
	case wantErr:
		if err == nil || errors.Is(err, ErrDuplicate) {
			t.Fatalf("Add: err = %v, want a refusal", err)
		}
		if wantIs != nil && !errors.Is(err, wantIs) {
			t.Errorf("Add: err = %v, want %v", err, wantIs)
		}
	default:
		if err != nil {
			t.Fatalf("Add: %v", err)
		}
		return
	}
	if diff := cmp.Diff(storeIDs(t, s), before); diff != "" {
		t.Errorf("a refused Add changed the corpus (-got +want):\n%s", diff)
	}
}

func TestStoreDuplicateErrorMessage(t *testing.T) {
	tests := []struct {
		err  *DuplicateError
		want string
	}{
		{&DuplicateError{ID: "0eb139bcb810732d", Title: "Microsoft pulled out"}, `already in the corpus as 0eb139bcb810732d ("Microsoft pulled out")`},
		{&DuplicateError{ID: "ab12", Title: "One two three four five six seven eight nine ten eleven twelve"}, `already in the corpus as ab12 ("One two three four five six seven eight nine ten…")`},
		{&DuplicateError{ID: "ab12"}, `already in the corpus as ab12`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %s, want %s", got, tt.want)
		}
	}
}

// TestStoreSeesOtherWriters checks that articles written to the folder by
// someone else (another process, a hand copy, a git pull) while the store is
// open count as duplicates, and deleted ones no longer do.
func TestStoreSeesOtherWriters(t *testing.T) {
	s := openEmptyStore(t)
	storeMustAdd(t, s, storeArticle("Zephyr Robotics")) // loads the duplicate maps

	byHand := storeArticle("Kestrel Sensors")
	byHand.ID = "kestrel-by-hand"
	storeWriteFile(t, filepath.Join(s.Dir(), "articles", "kestrel-by-hand.md"), string(Marshal(byHand)))
	// The folder's time does not move if both writes fall in one clock tick
	// (see Store): make it move.
	storeSetDirTime(t, filepath.Join(s.Dir(), "articles"), time.Now().Add(30*time.Second))
	again := storeArticle("Kestrel Sensors")
	again.URL += "?utm_campaign=x"
	_, err := s.Add(again)
	var dup *DuplicateError
	if !errors.As(err, &dup) || dup.ID != "kestrel-by-hand" {
		t.Fatalf("Add of an article written by hand: err = %v, want a duplicate of kestrel-by-hand", err)
	}

	if err := os.Remove(filepath.Join(s.Dir(), "articles", "kestrel-by-hand.md")); err != nil {
		t.Fatal(err)
	}
	storeSetDirTime(t, filepath.Join(s.Dir(), "articles"), time.Now().Add(time.Minute))
	if _, err := s.Add(again); err != nil {
		t.Errorf("Add after the file was deleted by hand: %v", err)
	}
}

func storeSetDirTime(t *testing.T, dir string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(dir, when, when); err != nil {
		t.Fatal(err)
	}
}

func TestStoreRemoveRestore(t *testing.T) {
	s := openEmptyStore(t)
	a := storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	other := storeMustAdd(t, s, storeArticle("Kestrel Sensors"))
	file := filepath.Join(s.Dir(), "articles", a.ID+".md")
	original, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.Remove(a.ID, "amara#0001")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, a); diff != "" {
		t.Errorf("Remove returned (-got +want):\n%s", diff)
	}
	if _, err := s.Get(a.ID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get after Remove: err = %v, want fs.ErrNotExist", err)
	}
	if diff := cmp.Diff(storeIDs(t, s), []string{other.ID}); diff != "" {
		t.Errorf("All after Remove (-got +want):\n%s", diff)
	}
	kept, err := os.ReadFile(filepath.Join(s.Dir(), "removed", a.ID+".md"))
	if err != nil {
		t.Fatalf("the removed file is not kept: %v", err)
	}
	if diff := cmp.Diff(string(kept), string(original)); diff != "" {
		t.Errorf("the removed file changed (-got +want):\n%s", diff)
	}
	var note struct {
		ID        string    `json:"id"`
		RemovedBy string    `json:"removed_by"`
		RemovedAt time.Time `json:"removed_at"`
	}
	data, err := os.ReadFile(filepath.Join(s.Dir(), "removed", a.ID+".removed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &note); err != nil {
		t.Fatal(err)
	}
	if note.ID != a.ID || note.RemovedBy != "amara#0001" || time.Since(note.RemovedAt) > time.Minute {
		t.Errorf("removal note = %+v, want id %s, removed by amara#0001 just now", note, a.ID)
	}

	got, err = s.Restore(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, a); diff != "" {
		t.Errorf("Restore returned (-got +want):\n%s", diff)
	}
	if got, err = s.Get(a.ID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, a); diff != "" {
		t.Errorf("Get after Restore (-got +want):\n%s", diff)
	}
	for _, name := range storeDirNames(t, filepath.Join(s.Dir(), "removed")) {
		if strings.HasPrefix(name, a.ID) {
			t.Errorf("removed/%s is left after Restore", name)
		}
	}
	// Restored, it is a duplicate again.
	if _, err := s.Add(storeArticle("Zephyr Robotics")); !errors.Is(err, ErrDuplicate) {
		t.Errorf("Add after Restore: err = %v, want ErrDuplicate", err)
	}
}

func TestStoreRestoreRefusesDuplicate(t *testing.T) {
	s := openEmptyStore(t)
	a := storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	if _, err := s.Remove(a.ID, "amara"); err != nil {
		t.Fatal(err)
	}
	// The same text comes back under another URL, so another id.
	again := storeArticle("Zephyr Robotics")
	again.URL = "https://mirror.example/zephyr"
	b := storeMustAdd(t, s, again)
	_, err := s.Restore(a.ID)
	var dup *DuplicateError
	if !errors.As(err, &dup) || dup.ID != b.ID {
		t.Fatalf("Restore: err = %v, want a duplicate of %s", err, b.ID)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "removed", a.ID+".md")); err != nil {
		t.Errorf("a refused Restore lost the removed file: %v", err)
	}
}

func TestStoreRemoveTwiceKeepsBothCopies(t *testing.T) {
	s := openEmptyStore(t)
	a := storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	if _, err := s.Remove(a.ID, "amara"); err != nil {
		t.Fatal(err)
	}
	edited := storeArticle("Zephyr Robotics")
	edited.Title = "Zephyr Robotics, corrected"
	storeMustAdd(t, s, edited)
	if _, err := s.Remove(a.ID, "amara"); err != nil {
		t.Fatal(err)
	}
	var titles []string
	removed := filepath.Join(s.Dir(), "removed")
	for _, name := range storeDirNames(t, removed) {
		if strings.HasPrefix(name, a.ID) && strings.HasSuffix(name, ".md") {
			b, err := ParseFile(filepath.Join(removed, name))
			if err != nil {
				t.Fatal(err)
			}
			titles = append(titles, b.Title)
		}
	}
	want := []string{"Zephyr Robotics, corrected", a.Title} // ID.md sorts before ID~TIME.md
	if diff := cmp.Diff(titles, want); diff != "" {
		t.Errorf("titles in removed/ (-got +want):\n%s", diff)
	}
	if got, err := s.Restore(a.ID); err != nil || got.Title != "Zephyr Robotics, corrected" {
		t.Errorf("Restore = %q, %v, want the latest copy", got.Title, err)
	}
}

func TestStoreNotExist(t *testing.T) {
	s := openEmptyStore(t)
	storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	for _, id := range []string{"0123456789abcdef", "", "../articles/x", ".seeded", "a/b", `a\b`} {
		t.Run(id, func(t *testing.T) {
			if _, err := s.Get(id); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Get: err = %v, want fs.ErrNotExist", err)
			}
			if _, err := s.Remove(id, "amara"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Remove: err = %v, want fs.ErrNotExist", err)
			}
			if _, err := s.Restore(id); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Restore: err = %v, want fs.ErrNotExist", err)
			}
		})
	}
}

func TestStoreAll(t *testing.T) {
	s := openEmptyStore(t)
	dated := func(company, date string) Article {
		a := storeArticle(company)
		a.Date = time.Time{}
		if date != "" {
			a.Date, _ = time.Parse(time.DateOnly, date)
		}
		return a
	}
	articles := []Article{
		dated("Zephyr Robotics", "2025-01-10"),
		dated("Kestrel Sensors", ""),
		dated("Orbitine", "2025-06-14"),
		dated("Halden Cloud", "2025-01-10"),
		dated("Northwind Labs", ""),
	}
	ids := map[string]string{}
	for _, a := range articles {
		ids[strings.Fields(a.Title)[0]] = storeMustAdd(t, s, a).ID
	}
	var want []string
	for _, w := range []string{"Orbitine", "Halden", "Zephyr", "Kestrel", "Northwind"} {
		want = append(want, ids[w])
	}
	// Ties on the date are broken by id.
	if want[1] > want[2] {
		want[1], want[2] = want[2], want[1]
	}
	if want[3] > want[4] {
		want[3], want[4] = want[4], want[3]
	}

	articlesDir := filepath.Join(s.Dir(), "articles")
	storeWriteFile(t, filepath.Join(articlesDir, "broken.md"), "---\ntitle: [unclosed\n---\n\n"+storeBody("Broken Co"))
	storeWriteFile(t, filepath.Join(articlesDir, "short.md"), "---\ntitle: Short\n---\n\nToo short to be an article.\n")
	storeWriteFile(t, filepath.Join(articlesDir, "notes.txt"), "not an article")
	storeWriteFile(t, filepath.Join(articlesDir, "zephyr.md~"), storeBody("Backup Co"))
	storeWriteFile(t, filepath.Join(articlesDir, ".zephyr.md.swp"), "\x00binary")

	all, err := s.All()
	var got []string
	for _, a := range all {
		got = append(got, a.ID)
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("ids (-got +want):\n%s", diff)
	}
	if err == nil {
		t.Fatal("All: no error for the bad files")
	}
	for _, name := range []string{"broken.md", "short.md"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("All: error %q does not name %s", err, name)
		}
	}
	for _, name := range []string{"notes.txt", "zephyr.md~", "swp"} {
		if strings.Contains(err.Error(), name) {
			t.Errorf("All: error %q names %s, which is not an article", err, name)
		}
	}
	if !errors.Is(err, ErrBadFrontMatter) || !errors.Is(err, ErrTooShort) {
		t.Errorf("All: error %q does not wrap the reasons", err)
	}
	// Another article can still be added, and a bad file can be removed.
	storeMustAdd(t, s, storeArticle("Vantor AI"))
	if _, err := s.Remove("broken", "amara"); err != nil {
		t.Errorf("Remove of a corrupt file: %v", err)
	}
}

func TestStoreFingerprint(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, s *Store, ids []string)
		same   bool
	}{
		{name: "nothing", change: func(t *testing.T, s *Store, ids []string) {}, same: true},
		{
			name: "reads and a refused duplicate",
			change: func(t *testing.T, s *Store, ids []string) {
				s.All()
				s.Get(ids[0])
				if _, err := s.Add(storeArticle("Zephyr Robotics")); !errors.Is(err, ErrDuplicate) {
					t.Fatalf("Add: err = %v, want ErrDuplicate", err)
				}
			},
			same: true,
		},
		{
			name: "reopened",
			change: func(t *testing.T, s *Store, ids []string) {
				if _, err := OpenStore(s.Dir()); err != nil {
					t.Fatal(err)
				}
			},
			same: true,
		},
		{
			name: "a stray temporary file",
			change: func(t *testing.T, s *Store, ids []string) {
				storeWriteFile(t, filepath.Join(s.Dir(), "articles", "."+ids[0]+".md.tmp123"), "---\n")
			},
			same: true,
		},
		{
			name: "add",
			change: func(t *testing.T, s *Store, ids []string) {
				storeMustAdd(t, s, storeArticle("Orbitine"))
			},
		},
		{
			name: "remove",
			change: func(t *testing.T, s *Store, ids []string) {
				if _, err := s.Remove(ids[0], "amara"); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "edit by hand",
			change: func(t *testing.T, s *Store, ids []string) {
				path := filepath.Join(s.Dir(), "articles", ids[0]+".md")
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				storeWriteFile(t, path, strings.Replace(string(data), "Tuesday", "Monday", 1))
			},
		},
		{
			name: "touched by hand",
			change: func(t *testing.T, s *Store, ids []string) {
				later := time.Now().Add(time.Hour)
				if err := os.Chtimes(filepath.Join(s.Dir(), "articles", ids[0]+".md"), later, later); err != nil {
					t.Fatal(err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openEmptyStore(t)
			ids := []string{storeMustAdd(t, s, storeArticle("Zephyr Robotics")).ID, storeMustAdd(t, s, storeArticle("Kestrel Sensors")).ID}
			before, err := s.Fingerprint()
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, s, ids)
			after, err := s.Fingerprint()
			if err != nil {
				t.Fatal(err)
			}
			if same := before == after; same != tt.same {
				t.Errorf("fingerprint %s, then %s: same = %v, want %v", before, after, same, tt.same)
			}
		})
	}
}

func TestStoreConcurrentAdds(t *testing.T) {
	s := openEmptyStore(t)
	const workers, each = 8, 12
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		added   []string
		shared  int // successful adds of the article every worker tries
		failure []error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				a := storeArticle(fmt.Sprintf("Worker%d Company%d", w, i))
				if i == each/2 {
					a = storeArticle("Zephyr Robotics")
				}
				got, err := s.Add(a)
				mu.Lock()
				switch {
				case err == nil:
					added = append(added, got.ID)
					if i == each/2 {
						shared++
					}
				case !(i == each/2 && errors.Is(err, ErrDuplicate)):
					failure = append(failure, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(failure) > 0 {
		t.Fatalf("Add: %v", errors.Join(failure...))
	}
	if shared != 1 {
		t.Errorf("the shared article was added %d times, want once", shared)
	}
	if got, want := len(storeIDs(t, s)), workers*(each-1)+1; got != want || len(added) != want {
		t.Errorf("All has %d articles, Add returned %d, want %d", got, len(added), want)
	}
	for _, id := range added {
		if _, err := s.Get(id); err != nil {
			t.Errorf("Get(%s): %v", id, err)
		}
	}
	for _, name := range storeDirNames(t, filepath.Join(s.Dir(), "articles")) {
		if strings.HasPrefix(name, ".") && name != ".seeded" {
			t.Errorf("a temporary file was left behind: %s", name)
		}
	}
}

// TestStoreStrayTempFile simulates a crash between writing a temporary file
// and renaming it into place.
func TestStoreStrayTempFile(t *testing.T) {
	s := openEmptyStore(t)
	storeMustAdd(t, s, storeArticle("Zephyr Robotics"))
	a := storeArticle("Kestrel Sensors")
	id := ArticleID(a)
	full := string(Marshal(a))
	articlesDir := filepath.Join(s.Dir(), "articles")
	storeWriteFile(t, filepath.Join(articlesDir, "."+id+".md.tmp4242"), full[:len(full)/2])
	storeWriteFile(t, filepath.Join(articlesDir, "."+id+".md.tmp4243"), full)

	if _, err := s.All(); err != nil {
		t.Errorf("All: %v", err)
	}
	if _, err := s.Get(id); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get: err = %v, want fs.ErrNotExist", err)
	}
	if _, err := s.Add(a); err != nil {
		t.Fatalf("Add of the article whose write crashed: %v", err)
	}
	if diff := cmp.Diff(len(storeIDs(t, s)), 2); diff != "" {
		t.Errorf("articles (-got +want):\n%s", diff)
	}
}
