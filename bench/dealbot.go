package main

import (
	"context"
	"errors"
	"fmt"

	"dealbot/corpus"
	"dealbot/index"
)

// memSource is the generated corpus as index.Source: it never changes, so
// its fingerprint is a constant of its size.
type memSource struct {
	n        int
	articles []corpus.Article // nil for a source that must not be read
}

func (s memSource) All() ([]corpus.Article, error) {
	if s.articles == nil {
		return nil, errors.New("the benchmark's serve phase must not rebuild the index")
	}
	return s.articles, nil
}

func (s memSource) Fingerprint() (string, error) {
	return fmt.Sprintf("corpustest seed 1, %d articles", s.n), nil
}

// buildDealbot builds dealbot's index of the corpus from memory: the time
// of index.Open, which builds it, and the size of the folder it made.
func buildDealbot(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	n, d, err := timedBuild(ctx, cfg, "dealbot's index", func(articles []corpus.Article) error {
		idx, err := index.Open(ctx, dealbotDir(cfg.Dir), memSource{n: cfg.Articles, articles: articles}, index.Options{Rebuild: true})
		if err != nil {
			return err
		}
		return idx.Close()
	})
	if err != nil {
		return phaseResult{}, err
	}
	size, err := diskSize(dealbotDir(cfg.Dir))
	if err != nil {
		return phaseResult{}, err
	}
	return built(phaseDealbotBuild, n, d, size), nil
}

// serveDealbot opens the index buildDealbot made and answers the query
// set, each query as the bot would: a page of results with highlighted
// excerpts.
func serveDealbot(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	idx, err := index.Open(ctx, dealbotDir(cfg.Dir), memSource{n: cfg.Articles}, index.Options{})
	if err != nil {
		return phaseResult{}, fmt.Errorf("opening dealbot's index: %w", err)
	}
	defer idx.Close()
	qs := newQuerySet(generator(cfg.Articles), cfg.Queries)
	stop, err := startClock(cfg)
	if err != nil {
		return phaseResult{}, err
	}
	t := newTimer()
	found := func(ans index.Answer, err error) (bool, error) {
		return len(ans.Results) > 0, err
	}
	err = t.measure(kindDeal, len(qs.Deals), func(i int) (bool, error) {
		return found(idx.Deals(ctx, index.Query{Company: qs.Deals[i]}))
	})
	if err == nil {
		err = t.measure(kindQuote, len(qs.Quotes), func(i int) (bool, error) {
			return found(idx.Quotes(ctx, index.Query{Person: qs.Quotes[i].Person, About: qs.Quotes[i].About}))
		})
	}
	if err == nil {
		err = t.measure(kindSearch, len(qs.Searches), func(i int) (bool, error) {
			return found(idx.Search(ctx, index.Query{Text: qs.Searches[i]}))
		})
	}
	if err == nil {
		err = t.measure(kindSuggest, len(qs.Suggests), func(i int) (bool, error) {
			return len(idx.Suggest(qs.Suggests[i].Kind, qs.Suggests[i].Prefix)) > 0, nil
		})
	}
	if _, perr := stop(); err == nil {
		err = perr
	}
	if err != nil {
		return phaseResult{}, err
	}
	return phaseResult{Phase: phaseDealbotServe, Articles: cfg.Articles, Latency: t.latencies(), MaxRSS: selfMaxRSS()}, nil
}
