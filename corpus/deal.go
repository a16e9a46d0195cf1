package corpus

import (
	"regexp"
	"slices"
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
	kind  string
	re    *regexp.Regexp
	hints []string // stems, one of which must start a word of the lower-cased text for re to match
	cased bool     // re reads the text as written; otherwise it reads it lower-cased
	// not, when set, finds phrases where the cue word means something else
	// ("to deal with the backlog", "raised concerns", "high stakes"); it
	// reads lower-cased text.
	not *regexp.Regexp
}

// except returns c with the phrases not says are not cues.
func (c dealCue) except(not string) dealCue {
	c.not = regexp.MustCompile(not)
	return c
}

// cue makes a dealCue whose pattern is written in lower case, to run on
// lower-cased text (Go's regular expressions are several times slower with
// (?i)); hints is a space-separated list of stems.
func cue(kind string, re *regexp.Regexp, hints string) dealCue {
	return dealCue{kind: kind, re: re, hints: strings.Fields(hints)}
}

// caseCue makes a dealCue whose pattern tells capitals from small letters.
func caseCue(kind string, re *regexp.Regexp, hints string) dealCue {
	return dealCue{kind: kind, re: re, hints: strings.Fields(hints), cased: true}
}

// lowerASCII lower-cases the ASCII letters of s and leaves every other
// byte as it is, so that offsets into the result are offsets into s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// mayMatch reports whether lower (a lower-cased text) holds one of the
// hints: a cheap test that spares most sentences the regular expression.
func mayMatch(lower string, hints []string) bool {
	for _, h := range hints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return false
}

