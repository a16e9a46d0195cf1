package index

import (
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
)

func TestDaysIn(t *testing.T) {
	date := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	years := []int{2023, 2024, 2025, 2026}
	tests := []struct {
		start, end string
		want       []string
	}{
		{"2024-12-30", "2026-02-02", []string{"dd:2024-12-30", "dd:2024-12-31", "dy:2025", "dm:2026-01", "dd:2026-02-01", "dd:2026-02-02"}},
		{"", "2023-02-01", []string{"dm:2023-01", "dd:2023-02-01"}},
		{"2026-01-01", "", []string{"dy:2026"}},
		{"", "", []string{"dy:2023", "dy:2024", "dy:2025", "dy:2026"}},
		{"2024-02-28", "2024-03-01", []string{"dd:2024-02-28", "dd:2024-02-29", "dd:2024-03-01"}},
		{"2025-06-14", "2025-06-14", []string{"dd:2025-06-14"}},
		{"2030-01-01", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.start+".."+tt.end, func(t *testing.T) {
			var got []string
			switch q := daysIn(years, date(tt.start), date(tt.end)).(type) {
			case *query.DisjunctionQuery:
				for _, d := range q.Disjuncts {
					tq := d.(*query.TermQuery)
					got = append(got, tq.Field()+":"+tq.Term)
				}
			case *query.MatchNoneQuery:
			default:
				t.Fatalf("query of type %T", q)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
		})
	}
}
