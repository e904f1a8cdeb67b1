package roles

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// UnimplementedRoles is embedded by fakes of RoleAPI: every method it
// does not override returns a *core.NotImplementedError, and the fake
// keeps compiling when methods are added.
type UnimplementedRoles struct{}

var _ RoleAPI = UnimplementedRoles{}

// List is not implemented.
func (UnimplementedRoles) List(context.Context, *ListRolesParams, ...core.RequestOption) (*pagination.Page[Role], error) {
	return nil, transport.NotImplemented("OrganizationRoles.List")
}

// All yields a not-implemented error.
func (UnimplementedRoles) All(context.Context, *ListRolesParams, ...core.RequestOption) iter.Seq2[*Role, error] {
	return transport.NotImplementedSeq[Role]("OrganizationRoles.All")
}

// Get is not implemented.
func (UnimplementedRoles) Get(context.Context, string, ...core.RequestOption) (*Role, error) {
	return nil, transport.NotImplemented("OrganizationRoles.Get")
}

// Create is not implemented.
func (UnimplementedRoles) Create(context.Context, *CreateRoleParams, ...core.RequestOption) (*Role, error) {
	return nil, transport.NotImplemented("OrganizationRoles.Create")
}

// Update is not implemented.
func (UnimplementedRoles) Update(context.Context, string, *UpdateRoleParams, ...core.RequestOption) (*Role, error) {
	return nil, transport.NotImplemented("OrganizationRoles.Update")
}

// Delete is not implemented.
func (UnimplementedRoles) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("OrganizationRoles.Delete")
}

// AddPermission is not implemented.
func (UnimplementedRoles) AddPermission(context.Context, string, string, ...core.RequestOption) (*Role, error) {
	return nil, transport.NotImplemented("OrganizationRoles.AddPermission")
}

// RemovePermission is not implemented.
func (UnimplementedRoles) RemovePermission(context.Context, string, string, ...core.RequestOption) (*Role, error) {
	return nil, transport.NotImplemented("OrganizationRoles.RemovePermission")
}

// UnimplementedPermissions is embedded by fakes of PermissionAPI.
type UnimplementedPermissions struct{}

var _ PermissionAPI = UnimplementedPermissions{}

// List is not implemented.
func (UnimplementedPermissions) List(context.Context, *ListPermissionsParams, ...core.RequestOption) (*pagination.Page[Permission], error) {
	return nil, transport.NotImplemented("OrganizationPermissions.List")
}

// All yields a not-implemented error.
func (UnimplementedPermissions) All(context.Context, *ListPermissionsParams, ...core.RequestOption) iter.Seq2[*Permission, error] {
	return transport.NotImplementedSeq[Permission]("OrganizationPermissions.All")
}

// Get is not implemented.
func (UnimplementedPermissions) Get(context.Context, string, ...core.RequestOption) (*Permission, error) {
	return nil, transport.NotImplemented("OrganizationPermissions.Get")
}

// Create is not implemented.
func (UnimplementedPermissions) Create(context.Context, *CreatePermissionParams, ...core.RequestOption) (*Permission, error) {
	return nil, transport.NotImplemented("OrganizationPermissions.Create")
}

// Update is not implemented.
func (UnimplementedPermissions) Update(context.Context, string, *UpdatePermissionParams, ...core.RequestOption) (*Permission, error) {
	return nil, transport.NotImplemented("OrganizationPermissions.Update")
}

// Delete is not implemented.
func (UnimplementedPermissions) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("OrganizationPermissions.Delete")
}

// UnimplementedRoleSets is embedded by fakes of RoleSetAPI.
type UnimplementedRoleSets struct{}

var _ RoleSetAPI = UnimplementedRoleSets{}

// List is not implemented.
func (UnimplementedRoleSets) List(context.Context, *ListRoleSetsParams, ...core.RequestOption) (*pagination.Page[RoleSet], error) {
	return nil, transport.NotImplemented("RoleSets.List")
}

// All yields a not-implemented error.
func (UnimplementedRoleSets) All(context.Context, *ListRoleSetsParams, ...core.RequestOption) iter.Seq2[*RoleSet, error] {
	return transport.NotImplementedSeq[RoleSet]("RoleSets.All")
}

// Get is not implemented.
func (UnimplementedRoleSets) Get(context.Context, string, ...core.RequestOption) (*RoleSet, error) {
	return nil, transport.NotImplemented("RoleSets.Get")
}

// Create is not implemented.
func (UnimplementedRoleSets) Create(context.Context, *CreateRoleSetParams, ...core.RequestOption) (*RoleSet, error) {
	return nil, transport.NotImplemented("RoleSets.Create")
}

// Update is not implemented.
func (UnimplementedRoleSets) Update(context.Context, string, *UpdateRoleSetParams, ...core.RequestOption) (*RoleSet, error) {
	return nil, transport.NotImplemented("RoleSets.Update")
}

// Replace is not implemented.
func (UnimplementedRoleSets) Replace(context.Context, string, *ReplaceRoleSetParams, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("RoleSets.Replace")
}

// AddRoles is not implemented.
func (UnimplementedRoleSets) AddRoles(context.Context, string, *AddRolesParams, ...core.RequestOption) (*RoleSet, error) {
	return nil, transport.NotImplemented("RoleSets.AddRoles")
}

// ReplaceRole is not implemented.
func (UnimplementedRoleSets) ReplaceRole(context.Context, string, *ReplaceRoleParams, ...core.RequestOption) (*RoleSet, error) {
	return nil, transport.NotImplemented("RoleSets.ReplaceRole")
}
