package index

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dealbot/corpus"
)

func TestArticles(t *testing.T) {
	articles := testArticles(t)
	idx, _ := openTest(t, &memSource{articles: articles})
	ctx := context.Background()
	ans, err := idx.Articles(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Total != len(articles) {
		t.Errorf("total = %d, want %d", ans.Total, len(articles))
	}
	var got []string
	for _, r := range ans.Results {
		got = append(got, r.Article.Date)
	}
	// Newest first, undated last.
	for i := 1; i < len(got); i++ {
		if got[i] != "" && (got[i-1] == "" || got[i-1] < got[i]) {
			t.Errorf("dates out of order: %q", got)
		}
	}
	if p2, err := idx.Articles(ctx, Query{Page: 2}); err != nil || len(p2.Results) != max(0, len(articles)-PageSize) {
		t.Errorf("page 2 = %d results (%v), want %d", len(p2.Results), err, max(0, len(articles)-PageSize))
	}
}

func TestArticle(t *testing.T) {
	articles := testArticles(t)
	idx, _ := openTest(t, &memSource{articles: articles})
	ctx := context.Background()
	a := articles[1]
	d, err := idx.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := Citation{ID: a.ID, Title: a.Title, Source: a.Source, Date: a.DateString(), URL: a.URL}
	if diff := cmp.Diff(want, d.Article); diff != "" {
		t.Errorf("citation (-want +got):\n%s", diff)
	}
	// Stored as JSON, facts keep what JSON carries of them.
	data, _ := json.Marshal(idx.x.Extract(a))
	var facts corpus.Facts
	json.Unmarshal(data, &facts)
	if diff := cmp.Diff(facts.Deals, d.Deals); diff != "" {
		t.Errorf("deals, in the article's order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(facts.Quotes, d.Quotes); diff != "" {
		t.Errorf("quotes, in the article's order (-want +got):\n%s", diff)
	}
	if _, err := idx.Article(ctx, "0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: err = %v, want ErrNotFound", err)
	}
}
