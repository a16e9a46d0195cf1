package corpus

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// currencySigns maps the signs written before a number to ISO 4217 codes.
// Where one sign begins another ("$US" and "$", "Rs." and "Rs") the longer
// comes first, so that it wins. "¥" is taken as yen: Chinese amounts in
// English news are usually written "yuan" or "RMB".
var currencySigns = []struct{ sign, code string }{
	{"US$", "USD"}, {"$US", "USD"},
	{"CA$", "CAD"}, {"Can$", "CAD"}, {"C$", "CAD"},
	{"AU$", "AUD"}, {"A$", "AUD"},
	{"NZ$", "NZD"}, {"HK$", "HKD"}, {"SG$", "SGD"}, {"S$", "SGD"},
	{"NT$", "TWD"}, {"R$", "BRL"}, {"MX$", "MXN"},
	{"$", "USD"},
	{"€", "EUR"}, {"£", "GBP"},
	{"CN¥", "CNY"}, {"JP¥", "JPY"}, {"¥", "JPY"},
	{"₹", "INR"}, {"Rs.", "INR"}, {"Rs", "INR"},
	{"₩", "KRW"}, {"₽", "RUB"}, {"₺", "TRY"}, {"₪", "ILS"},
	{"₦", "NGN"}, {"₫", "VND"}, {"₱", "PHP"},
}

// isoCodes maps the upper-case currency codes recognised before or after a
// number to ISO 4217. Codes that are also common words or names in tech news
// are left out: PHP (the language), COP (the climate summits), TRY (a word
// in all-caps headlines).
var isoCodes = map[string]string{
	"USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY",
	"RMB": "CNY", "INR": "INR", "CAD": "CAD", "AUD": "AUD", "HKD": "HKD",
	"SGD": "SGD", "CHF": "CHF", "KRW": "KRW", "NZD": "NZD", "TWD": "TWD",
	"SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN", "CZK": "CZK",
	"HUF": "HUF", "BRL": "BRL", "MXN": "MXN", "ARS": "ARS", "CLP": "CLP",
	"ZAR": "ZAR", "NGN": "NGN", "KES": "KES", "EGP": "EGP", "AED": "AED",
	"SAR": "SAR", "QAR": "QAR", "ILS": "ILS", "RUB": "RUB", "IDR": "IDR",
	"THB": "THB", "MYR": "MYR", "VND": "VND",
}

// currencyWords maps the words written after a number ("5 million euros") to
// ISO 4217 codes. Each may take a plural "s". A phrase that begins with
// another ("pounds sterling", "pound") comes first. Words that are also
// ordinary English ("won", "pound" as a weight, "rand") count only after a
// multiplier: "5 billion won" is money, "the team of 5 won" is not.
var currencyWords = []struct {
	word, code      string
	needsMultiplier bool
}{
	{"US dollar", "USD", false},
	{"U.S. dollar", "USD", false},
	{"American dollar", "USD", false},
	{"Canadian dollar", "CAD", false},
	{"Australian dollar", "AUD", false},
	{"New Zealand dollar", "NZD", false},
	{"Hong Kong dollar", "HKD", false},
	{"Singapore dollar", "SGD", false},
	{"Singaporean dollar", "SGD", false},
	{"New Taiwan dollar", "TWD", false},
	{"Taiwan dollar", "TWD", false},
	{"dollar", "USD", false},
	{"euro", "EUR", false},
	{"pounds sterling", "GBP", false},
	{"British pound", "GBP", false},
	{"pound", "GBP", true},
	{"sterling", "GBP", true},
	{"Japanese yen", "JPY", false},
	{"yen", "JPY", false},
	{"Chinese yuan", "CNY", false},
	{"yuan", "CNY", false},
	{"renminbi", "CNY", false},
	{"Indian rupee", "INR", false},
	{"rupee", "INR", false},
	{"Swiss franc", "CHF", false},
	{"franc", "CHF", false},
	{"South Korean won", "KRW", false},
	{"Korean won", "KRW", false},
	{"won", "KRW", true},
	{"South African rand", "ZAR", false},
	{"rand", "ZAR", true},
	{"dirham", "AED", false},
	{"riyal", "SAR", false},
	{"naira", "NGN", false},
	{"rouble", "RUB", false},
	{"ruble", "RUB", false},
	{"Turkish lira", "TRY", false},
	{"shekel", "ILS", false},
}

