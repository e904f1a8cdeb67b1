package clerktest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// End-to-end checks with the SDK's users service (the parts that are
// stable). The rest of this package's tests speak plain HTTP.

func newSDK(t *testing.T, opts ...clerktest.Option) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t, opts...)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestSDKUsers(t *testing.T) {
	t.Parallel()
	srv, c := newSDK(t, clerktest.WithClock(newStepClock().now))
	ctx := context.Background()
	var want []string
	for i := range 7 {
		id := srv.AddUser(clerktest.User{Email: fmt.Sprintf("u%d@example.com", i), FirstName: fmt.Sprintf("U%d", i)})
		want = append([]string{id}, want...) // newest first
	}

	u, err := c.Users.Get(ctx, want[0])
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != want[0] || u.Object != "user" || len(u.EmailAddresses) != 1 || u.PrimaryEmailAddressID == nil ||
		*u.PrimaryEmailAddressID != u.EmailAddresses[0].ID || u.EmailAddresses[0].EmailAddress != "u6@example.com" {
		t.Errorf("user %+v", u)
	}

	page, err := c.Users.List(ctx, &users.ListParams{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if page.HasTotal || len(page.Data) != 3 || page.Data[0].ID != want[0] {
		t.Errorf("page: total %v, %d items", page.HasTotal, len(page.Data))
	}

	var walked []string
	for u, err := range c.Users.All(ctx, &users.ListParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, u.ID)
	}
	if diff := cmp.Diff(want, walked); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	var cursorPages int
	for _, r := range srv.Requests() {
		if r.Query.Get("starting_after") != "" {
			cursorPages++
		}
	}
	if cursorPages == 0 {
		t.Error("All never paged with starting_after")
	}

	n, err := c.Users.Count(ctx, &users.ListParams{EmailAddresses: []string{"u1@example.com", "u2@example.com"}})
	if err != nil || n != 2 {
		t.Errorf("Count = %d, %v", n, err)
	}

	type prefs struct {
		Theme string `json:"theme,omitempty"`
		Beta  bool   `json:"beta,omitempty"`
	}
	if _, err := c.Users.UpdateMetadata(ctx, want[0], &users.MetadataParams{PublicMetadata: map[string]any{"theme": "dark", "old": 1}}); err != nil {
		t.Fatal(err)
	}
	u, err = c.Users.UpdateMetadata(ctx, want[0], &users.MetadataParams{PublicMetadata: map[string]any{"old": nil, "beta": true}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := clerk.DecodeMetadata[prefs](u.PublicMetadata)
	if err != nil || got != (prefs{Theme: "dark", Beta: true}) {
		t.Errorf("typed metadata %+v, %v (raw %s)", got, err, u.PublicMetadata)
	}
}

func TestSDKErrors(t *testing.T) {
	t.Parallel()
	srv, c := newSDK(t)
	ctx := context.Background()

	_, err := c.Users.Get(ctx, "user_missing")
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, clerk.ErrNotFound) {
		t.Fatalf("err %v", err)
	}
	if apiErr.TraceID == "" || len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "resource_not_found" {
		t.Errorf("APIError %+v", apiErr)
	}

	// A read that fails with 500 is retried by the SDK and succeeds.
	srv.ResetRequests()
	srv.FailNext(1, 500)
	if _, err := c.Users.List(ctx, nil); err != nil {
		t.Fatalf("List after one 500: %v", err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}

	bad, err := clerk.NewClient("sk_test_wrong", clerk.WithBaseURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Users.Count(ctx, nil); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("wrong key: %v", err)
	}
}
