package instance_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/clerkgo/clerk/instance"
	"github.com/google/go-cmp/cmp"
)

// TestJWTTemplateJSONRoundTrip: a template marshals to the wire shape
// (seconds, Unix milliseconds), so it decodes back unchanged.
func TestJWTTemplateJSONRoundTrip(t *testing.T) {
	t.Parallel()
	wire := `{"object":"jwt_template","id":"jtmp_1","name":"hasura","claims":{"k":"v"},"lifetime":60,"allowed_clock_skew":5,
		"custom_signing_key":false,"signing_algorithm":"RS256","created_at":1715500000000,"updated_at":1715500001000}`
	var tmpl instance.JWTTemplate
	if err := json.Unmarshal([]byte(wire), &tmpl); err != nil {
		t.Fatal(err)
	}
	if tmpl.Lifetime != time.Minute || tmpl.AllowedClockSkew != 5*time.Second || tmpl.UpdatedAt.UnixMilli() != 1715500001000 {
		t.Fatalf("decoded %+v", tmpl)
	}
	b, err := json.Marshal(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["lifetime"] != float64(60) || raw["allowed_clock_skew"] != float64(5) || raw["created_at"] != float64(1715500000000) {
		t.Errorf("marshalled %s", b)
	}
	var again instance.JWTTemplate
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tmpl, again); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
}

// A lifetime beyond what a time.Duration holds (the spec gives no
// bound) reads as the longest Duration instead of wrapping around.
func TestJWTTemplateLifetimeOutOfRange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in             string
		lifetime, skew time.Duration
	}{
		{`{"lifetime":1e300,"allowed_clock_skew":-1e20}`, math.MaxInt64, math.MinInt64},
		{`{"lifetime":9223372037,"allowed_clock_skew":5}`, math.MaxInt64, 5 * time.Second},
		{`{"lifetime":9223372036,"allowed_clock_skew":0}`, 9223372036 * time.Second, 0},
	} {
		var tmpl instance.JWTTemplate
		if err := json.Unmarshal([]byte(tc.in), &tmpl); err != nil || tmpl.Lifetime != tc.lifetime || tmpl.AllowedClockSkew != tc.skew {
			t.Errorf("%s: %v / %v, %v", tc.in, tmpl.Lifetime, tmpl.AllowedClockSkew, err)
		}
	}
}
