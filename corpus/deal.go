package corpus

import (
	"regexp"
	"strings"
)

// Deal is a deal stated in one sentence (or the title, or a standfirst
// line): the organisations party to it, its amount when the sentence gives
// one, its kind and its status.
type Deal struct {
	Parties []string `json:"parties"`
	Amount  *Amount  `json:"amount"`
	Kind    string   `json:"kind"`
	Status  string   `json:"status"`
	Excerpt string   `json:"excerpt"`
	InTitle bool     `json:"in_title,omitempty"` // Span is into Article.Title
	Span    `json:"span"`
}

// dealCue is a family of words that makes a sentence about a deal, and the
// kind of deal it names.
type dealCue struct {
	kind string
	re   *regexp.Regexp
}

// dealCues are tried in this order; when a sentence has no amount, the
// first kind found wins, so more specific kinds come first.
var dealCues = []dealCue{
	{"ipo", regexp.MustCompile(`\bIPOs?\b|(?i:\binitial public offering\b|\bgo(?:es|ing)? public\b|\bwent public\b|\b(?:stock market |public |share )?listing\b|\blist(?:s|ed|ing)? (?:its |their )?shares\b)`)},
	{"acquisition", regexp.MustCompile(`(?i)\bacqui(?:re|res|red|ring|sition|sitions)\b|\btakeovers?\b|\bbuy-?outs?\b|\b(?:agreed|agrees|agreeing|plans?|planning|offered|offers|bid) to (?:buy|purchase)\b|\bpurchase of\b`)},
	{"merger", regexp.MustCompile(`(?i)\bmerg(?:e|es|ed|er|ers|ing)\b`)},
	{"joint_venture", regexp.MustCompile(`(?i)\bjoint[- ]ventures?\b`)},
	{"option", regexp.MustCompile(`(?i)\boptions?\b`)},
	{"licensing", regexp.MustCompile(`(?i)\blicen[cs](?:e|es|ed|ing)\b`)},
	{"supply", regexp.MustCompile(`(?i)\bsuppl(?:y|ies|ied|ier|iers|ying)\b`)},
	{"funding", regexp.MustCompile(`(?i)\bfunding\b|\bfunded\b|\braise[sd]?\b|\braising\b|\bround\b|\bSeries [A-H]\b|\bseed round\b|\bfinancing round\b`)},
	{"stake", regexp.MustCompile(`(?i)\bstakes?\b`)},
	{"loan", regexp.MustCompile(`(?i)\bloans?\b|\bcredit facility\b|\bdebt financing\b`)},
	{"fund", regexp.MustCompile(`(?i)\bfunds?\b`)},
	{"investment", regexp.MustCompile(`(?i)\binvest(?:s|ed|ing|ment|ments)?\b|\bbacked\b|\bbacker\b|\bbacking\b|\bcapital injection\b`)},
	{"partnership", regexp.MustCompile(`(?i)\bpartner(?:s|ship|ships|ed|ing)?\b|\bteam(?:s|ed)? up\b|\bcollaborat\w*\b|\balliance\b|\btie-up\b`)},
	{"contract", regexp.MustCompile(`(?i)\bdeals?\b|\bcontracts?\b|\bcontractual\b|\bagreements?\b|\bpact\b`)},
}

// notCue are phrases where a cue word means something else: "to deal with
// the backlog", "raised concerns", "a round of layoffs", "high stakes".
var notCue = regexp.MustCompile(`(?i)\b(?:to|must|will|can|could|would|should|had to|has to|have to|help) deal with\b|\bdealing with\b|\bbig deal\b|\braise[sd]? (?:concerns?|questions?|doubts?|eyebrows|alarm|awareness|prices|the bar|the stakes|its prices|fears)\b|\bround(?:s)? of (?:layoffs|job cuts|cuts|talks|tariffs|applause|questions|testing)\b|\bhigh stakes\b|\bstakeholders?\b|\bsupply chains?\b|\bsupply shortages?\b|\bpartner at\b|\bmanaging partner\b|\bgeneral partner\b|\boptions? (?:to consider|available)\b|\bstock options?\b`)

