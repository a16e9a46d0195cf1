package corpus

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// found is an amount a test expects, without its Span, which
// wantAmounts works out from the text.
type found struct {
	text      string
	value     float64
	max       float64
	currency  string
	qualifier string
}

// amountCase is one table entry: an input and the amounts expected in it.
// An empty name means the input names the subtest.
type amountCase struct {
	name string
	in   string
	want []found
}

// runAmountCases checks FindAmounts against each case in a subtest.
func runAmountCases(t *testing.T, cases []amountCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.name
		if name == "" {
			name = tc.in
		}
		t.Run(name, func(t *testing.T) {
			got := FindAmounts(tc.in)
			want := wantAmounts(t, tc.in, tc.want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("FindAmounts(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// wantAmounts turns expected amounts into Amounts, placing each Span at
// the first occurrence of its text after the previous amount, so that the
// tables need not spell out byte offsets.
func wantAmounts(t *testing.T, in string, fs []found) []Amount {
	t.Helper()
	var want []Amount
	from := 0
	for _, f := range fs {
		i := strings.Index(in[from:], f.text)
		if i < 0 {
			t.Fatalf("bad test case: %q not found in %q after byte %d", f.text, in, from)
		}
		start := from + i
		from = start + len(f.text)
		want = append(want, Amount{
			Value:     f.value,
			Max:       f.max,
			Currency:  f.currency,
			Text:      f.text,
			Qualifier: f.qualifier,
			Span:      Span{Start: start, End: from},
		})
	}
	return want
}

// usd is shorthand for a single unqualified dollar amount whose text is the
// whole input.
func usd(text string, value float64) amountCase {
	return amountCase{in: text, want: []found{{text: text, value: value, currency: "USD"}}}
}

// TestFindAmountsDollars covers dollar signs with every way of writing the
// number and its multiplier.
func TestFindAmountsDollars(t *testing.T) {
	runAmountCases(t, []amountCase{
		usd("$12bn", 12e9),
		usd("$12 billion", 12e9),
		usd("$2.5bn", 2.5e9),
		usd("$2.5 billion", 2.5e9),
		usd("$650 million", 650e6),
		usd("$650m", 650e6),
		usd("$1.2tn", 1.2e12),
		usd("$1.2 trillion", 1.2e12),
		usd("$3 trn", 3e12),
		usd("$500k", 500e3),
		usd("$1,200", 1200),
		usd("$19.99", 19.99),
		usd("$10", 10),
		usd("$2.5-billion", 2.5e9),
		usd("$80 billion", 80e9),
		usd("$0", 0),
		usd("$0.5bn", 0.5e9),
		usd("$1,200,000,000", 1.2e9),
		usd("$1,234.56", 1234.56),
		usd("$1.5B", 1.5e9),
		usd("$5M", 5e6),
		usd("$1T", 1e12),
		usd("$5K", 5e3),
		usd("$5BN", 5e9),
		usd("$5 Bn", 5e9),
		usd("$3 Million", 3e6),
		usd("$3 BILLION", 3e9),
		usd("$5mn", 5e6),
		usd("$5 mln", 5e6),
		usd("$5 bln", 5e9),
		usd("$5MM", 5e6),
		usd("$5 mil", 5e6),
		usd("$5 tn", 5e12),
		usd("$5billion", 5e9),
		usd("$5 thousand", 5e3),
		usd("$5 hundred million", 500e6),
		usd("$2.5-bn", 2.5e9),
		usd("US$1.5 billion", 1.5e9),
		usd("$US1.5 billion", 1.5e9),
		usd("USD 1.5 billion", 1.5e9),
		usd("USD1.5bn", 1.5e9),
		{name: "in a sentence", in: "Microsoft pulled out of a $12bn deal with CoreWeave, citing delays", want: []found{
			{text: "$12bn", value: 12e9, currency: "USD"},
		}},
		{name: "several", in: "It paid $5bn in cash, $2.5bn in stock and $300m in fees.", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$2.5bn", value: 2.5e9, currency: "USD"},
			{text: "$300m", value: 300e6, currency: "USD"},
		}},
		{name: "sentence punctuation after the amount", in: "worth $80 billion, then $5bn. Then ($12bn) and “$7bn”; $3m!", want: []found{
			{text: "$80 billion", value: 80e9, currency: "USD"},
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$12bn", value: 12e9, currency: "USD"},
			{text: "$7bn", value: 7e9, currency: "USD"},
			{text: "$3m", value: 3e6, currency: "USD"},
		}},
		{name: "hyphenated adjective after the amount", in: "a $20-a-month plan", want: []found{
			{text: "$20", value: 20, currency: "USD"},
		}},
		{name: "sign after a letter", in: "a$5bn", want: []found{{text: "$5bn", value: 5e9, currency: "USD"}}},
		{name: "one space after the sign is accepted", in: "$ 5", want: []found{{text: "$ 5", value: 5, currency: "USD"}}},
		{name: "trailing decimal point is punctuation", in: "It cost $5.", want: []found{{text: "$5", value: 5, currency: "USD"}}},
	})
}

// TestFindAmountsCurrencies covers currency signs and codes written before
// the number.
func TestFindAmountsCurrencies(t *testing.T) {
	one := func(text string, value float64, currency string) amountCase {
		return amountCase{in: text, want: []found{{text: text, value: value, currency: currency}}}
	}
	runAmountCases(t, []amountCase{
		one("€120m", 120e6, "EUR"),
		one("EUR 120 million", 120e6, "EUR"),
		one("£240m", 240e6, "GBP"),
		one("GBP 240m", 240e6, "GBP"),
		one("¥5 billion", 5e9, "JPY"),
		one("JP¥5 billion", 5e9, "JPY"),
		one("CN¥5 billion", 5e9, "CNY"),
		one("RMB 5bn", 5e9, "CNY"),
		one("CNY 5bn", 5e9, "CNY"),
		one("C$500m", 500e6, "CAD"),
		one("CA$500m", 500e6, "CAD"),
		one("CAD 500m", 500e6, "CAD"),
		one("A$2bn", 2e9, "AUD"),
		one("AU$2bn", 2e9, "AUD"),
		one("AUD 2bn", 2e9, "AUD"),
		one("HK$10bn", 10e9, "HKD"),
		one("HKD 10bn", 10e9, "HKD"),
		one("S$1.2bn", 1.2e9, "SGD"),
		one("SGD 1.2bn", 1.2e9, "SGD"),
		one("NZ$40m", 40e6, "NZD"),
		one("NT$5bn", 5e9, "TWD"),
		one("R$5bn", 5e9, "BRL"),
		one("₹500 crore", 5e9, "INR"),
		one("Rs 500 crore", 5e9, "INR"),
		one("Rs. 1,200 crore", 12e9, "INR"),
		one("Rs500cr", 5e9, "INR"),
		one("INR 200 crore", 2e9, "INR"),
		one("Rs 10 lakh", 1e6, "INR"),
		one("₹1.5 lakh crore", 1.5e12, "INR"),
		one("₹10,000 crore", 100e9, "INR"),
		one("Rs 1,00,000", 100000, "INR"),
		one("₹12,34,567", 1234567, "INR"),
		one("CHF 3m", 3e6, "CHF"),
		one("CHF 1’000’000", 1e6, "CHF"),
		one("CHF 1'000'000", 1e6, "CHF"),
		one("₩3 trillion", 3e12, "KRW"),
		one("KRW 3 trillion", 3e12, "KRW"),
		one("SEK 4bn", 4e9, "SEK"),
		one("AED 1bn", 1e9, "AED"),
		one("AUD$5m", 5e6, "AUD"),
		one("USD$5m", 5e6, "USD"),
	})
}

// TestFindAmountsCurrencyWords covers amounts whose currency is written
// after the number, including spelled-out numbers.
func TestFindAmountsCurrencyWords(t *testing.T) {
	one := func(text string, value float64, currency string) amountCase {
		return amountCase{in: text, want: []found{{text: text, value: value, currency: currency}}}
	}
	runAmountCases(t, []amountCase{
		one("1.5 billion dollars", 1.5e9, "USD"),
		one("5 million euros", 5e6, "EUR"),
		one("20 million pounds", 20e6, "GBP"),
		one("1 billion pounds sterling", 1e9, "GBP"),
		one("5 million sterling", 5e6, "GBP"),
		one("5 million US dollars", 5e6, "USD"),
		one("5 million U.S. dollars", 5e6, "USD"),
		one("2 billion Canadian dollars", 2e9, "CAD"),
		one("2 billion Hong Kong dollars", 2e9, "HKD"),
		one("500 million Swiss francs", 500e6, "CHF"),
		one("10 billion yen", 10e9, "JPY"),
		one("3 billion yuan", 3e9, "CNY"),
		one("3 billion renminbi", 3e9, "CNY"),
		one("500 crore rupees", 5e9, "INR"),
		one("5 billion won", 5e9, "KRW"),
		one("5 trillion Korean won", 5e12, "KRW"),
		one("1.5 billion USD", 1.5e9, "USD"),
		one("120m EUR", 120e6, "EUR"),
		one("120m euros", 120e6, "EUR"),
		one("5 Million Dollars", 5e6, "USD"),
		one("20 dollars", 20, "USD"),
		one("100 yen", 100, "JPY"),
		one("2,000 dollars", 2000, "USD"),
		{name: "hyphenated adjective", in: "a 5-million-dollar deal", want: []found{{text: "5-million-dollar", value: 5e6, currency: "USD"}}},
		one("one dollar", 1, "USD"),
		one("two billion dollars", 2e9, "USD"),
		one("ten million euros", 10e6, "EUR"),
		one("Five billion dollars", 5e9, "USD"),
		one("twenty-five million dollars", 25e6, "USD"),
		one("two hundred million dollars", 200e6, "USD"),
		one("a billion dollars", 1e9, "USD"),
		one("A billion dollars", 1e9, "USD"),
		one("an million euros", 1e6, "EUR"),
		one("a hundred thousand dollars", 100e3, "USD"),
		one("half a billion dollars", 0.5e9, "USD"),
		one("a lakh rupees", 1e5, "INR"),
	})
}

// TestFindAmountsQualifiers covers the words before an amount that qualify
// it, which must not become part of its Text.
func TestFindAmountsQualifiers(t *testing.T) {
	q := func(qualifier, in, text string, value float64) amountCase {
		return amountCase{in: in, want: []found{{text: text, value: value, currency: "USD", qualifier: qualifier}}}
	}
	runAmountCases(t, []amountCase{
		q("nearly", "nearly $12 billion", "$12 billion", 12e9),
		q("nearly", "almost $12bn", "$12bn", 12e9),
		q("nearly", "close to $12bn", "$12bn", 12e9),
		q("nearly", "just under $12bn", "$12bn", 12e9),
		q("nearly", "just shy of $12bn", "$12bn", 12e9),
		q("about", "about $5bn", "$5bn", 5e9),
		q("about", "around $5bn", "$5bn", 5e9),
		q("about", "roughly $5bn", "$5bn", 5e9),
		q("about", "approximately $5bn", "$5bn", 5e9),
		q("about", "some $5bn", "$5bn", 5e9),
		q("about", "an estimated $5bn", "$5bn", 5e9),
		q("about", "approx. $5bn", "$5bn", 5e9),
		q("about", "approx $5bn", "$5bn", 5e9),
		q("about", "circa $5bn", "$5bn", 5e9),
		q("about", "c. $5bn", "$5bn", 5e9),
		q("", "Inc. $5bn", "$5bn", 5e9),
		q("about", "~$5bn", "$5bn", 5e9),
		q("about", "~ $5bn", "$5bn", 5e9),
		q("up to", "up to $5bn", "$5bn", 5e9),
		q("up to", "no more than $5bn", "$5bn", 5e9),
		q("potentially", "potentially $2.5 billion", "$2.5 billion", 2.5e9),
		q("potentially", "possibly $2.5 billion", "$2.5 billion", 2.5e9),
		q("potentially", "as much as $2.5 billion", "$2.5 billion", 2.5e9),
		q("more than", "more than $1bn", "$1bn", 1e9),
		q("more than", "over $1bn", "$1bn", 1e9),
		q("more than", "well over $1bn", "$1bn", 1e9),
		q("more than", "above $1bn", "$1bn", 1e9),
		q("more than", "in excess of $1bn", "$1bn", 1e9),
		q("more than", "north of $1bn", "$1bn", 1e9),
		q("more than", "upwards of $1bn", "$1bn", 1e9),
		q("at least", "at least $1bn", "$1bn", 1e9),
		q("at least", "no less than $1bn", "$1bn", 1e9),
		q("less than", "less than $1bn", "$1bn", 1e9),
		q("less than", "under $1bn", "$1bn", 1e9),
		q("less than", "below $1bn", "$1bn", 1e9),
		q("nearly", "Nearly $12bn", "$12bn", 12e9),
		q("more than", "MORE THAN $12BN", "$12BN", 12e9),
		q("potentially", "a huge (potentially $2.5 billion) IPO", "$2.5 billion", 2.5e9),
		q("potentially", "an IPO of potentially ($2.5bn)", "$2.5bn", 2.5e9),
		q("nearly", "Microsoft’s nearly $12 billion option", "$12 billion", 12e9),
		q("nearly", "Microsoft's nearly $12 billion option", "$12 billion", 12e9),
		q("nearly", "nearly\u00a0$12bn", "$12bn", 12e9),
		q("nearly", "nearly\n$12bn", "$12bn", 12e9),
		q("about", "about two billion dollars", "two billion dollars", 2e9),
		q("about", "about a billion dollars", "a billion dollars", 1e9),
		q("at least", "$100bn+ deal", "$100bn+", 100e9),
		q("at least", "a $100bn-plus deal", "$100bn-plus", 100e9),
		q("more than", "more than $100bn+", "$100bn+", 100e9),
		q("", "moreover $5bn", "$5bn", 5e9),
		q("", "the $5bn", "$5bn", 5e9),
		q("", "it was over. $5bn", "$5bn", 5e9),
		q("", "nearly\n\n$12bn", "$12bn", 12e9),
		{name: "plus between amounts is arithmetic", in: "$5bn+$2bn", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$2bn", value: 2e9, currency: "USD"},
		}},
		{name: "qualifier applies to its own amount only", in: "nearly $5bn and $2bn", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD", qualifier: "nearly"},
			{text: "$2bn", value: 2e9, currency: "USD"},
		}},
		{name: "other currencies", in: "up to €5m, around £3m and at least 20 million pounds", want: []found{
			{text: "€5m", value: 5e6, currency: "EUR", qualifier: "up to"},
			{text: "£3m", value: 3e6, currency: "GBP", qualifier: "about"},
			{text: "20 million pounds", value: 20e6, currency: "GBP", qualifier: "at least"},
		}},
	})
}

// TestFindAmountsRanges covers ranges, which are one Amount, and pairs of
// amounts that are not ranges.
func TestFindAmountsRanges(t *testing.T) {
	r := func(in, text string, low, high float64, currency string) amountCase {
		return amountCase{in: in, want: []found{{text: text, value: low, max: high, currency: currency}}}
	}
	runAmountCases(t, []amountCase{
		r("$1bn-$2bn", "$1bn-$2bn", 1e9, 2e9, "USD"),
		r("$1bn to $2bn", "$1bn to $2bn", 1e9, 2e9, "USD"),
		r("$1 billion to $2 billion", "$1 billion to $2 billion", 1e9, 2e9, "USD"),
		r("$1-2 billion", "$1-2 billion", 1e9, 2e9, "USD"),
		r("$1 to $2 billion", "$1 to $2 billion", 1e9, 2e9, "USD"),
		r("$1 to 2 billion", "$1 to 2 billion", 1e9, 2e9, "USD"),
		r("between $1bn and $2bn", "$1bn and $2bn", 1e9, 2e9, "USD"),
		r("Between $1 and $2 billion", "$1 and $2 billion", 1e9, 2e9, "USD"),
		r("€100m–€150m", "€100m–€150m", 100e6, 150e6, "EUR"),
		r("€100m–150m", "€100m–150m", 100e6, 150e6, "EUR"),
		r("£5m—£6m", "£5m—£6m", 5e6, 6e6, "GBP"),
		r("$1bn – $2bn", "$1bn – $2bn", 1e9, 2e9, "USD"),
		r("$1.5-2bn", "$1.5-2bn", 1.5e9, 2e9, "USD"),
		r("$10-20", "$10-20", 10, 20, "USD"),
		r("$10-$20 a month", "$10-$20", 10, 20, "USD"),
		r("$500m-$1bn", "$500m-$1bn", 500e6, 1e9, "USD"),
		r("$500-$2bn", "$500-$2bn", 500, 2e9, "USD"),
		r("1-2 billion dollars", "1-2 billion dollars", 1e9, 2e9, "USD"),
		r("5 to 10 million euros", "5 to 10 million euros", 5e6, 10e6, "EUR"),
		r("between 1 and 2 billion euros", "1 and 2 billion euros", 1e9, 2e9, "EUR"),
		r("one to two billion dollars", "one to two billion dollars", 1e9, 2e9, "USD"),
		r("Rs 500-600 crore", "Rs 500-600 crore", 5e9, 6e9, "INR"),
		r("USD 1-2bn", "USD 1-2bn", 1e9, 2e9, "USD"),
		{name: "qualified range", in: "up to $1bn-$2bn", want: []found{
			{text: "$1bn-$2bn", value: 1e9, max: 2e9, currency: "USD", qualifier: "up to"},
		}},
		{name: "qualifier before between", in: "roughly between $1bn and $2bn", want: []found{
			{text: "$1bn and $2bn", value: 1e9, max: 2e9, currency: "USD", qualifier: "about"},
		}},
		{name: "from-to is a change, not a range", in: "revenue grew from $1bn to $2bn", want: []found{
			{text: "$1bn", value: 1e9, currency: "USD"},
			{text: "$2bn", value: 2e9, currency: "USD"},
		}},
		{name: "and without between", in: "$1bn and $2bn", want: []found{
			{text: "$1bn", value: 1e9, currency: "USD"},
			{text: "$2bn", value: 2e9, currency: "USD"},
		}},
		{name: "descending", in: "$5bn-$2bn", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$2bn", value: 2e9, currency: "USD"},
		}},
		{name: "different currencies", in: "€5m-$6m", want: []found{
			{text: "€5m", value: 5e6, currency: "EUR"},
			{text: "$6m", value: 6e6, currency: "USD"},
		}},
		{name: "to a year", in: "$1bn to 2030", want: []found{{text: "$1bn", value: 1e9, currency: "USD"}}},
		{name: "to a count of people", in: "gave $50 to 100 employees", want: []found{{text: "$50", value: 50, currency: "USD"}}},
		{name: "unscaled high end after a scaled low end", in: "$1bn-2 times", want: []found{{text: "$1bn", value: 1e9, currency: "USD"}}},
		{name: "word before dollars after a plain number", in: "5 million dollars to 6 million people", want: []found{
			{text: "5 million dollars", value: 5e6, currency: "USD"},
		}},
		{name: "three in a row", in: "$1bn-$2bn-$3bn", want: []found{
			{text: "$1bn-$2bn", value: 1e9, max: 2e9, currency: "USD"},
			{text: "$3bn", value: 3e9, currency: "USD"},
		}},
		{name: "year range then amount", in: "between 2020 and 2025, $5bn", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
		}},
	})
}

