package invitations_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
	"github.com/clerkgo/clerk/invitations"
)

// Against the fake, which refuses a bulk call as a whole when one address
// already has a pending invitation: 25 inputs, 2 of them taken, give 23
// invitations and a report naming the 2.
func TestCreateManyOnClerktest(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	c := clerktestclient.New(t, srv)
	ctx := context.Background()
	for _, taken := range []string{"u04@example.com", "u17@example.com"} {
		if _, err := c.Invitations.Create(ctx, &invitations.CreateParams{EmailAddress: taken}); err != nil {
			t.Fatal(err)
		}
	}
	ps := make([]*invitations.CreateParams, 25)
	for i := range ps {
		ps[i] = &invitations.CreateParams{EmailAddress: fmt.Sprintf("u%02d@example.com", i), ExpiresIn: 7 * invitations.Day}
	}
	got, err := c.Invitations.CreateMany(ctx, ps)
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	if len(got) != 23 || len(be.Processed()) != 23 {
		t.Errorf("%d created, %d processed; want 23", len(got), len(be.Processed()))
	}
	failed := be.Failed()
	if len(failed) != 2 || failed[0].Key != "u04@example.com" || failed[1].Key != "u17@example.com" ||
		!errors.Is(failed[0].Err, clerk.ErrUnprocessable) {
		t.Errorf("failed = %+v", failed)
	}
	for _, inv := range got {
		if inv.ExpiresAt == nil || inv.ExpiresAt.Sub(inv.CreatedAt).Round(time.Hour) != 7*24*time.Hour {
			t.Errorf("%s expires %v after creation", inv.EmailAddress, inv.ExpiresAt)
			break
		}
	}
	all := 0
	for _, err := range c.Invitations.All(ctx, &invitations.ListParams{Status: invitations.StatusPending, Limit: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		all++
	}
	if all != 25 {
		t.Errorf("%d pending invitations, want 25", all)
	}
}
