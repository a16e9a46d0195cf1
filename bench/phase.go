package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"dealbot/corpus"
	"dealbot/corpus/corpustest"
)

// The phases, each run in a process of its own so that its peak memory is
// its alone.
const (
	phaseGenerate     = "generate"
	phaseDealbotBuild = "dealbot-build"
	phaseRawBuild     = "bleve-raw"
	phaseFTS5Build    = "fts5-build"
	phaseDealbotServe = "dealbot-serve"
	phaseFTS5Serve    = "fts5-serve"
)

// phaseOrder is the order phases run in for one size: each serve phase
// reads what its build phase left in the folder.
var phaseOrder = []string{phaseGenerate, phaseDealbotBuild, phaseRawBuild, phaseFTS5Build, phaseDealbotServe, phaseFTS5Serve}

// phaseConfig is what a phase is given.
type phaseConfig struct {
	Dir        string // the folder of this size: the indexes live in it
	Articles   int    // how many articles the corpus has
	Queries    int    // measured queries of each kind
	CPUProfile string // where to write a CPU profile of the measured part; "" for none
}

// phaseResult is what a phase measured. A build phase sets Seconds,
// Rate and Bytes; a serve phase sets Latency; every phase sets MaxRSS
// (its process's peak resident memory, in bytes).
type phaseResult struct {
	Phase    string             `json:"phase"`
	Articles int                `json:"articles"`
	Words    int                `json:"words,omitempty"` // the articles' average words (generate)
	Seconds  float64            `json:"seconds,omitempty"`
	Rate     float64            `json:"rate,omitempty"`  // articles/s
	Bytes    int64              `json:"bytes,omitempty"` // on disk
	Latency  map[string]latency `json:"latency,omitempty"`
	MaxRSS   int64              `json:"max_rss"`
}

// latency sums up one kind of query: milliseconds at the 50th and 99th
// percentiles, and how many of the measured queries found something.
type latency struct {
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	Answered int     `json:"answered"`
	Count    int     `json:"count"`
}

// phases runs one phase by name.
var phases = map[string]func(ctx context.Context, cfg phaseConfig) (phaseResult, error){
	phaseGenerate:     runGenerate,
	phaseDealbotBuild: buildDealbot,
	phaseRawBuild:     buildRawBleve,
	phaseFTS5Build:    buildFTS5,
	phaseDealbotServe: serveDealbot,
	phaseFTS5Serve:    serveFTS5,
}

// The places of the three indexes in a size's folder.
func dealbotDir(dir string) string { return filepath.Join(dir, "dealbot") }
func rawDir(dir string) string     { return filepath.Join(dir, "bleve-raw") }
func fts5Path(dir string) string   { return filepath.Join(dir, "fts5.db") }

// generator returns the benchmark's corpus: seed 1, n articles of the
// default length.
func generator(n int) *corpustest.Generator {
	return corpustest.New(corpustest.Config{Seed: 1, Articles: n})
}

// generate makes the n articles in memory.
func generate(ctx context.Context, n int) ([]corpus.Article, error) {
	g := generator(n)
	out := make([]corpus.Article, n)
	for i := range out {
		if i%1000 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i] = g.Article(i)
	}
	return out, nil
}

// runGenerate only makes the articles: its peak memory is the part of a
// build phase's that holding the corpus costs.
func runGenerate(ctx context.Context, cfg phaseConfig) (phaseResult, error) {
	articles, err := generate(ctx, cfg.Articles)
	if err != nil {
		return phaseResult{}, err
	}
	words := 0
	for _, a := range articles {
		words += len(strings.Fields(a.Body))
	}
	res := phaseResult{Phase: phaseGenerate, Articles: len(articles), MaxRSS: selfMaxRSS()}
	if len(articles) > 0 {
		res.Words = words / len(articles)
	}
	return res, nil
}

