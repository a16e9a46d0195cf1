package main

import (
	"context"
	"errors"
	"fmt"

	"dealbot/corpus"
	"dealbot/corpus/corpustest"
	"dealbot/index"
)

// servedSource is the generated corpus for the serve phase: the index it
// opens was built from the same corpus, so it must never read an article;
// if it does, the build phase and the serve phase disagree.
type servedSource struct{ corpustest.Source }

func (s servedSource) Read(id string) (corpus.Article, string, error) {
	return corpus.Article{}, "", fmt.Errorf("the benchmark's serve phase must not read article %q: %w", id, errors.ErrUnsupported)
}

// buildDealbot builds dealbot's index of the corpus: the time of
// index.Open, which builds it (making each article as it reads it,
// which the other builds do before their clock starts: about 2% of
// dealbot's time), and the size of the folder it made.
func buildDealbot(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	stop, err := startClock(cfg)
	if err != nil {
		return phaseResult{}, err
	}
	idx, err := index.Open(ctx, dealbotDir(cfg.Dir), corpustest.NewSource(generator(cfg.Articles)), index.Options{Rebuild: true})
	if err == nil {
		err = idx.Close()
	}
	d, perr := stop()
	if err != nil {
		return phaseResult{}, fmt.Errorf("building dealbot's index: %w", err)
	}
	if perr != nil {
		return phaseResult{}, perr
	}
	size, err := diskSize(dealbotDir(cfg.Dir))
	if err != nil {
		return phaseResult{}, err
	}
	return built(phaseDealbotBuild, cfg.Articles, d, size), nil
}

// serveDealbot opens the index buildDealbot made and answers the query
// set, each query as the bot would: a page of results with highlighted
// excerpts. The index keeps no answers: the query set asks some questions
// more than once, and FTS5 keeps none either, so every query searches.
func serveDealbot(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	idx, err := index.Open(ctx, dealbotDir(cfg.Dir), servedSource{corpustest.NewSource(generator(cfg.Articles))}, index.Options{AnswerCache: -1})
	if err != nil {
		return phaseResult{}, fmt.Errorf("opening dealbot's index: %w", err)
	}
	defer idx.Close()
	qs := newQuerySet(generator(cfg.Articles), cfg.Queries)
	found := func(ans index.Answer, err error) (bool, error) {
		return len(ans.Results) > 0, err
	}
	return timedServe(cfg, phaseDealbotServe, map[string]func(int) (bool, error){
		kindDeal: func(i int) (bool, error) {
			return found(idx.Deals(ctx, index.Query{Company: qs.Deals[i]}))
		},
		kindQuote: func(i int) (bool, error) {
			return found(idx.Quotes(ctx, index.Query{Person: qs.Quotes[i].Person, About: qs.Quotes[i].About}))
		},
		kindSearch: func(i int) (bool, error) {
			return found(idx.Search(ctx, index.Query{Text: qs.Searches[i]}))
		},
		kindSuggest: func(i int) (bool, error) {
			return len(idx.Suggest(qs.Suggests[i].Kind, qs.Suggests[i].Prefix)) > 0, nil
		},
	})
}
