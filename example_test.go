package clerk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/jarcoal/httpmock"
	"golang.org/x/time/rate"
)

// exampleUser is a trimmed GET /users/{user_id} answer.
const exampleUser = `{"id":"user_2abc","object":"user","first_name":"Ada","last_name":"Lovelace",` +
	`"public_metadata":{"role":"admin"},"private_metadata":{},"unsafe_metadata":{},` +
	`"email_addresses":[{"id":"idn_1","object":"email_address","email_address":"ada@example.com",` +
	`"reserved":false,"linked_to":[],"created_at":1715000000000,"updated_at":1715000000000}],` +
	`"banned":false,"locked":false,"created_at":1715000000000,"updated_at":1715000000000}`

// exampleAPI stands in for api.clerk.com in the examples: it knows one user
// and answers 404 for every other id, as the real API does.
func exampleAPI() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Header.Get("Authorization") != "Bearer sk_test_example":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"errors":[{"code":"authentication_invalid","message":"Unauthorized request"}]}`)
		case r.URL.Path == "/v1/users/user_2abc":
			fmt.Fprint(w, exampleUser)
		default:
			w.Header().Set("Clerk-Trace-Id", "trace_9f2c")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":[{"code":"resource_not_found","message":"not found",`+
				`"long_message":"No user was found with id `+strings.TrimPrefix(r.URL.Path, "/v1/users/")+`."}],`+
				`"clerk_trace_id":"trace_9f2c"}`)
		}
	}))
}

func ExampleNewClient() {
	api := exampleAPI() // in production, leave WithBaseURL out
	defer api.Close()

	c, err := clerk.NewClient("sk_test_example",
		clerk.WithBaseURL(api.URL+"/v1"),
		clerk.WithMaxRetries(2),                 // the default: replay-safe calls retry twice
		clerk.WithRateLimit(rate.Limit(10), 10), // a development instance allows 100 requests per 10 s
		clerk.WithUserAgent("acme-billing/1.0"), // prefixes the SDK's User-Agent
		clerk.WithMaxResponseSize(8<<20),        // bodies over 8 MiB fail instead of filling memory
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	u, err := c.Users.Get(ctx, "user_2abc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, *u.FirstName, u.EmailAddresses[0].EmailAddress)
	// Output: user_2abc Ada ada@example.com
}

func ExampleAPIError() {
	api := exampleAPI()
	defer api.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(api.URL+"/v1"))
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.Users.Get(context.Background(), "user_gone")

	// Match the kind of failure with errors.Is ...
	switch {
	case errors.Is(err, clerk.ErrNotFound):
		fmt.Println("no such user")
	case errors.Is(err, clerk.ErrRateLimited), errors.Is(err, clerk.ErrServer):
		fmt.Println("try again later")
	}
	// ... and read the details with errors.As.
	var apiErr *clerk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("status:", apiErr.StatusCode)
		fmt.Println("code:", apiErr.Errors[0].Code, apiErr.HasCode("resource_not_found"))
		fmt.Println("message:", apiErr.Errors[0].LongMessage)
		fmt.Println("trace:", apiErr.TraceID)
	}
	fmt.Println(err)
	// Output:
	// no such user
	// status: 404
	// code: resource_not_found true
	// message: No user was found with id user_gone.
	// trace: trace_9f2c
	// clerk: GET /users/user_gone: 404 Not Found: resource_not_found: No user was found with id user_gone. (trace trace_9f2c)
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
		fmt.Fprint(w, exampleUser)
	}))
	defer api.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(api.URL+"/v1"))
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

// Metadata arrives as raw JSON; decode it into your own type.
func ExampleDecodeMetadata() {
	api := exampleAPI()
	defer api.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(api.URL+"/v1"))
	if err != nil {
		log.Fatal(err)
	}
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		log.Fatal(err)
	}

	type AppPublic struct {
		Role string `json:"role"`
	}
	pub, err := clerk.DecodeMetadata[AppPublic](u.PublicMetadata)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("role:", pub.Role)
	// Output: role: admin
}

// The client uses the *http.Client it is given as is, so httpmock can stand
// in for the API. A MockTransport per test is safe with t.Parallel; the
// global recipe, httpmock.ActivateNonDefault(hc), works too, even after
// NewClient.
func ExampleWithHTTPClient() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, "https://api.clerk.com/v1/users/user_2abc",
		httpmock.NewStringResponder(200, exampleUser))

	c, err := clerk.NewClient("sk_test_example", clerk.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		log.Fatal(err)
	}
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, mt.GetTotalCallCount())
	// Output: user_2abc 1
}
