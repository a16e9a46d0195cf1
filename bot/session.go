package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// DefaultAPIBase is the base of Discord's REST API: every endpoint
// discordgo calls starts with it.
const DefaultAPIBase = "https://discord.com/api/v9/"

// Config is how the bot reaches Discord.
type Config struct {
	// Token is the bot's token, without the "Bot " prefix. It is a
	// secret: the bot never logs it.
	Token string
	// APIBase is the base URL of every REST call, such as a local fake's
	// "http://127.0.0.1:PORT/api/v9/". The default is DefaultAPIBase.
	APIBase string
	// AppID is the application's id. The gateway's default is the
	// application READY names.
	AppID string
	// GuildID, when set, is the one server the commands are registered
	// to, where changes show at once (for development); otherwise they
	// are registered globally.
	GuildID string
}

// NewSession returns a discordgo session for cfg, not yet connected. Its
// REST calls go to cfg.APIBase through an http.Client of its own (the
// gateway's URL too, which discordgo asks of GET {APIBase}gateway); it
// dials the gateway with a websocket.Dialer of its own, asks for no
// gateway intents (interactions need none), keeps no state beyond READY
// and reconnects after any error. It returns an error if cfg.Token is
// empty or cfg.APIBase is not an http(s) URL.
func NewSession(cfg Config) (*discordgo.Session, error) {
	if cfg.Token == "" {
		return nil, errors.New("no bot token")
	}
	base, err := APIBase(cfg.APIBase)
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, err
	}
	// More idle connections than net/http's two per host: a busy bot
	// sends many callbacks at once, each on its own connection over
	// HTTP/1.1.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	var rt http.RoundTripper = tr
	if base != DefaultAPIBase {
		rt = &rebase{base: base, next: tr}
	}
	s.Client = &http.Client{Transport: rt, Timeout: 20 * time.Second}
	s.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 45 * time.Second}
	s.Identify.Intents = discordgo.IntentsNone
	s.StateEnabled = false
	s.ShouldReconnectOnError = true
	return s, nil
}

// APIBase returns raw as the base of REST calls, ending in a slash; ""
// is DefaultAPIBase. It returns an error if raw is not an http(s) URL.
func APIBase(raw string) (string, error) {
	if raw == "" {
		return DefaultAPIBase, nil
	}
	u, ok := httpURL(raw)
	if !ok || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("the API base %q is not an http(s) URL", raw)
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw, nil
}

// rebase is a RoundTripper that sends what discordgo addresses to
// DefaultAPIBase to another base, keeping the path after it. Other
// requests go as they are.
type rebase struct {
	base string
	next http.RoundTripper
}

func (rb *rebase) RoundTrip(r *http.Request) (*http.Response, error) {
	rest, ok := strings.CutPrefix(r.URL.String(), DefaultAPIBase)
	if !ok {
		return rb.next.RoundTrip(r)
	}
	u, err := url.Parse(rb.base + rest)
	if err != nil {
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.URL = u
	r2.Host = ""
	return rb.next.RoundTrip(r2)
}

// Register replaces the application's commands with Commands(), in one
// bulk overwrite: in the server guildID when it is set, globally
// otherwise. It returns how many commands Discord holds now, or the error
// of the call.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string) (int, error) {
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, guildID, Commands(), discordgo.WithContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("registering the commands: %w", err)
	}
	return len(cmds), nil
}

// SessionSender sends responses through a discordgo session's REST API:
// the Sender of interactions that come over the gateway, and of the edits
// that follow a deferral on the HTTP interactions endpoint.
type SessionSender struct {
	Session *discordgo.Session
}

// Respond posts the interaction's first response to its callback.
func (s SessionSender) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	return s.Session.InteractionRespond(i, r, discordgo.WithContext(ctx))
}

// EditOriginal edits the message of the interaction's first response.
func (s SessionSender) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	_, err := s.Session.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
	return err
}
