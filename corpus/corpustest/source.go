package corpustest

import (
	"fmt"
	"io/fs"
	"strconv"

	"dealbot/corpus"
)

// Source is a generated corpus as the index reads one (index.Source): its
// ids are the articles' numbers ("0" to "n-1"), each made when it is read,
// as the store reads each from its file, so that a build from it holds no
// more of the corpus in memory than one from the store. It never changes:
// every revision is "1".
type Source struct {
	g *Generator
	n int
}

// NewSource returns the articles of g as a Source.
func NewSource(g *Generator) Source {
	return Source{g: g, n: g.cfg.Articles}
}

// Revisions returns every id, each with revision "1".
func (s Source) Revisions() (map[string]string, error) {
	revs := make(map[string]string, s.n)
	for i := range s.n {
		revs[strconv.Itoa(i)] = "1"
	}
	return revs, nil
}

// Read returns article number id. It returns an error satisfying
// errors.Is(err, fs.ErrNotExist) for an id that is not a number below n.
func (s Source) Read(id string) (corpus.Article, string, error) {
	i, err := strconv.Atoi(id)
	if err != nil || i < 0 || i >= s.n {
		return corpus.Article{}, "", fmt.Errorf("no generated article %q: %w", id, fs.ErrNotExist)
	}
	return s.g.Article(i), "1", nil
}

// Fingerprint is corpus.Fingerprint of the revisions.
func (s Source) Fingerprint() (string, error) {
	revs, err := s.Revisions()
	return corpus.Fingerprint(revs), err
}
