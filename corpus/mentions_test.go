package corpus

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pronounPattern is what findPronouns scans for, as a pattern: the oracle
// of its tests.
var pronounPattern = regexp.MustCompile(`\b(he|He|she|She|they|They|it|It)\b`)

func FuzzFindPronouns(f *testing.F) {
	for _, s := range []string{
		"He said it would. They agreed; she didn't.",
		"The hedge fund, it said, is theirs: ithe, HE, tHey, it_s, it's, “It”, éhe, heé, 3he, he3.",
		"", "it", "He", "x it y", "they—it—she",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := pronounPattern.FindAllStringIndex(s, -1)
		got := findPronouns(s)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("findPronouns(%q) (-pattern +scan):\n%s", s, diff)
		}
	})
}

func FuzzFindDescriptors(f *testing.F) {
	for _, s := range []string{
		"The company said the AI chip designer, the Lisbon-based startup, and the firm's backer agreed.",
		"Then the Chinese carmaker the same group; theft the company. the U.S. lender.",
		"the chip maker the chip-maker The Hyperscaler the thebank the very large old bank",
		"", "the", "The firm", "he company", "xthe firm", "éthe firm",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want [][]int
		for _, m := range descriptorRE.FindAllStringSubmatchIndex(s, -1) {
			if wholeNoun(s, m[1]) {
				want = append(want, m)
			}
		}
		if diff := cmp.Diff(want, findDescriptors(s)); diff != "" {
			t.Errorf("findDescriptors(%q) (-pattern +scan):\n%s", s, diff)
		}
	})
}
