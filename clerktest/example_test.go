package clerktest_test

import (
	"context"
	"fmt"
	"log"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
	"github.com/golang-jwt/jwt/v5"
)

// A test of code that calls the SDK: point the client at the fake. The
// fake is closed when the test ends.
func ExampleNewServer() {
	testSignUp := func(t *testing.T) {
		srv := clerktest.NewServer(t)
		c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
		if err != nil {
			t.Fatal(err)
		}
		u, err := c.Users.Create(context.Background(), &users.CreateParams{
			EmailAddresses: []string{"ada@example.com"},
			FirstName:      "Ada",
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Users.Get(context.Background(), u.ID)
		if err != nil || *got.FirstName != "Ada" {
			t.Fatalf("Get: %v, %v", got, err)
		}
	}
	_ = testSignUp
}

// Outside tests, Start runs the fake until Close.
func ExampleStart() {
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

	u, err := c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"},
		FirstName:      "Ada",
		LastName:       "Lovelace",
	})
	if err != nil {
		log.Fatal(err)
	}
	u, err = c.Users.Get(ctx, u.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*u.FirstName, *u.LastName, u.EmailAddresses[0].EmailAddress)

	_, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@example.com"}})
	fmt.Println(err != nil)
	// Output:
	// Ada Lovelace ada@example.com
	// true
}

// Seed state directly, without requests.
func ExampleServer_AddUser() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	// A server from Start has no test to fail: the Try variants return
	// the error (in a test, srv.AddUser(...) fails the test instead).
	uid, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com", Password: "correct horse"})
	if err != nil {
		log.Fatal(err)
	}
	orgID, err := srv.TryAddOrganization(clerktest.Organization{Name: "Acme Inc.", CreatedBy: uid})
	if err != nil {
		log.Fatal(err)
	}

	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	n, _ := c.Users.Count(context.Background(), &users.ListParams{OrganizationIDs: []string{orgID}})
	fmt.Println(n)
	// Output: 1
}

// Make the next calls fail, to test retries and error handling.
func ExampleServer_FailNext() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))

	srv.FailNext(1, 503)
	_, err = c.Users.Count(context.Background(), nil)
	fmt.Println(err != nil)
	_, err = c.Users.Count(context.Background(), nil)
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}

// Sign a session token with the fake's key and verify it as an app would.
func ExampleServer_NewSessionToken() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	tok := srv.NewSessionToken("user_123",
		clerktest.WithOrg("org_1", "org:admin", "org:invoices:create"),
		clerktest.WithAuthorizedParty("https://app.example.com"))

	key, _ := jwt.ParseRSAPublicKeyFromPEM([]byte(srv.PublicKeyPEM()))
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithIssuer(srv.Issuer()), jwt.WithValidMethods([]string{"RS256"}))
	fmt.Println(err, claims["sub"], claims["azp"], claims["fea"], claims["o"].(map[string]any)["rol"])
	// Output: <nil> user_123 https://app.example.com o:invoices admin
}
