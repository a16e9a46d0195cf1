// Package corpustest generates synthetic news articles about invented companies and people, for tests and benchmarks.
//
// The articles read like the AI-industry news dealbot is built for: a title,
// a date, a publication, an author and a body of paragraphs that mixes deal
// sentences (acquisitions, funding rounds, supply and licensing agreements,
// partnerships, listings, stakes, loans, funds; some withdrawn or denied),
// attributed quotations, amounts of money in the many ways newspapers write
// them, and filler about products, markets, hiring and data centres. Every
// company, person, publication and product is invented; cities and countries
// are real.
//
// Generation is deterministic: it draws only from its own PCG generators,
// seeded from the Config, uses integer arithmetic only, and never depends
// on map order or the clock, so the same Config yields the same articles on
// every machine and Go version.
package corpustest

import (
	"bytes"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"dealbot/corpus"
)

// Config says what to generate. The zero value of each field has a documented default.
type Config struct {
	Seed      int64 // The default (0) is 1.
	Articles  int   // how many articles there are: Article accepts 0 ≤ i < Articles
	Words     int   // approximate words per article body. The default is 600; at least 60.
	Companies int   // size of the company pool. The default is 400; at least 20, at most about 140,000.
	People    int   // size of the people pool. The default is 600; at least 20, at most about 67,000.
}

// The defaults and bounds of Config.
const (
	defaultSeed      = 1
	defaultWords     = 600
	defaultCompanies = 400
	defaultPeople    = 600
	minWords         = 60
	minPool          = 20
)

// Generator makes articles; the same Config always yields the same articles,
// in the same order, on every machine and Go version. It is safe for
// concurrent use: Article only reads the Generator.
type Generator struct {
	cfg       Config
	companies []company
	people    []person
	authors   []string // reporters, not in the people pool
	compNames []string
	peopNames []string

	operating, investors, analysts picker
	others                         []int // people who are no company's chief executive

	styles [2]*texts // parsed templates: curly quotes, straight quotes
}

// company is one company of the pool.
type company struct {
	name  string // "Halcyon Compute"
	short string // "Halcyon": the name without its last word
	kind  kind
	exec  int    // index into people of its chief executive
	title string // the chief executive's title
}

// person is one person of the pool.
type person struct {
	name, surname string
	she           bool
}

// New returns a Generator for cfg, with its defaults filled in.
func New(cfg Config) *Generator {
	if cfg.Seed == 0 {
		cfg.Seed = defaultSeed
	}
	if cfg.Articles < 0 {
		cfg.Articles = 0
	}
	if cfg.Words == 0 {
		cfg.Words = defaultWords
	}
	cfg.Words = max(cfg.Words, minWords)
	if cfg.Companies == 0 {
		cfg.Companies = defaultCompanies
	}
	cfg.Companies = max(cfg.Companies, minPool)
	if cfg.People == 0 {
		cfg.People = defaultPeople
	}
	cfg.People = max(cfg.People, minPool)

	g := &Generator{cfg: cfg}
	var r rng
	r.src.Seed(uint64(cfg.Seed), uint64(cfg.Seed))
	g.buildPeople(&r)
	g.buildCompanies(&r)
	g.styles[0] = parseTexts(false)
	g.styles[1] = parseTexts(true)
	return g
}

// Companies returns the canonical names of the company pool, most
// newsworthy first: articles pick companies with a Zipf-like skew by this
// order. The slice is the caller's.
func (g *Generator) Companies() []string { return append([]string(nil), g.compNames...) }

// People returns the canonical names of the people pool. The first of them
// are the chief executives of the companies in the same order (when there
// are fewer people than companies, several companies share one). The
// slice is the caller's.
func (g *Generator) People() []string { return append([]string(nil), g.peopNames...) }

// Article returns article i (0 ≤ i < Config.Articles) independently of the
// others: its generator is seeded from (Seed, i) alone. The article has its
// ID set (corpus.ArticleID) and Format markdown, so that it equals what
// corpus.Parse reads back from corpus.Marshal of it. Article panics if i is
// out of range.
func (g *Generator) Article(i int) corpus.Article {
	if i < 0 || i >= g.cfg.Articles {
		panic("corpustest: article " + strconv.Itoa(i) + " out of range [0, " + strconv.Itoa(g.cfg.Articles) + ")")
	}
	w := &writer{g: g}
	s := uint64(g.cfg.Seed)
	w.r.src.Seed(splitmix(s^0x6a09e667f3bcc908), splitmix(s*0x9e3779b97f4a7c15+uint64(i)+1))
	return w.article(i)
}

// splitmix is the SplitMix64 finaliser: it spreads nearby seeds far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// rng draws integers from a PCG source. It uses only the source's
// specified output, never rand.Rand's methods, whose algorithms a Go
// release may change.
type rng struct{ src rand.PCG }

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true pct times in a hundred.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

// pick returns one of list.
func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

// picker draws company indices with a Zipf-like skew: the company of rank
// k (its place in the pool) has weight 1/(k+3).
type picker struct {
	idx []int
	cum []uint64 // cumulative weights
}

func newPicker(idx []int) picker {
	p := picker{idx: idx, cum: make([]uint64, len(idx))}
	var total uint64
	for j, c := range idx {
		total += 1 << 40 / uint64(c+3)
		p.cum[j] = total
	}
	return p
}

func (p *picker) pick(r *rng) int {
	if len(p.idx) == 0 {
		return -1
	}
	hi, _ := bits.Mul64(r.src.Uint64(), p.cum[len(p.cum)-1])
	lo, up := 0, len(p.cum)-1
	for lo < up {
		m := (lo + up) / 2
		if p.cum[m] > hi {
			up = m
		} else {
			lo = m + 1
		}
	}
	return p.idx[lo]
}

// buildPeople fills the people pool and the reporters: every surname once
// before any twice, so the first few hundred people have distinct surnames.
func (g *Generator) buildPeople(r *rng) {
	firsts := make([]string, 0, len(femaleNames)+len(maleNames))
	firsts = append(append(firsts, femaleNames...), maleNames...)
	capacity := len(firsts) * len(surnames)
	want := min(g.cfg.People+60, capacity) // 60 reporters
	g.cfg.People = min(g.cfg.People, capacity-60)
	order := r.perm(len(surnames))
	seen := make(map[string]bool, want)
	var all []person
	for round := 0; len(all) < want; round++ {
		for _, si := range order {
			if len(all) >= want {
				break
			}
			last := surnames[si]
			f := -1
			for try := 0; try < 30; try++ {
				if c := r.intn(len(firsts)); !seen[firsts[c]+" "+last] {
					f = c
					break
				}
			}
			for c := 0; f < 0 && c < len(firsts); c++ {
				if !seen[firsts[c]+" "+last] {
					f = c
				}
			}
			if f < 0 {
				continue
			}
			name := firsts[f] + " " + last
			seen[name] = true
			all = append(all, person{name: name, surname: last, she: f < len(femaleNames)})
		}
	}
	g.people = all[:g.cfg.People]
	for _, p := range all[g.cfg.People:] {
		g.authors = append(g.authors, p.name)
	}
	for _, p := range g.people {
		g.peopNames = append(g.peopNames, p.name)
	}
}

// buildCompanies fills the company pool: every first part once before any
// twice, then with a middle word once the plain names run short.
func (g *Generator) buildCompanies(r *rng) {
	capacity := len(firstParts) * (1 + len(middleParts)) * len(suffixes)
	g.cfg.Companies = min(g.cfg.Companies, capacity*9/10)
	var weights []int
	totalW := 0
	for _, s := range suffixes {
		totalW += s.weight
		weights = append(weights, totalW)
	}
	suffixAt := func() int {
		x := r.intn(totalW)
		for j, w := range weights {
			if x < w {
				return j
			}
		}
		return len(weights) - 1
	}
	order := r.perm(len(firstParts))
	seen := make(map[string]bool, g.cfg.Companies)
	plain := len(firstParts) * 8 // names without a middle word come first
	for len(g.companies) < g.cfg.Companies {
		for _, fi := range order {
			if len(g.companies) >= g.cfg.Companies {
				break
			}
			first := firstParts[fi]
			var name, short string
			var sfx int
			for try := 0; try < 40; try++ {
				sfx, short = suffixAt(), first
				if len(g.companies) >= plain && (try >= 10 || r.chance(50)) {
					short = first + " " + pick(r, middleParts)
				}
				if n := short + " " + suffixes[sfx].word; !seen[n] {
					name = n
					break
				}
			}
			if name == "" {
				continue // this first part is crowded; the next may not be
			}
			seen[name] = true
			g.companies = append(g.companies, company{name: name, short: short, kind: suffixes[sfx].kind})
		}
	}
	var operating, investors, analysts []int
	for k := range g.companies {
		c := &g.companies[k]
		c.exec = k % len(g.people)
		c.title = execTitles[r.intn(len(execTitles))]
		g.compNames = append(g.compNames, c.name)
		switch c.kind {
		case kInvestor:
			investors = append(investors, k)
		case kAnalyst:
			analysts = append(analysts, k)
		default:
			operating = append(operating, k)
		}
	}
	g.operating, g.investors, g.analysts = newPicker(operating), newPicker(investors), newPicker(analysts)
	for p := len(g.companies); p < len(g.people); p++ {
		g.others = append(g.others, p)
	}
}

// perm returns a random permutation of [0, n).
func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// Company slots: the parts companies play in one article.
const (
	cX = iota // the main deal's actor: buyer, supplier, licensor
	cY        // its counterparty: target, customer, the start-up raising money
	cZ        // an investor, lender or adviser
	cW        // a second investor
	cV        // a rival
	cR        // a research firm, whose analyst comments
	cE        // the parties of a second deal
	cF
	cG // a third investor
	numC
)

// Person slots: the people quoted in one article.
const (
	pX = iota // an executive of cX
	pY        // of cY
	pZ        // a partner at cZ
	pR        // an analyst at cR
	pV        // an executive of cV
	pE        // of cE
	numP
)

// role is a person's part in an article.
type role struct {
	title string // "chief executive", "analyst"
	org   int    // company slot
	kind  roleKind
}

type roleKind uint8

const (
	rExec roleKind = iota
	rPartner
	rAnalyst
)

// writer writes one article.
type writer struct {
	g   *Generator
	t   *texts
	r   rng
	out *bytes.Buffer

	comp     [numC]int
	compSeen [numC]bool
	pers     [numP]int
	persSeen [numP]bool
	roles    [numP]role
	title    bool // writing the title: full names, no mention kept

	bx, by, bz, bw, bs int // bound company slots, bound person slot
	amt                int64
	size               int64 // the focus company's yearly revenue, in units of 100,000
	focus              int   // the slot the article is about
	cur                int   // the article's usual currency
	date               time.Time
	city, sector       string
	words              int
	lo, hi             int    // the bounds of the body's word count
	trim               bool   // a paragraph that overshoots hi is taken back
	full               bool   // the body is done
	misses             int    // paragraphs taken back
	qlist              []tmpl // the quotations the bound speaker draws from
	qdeck              *deck
	decks              [numDecks]deck
}

func (w *writer) article(i int) corpus.Article {
	g := w.g
	w.t = g.styles[0]
	if w.r.chance(22) {
		w.t = g.styles[1]
	}
	pub := w.r.intn(len(publications))
	a := corpus.Article{
		Source: publications[pub].name,
		Author: g.authors[(pub*3+w.r.intn(3))%len(g.authors)],
		Format: corpus.FormatMarkdown,
	}
	if !w.r.chance(8) {
		w.date = time.Date(2023, time.January, 1+w.r.intn(1461), 0, 0, 0, 0, time.UTC)
		// Most news appears on weekdays.
		if wd := w.date.Weekday(); (wd == time.Saturday || wd == time.Sunday) && w.r.chance(75) {
			w.date = w.date.AddDate(0, 0, 2-int(wd+1)%7)
		}
		a.Date = w.date
	}
	w.cur = pick(&w.r, []int{0, 0, 0, 0, 0, 0, 1, 1, 2, 3})
	w.city = pick(&w.r, cities)
	w.size = w.nice(100, 200000)
	w.sector = pick(&w.r, sectors)

	main := w.mainDeal()
	w.cast()
	w.bindMain()
	w.amt = w.dealAmount(main.kind)

	var tb bytes.Buffer
	w.out, w.title = &tb, true
	if w.r.chance(7) {
		w.expand(pick(&w.r, w.t.featureTitles))
	} else {
		w.expand(pick(&w.r, main.titles))
	}
	w.title = false
	a.Title = tb.String()

	var b bytes.Buffer
	b.Grow(g.cfg.Words * 7)
	w.out = &b
	w.body(main)
	a.Body = b.String()

	a.URL = publications[pub].url(a.Title, w.date, i)
	a.ID = corpus.ArticleID(a)
	return a
}

// mainDeal picks the deal the article is about; withdrawn and denied deals
// are one in ten.
func (w *writer) mainDeal() *dealTmpl {
	ds := w.t.deals
	for {
		d := &ds[w.r.intn(len(ds))]
		if !d.rare || w.r.chance(35) {
			return d
		}
	}
}

