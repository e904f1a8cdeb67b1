package organizations_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/organizations"
)

// exampleFake starts the fake Backend API with one organization (slug
// "acme") and returns a client on it, the organization's ID and a stop
// function.
func exampleFake() (*clerk.Client, string, func(), error) {
	srv, err := clerktest.Start()
	if err != nil {
		return nil, "", nil, err
	}
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	org, err := c.Organizations.Create(context.Background(), &organizations.CreateParams{Name: "Acme", Slug: "acme",
		PublicMetadata: map[string]any{"plan": "pro", "beta": true, "legacy_plan": "gold"}})
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, org.ID, srv.Close, nil
}

func ExampleService_GetBySlug() {
	c, _, stop, err := exampleFake()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer stop()

	org, err := c.Organizations.GetBySlug(context.Background(), "acme", organizations.WithMembersCount())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(org.Name, *org.MembersCount, "members")

	// Get takes only an ID: a slug is refused before any request.
	_, err = c.Organizations.Get(context.Background(), "acme")
	fmt.Println(errors.Is(err, clerk.ErrInvalidInput))
	// Output:
	// Acme 0 members
	// true
}

func ExampleService_UpdateMetadata() {
	c, orgID, stop, err := exampleFake()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer stop()

	type OrgPublic struct {
		Plan string `json:"plan,omitempty"`
		Beta bool   `json:"beta,omitempty"`
	}
	// The struct alone would leave beta untouched (omitempty) and could
	// not remove legacy_plan; the patch does both.
	patch := clerk.PatchMetadata(OrgPublic{Plan: "team"}).Set("beta", false).Delete("legacy_plan")
	org, err := c.Organizations.UpdateMetadata(context.Background(), orgID, &organizations.MetadataParams{PublicMetadata: patch})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	stored, err := clerk.DecodeMetadata[map[string]any](org.PublicMetadata)
	fmt.Println(stored, err)
	// Output: map[beta:false plan:team] <nil>
}

func ExampleService_CreateManyInvitations() {
	c, orgID, stop, err := exampleFake()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer stop()

	var batch []*organizations.CreateInvitationParams
	for _, email := range []string{"ann@example.com", "bob@example.com", "not-an-email", "cat@example.com"} {
		batch = append(batch, &organizations.CreateInvitationParams{EmailAddress: email, Role: "org:member"})
	}
	invs, err := c.Organizations.CreateManyInvitations(context.Background(), orgID, batch)
	fmt.Println(len(invs), "invitations created")
	var be *clerk.BulkError
	if errors.As(err, &be) {
		for _, it := range be.Failed() {
			var apiErr *clerk.APIError
			if errors.As(it.Err, &apiErr) {
				fmt.Println("refused:", it.Key, apiErr.StatusCode)
			}
		}
	}
	// Output:
	// 3 invitations created
	// refused: not-an-email 422
}
