// Command bench measures dealbot's index side by side with two peers on
// the same synthetic corpus and the same queries: raw Bleve (the default
// mapping, each article one whole document: the baseline of the build
// target) and SQLite FTS5 (modernc.org/sqlite, pure Go) holding the same
// derived documents as dealbot. The peers live here only, never in the
// product.
//
//	go run ./bench [-articles 10000,100000] [-queries 200] [-dir DIR] [-keep] [-json] [-cpuprofile PREFIX]
//
// A quick look: go run ./bench -articles 2000 (under half a minute).
//
// For each size it prints a table: build throughput, index size on disk,
// peak memory while building and while serving, and the p50/p99 latency
// of deal, quote, search and suggest (with highlighting), with the ratios
// of dealbot to each peer and the targets of the issue "Index and
// answers", each marked met or missed.
//
// A short tour:
//   - main.go: flags, and the parent, which runs every phase in a child
//     process (this binary again, with the hidden -phase flag) so that a
//     phase's peak memory is its own, read from the child's rusage.
//   - phase.go: the phases' common parts: the generated corpus, timing,
//     sizes on disk, latency percentiles.
//   - dealbot.go, rawbleve.go, fts5.go: each engine's build and serve.
//   - queries.go: the deterministic query set both engines answer.
//   - report.go: the table and the JSON.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		}
		os.Exit(1)
	}
}

// run parses the flags and runs either the whole benchmark (the parent)
// or, with -phase, one phase (a child), which writes its phaseResult as
// JSON to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("articles", "10000,100000", "corpus sizes to measure, comma-separated")
	queries := fs.Int("queries", 200, "measured queries of each kind (after 20 to warm up)")
	dir := fs.String("dir", "", "where to make the temporary folder (default: the system's)")
	keep := fs.Bool("keep", false, "keep the indexes instead of removing them")
	asJSON := fs.Bool("json", false, "write the figures as JSON to stdout, and the tables to stderr")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the measured part of each phase to `PREFIX`-PHASE-N.pprof")
	// Hidden: the parent runs each phase as a child with these.
	phase := fs.String("phase", "", "")
	n := fs.Int("n", 0, "")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./bench [flags]\n\nMeasures dealbot's index against raw Bleve and SQLite FTS5.\n\n")
		fs.VisitAll(func(f *flag.Flag) {
			if f.Usage == "" {
				return
			}
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(stderr, "  -%s %s\n    \t%s", f.Name, name, usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(stderr, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(stderr)
		})
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *phase != "" {
		return child(ctx, *phase, phaseConfig{Dir: *dir, Articles: *n, Queries: *queries, CPUProfile: *cpuprofile}, stdout)
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || v < 1 {
			return fmt.Errorf("-articles: %q is not a positive number", s)
		}
		ns = append(ns, v)
	}
	if *queries < 1 {
		return fmt.Errorf("-queries must be positive")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	root, err := os.MkdirTemp(*dir, "dealbot-bench-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintf(stderr, "indexes kept in %s\n", root)
	} else {
		defer os.RemoveAll(root)
	}
	tables := stdout
	if *asJSON {
		tables = stderr
	}
	start := time.Now()
	var reports []report
	for _, n := range ns {
		sizeDir := filepath.Join(root, strconv.Itoa(n))
		if err := os.MkdirAll(sizeDir, 0o755); err != nil {
			return err
		}
		results := map[string]phaseResult{}
		for _, p := range phaseOrder {
			cfg := phaseConfig{Dir: sizeDir, Articles: n, Queries: *queries}
			if *cpuprofile != "" && p != phaseGenerate {
				cfg.CPUProfile = fmt.Sprintf("%s-%s-%d.pprof", *cpuprofile, p, n)
			}
			t := time.Now()
			res, err := spawn(ctx, exe, p, cfg, stderr)
			if err != nil {
				return err
			}
			results[p] = res
			fmt.Fprintf(stderr, "%d articles: %-13s %s, peak RSS %.0f MB, %s\n", n, p, summary(res), mb(res.MaxRSS), time.Since(t).Round(time.Second))
		}
		r := newReport(n, runtime.GOMAXPROCS(0), *queries, results)
		reports = append(reports, r)
		r.print(tables)
		fmt.Fprintln(tables)
		if !*keep {
			os.RemoveAll(sizeDir)
		}
	}
	fmt.Fprintf(stderr, "total %s\n", time.Since(start).Round(time.Second))
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reports)
	}
	return nil
}

// summary says in a few words what a phase measured.
func summary(r phaseResult) string {
	switch {
	case r.Rate > 0:
		return fmt.Sprintf("%.0f articles/s, %.0f MB on disk", r.Rate, mb(r.Bytes))
	case r.Latency != nil:
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%s p99 %.2f ms", k, r.Latency[k].P99))
		}
		return strings.Join(parts, ", ")
	default:
		return fmt.Sprintf("%d words an article", r.Words)
	}
}

// spawn runs one phase in a child process and returns its result, with
// the child's peak resident memory. Cancelling ctx kills the child.
func spawn(ctx context.Context, exe, phase string, cfg phaseConfig, stderr io.Writer) (phaseResult, error) {
	args := []string{"-phase", phase, "-n", strconv.Itoa(cfg.Articles), "-dir", cfg.Dir, "-queries", strconv.Itoa(cfg.Queries)}
	if cfg.CPUProfile != "" {
		args = append(args, "-cpuprofile", cfg.CPUProfile)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = stderr
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return phaseResult{}, ctx.Err()
		}
		return phaseResult{}, fmt.Errorf("phase %s at %d articles: %w", phase, cfg.Articles, err)
	}
	var res phaseResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return phaseResult{}, fmt.Errorf("phase %s at %d articles: reading its result: %w", phase, cfg.Articles, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.MaxRSS = ru.Maxrss * 1024 // KiB on Linux
	}
	return res, nil
}

// child runs one phase in this process and writes its result to stdout.
func child(ctx context.Context, phase string, cfg phaseConfig, stdout io.Writer) error {
	f, ok := phases[phase]
	if !ok {
		return fmt.Errorf("no phase %q", phase)
	}
	if cfg.Dir == "" || cfg.Articles < 1 {
		return fmt.Errorf("phase %s needs -dir and -n", phase)
	}
	res, err := f(ctx, cfg)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}