// TestFindAmountsNotMoney covers numbers that are not amounts of money.
func TestFindAmountsNotMoney(t *testing.T) {
	var cases []amountCase
	for _, in := range []string{
		"",
		"5 million users",
		"2025",
		"3.5%",
		"10x",
		"GPT-4",
		"$",
		"$ ",
		"$$$",
		"$ alone",
		"US$ alone",
		"€",
		"Series B",
		"a Series B round at 10x",
		"at 10:30 a.m.",
		"call +1 (555) 123-4567",
		"the PHP 8.3 release",
		"at COP 28",
		"USDC 5",
		"a million users",
		"$AAPL",
		"$10x returns",
		"GPT-$4o",
		"$5%",
		"in 2023 dollars",
		"the team of 5 won",
		"he won 5 medals",
		"lost 500 pounds",
		"A100 chips",
		"Llama 3.1 405B",
		"Rs",
		"a dollar",
		"twenty",
		"half a",
		"2024-2025 dollars",
		"$\u00a0\u00a05",
		"€1,5 Mrd",
		"$1,2345",
		"$1.2.3",
		"1,1,1,1 dollars",
	} {
		cases = append(cases, amountCase{in: in})
	}
	runAmountCases(t, cases)
}

// TestFindAmountsSpacing covers the spaces, line breaks and apostrophes
// found in scraped news text.
func TestFindAmountsSpacing(t *testing.T) {
	runAmountCases(t, []amountCase{
		usd("$12\u00a0billion", 12e9),
		usd("$12\u202fbn", 12e9),
		usd("$12\u2009billion", 12e9),
		usd("$5\u00a0m", 5e6),
		usd("US$\u00a01.5\u00a0billion", 1.5e9),
		usd("USD\u00a01.5\u00a0billion", 1.5e9),
		usd("1.5\u00a0billion\u00a0dollars", 1.5e9),
		usd("$5\nbillion", 5e9),
		usd("$5\r\nbillion", 5e9),
		{name: "€ nbsp", in: "€120\u00a0million", want: []found{{text: "€120\u00a0million", value: 120e6, currency: "EUR"}}},
		{name: "spaced single letter is not a multiplier", in: "$5 m", want: []found{{text: "$5", value: 5, currency: "USD"}}},
		{name: "blank line ends the amount", in: "$5\n\nbillion", want: []found{{text: "$5", value: 5, currency: "USD"}}},
		{name: "possessive after", in: "$5bn’s worth and $6bn's worth", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$6bn", value: 6e9, currency: "USD"},
		}},
		{name: "possessive before", in: "the deal’s $5bn value", want: []found{{text: "$5bn", value: 5e9, currency: "USD"}}},
		{name: "quoted", in: "'$5bn' and ‘$6bn’", want: []found{
			{text: "$5bn", value: 5e9, currency: "USD"},
			{text: "$6bn", value: 6e9, currency: "USD"},
		}},
		{name: "invalid UTF-8 around", in: "\xff$5bn\xfe", want: []found{{text: "$5bn", value: 5e9, currency: "USD"}}},
	})
}

