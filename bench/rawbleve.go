package main

import (
	"context"

	"github.com/blevesearch/bleve/v2"

	"dealbot/corpus"
)

// rawBatch is how many articles go into one batch of the raw Bleve
// baseline.
const rawBatch = 1000

// buildRawBleve is the baseline of the build target: Bleve with its
// default (dynamic) mapping indexing each article as one whole document,
// with no extraction, in batches of rawBatch articles.
func buildRawBleve(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	n, d, err := timedBuild(ctx, cfg, "the raw Bleve index", func(articles []corpus.Article) error {
		b, err := bleve.New(rawDir(cfg.Dir), bleve.NewIndexMapping())
		if err != nil {
			return err
		}
		batch := b.NewBatch()
		for i, a := range articles {
			doc := map[string]any{"title": a.Title, "body": a.Body, "source": a.Source}
			if !a.Date.IsZero() {
				doc["date"] = a.Date
			}
			if err := batch.Index(a.ID, doc); err != nil {
				b.Close()
				return err
			}
			if batch.Size() >= rawBatch || i == len(articles)-1 {
				if err := ctx.Err(); err != nil {
					b.Close()
					return err
				}
				if err := b.Batch(batch); err != nil {
					b.Close()
					return err
				}
				batch.Reset()
			}
		}
		return b.Close()
	})
	if err != nil {
		return phaseResult{}, err
	}
	size, err := diskSize(rawDir(cfg.Dir))
	if err != nil {
		return phaseResult{}, err
	}
	return built(phaseRawBuild, n, d, size), nil
}
