package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// semafor is a real paragraph whose outer quotation, opened at “This and
// closed at the very end, holds another curly double quotation and a
// sentence boundary ("spends. At"). The whole paragraph is one sentence.
const semafor = `Rohan Goswami at Semafor made a couple of interesting observations on the news, noting, “This isn’t a sign that Microsoft is pulling back on AI - “We’re good for our $80 billion,” Satya Nadella said on CNBC - but an indication that the company is being more tactical about exactly when and where it spends. At the same time, OpenAI’s biggest backer is Microsoft, meaning that OpenAI is paying CoreWeave with money that is largely Microsoft’s to begin with.”`

type splitTest struct {
	name string
	para string
	want []string
}

var splitTests = []splitTest{
	// Basics.
	{"empty", "", nil},
	{"only white space", " \n\t\u00a0 ", nil},
	{"one sentence", "Zephyr Robotics raised $40m.", []string{"Zephyr Robotics raised $40m."}},
	{
		"surrounding white space trimmed",
		"  \tZephyr Robotics raised $40m.   It hired staff. \n",
		[]string{"Zephyr Robotics raised $40m.", "It hired staff."},
	},
	{
		"period question and exclamation",
		"Halcyon Corp. raised its offer. Will Zephyr accept? Analysts doubt it! Talks go on.",
		[]string{"Halcyon Corp. raised its offer.", "Will Zephyr accept?", "Analysts doubt it!", "Talks go on."},
	},
	{
		"run of terminators",
		"Did Halcyon really pay $9bn?! Nobody expected it.",
		[]string{"Did Halcyon really pay $9bn?!", "Nobody expected it."},
	},
	{
		"three-dot ellipsis before capital",
		"The deal stalled... Then Halcyon came back.",
		[]string{"The deal stalled...", "Then Halcyon came back."},
	},
	{
		"ellipsis character before capital",
		"The deal stalled… Then Halcyon came back.",
		[]string{"The deal stalled…", "Then Halcyon came back."},
	},
	{
		"ellipsis before lower case",
		"The deal stalled… then Halcyon came back.",
		[]string{"The deal stalled… then Halcyon came back."},
	},
	{
		"lower case after period",
		"The unit makes approx. nothing. it is small, the filing says.",
		[]string{"The unit makes approx. nothing. it is small, the filing says."},
	},
	{
		"no space after period",
		"Revenue rose.Profit fell.",
		[]string{"Revenue rose.Profit fell."},
	},
	{
		"digit starts a sentence",
		"Zephyr lost money in 2023. 2024 was better.",
		[]string{"Zephyr lost money in 2023.", "2024 was better."},
	},
	{
		"currency starts a sentence",
		"Nadia Okafor named the price. $80 billion is a lot.",
		[]string{"Nadia Okafor named the price.", "$80 billion is a lot."},
	},
	{
		"camel-case brand starts a sentence",
		"Zephyr launched a robot last year. iPhone sales fell.",
		[]string{"Zephyr launched a robot last year.", "iPhone sales fell."},
	},
	{
		"opening bracket starts a sentence",
		"The offer lapsed. (Halcyon declined to comment.) Shares fell.",
		[]string{"The offer lapsed.", "(Halcyon declined to comment.)", "Shares fell."},
	},
	{
		"closing single quote after period",
		"He called it ‘a bargain.’ Others disagreed.",
		[]string{"He called it ‘a bargain.’", "Others disagreed."},
	},
	{
		"newlines and non-breaking spaces are white space",
		"Zephyr grew.\nHalcyon shrank.\u00a0Both\nsurvived.",
		[]string{"Zephyr grew.", "Halcyon shrank.", "Both\nsurvived."},
	},

	// Titles and other abbreviations that never end a sentence.
	{
		"titles before names",
		"Mr. Ortega met Dr. Amara Chen, Prof. Lee and Sen. Ruiz. Gov. Park, Gen. Osei and Lt. Col. Brandt came later.",
		[]string{
			"Mr. Ortega met Dr. Amara Chen, Prof. Lee and Sen. Ruiz.",
			"Gov. Park, Gen. Osei and Lt. Col. Brandt came later.",
		},
	},
	{
		"more titles and saint",
		"Mrs. Adeyemi, Ms. Novak, Rep. Dunn, Sgt. Bell, Capt. Moss, Rev. Hale and Hon. Tan flew to St. Louis. They met there.",
		[]string{
			"Mrs. Adeyemi, Ms. Novak, Rep. Dunn, Sgt. Bell, Capt. Moss, Rev. Hale and Hon. Tan flew to St. Louis.",
			"They met there.",
		},
	},
	{
		"e.g. i.e. vs. approx.",
		"Rivals, e.g. Halcyon, bid low, i.e. Under $1bn. It was Zephyr vs. Halcyon again, with approx. 300 staff at stake.",
		[]string{
			"Rivals, e.g. Halcyon, bid low, i.e. Under $1bn.",
			"It was Zephyr vs. Halcyon again, with approx. 300 staff at stake.",
		},
	},
	{
		"number abbreviations before a digit",
		"Zephyr is ranked No. 3 in the sector, see Fig. 2 for details. No. The rank is new.",
		[]string{
			"Zephyr is ranked No. 3 in the sector, see Fig. 2 for details.",
			"No.",
			"The rank is new.",
		},
	},

	// Company suffixes end a sentence only before a common starter.
	{
		"company suffix before lower case",
		"Zephyr Robotics Inc. said it would list.",
		[]string{"Zephyr Robotics Inc. said it would list."},
	},
	{
		"company suffix with comma",
		"Amara Chen, chief executive of Halcyon Corp., said the deal was done.",
		[]string{"Amara Chen, chief executive of Halcyon Corp., said the deal was done."},
	},
	{
		"company suffix before a name",
		"The buyer was Halcyon Corp. Chief Executive Amara Chen signed.",
		[]string{"The buyer was Halcyon Corp. Chief Executive Amara Chen signed."},
	},
	{
		"company suffix before starter",
		"The buyer was Zephyr Robotics Inc. The company said it would list.",
		[]string{"The buyer was Zephyr Robotics Inc.", "The company said it would list."},
	},
	{
		"company suffixes chained",
		"Lumen Co. Ltd. agreed terms with Brightwater Holdings LLC. Shares rose 4%.",
		[]string{"Lumen Co. Ltd. agreed terms with Brightwater Holdings LLC.", "Shares rose 4%."},
	},
	{
		"Plc and AG before starters",
		"Tarn Plc. It bought Kessler AG. Its rival Orvo AG. Nordhaven lost.",
		[]string{"Tarn Plc.", "It bought Kessler AG.", "Its rival Orvo AG. Nordhaven lost."},
	},
	{
		"exclamation mark in a company name",
		"Zoomba! Inc. said sales doubled.",
		[]string{"Zoomba! Inc. said sales doubled."},
	},
	{
		"junior before verb and before starter",
		"Martin Ortega Jr. said no. He left with Ortega Sr. The talks ended.",
		[]string{"Martin Ortega Jr. said no.", "He left with Ortega Sr.", "The talks ended."},
	},

	// Months, etc., est.
	{
		"month before day",
		"The deal closed on Jan. 5 and a second on Sept. 30. Terms were not disclosed.",
		[]string{"The deal closed on Jan. 5 and a second on Sept. 30.", "Terms were not disclosed."},
	},
	{
		"month before starter",
		"The deal closed in Oct. The buyer was Halcyon.",
		[]string{"The deal closed in Oct.", "The buyer was Halcyon."},
	},
	{
		"etc. and est.",
		"It sells arms, grippers, etc. It was est. 1998 in Oslo. Zephyr etc. Ventures is a fund.",
		[]string{"It sells arms, grippers, etc.", "It was est. 1998 in Oslo.", "Zephyr etc. Ventures is a fund."},
	},

	// Initialisms.
	{
		"initialism before a name",
		"Halcyon sold bonds to the U.S. Treasury and the U.K. Debt Office on Monday.",
		[]string{"Halcyon sold bonds to the U.S. Treasury and the U.K. Debt Office on Monday."},
	},
	{
		"initialism before starter",
		"Zephyr will expand in the U.S. The company said hiring starts soon.",
		[]string{"Zephyr will expand in the U.S.", "The company said hiring starts soon."},
	},
	{
		"more initialisms",
		"Rules from the E.U. and the U.N. cover A.I. It takes effect at 9 a.m. Eastern time. Its scope is wide.",
		[]string{
			"Rules from the E.U. and the U.N. cover A.I.",
			"It takes effect at 9 a.m. Eastern time.",
			"Its scope is wide.",
		},
	},
	{
		"corporate initialisms",
		"Orvo Capital L.P. and Tarn N.V. signed. Kessler S.A. In turn objected.",
		[]string{"Orvo Capital L.P. and Tarn N.V. signed.", "Kessler S.A.", "In turn objected."},
	},
	{
		"single initials",
		"John D. Rockefeller and J. P. Morgan once met Amara K. Chen. Nobody recorded it.",
		[]string{"John D. Rockefeller and J. P. Morgan once met Amara K. Chen.", "Nobody recorded it."},
	},

	// Numbers, amounts, addresses.
	{
		"decimals and versions",
		"Zephyr raised $2.5bn at a 3.14 multiple for v2.0 of its arm, or 1.5 billion shares. It was oversubscribed.",
		[]string{"Zephyr raised $2.5bn at a 3.14 multiple for v2.0 of its arm, or 1.5 billion shares.", "It was oversubscribed."},
	},
	{
		"domains URLs and emails",
		"Details are on halcyon.example.co.uk and at https://openai.com/blog/x.html today. Write to amara.chen@zephyr.io. The team replies.",
		[]string{
			"Details are on halcyon.example.co.uk and at https://openai.com/blog/x.html today.",
			"Write to amara.chen@zephyr.io.",
			"The team replies.",
		},
	},
	{
		"domain ends a sentence",
		"The filing is on openai.com. The company declined to comment.",
		[]string{"The filing is on openai.com.", "The company declined to comment."},
	},

	// Quotations.
	{
		"quote of two sentences with attribution",
		"“We grew. We will grow more,” she said.",
		[]string{"“We grew. We will grow more,” she said."},
	},
	{
		"quote attribution then new quote",
		"“We grew,” she said. “We will grow more.”",
		[]string{"“We grew,” she said.", "“We will grow more.”"},
	},
	{
		"quote then new sentence",
		"Amara Chen said: “We grew. We will grow more.” The shares rose.",
		[]string{"Amara Chen said: “We grew. We will grow more.”", "The shares rose."},
	},
	{
		"straight quotes of two sentences with attribution",
		`"We grew. We will grow more," she said.`,
		[]string{`"We grew. We will grow more," she said.`},
	},
	{
		"straight quotes attribution then new quote",
		`"We grew," she said. "We will grow more."`,
		[]string{`"We grew," she said.`, `"We will grow more."`},
	},
	{
		"straight quote wedged after a comma",
		`Amara Chen said,"We grew. We will grow more." Shares rose.`,
		[]string{`Amara Chen said,"We grew. We will grow more."`, "Shares rose."},
	},
	{
		"straight inch mark is no quote",
		`Zephyr sells a 5" gripper. It is small. "Buy it. Now," he said.`,
		[]string{`Zephyr sells a 5" gripper.`, "It is small.", `"Buy it. Now," he said.`},
	},
	{
		"nested single quotes",
		"“They called it ‘a steal.’ It was not,” Amara Chen said. Halcyon agreed.",
		[]string{"“They called it ‘a steal.’ It was not,” Amara Chen said.", "Halcyon agreed."},
	},
	{
		"nested curly double quotes",
		"Chen said, “Ortega told me “We are done. Sell it,” and left. Then he called back.” Nobody believed her.",
		[]string{
			"Chen said, “Ortega told me “We are done. Sell it,” and left. Then he called back.”",
			"Nobody believed her.",
		},
	},
	{"real paragraph with nested quotes", semafor, []string{semafor}},
	{
		"apostrophes are not quotes",
		"It’s Zephyr’s best year. The companies’ rivals don't agree. They're wrong, it's said. Halcyon's view differs.",
		[]string{
			"It’s Zephyr’s best year.",
			"The companies’ rivals don't agree.",
			"They're wrong, it's said.",
			"Halcyon's view differs.",
		},
	},
	{
		"lower case after quoted sentence",
		"“We grew.” she said. It was true.",
		[]string{"“We grew.” she said.", "It was true."},
	},
	{
		"ellipsis inside quote mid-sentence",
		"“We are … looking at options. All of them,” said Nadia Okafor. She smiled.",
		[]string{"“We are … looking at options. All of them,” said Nadia Okafor.", "She smiled."},
	},
	{
		"question in quote then speaker",
		"“Why now?” Amara Chen asked. “Because we can.”",
		[]string{"“Why now?” Amara Chen asked.", "“Because we can.”"},
	},
	{
		"exclamation in quote then title and speaker",
		"“Sell!” Mr. Ortega shouted. Nobody did.",
		[]string{"“Sell!” Mr. Ortega shouted.", "Nobody did."},
	},
	{
		"question in quote then new sentence",
		"“Why now?” The board asked for a delay. Halcyon Corp. Said no.",
		[]string{"“Why now?”", "The board asked for a delay.", "Halcyon Corp. Said no."},
	},
	{
		"unbalanced curly quote falls back",
		"Chen said “We grew. Halcyon shrank. Zephyr held steady.",
		[]string{"Chen said “We grew.", "Halcyon shrank.", "Zephyr held steady."},
	},
	{
		"unbalanced straight quote falls back",
		`Chen said "We grew. Halcyon shrank. Zephyr held steady.`,
		[]string{`Chen said "We grew.`, "Halcyon shrank.", "Zephyr held steady."},
	},
	{
		"closed quote inside unbalanced one still protected",
		"Chen wrote “Halcyon grew. Ortega said “Sell it. Now,” and left. Zephyr held.",
		[]string{"Chen wrote “Halcyon grew.", "Ortega said “Sell it. Now,” and left.", "Zephyr held."},
	},
	{
		"stray closing quote is ignored",
		"Zephyr sold a 5” arm. “It works. Really,” Chen said. Halcyon agreed.",
		[]string{"Zephyr sold a 5” arm.", "“It works. Really,” Chen said.", "Halcyon agreed."},
	},
	{
		"overlong quote is split inside",
		"“" + strings.Repeat("Zephyr grew again. ", 70) + "We are done,” Chen said.",
		slices.Concat([]string{"“Zephyr grew again."}, slices.Repeat([]string{"Zephyr grew again."}, 69), []string{"We are done,” Chen said."}),
	},
	{
		"quote just under the limit is kept",
		"“" + strings.Repeat("Zephyr grew again. ", 60) + "We are done,” Chen said. Halcyon agreed.",
		[]string{"“" + strings.Repeat("Zephyr grew again. ", 60) + "We are done,” Chen said.", "Halcyon agreed."},
	},

	// Headlines.
	{
		"headline without final punctuation",
		"Zephyr Robotics Raises $40m",
		[]string{"Zephyr Robotics Raises $40m"},
	},
	{
		"title-case headline with abbreviations",
		"Dr. Amara Chen Joins Halcyon Corp. As Chief Executive",
		[]string{"Dr. Amara Chen Joins Halcyon Corp. As Chief Executive"},
	},
	{
		"headline ending in a quotation",
		"Chen on Halcyon Deal: “We Grew. We Will Grow More”",
		[]string{"Chen on Halcyon Deal: “We Grew. We Will Grow More”"},
	},

	// Bytes that are not UTF-8.
	{
		"invalid UTF-8",
		"Zephyr \xff\xfe grew. Halcyon \xc3 shrank. \x80Ortega left.",
		[]string{"Zephyr \xff\xfe grew.", "Halcyon \xc3 shrank. \x80Ortega left."},
	},
}