// multipliers maps the words and abbreviations written after a number to
// the power of ten they stand for. Single letters ("5m", "$1.2T") count only
// when attached to the number or bound to it by a no-break space, since a
// lone "m" or "B" after a space is more often something else ("$5 M&A").
var multipliers = map[string]struct {
	scale        int
	attachedOnly bool
}{
	"hundred": {2, false},
	"k":       {3, true}, "thousand": {3, false},
	"lakh": {5, false}, "lakhs": {5, false}, "lac": {5, false}, "lacs": {5, false},
	"m": {6, true}, "mm": {6, true}, "mn": {6, false}, "mln": {6, false},
	"mil": {6, false}, "million": {6, false},
	"crore": {7, false}, "crores": {7, false}, "cr": {7, false},
	"b": {9, true}, "bn": {9, false}, "bln": {9, false}, "billion": {9, false},
	"t": {12, true}, "tn": {12, false}, "trn": {12, false}, "trillion": {12, false},
}

// numberWords maps spelled-out numbers to their values. Compounds such as
// "twenty-five" are read as a tens word, a hyphen and a units word.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// qualifiers maps the words that may come just before an amount, in lower
// case and separated by single spaces, to the qualifier they express.
// Longer phrases are tried first, so "just under" beats "under" and
// "no less than" beats "less than".
var qualifiers = map[string]string{
	"nearly": "nearly", "almost": "nearly", "close to": "nearly",
	"just under": "nearly", "just below": "nearly", "just shy of": "nearly",

	"about": "about", "around": "about", "roughly": "about",
	"approximately": "about", "approx": "about", "approx.": "about",
	"circa": "about", "c.": "about",
	"some": "about", "an estimated": "about", "estimated": "about",

	"up to": "up to", "no more than": "up to", "not more than": "up to",
	"a maximum of": "up to",

	"potentially": "potentially", "possibly": "potentially",
	"as much as": "potentially", "as high as": "potentially",

	"more than": "more than", "over": "more than", "above": "more than",
	"in excess of": "more than", "north of": "more than",
	"upwards of": "more than", "greater than": "more than",

	"at least": "at least", "no less than": "at least",
	"not less than": "at least", "a minimum of": "at least",

	"less than": "less than", "under": "less than", "below": "less than",
}

// rangeDashes are the marks that join the two ends of a range: hyphen, en
// dash, em dash and minus sign.
var rangeDashes = []string{"-", "–", "—", "−"}

// maxDigits bounds the length of a number. Nothing longer is money, and the
// bound spares strconv.ParseFloat from reading megabytes of digits.
const maxDigits = 40

// maxWordLen bounds the words read around an amount: no multiplier,
// number word or qualifier is longer, and the bound keeps each look
// constant-time however long a word in the input is.
const maxWordLen = 16

// FindAmounts returns every amount of money in s, in order of appearance.
// Each Amount's Span is the byte range of its Text in s.
//
// An amount needs a currency: a sign or code before the number ("$12bn",
// "USD 1.5 billion", "Rs 500 crore") or a currency word or code after it
// ("5 million euros", "120m EUR"). A bare number is never money. A range
// ("$1bn-$2bn", "$1-2 billion", "between $1bn and $2bn") is one Amount whose
// Text runs from its first number to its last. The qualifier comes from the
// words just before the amount ("nearly $12 billion") and is not part of
// Text; a "+" or "-plus" after the amount ("$100bn+") is, and reads as "at
// least".
func FindAmounts(s string) []Amount {
	var amounts []Amount
	for i := 0; i < len(s); {
		if mayStartAmount(s, i) {
			if a, ok := amountAt(s, i); ok {
				amounts = append(amounts, a)
				i = a.End
				continue
			}
		}
		i++
	}
	return amounts
}

