package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// answerTimeout bounds the answer to one interaction, deferred or not:
// well within the 15 minutes Discord allows for editing one in.
const answerTimeout = time.Minute

// shutdownGrace is how long a transport that is stopping waits for the
// answers under way before it cancels them.
const shutdownGrace = 10 * time.Second

// Gateway answers the interactions that come over Discord's gateway
// websocket.
type Gateway struct {
	s   *discordgo.Session
	rt  *Router
	cfg Config
	log *slog.Logger
}

// NewGateway returns a Gateway that answers through s (made by
// NewSession) with rt, and logs to log (nil logs nothing).
func NewGateway(s *discordgo.Session, rt *Router, cfg Config, log *slog.Logger) *Gateway {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Gateway{s: s, rt: rt, cfg: cfg, log: log}
}

// Run connects to the gateway, registers the commands (see Register) and
// answers every interaction until ctx ends, each in the goroutine
// discordgo runs its handler in. After a dropped connection the session
// reconnects, and resumes, by itself. When ctx ends, Run takes no more
// interactions, closes the connection and waits for the answers under way
// (up to shutdownGrace, then it cancels them).
//
// ready, when not nil, is called once the commands are registered. Run
// returns an error if it cannot connect or register the commands, and
// nil once it has stopped after ctx ended.
func (g *Gateway) Run(ctx context.Context, ready func()) error {
	// The answers under way outlive ctx by up to shutdownGrace.
	base, cancelAll := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelAll()
	var (
		mu       sync.Mutex // guards closed, and inflight.Add against Wait
		closed   bool
		inflight sync.WaitGroup
	)
	stopping := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return closed
	}
	removers := []func(){
		g.s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			if ic.Interaction == nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				g.log.WarnContext(ctx, "interaction dropped: shutting down", "interaction", ic.ID)
				return
			}
			inflight.Add(1)
			mu.Unlock()
			defer inflight.Done()
			ictx, cancel := context.WithTimeout(base, answerTimeout)
			defer cancel()
			// Respond logs the interaction and any error.
			_ = g.rt.Respond(ictx, ic.Interaction, SessionSender{s})
		}),
		g.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) {
			g.log.InfoContext(ctx, "gateway connected")
		}),
		g.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			if stopping() {
				g.log.InfoContext(ctx, "gateway disconnected")
				return
			}
			g.log.WarnContext(ctx, "gateway disconnected: reconnecting")
		}),
		g.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			g.log.InfoContext(ctx, "gateway session resumed")
		}),
		g.s.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) {
			attrs := []any{"path", redactURL(rl.URL)}
			if rl.TooManyRequests != nil {
				attrs = append(attrs, "retry_after", rl.RetryAfter)
			}
			g.log.WarnContext(ctx, "rate limited by Discord", attrs...)
		}),
	}
	defer func() {
		for _, remove := range removers {
			remove()
		}
	}()

	if err := g.s.Open(); err != nil {
		return fmt.Errorf("connecting to the Discord gateway: %w", err)
	}
	appID := g.cfg.AppID
	g.s.State.RLock()
	if a := g.s.State.Application; a != nil {
		if appID == "" {
			appID = a.ID
		} else if a.ID != appID {
			g.log.WarnContext(ctx, "the configured application id is not the gateway's", "configured", appID, "gateway", a.ID)
		}
	}
	g.s.State.RUnlock()
	var err error
	if appID == "" {
		err = errors.New("the gateway's READY named no application: configure its id")
	} else {
		var n int
		if n, err = Register(ctx, g.s, appID, g.cfg.GuildID); err == nil {
			scope := "globally"
			if g.cfg.GuildID != "" {
				scope = "in guild " + g.cfg.GuildID
			}
			g.log.InfoContext(ctx, "commands registered", "count", n, "scope", scope, "application", appID)
			if ready != nil {
				ready()
			}
			<-ctx.Done()
		}
	}

	mu.Lock()
	closed = true
	mu.Unlock()
	// A reconnection under way is not stopped by Close; at least no
	// other starts.
	g.s.Lock()
	g.s.ShouldReconnectOnError = false
	g.s.Unlock()
	if cerr := g.s.Close(); cerr != nil {
		g.log.WarnContext(ctx, "closing the gateway connection", "err", cerr)
	}
	drain(&inflight, shutdownGrace, cancelAll)
	return err
}

// drain waits for wg, and cancels what it waits for after grace.
func drain(wg *sync.WaitGroup, grace time.Duration, cancel func()) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		cancel()
		<-done
	}
}

// Connected reports whether the gateway connection is up: identified or
// resumed, and heartbeating.
func (g *Gateway) Connected() bool {
	g.s.RLock()
	defer g.s.RUnlock()
	return g.s.DataReady
}

// redactURL hides the interaction tokens in a REST URL: the segment after
// the id in /interactions/{id}/{token} and /webhooks/{app}/{token}.
func redactURL(u string) string {
	u, _, _ = strings.Cut(u, "?")
	segs := strings.Split(u, "/")
	for i, s := range segs {
		if (s == "interactions" || s == "webhooks") && i+2 < len(segs) {
			segs[i+2] = "[token]"
		}
	}
	return strings.Join(segs, "/")
}