// TestFindAmountsArticle runs FindAmounts over sentences from a real
// article.
func TestFindAmountsArticle(t *testing.T) {
	const article = `Microsoft pulled out of a $12bn deal with CoreWeave, citing delays

CoreWeave is eyeing a huge (potentially $2.5 billion) IPO in the coming weeks, but it has also had a few unflattering news stories to contend with recently.

Jeffrey Emanuel, whose viral essay described Nvidia as overpriced and led to it losing $600 billion in a single day, has described CoreWeave as a turkey.

More recently, Microsoft chose to walk away from a nearly $12 billion option to buy more data-center capacity from the AI hyperscaler.

Shortly after that news broke, it was reported that OpenAI would be taking up Microsoft's nearly $12 billion option instead.

“This isn’t a sign that Microsoft is pulling back on AI - “We’re good for our $80 billion,” Satya Nadella said on CNBC.`
	runAmountCases(t, []amountCase{{name: "CoreWeave", in: article, want: []found{
		{text: "$12bn", value: 12e9, currency: "USD"},
		{text: "$2.5 billion", value: 2.5e9, currency: "USD", qualifier: "potentially"},
		{text: "$600 billion", value: 600e9, currency: "USD"},
		{text: "$12 billion", value: 12e9, currency: "USD", qualifier: "nearly"},
		{text: "$12 billion", value: 12e9, currency: "USD", qualifier: "nearly"},
		{text: "$80 billion", value: 80e9, currency: "USD"},
	}}})
}

