package organizations_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/organizations"
)

// exampleServer stands in for the Backend API with canned answers.
func exampleServer() *httptest.Server {
	member := func(id, user, first, role string) string {
		return fmt.Sprintf(`{"object":"organization_membership","id":%q,"role":%q,"role_name":"Member",
			"permissions":[],"public_metadata":{"team":"core"},"created_at":1700000000000,"updated_at":1700000000000,
			"organization":{"object":"organization","id":"org_1","name":"Acme","slug":"acme","has_image":false,
			"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},
			"created_at":1700000000000,"updated_at":1700000000000},
			"public_user_data":{"user_id":%q,"first_name":%q,"last_name":null,"profile_image_url":null,
			"image_url":"https://img.clerk.com/x","has_image":false,"identifier":"%s@example.com"}}`,
			id, role, user, first, first)
	}
	members := []string{
		member("orgmem_1", "user_1", "ann", "org:admin"),
		member("orgmem_2", "user_2", "bob", "org:member"),
		member("orgmem_3", "user_3", "cat", "org:member"),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/organizations", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"object":"organization","id":"org_1","name":"Acme","slug":"acme","has_image":false,
			"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},"created_by":"user_1",
			"created_at":1700000000000,"updated_at":1700000000000}`)
	})
	mux.HandleFunc("POST /v1/organizations/org_1/memberships", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, members[1])
	})
	mux.HandleFunc("GET /v1/organizations/org_1/memberships", func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		end := min(offset+limit, len(members))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, envelope(len(members), members[min(offset, end):end]...))
	})
	return httptest.NewServer(mux)
}

func ExampleService_Create() {
	srv := exampleServer()
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}

	org, err := c.Organizations.Create(context.Background(), &organizations.CreateParams{
		Name:      "Acme",
		CreatedBy: "user_1",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(org.ID, org.Slug, org.CreatedBy)
	// Output: org_1 acme user_1
}

func ExampleService_CreateMembership() {
	srv := exampleServer()
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}

	m, err := c.Organizations.CreateMembership(context.Background(), "org_1", &organizations.CreateMembershipParams{
		UserID:         "user_2",
		Role:           "org:member",
		PublicMetadata: map[string]any{"team": "core"},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(m.PublicUserData.UserID, "joined", m.Organization.Name, "as", m.Role)
	// Output: user_2 joined Acme as org:member
}

func ExampleService_AllMemberships() {
	srv := exampleServer()
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}

	// Pages of two: the iterator fetches the next page as the loop needs it.
	params := &organizations.ListMembershipsParams{Limit: 2}
	for m, err := range c.Organizations.AllMemberships(context.Background(), "org_1", params) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(m.PublicUserData.UserID, m.Role)
	}
	// Output:
	// user_1 org:admin
	// user_2 org:member
	// user_3 org:member
}

func ExampleService_CreateMembership_typedMetadata() {
	srv := exampleServer()
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	m, err := c.Organizations.CreateMembership(context.Background(), "org_1", &organizations.CreateMembershipParams{
		UserID: "user_2", Role: "org:member",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}

	type MemberPublic struct {
		Team string `json:"team"`
	}
	pub, err := clerk.DecodeMetadata[MemberPublic](m.PublicMetadata)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(pub.Team)
	// Output: core
}
