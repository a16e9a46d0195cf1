package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"dealbot/corpus"
	"dealbot/corpus/corpustest"
)

// BenchmarkBuild builds the index of 2,000 generated articles per
// operation, on disk, as a rebuild does: extraction included. The full
// comparison with raw Bleve and FTS5 is `go run ./bench`.
func BenchmarkBuild(b *testing.B) {
	const n = 2000
	src := corpustest.NewSource(corpustest.New(corpustest.Config{Articles: n}))
	b.ResetTimer()
	for i := range b.N {
		idx, err := Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprint(i)), src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		idx.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractOnly is the extraction part of BenchmarkBuild alone.
func BenchmarkExtractOnly(b *testing.B) {
	const n = 2000
	g := corpustest.New(corpustest.Config{Articles: n})
	var articles []corpus.Article
	for i := range n {
		articles = append(articles, g.Article(i))
	}
	x := corpus.NewExtractor(corpus.Names())
	b.ResetTimer()
	for range b.N {
		for _, a := range articles {
			x.Extract(a)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}