// BenchmarkFindAmountsAdversarial measures FindAmounts on 2 MB inputs
// built to defeat a scanner that backtracks or rescans: a linear scan
// takes well under a second on each, a quadratic one minutes.
func BenchmarkFindAmountsAdversarial(b *testing.B) {
	const size = 2 << 20
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	inputs := map[string]string{
		"prose":           fill("OpenAI raised nearly $6.6bn from investors, between $1bn and $2bn each; 5 million users. "),
		"digits":          "$" + fill("1"),
		"signs":           fill("$"),
		"sign digits":     fill("$1"),
		"grouped digits":  "$" + fill("111,"),
		"indian groups":   "$" + fill("11,"),
		"decimals":        fill("1.1"),
		"dashes":          fill("$1-"),
		"to":              fill("$1 to "),
		"spaces":          "$1" + fill(" ") + "billion",
		"nbsp":            "$1" + fill("\u00a0"),
		"letters":         fill("a"),
		"words":           fill("a "),
		"qualifier words": fill("nearly "),
		"number words":    fill("twenty-"),
		"currency words":  fill("1 dollars "),
		"invalid UTF-8":   fill("\xe2\x82"),
		"euro signs":      fill("€"),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				FindAmounts(in)
			}
		})
	}
}

// BenchmarkFindAmounts measures FindAmounts on 2 MB of article-like text.
func BenchmarkFindAmounts(b *testing.B) {
	unit := "Microsoft chose to walk away from a nearly $12 billion option; OpenAI raised €5m–€6m and 5 million users signed up in 2025. "
	in := strings.Repeat(unit, (2<<20)/len(unit))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		FindAmounts(in)
	}
}

