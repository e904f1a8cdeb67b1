package waitlist_test

import (
	"context"
	"fmt"
	"log"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/waitlist"
)

// Inviting a waitlist entry sends an application invitation.
func ExampleService_Invite() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	entries, err := c.WaitlistEntries.CreateMany(ctx, []*waitlist.CreateParams{
		{EmailAddress: "ada@example.com"}, {EmailAddress: "grace@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	e, err := c.WaitlistEntries.Invite(ctx, entries[0].ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Status, e.Invitation.EmailAddress)
	// Output: invited ada@example.com
}