// dealStatuses are tried in this order: the first that matches a sentence
// gives the deal's status; "announced" when none does.
var dealStatuses = []struct {
	status string
	re     *regexp.Regexp
}{
	{"withdrawn", regexp.MustCompile(`(?i)\bwalk(?:s|ed|ing)? away\b|\bpull(?:s|ed|ing)? (?:out|back)\b|\babandon\w*|\bscrap(?:s|ped|ping)?\b|\bwithdr[ae]w\w*|\bwithdrawn\b|\bterminat\w*|\bcancel\w*|\bcall(?:s|ed|ing)? off\b|\bback(?:s|ed|ing)? out\b|\bfell through\b|\bcollapsed\b|\bditch\w*|\bdropp?(?:ed|s)? (?:its|the|a|their) (?:bid|deal|plan|offer|option)\b|\bpassed on\b`)},
	{"denied", regexp.MustCompile(`(?i)\bden(?:y|ies|ied|ying)\b|\bdismiss(?:ed|es)? (?:the )?(?:report|claim)s?\b`)},
	{"disputed", regexp.MustCompile(`(?i)\bdisput\w*|\brefut\w*|\bcontest(?:s|ed|ing)\b|\bchalleng(?:e|es|ed|ing)\b|\bsu(?:ed|es|ing) over\b`)},
	{"completed", regexp.MustCompile(`(?i)\bcomplet(?:e|es|ed|ing)\b|\bclosed\b|\bclos(?:es|ing) (?:the|its|a)\b|\bfinali[sz]ed\b|\bacquired\b|\bbought\b|\btook over\b|\bhas taken over\b|\bwrapped up\b|\braised\b|\bsecured\b|\blanded\b|\bnow owns\b`)},
	{"signed", regexp.MustCompile(`(?i)\bsign(?:s|ed|ing)?\b|\bagreed\b|\bstruck\b|\binked\b|\breached (?:a|an) (?:deal|agreement)\b|\bentered into\b|\bawarded\b|\bwon (?:a|the)\b`)},
	{"talks", regexp.MustCompile(`(?i)\bin talks\b|\btalks (?:with|to|over|about)\b|\bnegotiat\w*|\bin (?:early |advanced )?discussions\b|\bexploring\b|\bconsidering\b|\bweighing\b|\bmulling\b|\bapproached\b|\bin the running\b`)},
	{"planned", regexp.MustCompile(`(?i)\bplan(?:s|ned|ning)? (?:to|for|an?)\b|\beye(?:s|d|ing)?\b|\beyeing\b|\bexpect(?:s|ed)? to\b|\bpoised to\b|\bset to\b|\bseek(?:s|ing)?\b|\baims? to\b|\bprepar(?:es|ed|ing) (?:to|for|an?)\b|\bpotential(?:ly)?\b|\bwould\b|\bcould\b|\bwill\b|\bintends? to\b|\bfiled (?:for|to|confidentially)\b|\bin the coming\b|\bupcoming\b|\bproposed\b`)},
}

// notDealAmount marks the words around an amount that make it something
// other than the value of a deal: market value, revenue and guidance,
// prices, pay, spending plans.
var notDealAmount = regexp.MustCompile(`(?i)\bmarket (?:value|cap\w*)\b|\bvaluation\b|\bvalued? (?:at|it at)\b|\bworth\b|\bwip(?:e|ed|ing)\b|\blos(?:e|es|ing|t)\b|\bshed(?:s|ding)?\b|\berased?\b|\boff (?:its|the|their)\b|\bin a single day\b|\bshares? (?:fell|rose|dropped|jumped|sank|slid)\b|\brevenues?\b|\bsales\b|\bturnover\b|\bearnings\b|\bprofits?\b|\bincome\b|\bguidance\b|\bforecast\w*|\brun[- ]rate\b|\bannuali[sz]ed\b|\bARR\b|\bper (?:month|year|user|seat|share|hour|token)\b|\ba (?:month|year|seat|head)\b|\bcosts?\b|\bpriced?\b|\bretails?\b|\bsubscription\b|\bsalary\b|\bpay (?:package|deal)\b|\bcompensation\b|\bfined?\b|\bpenalty\b|\bspend(?:s|ing)?\b|\bspent\b|\bcapex\b|\bcapital expenditure\b|\bbudget\b|\bon data cent(?:er|re)s\b|\bbonus\b`)