// checkAmounts reports the ways amounts break FindAmounts' promises about
// s: spans inside s, in order, not overlapping, matching Text; values
// finite and non-negative; known currencies and qualifiers.
func checkAmounts(t *testing.T, s string, amounts []Amount) {
	t.Helper()
	knownQualifiers := map[string]bool{
		"": true, "nearly": true, "about": true, "up to": true, "potentially": true,
		"more than": true, "at least": true, "less than": true,
	}
	prevEnd := 0
	for _, a := range amounts {
		if a.Start < prevEnd || a.End <= a.Start || a.End > len(s) {
			t.Fatalf("span %v out of order or bounds (previous end %d, len %d) in %q", a.Span, prevEnd, len(s), s)
		}
		if got, want := s[a.Start:a.End], a.Text; got != want {
			t.Errorf("s[%d:%d] = %q, want Text %q", a.Start, a.End, got, want)
		}
		if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || a.Value < 0 {
			t.Errorf("amount %q has Value %v, want finite and >= 0", a.Text, a.Value)
		}
		if math.IsNaN(a.Max) || math.IsInf(a.Max, 0) || (a.Max != 0 && a.Max <= a.Value) {
			t.Errorf("amount %q has Max %v with Value %v, want 0 or finite and above Value", a.Text, a.Max, a.Value)
		}
		if len(a.Currency) != 3 {
			t.Errorf("amount %q has Currency %q, want an ISO 4217 code", a.Text, a.Currency)
		}
		if !knownQualifiers[a.Qualifier] {
			t.Errorf("amount %q has Qualifier %q, want one of the documented ones", a.Text, a.Qualifier)
		}
		prevEnd = a.End
	}
}

