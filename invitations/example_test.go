package invitations_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/invitations"
)

func ExampleService_Create() {
	// A stand-in for the Backend API; use your real secret key instead.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"object":"invitation","id":"inv_2x","email_address":"ada@example.com",
			"public_metadata":{"plan":"pro"},"revoked":false,"status":"pending",
			"url":"https://accounts.example.com/sign-up?__clerk_ticket=t","expires_at":1767225600000,
			"created_at":1764547200000,"updated_at":1764547200000}`)
	}))
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}

	inv, err := c.Invitations.Create(context.Background(), &invitations.CreateParams{
		EmailAddress:   "ada@example.com",
		PublicMetadata: map[string]any{"plan": "pro"},
		ExpiresIn:      7 * invitations.Day,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	meta, _ := invitations.PublicMetadata[struct{ Plan string }](inv)
	fmt.Println(inv.ID, inv.Status, inv.EmailAddress, meta.Plan)
	// Output: inv_2x pending ada@example.com pro
}

func ExampleService_CreateMany() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[{"object":"invitation","id":"inv_a","email_address":"a@example.com","public_metadata":{},
			"status":"pending","created_at":1764547200000,"updated_at":1764547200000},
			{"object":"invitation","id":"inv_b","email_address":"b@example.com","public_metadata":{},
			"status":"pending","created_at":1764547200000,"updated_at":1764547200000}]`)
	}))
	defer srv.Close()
	c, _ := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))

	// Any number of invitations: they go out 10 per call.
	invs, err := c.Invitations.CreateMany(context.Background(), []*invitations.CreateParams{
		{EmailAddress: "a@example.com"},
		{EmailAddress: "b@example.com", Notify: clerk.Ptr(false)},
	})
	var bulkErr *clerk.BulkError
	if errors.As(err, &bulkErr) {
		for _, it := range bulkErr.Failed() {
			fmt.Println("not invited:", it.Key, it.Err)
		}
	}
	for _, inv := range invs {
		fmt.Println(inv.ID, inv.EmailAddress)
	}
	// Output:
	// inv_a a@example.com
	// inv_b b@example.com
}

// fakeInvitations stands in for the service in a test of code that only
// creates invitations; the embedded Unimplemented answers the rest.
type fakeInvitations struct {
	invitations.Unimplemented
}

func (fakeInvitations) Create(_ context.Context, p *invitations.CreateParams, _ ...clerk.RequestOption) (*invitations.Invitation, error) {
	return &invitations.Invitation{ID: "inv_fake", EmailAddress: p.EmailAddress, Status: invitations.StatusPending}, nil
}

func ExampleUnimplemented() {
	var api invitations.API = fakeInvitations{}
	inv, _ := api.Create(context.Background(), &invitations.CreateParams{EmailAddress: "ada@example.com"})
	fmt.Println(inv.ID, inv.EmailAddress)
	_, err := api.Revoke(context.Background(), "inv_fake")
	fmt.Println(errors.Is(err, clerk.ErrNotImplemented))
	// Output:
	// inv_fake ada@example.com
	// true
}
