package enterprise_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/enterprise"
	"github.com/clerkgo/clerk/roles"
)

type result[T any] struct {
	v   T
	err error
}

func of[T any](v T, err error) result[T] { return result[T]{v, err} }

func (r result[T]) must(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

func newClient(t *testing.T) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestConnectionLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, c := newClient(t)
	active := true
	conn := of(c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{
		Name: "Okta", Provider: "saml_okta", Domains: []string{"acme.example"}, Active: &active,
		SAML: &enterprise.SAMLParams{IdpEntityID: "http://www.okta.com/x", IdpSsoURL: "https://acme.okta.example/sso"},
	})).must(t)
	if conn.ID == "" || !conn.Active || conn.SAMLConnection == nil || conn.SAMLConnection.IdpEntityID != "http://www.okta.com/x" || conn.CreatedAt.IsZero() {
		t.Fatalf("created = %+v (saml %+v)", conn, conn.SAMLConnection)
	}
	oidc := of(c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{
		Name: "GitLab", Provider: "oidc_gitlab", Domains: []string{"lab.example"},
		OIDC: &enterprise.OIDCParams{ClientID: "cid", DiscoveryURL: "https://gitlab.example/.well-known/openid-configuration"},
	})).must(t)
	if oidc.OAuthConfig == nil || oidc.OAuthConfig.ClientID != "cid" {
		t.Errorf("oidc connection = %+v", oidc.OAuthConfig)
	}
	page := of(c.EnterpriseConnections.List(ctx, &enterprise.ListConnectionsParams{Active: &active})).must(t)
	if page.TotalCount != 1 || page.Data[0].ID != conn.ID {
		t.Errorf("List(active) total %d", page.TotalCount)
	}
	name := "Okta (prod)"
	got := of(c.EnterpriseConnections.Update(ctx, conn.ID, &enterprise.UpdateConnectionParams{Name: &name, Domains: []string{"acme.example", "acme.test"}})).must(t)
	if got.Name != name || len(got.Domains) != 2 {
		t.Errorf("Update = %+v", got)
	}
	run := of(c.EnterpriseConnections.CreateTestRun(ctx, conn.ID)).must(t)
	if run.URL == "" {
		t.Error("CreateTestRun: no URL")
	}
	n := 0
	for r, err := range c.EnterpriseConnections.AllTestRuns(ctx, conn.ID, &enterprise.ListTestRunsParams{Statuses: []string{"pending"}}) {
		if err != nil {
			t.Fatal(err)
		}
		if r.ConnectionType != "saml" {
			t.Errorf("test run type %q", r.ConnectionType)
		}
		n++
	}
	if n != 1 {
		t.Errorf("AllTestRuns walked %d", n)
	}
	if del := of(c.EnterpriseConnections.Delete(ctx, conn.ID)).must(t); !del.Deleted {
		t.Errorf("Delete = %+v", del)
	}
	if _, err := c.EnterpriseConnections.Get(ctx, conn.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

func TestDirectoryKeyRotationAndMappings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, c := newClient(t)
	conn := of(c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{Name: "Okta", Provider: "saml_okta", Domains: []string{"acme.example"}})).must(t)
	role := of(c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{Name: "Engineer", Key: "org:engineer"})).must(t)

	dir := of(c.Directories.Create(ctx, &enterprise.CreateDirectoryParams{EnterpriseConnectionID: conn.ID, Provider: "okta"})).must(t)
	if dir.APIKey == "" || dir.EndpointURL == "" || dir.Object != "directory" {
		t.Fatalf("created = %+v", dir)
	}
	if got := of(c.Directories.Get(ctx, dir.ID)).must(t); got.APIKey != "" {
		t.Errorf("Get shows the API key %q; it is shown on create and rotate only", got.APIKey)
	}
	rotated := of(c.Directories.RotateAPIKey(ctx, dir.ID)).must(t)
	if rotated.APIKey == "" || rotated.APIKey == dir.APIKey {
		t.Errorf("rotated key %q, old %q: want a new one", rotated.APIKey, dir.APIKey)
	}
	// The same directory under its SCIM name.
	scim := of(c.SCIMDirectories.Get(ctx, dir.ID)).must(t)
	if scim.Object != "scim_directory" || scim.ID != dir.ID {
		t.Errorf("SCIM view = %+v", scim)
	}

	m := of(c.Directories.CreateGroupRoleMapping(ctx, dir.ID, &enterprise.CreateGroupRoleMappingParams{DirectoryGroupID: "grp_eng", RoleID: role.ID})).must(t)
	if m.Role == nil || m.Role.Key != "org:engineer" || m.DirectoryGroupID != "grp_eng" {
		t.Fatalf("mapping = %+v", m)
	}
	all := of(c.SCIMDirectories.ReplaceGroupRoleMappings(ctx, dir.ID, &enterprise.ReplaceSCIMGroupRoleMappingsParams{
		Mappings: []enterprise.SCIMGroupRole{{SCIMGroupID: "grp_ops", RoleID: role.ID}, {SCIMGroupID: "grp_dev", RoleID: role.ID}},
	})).must(t)
	if len(all) != 2 {
		t.Fatalf("after Replace: %d mappings", len(all))
	}
	page := of(c.Directories.ListGroupRoleMappings(ctx, dir.ID)).must(t)
	if page.TotalCount != 2 {
		t.Errorf("ListGroupRoleMappings total %d", page.TotalCount)
	}
	of(c.Directories.DeleteGroupRoleMapping(ctx, dir.ID, all[0].ID)).must(t)
	if _, err := c.Directories.DeleteGroupRoleMapping(ctx, dir.ID, all[0].ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	enabled := false
	if got := of(c.SCIMDirectories.Update(ctx, dir.ID, &enterprise.UpdateDirectoryParams{Enabled: &enabled})).must(t); got.Enabled {
		t.Error("Update did not disable")
	}
	if n := of(c.SCIMDirectories.List(ctx, nil)).must(t).TotalCount; n != 1 {
		t.Errorf("List total %d", n)
	}
	of(c.SCIMDirectories.Delete(ctx, dir.ID)).must(t)
	if _, err := c.Directories.Get(ctx, dir.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
}

func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := newClient(t)
	calls := []func() error{
		func() error { _, err := c.EnterpriseConnections.Get(ctx, ""); return err },
		func() error {
			_, err := c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{Name: "x"})
			return err
		},
		func() error {
			_, err := c.Directories.Create(ctx, &enterprise.CreateDirectoryParams{Provider: "okta"})
			return err
		},
		func() error { _, err := c.SCIMDirectories.RotateAPIKey(ctx, " "); return err },
		func() error {
			_, err := c.SCIMDirectories.CreateGroupRoleMapping(ctx, "dir_1", &enterprise.CreateSCIMGroupRoleMappingParams{RoleID: "role_1"})
			return err
		},
		func() error { _, err := c.Directories.DeleteGroupRoleMapping(ctx, "dir_1", ""); return err },
	}
	for i, call := range calls {
		if err := call(); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("call %d: %v, want ErrInvalidInput", i, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	var api enterprise.DirectoryAPI = enterprise.UnimplementedDirectories{}
	if _, err := api.RotateAPIKey(context.Background(), "dir_1"); !errors.Is(err, clerk.ErrNotImplemented) {
		t.Errorf("RotateAPIKey: %v", err)
	}
}

// Rotating a directory's SCIM API key: the answer carries the new key.
func ExampleDirectoryService_RotateAPIKey() {
	ctx := context.Background()
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))

	conn, err := c.EnterpriseConnections.Create(ctx, &enterprise.CreateConnectionParams{
		Name: "Okta", Provider: "saml_okta", Domains: []string{"acme.example"},
	})
	if err != nil {
		panic(err)
	}
	dir, err := c.Directories.Create(ctx, &enterprise.CreateDirectoryParams{EnterpriseConnectionID: conn.ID, Provider: "okta"})
	if err != nil {
		panic(err)
	}
	rotated, err := c.Directories.RotateAPIKey(ctx, dir.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(rotated.APIKey != dir.APIKey)
	// Output: true
}
