package roles

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// PermissionService manages custom organization permissions
// (client.OrganizationPermissions). It is safe for concurrent use.
type PermissionService struct {
	b *transport.Backend
}

// NewPermissionService returns a PermissionService on b; clerk.NewClient
// builds it.
func NewPermissionService(b *transport.Backend) *PermissionService {
	return &PermissionService{b: b}
}

// PermissionAPI is every operation of PermissionService, for fakes (embed
// UnimplementedPermissions).
type PermissionAPI interface {
	List(ctx context.Context, params *ListPermissionsParams, opts ...core.RequestOption) (*pagination.Page[Permission], error)
	All(ctx context.Context, params *ListPermissionsParams, opts ...core.RequestOption) iter.Seq2[*Permission, error]
	Get(ctx context.Context, permissionID string, opts ...core.RequestOption) (*Permission, error)
	Create(ctx context.Context, params *CreatePermissionParams, opts ...core.RequestOption) (*Permission, error)
	Update(ctx context.Context, permissionID string, params *UpdatePermissionParams, opts ...core.RequestOption) (*Permission, error)
	Delete(ctx context.Context, permissionID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ PermissionAPI = (*PermissionService)(nil)

// ListPermissionsParams filters and orders the permissions.
type ListPermissionsParams = ListRolesParams

// CreatePermissionParams describes a new permission.
type CreatePermissionParams struct {
	Name string `json:"name"`
	// Key is "org:<feature>:<action>", e.g. "org:invoices:create".
	Key         string `json:"key"`
	Description string `json:"description"`
}

// UpdatePermissionParams changes a permission; nil fields are left as
// they are.
type UpdatePermissionParams struct {
	Name        *string `json:"name,omitempty"`
	Key         *string `json:"key,omitempty"`
	Description *string `json:"description,omitempty"`
}

// List returns one page of permissions (system and custom) with the total
// count.
//
// API: GET /organization_permissions (ListOrganizationPermissions)
func (s *PermissionService) List(ctx context.Context, params *ListPermissionsParams, opts ...core.RequestOption) (*pagination.Page[Permission], error) {
	return transport.List[Permission](ctx, s.b, "/organization_permissions", params, opts...)
}

// All walks every permission, lazily, page by page.
//
// API: GET /organization_permissions (ListOrganizationPermissions)
func (s *PermissionService) All(ctx context.Context, params *ListPermissionsParams, opts ...core.RequestOption) iter.Seq2[*Permission, error] {
	return transport.All[Permission](ctx, s.b, "/organization_permissions", transport.Envelope, params, opts)
}

// Get returns one permission by its ID.
//
// API: GET /organization_permissions/{permission_id} (GetOrganizationPermission)
func (s *PermissionService) Get(ctx context.Context, permissionID string, opts ...core.RequestOption) (*Permission, error) {
	return s.call(ctx, http.MethodGet, permissionID, nil, opts)
}

// Create makes a custom permission. It is not replayed after it may have
// reached the API.
//
// API: POST /organization_permissions (CreateOrganizationPermission)
func (s *PermissionService) Create(ctx context.Context, params *CreatePermissionParams, opts ...core.RequestOption) (*Permission, error) {
	if params == nil || params.Name == "" || params.Key == "" {
		return nil, transport.Invalid("params", "Name and Key are required")
	}
	return transport.Call[Permission](ctx, s.b, http.MethodPost, "/organization_permissions", params, transport.NotReplaySafe, opts)
}

// Update changes a permission's name, key or description.
//
// API: PATCH /organization_permissions/{permission_id} (UpdateOrganizationPermission)
func (s *PermissionService) Update(ctx context.Context, permissionID string, params *UpdatePermissionParams, opts ...core.RequestOption) (*Permission, error) {
	if params == nil {
		params = &UpdatePermissionParams{}
	}
	return s.call(ctx, http.MethodPatch, permissionID, params, opts)
}

// Delete removes a custom permission (and takes it away from every role).
//
// API: DELETE /organization_permissions/{permission_id} (DeleteOrganizationPermission)
func (s *PermissionService) Delete(ctx context.Context, permissionID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/organization_permissions/{permission_id}", permissionID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

func (s *PermissionService) call(ctx context.Context, method, permissionID string, body any, opts []core.RequestOption) (*Permission, error) {
	path, err := transport.Path("/organization_permissions/{permission_id}", permissionID)
	if err != nil {
		return nil, err
	}
	return transport.Call[Permission](ctx, s.b, method, path, body, transport.ReplayByMethod, opts)
}
