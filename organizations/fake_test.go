package organizations_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

// newFake returns the fake Backend API and a client on it.
func newFake(t *testing.T) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// createUser creates a user on the fake with a plain POST /users (this
// package's tests do not depend on the users service) and returns its ID.
func createUser(t *testing.T, srv *clerktest.Server, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"email_address": []string{email}})
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/users", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var u struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil || resp.StatusCode != http.StatusOK || u.ID == "" {
		t.Fatalf("POST /users: %d, %v", resp.StatusCode, err)
	}
	return u.ID
}

// seedOrgWithMember creates, through the API, an organization (slug
// "acme") with the given public metadata and one member, and returns
// their IDs; the request log is reset afterwards.
func seedOrgWithMember(t *testing.T, srv *clerktest.Server, c *clerk.Client, public any) (orgID, userID string) {
	t.Helper()
	org, err := c.Organizations.Create(t.Context(), &organizations.CreateParams{Name: "Acme", Slug: "acme", PublicMetadata: public})
	if err != nil {
		t.Fatal(err)
	}
	userID = createUser(t, srv, "ada@example.com")
	if _, err := c.Organizations.CreateMembership(t.Context(), org.ID, &organizations.CreateMembershipParams{UserID: userID, Role: "org:member"}); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	return org.ID, userID
}

// flags is typed metadata whose omitempty fields can never store false on
// their own: core.MetadataPatch's Set can.
type flags struct {
	Plan string `json:"plan,omitempty"`
	Beta bool   `json:"beta,omitempty"`
}

// mergePatch changes plan, stores beta=false (omitempty's zero value) and
// deletes the key "old".
func mergePatch() *clerk.MetadataPatch {
	return clerk.PatchMetadata(flags{Plan: "team"}).Set("beta", false).Delete("old")
}

func metadataMap(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	m, err := clerk.DecodeMetadata[map[string]any](raw)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTypedMetadataMerge merges a MetadataPatch into an organization and a
// membership on the fake and reads the stored state back: false is
// stored, the deleted key is gone, the untouched key stays.
func TestTypedMetadataMerge(t *testing.T) {
	t.Parallel()
	before := map[string]any{"plan": "pro", "beta": true, "old": "x", "keep": "y"}
	want := map[string]any{"plan": "team", "beta": false, "keep": "y"}

	t.Run("organization", func(t *testing.T) {
		t.Parallel()
		srv, c := newFake(t)
		orgID, _ := seedOrgWithMember(t, srv, c, before)
		got, err := c.Organizations.UpdateMetadata(t.Context(), orgID, &organizations.MetadataParams{PublicMetadata: mergePatch()})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, metadataMap(t, got.PublicMetadata)); diff != "" {
			t.Errorf("answer's metadata (-want +got):\n%s", diff)
		}
		stored, err := c.Organizations.Get(t.Context(), orgID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, metadataMap(t, stored.PublicMetadata)); diff != "" {
			t.Errorf("stored metadata (-want +got):\n%s", diff)
		}
		typed, err := clerk.DecodeMetadata[flags](stored.PublicMetadata)
		if err != nil || typed != (flags{Plan: "team"}) {
			t.Errorf("typed read = %+v, %v", typed, err)
		}
	})

	t.Run("membership", func(t *testing.T) {
		t.Parallel()
		srv, c := newFake(t)
		orgID, userID := seedOrgWithMember(t, srv, c, nil)
		// Store the "before" state through the API (the seeder has no
		// membership metadata).
		if _, err := c.Organizations.UpdateMembershipMetadata(t.Context(), orgID, userID,
			&organizations.MembershipMetadataParams{PrivateMetadata: before}); err != nil {
			t.Fatal(err)
		}
		got, err := c.Organizations.UpdateMembershipMetadata(t.Context(), orgID, userID,
			&organizations.MembershipMetadataParams{PrivateMetadata: mergePatch()})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, metadataMap(t, got.PrivateMetadata)); diff != "" {
			t.Errorf("answer's metadata (-want +got):\n%s", diff)
		}
		page, err := c.Organizations.ListMemberships(t.Context(), orgID, &organizations.ListMembershipsParams{UserIDs: []string{userID}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Data) != 1 {
			t.Fatalf("got %d memberships", len(page.Data))
		}
		if diff := cmp.Diff(want, metadataMap(t, page.Data[0].PrivateMetadata)); diff != "" {
			t.Errorf("stored metadata (-want +got):\n%s", diff)
		}
	})

	t.Run("invitation", func(t *testing.T) {
		t.Parallel()
		srv, c := newFake(t)
		orgID, _ := seedOrgWithMember(t, srv, c, nil)
		inv, err := c.Organizations.CreateInvitation(t.Context(), orgID, &organizations.CreateInvitationParams{
			EmailAddress: "bob@example.com", Role: "org:member",
			PublicMetadata: clerk.PatchMetadata(flags{Plan: "team"}).Set("beta", false),
		})
		if err != nil {
			t.Fatal(err)
		}
		stored, err := c.Organizations.GetInvitation(t.Context(), orgID, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]any{"plan": "team", "beta": false}, metadataMap(t, stored.PublicMetadata)); diff != "" {
			t.Errorf("stored metadata (-want +got):\n%s", diff)
		}
	})
}

// TestGetBySlugAndIncludeOptions: the slug lookup and the include options
// against the fake; Get refuses a slug before any request.
func TestGetBySlugAndIncludeOptions(t *testing.T) {
	t.Parallel()
	srv, c := newFake(t)
	orgID, _ := seedOrgWithMember(t, srv, c, nil)

	org, err := c.Organizations.GetBySlug(t.Context(), "acme", organizations.WithMembersCount())
	if err != nil {
		t.Fatal(err)
	}
	if org.ID != orgID || org.MembersCount == nil || *org.MembersCount != 1 {
		t.Errorf("GetBySlug = %s, members %v; want %s with 1 member", org.ID, org.MembersCount, orgID)
	}
	if org.CreatedAt.IsZero() || org.UpdatedAt.Before(org.CreatedAt) {
		t.Errorf("instants = %v, %v", org.CreatedAt, org.UpdatedAt)
	}

	org, err = c.Organizations.Get(t.Context(), orgID, organizations.WithMissingMemberWithElevatedPermissions())
	if err != nil {
		t.Fatal(err)
	}
	if org.MissingMemberWithElevatedPermissions == nil || org.MembersCount != nil {
		t.Errorf("Get with WithMissingMemberWithElevatedPermissions: missing=%v members=%v",
			org.MissingMemberWithElevatedPermissions, org.MembersCount)
	}

	n := len(srv.Requests())
	if _, err := c.Organizations.Get(t.Context(), "acme"); !errors.Is(err, clerk.ErrInvalidInput) {
		t.Errorf("Get(slug) = %v, want ErrInvalidInput", err)
	}
	if len(srv.Requests()) != n {
		t.Error("Get(slug) sent a request")
	}
}
