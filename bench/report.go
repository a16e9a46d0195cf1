package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// report is the figures of one corpus size, as the table and the JSON
// show them.
type report struct {
	Articles int `json:"articles"`
	Words    int `json:"words_per_article"`
	CPUs     int `json:"cpus"`
	Queries  int `json:"queries_per_kind"`
	// CorpusRSSMB is the peak memory of generating the articles alone:
	// every build phase holds them in memory too.
	CorpusRSSMB float64  `json:"corpus_peak_rss_mb"`
	Dealbot     engine   `json:"dealbot"`
	Raw         engine   `json:"raw_bleve"`
	FTS5        engine   `json:"fts5"`
	Targets     []target `json:"targets"`
}

// engine is what was measured of one engine; a zero field was not.
type engine struct {
	BuildRate    float64            `json:"build_articles_per_s"`
	BuildSeconds float64            `json:"build_seconds"`
	SizeMB       float64            `json:"size_mb"`
	BuildRSSMB   float64            `json:"build_peak_rss_mb"`
	ServeRSSMB   float64            `json:"serve_peak_rss_mb,omitempty"`
	Latency      map[string]latency `json:"latency,omitempty"`
}

// target is one of the targets for dealbot, and whether this run
// met it.
type target struct {
	Name string `json:"name"`
	Want string `json:"want"`
	Met  bool   `json:"met"`
}

// The targets (at 100,000 articles).
const (
	minRawRatio   = 0.7  // build throughput, of raw Bleve's
	minFTS5Ratio  = 0.5  // build throughput, of FTS5's
	maxBuildRSSMB = 2048 // peak memory while building
	maxServeRSSMB = 1024 // peak memory while serving
)

// maxP99 is the p99 latency target of each query kind, in milliseconds.
var maxP99 = map[string]float64{kindDeal: 50, kindQuote: 50, kindSearch: 100, kindSuggest: 5}

func mb(bytes int64) float64 { return float64(bytes) / (1 << 20) }

// newReport gathers the phases' results of one size.
func newReport(n, cpus, queries int, res map[string]phaseResult) report {
	build := func(p phaseResult) engine {
		return engine{BuildRate: p.Rate, BuildSeconds: p.Seconds, SizeMB: mb(p.Bytes), BuildRSSMB: mb(p.MaxRSS)}
	}
	r := report{
		Articles:    n,
		Words:       res[phaseGenerate].Words,
		CPUs:        cpus,
		Queries:     queries,
		CorpusRSSMB: mb(res[phaseGenerate].MaxRSS),
		Dealbot:     build(res[phaseDealbotBuild]),
		Raw:         build(res[phaseRawBuild]),
		FTS5:        build(res[phaseFTS5Build]),
	}
	r.Dealbot.ServeRSSMB, r.Dealbot.Latency = mb(res[phaseDealbotServe].MaxRSS), res[phaseDealbotServe].Latency
	r.FTS5.ServeRSSMB, r.FTS5.Latency = mb(res[phaseFTS5Serve].MaxRSS), res[phaseFTS5Serve].Latency
	d := r.Dealbot
	r.Targets = []target{
		{"build", fmt.Sprintf("≥%.1f× raw, ≥%.1f× FTS5", minRawRatio, minFTS5Ratio),
			ratio(d.BuildRate, r.Raw.BuildRate) >= minRawRatio && ratio(d.BuildRate, r.FTS5.BuildRate) >= minFTS5Ratio},
		{"build_rss", fmt.Sprintf("<%d", maxBuildRSSMB), d.BuildRSSMB < maxBuildRSSMB},
		{"serve_rss", fmt.Sprintf("<%d", maxServeRSSMB), d.ServeRSSMB < maxServeRSSMB},
	}
	for _, k := range kinds {
		r.Targets = append(r.Targets, target{k, fmt.Sprintf("p99<%g", maxP99[k]), d.Latency[k].P99 < maxP99[k]})
	}
	return r
}

