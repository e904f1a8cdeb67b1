package testkit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// JSONValue decodes s for comparisons that ignore key order and spacing;
// "" stays nil (no body).
func JSONValue(t testing.TB, s string) any {
	t.Helper()
	if s == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("invalid JSON %q: %v", s, err)
	}
	return v
}

// CheckJSONBody compares a request body with the JSON in want, by meaning
// ("" means the request must have no body).
func CheckJSONBody(t testing.TB, want string, got []byte) {
	t.Helper()
	if want == "" {
		if len(got) != 0 {
			t.Errorf("body = %s, want none", got)
		}
		return
	}
	if diff := cmp.Diff(JSONValue(t, want), JSONValue(t, string(got))); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

// JSONEqual compares raw JSON by value, ignoring formatting; for
// cmp.Comparer over json.RawMessage fields.
func JSONEqual(a, b json.RawMessage) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return cmp.Equal(x, y)
}
