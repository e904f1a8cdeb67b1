package roles_test

import (
	"context"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/roles"
)

// A custom role that grants a custom permission; members with the role
// get the permission in their session tokens.
func ExampleRoleService_Create() {
	ctx := context.Background()
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))

	perm, err := c.OrganizationPermissions.Create(ctx, &roles.CreatePermissionParams{
		Name: "Create invoices", Key: "org:invoices:create",
	})
	if err != nil {
		panic(err)
	}
	role, err := c.OrganizationRoles.Create(ctx, &roles.CreateRoleParams{
		Name: "Billing manager", Key: "org:billing_manager", Permissions: []string{perm.Key},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(role.Key, role.HasPermission("org:invoices:create"))
	// Output: org:billing_manager true
}

// A fake of RoleAPI for a unit test: embed UnimplementedRoles and
// override what the code under test calls.
func ExampleUnimplementedRoles() {
	var api roles.RoleAPI = fakeRoles{}
	r, _ := api.Get(context.Background(), "role_1")
	_, err := api.Delete(context.Background(), "role_1")
	fmt.Println(r.Key)
	fmt.Println(err)
	// Output:
	// org:admin
	// clerk: OrganizationRoles.Delete is not implemented by this fake
}

type fakeRoles struct{ roles.UnimplementedRoles }

func (fakeRoles) Get(_ context.Context, id string, _ ...clerk.RequestOption) (*roles.Role, error) {
	return &roles.Role{ID: id, Key: "org:admin"}, nil
}