// mayStartAmount reports whether an amount could begin at byte i. Trying
// only at the start of a word or a number, never inside one, keeps the scan
// linear: a long run of digits is read a bounded number of times, not once
// per digit.
func mayStartAmount(s string, i int) bool {
	c := s[i]
	switch {
	case c == '$':
		return true
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeRuneInString(s[i:])
		return unicode.Is(unicode.Sc, r)
	case isDigit(c):
		// The digits after a group separator belong to the number before.
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if groupSeparator(r) && i-n > 0 && isDigit(s[i-n-1]) {
			return false
		}
		return !wordRuneBefore(s, i)
	case isLetter(c):
		return !wordRuneBefore(s, i)
	}
	return false
}

// part is one end of an amount as written: "$1", "2 billion", "€5m" or
// "5 million euros". A range has two; a plain amount one.
type part struct {
	start, end int
	digits     string // the number as strconv.ParseFloat reads it: "1200", "2.5"
	scale      int    // power of ten of the multiplier after it; 0 if none
	currency   string // ISO code written with this part, or ""
	prefixed   bool   // the currency was written before the number
	words      bool   // the number was spelled out: "two", "a"
}

// value returns the part's value in whole units, reporting false when it
// does not fit a float64.
func (p part) value() (float64, bool) {
	return scaled(p.digits, p.scale)
}

// scaled returns digits × 10^scale. Building the decimal string and parsing
// it once gives the nearest float64 to the written amount, so "$1.2tn" is
// exactly 1.2e12 rather than 1.2 × 1e12 with its rounding error.
func scaled(digits string, scale int) (float64, bool) {
	v, err := strconv.ParseFloat(digits+"e"+strconv.Itoa(scale), 64)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}

// amountAt reads the amount beginning at i, if there is one: a part,
// perhaps a second part making a range, perhaps a "+", and the qualifier
// before it.
func amountAt(s string, i int) (Amount, bool) {
	lo, ok := partAt(s, i, true)
	if !ok {
		return Amount{}, false
	}
	before, beforeStart := prevWord(s, i)

	a := Amount{}
	end := lo.end
	if low, high, currency, hiEnd, ok := rangeFrom(s, lo, before); ok {
		a.Value, a.Max, a.Currency, end = low, high, currency, hiEnd
	} else {
		if lo.currency == "" {
			return Amount{}, false
		}
		if a.Value, ok = lo.value(); !ok {
			return Amount{}, false
		}
		a.Currency = lo.currency
	}

	qualifierEnd := i
	// "Between" belongs to the range, not the qualifier; look past it.
	if before == "between" {
		qualifierEnd = beforeStart
	}
	a.Qualifier = qualifierBefore(s, qualifierEnd)
	if e := orMoreAt(s, end); e > end {
		end = e
		if a.Qualifier == "" {
			a.Qualifier = "at least"
		}
	}
	a.Text = s[i:end]
	a.Span = Span{Start: i, End: end}
	return a, true
}

