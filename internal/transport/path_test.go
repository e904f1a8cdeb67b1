package transport_test

import (
	"errors"
	"testing"

	"github.com/clerkgo/clerk/internal/transport"
)

func TestPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		template string
		ids      []string
		want     string
		wantErr  string // field named by the InvalidInputError
	}{
		{"plain", "/users/{user_id}", []string{"user_123"}, "/users/user_123", ""},
		{"two ids", "/organizations/{organization_id}/memberships/{user_id}", []string{"org_1", "user_2"},
			"/organizations/org_1/memberships/user_2", ""},
		{"suffix", "/users/{user_id}/metadata", []string{"u"}, "/users/u/metadata", ""},
		{"no placeholder", "/users", nil, "/users", ""},
		{"slash stays in the segment", "/users/{user_id}", []string{"a/b"}, "/users/a%2Fb", ""},
		{"dot dot", "/users/{user_id}/metadata", []string{".."}, "/users/%2E%2E/metadata", ""},
		{"dot", "/users/{user_id}", []string{"."}, "/users/%2E", ""},
		{"traversal", "/users/{user_id}", []string{"../../orgs"}, "/users/..%2F..%2Forgs", ""},
		{"query", "/users/{user_id}", []string{"x?y=1"}, "/users/x%3Fy=1", ""},
		{"fragment", "/users/{user_id}", []string{"x#y"}, "/users/x%23y", ""},
		{"percent", "/users/{user_id}", []string{"%2F"}, "/users/%252F", ""},
		{"space and unicode", "/users/{user_id}", []string{"a b\u00e9"}, "/users/a%20b%C3%A9", ""},
		{"empty id", "/users/{user_id}", []string{""}, "", "user_id"},
		{"blank id", "/users/{user_id}/metadata", []string{" \t"}, "", "user_id"},
		{"second id empty", "/organizations/{organization_id}/memberships/{user_id}", []string{"org_1", ""}, "", "user_id"},
		{"too few ids", "/organizations/{organization_id}/memberships/{user_id}", []string{"org_1"}, "", "path"},
		{"too many ids", "/users/{user_id}", []string{"a", "b"}, "", "path"},
		{"unterminated", "/users/{user_id", []string{"a"}, "", "path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := transport.Path(tt.template, tt.ids...)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Errorf("Path = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			var inv *transport.InvalidInputError
			if !errors.As(err, &inv) || inv.Field != tt.wantErr || !errors.Is(err, transport.ErrInvalidInput) {
				t.Errorf("Path = %q, %v; want an InvalidInputError on %q", got, err, tt.wantErr)
			}
		})
	}
}

func TestInvalidInputError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{transport.Invalid("user_id", "must not be empty"), "clerk: invalid input: user_id: must not be empty"},
		{transport.Invalid("", "has %d values", 101), "clerk: invalid input: has 101 values"},
	}
	for _, tt := range tests {
		if tt.err.Error() != tt.want {
			t.Errorf("Error() = %q, want %q", tt.err, tt.want)
		}
		if !errors.Is(tt.err, transport.ErrInvalidInput) || errors.Is(tt.err, transport.ErrNotFound) {
			t.Errorf("%q matches the wrong sentinels", tt.err)
		}
	}
	if transport.ValidateID("id", "x") != nil {
		t.Error("ValidateID refused a valid id")
	}
}
