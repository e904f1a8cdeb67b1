package sessions_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/sessions"
)

func ExampleService_CreateToken() {
	// A stand-in for the Backend API; use your real secret key instead.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/sessions":
			io.WriteString(w, `{"data":[{"object":"session","id":"sess_1","user_id":"user_1","client_id":"client_1",
				"status":"active","last_active_at":1764547300000,"expire_at":1765152000000,"abandon_at":1767139200000,
				"updated_at":1764547300000,"created_at":1764547200000}],"total_count":1}`)
		case "/v1/sessions/sess_1/tokens":
			io.WriteString(w, `{"object":"token","jwt":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	// Find the user's active session and mint a token that lives 10 minutes.
	page, err := c.Sessions.List(ctx, &sessions.ListParams{
		UserID: "user_1",
		Status: sessions.StatusActive,
	})
	if err != nil || len(page.Data) == 0 {
		fmt.Println("no active session", err)
		return
	}
	tok, err := c.Sessions.CreateToken(ctx, page.Data[0].ID, &sessions.CreateTokenParams{
		ExpiresIn: 600 * time.Second,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.Object, tok.JWT)
	// Output: token eyJhbGciOiJSUzI1NiJ9.e30.c2ln
}

// fakeSessions answers Get in a test of code that reads sessions; the
// embedded Unimplemented answers every other method.
type fakeSessions struct {
	sessions.Unimplemented
}

func (fakeSessions) Get(_ context.Context, id string, _ ...clerk.RequestOption) (*sessions.Session, error) {
	return &sessions.Session{ID: id, Status: sessions.StatusActive}, nil
}

func ExampleUnimplemented() {
	var api sessions.API = fakeSessions{}
	s, _ := api.Get(context.Background(), "sess_1")
	fmt.Println(s.ID, s.Status)
	_, err := api.Revoke(context.Background(), "sess_1")
	fmt.Println(err)
	// Output:
	// sess_1 active
	// clerk: Sessions.Revoke is not implemented by this fake
}