// mayMatchWord is mayMatch for patterns that find their hints only at the
// start of a word (after `\b`, as every alternative of the deal cues and
// statuses does): "company" holds "pay", "around" "round" and "impact"
// "pact", which sent most sentences through every pattern.
func mayMatchWord(lower string, hints []string) bool {
	for _, h := range hints {
		for off := 0; ; {
			i := strings.Index(lower[off:], h)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || !isASCIIWordByte(lower[i-1]) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

// isASCIIWordByte reports whether c is a word character as `\b` reads one.
func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// dealCues are tried in this order; when a sentence has no amount, the
// first kind found wins, so more specific kinds come first.
var dealCues = []dealCue{
	cue("ipo", regexp.MustCompile(`\bipos?\b|(?:\binitial public offering\b|\bgo(?:es|ing)? public\b|\bwent public\b|\b(?:stock market |public |share )?listing\b|\blist(?:s|ed|ing)? (?:its |their )?shares\b)`), "ipo public listing list"),
	cue("acquisition", regexp.MustCompile(`\bacqui(?:re|res|red|ring|sition|sitions)\b|\btakeovers?\b|\bbuy-?outs?\b|\bpurchase of\b|\bbids?\b|\b(?:an?|the|its|their|takeover|cash|improved|rival|hostile|higher|sweetened|all-cash|all-share|revised|first|new|latest) offer\b|\boffer (?:for|to buy)\b`), "acqui takeover buy purchase bid offer").except(`\bbid(?:s|ding)? to (?:win|become|make|keep|stay|expand|reduce|cut|boost|attract)\b|\bin a bid to\b`),
	cue("merger", regexp.MustCompile(`\bmerg(?:e|es|ed|er|ers|ing)\b`), "merg"),
	cue("joint_venture", regexp.MustCompile(`\bjoint[- ]ventures?\b|\b(?:form|forms|formed|forming|create|creates|created|creating|set up|sets up|setting up|launch|launches|launched)\b[^.;]{0,40}\bventure\b`), "joint venture"),
	cue("option", regexp.MustCompile(`\boptions?\b`), "option").except(`\boptions? (?:to consider|available)\b|\bstock options?\b`),
	cue("licensing", regexp.MustCompile(`\blicen[cs](?:e|es|ed|ing)\b`), "licen"),
	cue("supply", regexp.MustCompile(`\b[Ss]uppl(?:y|ies|ied|ying|ier|iers) (?:deal|agreement|contract|pact|arrangement|partner)s?\b|\b(?:to|will|would|agreed to|agrees to|could|can|also) supply\b|\bsuppl(?:y|ies|ied|ying) [A-Z]|\bsupplier (?:to|of|for)\b`), "suppl").except(`\bsupply chains?\b|\bsupply shortages?\b`),
	cue("funding", regexp.MustCompile(`\bfunding\b|\bfunded\b|\braise[sd]?\b|\braising\b|\bround\b|\bseries [a-h]\b|\bseed round\b|\bfinancing round\b`), "fund raise raising round series").except(`\braise[sd]? (?:concerns?|questions?|doubts?|eyebrows|alarm|awareness|prices|the bar|the stakes|its prices|fears)\b|\brounds? of (?:layoffs|job cuts|cuts|talks|tariffs|applause|questions|testing)\b`),
	cue("stake", regexp.MustCompile(`\bstakes?\b`), "stake").except(`\bhigh stakes\b|\bstakeholders?\b|\bthe stakes\b`),
	cue("loan", regexp.MustCompile(`\bloans?\b|\bcredit (?:facility|line)\b|\bdebt financing\b|\bborrow(?:s|ed|ing)?\b|\blen(?:d|ds|t)\b|\bbridge loan\b|\bfinancing\b`), "loan credit debt borrow lend lent"),
	cue("fund", regexp.MustCompile(`(?:\b(?:a|an|its|their|new|first|second|third|fourth|fifth|sixth|latest|debut|flagship)|[$€£¥][\d.,]+\w*|\b[\d.,]+ (?:million|billion|bn|m)) (?:[\w-]+ ){0,3}?funds?\b|\bfunds? (?:of|worth|totall?ing|to invest|for)\b|\bcommitments from\b|\bin commitments\b`), "fund commitment"),
	cue("investment", regexp.MustCompile(`\binvest(?:s|ed|ing|ment|ments)?\b|\bbacked\b|\bbacker\b|\bbacking\b|\bcapital injection\b`), "invest back capital"),
	cue("partnership", regexp.MustCompile(`\bpartnerships?\b|\bpartner(?:s|ed|ing)? with\b|\bteam(?:s|ed)? up\b|\bcollaborat\w*\b|\balliance\b|\btie-ups?\b`), "partner team collaborat alliance tie-up"),
	// Buying and selling say a deal is done, but not of what kind: a
	// stake, a company, a unit.
	caseCue("acquisition", regexp.MustCompile(`\b(?:[Bb]uy|[Bb]uys|[Bb]uying|[Bb]ought|[Ss]ell|[Ss]ells|[Ss]elling|[Ss]old|[Pp]urchas(?:e|es|ed|ing))\b[^.;:,“”"]{0,60}?(?:\b[A-Z][\w&'’-]+|\bstake\b|\bshares\b|\bcompany\b|\bbusiness\b|\bunit\b|\bdivision\b|\bstart-?up\b|\brival\b|\bmaker\b|\bfirm\b|\bgroup\b|%|\bper cent\b|\bplant\b|\bfactory\b|\boperator\b|\bsubsidiary\b)|\b[Pp]a(?:id|ys|y) [^.;]{0,40}? for [A-Z]|\b(?:which|that|it|they) (?:\w+ )?(?:agreed to |plans to |offered to )?(?:buy|bought|acquired|sold)\b`), "buy bought sell sold purchas paid pays pay acquired").except(`\bbuy(?:s|ing)? back\b|\bbought back\b|\bbuy-?backs?\b|\b(?:buy|buys|bought|sell|sells|sold|selling) (?:more|less|well|out|its products|their products|chips|robots|software|services|power|electricity|capacity|data|ads|advertising|shares? in the market)\b`),
	cue("contract", regexp.MustCompile(`\bdeals?\b|\bcontracts?\b|\bcontractual\b|\bagreements?\b|\bpact\b`), "deal contract agreement pact").except(`\b(?:to|must|will|can|could|would|should|had to|has to|have to|help) deal with\b|\bdealing with\b|\bbig deal\b`),
}

// dealStatuses are tried in this order: the first that matches a sentence
// gives the deal's status; "announced" when none does.
var dealStatuses = []struct {
	status string
	re     *regexp.Regexp
	hints  []string
}{
	{"withdrawn", regexp.MustCompile(`\bwalk(?:s|ed|ing)? away\b|\bshelv(?:e|es|ed|ing)\b|\bput on hold\b|\bpull(?:s|ed|ing)? (?:out|back)\b|\babandon\w*|\bscrap(?:s|ped|ping)?\b|\bwithdr[ae]w\w*|\bwithdrawn\b|\bterminat\w*|\bcancel\w*|\bcall(?:s|ed|ing)? off\b|\bback(?:s|ed|ing)? out\b|\bfell through\b|\bcollapsed\b|\bditch\w*|\bdropp?(?:ed|s)? (?:its|the|a|their) (?:bid|deal|plan|offer|option)\b|\bpassed on\b`), strings.Fields("shelv hold walk pull abandon scrap withdr termin cancel call back fell collaps ditch drop passed")},
	{"denied", regexp.MustCompile(`\bden(?:y|ies|ied|ying)\b|\bdismiss(?:ed|es)? (?:the )?(?:report|claim)s?\b`), strings.Fields("den dismiss")},
	{"disputed", regexp.MustCompile(`\bdisput\w*|\brefut\w*|\bcontest(?:s|ed|ing)\b|\bchalleng(?:e|es|ed|ing)\b|\bsu(?:ed|es|ing) over\b`), strings.Fields("disput refut contest challeng su")},
	{"completed", regexp.MustCompile(`\bcomplet(?:e|es|ed|ing)\b|\bclosed\b|\bclos(?:es|ing) (?:the|its|a)\b|\bfinali[sz]ed\b|\bacquired\b|\bbought\b|\btook over\b|\bhas taken over\b|\bwrapped up\b|\braised\b|\bsecured\b|\blanded\b|\bnow owns\b|\binvested\b|\btook (?:a|an|the|its) (?:\w+ )?(?:stake|holding|share)\b|\bsold\b|\bborrowed\b|\blent\b|\bcloses\b|\bpaid\b`), strings.Fields("complet clos final acquired bought took taken wrapped raised secured landed owns invested sold borrowed lent paid")},
	{"signed", regexp.MustCompile(`\bsign(?:s|ed|ing)?\b|\bagreed\b|\bstruck\b|\binked\b|\breached (?:a|an) (?:deal|agreement)\b|\bentered into\b|\bawarded\b|\bwon (?:a|the)\b`), strings.Fields("sign agreed struck inked reached entered awarded won")},
	{"talks", regexp.MustCompile(`\bin talks\b|\btalks (?:with|to|over|about)\b|\bnegotiat\w*|\bin (?:early |advanced )?discussions\b|\bexploring\b|\bconsidering\b|\bweighing\b|\bmulling\b|\bapproached\b|\bin the running\b`), strings.Fields("talk negotiat discussion explor consider weigh mull approach running")},
	{"planned", regexp.MustCompile(`\bplan(?:s|ned|ning)? (?:to|for|an?)\b|\beye(?:s|d|ing)?\b|\beyeing\b|\bexpect(?:s|ed)? to\b|\bpoised to\b|\bset to\b|\bseek(?:s|ing)?\b|\baims? to\b|\bprepar(?:es|ed|ing) (?:to|for|an?)\b|\bpotential(?:ly)?\b|\bwould\b|\bcould\b|\bwill\b|\bintends? to\b|\bfiled (?:for|to|confidentially)\b|\bin the coming\b|\bupcoming\b|\bproposed\b`), strings.Fields("plan eye expect poised set seek aim prepar potential would could will intend filed coming upcoming proposed")},
}

// notDealAmount marks the words around an amount that make it something
// other than the value of a deal: market value, revenue and guidance,
// prices, pay, spending plans.
var notDealAmount = regexp.MustCompile(`\bmarket (?:value|cap\w*)\b|\bvaluation\b|\bvalu(?:e|ed|ing) (?:it|the company|the business|the group|the startup|the start-up) at\b|\bwip(?:e|ed|ing)\b|\blos(?:e|es|ing|t)\b|\bshed(?:s|ding)?\b|\berased?\b|\boff (?:its|the|their)\b|\bin a single day\b|\bshares? (?:fell|rose|dropped|jumped|sank|slid)\b|\brevenues?\b|\bsales\b|\bturnover\b|\bearnings\b|\bprofits?\b|\bincome\b|\bguidance\b|\bforecast\w*|\brun[- ]rate\b|\bannuali[sz]ed\b|\barr\b|\bper (?:month|year|user|seat|share|hour|token)\b|\ba (?:month|year|seat|head)\b|\bcosts?\b|\bpriced?\b|\bretails?\b|\bsubscription\b|\bsalary\b|\bpay (?:package|deal)\b|\bcompensation\b|\bfined?\b|\bpenalty\b|\bspend(?:s|ing)?\b|\bspent\b|\bcapex\b|\bcapital expenditure\b|\bbudget\b|\bon data cent(?:er|re)s\b|\bbonus\b|\bmanag(?:es|ed|ing) (?:about |some |nearly |more than |over )?$|\bunder management\b|\bassets of\b|^ (?:a|per) (?:unit|piece|chip|robot|device|share)\b|^ (?:each|apiece)\b`)

// notDealAmountHints are stems one of which must be near an amount for
// notDealAmount to match it.
var notDealAmountHints = strings.Fields(`market valu wip los shed eras off single shares revenue sales turnover earning
	profit income guidance forecast run annuali arr per month year seat head cost price retail subscription salary
	pay compensation fine penalty spen capex expenditure budget cent bonus manag assets unit piece chip robot device
	share each apiece`)

// notDealAmountNear reports whether the words near an amount (lower-cased)
// make it something other than a deal's value.
func notDealAmountNear(lower string) bool {
	return mayMatch(lower, notDealAmountHints) && notDealAmount.MatchString(lower)
}

// dealAmountBefore marks an amount as a deal's whatever else is near:
// "a deal worth", "a contract valued at", "an offer of".
var dealAmountBefore = regexp.MustCompile(`\b(?:deal|contract|agreement|transaction|takeover|acquisition|offer|bid|merger|round|stake|investment|loan|facility|fund|licen[cs]e|partnership)s? (?:is |was |could be |would be |will be )?(?:worth|valued at|of|for|totall?ing)(?: about| up to| nearly| more than| potentially| roughly| around| some)? ?\(?$|\bpa(?:y|ys|id|ying) (?:[a-z][\w-]+ )?(?:about |up to |nearly |more than |roughly )?$`)

// valuedAt marks a company's value given in passing given in passing:
// "Zephyr, valued at $1bn".
var valuedAt = regexp.MustCompile(`,\s*(?:now |last )?valued at\s*$`)

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
		if kind != "" && p.Kind != PassageTitle && d.insideQuote(p.Start+cueAt) && !d.narratesOrg(p) {
			kind = "" // only a quotation speaks of a deal, and the sentence names no company
		}
		prev, refers := d.antecedent(p, out)
		if refers && (kind == "" || kind == "contract" && anaphorRE.FindStringIndex(text)[0] <= cueAt) {
			// "The deal would value…", "the terms": the kind of the deal it
			// refers back to.
			if kind == "" {
				cueAt = 0
			}
			kind = prev.Kind
		}
		if kind == "" {
			continue
		}
		ms := d.mentions
		base := p.Start
		if p.Kind == PassageTitle {
			ms, base = d.titleMentions, 0
		}
		parties := d.parties(ms, Span{base + 0, base + len(text)}, p.Kind == PassageTitle)
		if am := anaphorRE.FindStringIndex(text); refers && len(parties) == 0 && am != nil && cueAt <= am[1] && !strings.Contains(text, "%") && dealStatus(text) == "announced" {
			// Only a reference back, no company and no event: "The option
			// runs until March" describes a deal already told.
			continue
		}
		if refers && len(parties) < 2 {
			// "The deal could be worth…", "its entire stake": the parties of
			// the deal it refers back to take part in this one too.
			parties = union(prev.Parties, parties)
		}
		if len(parties) == 1 && p.Kind != PassageTitle {
			if other, ok := d.counterparty(p, parties[0]); ok {
				parties = append([]string{other}, parties...)
			}
		}
		if len(parties) == 0 {
			continue
		}
		status := dealStatus(text)
		if refers && (status == "announced" || status == "planned") {
			status = prev.Status // "Under the agreement, Lumenfield will…": the terms of a deal already told
		} else if status == "announced" && agreementKinds[kind] {
			status = "signed" // an agreement told as a fact is in force
		}
		deal := Deal{Parties: parties, Kind: kind, Status: status, Excerpt: text, InTitle: p.Kind == PassageTitle, Span: p.Span}
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
	lower := lowerASCII(text)
	at, kind := -1, ""
	for i, c := range dealCues {
		if !mayMatchWord(lower, c.hints) {
			continue
		}
		loc := firstCue(c, text, lower)
		if loc == nil {
			continue
		}
		generic := c.kind == "contract" || c.kind == "partnership" || i == len(dealCues)-2
		if kind == "" || (!generic && loc[0] < at) {
			at, kind = loc[0], c.kind
		}
	}
	return at, kind
}

// firstCue returns the first match of c in text (lower is text
// lower-cased) that is not inside one of the phrases of c.not, looked for
// only around each match.
func firstCue(c dealCue, text, lower string) []int {
	in := lower
	if c.cased {
		in = text
	}
	for start := 0; start < len(in); {
		loc := c.re.FindStringIndex(in[start:])
		if loc == nil {
			return nil
		}
		loc[0], loc[1] = loc[0]+start, loc[1]+start
		if c.not == nil {
			return loc
		}
		w0, w1 := max(0, loc[0]-24), min(len(lower), loc[1]+40)
		excluded := false
		for _, m := range c.not.FindAllStringIndex(lower[w0:w1], -1) {
			if m[0]+w0 < loc[1] && loc[0] < m[1]+w0 {
				excluded = true
				break
			}
		}
		if !excluded {
			return loc
		}
		start = loc[1]
	}
	return nil
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
	lower := lowerASCII(rest)
	for _, c := range dealCues {
		if !mayMatch(lower, c.hints) {
			continue
		}
		in := lower
		if c.cased {
			in = rest
		}
		if loc := c.re.FindStringIndex(in); loc != nil && loc[0] < bestAt && len(strings.Fields(rest[:loc[0]])) <= 2 {
			best, bestAt = c.kind, loc[0]
		}
	}
	return best
}

// agreementKinds are the deals that, once told without a word of plans,
// talks or doubt, are agreements in force.
var agreementKinds = map[string]bool{"contract": true, "licensing": true, "supply": true, "partnership": true, "option": true, "loan": true}

// dealStatus reads a deal's status from the words of its sentence.
func dealStatus(text string) string {
	lower := lowerASCII(text)
	for _, s := range dealStatuses {
		if mayMatchWord(lower, s.hints) && s.re.MatchString(lower) {
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
		if m.media || (!title && (d.reports(m) || d.rivalOf(m) || d.employerOf(m) || d.bystander(m))) || d.x.lex.institution(m.entity) {
			continue
		}
		name, kind, ok := m.entity, m.kind, m.how == byName
		switch m.how {
		case byDescriptor:
			name, kind, ok = d.resolve(m)
		case byPronoun:
			if title || m.inQuote || !d.actsInDeal(m) {
				continue
			}
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
	lower := lowerASCII(text)
	for _, a := range FindAmounts(text) {
		from := max(0, a.Start-48)
		to := min(len(text), a.End+32)
		if valuedAt.MatchString(lower[from:a.Start]) {
			continue
		}
		if !dealAmountBefore.MatchString(lower[from:a.Start]) &&
			(notDealAmountNear(lower[from:a.Start]) || notDealAmountNear(lower[a.End:to])) {
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

// reportingRE finds a publication's part in a sentence: "The Foundry Wire
// reported", "a report in The Ledger Review", "according to X".
var (
	reportsAfter  = regexp.MustCompile(`^(?:’s?|'s?)?,? (?:first |had |has |earlier |previously |also )?(?:reported|reports|revealed|reveals|wrote|writes|said in a report|advised|advises|is advising|acted for|acted as|underwrote|is underwriting)\b`)
	reportsBefore = regexp.MustCompile(`(?:\b(?:analysts?|economists?|strategists?|professor|researchers?|fellow|commentators?) (?:at|with|for|from)|\bfollows [\w ]{3,40} (?:for|at)|\breport(?:ed|s)? (?:in|by|from)|\badvised by|\badvisers?|\b(?:had been|was|formerly|former|previously) [\w ,-]{0,40} (?:at|of|with)|\badvisors?|\bunderwritten by|\bunderwriters?|\bcounsel|\baccording to|\bseen by|\btold|\bin an interview with|\bspeaking to|\bwriting in|\bsources told) (?:the )?$`)
)

// reports reports whether a mention is the publication or source that
// reports a deal rather than a party to it.
func (d *doc) reports(m mention) bool {
	body := d.a.Body
	after := body[m.End:min(len(body), m.End+40)]
	if mayMatch(after, reportsAfterHints) && reportsAfter.MatchString(after) {
		return true
	}
	before := lowerASCII(body[max(0, m.Start-40):m.Start])
	return mayMatch(before, reportsBeforeHints) && reportsBefore.MatchString(before)
}

// reportsAfterHints and reportsBeforeHints are stems one of which must be
// near a mention for the regular expressions above to match.
var (
	reportsAfterHints  = []string{"report", "reveal", "wrote", "writes", "said in", "advis", "acted", "underwr"}
	reportsBeforeHints = []string{"analyst", "economist", "strateg", "professor", "researcher", "fellow", "comment", "follows", "report", "advis", "underwr", "counsel", "been", "was", "former", "previously", "accord", "seen by", "told", "interview", "speaking", "writing", "sources"}
)

// actsInDeal reports whether a pronoun is the subject of a deal verb: "it
// also agreed a £240m contract", "In January it took a stake".
var actsRE = regexp.MustCompile(`^(?:also |has |had |will |would |then |later |now |recently |previously |last year |this year )*(?:agreed|agrees|signed|signs|struck|strikes|took|takes|bought|buys|acquired|acquires|sold|sells|raised|raises|invested|invests|borrowed|borrows|won|wins|secured|secures|landed|inked|made|makes|paid|pays|launched|launches|closed|closes|led|leads|walked|pulled|abandoned|scrapped)\b`)

func (d *doc) actsInDeal(m mention) bool {
	w := strings.ToLower(m.text)
	if w != "it" && w != "they" {
		return false
	}
	body := d.a.Body
	return actsRE.MatchString(strings.TrimLeft(body[m.End:min(len(body), m.End+60)], " "))
}

// anaphorRE finds a reference back to a deal already told: "the deal",
// "the proposed merger", "its entire stake", "the Quillon deal", "such
// tie-up".
var anaphorRE = regexp.MustCompile(`\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Ss]uch) (?:(?:proposed|planned|agreed|original|revised|new|latest|first|second|abandoned|collapsed|failed|whole|entire|same|pending|([A-Z][\w’'-]+))\s)?(deal|agreement|acquisition|merger|contract|takeover|transaction|partnership|joint venture|venture|offer|bid|stake|investment|arrangement|tie-up|round|option|licen[cs]e|loan|facility|IPO|listing|offering|flotation|terms)\b`)

// anaphorHints are stems one of which a passage must hold for anaphorRE
// to match it.
var anaphorHints = strings.Fields(`deal agreement acquisition merger contract takeover transaction partnership venture
	offer bid stake investment arrangement tie-up round option licen loan facility ipo listing offering flotation terms`)

// anaphorKind maps the noun of a reference back to the kind of deal it
// names; the others ("the deal", "the agreement") refer to the article's
// main deal.
var anaphorKind = map[string]string{
	"acquisition": "acquisition", "takeover": "acquisition", "offer": "acquisition", "bid": "acquisition",
	"merger": "merger", "joint venture": "joint_venture", "venture": "joint_venture", "stake": "stake",
	"investment": "investment", "round": "funding", "fund": "fund", "option": "option", "licence": "licensing",
	"license": "licensing", "loan": "loan", "facility": "loan", "IPO": "ipo", "listing": "ipo", "offering": "ipo", "flotation": "ipo",
	"partnership": "partnership", "tie-up": "partnership", "contract": "contract",
}

// antecedent returns the deal a passage refers back to: with a name in the
// reference ("the Pellucid agreement"), the latest deal with that party;
// with a kind ("the merger"), the latest deal of that kind; otherwise the
// article's main deal, its first with two parties.
func (d *doc) antecedent(p Passage, before []Deal) (Deal, bool) {
	if len(before) == 0 || !mayMatch(lowerASCII(p.Text), anaphorHints) {
		return Deal{}, false
	}
	m := anaphorRE.FindStringSubmatchIndex(p.Text)
	if m == nil {
		return Deal{}, false
	}
	noun := p.Text[m[4]:m[5]]
	if p.Kind != PassageTitle && d.insideQuote(p.Start+m[0]) && !d.narratesOrg(p) {
		return Deal{}, false // "this round" in a quotation of a person's
	}
	if rest := p.Text[m[5]:]; strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "'s") {
		return Deal{}, false // "the venture's first data centre": about it, not the deal
	}
	if m[2] >= 0 && p.Kind != PassageTitle {
		// A name before the noun picks the deal it took part in.
		for _, c := range d.mentions {
			if c.Start >= p.Start+m[2] && c.End <= p.Start+m[3] && c.how == byName {
				for i := len(before) - 1; i >= 0; i-- {
					if slices.Contains(before[i].Parties, c.entity) && len(before[i].Parties) >= 2 {
						return before[i], true
					}
				}
			}
		}
	}
	if want := anaphorKind[noun]; want != "" {
		for i := len(before) - 1; i >= 0; i-- {
			if before[i].Kind == want && (len(before[i].Parties) >= 2 || want == "ipo") {
				return before[i], true
			}
		}
	}
	for _, b := range before {
		if len(b.Parties) >= 2 {
			return b, true
		}
	}
	return Deal{}, false
}

// union returns the names of a, then those of b not in a.
func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, n := range b {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// rivalRE follows a company named only to describe another: "Vesper’s
// larger rival, Halvard Bio".
var rivalRE = regexp.MustCompile(`^(?:’s?|'s?) (?:\w+ )?(?:rivals?|competitors?|peers?)\b`)

func (d *doc) rivalOf(m mention) bool {
	body := d.a.Body
	return rivalRE.MatchString(body[m.End:min(len(body), m.End+40)])
}

// narratesOrg reports whether a passage names a company outside its
// quotations.
func (d *doc) narratesOrg(p Passage) bool {
	for _, m := range d.mentions {
		if m.Start >= p.Start && m.End <= p.End && !m.inQuote && m.how == byName && m.kind == Organization && !m.media && !d.reports(m) && !d.employerOf(m) {
			return true
		}
	}
	return false
}

// withRE finds "a supply deal with Halcyon": one party named, the other
// the company the article is telling of.
var withRE = regexp.MustCompile(`\b(?:deal|agreement|contract|partnership|talks|pact|arrangement|tie-up|venture)s? with $`)

// counterparty returns the other party of a deal "with" the one named: the
// company the sentence before was about.
func (d *doc) counterparty(p Passage, party string) (string, bool) {
	var at mention
	found := false
	for _, m := range d.mentions {
		if m.Start >= p.Start && m.End <= p.End && m.entity == party {
			at, found = m, true
			break
		}
	}
	if !found || !withRE.MatchString(d.a.Body[max(p.Start, at.Start-40):at.Start]) {
		return "", false
	}
	for i := len(d.passages) - 1; i >= 0; i-- {
		q := d.passages[i]
		if q.Kind == PassageTitle || q.End > p.Start {
			continue
		}
		for _, m := range d.mentions {
			if m.Start >= q.Start && m.End <= q.End && m.kind == Organization && !m.media && m.entity != "" && m.entity != party && (m.how == byName || m.how == byDescriptor) {
				return m.entity, true
			}
		}
		return "", false
	}
	return "", false
}

// employerOf reports whether a company is named only as where a person
// works: "Nomvula Dlamini of Kloof Street Research", "Helena Brandt at
// Brandt Oakley".
func (d *doc) employerOf(m mention) bool {
	for i := len(d.mentions) - 1; i >= 0; i-- {
		c := d.mentions[i]
		if c.End > m.Start {
			continue
		}
		gap := d.a.Body[c.End:m.Start]
		return c.kind == Person && c.how == byName && (gap == " of " || gap == " at " || gap == ", of ")
	}
	return false
}

// bystanderBefore ends the words that name a company without making it a
// party: the name a new venture will take, a ticker, a debt refinanced.
var (
	bystanderBefore = regexp.MustCompile(`(?:\bto be (?:called|named|known as)|\bknown as|\b(?:ticker|symbol)|\bto (?:refinance|finance|fund|repay|cover|pay for|pay down)) $`)
	// "…merger with Orrery Systems, which Pell Street Capital opposes".
	bystanderAfter = regexp.MustCompile(`^(?:, [^,]{1,40},)? (?:has |have |had |also )?(?:opposes|opposed|supports|supported|backs|backed|owns|holds|controls|favours|favors)\b`)
)

func (d *doc) bystander(m mention) bool {
	body := d.a.Body
	before := body[max(0, m.Start-30):m.Start]
	if bystanderBefore.MatchString(before) {
		return true
	}
	return (strings.HasSuffix(before, "which ") || strings.HasSuffix(before, "that ")) && bystanderAfter.MatchString(body[m.End:min(len(body), m.End+60)])
}