// cast picks the companies and people of the article: distinct, with
// distinct first words and surnames, so that short names are unambiguous.
func (w *writer) cast() {
	g := w.g
	var firsts [numC]string
	n := 0
	ok := func(c int) bool {
		f := firstWord(g.companies[c].name)
		for j := 0; j < n; j++ {
			if w.comp[j] == c || firsts[j] == f {
				return false
			}
		}
		return true
	}
	choose := func(p *picker) {
		c := -1
		for try := 0; try < 25 && c < 0; try++ {
			if x := p.pick(&w.r); x >= 0 && ok(x) {
				c = x
			}
		}
		if c < 0 {
			for try := 0; try < 25 && c < 0; try++ {
				if x := g.operating.pick(&w.r); x >= 0 && ok(x) {
					c = x
				}
			}
		}
		for x := 0; c < 0; x++ {
			if ok(x) {
				c = x
			}
		}
		w.comp[n], firsts[n] = c, firstWord(g.companies[c].name)
		n++
	}
	for slot := range numC {
		switch slot {
		case cZ, cW, cG:
			choose(&g.investors)
		case cR:
			choose(&g.analysts)
		default:
			choose(&g.operating)
		}
	}

	var surnames [numP]string
	m := 0
	free := func(p int) bool {
		for j := 0; j < m; j++ {
			if w.pers[j] == p || surnames[j] == g.people[p].surname {
				return false
			}
		}
		return true
	}
	add := func(p int, ro role) {
		w.pers[m], surnames[m], w.roles[m] = p, g.people[p].surname, ro
		m++
	}
	other := func() int {
		for try := 0; try < 50; try++ {
			var p int
			if len(g.others) > 0 && try < 40 {
				p = pick(&w.r, g.others)
			} else {
				p = w.r.intn(len(g.people))
			}
			if free(p) {
				return p
			}
		}
		for p := 0; ; p++ {
			if free(p) {
				return p
			}
		}
	}
	for slot := range numP {
		switch slot {
		case pZ:
			add(other(), role{title: pick(&w.r, partnerTitles), org: cZ, kind: rPartner})
		case pR:
			add(other(), role{title: pick(&w.r, analystTitles), org: cR, kind: rAnalyst})
		default:
			org := [numP]int{pX: cX, pY: cY, pV: cV, pE: cE}[slot]
			c := g.companies[w.comp[org]]
			if free(c.exec) {
				add(c.exec, role{title: c.title, org: org})
			} else {
				add(other(), role{title: pick(&w.r, deputyTitles), org: org})
			}
		}
	}
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// bindMain binds the template slots to the main deal's parties.
func (w *writer) bindMain() {
	w.bx, w.by, w.bz, w.bw = cX, cY, cZ, cW
}

// body writes the paragraphs: standfirst, the deal, the quotes around it,
// then a mix of filler, money, analysis and other deals until the body has
// about Words words.
func (w *writer) body(main *dealTmpl) {
	t := w.t
	w.focus = main.focus
	target := w.g.cfg.Words
	stop := target - min(30, target/5) // a paragraph is about 45 words
	w.lo, w.hi = target-target/5, target+target/8
	if w.r.chance(45) {
		w.bindFocus()
		w.para(func() { w.expand(pick(&w.r, t.standfirsts)) })
	}
	// The lead: the deal itself.
	w.bindMain()
	w.para(func() {
		w.expand(main.text)
		if w.r.chance(60) {
			w.sp()
			w.bindFocus()
			w.expand(w.detail(main.kind))
		}
	})
	speaker, other := pX, pY
	switch w.focus {
	case cY:
		speaker, other = pY, pZ
	case cZ:
		speaker, other = pZ, pR
	}
	w.quotePara(speaker, 0)
	w.trim = true
	if w.words < stop {
		w.bindFocus()
		w.para(func() {
			w.expand(w.detail(main.kind))
			w.sp()
			w.bs = speaker
			w.bindFocus()
			w.expand(w.draw(t.paraphrases, dParaphrases))
		})
	}
	if w.words < stop && !w.full {
		w.quotePara(other, 25)
	}
	headings, seconds, sinceHeading := 0, 0, 0
	for w.words < stop && !w.full {
		w.bindFocus()
		switch x := w.r.intn(100); {
		case x < 24:
			w.para(func() {
				n := w.r.between(2, 3)
				for k := 0; k < n; k++ {
					if k > 0 {
						w.sp()
					}
					w.expand(w.draw(t.filler, dFiller))
				}
			})
		case x < 38:
			w.para(func() {
				w.expand(w.draw(t.money, dMoney))
				w.sp()
				if w.r.chance(50) {
					w.expand(w.draw(t.money, dMoney))
				} else {
					w.expand(w.draw(t.filler, dFiller))
				}
			})
		case x < 58:
			w.quotePara(pick(&w.r, []int{pR, pR, pR, pZ, pV, speaker}), 0)
		case x < 74 && seconds < 4:
			seconds++
			w.para(func() {
				d := w.secondDeal()
				if !d.rare && w.r.chance(50) {
					w.sp()
					w.expand(w.detail(d.kind))
				}
			})
			w.bindFocus()
		case x < 83:
			w.para(func() {
				w.bs = pick(&w.r, []int{speaker, speaker, pR})
				w.expand(w.draw(t.background, dBackground))
				w.sp()
				w.expand(w.draw(t.filler, dFiller))
			})
		case x < 90 && headings < 3 && sinceHeading > 2 && w.words < stop-50:
			headings++
			sinceHeading = -1
			w.para(func() { w.expand(w.draw(t.headings, dHeadings)) })
		default:
			w.quotePara(speaker, 50)
		}
		sinceHeading++
	}
	w.bindFocus()
	w.para(func() { w.expand(pick(&w.r, t.closings)) })
}

// bindFocus binds X to the company the article is about and Y to the other
// party of the main deal.
func (w *writer) bindFocus() {
	w.bx, w.by, w.bz, w.bw = w.focus, cY, cZ, cW
	if w.focus == cY {
		w.by = cX
	}
}

// secondDeal writes a sentence about another deal, withdrawn or denied more
// often than the main one.
func (w *writer) secondDeal() *dealTmpl {
	ds := w.t.deals
	d := &ds[w.r.intn(len(ds))]
	if !d.rare && w.r.chance(25) {
		for !d.rare {
			d = &ds[w.r.intn(len(ds))]
		}
	}
	switch w.r.intn(6) {
	case 0:
		w.bx, w.by = w.focus, cE
	case 1:
		w.bx, w.by = cV, cF
	case 2:
		w.bx, w.by = cF, cV
	case 3:
		w.bx, w.by = cE, w.focus
	default:
		w.bx, w.by = cE, cF
	}
	w.bz, w.bw = cG, cW
	saved := w.amt
	w.amt = w.dealAmount(d.kind)
	w.expand(d.text)
	w.amt = saved
	return d
}

// detail draws a sentence of detail that fits a deal of kind.
func (w *writer) detail(kind string) tmpl {
	g := kindGroup(kind)
	d := &w.decks[dDetails]
	for {
		j := w.r.intn(len(w.t.details))
		dt := &w.t.details[j]
		if dt.groups != "*" && strings.IndexByte(dt.groups, g) < 0 {
			continue
		}
		if j < 256 && d[j/64]&(1<<(j%64)) != 0 && w.r.chance(80) {
			continue
		}
		if j < 256 {
			d[j/64] |= 1 << (j % 64)
		}
		return dt.text
	}
}

// kindGroup groups the kinds of deal whose details read alike.
func kindGroup(kind string) byte {
	switch kind {
	case "acquisition", "merger":
		return 'a'
	case "funding", "investment", "stake":
		return 'f'
	case "ipo":
		return 'i'
	case "loan", "fund":
		return 'l'
	}
	return 's'
}

// deck remembers which templates of a list an article has used, so that
// it seldom says the same thing twice.
type deck [4]uint64

// The lists drawn from without repeats.
const (
	dFiller = iota
	dMoney
	dDetails
	dParaphrases
	dBackground
	dHeadings
	dExecQuotes
	dAnalystQuotes
	dInvestorQuotes
	numDecks
)

// draw picks a template of list not yet used in the article, if one turns
// up within a few tries.
func (w *writer) draw(list []tmpl, d int) tmpl {
	return w.drawFrom(list, &w.decks[d])
}

func (w *writer) drawFrom(list []tmpl, d *deck) tmpl {
	j := w.r.intn(len(list))
	for try := 0; try < 8 && j < 256 && d[j/64]&(1<<(j%64)) != 0; try++ {
		j = w.r.intn(len(list))
	}
	if j < 256 {
		d[j/64] |= 1 << (j % 64)
	}
	return list[j]
}

// para writes one paragraph and counts its words. Once trimming is on, a
// paragraph that takes the body over its upper bound is taken back: the
// body is done if it is long enough without it, and otherwise another
// paragraph is tried (a few times).
func (w *writer) para(fill func()) {
	before, words := w.out.Len(), w.words
	compSeen, persSeen := w.compSeen, w.persSeen
	if before > 0 {
		w.out.WriteString("\n\n")
	}
	start := w.out.Len()
	fill()
	w.words += countWords(w.out.Bytes()[start:])
	if w.trim && w.words > w.hi {
		w.out.Truncate(before)
		w.words, w.compSeen, w.persSeen = words, compSeen, persSeen
		w.misses++
		w.full = words >= w.lo || w.misses >= 6
	}
}

func countWords(s []byte) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func (w *writer) sp() { w.out.WriteByte(' ') }

// quotePara writes a paragraph of quotation by the person in slot sp;
// withPara is the chance in a hundred of a reported-speech sentence first.
func (w *writer) quotePara(sp int, withPara int) {
	t := w.t
	w.bindFocus()
	w.bs = sp
	ro := w.roles[sp]
	switch ro.kind {
	case rAnalyst:
		w.qlist, w.qdeck = t.analystQuotes, &w.decks[dAnalystQuotes]
	case rPartner:
		w.qlist, w.qdeck = t.investorQuotes, &w.decks[dInvestorQuotes]
	default:
		w.qlist, w.qdeck = t.execQuotes, &w.decks[dExecQuotes]
	}
	w.para(func() {
		if withPara > 0 && w.persSeen[sp] && w.r.chance(withPara) {
			w.expand(w.draw(t.paraphrases, dParaphrases))
			w.sp()
		}
		for {
			f := &t.forms[w.r.intn(len(t.forms))]
			if f.roles&(1<<ro.kind) == 0 || f.seen && !w.persSeen[sp] {
				continue
			}
			if f.company && (ro.kind != rExec || !w.r.chance(40)) {
				continue
			}
			w.expand(f.text)
			return
		}
	})
}

// dealAmount returns a sum, in units of 100,000, fit for a deal of kind.
func (w *writer) dealAmount(kind string) int64 {
	lo, hi := int64(300), int64(300000)
	switch kind {
	case "merger":
		lo, hi = 10000, 400000
	case "funding":
		lo, hi = 50, 20000
	case "supply", "contract":
		lo, hi = 200, 100000
	case "licensing":
		lo, hi = 100, 20000
	case "partnership", "jv", "investment":
		lo, hi = 500, 50000
	case "ipo":
		lo, hi = 2000, 50000
	case "stake":
		lo, hi = 200, 50000
	case "loan":
		lo, hi = 1000, 100000
	case "fund":
		lo, hi = 1000, 50000
	}
	return w.nice(lo, hi)
}

// niceAmounts are round sums in units of 100,000 (10 is one million).
var niceAmounts = []int64{
	10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60, 75, 80, 90, 100, 120, 150, 180, 200, 250,
	300, 350, 400, 450, 500, 600, 650, 750, 800, 900, 1000, 1200, 1250, 1500, 1800, 2000,
	2400, 2500, 3000, 3500, 4000, 4500, 5000, 6000, 7000, 7500, 8000, 9000, 10000, 12000,
	15000, 17500, 20000, 25000, 30000, 35000, 40000, 45000, 50000, 60000, 75000, 80000,
	100000, 120000, 150000, 200000, 250000, 300000, 400000, 500000,
}

// nice returns a round sum in [lo, hi], evenly on a log scale.
func (w *writer) nice(lo, hi int64) int64 {
	a, b := -1, -1
	for j, v := range niceAmounts {
		if v >= lo && a < 0 {
			a = j
		}
		if v <= hi {
			b = j
		}
	}
	if a < 0 || b < a {
		return lo
	}
	return niceAmounts[a+w.r.intn(b-a+1)]
}

// currencies are written before the number, or as a word after it.
var currencies = []struct{ sign, word string }{
	{"$", "dollars"}, {"€", "euros"}, {"£", "pounds"}, {"US$", "dollars"},
}

var qualifiers = []string{"nearly ", "about ", "up to ", "more than ", "roughly ", "almost ", "at least ", "around ", "some "}

// money writes a sum v (units of 100,000) in one of the forms newspapers
// use: $12bn, $2.5 billion, €120m, £240 million, US$1.5 billion,
// 300 million euros; qualify adds "nearly", "up to" and the like at times,
// and vary allows a currency other than the article's.
func (w *writer) money(v int64, qualify, vary bool) {
	out := w.out
	if qualify && w.r.chance(30) {
		out.WriteString(pick(&w.r, qualifiers))
	}
	cur := w.cur
	if vary && w.r.chance(12) {
		cur = w.r.intn(len(currencies))
	}
	style := w.r.intn(100)
	if w.title {
		style = 0
	}
	wordAfter := style >= 95 && cur != 3
	if !wordAfter {
		out.WriteString(currencies[cur].sign)
	}
	billions := v >= 10000
	unit := int64(10)
	if billions {
		unit = 10000
	}
	w.number(v/unit, false)
	if rem := v % unit; rem != 0 {
		// at most two decimals
		out.WriteByte('.')
		d := rem * 100 / unit
		if d%10 == 0 {
			d /= 10
		} else if d < 10 {
			out.WriteByte('0')
		}
		out.WriteString(strconv.FormatInt(d, 10))
	}
	switch {
	case style < 55 && billions:
		out.WriteString("bn")
	case style < 55:
		out.WriteString("m")
	case billions:
		out.WriteString(" billion")
	default:
		out.WriteString(" million")
	}
	if wordAfter {
		out.WriteByte(' ')
		out.WriteString(currencies[cur].word)
	}
}

// number writes n, with thousands separated by commas when comma is set.
func (w *writer) number(n int64, comma bool) {
	s := strconv.FormatInt(n, 10)
	if !comma || len(s) <= 3 {
		w.out.WriteString(s)
		return
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	w.out.WriteString(s[:first])
	for j := first; j < len(s); j += 3 {
		w.out.WriteByte(',')
		w.out.WriteString(s[j : j+3])
	}
}

// company writes the name of the company in slot c: in full the first time
// (and always in the title), later often by its short name.
func (w *writer) company(c int) {
	co := &w.g.companies[w.comp[c]]
	if w.title {
		w.out.WriteString(co.name)
		return
	}
	if w.compSeen[c] && w.r.chance(55) {
		w.out.WriteString(co.short)
		return
	}
	w.compSeen[c] = true
	w.out.WriteString(co.name)
}

// descriptor writes "the chipmaker" for the company in slot c.
func (w *writer) descriptor(c int, capital bool) {
	if !w.compSeen[c] {
		w.company(c) // a description must come after the name
		return
	}
	co := &w.g.companies[w.comp[c]]
	if capital {
		w.out.WriteString("The ")
	} else {
		w.out.WriteString("the ")
	}
	w.out.WriteString(pick(&w.r, kinds[co.kind].descriptors))
}

// personName writes the name of the person in slot p: in full the first
// time, by surname later. With appositive, the first mention carries the
// role ("Amara Okafor, chief executive of Halcyon,"); with comma, the
// writing always ends with a comma.
func (w *writer) personName(p int, appositive, comma bool) {
	pe := &w.g.people[w.pers[p]]
	if w.persSeen[p] {
		w.out.WriteString(pe.surname)
		if comma {
			w.out.WriteByte(',')
		}
		return
	}
	w.persSeen[p] = true
	w.out.WriteString(pe.name)
	if appositive {
		w.out.WriteString(", ")
		w.personRole(p)
		w.out.WriteByte(',')
	} else if comma {
		w.out.WriteByte(',')
	}
}

// personRole writes "the chief executive of Halcyon Compute" and the like.
func (w *writer) personRole(p int) {
	ro := w.roles[p]
	switch {
	case ro.kind == rExec && w.r.chance(30):
		w.company(ro.org)
		w.out.WriteString(w.t.apos)
		w.out.WriteString("s ")
		w.out.WriteString(ro.title)
		return
	case ro.kind == rExec && w.r.chance(50):
		w.out.WriteString("the ")
		w.out.WriteString(ro.title)
		w.out.WriteString(" of ")
	case ro.kind == rExec:
		w.out.WriteString(ro.title)
		w.out.WriteString(" of ")
	default:
		w.out.WriteString(ro.title)
		w.out.WriteString(" at ")
	}
	w.company(ro.org)
}

// pronoun writes she/he (or her/his) for the bound person, or the name
// when the article has not named them yet.
func (w *writer) pronoun(s slot) {
	p := w.bs
	if !w.persSeen[p] {
		w.personName(p, false, false)
		if s == sHis || s == sHisC {
			w.out.WriteString(w.t.apos + "s")
		}
		return
	}
	she := w.g.people[w.pers[p]].she
	var word string
	switch {
	case s == sShe || s == sSheC:
		word = "he"
		if she {
			word = "she"
		}
	default:
		word = "his"
		if she {
			word = "her"
		}
	}
	if s == sSheC || s == sHisC {
		w.out.WriteString(strings.ToUpper(word[:1]))
		word = word[1:]
	}
	w.out.WriteString(word)
}

// kind is what a company does, from its name's last word.
type kind uint8

const (
	kInvestor kind = iota
	kAnalyst
	kChips
	kCloud
	kLab
	kRobots
	kEnergy
	kBio
	kSoftware
)

// kinds describe each kind of company: how an article calls it and what it
// makes.
var kinds = [...]struct {
	descriptors []string
	products    []string
}{
	kInvestor: {
		[]string{"investment firm", "venture firm", "investor", "fund manager", "investment group"},
		[]string{"growth capital", "private credit", "venture funding", "debt financing"},
	},
	kAnalyst: {
		[]string{"research firm", "consultancy", "advisory firm"},
		[]string{"market research", "industry forecasts", "advisory services"},
	},
	kChips: {
		[]string{"chipmaker", "chip designer", "semiconductor company", "chip start-up"},
		[]string{"AI accelerators", "inference chips", "optical interconnects", "memory chips", "networking chips", "custom processors"},
	},
	kCloud: {
		[]string{"cloud provider", "data-centre operator", "cloud company", "infrastructure provider"},
		[]string{"GPU clusters", "computing capacity", "cloud services", "data-centre space", "hosted models", "storage"},
	},
	kLab: {
		[]string{"AI lab", "AI start-up", "AI developer", "model maker"},
		[]string{"language models", "coding assistants", "AI agents", "speech models", "vision models", "chatbots"},
	},
	kRobots: {
		[]string{"robotics company", "robot maker", "automation group", "robotics start-up"},
		[]string{"warehouse robots", "robot arms", "delivery drones", "humanoid robots", "autonomous forklifts", "inspection robots"},
	},
	kEnergy: {
		[]string{"power producer", "energy company", "utility", "energy developer"},
		[]string{"electricity", "solar power", "battery storage", "grid connections", "geothermal power", "small reactors"},
	},
	kBio: {
		[]string{"drug developer", "biotech", "biotech company", "life-sciences group"},
		[]string{"drug-discovery models", "protein-design tools", "lab automation", "diagnostic software", "clinical-trial software"},
	},
	kSoftware: {
		[]string{"software company", "software group", "software maker", "technology group"},
		[]string{"security software", "workflow software", "fraud-detection tools", "analytics software", "customer-service software", "developer tools"},
	},
}

// suffixes are the last words of company names, with how often each is
// drawn and what kind of company it makes.
var suffixes = []struct {
	word   string
	kind   kind
	weight int
}{
	{"Capital", kInvestor, 6}, {"Ventures", kInvestor, 5}, {"Partners", kInvestor, 4},
	{"Holdings", kInvestor, 3}, {"Financial", kInvestor, 2},
	{"Analytics", kAnalyst, 3}, {"Research", kAnalyst, 3},
	{"Semiconductor", kChips, 3}, {"Silicon", kChips, 3}, {"Photonics", kChips, 2},
	{"Foundry", kChips, 2}, {"Devices", kChips, 2}, {"Quantum", kChips, 2},
	{"Compute", kCloud, 4}, {"Cloud", kCloud, 3}, {"Data", kCloud, 3},
	{"Networks", kCloud, 3}, {"Infrastructure", kCloud, 2},
	{"Labs", kLab, 5}, {"AI", kLab, 5}, {"Intelligence", kLab, 2},
	{"Robotics", kRobots, 4}, {"Machines", kRobots, 2}, {"Mobility", kRobots, 2}, {"Dynamics", kRobots, 2},
	{"Energy", kEnergy, 3}, {"Power", kEnergy, 2},
	{"Bio", kBio, 2}, {"Therapeutics", kBio, 2}, {"Health", kBio, 2},
	{"Systems", kSoftware, 4}, {"Software", kSoftware, 2}, {"Security", kSoftware, 2},
	{"Logistics", kSoftware, 2}, {"Technologies", kSoftware, 3},
}

// firstParts are invented first words of company names. None is a real
// company's name, a place, or a word the extractor knows as a first name.
var firstParts = strings.Fields(`Halcyon Zephyr Kestrel Orrery Vesper Larkspur Meridian Petrichor
	Cassowary Fennick Thistledown Wrenfield Lumenfield Marigold Kilnworth Aldergrove Amberlight Corvane
	Quillon Brambling Glenmoor Saltmarsh Pellucid Tamarisk Wychwood Oriel Calyx Sorrel Heronsgate
	Ashgrove Blackthorn Coppervale Dunmore Eddystone Fairhaven Gannet Harrowgate Ironwood Kittiwake
	Lodestar Nettlebed Oakhollow Plover Quartzline Redwing Stonechat Tansy Umberfield Verdigris Whinchat
	Yarrow Zircon Bittern Corncrake Dipper Egret Fieldfare Goldcrest Hawfinch Jacana Linnet Nightjar
	Ortolan Pipit Quetzal Shrike Whimbrel Avocet Bracken Campion Foxglove Gorse Hellebore Jessamine
	Knapweed Lovage Madder Orpine Primula Quince Samphire Teasel Vetch Woad Borage Chervil Dittany
	Feverfew Galingale Hyssop Marjoram Oxlip Pennyroyal Rampion Sainfoin Tormentil Wintergreen Basalt
	Cairn Drumlin Esker Gneiss Hollowell Isobar Katabatic Littoral Moraine Obsidian Parhelion Runnel
	Scree Tarn Umbral Vireo Wold Xylem Yardarm Asterion Brightwell Cinderford Duskwood Emberline
	Frostwick Gildersleeve Hearthstone Inkwell Jadeport Larchmont Mossbank Northcote Oxbow Pennant
	Quarrystone Ravensworth Silverbirch Tidewell Underhill Waymark Yewfield Solenne Halden Fenwold
	Auklet Petrel Sanderling Turnstone Godwit Dunlin Brantwood Cressida Lanthorn Marram Alcove Bellflower
	Coldspring Dewpoint Eelgrass Fernhollow Glasswing Hartsease Ivyhall Juncus Kingcup Lacewing Mayweed
	Nutmeg Orchil Pimpernel Quillwort Rushmoor Sedgewick Toadflax Umberwell Valewort Waxwing
	Yellowhammer Zostera Arrowhead Bluethroat Chiffchaff Dotterel Eiderdown Firecrest Greenshank
	Hobbyhorse Ivorybill Jackdaw Knotgrass Lapwing Moorhen Nuthatch Oystercatch Pintail Quaildown
	Razorbill Shelduck Treecreeper Upwell Wagtail Wigeon Sandpiper Stilt Bunting Tern Shearwater
	Merganser Scaup Smew Garganey Phalarope Ruffwell Brackenridge`)

// middleParts make more names once the plain ones run short.
var middleParts = strings.Fields(`Ridge Harbour Vale Crest Point Field Bridge Hollow Reach Cross Moor
	Stone Water Gate Hill Brook Wood Haven Mead Fell`)

// femaleNames and maleNames are given names from many cultures, all of
// them known to the extractor as first names.
var femaleNames = strings.Fields(`Amara Ingrid Priya Sofia Mei Fatima Hana Elena Naomi Clara Leila Yuki
	Chioma Astrid Lucia Ana Nadia Freya Imani Keiko Zainab Thea Marta Greta Aisha Camille Beatriz Ioana
	Niamh Aoife Sanne Ngozi Kavita Meera Divya Elif Yasmin Tamar Olga Sigrid Maja Chiara Giulia Valeria
	Mariana Haruka Sakura Linh Wanjiru Abena Efua Zofia Agnieszka Mathilde Delphine Karin Solveig Noor
	Salma Rania Adaeze Amaka Leyla Ayumi Preeti Sneha Anjali Lakshmi Thandiwe Zanele Natalia Irina
	Federica Alessia Femke Siobhan Cerys Bethan Isla Adriana Akosua Amina Ananya Anastasia Anouk Aroha
	Aurelia Aylin Birgit Camila Chiamaka Ciara Diya Ebba Ekaterina Elin Elsa Fernanda Freja Gabriela
	Hanne Helena Hina Ida Ifeoma Isabela Kaori Katarzyna Kerstin Linnea Liora Liv Luana Magdalena
	Mairead Margot Mariam Martina Morag Myra Nadine Naoko Nia Njeri Oksana Olena Orla Parisa Priyanka
	Renata Saoirse Selin Shira Shirin Shreya Siriporn Sofie Soraya Sunita Svetlana Tatiana Valentina
	Yael Yoko Yui Yulia Zara`)

var maleNames = strings.Fields(`Daniel Kwame Arjun Tobias Lars Mateo Hiroshi Kenji Omar Karim Felix
	Viktor Rafael Emeka Chidi Tunde Femi Ravi Nikhil Sanjay Lorenzo Matteo Luca Pieter Bram Joris Sven
	Magnus Henrik Oskar Dmitri Andrei Mihai Piotr Jakub Tomasz Yusuf Tariq Idris Hamid Reza Darius
	Declan Eoin Callum Rhys Gareth Marcus Rodrigo Tiago Bruno Olivier Johan Emil Minh Takumi Haruto
	Kofi Yaw Kojo Sipho Thabo Eitan Gideon Malik Jasper Theo Hugo Oscar Felipe Nnamdi Kwabena Arvind
	Karthik Rasmus Mikkel Anand Ishaan Babak Navid Cormac Fraser Aarav Adrian Akira Alessandro Alexei
	Arash Arnav Axel Babajide Bilal Bogdan Boris Caio Chinedu Cyrus Daan Dafydd Daiki Dmytro Duc Eamon
	Einar Emre Enzo Faisal Farid Frederik Ganesh Giorgio Giovanni Gustavo Hadi Hamish Hassan Hector Hemi
	Ilan Ilya Imran Javier Jens Joaquin Kabir Kaito Kenta Khalid Kian Krzysztof Kunal Kwesi Lucien Mads
	Marek Masaki Mateus Mehmet Nasser Nikolai Nils Noel Otieno Otto Owain Padraig Paolo Quang Rami Rashid
	Ruben Sander Sergio Shinji Soren Stefano Tarek Tatsuya Thiago Venkat Vikram Walid Wojciech Yannick
	Yousef Yusuke Zaid`)

// surnames are family names from many cultures; none is a first name the
// extractor knows, and none makes a famous person's name.
var surnames = strings.Fields(`Okafor Voss Lindqvist Haddad Moreau Takahashi Adeyemi Mensah Kowalski
	Novak Brennan Castellano Ferreira Gallagher Halvorsen Ishikawa Jankowski Kaplan Lefebvre Marchetti
	Nakagawa Oyelaran Petrova Quintero Rasmussen Sandoval Underwood Whitfield Yamamoto Zielinski
	Abernathy Bergstrom Chukwu Dasgupta Eriksen Fairweather Hakimi Iyer Jovanovic Kuznetsova Mahlangu
	Nkemelu Osei Pereira Quaresma Rahimi Tremblay Uchida Vasquez Wieczorek Yilmaz Zapata Achterberg
	Balogun Ceballos Dimitriou Ekwueme Fontaine Hoffmann Ivanova Jaramillo Lindgren Mwangi Nieminen
	Rautio Szabo Thorsen Urquhart Varga Wojcik Yoshida Zanetti Aldana Bhattacharya Cardoso Dubois
	Farouk Grigoryan Hussain Ibarra Koenig Lombardi Nowak Ortega Pillai Renner Toivonen Ueda Vermeulen
	Waweru Zimmermann Ashworth Blackwood Coulson Drummond Fenwick Greaves Hollis Ingram Kettering
	Lowther Mallory Northam Oakes Pemberton Radcliffe Thackeray Winslow Achebe Banerjee Okonkwo
	Sorensen Lindahl Kiplagat Nakashima Delgado Esposito Moretti Kovacs Horvath Petersen Aydin Demir
	Sahin Kaya Arslan Nair Menon Reddy Kapoor Acheampong Boateng Owusu Asante Ndlovu Dlamini Mokoena
	Cheng Tanaka Watanabe Kobayashi Matsumoto Inoue Kimura Hayashi Shimizu Morales Herrera Medina
	Romero Navarro Molina Figueroa Salazar Vargas Abara Bjornsson Castellanos Drozdov Eberhardt
	Fitzgerald Gunawardena Haugland Ibekwe Jorgensen Karimi Lindholm Mukherjee Nakamura Okoye Pacheco
	Quigley Rosales Sundberg Tavares Uzoma Valtonen Westergaard Yeboah Zuberi Alencar Brodsky Chaudhry
	Duarte Ezeani Falk Gutierrez Hashemi Ilunga Jablonski Kamau Lindberg Montoya Nyberg Oduya Paredes
	Rinaldi Saarinen Tshabalala Udeh Vikström Wanyama Yanez Zoller Adjei Barros Coelho Danjuma Engstrom
	Fagerlund Gallo Halonen Igwe Juarez Kariuki`)

var execTitles = []string{
	"chief executive", "chief executive", "chief executive", "chief executive",
	"co-founder and chief executive", "founder and chief executive", "president", "chief executive officer",
}

var deputyTitles = []string{
	"chief financial officer", "chief operating officer", "chief technology officer", "head of strategy",
	"head of research", "chief commercial officer", "head of partnerships", "general counsel",
}

var partnerTitles = []string{"a partner", "a managing partner", "a general partner", "an investor", "a principal"}

var analystTitles = []string{"an analyst", "a senior analyst", "an industry analyst", "a research director", "an economist"}

// publications are invented, each on its own .example domain.
var publications = []publication{
	{"The Copperline Post", "copperlinepost.example", 0},
	{"Harbourlight News", "harbourlight.example", 1},
	{"Tidewater Business Journal", "tidewaterbj.example", 2},
	{"The Gantry", "thegantry.example", 0},
	{"Northwind Tech Review", "northwindreview.example", 1},
	{"Brightwater Courier", "brightwatercourier.example", 2},
	{"The Kiln Report", "kilnreport.example", 0},
	{"Coldharbour Times", "coldharbourtimes.example", 1},
	{"Eastwick Wire", "eastwickwire.example", 2},
	{"Market Lantern", "marketlantern.example", 0},
	{"The Server Room Dispatch", "serverroom.example", 1},
	{"Ironbridge Financial News", "ironbridgefn.example", 2},
	{"The Tallyman", "tallyman.example", 0},
	{"Greyfriars Gazette", "greyfriarsgazette.example", 1},
	{"Deal Current", "dealcurrent.example", 2},
	{"Glasshouse Markets", "glasshousemarkets.example", 0},
	{"The Overnight Desk", "overnightdesk.example", 1},
	{"Silt & Signal", "siltandsignal.example", 2},
	{"The Ledger Quarterly", "ledgerquarterly.example", 0},
	{"Kiteline Daily", "kitelinedaily.example", 1},
}

type publication struct {
	name, domain string
	layout       int // how its URLs are laid out
}

// url makes the article's address: unique per article index.
func (p publication) url(title string, date time.Time, i int) string {
	var b strings.Builder
	b.WriteString("https://")
	if p.layout == 1 {
		b.WriteString("www.")
	}
	b.WriteString(p.domain)
	switch {
	case date.IsZero():
		b.WriteString("/news/")
	case p.layout == 0:
		b.WriteString(date.Format("/2006/01/02/"))
	case p.layout == 1:
		b.WriteString("/articles/")
	default:
		b.WriteString(date.Format("/2006/01/"))
	}
	words, dash := 0, false
	for _, r := range title {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == '’' || r == '\'':
			continue
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
			words++
		}
		dash = false
		if words >= 9 {
			break
		}
		b.WriteRune(r)
	}
	if !strings.HasSuffix(b.String(), "-") {
		b.WriteByte('-')
	}
	b.WriteString(strconv.Itoa(i))
	return b.String()
}

var cities = strings.Fields(`Lisbon Berlin Munich Paris London Stockholm Oslo Helsinki Copenhagen
	Amsterdam Dublin Zurich Madrid Barcelona Warsaw Prague Vienna Tallinn Toronto Montreal Boston Seattle
	Singapore Seoul Tokyo Osaka Taipei Bengaluru Hyderabad Lagos Nairobi Dubai Riyadh Frankfurt Hamburg
	Rotterdam Manchester Edinburgh Cambridge Oxford Lyon Milan Gothenburg Trondheim Aarhus Krakow Porto
	Vancouver Melbourne Auckland Jakarta Bangkok Manila Kyoto Hsinchu Shenzhen Accra Kigali Doha Gdansk
	Wroclaw Poznan Brno Bratislava Ljubljana Zagreb Bucharest Vilnius Riga Espoo Tampere Uppsala Lund
	Malmo Bergen Stavanger Odense Dresden Leipzig Bremen Cologne Stuttgart Nuremberg Marseille Antwerp
	Valencia Geneva Glasgow Leeds Bristol Birmingham Nagoya Fukuoka Incheon Daejeon Taichung Kaohsiung
	Chennai Pune Ahmedabad Karachi Lahore Dhaka Colombo Hanoi Abuja Casablanca Tunis Cairo Johannesburg
	Durban Montevideo Bogota Monterrey Guadalajara Calgary Ottawa Pittsburgh Detroit Atlanta Miami
	Adelaide Brisbane Wellington Christchurch Algiers Almaty Amman Athens Baku Beijing Beirut Belgrade
	Bonn Brussels Budapest Busan Canberra Caracas Chengdu Chongqing Daegu Dakar Delhi Dongguan Dortmund
	Dusseldorf Essen Guangzhou Hangzhou Hanover Harare Havana Hobart Istanbul Jeddah Kathmandu Kobe
	Kolkata Kyiv Luanda Lusaka Lviv Manama Maputo Minsk Mumbai Muscat Nanjing Portland Pretoria Qingdao
	Quito Rome Sacramento Sapporo Shanghai Suzhou Tainan Tashkent Tbilisi Tianjin Tijuana Wuhan Xiamen
	Yerevan Yokohama`)

var countries = []string{"Germany", "France", "Britain", "Portugal", "Spain", "the Netherlands", "Sweden",
	"Norway", "Finland", "Denmark", "Ireland", "Poland", "Japan", "South Korea", "Taiwan", "India",
	"Singapore", "Canada", "Brazil", "Nigeria", "Kenya", "Australia", "Italy", "Switzerland", "Austria"}

var regions = []string{"Europe", "the Nordics", "South-east Asia", "Latin America", "the Gulf",
	"North America", "East Africa", "the Middle East", "central Europe", "West Africa"}

var sectors = []string{"AI chips", "cloud computing", "industrial robotics", "drug discovery",
	"cybersecurity", "autonomous trucking", "energy storage", "quantum computing", "language models",
	"edge computing", "satellite imaging", "warehouse automation", "payments software", "medical imaging",
	"synthetic data", "chip packaging", "photonics", "data-centre cooling", "AI agents",
	"speech recognition", "computer vision", "climate modelling", "precision agriculture", "smart grids",
	"humanoid robots", "enterprise software", "developer tools", "protein design", "battery materials",
	"model evaluation", "legal software", "insurance software", "logistics software", "defence technology",
	"weather forecasting", "materials discovery", "chip lithography", "optical computing", "fusion energy",
	"carbon capture", "vertical farming", "genomic sequencing", "digital pathology", "telemedicine",
	"mental-health apps", "education technology", "construction robotics", "mining automation",
	"port automation", "drone delivery", "electric aviation", "satellite broadband", "undersea cables",
	"identity verification", "fraud detection", "tax software", "accounting software", "translation",
	"video generation", "music generation", "search", "online advertising", "retail analytics",
	"supply-chain software", "fleet management", "cold storage", "water treatment"}

var customers = []string{"hospitals", "banks", "logistics groups", "carmakers", "retailers", "utilities",
	"governments", "insurers", "airlines", "telecoms operators", "farmers", "shipping lines", "law firms",
	"universities", "manufacturers", "supermarket chains", "mining companies", "game studios",
	"pharmaceutical companies", "city councils", "railway operators", "media groups", "chemical plants",
	"oil refiners", "wind-farm operators", "construction firms", "accountancy firms", "call centres",
	"regional newspapers", "football clubs", "hotel chains", "fashion brands", "shipbuilders",
	"defence contractors", "space agencies", "water utilities", "port operators", "courier companies",
	"private hospitals", "schools", "research institutes", "asset managers", "stock exchanges"}

var productNames = strings.Fields(`Caldera Nimbus Aster Borealis Cirrus Ember Fathom Gossamer Helix
	Kite Lumen Mosaic Onyx Prism Quasar Ridgeline Sable Talon Wisp Yonder Beacon Cinder Drift Flint
	Garnet Lattice Mantle Orbit Pylon Quill Relay Spire Tessera Vector Warden Argent Basilisk Dynamo
	Granite Halo Ironclad Javelin Keel Lodestone Meteor Nebula Obelisk Pinnacle Rampart Sextant Trellis
	Vortex Solstice Tundra Harrier Causeway Bastion Sirocco Monsoon Fjord Glacier Cobblestone Albatross
	Bellweather Chinook Dervish Estuary Firebrand Gyre Hinterland Icefall Jubilee Kelpie Lanyard
	Maelstrom Narwhal Outrider Palisade Quayside Riptide Sandglass Thunderhead Undertow Vanguard
	Whirligig Zeppelin Anvil Bulwark Cascade Dovetail Everglade Foxfire Gantry Hawser Isthmus Jetsam
	Lighthouse Marlin Nautilus Oarlock Parapet Quiver Rowlock Saltire Tamarack Upland Verglas Windlass
	Yucca Zodiac Aurora Brigantine Cormorant Dunmoor Equinox Fulcrum Galleon Hawthorn Inlet Juggernaut
	Kingpost Lodgepole Meridia Northstar Osprey Portcullis Quoin Rigel Stormglass Tidemark Umbrel
	Voyager Wayfarer Xenon Yardstick`)

var specialties = []string{"computer vision", "chip design", "reinforcement learning", "power electronics",
	"robot control", "compilers", "distributed systems", "battery chemistry", "optical networking",
	"model compression", "speech synthesis", "cryptography", "materials science", "sensor fusion",
	"thermal engineering", "radio-frequency design", "computational biology", "lidar", "haptics",
	"natural-language processing", "operations research", "signal processing", "embedded software",
	"fluid dynamics", "satellite navigation", "analogue circuits", "microfluidics", "actuators"}

var jobs = []string{"researcher", "engineer", "product manager", "banker", "consultant", "trader",
	"professor", "civil servant", "management consultant", "hedge-fund analyst", "data scientist",
	"diplomat", "army officer", "physician", "patent lawyer", "journalist", "architect", "pilot",
	"mathematician", "chemist", "astronomer", "economist"}

var rounds = []string{"seed", "Series A", "Series A", "Series B", "Series B", "Series C", "Series C",
	"Series D", "Series E", "growth"}

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

var quarters = []string{"first quarter", "second quarter", "third quarter", "fourth quarter",
	"first half of next year", "second half of the year", "coming months", "first half"}

var spelled = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15"}

var ordinals = []string{"second", "third", "fourth", "fifth", "sixth", "seventh", "debut", "largest"}

var regulators = []string{"competition regulators in %C", "the European Commission",
	"antitrust authorities in %C and %C", "shareholders and regulators", "the competition authority in %C",
	"national-security reviewers in %C", "regulators in several countries"}

var askedAbout = []string{"the price", "the timing", "competition from larger rivals", "regulators",
	"job cuts", "the company's valuation", "a possible listing", "the cost of chips", "energy prices",
	"the integration", "rumours of a rival bid", "staff retention"}

var speakerWho = []string{"founded the company in %Y", "joined from %V two years ago",
	"has run the business since %Y", "previously worked as a %J at %V", "took over as chief executive in %M",
	"started the company in a garage in %T", "has spent two decades in %S"}

// coinName writes a product name made of syllables ("Velorix",
// "Quinamaven"): tens of thousands of them, so that, as in real news, the
// vocabulary keeps growing with the corpus.
func (w *writer) coinName() {
	w.out.WriteString(pick(&w.r, nameStarts))
	w.out.WriteString(pick(&w.r, nameMiddles))
	if w.r.chance(50) {
		w.out.WriteString(pick(&w.r, nameMiddles))
	}
	w.out.WriteString(pick(&w.r, nameEnds))
}

var (
	nameStarts = strings.Fields(`Ba Cor Da El Fen Gal Hor Il Jun Kal Lu Mar Nor Or Pel Quin Ro Sil Tor
		Ul Vel Wen Xan Yor Zel Ar Bel Cal Dor Es Fal Gor Is Jor Kir Lor Mor Nev Os Per Rav Sor Tal Ur Vor`)
	nameMiddles = strings.Fields(`a e i o u ra ri lo ne va ti ma so ke du pa li`)
	nameEnds    = strings.Fields(`n x ra no lis tor ven dia mo rix los nar via tis ron vel mir dax`)
)

// techAdjectives, things, verbings and objects make up what companies
// build: "low-latency controllers for inspecting wind turbines".
var techAdjectives = strings.Fields(`low-latency energy-efficient liquid-cooled modular open-source
	self-driving autonomous battery-powered cloud-based on-device multilingual real-time high-bandwidth
	fault-tolerant lightweight rugged waterproof solar-powered photonic neuromorphic analogue
	reconfigurable programmable wearable implantable hypersonic subsea airborne orbital handheld
	industrial-grade medical-grade military-grade privacy-preserving encrypted decentralised
	distributed federated generative predictive probabilistic adaptive collaborative conversational
	agentic bespoke miniature compact heavy-duty high-precision ultra-low-power radiation-hardened
	carbon-neutral recyclable biodegradable self-healing shape-shifting hyperspectral thermal acoustic
	seismic magnetic superconducting cryogenic quantum-safe tamper-proof battery-free zero-touch
	plug-and-play voice-controlled gesture-based vision-guided sensor-rich edge-native multimodal
	explainable auditable interoperable scalable containerised serverless immersive holographic
	stackable foldable inflatable amphibious tethered untethered swarm-based fanless silent
	vibration-free dust-proof corrosion-resistant fire-resistant frost-proof hot-swappable
	software-defined cloud-native API-first GPU-accelerated FPGA-based RISC-V ARM-based hybrid
	electric hydrogen-powered diesel-free laser-guided satellite-linked mesh-networked long-range
	short-range wide-angle ultra-wideband millimetre-wave infrared ultraviolet optical`)

var things = strings.Fields(`sensors controllers compilers inverters turbines switches transformers
	actuators gearboxes thermostats routers modems antennas cameras microphones lasers detectors scanners
	exoskeletons grippers conveyors forklifts tractors harvesters sprayers tugboats barges gliders
	balloons rovers submersibles buoys beacons gateways firewalls dashboards copilots chatbots
	schedulers simulators emulators debuggers profilers benchmarks datasets annotators labelling-tools
	translators transcribers summarisers classifiers recommenders forecasters optimisers planners
	negotiators assistants tutors coaches triage-tools stethoscopes ultrasound-probes microscopes
	sequencers pipettes bioreactors incubators centrifuges spectrometers chromatographs batteries
	capacitors flywheels electrolysers heat-pumps chillers radiators manifolds valves pumps compressors
	bearings couplings looms kilns furnaces smelters crucibles wafers substrates interposers
	chiplets photodiodes waveguides modulators amplifiers oscillators resonators thermocouples
	altimeters gyroscopes accelerometers magnetometers hydrophones seismometers anemometers barometers
	dosimeters respirators ventilators defibrillators catheters stents prosthetics hearing-aids
	wheelchairs stretchers drones airships dirigibles hovercraft monorails trams scooters e-bikes
	lockers kiosks turnstiles tills scales printers plotters lathes presses robots cobots manipulators
	end-effectors suction-cups tracks wheels treads propellers rotors nozzles filters membranes`)

var verbings = strings.Fields(`inspecting monitoring forecasting sorting packing picking welding
	painting drilling mapping scanning translating summarising auditing reconciling underwriting
	diagnosing triaging scheduling routing dispatching tracking cooling heating cleaning repairing
	testing labelling moderating cataloguing pricing sequencing screening recycling harvesting
	spraying pruning milking herding surveying dredging tunnelling demolishing insulating charging
	refuelling de-icing sanding polishing grinding stitching weaving dyeing bottling canning brewing
	baking slicing weighing measuring calibrating certifying grading ranking matching indexing
	searching filtering compressing encrypting archiving restoring transcribing subtitling dubbing`)

var objects = []string{"wind turbines", "power lines", "pipelines", "shipping containers", "crops",
	"invoices", "X-rays", "contracts", "insurance claims", "tax returns", "warehouses", "railway tracks",
	"bridges", "solar panels", "server racks", "undersea cables", "vineyards", "orchards", "dairy herds",
	"fishing fleets", "mortgages", "loan applications", "clinical trials", "blood samples", "tumours",
	"retinal scans", "court filings", "patents", "supply chains", "spare parts", "electric buses",
	"parcels", "groceries", "hotel bookings", "flight schedules", "phone calls", "emails", "job applications",
	"exam papers", "student essays", "building sites", "sewers", "reservoirs", "forests", "coral reefs",
	"glaciers", "storm drains", "recycling bins", "car batteries", "ship hulls", "aircraft engines",
	"nuclear plants", "oil rigs", "mines", "quarries", "factories", "shop shelves", "vending machines",
	"parking spaces", "traffic lights", "data centres", "chip fabs", "cleanrooms", "laboratories",
	"wine cellars", "greenhouses", "fish farms", "beehives", "cattle", "sheep", "salmon pens",
	"cargo ships", "ferries", "lorries", "delivery vans", "taxis", "lifts", "escalators", "boilers",
	"heat networks", "gas meters", "smart meters", "substations", "transmission towers", "dams",
	"locks and canals", "ports", "airports", "runways", "hangars", "stadiums", "concert halls",
	"museums", "libraries", "archives", "film reels", "podcasts", "news footage", "medical records",
	"prescriptions", "hospital beds", "ambulances", "care homes", "pharmacies", "bank statements",
	"payroll", "pension records", "property deeds", "land registries", "census forms", "ballots"}

// slot names one thing a template may ask for.
type slot uint8

// The slots; slotNames gives their names in templates.
const (
	sNone slot = iota
	sX
	sY
	sZ
	sW
	sV
	sXs // possessive
	sYs
	sZs
	sVs
	sXd // the chipmaker
	sXD // The chipmaker
	sYd
	sYD
	sXb // short name
	sYb
	sS      // person, full first time
	sSplus  // with the role as apposition the first time
	sScomma // as sSplus, always ending with a comma
	sSrole
	sSorg
	sShe
	sSheC
	sHis
	sHisC
	sQT
	sQT2
	sAMT
	sAMTQ
	sVAL
	sREV
	sMV
	sPRICE
	sPRICESMALL
	sPCT
	sN
	sN2
	sNBIG
	sMW
	sNYEARS
	sYEAR
	sORDINAL
	sROUND
	sCITY
	sCITY2
	sCOUNTRY
	sCOUNTRY2
	sREGION
	sWEEKDAY
	sMONTH
	sQTR
	sREG
	sSECTOR
	sCUSTOMERS
	sXPN
	sYPN
	sPROD
	sSPECIALTY
	sJOB
	sSWHO
	sASKED
	sTECHADJ
	sTHING
	sVERBING
	sOBJ
	numSlots
)

var slotNames = [numSlots]string{
	sX: "X", sY: "Y", sZ: "Z", sW: "W", sV: "V", sXs: "X's", sYs: "Y's", sZs: "Z's", sVs: "V's",
	sXd: "Xd", sXD: "XD", sYd: "Yd", sYD: "YD", sXb: "Xb", sYb: "Yb",
	sS: "S", sSplus: "S+", sScomma: "S+,", sSrole: "Srole", sSorg: "Sorg",
	sShe: "she", sSheC: "She", sHis: "his", sHisC: "His", sQT: "QT", sQT2: "QT2",
	sAMT: "AMT", sAMTQ: "AMTQ", sVAL: "VAL", sREV: "REV", sMV: "MV", sPRICE: "PRICE",
	sPRICESMALL: "PRICESMALL", sPCT: "PCT", sN: "N", sN2: "N2", sNBIG: "NBIG", sMW: "MW",
	sNYEARS: "NYEARS", sYEAR: "YEAR", sORDINAL: "ORDINAL", sROUND: "ROUND", sCITY: "CITY",
	sCITY2: "CITY2", sCOUNTRY: "COUNTRY", sCOUNTRY2: "COUNTRY2", sREGION: "REGION",
	sWEEKDAY: "WEEKDAY", sMONTH: "MONTH", sQTR: "QTR", sREG: "REG", sSECTOR: "SECTOR",
	sCUSTOMERS: "CUSTOMERS", sXPN: "XPN", sYPN: "YPN", sPROD: "PROD", sSPECIALTY: "SPECIALTY",
	sJOB: "JOB", sSWHO: "SWHO", sASKED: "ASKED",
	sTECHADJ: "TECHADJ", sTHING: "THING", sVERBING: "VERBING", sOBJ: "OBJ",
}

// seg is literal text followed by a slot (sNone at the end).
type seg struct {
	lit  string
	slot slot
}

// tmpl is a parsed template.
type tmpl []seg

// parseTmpl parses "text {SLOT} text". In straight style, curly quotation
// marks and apostrophes become straight ones. It panics on an unknown slot:
// the templates are part of the program.
func parseTmpl(s string, straight bool) tmpl {
	if straight {
		s = straighten.Replace(s)
	} else {
		s = strings.ReplaceAll(s, "'s}", "’s}")
	}
	var t tmpl
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			if s != "" {
				t = append(t, seg{lit: s})
			}
			return t
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			panic("corpustest: unclosed slot in template " + s)
		}
		name := s[open+1 : open+end]
		name = strings.ReplaceAll(name, "’", "'")
		sl := sNone
		for k, n := range slotNames {
			if n == name && n != "" {
				sl = slot(k)
			}
		}
		if sl == sNone {
			panic("corpustest: unknown slot {" + name + "}")
		}
		t = append(t, seg{lit: s[:open], slot: sl})
		s = s[open+end+1:]
	}
}