// texts returns the text of each span, or nil if there are none.
func texts(para string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, para[s.Start:s.End])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	for _, tt := range splitTests {
		t.Run(tt.name, func(t *testing.T) {
			spans := splitSentences(tt.para)
			checkSpans(t, tt.para, spans)
			got := texts(tt.para, spans)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitSentences(%q) mismatch (-want +got):\n%s", tt.para, diff)
			}
		})
	}
}

func TestSplitSentencesLargeInputs(t *testing.T) {
	// Inputs shaped to defeat a careless implementation: deep quote stacks,
	// long unspaced words, and many candidate boundaries. Each is 2 MB, the
	// largest article accepted; a quadratic step would not finish.
	inputs := map[string]string{
		"open curly quotes":      strings.Repeat("“A. B ", 1<<18),
		"straight then curly":    strings.Repeat(`"x `, 1<<19) + strings.Repeat("” ", 1<<19),
		"no spaces":              strings.Repeat("a.", 1<<20),
		"abbreviations":          strings.Repeat("Inc. The U.S. Treasury ", 1<<16),
		"attribution look-ahead": strings.Repeat("“Go!” Aaaa Bbbb Cccc ", 1<<16),
	}
	for name, para := range inputs {
		t.Run(name, func(t *testing.T) {
			checkSpans(t, para, splitSentences(para))
		})
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, tt := range splitTests {
		f.Add(tt.para)
	}
	f.Add("“\"“”\"”. A")
	f.Add("\xe2\x80\x9c\xe2\x80. A\xe2")
	f.Fuzz(func(t *testing.T, para string) {
		checkSpans(t, para, splitSentences(para))
	})
}

// checkSpans checks the invariants of splitSentences: spans lie in para, in
// increasing order without overlap, are non-empty and trimmed of white space,
// and cover every non-space rune of para. Runes are decoded forwards from
// the start, so a byte that is not valid UTF-8 counts as a non-space rune.
func checkSpans(t *testing.T, para string, spans []Span) {
	t.Helper()
	prevEnd := 0
	for i, s := range spans {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(para) {
			t.Fatalf("span %d = %+v out of order or bounds (previous end %d, len %d)", i, s, prevEnd, len(para))
		}
		prevEnd = s.End
	}
	// covered[i] is set for each byte inside a span; starts and ends hold
	// the offsets at which spans begin and end.
	covered := make([]bool, len(para))
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			covered[i] = true
		}
	}
	starts := make(map[int]bool, len(spans))
	ends := make(map[int]bool, len(spans))
	for _, s := range spans {
		starts[s.Start] = true
		ends[s.End] = true
	}
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		space := unicode.IsSpace(r)
		if !space && !covered[i] {
			t.Fatalf("non-space rune %q at %d is in no span of %q", r, i, para)
		}
		if space && (starts[i] || ends[i+n]) {
			t.Fatalf("span begins or ends with space %q at %d of %q", r, i, para)
		}
		for k := i + 1; k < i+n; k++ {
			if starts[k] || ends[k] {
				t.Fatalf("span boundary at %d splits the rune at %d of %q", k, i, para)
			}
		}
		i += n
	}
}
