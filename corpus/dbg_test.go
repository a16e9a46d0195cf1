package corpus

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugFile(t *testing.T) {
	a, err := ParseFile(os.Getenv("DBG"))
	if err != nil {
		t.Skip()
	}
	d := NewExtractor(nil).read(a)
	for _, m := range d.mentions {
		n, k, _ := d.resolve(m)
		fmt.Fprintf(os.Stderr, "%d %q how=%d -> %s (%s) q=%v\n", m.Start, m.text, m.how, n, k, m.inQuote)
	}
}
