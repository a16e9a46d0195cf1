package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"dealbot/bot/discordtest"
	"dealbot/corpus"
)

// The people of the fake server who moderate, or try to. They, and the
// companies in testdata/moderate, are invented.
const (
	modID         = "400000000000000010" // has Manage Messages
	modName       = "maren"
	roleModID     = "400000000000000011" // has only the moderator role
	memberID      = "400000000000000012" // an ordinary member
	moderatorRole = "500000000000000001" // MODERATOR_ROLE_ID
)

// asModerator makes an interaction come from a member with Manage
// Messages.
func asModerator() []discordtest.InteractionOption {
	return []discordtest.InteractionOption{
		discordtest.By(modID, modName),
		discordtest.Permissions(discordtest.MemberPermissions | discordgo.PermissionManageMessages),
	}
}

// asMember makes an interaction come from an ordinary member, with no
// permission to moderate and no role.
func asMember() []discordtest.InteractionOption {
	return []discordtest.InteractionOption{discordtest.By(memberID, "pip")}
}

// newsSite is an invented news site: the articles of testdata/moderate
// under /news/, a page that redirects to the cloud metadata address, and
// one whose server never finishes sending.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /news/{page}", func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join("testdata", "moderate", r.PathValue("page")+".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(data)
	})
	mux.HandleFunc("GET /moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><html><head><title>Coming soon</title></head><body><p>Once upon a time"))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // until the fetcher gives up
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// corpusState returns the revision of every article in the corpus in dir:
// equal states mean nothing stored changed.
func corpusState(t *testing.T, dir string) map[string]string {
	t.Helper()
	st, err := corpus.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	revs, err := st.Revisions()
	if err != nil {
		t.Fatal(err)
	}
	return revs
}

// unchanged fails the test if the corpus in dir is not as before.
func unchanged(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	if diff := cmp.Diff(before, corpusState(t, dir)); diff != "" {
		t.Errorf("the corpus changed (-before +after):\n%s", diff)
	}
}

// private checks that a is a message only its asker sees, saying want.
func private(t *testing.T, a discordtest.Answer, want string) {
	t.Helper()
	if a.Original == nil {
		t.Fatalf("no message: %+v", a.Callback)
	}
	if a.Original.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("flags %d, want ephemeral (64)", a.Original.Flags)
	}
	if !strings.Contains(a.Original.Content, want) {
		t.Errorf("the answer says %q, want %q in it", a.Original.Content, want)
	}
}

// article is a command of /article.
func article(fake *discordtest.Server, sub string, opts []discordtest.InteractionOption, who []discordtest.InteractionOption) *discordtest.Interaction {
	return fake.SlashCommand("article", append([]discordtest.InteractionOption{discordtest.Subcommand(sub, opts...)}, who...)...)
}