// rangeFrom reads the high end of a range starting with lo, if one follows,
// and returns the range's bounds, currency and end. before is the word just
// before lo, which decides what may join the two ends: "and" only after
// "between", and "to" never after "from", since "from $1bn to $2bn" is a
// change, not a range.
func rangeFrom(s string, lo part, before string) (low, high float64, currency string, end int, ok bool) {
	kind, next := rangeSeparatorAt(s, lo.end)
	switch {
	case kind == "":
		return 0, 0, "", 0, false
	case kind == "and" && before != "between":
		return 0, 0, "", 0, false
	case kind == "to" && before == "from":
		return 0, 0, "", 0, false
	}
	hi, ok := partAt(s, next, lo.words)
	if !ok {
		return 0, 0, "", 0, false
	}

	// A sign before the first number covers both ends ("$1-2bn"), as does a
	// word after the last ("1-2 billion dollars"); anything else covers
	// only its own end.
	loCurrency, hiCurrency := lo.currency, hi.currency
	if loCurrency == "" && !hi.prefixed {
		loCurrency = hi.currency
	}
	if hiCurrency == "" && lo.prefixed {
		hiCurrency = lo.currency
	}
	if loCurrency == "" || loCurrency != hiCurrency {
		return 0, 0, "", 0, false
	}
	// "$50 to 100 employees" is $50 given to people; a range joined by "to"
	// needs its high end marked as money or scaled.
	if kind == "to" && hi.currency == "" && hi.scale == 0 {
		return 0, 0, "", 0, false
	}
	// "$1bn-2" is not a range of billions.
	if lo.scale != 0 && hi.scale == 0 {
		return 0, 0, "", 0, false
	}

	if high, ok = hi.value(); !ok {
		return 0, 0, "", 0, false
	}
	if low, ok = lo.value(); !ok {
		return 0, 0, "", 0, false
	}
	// The low end shares the high end's multiplier ("$1 to $2 billion")
	// unless that would put it above the high end.
	if lo.scale == 0 && hi.scale != 0 {
		if v, ok := scaled(lo.digits, hi.scale); ok && v <= high {
			low = v
		}
	}
	if low >= high {
		return 0, 0, "", 0, false
	}
	return low, high, loCurrency, hi.end, true
}

// rangeSeparatorAt reads what joins the two ends of a range at i: a dash,
// or "to" or "and" between spaces. It returns "-", "to", "and" or "" for
// none, and where the high end begins.
func rangeSeparatorAt(s string, i int) (kind string, next int) {
	j := skipSpace(s, i)
	for _, d := range rangeDashes {
		if strings.HasPrefix(s[j:], d) {
			return "-", skipSpace(s, j+len(d))
		}
	}
	if j == i {
		return "", i
	}
	w, end := asciiWordAt(s, j)
	w = strings.ToLower(w)
	if w != "to" && w != "and" {
		return "", i
	}
	next = skipSpace(s, end)
	if next == end {
		return "", i
	}
	return w, next
}

// partAt reads one end of an amount at i: a currency sign or code and a
// number with its multiplier ("$2.5bn", "USD 1.5 billion"), or a number, its
// multiplier and perhaps a currency word or code ("5 million euros", "5m").
// The second kind may lack a currency; whether it is money then depends on
// the other end of a range. Spelled-out numbers are read only if
// allowWords.
func partAt(s string, i int, allowWords bool) (part, bool) {
	if currency, j, ok := currencyPrefixAt(s, i); ok {
		digits, k, ok := numberAt(s, j)
		if !ok {
			return part{}, false
		}
		p := part{start: i, digits: digits, currency: currency, prefixed: true}
		if p.scale, p.end = multiplierAt(s, k); p.scale == 0 && !cleanEnd(s, k) {
			return part{}, false
		}
		return p, true
	}

	p := part{start: i}
	var k int
	var ok, needsMultiplier bool
	switch {
	case i < len(s) && isDigit(s[i]):
		p.digits, k, ok = numberAt(s, i)
		if !ok {
			return part{}, false
		}
	case allowWords:
		p.digits, k, needsMultiplier, ok = numberWordAt(s, i)
		if !ok {
			return part{}, false
		}
		p.words = true
	default:
		return part{}, false
	}
	if p.scale, p.end = multiplierAt(s, k); p.scale == 0 && (needsMultiplier || !cleanEnd(s, k)) {
		return part{}, false
	}
	// "In 2023 dollars" is a price level, not 2,023 dollars.
	if p.scale == 0 && isYear(s[i:k]) {
		return p, true
	}
	if currency, end, ok := currencySuffixAt(s, p.end, p.scale != 0); ok {
		p.currency, p.end = currency, end
	}
	return p, true
}

