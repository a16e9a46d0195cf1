package index

import (
	"container/list"
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// DefaultAnswerCache is how many answers an Index keeps by default (see
// Options.AnswerCache): a page is five results, a few kilobytes.
const DefaultAnswerCache = 1024

// answers keeps the most recently asked answers of what the index holds
// now, so that a question asked again, such as the deals of a company in
// the news, is answered without searching. Every change to the index
// (a batch applied, the names read afresh) starts a new generation, and
// an answer is only ever served in the generation it was computed in:
// reading the generation before searching means an answer can only be
// newer than its generation, never older. Questions asked at the same
// time as one already being answered wait for its answer instead of
// searching too.
type answers struct {
	max int          // entries kept; 0 keeps none
	gen atomic.Int64 // bumped by every change to the index

	// hits counts the answers given without a search of their own (kept,
	// or another asker's), misses those searched.
	hits, misses atomic.Uint64

	mu      sync.Mutex
	at      int64 // the generation the entries belong to
	entries map[Query]*list.Element
	lru     list.List // of *answer, the most recently used first
}

// answer is an entry: done is closed once ans and err are set.
type answer struct {
	q    Query
	done chan struct{}
	ans  Answer
	err  error
}

func newAnswers(max int) *answers {
	return &answers{max: max, entries: map[Query]*list.Element{}}
}

// changed starts a new generation: every answer kept so far is dropped.
func (c *answers) changed() { c.gen.Add(1) }

// get returns the answer to q: the one kept, or compute's, which it keeps
// when compute succeeds. The Answer returned has a Results slice of its
// own, but shares its results' deals and quotes with other callers: they
// must not be modified.
func (c *answers) get(ctx context.Context, q Query, compute func(context.Context, Query) (Answer, error)) (Answer, error) {
	if c.max <= 0 {
		c.misses.Add(1)
		return compute(ctx, q)
	}
	q.Page = max(q.Page, 1) // the key: page 0 is page 1
	gen := c.gen.Load()
	c.mu.Lock()
	if c.at != gen {
		if gen < c.at {
			// Read before a change another caller has seen already: the
			// entries are newer than this question may assume.
			c.mu.Unlock()
			c.misses.Add(1)
			return compute(ctx, q)
		}
		clear(c.entries)
		c.lru.Init()
		c.at = gen
	}
	if e, ok := c.entries[q]; ok {
		c.lru.MoveToFront(e)
		a := e.Value.(*answer)
		c.mu.Unlock()
		select {
		case <-a.done:
		case <-ctx.Done():
			return Answer{}, ctx.Err()
		}
		if a.err != nil {
			// The first asker failed (its deadline, say): try afresh.
			c.misses.Add(1)
			return compute(ctx, q)
		}
		c.hits.Add(1)
		return a.copy(), nil
	}
	a := &answer{q: q, done: make(chan struct{})}
	c.entries[q] = c.lru.PushFront(a)
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		delete(c.entries, old.Value.(*answer).q)
		c.lru.Remove(old)
	}
	c.mu.Unlock()

	c.misses.Add(1)
	a.ans, a.err = compute(ctx, q)
	if a.err != nil {
		c.mu.Lock()
		if e, ok := c.entries[q]; ok && e.Value == a {
			delete(c.entries, q)
			c.lru.Remove(e)
		}
		c.mu.Unlock()
	}
	close(a.done)
	if a.err != nil {
		return a.ans, a.err
	}
	return a.copy(), nil
}

// AnswerCache returns how many answers Deals, Quotes and Search gave
// without a search of their own (kept from the same question asked
// before, or shared with the same question asked at the same time), and
// how many they searched for.
func (idx *Index) AnswerCache() (hits, misses uint64) {
	return idx.answers.hits.Load(), idx.answers.misses.Load()
}

// copy returns the answer with slices of its own.
func (a *answer) copy() Answer {
	ans := a.ans
	ans.Results = slices.Clone(ans.Results)
	ans.Suggestions = slices.Clone(ans.Suggestions)
	return ans
}
