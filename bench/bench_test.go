package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dealbot/corpus/corpustest"
	"dealbot/index"
)

// TestPipeline runs every phase in this process on a small corpus and
// checks that each measures something and that the table shows it all.
func TestPipeline(t *testing.T) {
	const n = 200
	ctx := context.Background()
	cfg := phaseConfig{Dir: t.TempDir(), Articles: n, Queries: 30}
	results := map[string]phaseResult{}
	for _, p := range phaseOrder {
		res, err := phases[p](ctx, cfg)
		if err != nil {
			t.Fatalf("phase %s: %v", p, err)
		}
		if res.Phase != p || res.Articles != n || res.MaxRSS <= 0 {
			t.Errorf("phase %s: got phase %q, %d articles, max RSS %d; want %q, %d, > 0", p, res.Phase, res.Articles, res.MaxRSS, p, n)
		}
		results[p] = res
	}
	if w := results[phaseGenerate].Words; w < 400 || w > 800 {
		t.Errorf("generate: got %d words an article, want about 600", w)
	}
	for _, p := range []string{phaseDealbotBuild, phaseRawBuild, phaseFTS5Build} {
		if r := results[p]; r.Rate <= 0 || r.Seconds <= 0 || r.Bytes <= 0 {
			t.Errorf("%s: got %.0f articles/s, %.3f s, %d bytes; want all > 0", p, r.Rate, r.Seconds, r.Bytes)
		}
	}
	for _, p := range []string{phaseDealbotServe, phaseFTS5Serve} {
		for _, k := range kinds {
			l := results[p].Latency[k]
			if l.Count != cfg.Queries || l.P50 <= 0 || l.P99 < l.P50 {
				t.Errorf("%s %s: got %+v; want %d queries, 0 < p50 ≤ p99", p, k, l, cfg.Queries)
			}
		}
	}
	for _, k := range []string{kindDeal, kindSearch, kindSuggest} {
		for _, p := range []string{phaseDealbotServe, phaseFTS5Serve} {
			if results[p].Latency[k].Answered == 0 {
				t.Errorf("%s: no %s query found anything", p, k)
			}
		}
	}

	t.Run("same deal query", func(t *testing.T) {
		top := generator(n).Companies()[0]
		idx, err := index.Open(ctx, dealbotDir(cfg.Dir), servedSource{corpustest.NewSource(generator(n))}, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		ans, err := idx.Deals(ctx, index.Query{Company: top})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Results) == 0 {
			t.Errorf("dealbot: no deals of %s", top)
		}
		db, err := openFTS5(fts5Path(cfg.Dir))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		stmt, err := db.PrepareContext(ctx, fts5Deal)
		if err != nil {
			t.Fatal(err)
		}
		defer stmt.Close()
		got, err := fts5Rows(ctx, stmt, fts5DealMatch(top))
		if err != nil {
			t.Fatal(err)
		}
		if got != min(ans.Total, 5) {
			t.Errorf("FTS5: got %d deals of %s, want %d (dealbot's)", got, top, min(ans.Total, 5))
		}
		var snip string
		if err := db.QueryRowContext(ctx, `SELECT snippet(deals, -1, '**', '**', '…', 24) FROM deals WHERE deals MATCH ?`, fts5DealMatch(top)).Scan(&snip); err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		if !strings.Contains(snip, "**") {
			t.Errorf("FTS5: snippet %q highlights nothing", snip)
		}
	})

	t.Run("table", func(t *testing.T) {
		var b bytes.Buffer
		newReport(n, 2, cfg.Queries, results).print(&b)
		for _, label := range rowLabels {
			if !strings.Contains(b.String(), "\n"+label+" ") {
				t.Errorf("the table has no row %q:\n%s", label, b.String())
			}
		}
		if strings.Contains(b.String(), "NaN") || strings.Contains(b.String(), "Inf") {
			t.Errorf("the table shows a figure that is not a number:\n%s", b.String())
		}
	})
}

// TestChild runs a phase through run's hidden flags, as the parent does.
func TestChild(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-phase", phaseGenerate, "-n", "20", "-dir", t.TempDir()}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	var res phaseResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("reading %q: %v", stdout.String(), err)
	}
	if res.Phase != phaseGenerate || res.Articles != 20 || res.Words == 0 {
		t.Errorf("got %+v, want 20 generated articles", res)
	}
}

// TestQuerySet checks that the query set is the same on every call and
// has the mix it promises.
func TestQuerySet(t *testing.T) {
	g := generator(10)
	a, b := newQuerySet(g, 100), newQuerySet(g, 100)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two query sets of the same seed differ (-first +second):\n%s", diff)
	}
	phrases, abouts := 0, 0
	for _, s := range a.Searches {
		if strings.Contains(s, `"`) {
			phrases++
		}
		if w := len(strings.Fields(s)); w < 1 || w > 4 {
			t.Errorf("search %q: %d words", s, w)
		}
	}
	for _, q := range a.Quotes {
		if q.About != "" {
			abouts++
		}
	}
	if phrases == 0 || abouts == 0 {
		t.Errorf("got %d phrase searches and %d quotes with about; want some of each", phrases, abouts)
	}
	for _, s := range a.Suggests {
		if n := len([]rune(s.Prefix)); n < 2 || n > 5 {
			t.Errorf("suggest prefix %q: %d letters, want 2 to 5", s.Prefix, n)
		}
	}
}

func TestPrefixRange(t *testing.T) {
	for _, tc := range []struct{ p, lo, hi string }{
		{"co", "co", "cp"},
		{"a", "a", "b"},
	} {
		lo, hi := prefixRange(tc.p)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("prefixRange(%q) = %q, %q; want %q, %q", tc.p, lo, hi, tc.lo, tc.hi)
		}
		if !(tc.p+"zzz" < hi) {
			t.Errorf("prefixRange(%q): %q is not below %q", tc.p, tc.p+"zzz", hi)
		}
	}
}
