package clerkhttp_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

// A protected route on tokens the fake signs: RequireAuth turns signed-out
// requests away, AuthFromContext tells the handler who is asking, and
// WithFailureHandler writes your own refusal (here plain text instead of
// the default JSON).
func ExampleRequireAuth() {
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	v, err := jwt.NewVerifier(jwt.WithPEM(srv.PublicKeyPEM())) // in production: your instance's key
	if err != nil {
		log.Fatal(err)
	}

	me := clerkhttp.RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, _ := clerkhttp.AuthFromContext(r.Context())
		fmt.Fprintf(w, "hello %s (%s from the %s)", auth.Subject(), auth.Kind, auth.Source)
	}))
	handler := clerkhttp.Middleware(v,
		clerkhttp.WithFailureHandler(func(w http.ResponseWriter, r *http.Request, f clerkhttp.Failure) {
			w.WriteHeader(f.Status)
			fmt.Fprintf(w, "please sign in (%s)", f.Reason)
		}),
	)(me)

	for _, token := range []string{srv.NewSessionToken("user_ada"), "", "not-a-token"} {
		r := httptest.NewRequest(http.MethodGet, "/me", nil)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		fmt.Printf("%d %s\n", w.Code, w.Body.String())
	}
	// Output:
	// 200 hello user_ada (session_token from the header)
	// 401 please sign in (token_missing)
	// 401 please sign in (malformed_token)
}