func (r report) target(name string) (target, bool) {
	for _, t := range r.Targets {
		if t.Name == name {
			return t, true
		}
	}
	return target{}, false
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// rowLabels are the rows of the table, in order.
var rowLabels = []string{
	"build (articles/s)",
	"build time (s)",
	"index size (MB)",
	"peak RSS build (MB)",
	"peak RSS serve (MB)",
	"deal p50/p99 (ms)",
	"quote p50/p99 (ms)",
	"search p50/p99 (ms)",
	"suggest p50/p99 (ms)",
	"answered (% of queries)",
}

// print writes the table of r.
func (r report) print(w io.Writer) {
	fmt.Fprintf(w, "%d articles of ~%d words, %d CPUs, %d queries of each kind (after %d to warm up)\n", r.Articles, r.Words, r.CPUs, r.Queries, warmup)
	const none = "–"
	rows := [][]string{{"", "dealbot", "raw Bleve", "FTS5", "dealbot/raw", "dealbot/FTS5", "target", ""}}
	mark := func(name string) (string, string) {
		t, ok := r.target(name)
		if !ok {
			return "", ""
		}
		if t.Met {
			return t.Want, "met"
		}
		return t.Want, "MISSED"
	}
	add := func(label string, d, raw, f float64, format func(float64) string, targetName string) {
		row := []string{label, format(d), none, format(f), none, times(ratio(d, f))}
		if raw != 0 {
			row[2], row[4] = format(raw), times(ratio(d, raw))
		}
		want, met := mark(targetName)
		rows = append(rows, append(row, want, met))
	}
	add(rowLabels[0], r.Dealbot.BuildRate, r.Raw.BuildRate, r.FTS5.BuildRate, num, "build")
	add(rowLabels[1], r.Dealbot.BuildSeconds, r.Raw.BuildSeconds, r.FTS5.BuildSeconds, num, "")
	add(rowLabels[2], r.Dealbot.SizeMB, r.Raw.SizeMB, r.FTS5.SizeMB, num, "")
	add(rowLabels[3], r.Dealbot.BuildRSSMB, r.Raw.BuildRSSMB, r.FTS5.BuildRSSMB, num, "build_rss")
	add(rowLabels[4], r.Dealbot.ServeRSSMB, 0, r.FTS5.ServeRSSMB, num, "serve_rss")
	for i, k := range kinds {
		d, f := r.Dealbot.Latency[k], r.FTS5.Latency[k]
		want, met := mark(k)
		rows = append(rows, []string{
			rowLabels[5+i],
			num(d.P50) + "/" + num(d.P99), none, num(f.P50) + "/" + num(f.P99),
			none, times(ratio(d.P50, f.P50)) + "/" + times(ratio(d.P99, f.P99)),
			want, met,
		})
	}
	answered := func(e engine) string {
		var parts []string
		for _, k := range kinds {
			l := e.Latency[k]
			parts = append(parts, fmt.Sprintf("%.0f", 100*ratio(float64(l.Answered), float64(l.Count))))
		}
		return strings.Join(parts, "/")
	}
	rows = append(rows, []string{rowLabels[9], answered(r.Dealbot), none, answered(r.FTS5), none, none, "", ""})
	writeTable(w, rows)
	fmt.Fprintf(w, "Ratios are dealbot's figure over the peer's. Raw Bleve and FTS5 build from the %d articles held in memory (%.0f MB to generate them alone), made before their clock starts; dealbot reads each article as it indexes it, as from the store, and its time includes making them.\n", r.Articles, r.CorpusRSSMB)
	fmt.Fprintf(w, "Answered: the share of deal/quote/search/suggest queries with at least one result.\n")
}

// writeTable writes rows in aligned columns: the first and the last two
// left-aligned, the others right-aligned.
func writeTable(w io.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			switch {
			case i == 0:
				b.WriteString(c + pad)
			case i >= len(row)-2:
				b.WriteString("  " + c + pad)
			default:
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// num formats a figure with the precision its size deserves.
func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

func times(v float64) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", v)
}