var straighten = strings.NewReplacer("“", `"`, "”", `"`, "’", "'", "‘", "'")

// expand writes a template with its slots filled.
func (w *writer) expand(t tmpl) {
	for _, s := range t {
		w.out.WriteString(s.lit)
		if s.slot != sNone {
			w.fill(s.slot)
		}
	}
}

// fill writes one slot.
func (w *writer) fill(s slot) {
	out := w.out
	switch s {
	case sX:
		w.company(w.bx)
	case sY:
		w.company(w.by)
	case sZ:
		w.company(w.bz)
	case sW:
		w.company(w.bw)
	case sV:
		w.company(cV)
	case sXs, sYs, sZs, sVs:
		c := cV
		switch s {
		case sXs:
			c = w.bx
		case sYs:
			c = w.by
		case sZs:
			c = w.bz
		}
		w.company(c)
		out.WriteString(w.t.apos)
		out.WriteByte('s')
	case sXd:
		w.descriptor(w.bx, false)
	case sXD:
		w.descriptor(w.bx, true)
	case sYd:
		w.descriptor(w.by, false)
	case sYD:
		w.descriptor(w.by, true)
	case sXb:
		out.WriteString(w.g.companies[w.comp[w.bx]].short)
	case sYb:
		out.WriteString(w.g.companies[w.comp[w.by]].short)
	case sS:
		w.personName(w.bs, false, false)
	case sSplus:
		w.personName(w.bs, true, false)
	case sScomma:
		w.personName(w.bs, true, true)
	case sSrole:
		w.personRole(w.bs)
	case sSorg:
		w.company(w.roles[w.bs].org)
	case sShe, sSheC, sHis, sHisC:
		w.pronoun(s)
	case sQT, sQT2:
		w.expand(w.drawFrom(w.qlist, w.qdeck))
	case sAMT:
		w.money(w.amt, false, false)
	case sAMTQ:
		w.money(w.amt, true, false)
	case sVAL:
		w.money(w.nice(max(w.amt*4, 500), max(w.amt*25, 5000)), false, true)
	case sREV:
		w.money(w.nice(max(w.size/5, 10), w.size*2), w.r.chance(50), true)
	case sMV:
		w.money(w.nice(w.size*2, w.size*40), false, true)
	case sPRICE:
		out.WriteString(currencies[w.cur].sign)
		w.number(int64(w.r.between(2, 400))*500, true)
	case sPRICESMALL:
		out.WriteString(currencies[w.cur].sign)
		w.number(int64(pick(&w.r, []int{5, 9, 10, 12, 15, 20, 25, 30, 40, 49, 60, 99, 150, 200})), false)
	case sPCT:
		n := w.r.between(2, 45)
		out.WriteString(strconv.Itoa(n))
		if n < 10 && w.r.chance(25) {
			out.WriteString(".5")
		}
	case sN:
		w.number(int64(w.r.between(2, 60)*10), false)
	case sN2:
		out.WriteString(pick(&w.r, spelled))
	case sNBIG:
		w.number(int64(w.r.between(12, 2500)*10), true)
	case sMW:
		w.number(int64(w.r.between(2, 60)*25), true)
	case sNYEARS:
		out.WriteString(spelled[w.r.intn(8)])
	case sYEAR:
		out.WriteString(strconv.Itoa(w.r.between(2006, 2021)))
	case sORDINAL:
		out.WriteString(pick(&w.r, ordinals))
	case sROUND:
		out.WriteString(pick(&w.r, rounds))
	case sCITY:
		if w.r.chance(50) {
			out.WriteString(w.city)
		} else {
			out.WriteString(pick(&w.r, cities))
		}
	case sCITY2:
		out.WriteString(pick(&w.r, cities))
	case sCOUNTRY, sCOUNTRY2:
		out.WriteString(pick(&w.r, countries))
	case sREGION:
		out.WriteString(pick(&w.r, regions))
	case sWEEKDAY:
		if w.date.IsZero() {
			out.WriteString(pick(&w.r, weekdays))
		} else {
			out.WriteString(weekdays[(int(w.date.Weekday())+6+boolInt(w.r.chance(70)))%7])
		}
	case sMONTH:
		out.WriteString(pick(&w.r, months))
	case sQTR:
		out.WriteString(pick(&w.r, quarters))
	case sREG:
		w.formatted(pick(&w.r, regulators))
	case sSECTOR:
		if w.r.chance(60) {
			out.WriteString(w.sector)
		} else {
			out.WriteString(pick(&w.r, sectors))
		}
	case sCUSTOMERS:
		out.WriteString(pick(&w.r, customers))
	case sXPN:
		out.WriteString(pick(&w.r, kinds[w.g.companies[w.comp[w.bx]].kind].products))
	case sYPN:
		out.WriteString(pick(&w.r, kinds[w.g.companies[w.comp[w.by]].kind].products))
	case sPROD:
		if w.r.chance(40) {
			w.coinName()
		} else {
			out.WriteString(pick(&w.r, productNames))
		}
	case sSPECIALTY:
		out.WriteString(pick(&w.r, specialties))
	case sJOB:
		out.WriteString(pick(&w.r, jobs))
	case sSWHO:
		w.formatted(pick(&w.r, speakerWho))
	case sTECHADJ:
		out.WriteString(pick(&w.r, techAdjectives))
	case sTHING:
		out.WriteString(pick(&w.r, things))
	case sVERBING:
		out.WriteString(pick(&w.r, verbings))
	case sOBJ:
		out.WriteString(pick(&w.r, objects))
	case sASKED:
		s := pick(&w.r, askedAbout)
		if w.t.apos != "'" {
			s = strings.ReplaceAll(s, "'", w.t.apos)
		}
		out.WriteString(s)
	}
}

