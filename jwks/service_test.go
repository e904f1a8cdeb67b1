package jwks_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

func newClient(t *testing.T) (*clerk.Client, *clerktest.Server) {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func jwksFetches(srv *clerktest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodGet && r.Path == "/v1/jwks" {
			n++
		}
	}
	return n
}

func TestGetReturnsTheServersKeys(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t)
	set, err := c.JWKS.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != 1 {
		t.Fatalf("got %d keys, want 1", len(set.Keys))
	}
	k := set.Keys[0]
	if k.KID != srv.KeyID() || k.KTY != "RSA" || k.Alg != "RS256" || k.N == "" || k.E == "" {
		t.Fatalf("unexpected key %+v", k)
	}
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer "+srv.SecretKey {
		t.Fatalf("Authorization = %q, want the secret key as Bearer", got)
	}
}

func TestVerifierOnClientJWKSFetchesOnce(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t)
	v, err := jwt.NewVerifier(jwt.WithKeySource(c.JWKS), jwt.WithTokenCacheSize(0))
	if err != nil {
		t.Fatal(err)
	}
	userID := srv.AddUser(clerktest.User{Email: "ada@example.com"})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			claims, err := v.Verify(context.Background(), srv.NewSessionToken(userID))
			if err == nil && claims.Subject != userID {
				err = errors.New("wrong subject " + claims.Subject)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := jwksFetches(srv); n != 1 {
		t.Fatalf("GET /jwks was called %d times for 50 verifications, want 1", n)
	}
}

func TestUnknownKidIsRejectedWithoutRefetchStorm(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t)
	if err := c.JWKS.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if _, err := c.JWKS.Key(context.Background(), "ins_forged"); !errors.Is(err, jwt.ErrUnknownKey) {
			t.Fatalf("err = %v, want ErrUnknownKey", err)
		}
	}
	// The refresh plus at most one refetch for the unknown kid.
	if n := jwksFetches(srv); n > 2 {
		t.Fatalf("GET /jwks was called %d times, want at most 2", n)
	}
}

func TestNilContextIsRefused(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t)
	var nilCtx context.Context
	_, errGet := c.JWKS.Get(nilCtx)
	_, errKey := c.JWKS.Key(nilCtx, "kid")
	errRefresh := c.JWKS.Refresh(nilCtx)
	for _, err := range []error{errGet, errKey, errRefresh} {
		if !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("err = %v, want ErrInvalidInput", err)
		}
	}
	if n := jwksFetches(srv); n != 0 {
		t.Errorf("%d fetches", n)
	}
}

func TestGetSendsRequestOptions(t *testing.T) {
	t.Parallel()
	c, srv := newClient(t)
	set, err := c.JWKS.Get(context.Background(), clerk.WithHeader("X-Request-Id", "r1"))
	if err != nil || len(set.Keys) == 0 {
		t.Fatalf("Get = %v, %v", set, err)
	}
	if got := srv.Requests()[0].Header.Get("X-Request-Id"); got != "r1" {
		t.Errorf("X-Request-Id = %q", got)
	}
}
