package main

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"dealbot/bot"
	"dealbot/index"
)

// health answers /healthz: 200 "ok" once the bot can answer (the index is
// open, the commands registered and, in gateway mode, the gateway
// connected), 503 with the reason otherwise.
type health struct {
	needGateway bool // set before serving, never changed
	indexOpen   atomic.Bool
	ready       atomic.Bool
	gateway     atomic.Pointer[bot.Gateway]
}

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if why := h.problem(); why != "" {
		http.Error(w, why, http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// problem says why the bot cannot answer, or "" when it can.
func (h *health) problem() string {
	switch {
	case !h.indexOpen.Load():
		return "the index is not open yet"
	case !h.ready.Load():
		return "the commands are not registered yet"
	case h.needGateway:
		if g := h.gateway.Load(); g == nil || !g.Connected() {
			return "not connected to the Discord gateway"
		}
	}
	return ""
}

// metrics are the bot's Prometheus metrics, in a registry of their own.
// It is a bot.Observer.
type metrics struct {
	reg          *prometheus.Registry
	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dealbot_interactions_total",
			Help: "Interactions answered, by kind (command, autocomplete, component, modal, ping), command and outcome (ok, empty, invalid, refused, timeout, error, unsent).",
		}, []string{"kind", "command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dealbot_interaction_duration_seconds",
			Help: "Time from receiving an interaction to sending its answer (the edit, when deferred), by kind and command.",
			// Discord waits 3 s for the first response.
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5, 10, 30},
		}, []string{"kind", "command"}),
	}
	m.reg.MustRegister(m.interactions, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe counts an interaction and its latency.
func (m *metrics) Observe(kind, command, outcome string, took time.Duration) {
	m.interactions.WithLabelValues(kind, command, outcome).Inc()
	m.latency.WithLabelValues(kind, command).Observe(took.Seconds())
}

// watchIndex adds the size of idx's corpus and the use of its answer
// cache to the metrics, read at each scrape.
func (m *metrics) watchIndex(idx *index.Index) {
	m.reg.MustRegister(corpusCollector{idx: idx, desc: prometheus.NewDesc(
		"dealbot_corpus_size",
		"What the corpus holds, by kind: articles, deals, quotes, companies, people.",
		[]string{"kind"}, nil)})
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "dealbot_answer_cache_hits_total",
		Help: "Answers to /deal, /quote and /search given without a search of their own: kept from the same question, or shared with one asked at the same time.",
	}, func() float64 { h, _ := idx.AnswerCache(); return float64(h) }))
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "dealbot_answer_cache_misses_total",
		Help: "Answers to /deal, /quote and /search that searched the index.",
	}, func() float64 { _, n := idx.AnswerCache(); return float64(n) }))
}

// handler serves the metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// statser counts a corpus; *index.Index is one.
type statser interface {
	Stats(ctx context.Context) (index.Stats, error)
}

// corpusCollector reports the corpus's size from the index's Stats.
type corpusCollector struct {
	idx  statser
	desc *prometheus.Desc
}

func (c corpusCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c corpusCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := c.idx.Stats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, v := range []struct {
		kind string
		n    int
	}{{"articles", s.Articles}, {"deals", s.Deals}, {"quotes", s.Quotes}, {"companies", s.Companies}, {"people", s.People}} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(v.n), v.kind)
	}
}
