package clerk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
	"github.com/jarcoal/httpmock"
	"golang.org/x/time/rate"
)

// Every example runs against clerktest, the SDK's fake Backend API, so it
// needs no account. In your code, leave WithBaseURL out (or use
// NewClientFromEnv) and give the instance's secret key.
func ExampleNewClient() {
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	c, err := clerk.NewClient(srv.SecretKey,
		clerk.WithBaseURL(srv.URL),              // in production: leave it out
		clerk.WithMaxRetries(2),                 // the default
		clerk.WithRateLimit(rate.Limit(10), 10), // a development instance's 100 requests / 10 s
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	u, err := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@example.com"}, FirstName: "Ada"})
	if err != nil {
		log.Fatal(err)
	}
	u, err = c.Users.Get(ctx, u.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*u.FirstName, u.EmailAddresses[0].EmailAddress)
	// Output: Ada ada@example.com
}

// Match the kind of failure with errors.Is, read the details with
// errors.As.
func ExampleAPIError() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.Users.Get(context.Background(), "user_gone")
	switch {
	case errors.Is(err, clerk.ErrNotFound):
		fmt.Println("no such user")
	case errors.Is(err, clerk.ErrRateLimited), errors.Is(err, clerk.ErrServer):
		fmt.Println("try again later")
	}
	var apiErr *clerk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("status:", apiErr.StatusCode)
		fmt.Println("code:", apiErr.Errors[0].Code, apiErr.HasCode("resource_not_found"))
		fmt.Println("has a trace id:", apiErr.TraceID != "")
	}
	// Output:
	// no such user
	// status: 404
	// code: resource_not_found true
	// has a trace id: true
}

// A 429 tells how long to wait: APIError.RetryAfter. The client waits it
// out by itself (pausing every request of the client) unless the call has
// no retries left or the wait would pass its deadline; then the 429 comes
// back to you.
func ExampleAPIError_rateLimited() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	srv.InjectFault(clerktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 3 * time.Second})

	_, err = c.Users.List(context.Background(), nil, clerk.WithRetries(0)) // a call that must not wait
	var apiErr *clerk.APIError
	if errors.Is(err, clerk.ErrRateLimited) && errors.As(err, &apiErr) {
		fmt.Println("rate limited; retry after", apiErr.RetryAfter)
	}
	// Output: rate limited; retry after 3s
}

// A bulk call attempts every chunk and isolates the inputs the API
// refuses: the valid ones are processed, each refused one is named with
// its error, and nothing is sent twice.
func ExampleBulkError() {
	ctx := context.Background()
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ada, _ := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@example.com"}})
	bob, _ := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"bob@example.com"}})

	banned, err := c.Bans.BanMany(ctx, []string{ada.ID, "user_unknown", bob.ID})
	fmt.Println("banned:", len(banned))
	var be *clerk.BulkError
	if errors.As(err, &be) {
		for _, it := range be.Failed() {
			fmt.Println("failed:", it.Key, errors.Is(it.Err, clerk.ErrNotFound))
		}
		fmt.Println("to retry:", be.Unprocessed())
	}
	// Output:
	// banned: 2
	// failed: user_unknown true
	// to retry: [1]
}

// Input the API would refuse fails before any request is sent.
func ExampleInvalidInputError() {
	c, err := clerk.NewClient("sk_test_example")
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Users.Get(context.Background(), "")
	var inv *clerk.InvalidInputError
	fmt.Println(errors.Is(err, clerk.ErrInvalidInput), errors.As(err, &inv) && inv.Field == "user_id")
	fmt.Println(err)
	// Output:
	// true true
	// clerk: invalid input: user_id: must not be empty
}

// Request options change one call: an extra header for your own tracing,
// and a retry budget for a call on a hot path.
func ExampleWithHeader() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("correlation id:", r.Header.Get("X-Correlation-Id"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"user_2abc","object":"user"}`)
	}))
	defer api.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(api.URL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.Users.Get(context.Background(), "user_2abc",
		clerk.WithHeader("X-Correlation-Id", "req-42"),
		clerk.WithRetries(0), // fail fast: no retries for this call
	)
	if err != nil {
		log.Fatal(err)
	}
	// Output: correlation id: req-42
}

// Metadata arrives as raw JSON; decode it into your own type, and merge
// changes with PatchMetadata, which can store zero values and delete keys.
func ExamplePatchMetadata() {
	ctx := context.Background()
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	type AppPublic struct {
		Plan string `json:"plan,omitempty"`
		Beta bool   `json:"beta,omitempty"`
	}
	u, err := c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"},
		PublicMetadata: map[string]any{"plan": "free", "beta": true, "legacy_plan": "starter"},
	})
	if err != nil {
		log.Fatal(err)
	}

	u, err = c.Users.UpdateMetadata(ctx, u.ID, &users.MetadataParams{
		// omitempty would drop Beta: false; Set stores it. Delete removes a key.
		PublicMetadata: clerk.PatchMetadata(AppPublic{Plan: "pro"}).Set("beta", false).Delete("legacy_plan"),
	})
	if err != nil {
		log.Fatal(err)
	}
	pub, err := clerk.DecodeMetadata[map[string]any](u.PublicMetadata)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pub)
	// Output: map[beta:false plan:pro]
}

// The client uses the *http.Client it is given as is, so httpmock can stand
// in for the API. A MockTransport per test is safe with t.Parallel; the
// global recipe, httpmock.ActivateNonDefault(hc), works too, even after
// NewClient.
func ExampleWithHTTPClient() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, "https://api.clerk.com/v1/users/user_2abc",
		httpmock.NewStringResponder(200, `{"id":"user_2abc","object":"user","first_name":"Ada"}`))

	c, err := clerk.NewClient("sk_test_example", clerk.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		log.Fatal(err)
	}
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, *u.FirstName, mt.GetTotalCallCount())
	// Output: user_2abc Ada 1
}