// formatted writes a short fill-in with %C (country), %Y (year), %V
// (rival), %J (job), %M (month), %T (city), %S (sector) in it.
func (w *writer) formatted(s string) {
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 || i+1 >= len(s) {
			w.out.WriteString(s)
			return
		}
		w.out.WriteString(s[:i])
		w.fill(formatSlot(s[i+1]))
		s = s[i+2:]
	}
}

func formatSlot(c byte) slot {
	switch c {
	case 'C':
		return sCOUNTRY
	case 'Y':
		return sYEAR
	case 'V':
		return sV
	case 'J':
		return sJOB
	case 'M':
		return sMONTH
	case 'T':
		return sCITY
	case 'S':
		return sSECTOR
	}
	return sNone
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// texts are the parsed templates, in one quotation style.
type texts struct {
	apos          string // the apostrophe
	deals         []dealTmpl
	forms         []form
	featureTitles []tmpl
	details       []detail
	paraphrases   []tmpl
	money         []tmpl
	filler        []tmpl
	background    []tmpl
	headings      []tmpl
	standfirsts   []tmpl
	closings      []tmpl

	execQuotes, analystQuotes, investorQuotes []tmpl
}

// dealTmpl is a sentence stating a deal, and the headlines that go with it.
type dealTmpl struct {
	kind   string
	rare   bool // withdrawn or denied
	focus  int  // the company slot the story is about
	text   tmpl
	titles []tmpl
}

// detail is a sentence that adds detail to a deal of the groups it suits
// (see kindGroup; "*" suits all).
type detail struct {
	groups string
	text   tmpl
}

// form is a way of attributing a quotation.
type form struct {
	text    tmpl
	roles   uint8 // bit 1<<roleKind for each kind of speaker it suits
	seen    bool  // only once the speaker has been named
	company bool  // the speaker's company speaks
}

// templateCount returns how many sentence templates the generator draws
// from (deals, titles, quotations and their attributions, filler).
func templateCount() int {
	t := parseTexts(false)
	n := len(t.forms) + len(t.featureTitles) + len(t.details) + len(t.paraphrases) + len(t.money) +
		len(t.filler) + len(t.background) + len(t.headings) + len(t.standfirsts) + len(t.closings) +
		len(t.execQuotes) + len(t.analystQuotes) + len(t.investorQuotes)
	for _, d := range t.deals {
		n += 1 + len(d.titles)
	}
	return n
}

func parseTexts(straight bool) *texts {
	p := func(list []string) []tmpl {
		out := make([]tmpl, len(list))
		for i, s := range list {
			out[i] = parseTmpl(s, straight)
		}
		return out
	}
	t := &texts{
		apos:           "’",
		featureTitles:  p(featureTitles),
		paraphrases:    p(paraphrases),
		money:          p(moneySentences),
		filler:         p(filler),
		background:     p(background),
		headings:       p(headings),
		standfirsts:    p(standfirsts),
		closings:       p(closings),
		execQuotes:     p(execQuotes),
		analystQuotes:  p(analystQuotes),
		investorQuotes: p(investorQuotes),
	}
	if straight {
		t.apos = "'"
	}
	for _, d := range details {
		t.details = append(t.details, detail{groups: d[0], text: parseTmpl(d[1], straight)})
	}
	for _, d := range rawDeals {
		dt := dealTmpl{kind: d.kind, text: parseTmpl(d.text, straight), titles: p(d.titles)}
		dt.rare = strings.Contains(d.flags, "r")
		switch {
		case strings.Contains(d.flags, "y"):
			dt.focus = cY
		case strings.Contains(d.flags, "z"):
			dt.focus = cZ
		}
		t.deals = append(t.deals, dt)
	}
	for _, f := range rawForms {
		ft := form{text: parseTmpl(f.text, straight)}
		for _, c := range f.flags {
			switch c {
			case 'e':
				ft.roles |= 1 << rExec
			case 'p':
				ft.roles |= 1 << rPartner
			case 'a':
				ft.roles |= 1 << rAnalyst
			case 's':
				ft.seen = true
			case 'c':
				ft.company = true
			}
		}
		t.forms = append(t.forms, ft)
	}
	return t
}

// rawDeals: X acts (buys, supplies, licenses, invests), Y is the other
// party (the target, the customer, the start-up raising money), Z and W
// are investors, lenders or advisers. Flags: r withdrawn or denied; y or z
// the story is about Y or Z rather than X.
var rawDeals = []struct {
	kind, flags, text string
	titles            []string
}{
	// Acquisitions and mergers.
	{"acquisition", "", "{X} has agreed to buy {Y}, a {CITY}-based maker of {YPN}, for {AMT} in cash, the companies said on {WEEKDAY}.",
		[]string{"{X} agrees to buy {Y} for {AMT}", "{X} to buy {Y} in {AMT} deal"}},
	{"acquisition", "", "{X} said on {WEEKDAY} that it would acquire {Y} for {AMTQ}, its largest purchase since it was founded.",
		[]string{"{X} to acquire {Y} for {AMT}", "{X} makes its biggest bet yet with {Y} purchase"}},
	{"acquisition", "", "{X} is buying {Y} in a deal worth {AMTQ}, according to a filing published on {WEEKDAY}.",
		[]string{"{X} buys {Y} in {AMT} deal", "{X} snaps up {Y}"}},
	{"acquisition", "", "{X} completed its {AMT} takeover of {Y} on {WEEKDAY}, {N2} months after the deal was first announced.",
		[]string{"{X} completes {AMT} takeover of {Y}", "{X} closes {Y} acquisition"}},
	{"acquisition", "", "{X} will pay {AMT} for {Y}, which employs about {NBIG} people in {CITY} and {CITY2}.",
		[]string{"{X} to pay {AMT} for {Y}", "{X} agrees {AMT} deal for {Y}"}},
	{"acquisition", "", "{X} has made a {AMT} offer for {Y}, setting up a possible bidding contest with {V}.",
		[]string{"{X} makes {AMT} offer for {Y}", "{X} bids for {Y} as {V} circles"}},
	{"acquisition", "", "{X} is in advanced talks to acquire {Y} for {AMTQ}, according to people familiar with the matter.",
		[]string{"{X} in talks to buy {Y}", "{X} nears {AMT} deal for {Y}"}},
	{"acquisition", "", "{X} bought {Y} for {AMT} last {MONTH}, adding a team of {N} engineers who specialise in {SPECIALTY}.",
		[]string{"{X} bought {Y} for {AMT} to get its {SPECIALTY} team", "Why {X} paid {AMT} for {Y}"}},
	{"acquisition", "", "{X}'s {AMT} acquisition of {Y} is expected to close in the {QTR}, subject to approval from {REG}.",
		[]string{"{X} sets {AMT} deal for {Y}", "{X} to acquire {Y} in {AMT} deal"}},
	{"acquisition", "", "{X} has agreed to take over {Y} in a cash-and-shares deal that values the smaller company at {AMT}.",
		[]string{"{X} agrees to take over {Y}", "{X} to take over {Y} for {AMT}"}},
	{"merger", "", "{X} and {Y} have agreed to merge in an all-share deal worth {AMTQ}, creating one of the largest {SECTOR} groups in {REGION}.",
		[]string{"{X} and {Y} agree {AMT} merger", "{X} and {Y} to merge"}},
	{"merger", "", "{X} said it would merge with {Y} in a transaction worth {AMT}, with {X's} shareholders owning about {PCT} per cent of the combined group.",
		[]string{"{X} to merge with {Y} in {AMT} deal", "{X} and {Y} combine"}},
	// Funding rounds.
	{"funding", "y", "{Z} led a {AMT} {ROUND} round in {Y}, which builds {YPN} for {CUSTOMERS}.",
		[]string{"{Z} leads {AMT} round in {Y}", "{Y} raises {AMT} from {Z}"}},
	{"funding", "y", "{Y} has raised {AMT} in a {ROUND} round led by {Z}, with participation from {W}.",
		[]string{"{Y} raises {AMT} in round led by {Z}", "{Y} lands {AMT} as investors pile into {SECTOR}"}},
	{"funding", "y", "{Y}, a {CITY} start-up that makes {YPN}, said on {WEEKDAY} it had raised {AMT} from investors led by {Z}.",
		[]string{"{Y} raises {AMT}", "{CITY} start-up {Y} raises {AMT}"}},
	{"funding", "y", "{Z} and {W} co-led a {AMT} investment in {Y}, valuing the start-up at {VAL}.",
		[]string{"{Y} valued at {VAL} after {AMT} round", "{Z} and {W} back {Y}"}},
	{"funding", "y", "{Y} is in talks to raise up to {AMT} in fresh funding from {Z} and other investors, people familiar with the talks said.",
		[]string{"{Y} in talks to raise up to {AMT}", "{Y} seeks {AMT} from {Z}"}},
	{"funding", "y", "{Y} closed a {ROUND} funding round of {AMTQ} on {WEEKDAY}, led by {Z}.",
		[]string{"{Y} closes {AMT} round", "{Y} raises {AMT} led by {Z}"}},
	{"investment", "", "{X} will invest {AMTQ} in {Y} as part of a broader agreement to use its {XPN}.",
		[]string{"{X} to invest {AMT} in {Y}", "{X} invests {AMT} in {Y}"}},
	{"investment", "", "{X} said it would invest up to {AMT} in {Y} over {NYEARS} years, becoming its largest outside shareholder.",
		[]string{"{X} to invest up to {AMT} in {Y}", "{X} bets {AMT} on {Y}"}},
	// Supply, licensing, contracts.
	{"supply", "", "{X} has signed a {AMT} deal to supply {Y} with {XPN} over the next {NYEARS} years.",
		[]string{"{X} signs {AMT} deal to supply {Y}", "{X} to supply {Y} in {AMT} deal"}},
	{"supply", "", "{X} will supply {XPN} to {Y} under a {NYEARS}-year agreement worth {AMTQ}.",
		[]string{"{X} wins {AMT} supply deal with {Y}", "{Y} signs {AMT} supply agreement with {X}"}},
	{"supply", "", "{Y} has signed a {AMT} supply agreement with {X} for {XPN}, the companies said in a joint statement.",
		[]string{"{Y} signs {AMT} supply agreement with {X}", "{X} lands {Y} as customer"}},
	{"licensing", "", "{X} has agreed to license its {PROD} {XPN} to {Y} in a deal worth {AMTQ}.",
		[]string{"{X} licenses {PROD} to {Y} for {AMT}", "{X} strikes licensing deal with {Y}"}},
	{"licensing", "", "{Y} signed a licensing agreement with {X} that gives it access to the {PROD} technology for {AMT} upfront.",
		[]string{"{Y} pays {AMT} to license {X's} technology", "{Y} signs licensing deal with {X}"}},
	{"contract", "y", "{Y} won a {AMT} contract from {X} to provide {YPN} for its sites in {COUNTRY}.",
		[]string{"{Y} wins {AMT} contract from {X}", "{X} hands {Y} {AMT} contract"}},
	{"contract", "", "{X} awarded {Y} a {NYEARS}-year contract worth {AMTQ}, the largest in {Y's} history.",
		[]string{"{Y} wins {AMT} contract from {X}", "{X} awards {AMT} contract to {Y}"}},
	// Partnerships and joint ventures.
	{"partnership", "", "{X} and {Y} announced a partnership on {WEEKDAY} to build {XPN} for {CUSTOMERS}.",
		[]string{"{X} and {Y} team up on {XPN}", "{X} partners with {Y}"}},
	{"partnership", "", "{X} has teamed up with {Y} to offer {XPN} to {CUSTOMERS} in {COUNTRY}.",
		[]string{"{X} teams up with {Y} in {COUNTRY}", "{X} and {Y} join forces"}},
	{"partnership", "", "{X} said it had entered a strategic partnership with {Y} worth {AMTQ} over {NYEARS} years.",
		[]string{"{X} and {Y} strike {AMT} partnership", "{X} partners with {Y} in {AMT} deal"}},
	{"joint_venture", "", "{X} and {Y} will form a joint venture in {CITY} to develop {XPN}, with each company holding half.",
		[]string{"{X} and {Y} form joint venture", "{X} and {Y} set up {CITY} venture"}},
	{"joint_venture", "", "{X} and {Y} said they would set up a {AMT} joint venture to build data centres in {COUNTRY}.",
		[]string{"{X} and {Y} plan {AMT} data-centre venture", "{X} and {Y} form joint venture in {COUNTRY}"}},
	// Listings.
	{"ipo", "y", "{Y} is preparing to list its shares in {CITY} as soon as {MONTH}, hoping to raise about {AMT}, with {Z} advising on the listing.",
		[]string{"{Y} prepares {AMT} listing", "{Y} readies IPO"}},
	{"ipo", "y", "{Y} raised {AMT} in its initial public offering on {WEEKDAY}, after {Z} priced its shares at the top of the range.",
		[]string{"{Y} raises {AMT} in IPO", "{Y} prices IPO at top of range"}},
	{"ipo", "y", "{Y} has filed confidentially for an IPO, with {Z} and {W} advising, people familiar with the plans said.",
		[]string{"{Y} files for IPO", "{Y} takes first step towards listing"}},
	{"ipo", "y", "{Y} plans to go public next year in a listing that could raise more than {AMT}, with {Z} leading the offering.",
		[]string{"{Y} plans {AMT} IPO", "{Y} eyes listing next year"}},
	// Stakes.
	{"stake", "", "{X} has bought a {PCT} per cent stake in {Y} for {AMTQ}.",
		[]string{"{X} takes {PCT}% stake in {Y}", "{X} buys stake in {Y} for {AMT}"}},
	{"stake", "", "{X} took a {PCT}% stake in {Y} last {MONTH}, paying about {AMT}.",
		[]string{"{X} takes stake in {Y}", "{X} pays {AMT} for slice of {Y}"}},
	{"stake", "", "{Z} agreed to sell its {PCT} per cent stake in {Y} to {X} for {AMT}.",
		[]string{"{Z} sells {Y} stake to {X}", "{X} buys {Z's} stake in {Y}"}},
	// Loans and funds.
	{"loan", "y", "{Y} has secured a {AMT} loan from a group of lenders led by {Z} to pay for new data centres.",
		[]string{"{Y} secures {AMT} loan", "{Z} leads {AMT} loan to {Y}"}},
	{"loan", "y", "{Z} agreed to lend {Y} {AMTQ} to fund the expansion, secured against its equipment.",
		[]string{"{Z} lends {AMT} to {Y}", "{Y} borrows {AMT} from {Z}"}},
	{"loan", "y", "{Y} has borrowed {AMT} from {Z} under a credit facility that runs for {NYEARS} years.",
		[]string{"{Y} borrows {AMT} from {Z}", "{Y} takes on {AMT} in debt"}},
	{"fund", "z", "{Z} has closed a {AMT} fund to back early-stage companies working on {SECTOR}.",
		[]string{"{Z} closes {AMT} fund for {SECTOR}", "{Z} raises {AMT} fund"}},
	{"fund", "z", "{Z} raised {AMTQ} for its {ORDINAL} fund, which will invest in {SECTOR} start-ups across {REGION}.",
		[]string{"{Z} raises {AMT} for {ORDINAL} fund", "{Z} closes {AMT} fund"}},
	// Withdrawn and denied.
	{"acquisition", "r", "{X} walked away from its {AMT} bid for {Y} on {WEEKDAY}, citing concerns raised by {REG}.",
		[]string{"{X} walks away from {AMT} bid for {Y}", "{X} drops bid for {Y}"}},
	{"acquisition", "r", "{X} has abandoned plans to buy {Y} after the two sides failed to agree on a price.",
		[]string{"{X} abandons plan to buy {Y}", "{X} and {Y} fail to agree on price"}},
	{"ipo", "ry", "{Y} shelved its planned {AMT} IPO in {MONTH}, blaming volatile markets.",
		[]string{"{Y} shelves IPO", "{Y} puts {AMT} listing on hold"}},
	{"supply", "r", "{X} pulled out of a {AMT} supply deal with {Y} last {MONTH}, according to a regulatory filing.",
		[]string{"{X} pulls out of {AMT} supply deal with {Y}", "{X} and {Y} supply deal collapses"}},
	{"merger", "r", "{X} and {Y} called off their proposed merger after {N2} months of talks.",
		[]string{"{X} and {Y} call off merger", "{X} and {Y} scrap merger plans"}},
	{"loan", "ry", "{Z} terminated a {AMT} loan agreement with {Y} after the company missed a payment.",
		[]string{"{Z} terminates {AMT} loan to {Y}", "{Y} loses {Z} loan"}},
	{"acquisition", "r", "{X} denied a report that it was in talks to buy {Y} for {AMTQ}.",
		[]string{"{X} denies talks to buy {Y}", "{X} denies report of {AMT} bid for {Y}"}},
	{"acquisition", "ry", "{Y} denied that it had been approached by {X} about a takeover.",
		[]string{"{Y} denies takeover approach from {X}", "{Y} rejects {X} takeover report"}},
	{"investment", "r", "{X} denied that it planned to invest {AMT} in {Y}, calling the report speculation.",
		[]string{"{X} denies plan to invest in {Y}", "{X} denies {AMT} investment in {Y}"}},
}

// rawForms attribute a quotation. Flags: e, p, a the speakers it suits
// (executive, investor, analyst); s only once the speaker is named; c the
// company speaks rather than the person.
var rawForms = []struct{ flags, text string }{
	{"epa", "“{QT},” {S+} said."},
	{"epa", "“{QT},” said {S}, {Srole}."},
	{"e", "“{QT},” {S}, {Srole}, told reporters on a call."},
	{"epa", "“{QT},” {S+} says."},
	{"epa", "According to {S+,} “{QT}.”"},
	{"e", "{S}, {Srole}, said in a statement: “{QT}.”"},
	{"epa", "“{QT},” {S+} said. “{QT2}.”"},
	{"epas", "“{QT},” {she} said."},
	{"epas", "“{QT},” added {S}."},
	{"a", "“{QT},” {S+} wrote in a note to clients."},
	{"ep", "“{QT},” {S+} said in an interview. “{QT2}.”"},
	{"ec", "“{QT},” {Sorg} said in a statement."},
	{"ec", "In a statement, {Sorg} said: “{QT}.”"},
	{"e", "“{QT},” says {S}, who {SWHO}."},
	{"epas", "{S} was blunt. “{QT},” {she} said."},
	{"e", "{S+} told analysts on a call: “{QT}.”"},
	{"ep", "“{QT},” {S+} told investors. “{QT2}.”"},
	{"epa", "“{QT},” {S+} said on {WEEKDAY}, adding: “{QT2}.”"},
	{"ep", "“{QT},” {S+} wrote in a blog post."},
	{"ec", "“{QT},” a spokesperson for {Sorg} said."},
	{"epa", "Asked about {ASKED}, {S+} said: “{QT}.”"},
	{"e", "“{QT},” {S+} wrote in a letter to shareholders."},
	{"epa", "“{QT},” {S+} said. “{QT2},” {she} added."},
	{"a", "“{QT},” said {S}, {Srole}, who follows the sector."},
	{"epas", "{She} put it more bluntly: “{QT}.”"},
	{"a", "{S+} said the market had reacted sensibly. “{QT},” {she} said."},
	{"ep", "“{QT},” {S+} told a conference in {CITY} last {MONTH}."},
}

var execQuotes = []string{
	"We grew faster than anyone expected, and we ran out of hands before we ran out of demand",
	"This gives us the scale to compete with anyone in {SECTOR}",
	"Our customers have been asking us for this for two years",
	"We looked at building it ourselves, and it would have taken us three years longer",
	"Nobody wins in this market by standing still",
	"The demand we see for {XPN} is unlike anything I have seen in my career",
	"We are not selling a product, we are selling time",
	"This is about the next ten years, not the next quarter",
	"We think the price is fair for what we are getting",
	"Our teams have worked together for a long time, so this is a natural next step",
	"Every month we spent fundraising was a month we were not shipping",
	"We will keep the brand, the team and the office in {CITY}",
	"There is no shortage of ideas in this industry, only a shortage of power",
	"We want to be the company that {CUSTOMERS} trust with their most important work",
	"We have been profitable for two years and we intend to stay that way",
	"Frankly, we could not have done this alone",
	"The hardest part is not the technology, it is finding people who can build it",
	"We have said for a long time that {SECTOR} would consolidate, and now it is happening",
	"I don't think anyone expected the market to move this quickly",
	"Our job is to make sure the chips are never idle",
	"We are going to spend this money on engineers and electricity, in that order",
	"This deal lets us focus on what we are good at",
	"We are building for a world in which every company runs its own models",
	"Scale matters, and now we have it",
	"It is a big cheque, but the opportunity is bigger",
	"We turned down other offers because this partner understands what we are building",
	"We expect to hire several hundred people in {COUNTRY} over the next year",
	"Our margins will improve as the new capacity comes online",
	"We are confident the regulators will see the benefits for customers",
	"There will be no job cuts as a result of this transaction",
	"We had a choice between growing slowly on our own or quickly with a partner",
	"The models are getting better every month, and so are the bills",
	"What matters to our customers is reliability, and that is what this buys us",
	"We have more orders than we can fill until the end of next year",
	"People underestimate how much of this business is plumbing",
	"We are at the beginning of a very long build-out",
	"I have never been more optimistic about this company",
	"We are not in a hurry to be anything other than useful",
	"The next generation of {XPN} will be built in {REGION}",
	"We believe this is the right price for the right asset at the right time",
	"Customers want fewer suppliers, not more",
	"We can now offer everything from the chip to the application",
	"If we did not do this deal, one of our competitors would have",
	"This is the most important decision we have made since we started the company",
	"We will share more details when the transaction closes",
	"Our shareholders have been patient, and this is their reward",
	"We were cautious for a long time, and now is the moment to be bold",
	"Our customers don't care how clever the technology is; they care whether it works on a Monday morning",
	"We will not chase growth at any price",
	"I spend most of my time on two things: hiring and electricity",
	"It took us seven years to become an overnight success",
	"We have learned more from our failures than from our successes",
	"This is not a bubble; this is a build-out",
	"There is more demand than there is supply, and that will be true for years",
	"We are a small company with big customers, and that keeps us honest",
	"We chose {CITY} because that is where the engineers are",
	"The regulators asked hard questions, and they were right to",
	"What we sell is certainty",
	"We did the maths many times, and it always came out the same way",
	"Every conversation I have with customers ends with the same question: how soon",
	"Competition keeps us sharp, and we welcome it",
	"The easy part is buying the chips; the hard part is keeping them busy",
	"We would rather be early than late",
	"Nothing about this industry is normal right now",
	"I am proud of what the team has built, and I want them to share in what comes next",
	"We had three offers on the table and chose the one that was best for our customers",
	"Our bet is that {SECTOR} will look very different in five years",
	"Power is the new real estate",
	"We are going to keep investing through the cycle",
	"It is a marathon, not a sprint, and we have the legs for it",
	"The best technology does not always win, but it helps",
	"We are hiring as fast as we responsibly can",
	"Our growth this year has been extraordinary, and it is not slowing down",
	"We have been careful with money since the day we started",
	"This will make us stronger, simpler and faster",
	"I want us to be boring, reliable and everywhere",
	"Our {TECHADJ} {THING} are already {VERBING} {OBJ} for {CUSTOMERS}",
	"Nobody else can put {TECHADJ} {THING} into production at this scale",
}

var analystQuotes = []string{
	"This is a bet on engineers dressed up as a growth story",
	"The price looks steep, but scarcity has a price",
	"Investors will want to see the revenue before they believe the story",
	"It makes strategic sense, but integration is where these deals go wrong",
	"The market has never rewarded companies that buy growth",
	"This is a defensive move as much as an offensive one",
	"Everyone in {SECTOR} is looking for the same few engineers",
	"The numbers only work if demand keeps rising at the current pace",
	"I would be surprised if regulators let this through without conditions",
	"It is a sensible deal at a sensible price, which is rare these days",
	"There is a lot of money chasing a small number of good assets",
	"The question is not whether they can afford it but whether they can use it",
	"This looks like the top of the cycle to me",
	"Whoever controls the power supply controls the market",
	"They are paying for optionality, and optionality is expensive",
	"I expect more deals like this before the end of the year",
	"The smaller players will struggle to keep up",
	"Margins in {SECTOR} are thinner than the headlines suggest",
	"The deal removes a competitor and adds a customer at the same time",
	"On paper it is a good fit; in practice the cultures are very different",
	"Investors are right to ask where the cash will come from",
	"This is the kind of deal that looks obvious in hindsight",
	"Capacity is the product now, and they have just bought a lot of it",
	"It is hard to see who else could have paid that much",
	"Shareholders were hoping for a dividend, not a shopping spree",
	"The strategic logic is clear; the financial logic less so",
	"This deal tells you how scarce good engineering teams have become",
	"Execution risk is high, and the margin for error is thin",
	"It is a bold move, and bold moves in this sector have a mixed record",
	"The valuation assumes everything goes right",
	"Nobody wants to be the company that missed the shift",
	"I think investors will warm to it once they see the numbers",
	"They had to do something, and this was the least bad option",
	"The market is rewarding scale and punishing everyone else",
	"There are still more questions than answers",
	"Regulators have been looking for a case like this",
	"This is about securing supply, not about growth",
	"Customers will benefit in the short term; competitors will not",
	"I would not be surprised to see a counter-offer",
	"It is a tidy deal that fills an obvious gap",
	"The risk is that they overpay at the top of the market",
	"These contracts look enormous until you spread them over a decade",
	"Much of the spending is circular, with the same money moving between the same few companies",
	"The market for {TECHADJ} {THING} is real, but it is smaller than the hype suggests",
}

var investorQuotes = []string{
	"We backed the team before we backed the product",
	"This is one of the few companies in {SECTOR} with real revenue",
	"We think the market is underestimating how big this can get",
	"Our investment will help them hire and expand into {REGION}",
	"We have known the founders for years and we are thrilled to back them again",
	"Valuations have come down, which makes this a good time to invest",
	"We look for companies that will still matter in ten years",
	"The round was oversubscribed within a week",
	"We are long-term investors and we are in no hurry",
	"Every serious company will need this technology",
	"We were impressed by how little money they needed to get this far",
	"Good founders are rare, and we don't let them go",
	"The returns in {SECTOR} will be uneven, but the winners will be very large",
	"We are happy to lead, and happier still that others wanted to follow",
	"Capital is not the constraint for the best companies; talent is",
	"We invest in people who are obsessed with their customers",
	"This is the most capital-efficient team we have ever seen in {SECTOR}",
	"We have been watching this space for years, waiting for the right company",
	"There is room for several very large companies here",
	"We are comfortable being patient when the prize is this big",
	"Our job is to help them avoid the mistakes we have seen elsewhere",
	"The best founders tell you what they don't know",
	"We led because we wanted a seat at the table",
}

var featureTitles = []string{
	"Inside {X's} push into {SECTOR}",
	"Why investors are betting on {SECTOR}",
	"The race to build data centres in {COUNTRY}",
	"How {X} became a quiet giant of {SECTOR}",
	"{X} and the price of compute",
	"The deals reshaping {SECTOR}",
	"What {X's} latest move says about {SECTOR}",
	"Power, chips and patience: the new economics of {SECTOR}",
	"The quiet rise of {X}",
	"Can {X} keep up with demand for {XPN}?",
	"Why {CITY} is becoming a hub for {SECTOR}",
	"The money behind {SECTOR}",
}

// details add to a deal sentence; the first string lists the groups of
// deal they suit (see kindGroup).
var details = [][2]string{
	{"a", "The deal, which still needs approval from {REG}, would give {X} a team of about {N} engineers."},
	{"a", "The transaction is expected to close in the {QTR}, subject to approval from {REG}."},
	{"a", "Both boards have approved the deal, which still requires the backing of {Y's} shareholders."},
	{"fl", "The money will be used to hire engineers and expand into {COUNTRY}, the company said."},
	{"f", "Existing investors also took part."},
	{"sl", "The agreement runs for {NYEARS} years and can be extended."},
	{"*", "Financial terms beyond the headline figure were not disclosed."},
	{"s", "The companies did not say how the payments would be spread over time."},
	{"*", "The deal is the {ORDINAL} of its kind this year."},
	{"ai", "Advisers on the transaction included {W}."},
	{"as", "It follows months of talks that at one point appeared to have collapsed."},
	{"a", "The terms include a break fee if either side walks away."},
	{"a", "The price represents a premium of {PCT} per cent to {Y's} closing share price on {WEEKDAY}."},
	{"s", "The arrangement makes {Y} one of the largest customers of {Xd}."},
	{"a", "Under the terms, {Y} will keep its own board and its headquarters in {CITY}."},
	{"af", "People familiar with the talks said the final price was lower than first discussed."},
	{"s", "The agreement includes an option to extend the arrangement by a further {NYEARS} years."},
	{"*", "The announcement came hours before {X} was due to report its results."},
	{"f", "The round values the company at {VAL}, up from {VAL} a year earlier."},
	{"f", "The new money brings the total it has raised since it was founded to more than {VAL}."},
	{"i", "The shares are expected to start trading in {CITY} within weeks."},
	{"i", "The listing would be the largest by a technology company in {COUNTRY} this year."},
	{"i", "Bankers say the market for new listings has reopened after two quiet years."},
	{"l", "The loan carries an interest rate of about {PCT} per cent, according to people familiar with the terms."},
	{"l", "Lenders have grown more willing to finance data centres as demand for computing power has risen."},
	{"s", "The first deliveries are expected in the {QTR}."},
	{"s", "Neither company would say how much {Y} had committed to spend."},
	{"f", "The company has not yet turned a profit."},
}

var paraphrases = []string{
	"{S} said the company would keep the {Yb} brand for at least {NYEARS} years.",
	"{She} added that none of {Y's} {N} staff would be asked to relocate.",
	"{S} said {she} expected the deal to add to earnings within {NYEARS} years.",
	"{S} declined to comment on the price.",
	"{She} said demand for {XPN} had outstripped supply for {N2} consecutive quarters.",
	"{S} said the company had considered several other options before settling on this one.",
	"{She} said the company had no plans to raise more money this year.",
	"{S} said the two companies had been talking since last {MONTH}.",
	"{She} declined to say how many people the company would hire.",
	"{S} said most of the money would go on chips and electricity.",
	"{She} said the company would announce more partnerships in the coming months.",
	"{S} said the team in {CITY} would double in size.",
	"{She} did not rule out further acquisitions.",
	"{S} said {his} priority was to keep the company's customers happy.",
	"{S} said the company had been approached by several suitors over the past year.",
	"{She} said integration would take about {N2} months.",
	"{S} said {she} would remain with the business for at least {NYEARS} years.",
	"{She} said the company was in no rush to return money to shareholders.",
	"{S} said customers had been told about the change in advance.",
	"{She} said the company would consider a listing once markets settled.",
}

var moneySentences = []string{
	"{X} reported revenue of {REV} for the {QTR}, up {PCT} per cent from a year earlier.",
	"Shares in {X} fell {PCT} per cent in {CITY} on {WEEKDAY}, wiping roughly {MV} off its market value.",
	"{X's} shares rose {PCT}% after the announcement, adding about {MV} to the company's market value.",
	"{X} expects sales of about {REV} this year, according to its latest guidance.",
	"Each of its {PROD} units costs about {PRICE}, and the company shipped more than {NBIG} of them last year.",
	"{X} charges customers {PRICESMALL} a month for access to its {PROD} service.",
	"The company booked revenue of about {REV} last year, according to people familiar with its accounts.",
	"{X} said its annualised revenue had passed {REV}.",
	"{X} spent {MV} on data centres in the past year, more than double the previous year.",
	"{X} lost {REV} in the {QTR} as it spent heavily on computing power.",
	"{X} is valued at about {VAL}, according to its most recent funding round.",
	"Analysts expect {X} to report an operating profit of {REV} for the full year.",
	"At its peak, {X} was worth more than {MV}; its shares have since lost almost half their value.",
	"{X} plans to spend up to {MV} on new chips next year, according to its chief financial officer.",
	"{X's} stock has gained {PCT} per cent this year, giving it a market value of about {MV}.",
	"The company's gross margin narrowed to {PCT} per cent in the {QTR}, from {PCT} per cent a year earlier.",
	"A single rack of its newest servers sells for about {PRICE}.",
	"{X} has {REV} in cash and short-term investments, enough to fund its plans for {NYEARS} years, it said.",
	"The company's order backlog stood at {REV} at the end of the {QTR}.",
	"{X} paid a special dividend of {PRICESMALL} a share last year.",
	"Its research budget has grown to about {REV} a year.",
	"{X} expects to spend roughly {MV} on new facilities over the next {NYEARS} years.",
	"Its debts total about {REV}, most of it due after {YEAR}.",
	"Net income rose to {REV} in the {QTR}, beating analysts' forecasts.",
	"The company burned through about {REV} of cash last year.",
	"A licence for its software starts at about {PRICE} a year for large customers.",
}

var filler = []string{
	"{X} launched its {PROD} {XPN} in {MONTH}, aimed at {CUSTOMERS}.",
	"The latest version of {PROD} runs {N2} times faster than its predecessor, the company says.",
	"{X} says more than {NBIG} customers now use its {XPN}, up from a few hundred two years ago.",
	"Its {PROD} platform is used by {CUSTOMERS} in more than {N2} countries.",
	"{X} has been testing its {XPN} with {CUSTOMERS} in {CITY} since last {MONTH}.",
	"Early customers have complained about delays, and {X} has pushed back the general release of {PROD} twice.",
	"Competition in {SECTOR} has intensified over the past year as larger rivals have moved in.",
	"The market for {XPN} is expected to grow by about {PCT} per cent a year until the end of the decade.",
	"Investors have poured money into {SECTOR} start-ups this year, betting that demand will keep rising.",
	"{V} remains the market leader, with about {PCT} per cent of sales in {REGION}.",
	"Prices for {XPN} have fallen sharply since the start of the year as new suppliers have entered the market.",
	"Some investors worry that the sector is overheating, with valuations running far ahead of revenue.",
	"{X} has hired about {N} people this year, most of them engineers in {CITY} and {CITY2}.",
	"The company employs about {NBIG} people, a third of them in research.",
	"{X} plans to double its workforce in {COUNTRY} by the end of next year.",
	"Like many of its rivals, {X} has struggled to recruit experienced engineers, who can command salaries well above the industry average.",
	"{X} cut about {PCT} per cent of its staff in {MONTH} as it refocused on {SECTOR}.",
	"Several senior engineers left {X} for {V} last year, according to people familiar with the matter.",
	"{X} operates {N2} data centres in {REGION} and is building another outside {CITY}.",
	"The new data centre near {CITY} will draw up to {MW} megawatts of power when it is finished.",
	"Finding enough electricity has become the biggest obstacle to building new data centres in {COUNTRY}.",
	"{X} has signed long-term power contracts with wind and solar farms to cover most of its demand.",
	"Its largest site, in {CITY}, houses tens of thousands of chips and is cooled with water from a nearby river.",
	"Local officials in {CITY} have raised concerns about the strain that new data centres put on the grid.",
	"Competition authorities in {COUNTRY} have opened an inquiry into how the largest companies in {SECTOR} share data.",
	"Lawmakers in {COUNTRY} are debating new rules that would require companies to disclose how their models are trained.",
	"{X} said it did not expect the new rules to affect its business materially.",
	"{X's} biggest customers include {V} and several large {CUSTOMERS}.",
	"{X} counts {CUSTOMERS} in {COUNTRY} and {COUNTRY2} among its clients.",
	"Demand for computing power has risen sharply over the past two years, as companies race to build and run larger models.",
	"The shortage of advanced chips has eased somewhat, but lead times for the most powerful parts remain long.",
	"Analysts say consolidation in {SECTOR} is likely to continue as smaller companies struggle to raise money.",
	"Higher interest rates have made investors more selective, and many start-ups have had to accept lower valuations.",
	"{XD} has been expanding quickly into {REGION}, where demand from {CUSTOMERS} has grown fastest.",
	"{V} has taken a different approach, designing its own {XPN} rather than buying them from suppliers.",
	"The company says its software cuts the energy used by each query by about {PCT} per cent.",
	"Most of its engineers work from offices in {CITY}, although the company also has a small team in {CITY2}.",
	"{X} opened a research centre in {CITY} in {MONTH}, its {ORDINAL} outside {COUNTRY}.",
	"Cooling has become a bigger share of the cost of running a data centre as chips have grown hotter.",
	"Governments in {REGION} have offered tax breaks to attract new data centres, with mixed results.",
	"The company has said it wants to be carbon neutral by the end of the decade.",
	"{X} releases a new version of its {XPN} roughly every {N2} months.",
	"Its open-source tools have been downloaded millions of times, giving it a following among developers.",
	"{X} has been hit by a series of outages this year, the longest of which lasted almost a day.",
	"Union representatives in {CITY} have asked for talks about how automation will affect jobs at the site.",
	"The company trains its models on a cluster of several thousand chips in {COUNTRY}.",
	"Regulators in {REGION} have yet to decide how the new rules on {SECTOR} will be enforced.",
	"{X} has been among the most active buyers of smaller companies in {SECTOR}, completing {N2} deals in two years.",
	"Customers in {COUNTRY} have been slower to adopt {XPN} than those in {COUNTRY2}.",
	"The industry's appetite for memory chips has pushed up prices for phones and laptops as well.",
	"{X} publishes little about its finances, but people who have seen its accounts say it is growing quickly.",
	"A shortage of transformers and switchgear has delayed several data-centre projects in {REGION}.",
	"The company runs a training programme in {CITY} for engineers who want to move into {SECTOR}.",
	"{X} moved its headquarters from {CITY} to {CITY2} last year, citing lower costs.",
	"Its newest chips are made at a plant in {COUNTRY} that opened in {MONTH}.",
	"{X} has started selling its {XPN} through resellers in {REGION}, a market it previously served directly.",
	"Engineers at {X} say the biggest gains now come from better software rather than faster hardware.",
	"The company recently opened a showroom in {CITY} where customers can watch its {XPN} at work.",
	"{X} shut down an unprofitable consumer app last year to concentrate on business customers.",
	"A former supplier has sued {X} over unpaid invoices, a claim the company rejects.",
	"Its factory outside {CITY} runs three shifts a day and still cannot keep up with orders.",
	"The company's engineers have published dozens of papers on {SPECIALTY}, several of them widely cited.",
	"{X} says it recycles the heat from its servers to warm nearby homes and greenhouses.",
	"Most of its revenue still comes from a handful of large customers, which worries some analysts.",
	"{X} has begun charging by the hour for access to its {XPN}, rather than by the year.",
	"The backlog of orders stretches well into next year, according to people close to the company.",
	"{X} trains apprentices at a college in {CITY}, and says many of them stay for years.",
	"Weather delays and a shortage of skilled electricians slowed construction at its newest site.",
	"{X} was fined by the data-protection authority in {COUNTRY} last year for mishandling customer records.",
	"The company keeps a low profile and rarely gives interviews.",
	"Customers praise the reliability of its {XPN} but complain about the price.",
	"Half of its staff work remotely, spread across more than {N2} time zones.",
	"{X} sponsors a popular coding competition for students in {REGION}.",
	"Its annual developer conference in {CITY} drew several thousand people this year.",
	"The sector has attracted a wave of former bankers and consultants, drawn by generous share options.",
	"Insurers have become wary of covering data centres built in areas prone to flooding.",
	"Water use has become a sensitive issue for data centres in dry regions such as southern {COUNTRY}.",
	"Chip designers increasingly rely on a single advanced manufacturer, a dependence that worries governments.",
	"Electricity prices in {COUNTRY} have roughly doubled since {YEAR}, squeezing operators' margins.",
	"Some customers have started building their own {XPN}, reducing their reliance on suppliers such as {X}.",
	"Open-source models have narrowed the gap with proprietary ones, putting pressure on prices.",
	"Academic researchers complain that they can no longer afford the computing power needed for frontier work.",
	"The industry has become a magnet for sovereign wealth funds looking for long-term growth.",
	"Trade restrictions on advanced chips have forced several companies to redesign their supply chains.",
	"{X} builds most of its hardware in {COUNTRY}, but sources components from more than {N2} countries.",
	"A recent outage at a rival reminded customers how dependent they have become on a few providers.",
	"{V} has cut its prices twice this year in an effort to win market share.",
	"The company's chief scientist left in {MONTH} to start a rival venture in {CITY}.",
	"Demand from {CUSTOMERS} has proved steadier than demand from consumers.",
	"{X} runs a small venture arm that backs start-ups building on its platform.",
	"Researchers at {X} recently demonstrated a prototype that uses a tenth of the usual power.",
	"{X} has promised to publish an annual report on the environmental impact of its operations.",
	"Recruiters say salaries for engineers with experience in {SPECIALTY} have risen by a third in two years.",
	"The company has struggled to turn pilots into long-term contracts, a common problem in the industry.",
	"Its executives spend much of their time courting officials in {COUNTRY}, which has become its second-largest market.",
	"{X} uses a mix of its own chips and those bought from suppliers to run its models.",
	"Critics argue that the industry's energy demands will make climate targets harder to meet.",
	"Several pension funds have said they want more disclosure about the risks of the build-out.",
	"{X} has quietly tripled the size of its sales team since the start of the year.",
	"The firm's largest site sits next to a hydroelectric dam, which supplies most of its power.",
	"{X} is developing {TECHADJ} {THING} for {VERBING} {OBJ}.",
	"Its engineers are working on {TECHADJ} {THING} that could halve the cost of {VERBING} {OBJ}.",
	"The company also sells software for {VERBING} {OBJ} to {CUSTOMERS}.",
	"A pilot project in {CITY} uses its {TECHADJ} {THING} for {VERBING} {OBJ}.",
	"{V} is working on {TECHADJ} {THING} of its own, aimed at {VERBING} {OBJ}.",
	"Start-ups building {TECHADJ} {THING} have attracted growing interest from {CUSTOMERS}.",
	"The next version of {PROD} adds {TECHADJ} {THING} and support for {VERBING} {OBJ}.",
	"{X} demonstrated {TECHADJ} {THING} at a trade fair in {CITY} in {MONTH}.",
	"Customers use the system for {VERBING} {OBJ} and, increasingly, for {VERBING} {OBJ}.",
	"Its patents cover {TECHADJ} {THING}, which rivals have struggled to copy.",
	"{X} bought a small maker of {TECHADJ} {THING} last year for an undisclosed sum.",
	"Trials of its {TECHADJ} {THING} for {VERBING} {OBJ} are due to finish in the {QTR}.",
	"Property developers in {CITY} report a rush of inquiries from companies looking for sites with grid connections.",
	"{X} has lobbied officials in {COUNTRY} to speed up planning approvals for new sites.",
	"The company is experimenting with small modular reactors as a long-term source of power.",
	"Its first customers were hobbyists, before {CUSTOMERS} took notice.",
	"Teachers and nurses are among the most enthusiastic users of its tools, the company says.",
	"{X} has set aside part of its budget for grants to researchers studying the risks of its technology.",
	"Staff turnover at {X} is lower than the industry average, according to a recruitment firm.",
	"Its engineers recently rewrote much of the company's software to run on cheaper hardware.",
	"Translation and customer support remain the most popular uses of its models.",
	"The company claims its systems make fewer mistakes than human reviewers, a claim some experts dispute.",
	"A growing share of its sales now comes from subscriptions rather than one-off licences.",
	"{X} has struggled to convince smaller customers that its products are worth the price.",
	"The company operates a fleet of more than {NBIG} devices across {REGION}.",
	"It recently moved into a renovated textile mill on the edge of {CITY}.",
	"Government agencies in {COUNTRY} have become important, if slow-paying, customers.",
	"The sector's rapid growth has outpaced the supply of qualified technicians, especially in {REGION}.",
	"{X} says its latest chips can be cooled by air rather than water, which simplifies installation.",
	"Shipping delays in the {QTR} forced {X} to fly components in from {COUNTRY} at great cost.",
	"Farmers in {COUNTRY} have begun using its systems for {VERBING} {OBJ}.",
	"Hospitals in {CITY} are testing whether its software can speed up {VERBING} {OBJ}.",
	"The company's public-sector arm works with councils on {VERBING} {OBJ}.",
	"Trade unions have questioned whether {VERBING} {OBJ} should be left to machines.",
	"The market for software for {VERBING} {OBJ} is fragmented, with dozens of small vendors.",
	"Few companies have managed to make money from {VERBING} {OBJ}, though many have tried.",
}

var background = []string{
	"{X} was founded in {YEAR} by {S}, a former {JOB} at {V}.",
	"Founded in {YEAR} in {CITY}, {X} started out making {XPN} for {CUSTOMERS}.",
	"{X} spun out of a university research group in {CITY} in {YEAR}.",
	"The company has had a turbulent few years, replacing its chief executive twice since {YEAR}.",
	"{X} went public in {CITY} in {YEAR} and has since expanded into {SECTOR}.",
	"{S} has led {X} since {YEAR}, when {she} took over from one of its founders.",
	"{X} began as a consultancy before turning to {SECTOR} in {YEAR}.",
	"{XD} was among the first companies in {REGION} to sell {XPN}, and it still counts many of its early customers among its clients.",
	"{X} nearly ran out of money in {YEAR}, before a rescue round from its existing investors kept it afloat.",
	"{S}, who grew up in {CITY}, studied {SPECIALTY} before joining the company.",
	"{X} was started by {S} and two former colleagues from {V} in a shared office in {CITY}.",
	"In its early years {X} sold consulting services to keep the lights on while it built its first product.",
	"{S} left a job as a {JOB} to start the company in {YEAR}.",
	"The company rebranded in {YEAR}, dropping a name that customers often misspelled.",
	"{X} spent its first {N2} years selling almost exclusively to {CUSTOMERS}.",
	"The founders met as students in {CITY}, where they worked on {SPECIALTY}.",
	"{X} survived a near-collapse in {YEAR}, when its largest customer cancelled its orders.",
	"{S} is known inside the company for answering customer emails personally.",
}

var headings = []string{
	"A crowded market", "The numbers", "Regulators circle", "What comes next", "Power hungry",
	"A bet on {SECTOR}", "Why now", "The price of compute", "Doubts remain", "A long road",
	"Talent wars", "Who wins", "The view from {CITY}", "Money and chips", "Investors take note",
	"A familiar pattern", "Building out", "Risks ahead", "The fine print", "Looking abroad",
	"Bigger bets",
	"The cost of power",
	"From lab to factory",
	"Chasing scale",
	"A question of supply",
	"Shareholders weigh in",
	"The engineers",
	"Old rivals",
	"Second thoughts",
	"Where the money goes",
	"A new phase",
	"Made in {COUNTRY}",
}

var standfirsts = []string{
	"The deal gives {X} a foothold in {SECTOR}",
	"{X's} shares slide as analysts question the move",
	"Investors bet that demand for {XPN} will keep growing",
	"The agreement is the latest in a string of bets on {SECTOR}",
	"Regulators in {COUNTRY} are expected to scrutinise the transaction",
	"The company plans to use the money to hire engineers and expand abroad",
	"{X} is racing to secure the capacity it needs before its rivals do",
	"Analysts say the price reflects a scarcity of good assets",
	"A sign of how much money is still flowing into {SECTOR}",
	"The move comes as competition for {XPN} intensifies",
	"Executives say the deal will pay for itself within {NYEARS} years",
	"Critics warn the industry is spending faster than it is earning",
	"The start-up has more than doubled its revenue in a year",
	"The move underlines the scramble for computing power",
	"Some shareholders have already voiced doubts",
	"The transaction would be the largest in the sector this year",
	"A bet that {CUSTOMERS} will spend heavily on {XPN}",
	"The company says it can fund its growth without raising more money",
}

var closings = []string{
	"{X} said it expects the transaction to close in the {QTR}.",
	"Neither company responded to requests for comment.",
	"{X} did not respond to a request for comment.",
	"A spokesperson for {X} declined to comment beyond the statement.",
	"The companies will hold a call with investors on {WEEKDAY}.",
	"{X} is due to report its {QTR} results in {MONTH}.",
	"{V} declined to comment.",
	"Shares in {X} were little changed in early trading.",
	"{X} will publish its annual report in {MONTH}.",
	"Representatives for {Y} did not reply to emails seeking comment.",
	"The deal is the latest in a busy year for {SECTOR}.",
	"Shares in {V} edged lower on the news.",
}