// currencyPrefixAt reads a currency sign or code at i and returns the
// currency and where the number after it begins. The number must follow at
// once or after a single space: "$5", "$ 5", "USD1.5bn", "USD 1.5bn".
func currencyPrefixAt(s string, i int) (currency string, next int, ok bool) {
	if i >= len(s) {
		return "", i, false
	}
	end := i
	for _, c := range currencySigns {
		// Comparing the first byte first keeps this loop cheap at the start
		// of every word, where it runs.
		if s[i] == c.sign[0] && strings.HasPrefix(s[i:], c.sign) {
			currency, end = c.code, i+len(c.sign)
			break
		}
	}
	if currency == "" && i+3 <= len(s) {
		if code, ok := isoCodes[s[i:i+3]]; ok {
			currency, end = code, i+3
			// Some writers double the marking: "AUD$5m".
			if strings.HasPrefix(s[end:], "$") {
				end++
			}
		}
	}
	if currency == "" {
		return "", i, false
	}
	next = end
	if r, n := utf8.DecodeRuneInString(s[next:]); isHSpace(r) {
		next += n
	}
	if next >= len(s) || !isDigit(s[next]) {
		return "", i, false
	}
	return currency, next, true
}

// currencySuffixAt reads a currency word or code after a number or
// multiplier ending at i ("euros", " US dollars", " USD", "-dollar") and
// returns the currency and where it ends. hasMultiplier says whether a
// multiplier was written, which some words need to count as money.
func currencySuffixAt(s string, i int, hasMultiplier bool) (currency string, end int, ok bool) {
	j := skipSpace(s, i)
	if j == i {
		if i >= len(s) || s[i] != '-' {
			return "", i, false
		}
		j++
	}
	for _, c := range currencyWords {
		if c.needsMultiplier && !hasMultiplier {
			continue
		}
		if !hasPrefixFold(s[j:], c.word) {
			continue
		}
		end := j + len(c.word)
		if end < len(s) && (s[end] == 's' || s[end] == 'S') {
			end++
		}
		if boundaryAt(s, end) {
			return c.code, end, true
		}
	}
	if j+3 <= len(s) && boundaryAt(s, j+3) {
		if code, ok := isoCodes[s[j:j+3]]; ok {
			return code, j + 3, true
		}
	}
	return "", i, false
}

// numberAt reads a number written in digits at i: "12", "1,200", "19.99",
// "12,34,567" (Indian grouping) or "1’000" (Swiss). It returns the number
// without its separators, ready for strconv.ParseFloat.
func numberAt(s string, i int) (digits string, end int, ok bool) {
	j := skipDigits(s, i)
	if j == i {
		return "", i, false
	}
	grouped := false
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !groupSeparator(r) {
			break
		}
		k := skipDigits(s, j+n)
		// Groups are of three digits, or of two in the Indian style
		// ("1,00,000"), where another comma must follow.
		indian := r == ',' && k-(j+n) == 2 && k < len(s) && s[k] == ','
		if k-(j+n) != 3 && !indian {
			break
		}
		j, grouped = k, true
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j = skipDigits(s, j+1)
	}
	// A comma or point still followed by digits means a number this reader
	// does not know ("€1,5" in European style, "1.2.3"); better no amount
	// than a wrong one.
	if j+1 < len(s) && (s[j] == ',' || s[j] == '.') && isDigit(s[j+1]) {
		return "", i, false
	}
	digits = s[i:j]
	if grouped {
		digits = strings.Map(func(r rune) rune {
			if groupSeparator(r) {
				return -1
			}
			return r
		}, digits)
	}
	if len(digits) > maxDigits {
		return "", i, false
	}
	return digits, j, true
}

