package users_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// TestMetadataPatchOnClerktest: a merge built from a typed value stores
// false, 0 and "" when Set says so and deletes the keys Delete names, both
// through UpdateMetadata and TypedMetadata.Update; the stored state is read
// back with a Get from the stateful fake.
func TestMetadataPatchOnClerktest(t *testing.T) {
	t.Parallel()
	type appPub struct {
		Plan  string `json:"plan,omitempty"`
		Beta  bool   `json:"beta,omitempty"`
		Seats int    `json:"seats,omitempty"`
		Note  string `json:"note,omitempty"`
	}
	start := map[string]any{"plan": "free", "beta": true, "seats": 5.0, "note": "hi", "legacy": "x", "old": 1.0}
	tests := []struct {
		name  string
		write func(ctx context.Context, c *clerk.Client, id string) error
		want  map[string]any
	}{
		{
			name: "UpdateMetadata with clerk.PatchMetadata",
			write: func(ctx context.Context, c *clerk.Client, id string) error {
				_, err := c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{
					PublicMetadata: clerk.PatchMetadata(appPub{Plan: "pro"}).Set("beta", false).Set("seats", 0).Set("note", "").Delete("legacy", "old"),
				})
				return err
			},
			want: map[string]any{"plan": "pro", "beta": false, "seats": 0.0, "note": ""},
		},
		{
			name: "TypedMetadata.Update with PatchPublic",
			write: func(ctx context.Context, c *clerk.Client, id string) error {
				m := users.NewTypedMetadata[appPub, map[string]any](c.Users)
				pub, _, err := m.Update(ctx, id, users.MetadataUpdate{
					Public: m.PatchPublic(appPub{Plan: "team"}).Set("beta", false).Delete("legacy"),
				})
				if err == nil && (pub.Plan != "team" || pub.Beta || pub.Seats != 5) {
					t.Errorf("Update returned %+v", pub)
				}
				return err
			},
			want: map[string]any{"plan": "team", "beta": false, "seats": 5.0, "note": "hi", "old": 1.0},
		},
		{
			name: "a plain omitempty struct cannot store false (why Set exists)",
			write: func(ctx context.Context, c *clerk.Client, id string) error {
				_, err := c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{PublicMetadata: appPub{Plan: "pro", Beta: false}})
				return err
			},
			want: map[string]any{"plan": "pro", "beta": true, "seats": 5.0, "note": "hi", "legacy": "x", "old": 1.0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := clerktest.NewServer(t)
			c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			id, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{PublicMetadata: start}); err != nil {
				t.Fatal(err)
			}
			if err := tt.write(ctx, c, id); err != nil {
				t.Fatal(err)
			}
			u, err := c.Users.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(u.PublicMetadata, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stored public metadata (-want +got):\n%s", diff)
			}
		})
	}
}
