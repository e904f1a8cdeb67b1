package transport_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

func TestMillisDecode(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1715500000123).UTC()
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantNil bool
		wantErr bool
	}{
		{"millis", `1715500000123`, at, false, false},
		{"float millis", `1715500000123.0`, at, false, false},
		{"null", `null`, time.Time{}, true, false},
		{"RFC 3339 string", `"2024-05-12T07:46:40.123Z"`, at, false, false},
		{"RFC 3339 with offset", `"2024-05-12T09:46:40.123+02:00"`, at, false, false},
		{"zero time's JSON", `"0001-01-01T00:00:00Z"`, time.Time{}, false, false},
		{"other string", `"yesterday"`, time.Time{}, false, true},
		{"empty string", `""`, time.Time{}, false, true},
		{"bool", `true`, time.Time{}, false, true},
		// The spec types instants as int64 without bounds: every one
		// decodes (mock servers send years far beyond 9999).
		{"year 10000", `253402300800000`, time.UnixMilli(253402300800000).UTC(), false, false},
		{"negative", `-62167219200001`, time.UnixMilli(-62167219200001).UTC(), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got time.Time
			err := json.Unmarshal([]byte(tt.in), &transport.Millis{T: &got})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Millis: err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && !got.Equal(tt.want) {
				t.Errorf("Millis: %v, want %v", got, tt.want)
			}
			var p *time.Time
			err = json.Unmarshal([]byte(tt.in), &transport.MillisPtr{T: &p})
			if (err != nil) != tt.wantErr {
				t.Fatalf("MillisPtr: err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && ((p == nil) != tt.wantNil || (p != nil && !p.Equal(tt.want))) {
				t.Errorf("MillisPtr: %v, want %v (nil: %v)", p, tt.want, tt.wantNil)
			}
		})
	}
}