// numberWordAt reads a spelled-out number at i: "two", "twenty-five", or
// "a", "an" and "half a", which count only before a multiplier ("a billion
// dollars", not "a dollar"). It returns the number as digits.
func numberWordAt(s string, i int) (digits string, end int, needsMultiplier, ok bool) {
	w, end := asciiWordAt(s, i)
	if !boundaryAt(s, end) {
		return "", i, false, false
	}
	switch w = strings.ToLower(w); w {
	case "a", "an":
		return "1", end, true, true
	case "half":
		j := skipSpace(s, end)
		a, aEnd := asciiWordAt(s, j)
		if j == end || !boundaryAt(s, aEnd) || (!strings.EqualFold(a, "a") && !strings.EqualFold(a, "an")) {
			return "", i, false, false
		}
		return "0.5", aEnd, true, true
	}
	n, ok := numberWords[w]
	if !ok {
		return "", i, false, false
	}
	if n >= 20 && end < len(s) && s[end] == '-' {
		u, uEnd := asciiWordAt(s, end+1)
		if units, ok := numberWords[strings.ToLower(u)]; ok && units < 10 && boundaryAt(s, uEnd) {
			n, end = n+units, uEnd
		}
	}
	return strconv.Itoa(n), end, false, true
}

// multiplierAt reads the multiplier after a number ending at i ("bn",
// " billion", "-billion", " lakh crore") and returns its power of ten and
// where it ends; it returns 0 and i when there is none.
func multiplierAt(s string, i int) (scale, end int) {
	scale, end, ok := multiplierWordAt(s, i, true)
	if !ok {
		j := skipSpace(s, i)
		if j == i && i < len(s) && s[i] == '-' {
			j++
		}
		if j == i {
			return 0, i
		}
		// A no-break space binds a unit to its number as tightly as writing
		// them together does.
		r, _ := utf8.DecodeRuneInString(s[i:])
		bound := r == '\u00a0' || r == '\u202f'
		if scale, end, ok = multiplierWordAt(s, j, bound && j-i == utf8.RuneLen(r)); !ok {
			return 0, i
		}
	}
	// Spelled-out and Indian multipliers stack: "two hundred million",
	// "1.5 lakh crore", "10 thousand crore".
	if j := skipSpace(s, end); j > end && scale <= 5 {
		if second, secondEnd, ok := multiplierWordAt(s, j, false); ok && second > scale {
			return scale + second, secondEnd
		}
	}
	return scale, end
}

// multiplierWordAt reads a multiplier word or abbreviation at i. attached
// says whether it is joined to its number, which single letters need.
func multiplierWordAt(s string, i int, attached bool) (scale, end int, ok bool) {
	w, end := asciiWordAt(s, i)
	if w == "" || !boundaryAt(s, end) {
		return 0, i, false
	}
	m, ok := multipliers[strings.ToLower(w)]
	if !ok || (m.attachedOnly && !attached) {
		return 0, i, false
	}
	return m.scale, end, true
}

// orMoreAt reads a "+" or "-plus" just after an amount ending at i, as in
// "$100bn+", and returns where it ends, or i if there is none. A "+" before
// another number or sum is arithmetic, not "or more".
func orMoreAt(s string, i int) int {
	var n int
	switch {
	case strings.HasPrefix(s[i:], "+"):
		n = 1
	case hasPrefixFold(s[i:], "-plus"):
		n = len("-plus")
	default:
		return i
	}
	if r, _ := utf8.DecodeRuneInString(s[i+n:]); i+n < len(s) && (isWordRune(r) || r == '+' || unicode.Is(unicode.Sc, r)) {
		return i
	}
	return i + n
}