// TestModerate runs `dealbot serve` against the fake Discord and an
// invented news site, and changes the corpus as moderators would: a
// preview from a URL, from a file and from the form; Add, Cancel and a
// second click on Add; a duplicate; remove and restore, seen in /deal's
// answers; who may do all this; and every kind of bad input, each refused
// with a message only the moderator sees and nothing stored changed. The
// subtests share the bot and run in order.
func TestModerate(t *testing.T) {
	t.Parallel()
	site := newsSite(t)
	fake := discordtest.New(t)
	dir := t.TempDir()
	r := startServe(t, fake, map[string]string{
		// Registered globally, the commands are there in a DM too.
		"DATA_DIR":          dir,
		"ALLOW_FETCH_HOSTS": "127.0.0.1",
		"FETCH_TIMEOUT":     "500ms",
		"MODERATOR_ROLE_ID": moderatorRole,
	})
	ctx := timeout(t)
	starter := corpusState(t, dir)
	halvorsen := site.URL + "/news/halvorsen"

	// deal asks /deal about company and returns the answer's text.
	deal := func(t *testing.T, company string) string {
		t.Helper()
		a := r.ask(t, ctx, fake.SlashCommand("deal", discordtest.String("company", company)))
		return a.Original.Content + "\n" + embedText(a.Original)
	}

	// addPreviewed checks a moderator's preview p, asked for with the
	// corpus as before: private, showing each of want, nothing stored.
	// Then it clicks Add, and checks that /deal company finds title.
	addPreviewed := func(t *testing.T, p discordtest.Answer, before map[string]string, company, title string, want ...string) {
		t.Helper()
		private(t, p, "**Preview**")
		text := embedText(p.Original)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the preview lacks %q:\n%s", w, text)
			}
		}
		unchanged(t, dir, before)
		c := r.ask(t, ctx, fake.ButtonClick(p.Original, buttons(p.Original)["Add"], asModerator()...))
		if !strings.HasPrefix(c.Original.Content, "Added as **") {
			t.Errorf("after Add: %q", c.Original.Content)
		}
		if text := deal(t, company); !strings.Contains(text, title) {
			t.Errorf("/deal %s does not find the added article:\n%s", company, text)
		}
	}

	var preview *discordgo.Message
	t.Run("preview from a URL", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", halvorsen)}, asModerator()))
		if a.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Errorf("first response of type %d, want a deferral (5): a fetch is slow", a.Callback.Type)
		}
		private(t, a, "**Preview**")
		text := embedText(a.Original)
		for _, want := range []string{
			"Halvorsen Robotics buys Quenby Labs for $40m", "Fernhollow Ledger", "2025-09-12", "URL: " + halvorsen,
			"Deal: Halvorsen Robotics – Quenby Labs", "40,000,000 USD", "Quote: Marit Eskdale", "We have wanted Quenby’s vision software for years",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the preview lacks %q:\n%s", want, text)
			}
		}
		b := buttons(a.Original)
		if !strings.HasPrefix(b["Add"], "add:") || !strings.HasPrefix(b["Cancel"], "cancel:") {
			t.Errorf("buttons %v, want Add and Cancel carrying the draft", b)
		}
		unchanged(t, dir, starter)
		preview = a.Original
	})
	if preview == nil {
		t.Fatal("no preview to go on with")
	}

	// Two clicks on Add, both made before either is answered, as a
	// double click would.
	first := fake.ButtonClick(preview, buttons(preview)["Add"], asModerator()...)
	second := fake.ButtonClick(preview, buttons(preview)["Add"], asModerator()...)
	var id string
	t.Run("add", func(t *testing.T) {
		a := r.ask(t, ctx, first)
		if a.Original.ID != preview.ID {
			t.Errorf("Add answered in message %s, want the preview %s updated", a.Original.ID, preview.ID)
		}
		rest, ok := strings.CutPrefix(a.Original.Content, "Added as **")
		if !ok {
			t.Fatalf("after Add: %q, want “Added as …”", a.Original.Content)
		}
		id, _, _ = strings.Cut(rest, "**")
		if len(a.Original.Components) != 0 || len(a.Original.Embeds) != 0 {
			t.Errorf("after Add the message keeps %d rows and %d embeds, want none", len(a.Original.Components), len(a.Original.Embeds))
		}
		after := corpusState(t, dir)
		if len(after) != len(starter)+1 || after[id] == "" {
			t.Fatalf("the corpus holds %d articles (want %d), and %q is %v", len(after), len(starter)+1, id, after[id] != "")
		}
		st, err := corpus.OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := st.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if want := modName + " (" + modID + ")"; stored.AddedBy != want || stored.AddedAt.IsZero() {
			t.Errorf("added by %q at %v, want %q and a time", stored.AddedBy, stored.AddedAt, want)
		}
		if _, err := r.logs.await(ctx, "the addition", func(rec map[string]any) bool {
			return rec["msg"] == "article added" && rec["id"] == id && rec["by"] == modName+" ("+modID+")"
		}); err != nil {
			t.Error(err)
		}
		text := deal(t, "Halvorsen Robotics")
		for _, want := range []string{"Deals involving Halvorsen Robotics", "Halvorsen Robotics buys Quenby Labs for $40m", "id " + id} {
			if !strings.Contains(text, want) {
				t.Errorf("/deal after the addition lacks %q:\n%s", want, text)
			}
		}
	})
	if id == "" {
		t.Fatal("nothing was added")
	}
	added := corpusState(t, dir)

	t.Run("second click on Add", func(t *testing.T) {
		a := r.ask(t, ctx, second)
		private(t, a, "This article was already added as "+id)
		unchanged(t, dir, added)
	})

	t.Run("duplicate", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", halvorsen)}, asModerator()))
		private(t, a, "**Already in the corpus** as "+id)
		if b := buttons(a.Original); len(b) != 0 {
			t.Errorf("a duplicate's preview has buttons %v, want none", b)
		}
		unchanged(t, dir, added)
	})

	t.Run("cancel", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/news/tarnwell")}, asModerator()))
		private(t, a, "**Preview**")
		b := buttons(a.Original)
		late := fake.ButtonClick(a.Original, b["Add"], asModerator()...) // made before Cancel, sent after
		c := r.ask(t, ctx, fake.ButtonClick(a.Original, b["Cancel"], asModerator()...))
		if c.Original.Content != "Cancelled: nothing was added." || len(c.Original.Components) != 0 {
			t.Errorf("after Cancel: %q with %d rows, want “Cancelled” and no buttons", c.Original.Content, len(c.Original.Components))
		}
		private(t, r.ask(t, ctx, late), "This preview has expired or was cancelled")
		unchanged(t, dir, added)
		if text := deal(t, "Tarnwell Analytics"); strings.Contains(text, "Tarnwell Analytics raises") {
			t.Errorf("/deal finds the cancelled article:\n%s", text)
		}
	})

	t.Run("add a file", func(t *testing.T) {
		before := corpusState(t, dir)
		a := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.Attachment("file", "brindle.md", "text/markdown", mustRead(t, "brindle.md"))}, asModerator()))
		addPreviewed(t, a, before, "Brindle Optics", "Brindle Optics signs a $9m supply deal", "Deal: Brindle Optics – Ashcombe Devices")
	})

	t.Run("add by the form", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "add", nil, asModerator()))
		checkForm(t, a.Callback)
		before := corpusState(t, dir)
		p := r.ask(t, ctx, fake.ModalSubmit(a.Callback.Data.CustomID, append(formInputs("2025-12-01"), asModerator()...)...))
		addPreviewed(t, p, before, "Kestrel Mills", "Kestrel Mills agrees to buy Orvane Freight", "Deal: Kestrel Mills – Orvane Freight", "2025-12-01")
	})

	t.Run("remove", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "remove", []discordtest.InteractionOption{discordtest.String("id", id)}, asModerator()))
		private(t, a, "Removed "+id+" (“Halvorsen Robotics buys Quenby Labs for $40m”). /article restore "+id+" brings it back.")
		if _, ok := corpusState(t, dir)[id]; ok {
			t.Errorf("%s is still in the corpus", id)
		}
		if _, err := os.Stat(filepath.Join(dir, "removed", id+".md")); err != nil {
			t.Errorf("the removed article was not kept aside: %v", err)
		}
		if text := deal(t, "Halvorsen Robotics"); strings.Contains(text, "id "+id) {
			t.Errorf("/deal still finds the removed article:\n%s", text)
		}
	})

	t.Run("restore", func(t *testing.T) {
		a := r.ask(t, ctx, article(fake, "restore", []discordtest.InteractionOption{discordtest.String("id", id)}, asModerator()))
		private(t, a, "Restored "+id)
		if _, ok := corpusState(t, dir)[id]; !ok {
			t.Errorf("%s is not back in the corpus", id)
		}
		if text := deal(t, "Halvorsen Robotics"); !strings.Contains(text, "id "+id) {
			t.Errorf("/deal does not find the restored article:\n%s", text)
		}
	})

	t.Run("who may", func(t *testing.T) {
		before := corpusState(t, dir)
		refused := "Sorry, only moderators can add, remove or restore articles"
		private(t, r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/news/tarnwell")}, asMember())), refused)
		private(t, r.ask(t, ctx, article(fake, "add", nil, asMember())), refused) // no form for them
		private(t, r.ask(t, ctx, article(fake, "remove", []discordtest.InteractionOption{discordtest.String("id", id)}, asMember())), refused)
		private(t, r.ask(t, ctx, article(fake, "restore", []discordtest.InteractionOption{discordtest.String("id", id)}, asMember())), refused)
		private(t, r.ask(t, ctx, fake.ModalSubmit("form:article", append(formInputs(""), asMember()...)...)), refused)

		// A moderator's preview, whose buttons a member clicks.
		p := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/news/tarnwell")}, asModerator()))
		b := buttons(p.Original)
		private(t, r.ask(t, ctx, fake.ButtonClick(p.Original, b["Add"], asMember()...)), refused)
		private(t, r.ask(t, ctx, fake.ButtonClick(p.Original, b["Cancel"], asMember()...)), refused)
		unchanged(t, dir, before)
		if _, err := r.logs.await(ctx, "a refusal", func(rec map[string]any) bool {
			return rec["msg"] == "refused: not a moderator" && rec["user"] == memberID
		}); err != nil {
			t.Error(err)
		}

		// The moderator role alone is enough, and the draft the member
		// could not touch is still there for the moderator.
		roleMod := []discordtest.InteractionOption{discordtest.By(roleModID, "sable"), discordtest.Roles(moderatorRole)}
		rp := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/news/tarnwell")}, roleMod))
		private(t, rp, "**Preview**")
		c := r.ask(t, ctx, fake.ButtonClick(p.Original, b["Cancel"], roleMod...))
		if c.Original.Content != "Cancelled: nothing was added." {
			t.Errorf("the moderator role's Cancel: %q", c.Original.Content)
		}
		unchanged(t, dir, before)
	})

	t.Run("refused in a DM", func(t *testing.T) {
		before := corpusState(t, dir)
		dm := append(asModerator()[:1:1], discordtest.InDM())
		a := r.ask(t, ctx, article(fake, "add", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/news/tarnwell")}, dm))
		private(t, a, "only in a server")
		a = r.ask(t, ctx, article(fake, "remove", []discordtest.InteractionOption{discordtest.String("id", id)}, dm))
		private(t, a, "only in a server")
		unchanged(t, dir, before)
	})

	huge := bytes.Repeat([]byte("word "), 3<<20/5) // 3 MB
	bad := []struct {
		name string
		opts []discordtest.InteractionOption // of /article add, or nil for the form
		form []discordtest.InteractionOption
		want string
	}{
		{"empty file", []discordtest.InteractionOption{discordtest.Attachment("file", "empty.txt", "text/plain", nil)}, nil,
			"Sorry, I can’t add that article: the file is empty."},
		{"huge file", []discordtest.InteractionOption{discordtest.Attachment("file", "huge.txt", "text/plain", huge)}, nil,
			"Sorry, I can’t add that article: the file is 3.0 MB, over the limit of 2.0 MB."},
		{"binary file", []discordtest.InteractionOption{discordtest.Attachment("file", "photo.txt", "text/plain", []byte("IHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"))}, nil,
			"it holds NUL bytes, so it looks like a binary file"},
		{"file not UTF-8", []discordtest.InteractionOption{discordtest.Attachment("file", "latin1.txt", "text/plain", []byte("Caf\xe9 Lindqvist opens a second shop in the old harbour district, selling cr\xeapes and coffee to dockworkers and visitors alike every day."))}, nil,
			"it is not valid UTF-8 (save it as UTF-8 text)"},
		{"file of another type", []discordtest.InteractionOption{discordtest.Attachment("file", "report.pdf", "application/pdf", []byte("%PDF-1.7"))}, nil,
			"Sorry, I can add only .txt, .md and .html files."},
		{"HTML with no article", []discordtest.InteractionOption{discordtest.Attachment("file", "links.html", "text/html", mustRead(t, "links.html"))}, nil,
			"Sorry, I can’t add that article: I found no article text in it."},
		{"title of 5,000 characters", []discordtest.InteractionOption{discordtest.Attachment("file", "long.txt", "text/plain",
			[]byte(strings.Repeat("Headline ", 555)+"Ender\n\nThe body of this invented article runs on for more than twenty words, so that only its title is wrong, and the title is far too long."))}, nil,
			"Sorry, I can’t add that article: its title is 5000 characters long, over the 300 allowed."},
		{"URL that redirects to a private address", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/moved")}, nil,
			"Sorry, I can’t add that article: refusing to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local address."},
		{"URL whose server never finishes", []discordtest.InteractionOption{discordtest.String("url", site.URL+"/slow")}, nil,
			"the server did not finish sending within 500ms."},
		{"both a URL and a file", []discordtest.InteractionOption{discordtest.String("url", halvorsen), discordtest.Attachment("file", "brindle.md", "text/markdown", mustRead(t, "brindle.md"))}, nil,
			"Please give either a URL or a file, not both."},
		{"date that is not a date", nil, formInputs("yesterday"),
			"Sorry, I can’t add that article: the date \"yesterday\" is not a date as YYYY-MM-DD."},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			before := corpusState(t, dir)
			var i *discordtest.Interaction
			if tt.form != nil {
				i = fake.ModalSubmit("form:article", append(tt.form, asModerator()...)...)
			} else {
				i = article(fake, "add", tt.opts, asModerator())
			}
			a := r.ask(t, ctx, i)
			if tt.opts != nil && a.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Errorf("first response of type %d, want a deferral (5), whose edit says what went wrong", a.Callback.Type)
			}
			private(t, a, tt.want)
			if len(a.Original.Components) != 0 {
				t.Errorf("an error with buttons: %v", buttons(a.Original))
			}
			unchanged(t, dir, before)
		})
	}
	t.Run("huge file not downloaded", func(t *testing.T) {
		for _, req := range fake.Requests() {
			if strings.HasSuffix(req.Path, "/huge.txt") {
				t.Errorf("the bot downloaded the huge file, whose size it was told: %s %s", req.Method, req.Path)
			}
		}
	})

	t.Run("unknown id", func(t *testing.T) {
		before := corpusState(t, dir)
		missing := []discordtest.InteractionOption{discordtest.String("id", "ffffffffffffffff")}
		private(t, r.ask(t, ctx, article(fake, "remove", missing, asModerator())), "No article with id “ffffffffffffffff”.")
		private(t, r.ask(t, ctx, article(fake, "restore", missing, asModerator())), "No removed article with id “ffffffffffffffff”.")
		unchanged(t, dir, before)
	})
}

