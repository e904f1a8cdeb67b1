package clerk_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

func TestEmptyIDSendsNothing(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	for _, id := range []string{"", " ", "\t\n"} {
		u, err := c.Users.Get(ctx, id)
		var inv *clerk.InvalidInputError
		if u != nil || !errors.Is(err, clerk.ErrInvalidInput) || !errors.As(err, &inv) || inv.Field != "user_id" {
			t.Errorf("Get(%q) = %v, %v; want an InvalidInputError on user_id", id, u, err)
		}
		u, err = c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{PublicMetadata: map[string]any{"a": 1}})
		if u != nil || !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("UpdateMetadata(%q) = %v, %v; want ErrInvalidInput", id, u, err)
		}
	}
	if srv.count() != 0 {
		t.Errorf("%d requests sent for empty ids", srv.count())
	}
}

// TestIDStaysOneSegment: whatever the id holds, it is one escaped path
// segment at the server: it cannot reach another route.
func TestIDStaysOneSegment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id          string
		wantEscaped string
	}{
		{"user_2abc", "/v1/users/user_2abc"},
		{"a/b", "/v1/users/a%2Fb"},
		{"..", "/v1/users/%2E%2E"},
		{".", "/v1/users/%2E"},
		{"../../organizations", "/v1/users/..%2F..%2Forganizations"},
		{"x?limit=500", "/v1/users/x%3Flimit=500"},
		{"x#frag", "/v1/users/x%23frag"},
		{"%2e%2e", "/v1/users/%252e%252e"},
		{"a b", "/v1/users/a%20b"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: userJSON})
			c := newClient(t, srv.URL)
			if _, err := c.Users.Get(context.Background(), tt.id); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Users.UpdateMetadata(context.Background(), tt.id, &users.MetadataParams{}); err != nil {
				t.Fatal(err)
			}
			reqs := srv.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests", len(reqs))
			}
			for i, want := range []string{tt.wantEscaped, tt.wantEscaped + "/metadata"} {
				r := reqs[i]
				if r.escapedPath != want {
					t.Errorf("escaped path %q, want %q", r.escapedPath, want)
				}
				if r.rawQuery != "" {
					t.Errorf("the id leaked into the query: %q", r.rawQuery)
				}
			}
		})
	}
}

func TestMetadataValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params *users.MetadataParams
		field  string
	}{
		{"array", &users.MetadataParams{PublicMetadata: []string{"admin"}}, "public_metadata"},
		{"string", &users.MetadataParams{PrivateMetadata: "admin"}, "private_metadata"},
		{"number", &users.MetadataParams{UnsafeMetadata: 42}, "unsafe_metadata"},
		{"channel", &users.MetadataParams{PublicMetadata: make(chan int)}, "public_metadata"},
		{"channel inside a map", &users.MetadataParams{PublicMetadata: map[string]any{"c": make(chan int)}}, "public_metadata"},
		{"raw array", &users.MetadataParams{PublicMetadata: json.RawMessage(`[1]`)}, "public_metadata"},
		{"invalid raw JSON", &users.MetadataParams{PublicMetadata: json.RawMessage(`{"a":`)}, "public_metadata"},
		{"valid first, bad second", &users.MetadataParams{PublicMetadata: map[string]any{}, PrivateMetadata: true}, "private_metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: userJSON})
			c := newClient(t, srv.URL)
			u, err := c.Users.UpdateMetadata(context.Background(), "user_2abc", tt.params)
			var inv *clerk.InvalidInputError
			if u != nil || !errors.As(err, &inv) || inv.Field != tt.field || !errors.Is(err, clerk.ErrInvalidInput) {
				t.Errorf("UpdateMetadata = %v, %v; want an InvalidInputError on %s", u, err, tt.field)
			}
			if srv.count() != 0 {
				t.Errorf("%d requests sent for invalid metadata", srv.count())
			}
		})
	}
}

type appPrivate struct {
	StripeID string `json:"stripe_id,omitempty"`
	Seats    int    `json:"seats,omitempty"`
}

func TestMetadataBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params *users.MetadataParams
		want   map[string]any
	}{
		{"nil value deletes a key", &users.MetadataParams{PublicMetadata: map[string]any{"role": "admin", "old_key": nil}},
			map[string]any{"public_metadata": map[string]any{"role": "admin", "old_key": nil}}},
		{"nested nil value", &users.MetadataParams{PublicMetadata: map[string]any{"prefs": map[string]any{"theme": nil}}},
			map[string]any{"public_metadata": map[string]any{"prefs": map[string]any{"theme": nil}}}},
		{"nil map leaves the field out", &users.MetadataParams{PublicMetadata: map[string]any(nil), PrivateMetadata: map[string]any{"a": 1.0}},
			map[string]any{"private_metadata": map[string]any{"a": 1.0}}},
		{"struct value", &users.MetadataParams{PrivateMetadata: appPrivate{StripeID: "cus_1"}},
			map[string]any{"private_metadata": map[string]any{"stripe_id": "cus_1"}}},
		{"empty map clears", &users.MetadataParams{UnsafeMetadata: map[string]any{}},
			map[string]any{"unsafe_metadata": map[string]any{}}},
		{"nil params send an empty object", nil, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: userJSON})
			c := newClient(t, srv.URL)
			u, err := c.Users.UpdateMetadata(context.Background(), "user_2abc", tt.params)
			if err != nil || u.ID != "user_2abc" {
				t.Fatalf("UpdateMetadata = %v, %v", u, err)
			}
			r := srv.requests()[0]
			var got map[string]any
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatalf("body %q: %v", r.body, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if r.method != "PATCH" || r.header.Get("Content-Type") != "application/json" {
				t.Errorf("%s with Content-Type %q", r.method, r.header.Get("Content-Type"))
			}
		})
	}
}

func TestDecodeMetadata(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	c := newClient(t, srv.URL)
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		t.Fatal(err)
	}
	type appPublic struct {
		Role string `json:"role"`
	}
	pub, err := clerk.DecodeMetadata[appPublic](u.PublicMetadata)
	if err != nil || pub.Role != "admin" {
		t.Errorf("DecodeMetadata = %+v, %v", pub, err)
	}
	priv, err := clerk.DecodeMetadata[appPrivate](u.PrivateMetadata)
	if err != nil || priv != (appPrivate{}) {
		t.Errorf("empty private metadata = %+v, %v", priv, err)
	}
	if _, err := clerk.DecodeMetadata[appPublic](json.RawMessage(`{"role":5}`)); err == nil {
		t.Error("want an error for a mistyped field")
	}
	if p := clerk.Ptr("x"); *p != "x" {
		t.Error("Ptr")
	}
}
