package roles_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/roles"
	"github.com/clerkgo/clerk/users"
)

func newClient(t *testing.T) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// result carries a call's two results so a test can write
// of(c.X.Get(ctx, id)).must(t).
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

// A custom permission granted by a custom role reaches the member's
// session token, and RequirePermission lets that member through and
// refuses a member of another role.
func TestCustomRolePermissionEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := newClient(t)

	perm := of(c.OrganizationPermissions.Create(ctx, &roles.CreatePermissionParams{Name: "Create invoices", Key: "org:invoices:create"})).must(t)
	role := of(c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{Name: "Billing", Key: "org:billing", Permissions: []string{perm.Key}})).must(t)
	if !role.HasPermission("org:invoices:create") {
		t.Fatalf("role permissions = %+v", role.Permissions)
	}
	billing := of(c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"bill@example.com"}})).must(t)
	member := of(c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"mem@example.com"}})).must(t)
	org := of(c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme"})).must(t)
	of(c.Organizations.CreateMembership(ctx, org.ID, &organizations.CreateMembershipParams{UserID: billing.ID, Role: role.Key})).must(t)
	of(c.Organizations.CreateMembership(ctx, org.ID, &organizations.CreateMembershipParams{UserID: member.ID, Role: "org:member"})).must(t)

	v := of(jwt.NewVerifier(jwt.WithPEM(srv.PublicKeyPEM()))).must(t)
	h := clerkhttp.Middleware(v)(clerkhttp.RequirePermission("org:invoices:create")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})))
	for _, tc := range []struct {
		name   string
		userID string
		want   int
	}{
		{"custom role with the permission", billing.ID, http.StatusNoContent},
		{"member without it", member.ID, http.StatusForbidden},
	} {
		tok := srv.NewSessionToken(tc.userID, srv.WithMembership(org.ID, tc.userID))
		req := httptest.NewRequest(http.MethodGet, "/invoices", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s: status %d, want %d (%s)", tc.name, rec.Code, tc.want, rec.Body)
		}
	}

	// Taking the permission away takes it out of the next token.
	of(c.OrganizationRoles.RemovePermission(ctx, role.ID, perm.ID)).must(t)
	tok := srv.NewSessionToken(billing.ID, srv.WithMembership(org.ID, billing.ID))
	req := httptest.NewRequest(http.MethodGet, "/invoices", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("after RemovePermission: status %d, want 403", rec.Code)
	}
}

func TestRoleLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, c := newClient(t)

	p1 := of(c.OrganizationPermissions.Create(ctx, &roles.CreatePermissionParams{Name: "Read reports", Key: "org:reports:read"})).must(t)
	p2 := of(c.OrganizationPermissions.Create(ctx, &roles.CreatePermissionParams{Name: "Manage reports", Key: "org:reports:manage"})).must(t)
	role := of(c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{Name: "Analyst", Key: "org:analyst", Description: "reads", Permissions: []string{p1.ID}})).must(t)
	if role.ID == "" || role.CreatedAt.IsZero() || len(role.Permissions) != 1 {
		t.Fatalf("created role = %+v", role)
	}
	got := of(c.OrganizationRoles.AddPermission(ctx, role.ID, p2.ID)).must(t)
	if !got.HasPermission("org:reports:manage") || !got.HasPermission("org:reports:read") {
		t.Errorf("after AddPermission: %+v", got.Permissions)
	}
	name := "Senior analyst"
	got = of(c.OrganizationRoles.Update(ctx, role.ID, &roles.UpdateRoleParams{Name: &name})).must(t)
	if got.Name != name || got.Key != "org:analyst" {
		t.Errorf("after Update: %+v", got)
	}
	got = of(c.OrganizationRoles.Get(ctx, role.ID)).must(t)
	if got.Name != name {
		t.Errorf("Get after Update: %q", got.Name)
	}
	page := of(c.OrganizationRoles.List(ctx, &roles.ListRolesParams{Query: "analyst"})).must(t)
	if page.TotalCount != 1 || len(page.Data) != 1 || page.Data[0].ID != role.ID {
		t.Errorf("List(query=analyst) = %d items, total %d", len(page.Data), page.TotalCount)
	}
	n := 0
	for r, err := range c.OrganizationRoles.All(ctx, &roles.ListRolesParams{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		_ = r
	}
	if n < 3 { // org:admin, org:member, org:analyst
		t.Errorf("All walked %d roles, want >= 3", n)
	}
	del := of(c.OrganizationRoles.Delete(ctx, role.ID)).must(t)
	if !del.Deleted || del.ID != role.ID {
		t.Errorf("Delete = %+v", del)
	}
	if _, err := c.OrganizationRoles.Get(ctx, role.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, err := c.OrganizationPermissions.Delete(ctx, p2.ID); err != nil {
		t.Errorf("delete permission: %v", err)
	}
}

func TestRoleSetLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, c := newClient(t)

	of(c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{Name: "Viewer", Key: "org:viewer"})).must(t)
	of(c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{Name: "Editor", Key: "org:editor"})).must(t)
	rs := of(c.RoleSets.Create(ctx, &roles.CreateRoleSetParams{
		Name: "Publishing", Key: "publishing", DefaultRoleKey: "org:viewer", CreatorRoleKey: "org:admin",
		Roles: []string{"org:viewer", "org:admin"},
	})).must(t)
	if rs.DefaultRole == nil || rs.DefaultRole.Key != "org:viewer" || len(rs.Roles) != 2 {
		t.Fatalf("created role set = %+v", rs)
	}
	rs = of(c.RoleSets.AddRoles(ctx, "publishing", &roles.AddRolesParams{RoleKeys: []string{"org:editor"}})).must(t)
	if len(rs.Roles) != 3 {
		t.Errorf("after AddRoles: %d roles", len(rs.Roles))
	}
	rs = of(c.RoleSets.ReplaceRole(ctx, rs.ID, &roles.ReplaceRoleParams{RoleKey: "org:viewer", ToRoleKey: "org:member"})).must(t)
	if rs.DefaultRole == nil || rs.DefaultRole.Key != "org:member" {
		t.Errorf("after ReplaceRole the default role is %+v", rs.DefaultRole)
	}
	desc := "for the newsroom"
	rs = of(c.RoleSets.Update(ctx, "publishing", &roles.UpdateRoleSetParams{Description: &desc})).must(t)
	if rs.Description != desc {
		t.Errorf("after Update: %q", rs.Description)
	}
	del := of(c.RoleSets.Replace(ctx, "publishing", &roles.ReplaceRoleSetParams{DestRoleSetKey: "default"})).must(t)
	if !del.Deleted {
		t.Errorf("Replace = %+v", del)
	}
	if _, err := c.RoleSets.Get(ctx, "publishing"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after Replace: %v, want ErrNotFound", err)
	}
}

func TestBadInputIsRefusedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, c := newClient(t)
	cases := []struct {
		name string
		call func() error
	}{
		{"role get empty id", func() error { _, err := c.OrganizationRoles.Get(ctx, ""); return err }},
		{"role create nil", func() error { _, err := c.OrganizationRoles.Create(ctx, nil); return err }},
		{"add permission blank", func() error { _, err := c.OrganizationRoles.AddPermission(ctx, "role_1", " "); return err }},
		{"permission create no key", func() error {
			_, err := c.OrganizationPermissions.Create(ctx, &roles.CreatePermissionParams{Name: "x"})
			return err
		}},
		{"role set replace no dest", func() error {
			_, err := c.RoleSets.Replace(ctx, "rs_1", &roles.ReplaceRoleSetParams{})
			return err
		}},
		{"role set add no keys", func() error { _, err := c.RoleSets.AddRoles(ctx, "rs_1", &roles.AddRolesParams{}); return err }},
		{"role set get empty id", func() error {
			_, err := c.RoleSets.Get(ctx, "")
			return err
		}},
	}
	for _, tc := range cases {
		if err := tc.call(); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", tc.name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for bad input", n)
	}
}

func TestUnimplementedFakes(t *testing.T) {
	t.Parallel()
	type fake struct{ roles.UnimplementedRoles }
	var api roles.RoleAPI = fake{}
	_, err := api.Get(context.Background(), "role_1")
	var nie *clerk.NotImplementedError
	if !errors.As(err, &nie) || nie.Method != "OrganizationRoles.Get" || !errors.Is(err, clerk.ErrNotImplemented) {
		t.Errorf("Get: %v", err)
	}
	for _, err := range (roles.UnimplementedRoleSets{}).All(context.Background(), nil) {
		if !errors.Is(err, clerk.ErrNotImplemented) {
			t.Errorf("All: %v", err)
		}
	}
}