// timedBuild generates the corpus (untimed), then times build on it,
// profiling it when cfg asks. what names the build in errors.
func timedBuild(ctx context.Context, cfg phaseConfig, what string, build func([]corpus.Article) error) (int, time.Duration, error) {
	articles, err := generate(ctx, cfg.Articles)
	if err != nil {
		return 0, 0, err
	}
	stop, err := startClock(cfg)
	if err != nil {
		return 0, 0, err
	}
	err = build(articles)
	d, perr := stop()
	if err != nil {
		return 0, 0, fmt.Errorf("building %s: %w", what, err)
	}
	return len(articles), d, perr
}

// startClock starts timing, and CPU profiling when cfg asks for it; the
// function it returns stops both and returns the time taken.
func startClock(cfg phaseConfig) (stop func() (time.Duration, error), err error) {
	var f *os.File
	if cfg.CPUProfile != "" {
		if f, err = os.Create(cfg.CPUProfile); err != nil {
			return nil, err
		}
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
	}
	start := time.Now()
	return func() (time.Duration, error) {
		d := time.Since(start)
		if f == nil {
			return d, nil
		}
		pprof.StopCPUProfile()
		return d, f.Close()
	}, nil
}

// timedServe times the query set's answers, kind by kind in the order of
// kinds, profiling them when cfg asks: ask[kind](i) answers query i of
// that kind and reports whether it found anything.
func timedServe(cfg phaseConfig, phase string, ask map[string]func(i int) (bool, error)) (phaseResult, error) {
	stop, err := startClock(cfg)
	if err != nil {
		return phaseResult{}, err
	}
	t := newTimer()
	for _, k := range kinds {
		if err = t.measure(k, warmup+cfg.Queries, ask[k]); err != nil {
			break
		}
	}
	if _, perr := stop(); err == nil {
		err = perr
	}
	if err != nil {
		return phaseResult{}, err
	}
	return phaseResult{Phase: phase, Articles: cfg.Articles, Latency: t.latencies(), MaxRSS: selfMaxRSS()}, nil
}

// built fills in what every build phase reports.
func built(phase string, n int, d time.Duration, bytes int64) phaseResult {
	return phaseResult{
		Phase:    phase,
		Articles: n,
		Seconds:  d.Seconds(),
		Rate:     float64(n) / d.Seconds(),
		Bytes:    bytes,
		MaxRSS:   selfMaxRSS(),
	}
}

// diskSize returns the bytes of the files at the paths, folders walked.
func diskSize(paths ...string) (int64, error) {
	var total int64
	for _, p := range paths {
		err := filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				info, err := d.Info()
				if err != nil {
					return err
				}
				total += info.Size()
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	return total, nil
}

// selfMaxRSS returns this process's peak resident memory so far, in
// bytes. The parent reads a child's from its exit status instead; this
// serves the in-process test.
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // KiB on Linux
}

// timer records the latency of each query of each kind.
type timer struct {
	ms       map[string][]float64
	answered map[string]int
}

func newTimer() *timer {
	return &timer{ms: map[string][]float64{}, answered: map[string]int{}}
}

// measure runs the warm-up and measured queries of one kind; each call of
// ask answers query i and reports whether it found anything.
func (t *timer) measure(kind string, n int, ask func(i int) (bool, error)) error {
	for i := range n {
		start := time.Now()
		found, err := ask(i)
		d := time.Since(start)
		if err != nil {
			return fmt.Errorf("%s query %d: %w", kind, i, err)
		}
		if i < warmup {
			continue
		}
		t.ms[kind] = append(t.ms[kind], float64(d.Nanoseconds())/1e6)
		if found {
			t.answered[kind]++
		}
	}
	return nil
}

// latencies sums the recorded times up.
func (t *timer) latencies() map[string]latency {
	out := map[string]latency{}
	for kind, ms := range t.ms {
		out[kind] = latency{P50: percentile(ms, 50), P99: percentile(ms, 99), Answered: t.answered[kind], Count: len(ms)}
	}
	return out
}

// percentile returns the nearest-rank p-th percentile of xs.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(rank, 0), len(s)-1)]
}
