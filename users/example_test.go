package users_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// exampleServer stands in for the Backend API in the examples: a few users
// with metadata, answering the calls the examples make.
func exampleServer() *httptest.Server {
	mux := http.NewServeMux()
	all := []string{"user_3", "user_2", "user_1"} // newest first, like the API
	user := func(id, pub, priv string) string {
		return fmt.Sprintf(`{"id":%q,"object":"user","first_name":"Ada","last_name":"Lovelace",`+
			`"primary_email_address_id":"idn_1","email_addresses":[{"id":"idn_1","object":"email_address",`+
			`"email_address":"ada@example.com","reserved":false,"verification":{"status":"verified","strategy":"email_code",`+
			`"attempts":1,"expire_at":null},"linked_to":[],"created_at":1700000000000,"updated_at":1700000000000}],`+
			`"public_metadata":%s,"private_metadata":%s,"unsafe_metadata":{},"banned":false,"locked":false,`+
			`"created_at":1700000000000,"updated_at":1700000000000}`, id, pub, priv)
	}
	write := func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
	mux.HandleFunc("GET /v1/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		write(w, user(r.PathValue("id"), `{"plan":"pro","seats":5}`, `{"stripe_id":"cus_1"}`))
	})
	mux.HandleFunc("PATCH /v1/users/{id}/metadata", func(w http.ResponseWriter, r *http.Request) {
		// Echo a merge of the request into a stored {"plan":"pro","old_key":1}.
		var body struct {
			Public  map[string]any `json:"public_metadata"`
			Private map[string]any `json:"private_metadata"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		pub := map[string]any{"plan": "pro", "seats": 5, "old_key": 1}
		priv := map[string]any{}
		for k, v := range body.Public {
			if v == nil {
				delete(pub, k)
			} else {
				pub[k] = v
			}
		}
		for k, v := range body.Private {
			priv[k] = v
		}
		p, _ := json.Marshal(pub)
		q, _ := json.Marshal(priv)
		write(w, user(r.PathValue("id"), string(p), string(q)))
	})
	mux.HandleFunc("POST /v1/users/{id}/verify_password", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Password string `json:"password"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body.Password != "correct horse battery staple" {
			w.WriteHeader(http.StatusUnprocessableEntity) // the API's bare "wrong password"
			return
		}
		write(w, `{"verified":true}`)
	})
	mux.HandleFunc("GET /v1/users", func(w http.ResponseWriter, r *http.Request) {
		// Cursor paging, as the API does with created_at ordering.
		start := 0
		for i, id := range all {
			if id == r.URL.Query().Get("starting_after") {
				start = i + 1
			}
		}
		end := min(start+2, len(all)) // the examples ask for pages of 2
		parts := []string{}
		for _, id := range all[start:end] {
			parts = append(parts, user(id, "{}", "{}"))
		}
		write(w, "["+strings.Join(parts, ",")+"]")
	})
	return httptest.NewServer(mux)
}

func exampleClient(srv *httptest.Server) *clerk.Client {
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		log.Fatal(err)
	}
	return c
}

func ExampleService_Get() {
	srv := exampleServer()
	defer srv.Close()
	c := exampleClient(srv)

	u, err := c.Users.Get(context.Background(), "user_1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, *u.FirstName, u.PrimaryEmailAddress().EmailAddress)
	// Output: user_1 Ada ada@example.com
}

func ExampleService_UpdateMetadata() {
	srv := exampleServer()
	defer srv.Close()
	c := exampleClient(srv)

	// Deep merge: keys given are set, a nil value deletes its key, and
	// keys left out (here "seats") are kept.
	u, err := c.Users.UpdateMetadata(context.Background(), "user_1", &users.MetadataParams{
		PublicMetadata: map[string]any{"plan": "enterprise", "old_key": nil},
		PrivateMetadata: struct {
			StripeID string `json:"stripe_id"`
		}{"cus_42"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(u.PublicMetadata))
	fmt.Println(string(u.PrivateMetadata))
	// Output:
	// {"plan":"enterprise","seats":5}
	// {"stripe_id":"cus_42"}
}

func ExampleService_All() {
	srv := exampleServer()
	defer srv.Close()
	c := exampleClient(srv)

	// Pages of 2, fetched lazily; with the default ordering the walk pages
	// by cursor (starting_after), which stays fast on large instances.
	for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.ID)
	}
	// Output:
	// user_3
	// user_2
	// user_1
}

func ExampleService_VerifyPassword() {
	srv := exampleServer()
	defer srv.Close()
	c := exampleClient(srv)
	ctx := context.Background()

	// A wrong password is an answer, not an error: (false, nil).
	for _, pw := range []string{"hunter2", "correct horse battery staple"} {
		ok, err := c.Users.VerifyPassword(ctx, "user_1", &users.VerifyPasswordParams{Password: pw})
		if err != nil {
			// users.ErrNoPassword, clerk.ErrNotFound, clerk.ErrLocked, ...
			log.Fatal(err)
		}
		fmt.Println(ok)
	}
	// Output:
	// false
	// true
}

func ExampleTypedMetadata() {
	srv := exampleServer()
	defer srv.Close()
	c := exampleClient(srv)
	ctx := context.Background()

	// Your own metadata types. omitempty makes Update merge only the
	// fields you set; fields without it are always sent.
	type AppPublic struct {
		Plan  string `json:"plan,omitempty"`
		Seats int    `json:"seats,omitempty"`
	}
	type AppPrivate struct {
		StripeID string `json:"stripe_id,omitempty"`
	}
	m := users.NewTypedMetadata[AppPublic, AppPrivate](c.Users)

	pub, priv, err := m.Get(ctx, "user_1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s plan, %d seats, customer %s\n", pub.Plan, pub.Seats, priv.StripeID)

	// Seats is zero here, so it is not sent and keeps its stored value.
	pub, _, err = m.Update(ctx, "user_1", users.MetadataUpdate{
		Public: m.PatchPublic(AppPublic{Plan: "team"}),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s plan, %d seats\n", pub.Plan, pub.Seats)
	// Output:
	// pro plan, 5 seats, customer cus_1
	// team plan, 5 seats
}
