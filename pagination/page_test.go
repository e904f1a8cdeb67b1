package pagination_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/clerkgo/clerk/pagination"
	"github.com/google/go-cmp/cmp"
)

type item struct {
	ID     string `json:"id"`
	Object string `json:"object"`
}

func TestPageUnmarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    pagination.Page[item]
		wantErr bool
	}{
		{"envelope", `{"data":[{"id":"org_1","object":"organization"},{"id":"org_2","object":"organization"}],"total_count":7}`,
			pagination.Page[item]{Data: []*item{{"org_1", "organization"}, {"org_2", "organization"}}, TotalCount: 7, HasTotal: true}, false},
		{"envelope with zero total", `{"data":[],"total_count":0}`,
			pagination.Page[item]{Data: []*item{}, HasTotal: true}, false},
		{"envelope without total", `{"data":[{"id":"a"}]}`,
			pagination.Page[item]{Data: []*item{{ID: "a"}}}, false},
		{"bare array", ` [{"id":"user_1","object":"user"}]`,
			pagination.Page[item]{Data: []*item{{"user_1", "user"}}}, false},
		{"empty bare array", "\n[]", pagination.Page[item]{Data: []*item{}}, false},
		{"null", `null`, pagination.Page[item]{}, false},
		{"string", `"x"`, pagination.Page[item]{}, true},
		{"bad item", `[{"id":5}]`, pagination.Page[item]{}, true},
		{"bad total", `{"data":[],"total_count":"7"}`, pagination.Page[item]{}, true},
		{"fractional total", `{"data":[],"total_count":1.5}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: 1, HasTotal: true}, false},
		{"negative fraction", `{"data":[],"total_count":-0.5}`,
			pagination.Page[item]{Data: []*item{}, HasTotal: true}, false},
		{"exponent total", `{"data":[],"total_count":1.2e3}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: 1200, HasTotal: true}, false},
		{"integral float total", `{"data":[],"total_count":42.0}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: 42, HasTotal: true}, false},
		{"null total", `{"data":[],"total_count":null}`,
			pagination.Page[item]{Data: []*item{}}, false},
		{"bool total", `{"data":[],"total_count":true}`, pagination.Page[item]{}, true},
		{"object total", `{"data":[],"total_count":{}}`, pagination.Page[item]{}, true},
		{"array total", `{"data":[],"total_count":[1]}`, pagination.Page[item]{}, true},
		{"total beyond int64", `{"data":[],"total_count":1e19}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: math.MaxInt64, HasTotal: true}, false},
		{"integer beyond int64", `{"data":[],"total_count":99999999999999999999}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: math.MaxInt64, HasTotal: true}, false},
		{"total below int64", `{"data":[],"total_count":-1e300}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: math.MinInt64, HasTotal: true}, false},
		{"largest int64 total", `{"data":[],"total_count":9223372036854775807}`,
			pagination.Page[item]{Data: []*item{}, TotalCount: 9223372036854775807, HasTotal: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got pagination.Page[item]
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPageReuse: decoding an array into a page that held an envelope
// clears the stale total.
func TestPageReuse(t *testing.T) {
	t.Parallel()
	var p pagination.Page[item]
	if err := json.Unmarshal([]byte(`{"data":[{"id":"a"}],"total_count":9}`), &p); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`[{"id":"b"}]`), &p); err != nil {
		t.Fatal(err)
	}
	if p.HasTotal || p.TotalCount != 0 || len(p.Data) != 1 || p.Data[0].ID != "b" {
		t.Errorf("stale page: %+v", p)
	}
}

// BenchmarkPageDecode measures the envelope decode every List pays
// (integer total, the common case, and a fractional one).
func BenchmarkPageDecode(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"integer", `{"data":[{"id":"org_1","object":"organization"},{"id":"org_2","object":"organization"}],"total_count":7}`},
		{"fraction", `{"data":[{"id":"org_1","object":"organization"},{"id":"org_2","object":"organization"}],"total_count":7.5}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := []byte(bc.in)
			b.ReportAllocs()
			for b.Loop() {
				var p pagination.Page[item]
				if err := json.Unmarshal(in, &p); err != nil || p.TotalCount != 7 {
					b.Fatal(err, p.TotalCount)
				}
			}
		})
	}
}
