package enterprise_test

import (
	"encoding/json"
	"testing"

	"github.com/clerkgo/clerk/enterprise"
)

// The spec requires authenticatable and disable_jit_provisioning but
// declares no type for them: booleans (or strings spelling one) are read,
// anything else reads as false and never fails the decode.
func TestConnectionUntypedFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, value string
		want        bool
	}{
		{"true", `true`, true},
		{"false", `false`, false},
		{"string true", `"true"`, true},
		{"string false", `"false"`, false},
		{"other string", `"x"`, false},
		{"null", `null`, false},
		{"number", `1`, false},
		{"object", `{"a":1}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := `{"object":"enterprise_connection","id":"ec_1","active":true,"authenticatable":` + tc.value +
				`,"disable_jit_provisioning":` + tc.value + `,"created_at":1715500000000,"updated_at":1715500000000}`
			var c enterprise.Connection
			if err := json.Unmarshal([]byte(in), &c); err != nil {
				t.Fatal(err)
			}
			if c.Authenticatable != tc.want || c.DisableJITProvisioning != tc.want || c.ID != "ec_1" || !c.Active || c.CreatedAt.UnixMilli() != 1715500000000 {
				t.Errorf("decoded %+v", c)
			}
		})
	}
	// A reused value is overwritten, not left as it was.
	c := enterprise.Connection{Authenticatable: true}
	if err := json.Unmarshal([]byte(`{"authenticatable":"x"}`), &c); err != nil || c.Authenticatable {
		t.Errorf("reused: %+v, %v", c, err)
	}
}