// deals finds the deal stated in each passage: the title, standfirst lines
// and sentences.
func (d *doc) deals() []Deal {
	var out []Deal
	for _, p := range d.passages {
		if p.Kind == PassageHeading {
			continue
		}
		text := p.Text
		cueAt, kind := findCue(text)
		if kind == "" {
			continue
		}
		ms := d.mentions
		base := p.Start
		if p.Kind == PassageTitle {
			ms, base = d.titleMentions, 0
		}
		parties := d.parties(ms, Span{base + 0, base + len(text)}, p.Kind == PassageTitle)
		if len(parties) == 0 {
			continue
		}
		deal := Deal{Parties: parties, Kind: kind, Status: dealStatus(text), Excerpt: text, InTitle: p.Kind == PassageTitle, Span: p.Span}
		if a, ok := d.dealAmount(text, base, cueAt, p.Kind == PassageTitle); ok {
			deal.Amount = &a
			if k := kindNear(text, a); k != "" {
				deal.Kind = k
			}
		}
		out = append(out, deal)
	}
	return out
}

// findCue returns the offset and kind of the earliest deal cue in text
// that is not one of the phrases where the word means something else. The
// generic cues (deal, contract, agreement, partner) give way to a specific
// one anywhere in the sentence ("a supply agreement", "a deal to acquire").
func findCue(text string) (int, string) {
	masked := notCue.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat("_", len(s)) })
	at, kind := -1, ""
	for _, c := range dealCues {
		loc := c.re.FindStringIndex(masked)
		if loc == nil {
			continue
		}
		generic := c.kind == "contract" || c.kind == "partnership"
		if kind == "" || (!generic && loc[0] < at) {
			at, kind = loc[0], c.kind
		}
		if generic && kind == "" {
			at, kind = loc[0], c.kind
		}
	}
	return at, kind
}

// kindNear returns the kind of a cue that comes right after an amount ("a
// $12bn deal", "a $2.5 billion IPO", "its $120m Series B round"): what the
// money is for says what kind of deal it is.
func kindNear(text string, a Amount) string {
	end := a.End
	if end > len(text) {
		return ""
	}
	rest := text[end:]
	if len(rest) > 40 {
		rest = rest[:40]
	}
	rest = strings.TrimLeft(rest, ") ")
	best, bestAt := "", len(rest)
	for _, c := range dealCues {
		if loc := c.re.FindStringIndex(rest); loc != nil && loc[0] < bestAt && len(strings.Fields(rest[:loc[0]])) <= 2 {
			best, bestAt = c.kind, loc[0]
		}
	}
	return best
}

// dealStatus reads a deal's status from the words of its sentence.
func dealStatus(text string) string {
	for _, s := range dealStatuses {
		if s.re.MatchString(text) {
			return s.status
		}
	}
	return "announced"
}

// parties returns the organisations a passage names (directly or by a
// description), without publications, each once, in order.
func (d *doc) parties(ms []mention, r Span, title bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if !title && (m.Start < r.Start || m.End > r.End) {
			continue
		}
		if m.how == byPronoun || m.media {
			continue
		}
		name, kind, ok := m.entity, m.kind, m.how == byName
		if m.how == byDescriptor {
			name, kind, ok = d.resolve(m)
		}
		if !ok || kind != Organization || seen[name] {
			continue
		}
		if e, known := d.x.names.Lookup(name); known && e.Media {
			continue
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

// dealAmount picks the amount of a deal in a passage: amounts that are
// market moves, revenue, prices or spending are passed over, as are
// amounts inside quotations when there are others; of the rest, the one
// closest to the deal cue.
func (d *doc) dealAmount(text string, base, cueAt int, title bool) (Amount, bool) {
	var best Amount
	bestDist, found := 1<<30, false
	for _, a := range FindAmounts(text) {
		from := max(0, a.Start-48)
		to := min(len(text), a.End+32)
		if notDealAmount.MatchString(text[from:a.Start]) || notDealAmount.MatchString(text[a.End:to]) {
			continue
		}
		dist := a.Start - cueAt
		if dist < 0 {
			dist = -dist
		}
		if !title && d.insideQuote(base+a.Start) {
			dist += 1 << 20
		}
		if dist < bestDist {
			best, bestDist, found = a, dist, true
		}
	}
	return best, found
}

// insideQuote reports whether a body offset falls inside a quotation.
func (d *doc) insideQuote(pos int) bool {
	for _, q := range d.quotes {
		if pos >= q.inner.Start && pos < q.inner.End {
			return true
		}
	}
	return false
}
