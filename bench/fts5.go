package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"runtime"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the peer: SQLite FTS5, pure Go

	"dealbot/corpus"
)

// fts5Batch is how many articles one FTS5 transaction writes.
const fts5Batch = 1000

// fts5Schema holds what dealbot's index holds, the SQL way: the same
// documents (a passage per paragraph and the title, a deal, a quotation,
// each with its fact as JSON to show), the articles' citations once, and
// the names for suggestions.
const fts5Schema = `
CREATE TABLE articles(id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, day TEXT) WITHOUT ROWID;
CREATE VIRTUAL TABLE passages USING fts5(article UNINDEXED, text, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE deals USING fts5(article UNINDEXED, parties, sentence, fact UNINDEXED, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE quotes USING fts5(article UNINDEXED, speaker, quote, excerpt, fact UNINDEXED, tokenize = 'porter unicode61');
CREATE TABLE names(kind TEXT, key TEXT, name TEXT, PRIMARY KEY (kind, key)) WITHOUT ROWID;
`

// openFTS5 opens (or creates) the database at path, in WAL mode.
func openFTS5(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// fts5Article is an article with what the writer inserts of it, drawn
// on the extracting goroutines.
type fts5Article struct {
	a        corpus.Article
	passages []string
	facts    corpus.Facts
	deals    []string // facts as JSON
	quotes   []string
}

// buildFTS5 puts the corpus into SQLite FTS5: GOMAXPROCS goroutines
// extract the facts, as dealbot's index does, and one writer inserts
// them, a transaction per fts5Batch articles.
func buildFTS5(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	n, d, err := timedBuild(ctx, cfg, "the FTS5 database", func(articles []corpus.Article) error {
		return writeFTS5(ctx, fts5Path(cfg.Dir), articles)
	})
	if err != nil {
		return phaseResult{}, err
	}
	p := fts5Path(cfg.Dir)
	size, err := diskSize(p, p+"-wal", p+"-shm")
	if err != nil {
		return phaseResult{}, err
	}
	return built(phaseFTS5Build, n, d, size), nil
}

func writeFTS5(ctx context.Context, path string, articles []corpus.Article) (err error) {
	db, err := openFTS5(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err := db.ExecContext(ctx, fts5Schema); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan fts5Article, 64)
	go extractFTS5(ctx, articles, out)
	defer func() {
		cancel()
		for range out { // let the extractors finish
		}
	}()

	stmts := map[string]string{
		"article": `INSERT INTO articles(id, title, source, url, day) VALUES (?, ?, ?, ?, ?)`,
		"passage": `INSERT INTO passages(article, text) VALUES (?, ?)`,
		"deal":    `INSERT INTO deals(article, parties, sentence, fact) VALUES (?, ?, ?, ?)`,
		"quote":   `INSERT INTO quotes(article, speaker, quote, excerpt, fact) VALUES (?, ?, ?, ?, ?)`,
		"name":    `INSERT OR IGNORE INTO names(kind, key, name) VALUES (?, ?, ?)`,
	}
	prepared := map[string]*sql.Stmt{}
	for k, q := range stmts {
		s, err := db.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		defer s.Close()
		prepared[k] = s
	}
	var tx *sql.Tx
	var st map[string]*sql.Stmt
	exec := func(name string, args ...any) error {
		_, err := st[name].ExecContext(ctx, args...)
		return err
	}
	done := 0
	for x := range out {
		if tx == nil {
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return err
			}
			st = map[string]*sql.Stmt{}
			for k, s := range prepared {
				st[k] = tx.StmtContext(ctx, s)
			}
		}
		if err := insertFTS5(exec, x); err != nil {
			tx.Rollback()
			return err
		}
		done++
		if done%fts5Batch == 0 {
			if err := tx.Commit(); err != nil {
				return err
			}
			tx = nil
		}
	}
	if err := ctx.Err(); err != nil {
		if tx != nil {
			tx.Rollback()
		}
		return err
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// insertFTS5 writes one article's rows.
func insertFTS5(exec func(stmt string, args ...any) error, x fts5Article) error {
	a := x.a
	if err := exec("article", a.ID, a.Title, a.Source, a.URL, a.DateString()); err != nil {
		return err
	}
	for _, p := range x.passages {
		if err := exec("passage", a.ID, p); err != nil {
			return err
		}
	}
	names := map[[2]string]bool{}
	for i, d := range x.facts.Deals {
		if err := exec("deal", a.ID, strings.Join(d.Parties, "; "), d.Excerpt, x.deals[i]); err != nil {
			return err
		}
		for _, p := range d.Parties {
			names[[2]string{"company", p}] = true
		}
	}
	for i, q := range x.facts.Quotes {
		if err := exec("quote", a.ID, q.Speaker, q.Text, q.Excerpt, x.quotes[i]); err != nil {
			return err
		}
		kind := "company"
		if q.Kind == corpus.Person {
			kind = "person"
		}
		names[[2]string{kind, q.Speaker}] = true
	}
	for n := range names {
		if err := exec("name", n[0], strings.ToLower(n[1]), n[1]); err != nil {
			return err
		}
	}
	return nil
}

// extractFTS5 draws each article's facts on GOMAXPROCS goroutines, as
// dealbot's index does, and sends them to out, which it closes.
func extractFTS5(ctx context.Context, articles []corpus.Article, out chan<- fts5Article) {
	defer close(out)
	x := corpus.NewExtractor(nil)
	jobs := make(chan corpus.Article)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for a := range jobs {
				f := x.Extract(a)
				r := fts5Article{a: a, facts: f, passages: []string{a.Title}}
				for _, p := range corpus.Paragraphs(a.Body) {
					r.passages = append(r.passages, a.Body[p.Start:p.End])
				}
				for _, d := range f.Deals {
					b, _ := json.Marshal(d)
					r.deals = append(r.deals, string(b))
				}
				for _, q := range f.Quotes {
					b, _ := json.Marshal(q)
					r.quotes = append(r.quotes, string(b))
				}
				select {
				case out <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	for _, a := range articles {
		if ctx.Err() != nil {
			break
		}
		jobs <- a
	}
	close(jobs)
	wg.Wait()
}

// The FTS5 queries: a page of five, best first by bm25, each with a
// highlighted snippet and its article's citation.
const (
	fts5Deal = `SELECT d.article, a.title, a.source, a.url, a.day, d.fact, d.snip
FROM (SELECT article, fact, snippet(deals, -1, '**', '**', '…', 24) AS snip
      FROM deals WHERE deals MATCH ? ORDER BY bm25(deals) LIMIT 5) d
JOIN articles a ON a.id = d.article`
	fts5Quote = `SELECT q.article, a.title, a.source, a.url, a.day, q.fact, q.snip
FROM (SELECT article, fact, snippet(quotes, -1, '**', '**', '…', 24) AS snip
      FROM quotes WHERE quotes MATCH ? ORDER BY bm25(quotes) LIMIT 5) q
JOIN articles a ON a.id = q.article`
	fts5Search = `SELECT p.article, a.title, a.source, a.url, a.day, '', p.snip
FROM (SELECT article, snippet(passages, 1, '**', '**', '…', 32) AS snip
      FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 5) p
JOIN articles a ON a.id = p.article`
	fts5Suggest = `SELECT name FROM names WHERE kind = ? AND key >= ? AND key < ? LIMIT 25`
)

// phrase quotes s as one FTS5 phrase.
func phrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// fts5Match turns words and "quoted phrases" into an FTS5 query that
// wants them all, as dealbot's search does.
func fts5Match(text string) string {
	var parts []string
	for i, chunk := range strings.Split(text, `"`) {
		if i%2 == 1 {
			if strings.TrimSpace(chunk) != "" {
				parts = append(parts, phrase(chunk))
			}
			continue
		}
		for _, w := range strings.Fields(chunk) {
			parts = append(parts, phrase(w))
		}
	}
	return strings.Join(parts, " AND ")
}

// fts5DealMatch is the FTS5 query for the deals of a company.
func fts5DealMatch(company string) string { return "parties : " + phrase(company) }

// fts5QuoteMatch is the FTS5 query for the quotations of a speaker.
func fts5QuoteMatch(q quoteQuery) string {
	m := "speaker : " + phrase(q.Person)
	if strings.TrimSpace(q.About) != "" {
		m += " AND quote : (" + fts5Match(q.About) + ")"
	}
	return m
}

// fts5Rows runs a page query and reads its rows as a result would be
// shown, returning how many there were.
func fts5Rows(ctx context.Context, stmt *sql.Stmt, args ...any) (int, error) {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, title, source, url, day, fact, snip string
		if err := rows.Scan(&id, &title, &source, &url, &day, &fact, &snip); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// serveFTS5 answers the query set from the database buildFTS5 made.
func serveFTS5(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	db, err := openFTS5(fts5Path(cfg.Dir))
	if err != nil {
		return phaseResult{}, err
	}
	defer db.Close()
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = db.PrepareContext(ctx, q)
		return s
	}
	deal, quote, search, suggest := prepare(fts5Deal), prepare(fts5Quote), prepare(fts5Search), prepare(fts5Suggest)
	if err != nil {
		return phaseResult{}, err
	}
	qs := newQuerySet(generator(cfg.Articles), cfg.Queries)
	some := func(n int, err error) (bool, error) { return n > 0, err }
	return timedServe(cfg, phaseFTS5Serve, map[string]func(int) (bool, error){
		kindDeal: func(i int) (bool, error) {
			return some(fts5Rows(ctx, deal, fts5DealMatch(qs.Deals[i])))
		},
		kindQuote: func(i int) (bool, error) {
			return some(fts5Rows(ctx, quote, fts5QuoteMatch(qs.Quotes[i])))
		},
		kindSearch: func(i int) (bool, error) {
			return some(fts5Rows(ctx, search, fts5Match(qs.Searches[i])))
		},
		kindSuggest: func(i int) (bool, error) {
			lo, hi := prefixRange(strings.ToLower(qs.Suggests[i].Prefix))
			rows, err := suggest.QueryContext(ctx, qs.Suggests[i].Kind, lo, hi)
			if err != nil {
				return false, err
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					return false, err
				}
				n++
			}
			return n > 0, rows.Err()
		},
	})
}