// mustRead returns a fixture of testdata/moderate.
func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "moderate", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// formInputs fills in the form of /article add with an invented article
// dated date.
func formInputs(date string) []discordtest.InteractionOption {
	return []discordtest.InteractionOption{
		discordtest.TextInput("title", "Kestrel Mills agrees to buy Orvane Freight for $18m"),
		discordtest.TextInput("url", ""),
		discordtest.TextInput("source", "Fernhollow Ledger"),
		discordtest.TextInput("date", date),
		discordtest.TextInput("text", "Kestrel Mills agreed to buy Orvane Freight for $18 million, the two companies said on Monday, joining a flour miller to the lorries that carry its sacks.\n\n"+
			"“We have hired Orvane’s lorries for twenty years; now they are ours,” said Bram Ostley, managing director of Kestrel Mills."),
	}
}

// checkForm checks the form /article add opens: a modal of five text
// inputs, each in its own action row, Title and Text required and the
// others not, Required set on each.
func checkForm(t *testing.T, resp discordgo.InteractionResponse) {
	t.Helper()
	if resp.Type != discordgo.InteractionResponseModal || resp.Data == nil {
		t.Fatalf("response of type %d, want a modal (9)", resp.Type)
	}
	if resp.Data.Title != "Add an article" || !strings.HasPrefix(resp.Data.CustomID, "form:") {
		t.Errorf("modal %q titled %q", resp.Data.CustomID, resp.Data.Title)
	}
	got := map[string]bool{}
	for _, c := range resp.Data.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok || len(row.Components) != 1 {
			t.Fatalf("component %#v, want an action row of one text input", c)
		}
		in, ok := row.Components[0].(*discordgo.TextInput)
		if !ok {
			t.Fatalf("component %#v, want a text input", row.Components[0])
		}
		got[in.CustomID] = in.Required
	}
	want := map[string]bool{"title": true, "url": false, "source": false, "date": false, "text": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text inputs and whether required (-want +got):\n%s", diff)
	}
}