// qualifierBefore returns the qualifier written just before an amount
// starting at i ("nearly", "more than", "~"), or "". The qualifier may sit
// outside a parenthesis that opens the amount: "potentially ($2.5bn)".
func qualifierBefore(s string, i int) string {
	j := skipSpaceBack(s, i)
	if j > 0 && s[j-1] == '(' {
		j = skipSpaceBack(s, j-1)
	}
	// The spaces stopped at a blank line: nothing before it qualifies.
	if j > 0 && s[j-1] == '\n' {
		return ""
	}
	if strings.HasSuffix(s[:j], "~") || strings.HasSuffix(s[:j], "≈") {
		return "about"
	}
	if j > 0 && s[j-1] == '.' {
		w, _ := prevWord(s, j-1)
		return qualifiers[w+"."]
	}
	w1, j1 := prevWord(s, j)
	if w1 == "" {
		return ""
	}
	w2, j2 := prevWord(s, j1)
	if w2 != "" {
		w3, _ := prevWord(s, j2)
		if q, ok := qualifiers[w3+" "+w2+" "+w1]; ok && w3 != "" {
			return q
		}
		if q, ok := qualifiers[w2+" "+w1]; ok {
			return q
		}
	}
	return qualifiers[w1]
}

// prevWord returns the word of ASCII letters ending at i, spaces aside, in
// lower case, and where it starts. It returns "" and i when there is none,
// or when the word runs into other letters or digits ("moreover" does not
// end in the word "over") or is longer than any word sought.
func prevWord(s string, i int) (string, int) {
	j := skipSpaceBack(s, i)
	// The spaces stopped at a blank line: the word before is in another
	// paragraph.
	if j > 0 && s[j-1] == '\n' {
		return "", i
	}
	k := j
	for k > 0 && j-k <= maxWordLen && isLetter(s[k-1]) {
		k--
	}
	if k == j || wordRuneBefore(s, k) {
		return "", i
	}
	return strings.ToLower(s[k:j]), k
}

// asciiWordAt returns the run of ASCII letters at i, up to maxWordLen+1 of
// them, and where it ends. The caller's boundary check rejects a longer
// run, since the letter after the cut is still a letter.
func asciiWordAt(s string, i int) (string, int) {
	j := i
	for j < len(s) && j-i <= maxWordLen && isLetter(s[j]) {
		j++
	}
	return s[i:j], j
}

// skipSpace returns the index after the spaces at i. It crosses at most one
// line break: a wrapped line may split "$5\nbillion", but a blank line ends
// a paragraph.
func skipSpace(s string, i int) int {
	newline := false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHSpace(r):
		case r == '\n' && !newline:
			newline = true
		default:
			return i
		}
		i += n
	}
	return i
}

// skipSpaceBack is skipSpace going backwards: it returns the index of the
// start of the spaces ending at i.
func skipSpaceBack(s string, i int) int {
	newline := false
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		switch {
		case isHSpace(r):
		case r == '\n' && !newline:
			newline = true
		default:
			return i
		}
		i -= n
	}
	return i
}

// skipDigits returns the index after the ASCII digits at i.
func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// cleanEnd reports whether a number ending at i, with no multiplier, ends
// there as a sum of money would. "$10x", "$4o" and "$5%" are not money.
func cleanEnd(s string, i int) bool {
	return boundaryAt(s, i) && !strings.HasPrefix(s[i:], "%")
}

// boundaryAt reports whether a word or number ends at i: the input ends or
// the next rune is neither a letter nor a digit.
func boundaryAt(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

// wordRuneBefore reports whether the rune before i is a letter or digit,
// which makes i the inside of a word rather than its start.
func wordRuneBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && isWordRune(r)
}

// hasPrefixFold is strings.HasPrefix ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isYear reports whether a number as written looks like a year, 1900 to
// 2099, which with no currency sign is more likely a date than a sum.
func isYear(written string) bool {
	return len(written) == 4 && skipDigits(written, 0) == 4 &&
		(strings.HasPrefix(written, "19") || strings.HasPrefix(written, "20"))
}

// groupSeparator reports whether r separates groups of thousands:
// commas, and the straight or curly apostrophes of Swiss style.
func groupSeparator(r rune) bool {
	return r == ',' || r == '\'' || r == '’'
}

// isHSpace reports whether r is a space within a line, including the
// no-break and thin spaces news sites put between a number and its unit.
func isHSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\u00a0', '\u202f', '\u2009', '\u2007', '\u200a':
		return true
	}
	return false
}

// isWordRune reports whether r is a letter or digit in any script.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
