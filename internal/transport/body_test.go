package transport_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/google/go-cmp/cmp"
)

type appMeta struct {
	Role  string `json:"role,omitempty"`
	Seats int    `json:"seats,omitempty"`
}

type nullMarshaler struct{}

func (nullMarshaler) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

func TestObjectJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		v       any
		want    string // "" with wantErr false: omitted
		wantErr bool
	}{
		{"nil", nil, "", false},
		{"nil map", map[string]any(nil), "", false},
		{"nil pointer", (*appMeta)(nil), "", false},
		{"nil raw", json.RawMessage(nil), "", false},
		{"map", map[string]any{"role": "admin"}, `{"role":"admin"}`, false},
		{"nil value deletes a key", map[string]any{"old": nil}, `{"old":null}`, false},
		{"empty map clears", map[string]any{}, `{}`, false},
		{"struct", appMeta{Role: "r"}, `{"role":"r"}`, false},
		{"pointer to struct", &appMeta{Seats: 2}, `{"seats":2}`, false},
		{"raw object", json.RawMessage(` {"a":1}`), ` {"a":1}`, false},
		{"array", []string{"a"}, "", true},
		{"string", "admin", "", true},
		{"number", 42, "", true},
		{"bool", true, "", true},
		{"channel", make(chan int), "", true},
		{"map holding a channel", map[string]any{"c": make(chan int)}, "", true},
		{"marshals to null", nullMarshaler{}, "", true},
		{"raw array", json.RawMessage(`[1]`), "", true},
		{"raw null", json.RawMessage(`null`), "", true},
		{"raw invalid", json.RawMessage(`{`), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := transport.ObjectJSON("public_metadata", tt.v)
			if tt.wantErr {
				var inv *transport.InvalidInputError
				if !errors.As(err, &inv) || inv.Field != "public_metadata" {
					t.Errorf("ObjectJSON = %s, %v; want an InvalidInputError on public_metadata", got, err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("ObjectJSON = %q, %v; want %q", got, err, tt.want)
			}
			if tt.want == "" && got != nil {
				t.Errorf("want nil (field left out), got %q", got)
			}
		})
	}
}

func TestMetadataBody(t *testing.T) {
	t.Parallel()
	m, err := transport.MetadataBody(map[string]any{"a": 1}, nil, appMeta{Role: "x"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(m)
	if string(b) != `{"public_metadata":{"a":1},"unsafe_metadata":{"role":"x"}}` {
		t.Errorf("body %s", b)
	}
	b, _ = json.Marshal(mustMeta(t))
	if string(b) != `{}` {
		t.Errorf("all-nil body %s", b)
	}
	for i, args := range [][3]any{{"x", nil, nil}, {nil, 1, nil}, {nil, nil, []int{}}} {
		if _, err := transport.MetadataBody(args[0], args[1], args[2]); !errors.Is(err, transport.ErrInvalidInput) {
			t.Errorf("case %d: want ErrInvalidInput, got %v", i, err)
		}
	}
}

func mustMeta(t *testing.T) *transport.Metadata {
	t.Helper()
	m, err := transport.MetadataBody(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDecodeObject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		raw     string
		want    appMeta
		wantErr bool
	}{
		{"absent", "", appMeta{}, false},
		{"null", " null ", appMeta{}, false},
		{"empty object", "{}", appMeta{}, false},
		{"fields", `{"role":"admin","seats":3,"extra":true}`, appMeta{Role: "admin", Seats: 3}, false},
		{"wrong type", `{"seats":"3"}`, appMeta{}, true},
		{"array", `[1]`, appMeta{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := transport.DecodeObject[appMeta](json.RawMessage(tt.raw))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !tt.wantErr && !cmp.Equal(got, tt.want) {
				t.Errorf("got %+v want %+v", got, tt.want)
			}
		})
	}
	m, err := transport.DecodeObject[map[string]any](json.RawMessage(`{"k":[1]}`))
	if err != nil || !cmp.Equal(m, map[string]any{"k": []any{1.0}}) {
		t.Errorf("map: %v %v", m, err)
	}
}
