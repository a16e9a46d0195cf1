package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"dealbot/corpus"
	"dealbot/index"
)

// TestServeCatchesUpWithTheFiles changes the corpus's files behind a
// serving index's back, as the command line does while the bot runs, and
// checks that serve's periodic sync makes the change answerable.
func TestServeCatchesUpWithTheFiles(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := filepath.Join(t.TempDir(), "data")
	d, err := openCorpus(ctx, dir, io.Discard, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.idx.Close()
	s := newService(serveConfig{}, slog.New(slog.DiscardHandler))
	synced := make(chan struct{})
	go func() {
		s.syncEvery(ctx, d.idx, 5*time.Millisecond)
		close(synced)
	}()
	a, err := corpus.Parse("kelso.txt", []byte(`date 2026-04-02 Kelso Dynamics raises $30m from Brightmoor Ventures

Kelso Dynamics has raised $30m in a Series B round led by Brightmoor Ventures, the company said on Thursday, to build drones for wind farm inspections.

“Inspection is still done by rope teams,” said Petra Lindqvist, chief executive of Kelso Dynamics.
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.store.Add(a); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ans, err := d.idx.Deals(ctx, index.Query{Company: "Kelso Dynamics"})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Total > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the article added behind the index's back never answered")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-synced // syncEvery ends with its context
}