// TestFindAmountsInvariants checks checkAmounts' promises on a mixed text
// where amounts sit close together.
func TestFindAmountsInvariants(t *testing.T) {
	const in = "$1bn-$2bn$3bn,$4bn+$5bn+ nearly$6m€7m–8m 9 million euros10 £11,000,000.50 ₹1 lakh crore$"
	got := FindAmounts(in)
	checkAmounts(t, in, got)
	if len(got) < 8 {
		t.Errorf("FindAmounts(%q) found %d amounts, want at least 8: %+v", in, len(got), got)
	}
}

// FuzzFindAmounts checks that FindAmounts never panics and keeps its
// promises about spans and values on any input.
func FuzzFindAmounts(f *testing.F) {
	for _, seed := range []string{
		"$12bn", "$2.5-billion", "US$1.5 billion", "USD1.5bn", "€100m–€150m",
		"Rs 500 crore", "₹1.5 lakh crore", "CHF 1’000’000", "Rs 1,00,000",
		"between $1bn and $2bn", "$1 to $2 billion", "one to two billion dollars",
		"a huge (potentially $2.5 billion) IPO", "~$5bn", "approx. $5bn",
		"$100bn+ deal", "$100bn-plus", "half a billion dollars", "twenty-five million dollars",
		"$12\u00a0billion", "$5\nbillion", "5 billion won", "in 2023 dollars",
		"\xff$5bn\xfe", "$\xe2\x82", "1,1,1,1", "$1-$", "$1e308", "$" + strings.Repeat("9", 400) + " trillion",
		"$99999999999999999999999999999999999999 trillion trillion",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAmounts(t, s, FindAmounts(s))
	})
}
