package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seed = "corpus/starter/000_0a0fce2799cf037e.txt"

// runCmd runs the program with args and an environment, from dir.
func runCmd(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err := run(context.Background(), append([]string{"dealbot"}, args...), getenv, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestExtractSeedJSON(t *testing.T) {
	out, errOut, err := runCmd(t, nil, "extract", "--json", seed)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	var got []struct {
		File    string `json:"file"`
		Article struct {
			ID, Title, Date string
		} `json:"article"`
		Quotes []struct {
			Speaker, Text, Cue, Excerpt string
		} `json:"quotes"`
		Deals []struct {
			Parties []string `json:"parties"`
			Amount  *struct {
				Value     float64
				Currency  string
				Text      string
				Qualifier string
			} `json:"amount"`
			Kind, Status, Excerpt string
		} `json:"deals"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not the JSON array promised: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0].File != seed {
		t.Fatalf("got %d results (file %q), want one for %s", len(got), got[0].File, seed)
	}
	r := got[0]
	if r.Article.Date != "2025-03-28" || !strings.HasPrefix(r.Article.Title, "Microsoft pulled out of a $12bn deal") || r.Article.ID == "" {
		t.Errorf("article = %+v", r.Article)
	}

	quote := func(speaker, prefix string) (string, string, bool) {
		for _, q := range r.Quotes {
			if q.Speaker == speaker && strings.HasPrefix(q.Text, prefix) {
				return q.Text, q.Cue, true
			}
		}
		return "", "", false
	}
	if text, cue, ok := quote("Satya Nadella", "We’re good for our $80 billion"); !ok || text != "We’re good for our $80 billion," || cue != "said on CNBC" {
		t.Errorf("Nadella's quote: %q cue %q found %v", text, cue, ok)
	}
	outer, _, ok := quote("Rohan Goswami", "This isn’t a sign")
	if !ok || strings.Contains(outer, "We’re good") || !strings.HasSuffix(outer, "to begin with.") {
		t.Errorf("Goswami's first quote = %q (found %v): want it whole but without Nadella's", outer, ok)
	}
	if _, _, ok := quote("Rohan Goswami", "The AI economy is currently a closed loop"); !ok {
		t.Errorf("Goswami's second quote is missing")
	}
	if _, _, ok := quote("CoreWeave", "All of our contractual relationships continue as planned"); !ok {
		t.Errorf("CoreWeave's quote is missing")
	}
	for _, q := range r.Quotes {
		if q.Text == "WeWork of AI" {
			t.Errorf("the scare quote %q was taken for a quotation", q.Text)
		}
	}

	var withdrawn, ipo bool
	for _, d := range r.Deals {
		if d.Amount != nil && d.Amount.Value == 600e9 {
			t.Errorf("the $600 billion market-value loss is not a deal: %+v", d)
		}
		if d.Amount != nil && d.Amount.Value == 12e9 && d.Amount.Currency == "USD" && d.Status == "withdrawn" &&
			strings.Join(d.Parties, ",") == "Microsoft,CoreWeave" {
			withdrawn = true
		}
		if d.Kind == "ipo" && d.Amount != nil && d.Amount.Value == 2.5e9 && d.Amount.Qualifier == "potentially" &&
			strings.Join(d.Parties, ",") == "CoreWeave" {
			ipo = true
		}
	}
	if !withdrawn {
		t.Errorf("no withdrawn $12bn Microsoft–CoreWeave deal in %+v", r.Deals)
	}
	if !ipo {
		t.Errorf("no potential $2.5bn CoreWeave IPO in %+v", r.Deals)
	}
}

func TestExtractGoesOnAfterABadFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "image.png")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	missing := filepath.Join(dir, "missing.txt")

	out, _, err := runCmd(t, nil, "extract", empty, seed, binary, missing, "--json")
	if !errors.Is(err, errReported) || exitStatus(err, io.Discard) != 1 {
		t.Fatalf("err = %v, want a reported failure with status 1", err)
	}
	var got []struct {
		File, Error string
		Article     *struct{ Title string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) != 4 {
		t.Fatalf("got %d results, want 4 (one per file, in order)", len(got))
	}
	wantErr := []string{"empty", "", "not UTF-8 text", "no such file"}
	for i, r := range got {
		if wantErr[i] == "" {
			if r.Error != "" || r.Article == nil {
				t.Errorf("%s: error %q, want the article", r.File, r.Error)
			}
			continue
		}
		if !strings.Contains(r.Error, wantErr[i]) || r.Article != nil {
			t.Errorf("%s: error %q, want one saying %q", r.File, r.Error, wantErr[i])
		}
	}
}

func TestExtractTextReport(t *testing.T) {
	out, _, err := runCmd(t, nil, "extract", seed)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"2025-03-28",
		"Satya Nadella, said on CNBC:",
		"“We’re good for our $80 billion,”",
		"Microsoft – CoreWeave · contract · withdrawn · $12bn (12,000,000,000 USD)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"extract"}, "usage: dealbot extract"},
		{[]string{"extract", "--nope", seed}, "flag provided but not defined"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, err := runCmd(t, nil, tt.args...)
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(errOut+err.Error(), tt.want) {
				t.Errorf("stderr %q / err %v: want %q", errOut, err, tt.want)
			}
		})
	}
}

func TestNamesFileExtendsGazetteer(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "names.txt"), []byte("org | Quillon Dynamics | QDX\n"), 0o644)
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("date 2025-05-05 QDX signs\n\nQDX signed a $40m supply agreement with Halcyon Compute, the two companies said on Monday in a joint statement to investors.\n"), 0o644)
	out, _, err := runCmd(t, map[string]string{"DATA_DIR": dir}, "extract", "--json", article)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"Quillon Dynamics"`) {
		t.Errorf("QDX was not resolved to Quillon Dynamics from names.txt:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, "names.txt"), []byte("bogus line without kind\n"), 0o644)
	if _, _, err := runCmd(t, map[string]string{"DATA_DIR": dir}, "extract", article); err == nil || !strings.Contains(err.Error(), "names.txt") {
		t.Errorf("a broken names.txt: err = %v, want one naming the file", err)
	}
}

func TestLoadEnvFileNeverOverridesEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(path, []byte("DATA_DIR=/from/file\nOTHER=x\n"), 0o600)
	getenv, err := loadEnv(func(k string) string {
		if k == "DATA_DIR" {
			return "/from/env"
		}
		return ""
	}, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := getenv("DATA_DIR"); got != "/from/env" {
		t.Errorf("DATA_DIR = %q, want the environment's", got)
	}
	if got := getenv("OTHER"); got != "x" {
		t.Errorf("OTHER = %q, want the file's", got)
	}
}

func TestAskOnAFreshDataFolder(t *testing.T) {
	env := map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "data")}
	out, errOut, err := runCmd(t, env, "ask", "deal", "coreweave")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, errOut)
	}
	for _, want := range []string{
		"Deals involving CoreWeave",
		"Microsoft – CoreWeave · contract · withdrawn · $12bn (12,000,000,000 USD)",
		"> Microsoft pulled out of a $12bn deal with CoreWeave, citing delays",
		"· 2025-03-28 · id 0eb139bcb810732d",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCmd(t, env, "ask", "quote", "nadella")
	if err != nil || !strings.Contains(out, "Satya Nadella, said on CNBC: “We’re good for our $80 billion,”") {
		t.Errorf("ask quote nadella: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, env, "ask", "deal", "corewave")
	if err != nil || !strings.Contains(out, "No deals found for 'corewave'. Did you mean CoreWeave?") {
		t.Errorf("misspelt company: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, env, "ask", "--json", "search", `"closed loop"`)
	if err != nil {
		t.Fatal(err)
	}
	var ans struct {
		Query   struct{ Kind, Text string }
		Total   int
		Results []struct {
			Article struct{ ID, Date string }
			Excerpt string
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil || ans.Query.Kind != "search" || ans.Total != 2 || !strings.Contains(ans.Results[0].Excerpt, "**closed** **loop**") {
		t.Errorf("search JSON: %v %+v\n%s", err, ans, out)
	}
	if _, errOut, err := runCmd(t, env, "ask", "deal", "coreweave", "--since", "yesterday"); err == nil || !strings.Contains(errOut, `the date "yesterday" is not YYYY-MM-DD`) {
		t.Errorf("bad date: %v %q", err, errOut)
	}
	out, _, err = runCmd(t, env, "ask", "stats")
	if err != nil || !strings.Contains(out, "The corpus holds 1 article, 8 deals and 6 quotes") {
		t.Errorf("stats: %v\n%s", err, out)
	}
}

func TestImportAndReindex(t *testing.T) {
	env := map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "data")}
	src := t.TempDir()
	body := "Zephyr Robotics has agreed to buy Kestrel Sensors for €120m in cash, the companies said on Friday in a statement to investors."
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("date 2025-06-14 Zephyr buys Kestrel\n\n"+body+"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "b.md"), []byte("---\ntitle: Zephyr buys Kestrel again\n---\n"+body+"\n"), 0o644) // the same text
	os.WriteFile(filepath.Join(src, "c.txt"), []byte("Too short\n\nNothing here."), 0o644)
	os.WriteFile(filepath.Join(src, "notes.json"), []byte("{}"), 0o644) // not an article file
	out, _, err := runCmd(t, env, "import", src)
	if !errors.Is(err, errReported) {
		t.Errorf("import with a refused file: err = %v, want a reported failure", err)
	}
	for _, want := range []string{"1 article added, 1 article already in the corpus, 1 file refused.", "duplicate  " + filepath.Join(src, "b.md"), "refused    " + filepath.Join(src, "c.txt") + ": the body has 2 words"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCmd(t, env, "ask", "deal", "kestrel sensors")
	if !strings.Contains(out, "Zephyr Robotics – Kestrel Sensors · acquisition") {
		t.Errorf("the imported deal is not answered:\n%s", out)
	}
	out, _, err = runCmd(t, env, "reindex")
	if err != nil || !strings.Contains(out, "Reindexed 2 articles") {
		t.Errorf("reindex: %v\n%s", err, out)
	}
}

// TestABrokenArticleFileIsLeftOut checks that a rebuild reads past an
// article file it cannot parse: it warns, and the others still answer.
func TestABrokenArticleFileIsLeftOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"DATA_DIR": dir}
	if _, errOut, err := runCmd(t, env, "ask", "stats"); err != nil {
		t.Fatalf("ask stats: %v\n%s", err, errOut)
	}
	bad := filepath.Join(dir, "articles", "ffffffffffffffff.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, env, "ask", "deal", "coreweave")
	if err != nil {
		t.Fatalf("ask with a broken file: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "an article file was left out: ffffffffffffffff.md") {
		t.Errorf("no warning naming the broken file:\n%s", errOut)
	}
	if !strings.Contains(out, "Deals involving CoreWeave") {
		t.Errorf("the other articles no longer answer:\n%s", out)
	}
}

// TestAddWhileTheBotHoldsTheIndex adds an article from the command line
// while another dealbot holds the index: the file is stored, the user told
// when the bot will answer with it, and the index catches up when next
// opened.
func TestAddWhileTheBotHoldsTheIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"DATA_DIR": dir, "USER": "ops"}
	ctx := context.Background()
	held, err := openCorpus(ctx, dir, io.Discard, false)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "quillon.txt")
	if err := os.WriteFile(file, []byte(`date 2026-02-03 Quillon Systems buys Marlowe Freight for $40m

Quillon Systems has agreed to buy Marlowe Freight, a maker of warehouse software, for $40m in cash, the companies said on Monday.

“Freight is where our customers lose the most time,” said Ines Carvalho, chief executive of Quillon Systems.
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, env, "add", file)
	if err != nil {
		t.Fatalf("add while the index is held: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Added ") || !strings.Contains(out, "A running dealbot holds the index") {
		t.Errorf("add said:\n%s", out)
	}
	held.idx.Close()
	out, _, err = runCmd(t, env, "ask", "deal", "Marlowe Freight")
	if err != nil || !strings.Contains(out, "Quillon Systems") {
		t.Errorf("the article added meanwhile does not answer: %v\n%s", err, out)
	}
}

// TestAddRemoveRestoreCommands adds an article from the command line,
// removes it and brings it back, checking the answers at each step, and
// the messages for what cannot be done.
func TestAddRemoveRestoreCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := map[string]string{"DATA_DIR": dir, "USER": "ops"}
	file := filepath.Join(t.TempDir(), "veldmark.md")
	if err := os.WriteFile(file, []byte(`---
title: Veldmark Energy signs $75m supply deal with Ostrava Grid
source: The Ledger Review
date: 2026-01-20
---

Veldmark Energy has signed a $75m supply agreement with Ostrava Grid to deliver battery racks over four years, the companies said on Tuesday.

“Storage is what the grid lacked,” said Tomas Hradil, chief executive of Ostrava Grid.
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, env, "add", file)
	if err != nil {
		t.Fatalf("add: %v\n%s", err, errOut)
	}
	id, _, ok := strings.Cut(strings.TrimPrefix(out, "Added "), ":")
	if !strings.HasPrefix(out, "Added ") || !ok || !strings.Contains(out, "with 2 deals and 1 quote") {
		t.Fatalf("add said:\n%s", out)
	}
	deals := func() string {
		t.Helper()
		out, _, err := runCmd(t, env, "ask", "deal", "Ostrava Grid")
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if !strings.Contains(deals(), "Veldmark Energy") {
		t.Errorf("the added article does not answer:\n%s", deals())
	}
	if _, _, err := runCmd(t, env, "add", file); err == nil || !strings.Contains(err.Error(), "already in the corpus as "+id) {
		t.Errorf("adding it again: %v", err)
	}
	if out, _, err := runCmd(t, env, "remove", id); err != nil || !strings.Contains(out, "Removed "+id) {
		t.Fatalf("remove: %v\n%s", err, out)
	}
	if strings.Contains(deals(), "Veldmark Energy") {
		t.Errorf("a removed article still answers:\n%s", deals())
	}
	if _, err := os.Stat(filepath.Join(dir, "removed", id+".md")); err != nil {
		t.Errorf("the removed file is not kept aside: %v", err)
	}
	if out, _, err := runCmd(t, env, "restore", id); err != nil || !strings.Contains(out, "Restored "+id) {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if !strings.Contains(deals(), "Veldmark Energy") {
		t.Errorf("the restored article does not answer:\n%s", deals())
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"remove", "0123456789abcdef"}, `there is no article with id "0123456789abcdef"`},
		{[]string{"restore", "0123456789abcdef"}, `there is no removed article with id "0123456789abcdef"`},
		{[]string{"add"}, "add needs one file or URL"},
		{[]string{"add", filepath.Join(t.TempDir(), "missing.txt")}, "no such file"},
		{[]string{"import", filepath.Join(t.TempDir(), "missing")}, "no such file"},
	} {
		if _, _, err := runCmd(t, env, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one saying %q", tt.args, err, tt.want)
		}
	}
}
