package main

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dealbot/bot"
	"dealbot/bot/discordtest"
	"dealbot/corpus/corpustest"
	"dealbot/index"
	"dealbot/library"
)

// The benchmark's load: benchInteractions in all, benchConcurrency at a
// time.
const (
	benchInteractions = 1000
	benchConcurrency  = 100
)

// BenchmarkInteractions measures the bot end to end on a generated
// corpus: 1,000 interactions, 100 at a time (a mix of /deal, /quote,
// /search and autocomplete over the generated companies and people),
// dispatched over the fake's gateway to the real wiring of `dealbot
// serve` (service.run: router, gateway, REST, logs and metrics), and
// reports the latency from dispatch to answer as the fake saw them (p50,
// p99, max; for a deferred answer, to its edit), the answers per second,
// and how many answers were deferred and how many found nothing. With 100
// in flight the latency is mostly waiting for a CPU: on 2 cores the fake
// Discord, which validates every body against the OpenAPI spec, shares
// them. The fake fails the benchmark if a first response comes after
// Discord's 3 seconds. It runs on demand, not in CI:
//
//	go test -run '^$' -bench BenchmarkInteractions -benchtime 1x .
//
// DEALBOT_BENCH_ARTICLES sets the corpus's size: the default is 10000;
// the size is 100000, whose index takes about 4 minutes to build
// on 2 cores. The index is built once into DEALBOT_BENCH_DIR (default
// $TMPDIR/dealbot-bench) and reused by later runs of the same size.
//
// The index is opened directly from the generator (index.Open with an
// index.Source) and handed to service.run in place of openCorpus: the
// store would only add writing N article files to the first run; every
// part of serving is the product's.
func BenchmarkInteractions(b *testing.B) {
	n := 10000
	if v := os.Getenv("DEALBOT_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("DEALBOT_BENCH_ARTICLES=%q is not a positive number", v)
		}
	}
	dir := os.Getenv("DEALBOT_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "dealbot-bench")
	}
	ctx := context.Background()
	gen := corpustest.New(corpustest.Config{Articles: n})
	start := time.Now()
	opts := index.Options{}
	if os.Getenv("DEALBOT_BENCH_CACHE") == "off" {
		opts.AnswerCache = -1
	}
	idx, err := index.Open(ctx, filepath.Join(dir, strconv.Itoa(n)), corpustest.NewSource(gen), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("index of %d articles opened (built if missing) in %v", n, time.Since(start).Round(time.Millisecond))

	fake := discordtest.New(b, discordtest.ValidateLater())
	cfg := serveConfig{
		discord:  bot.Config{Token: discordtest.BotToken, APIBase: fake.APIBase(), GuildID: discordtest.GuildID},
		logLevel: slog.LevelInfo,
		logJSON:  true,
	}
	// The logs are written as in production, to nowhere.
	svc := newService(cfg, newLogger(io.Discard, cfg))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- svc.run(runCtx, func(context.Context) (*index.Index, *library.Library, error) { return idx, nil, nil })
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Errorf("serve: %v", err)
		}
	}()
	wait, cancelWait := context.WithTimeout(ctx, time.Minute)
	defer cancelWait()
	if _, err := fake.AwaitRequest(wait, "PUT", "/applications/*/guilds/*/commands"); err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		// Answered interactions are done with: each round needs new ones.
		mix := benchMix(fake, gen)
		round, lat, byKind, deferred, empty, failed := dispatchAll(b, fake, mix)
		b.ReportMetric(float64(len(lat))/round.Seconds(), "answers/s")
		slices.Sort(lat)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
		b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
		b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
		b.ReportMetric(float64(deferred), "deferred")
		b.ReportMetric(float64(empty), "empty")
		for _, kind := range slices.Sorted(maps.Keys(byKind)) {
			l := byKind[kind]
			slices.Sort(l)
			b.Logf("%-12s %4d answered: p50 %6.1f ms, p99 %6.1f ms", kind, len(l), ms(l[len(l)/2]), ms(l[len(l)*99/100]))
		}
		// Every body the bot sent is validated, after the clock.
		b.Logf("%d bodies validated against Discord's spec", fake.ValidatePending())
		if failed > 0 {
			b.Errorf("%d of %d answers were apologies for an error", failed, len(lat))
		}
	}
}

