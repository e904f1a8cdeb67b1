package roles

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// RoleService manages custom organization roles (client.OrganizationRoles).
// It is safe for concurrent use.
type RoleService struct {
	b *transport.Backend
}

// NewRoleService returns a RoleService on b; clerk.NewClient builds it.
func NewRoleService(b *transport.Backend) *RoleService { return &RoleService{b: b} }

// RoleAPI is every operation of RoleService, for fakes (embed
// UnimplementedRoles).
type RoleAPI interface {
	List(ctx context.Context, params *ListRolesParams, opts ...core.RequestOption) (*pagination.Page[Role], error)
	All(ctx context.Context, params *ListRolesParams, opts ...core.RequestOption) iter.Seq2[*Role, error]
	Get(ctx context.Context, roleID string, opts ...core.RequestOption) (*Role, error)
	Create(ctx context.Context, params *CreateRoleParams, opts ...core.RequestOption) (*Role, error)
	Update(ctx context.Context, roleID string, params *UpdateRoleParams, opts ...core.RequestOption) (*Role, error)
	Delete(ctx context.Context, roleID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	AddPermission(ctx context.Context, roleID, permissionID string, opts ...core.RequestOption) (*Role, error)
	RemovePermission(ctx context.Context, roleID, permissionID string, opts ...core.RequestOption) (*Role, error)
}

var _ RoleAPI = (*RoleService)(nil)

// ListRolesParams filters and orders the roles. The same shape filters
// permissions (ListPermissionsParams) and role sets (ListRoleSetsParams).
type ListRolesParams struct {
	// Query matches the name or key partially.
	Query string `query:"query"`
	// OrderBy is a field with an optional +/- prefix, e.g. "-created_at"
	// (the default).
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// CreateRoleParams describes a new role.
type CreateRoleParams struct {
	// Name is shown in the dashboard and the components.
	Name string `json:"name"`
	// Key is what memberships carry, with the "org:" prefix
	// ("org:billing_manager").
	Key         string `json:"key"`
	Description string `json:"description,omitempty"`
	// Permissions are the IDs or keys of the permissions the role grants.
	Permissions []string `json:"permissions,omitempty"`
	// IncludeInInitialRoleSet adds the role to the role set new
	// organizations get.
	IncludeInInitialRoleSet *bool `json:"include_in_initial_role_set,omitempty"`
}

// UpdateRoleParams changes a role; nil fields are left as they are.
type UpdateRoleParams struct {
	Name        *string `json:"name,omitempty"`
	Key         *string `json:"key,omitempty"`
	Description *string `json:"description,omitempty"`
	// Permissions, when not nil, replaces the role's permissions.
	Permissions []string `json:"permissions,omitempty"`
}

// List returns one page of roles with the total count.
//
// API: GET /organization_roles (ListOrganizationRoles)
func (s *RoleService) List(ctx context.Context, params *ListRolesParams, opts ...core.RequestOption) (*pagination.Page[Role], error) {
	return transport.List[Role](ctx, s.b, "/organization_roles", params, opts...)
}

// All walks every role, lazily, page by page.
//
// API: GET /organization_roles (ListOrganizationRoles)
func (s *RoleService) All(ctx context.Context, params *ListRolesParams, opts ...core.RequestOption) iter.Seq2[*Role, error] {
	return transport.All[Role](ctx, s.b, "/organization_roles", transport.Envelope, params, opts)
}

// Get returns one role by its ID.
//
// API: GET /organization_roles/{organization_role_id} (GetOrganizationRole)
func (s *RoleService) Get(ctx context.Context, roleID string, opts ...core.RequestOption) (*Role, error) {
	return s.call(ctx, http.MethodGet, "/organization_roles/{organization_role_id}", nil, opts, roleID)
}

// Create makes a custom role. It is not replayed after it may have
// reached the API.
//
// API: POST /organization_roles (CreateOrganizationRole)
func (s *RoleService) Create(ctx context.Context, params *CreateRoleParams, opts ...core.RequestOption) (*Role, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	if params.Name == "" || params.Key == "" {
		return nil, transport.Invalid("params", "Name and Key are required")
	}
	return transport.Call[Role](ctx, s.b, http.MethodPost, "/organization_roles", params, transport.NotReplaySafe, opts)
}

// Update changes a role's name, key, description or permissions.
//
// API: PATCH /organization_roles/{organization_role_id} (UpdateOrganizationRole)
func (s *RoleService) Update(ctx context.Context, roleID string, params *UpdateRoleParams, opts ...core.RequestOption) (*Role, error) {
	if params == nil {
		params = &UpdateRoleParams{}
	}
	return s.call(ctx, http.MethodPatch, "/organization_roles/{organization_role_id}", params, opts, roleID)
}

// Delete removes a role. The API refuses to delete a role that members
// still have or that a role set uses.
//
// API: DELETE /organization_roles/{organization_role_id} (DeleteOrganizationRole)
func (s *RoleService) Delete(ctx context.Context, roleID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/organization_roles/{organization_role_id}", roleID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

// AddPermission grants a permission (by ID) to a role.
//
// API: POST /organization_roles/{organization_role_id}/permissions/{permission_id} (AssignPermissionToOrganizationRole)
func (s *RoleService) AddPermission(ctx context.Context, roleID, permissionID string, opts ...core.RequestOption) (*Role, error) {
	return s.call(ctx, http.MethodPost, "/organization_roles/{organization_role_id}/permissions/{permission_id}", nil, opts, roleID, permissionID)
}

// RemovePermission takes a permission (by ID) away from a role.
//
// API: DELETE /organization_roles/{organization_role_id}/permissions/{permission_id} (RemovePermissionFromOrganizationRole)
func (s *RoleService) RemovePermission(ctx context.Context, roleID, permissionID string, opts ...core.RequestOption) (*Role, error) {
	return s.call(ctx, http.MethodDelete, "/organization_roles/{organization_role_id}/permissions/{permission_id}", nil, opts, roleID, permissionID)
}

func (s *RoleService) call(ctx context.Context, method, template string, body any, opts []core.RequestOption, ids ...string) (*Role, error) {
	path, err := transport.Path(template, ids...)
	if err != nil {
		return nil, err
	}
	return transport.Call[Role](ctx, s.b, method, path, body, transport.ReplayByMethod, opts)
}
