package jwks_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwks"
	"github.com/clerkgo/clerk/jwt"
)

// Verify session tokens with the instance's keys from GET /jwks, fetched
// once and cached by the client.
func ExampleService_Key() {
	srv, err := clerktest.Start() // stands in for your Clerk instance
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	var keys jwks.API = c.JWKS // a cached jwt.KeySource
	v, err := jwt.NewVerifier(jwt.WithKeySource(keys))
	if err != nil {
		panic(err)
	}

	token := srv.NewSessionToken("user_123") // a browser would send this
	claims, err := v.Verify(context.Background(), token)
	if err != nil {
		fmt.Println("rejected:", err)
		return
	}
	fmt.Println("signed in as", claims.Subject)
	// Output: signed in as user_123
}

// staticKeys serves one fixed key set in a test; the embedded
// Unimplemented answers Key and Refresh.
type staticKeys struct {
	jwks.Unimplemented
}

func (staticKeys) Get(context.Context, ...clerk.RequestOption) (*jwks.KeySet, error) {
	return &jwks.KeySet{Keys: []jwks.Key{{KID: "ins_test", KTY: "RSA", Alg: "RS256"}}}, nil
}

func ExampleUnimplemented() {
	var api jwks.API = staticKeys{}
	set, _ := api.Get(context.Background())
	fmt.Println(set.Keys[0].KID)
	err := api.Refresh(context.Background())
	fmt.Println(errors.Is(err, clerk.ErrNotImplemented))
	// Output:
	// ins_test
	// true
}