// benchMix builds the interactions of one round, the same every run: 40%
// /deal, 20% /quote (half of them with about), 15% /search, 25%
// autocomplete of a company or a person, the names drawn 60% from the 50
// most newsworthy and 40% from the whole pool.
func benchMix(fake *discordtest.Server, gen *corpustest.Generator) []benchCase {
	r := rand.New(rand.NewPCG(2026, 1))
	companies, people := gen.Companies(), gen.People()
	name := func(pool []string) string {
		if r.IntN(100) < 60 {
			return pool[r.IntN(min(50, len(pool)))]
		}
		return pool[r.IntN(len(pool))]
	}
	words := []string{"chips", "customers", "investors", "regulators", "electricity", "funding", "revenue", "valuation", `"data centre"`, `"funding round"`}
	about := []string{"customers", "market", "growth", "demand", "chips"}
	out := make([]benchCase, 0, benchInteractions)
	for i := range benchInteractions {
		switch p := r.IntN(100); {
		case p < 40:
			out = append(out, benchCase{"deal", fake.SlashCommand("deal", discordtest.String("company", name(companies)))})
		case p < 60:
			opts := []discordtest.InteractionOption{discordtest.String("person", name(people))}
			if i%2 == 0 {
				opts = append(opts, discordtest.String("about", about[r.IntN(len(about))]))
			}
			out = append(out, benchCase{"quote", fake.SlashCommand("quote", opts...)})
		case p < 75:
			q := words[r.IntN(len(words))] + " " + words[r.IntN(len(words))]
			out = append(out, benchCase{"search", fake.SlashCommand("search", discordtest.String("query", q))})
		case p < 88:
			typed := strings.ToLower(name(companies))
			out = append(out, benchCase{"autocomplete", fake.Autocomplete("deal", discordtest.Focused("company", typed[:min(len(typed), 2+r.IntN(4))]))})
		default:
			typed := strings.ToLower(name(people))
			out = append(out, benchCase{"autocomplete", fake.Autocomplete("quote", discordtest.Focused("person", typed[:min(len(typed), 2+r.IntN(4))]))})
		}
	}
	return out
}

// benchCase is an interaction of the benchmark and its kind: "deal",
// "quote", "search" or "autocomplete".
type benchCase struct {
	kind string
	i    *discordtest.Interaction
}

// dispatchAll dispatches the interactions, benchConcurrency at a time,
// and returns the latency of each from dispatch to answer, how many were
// deferred, how many found nothing, and how many apologise for an error
// or a timeout.
func dispatchAll(b *testing.B, fake *discordtest.Server, mix []benchCase) (round time.Duration, lat []time.Duration, byKind map[string][]time.Duration, deferred, empty, failed int) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	sem := make(chan struct{}, benchConcurrency)
	var wg sync.WaitGroup
	byKind = map[string][]time.Duration{}
	for _, c := range mix {
		i := c.i
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			fake.Dispatch(i)
			if err := fake.WaitAnswered(ctx, i.ID); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	round = time.Since(start)
	// The answers are read once all have come, so that decoding them
	// takes nothing from the bot while it answers.
	for _, c := range mix {
		a, err := fake.Await(ctx, c.i.ID)
		if err != nil {
			b.Error(err)
			continue
		}
		// The fake's clock: from the dispatch to the answer's arrival,
		// not to when a goroutine woke to see it.
		took := a.Answered.Sub(a.Dispatched)
		lat = append(lat, took)
		byKind[c.kind] = append(byKind[c.kind], took)
		if a.Callback.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
			deferred++
		}
		switch {
		case a.Original != nil && (strings.Contains(a.Original.Content, "something went wrong") || strings.Contains(a.Original.Content, "took too long")):
			failed++
		case a.Original != nil && len(a.Original.Embeds) == 0,
			a.Callback.Type == discordgo.InteractionApplicationCommandAutocompleteResult && (a.Callback.Data == nil || len(a.Callback.Data.Choices) == 0):
			empty++
		}
	}
	if len(lat) == 0 {
		b.Fatal("no answers")
	}
	return round, lat, byKind, deferred, empty, failed
}
