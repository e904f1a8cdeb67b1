package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// DirectoryService manages directories (client.Directories). It is safe
// for concurrent use.
type DirectoryService struct{ d dirs }

// NewDirectoryService returns a DirectoryService on b; clerk.NewClient
// builds it.
func NewDirectoryService(b *transport.Backend) *DirectoryService {
	return &DirectoryService{dirs{b: b, base: "/directories", one: "/directories/{directory_id}"}}
}

// DirectoryAPI is every operation of DirectoryService, for fakes (embed
// UnimplementedDirectories).
type DirectoryAPI interface {
	List(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) (*pagination.Page[Directory], error)
	All(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) iter.Seq2[*Directory, error]
	Get(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error)
	Create(ctx context.Context, params *CreateDirectoryParams, opts ...core.RequestOption) (*Directory, error)
	Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams, opts ...core.RequestOption) (*Directory, error)
	Delete(ctx context.Context, directoryID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	RotateAPIKey(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error)
	ListGroupRoleMappings(ctx context.Context, directoryID string, opts ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error)
	CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateGroupRoleMappingParams, opts ...core.RequestOption) (*GroupRoleMapping, error)
	ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceGroupRoleMappingsParams, opts ...core.RequestOption) ([]*GroupRoleMapping, error)
	DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ DirectoryAPI = (*DirectoryService)(nil)

// GroupRoleParams maps one directory group to a role.
type GroupRoleParams struct {
	DirectoryGroupID          string `json:"directory_group_id,omitempty"`
	SCIMGroupID               string `json:"scim_group_id,omitempty"`
	DirectoryGroupDisplayName string `json:"directory_group_display_name,omitempty"`
	SCIMGroupDisplayName      string `json:"scim_group_display_name,omitempty"`
	// RoleID is the ID of an organization role (OrganizationRoles).
	RoleID     string `json:"role_id"`
	Precedence *int   `json:"precedence,omitempty"`
}

// CreateDirectoryParams describes a new directory of a connection.
type CreateDirectoryParams struct {
	EnterpriseConnectionID string            `json:"enterprise_connection_id"`
	Name                   string            `json:"name,omitempty"`
	Provider               string            `json:"provider"`
	GroupRoleMappings      []GroupRoleParams `json:"group_role_mappings,omitempty"`
}

// CreateGroupRoleMappingParams maps a directory group to a role.
type CreateGroupRoleMappingParams struct {
	DirectoryGroupID string `json:"directory_group_id,omitempty"`
	SCIMGroupID      string `json:"scim_group_id,omitempty"`
	RoleID           string `json:"role_id"`
	Precedence       *int   `json:"precedence,omitempty"`
}

// GroupRole is one mapping of ReplaceGroupRoleMappings.
type GroupRole struct {
	DirectoryGroupID string `json:"directory_group_id,omitempty"`
	SCIMGroupID      string `json:"scim_group_id,omitempty"`
	RoleID           string `json:"role_id"`
}

// ReplaceGroupRoleMappingsParams is the whole new set of mappings.
type ReplaceGroupRoleMappingsParams struct {
	Mappings []GroupRole `json:"mappings"`
}

// List returns one page of directories with the total count.
//
// API: GET /directories (ListDirectories)
func (s *DirectoryService) List(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) (*pagination.Page[Directory], error) {
	return s.d.list(ctx, params, opts)
}

// All walks every directory, lazily, page by page.
//
// API: GET /directories (ListDirectories)
func (s *DirectoryService) All(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) iter.Seq2[*Directory, error] {
	return s.d.all(ctx, params, opts)
}

// Get returns one directory by its ID.
//
// API: GET /directories/{directory_id} (GetDirectory)
func (s *DirectoryService) Get(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error) {
	return s.d.directory(ctx, http.MethodGet, directoryID, "", nil, transport.ReplayByMethod, opts)
}

// Create makes a directory for a connection; the answer carries its API
// key. It is not replayed after it may have reached the API.
//
// API: POST /directories (CreateDirectory)
func (s *DirectoryService) Create(ctx context.Context, params *CreateDirectoryParams, opts ...core.RequestOption) (*Directory, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	return s.d.create(ctx, params.EnterpriseConnectionID, params.Provider, params, opts)
}

// Update changes a directory.
//
// API: PATCH /directories/{directory_id} (UpdateDirectory)
func (s *DirectoryService) Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams, opts ...core.RequestOption) (*Directory, error) {
	if params == nil {
		params = &UpdateDirectoryParams{}
	}
	return s.d.directory(ctx, http.MethodPatch, directoryID, "", params, transport.ReplayByMethod, opts)
}

// Delete removes a directory.
//
// API: DELETE /directories/{directory_id} (DeleteDirectory)
func (s *DirectoryService) Delete(ctx context.Context, directoryID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.d.delete(ctx, directoryID, opts)
}

// RotateAPIKey replaces the directory's API key; the old one stops
// working at once and the answer carries the new one. It is not replayed
// after it may have reached the API (a replay would rotate again).
//
// API: POST /directories/{directory_id}/rotate_api_key (RotateDirectoryAPIKey)
func (s *DirectoryService) RotateAPIKey(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error) {
	return s.d.directory(ctx, http.MethodPost, directoryID, "/rotate_api_key", nil, transport.NotReplaySafe, opts)
}

// ListGroupRoleMappings returns the directory's group-to-role mappings.
//
// API: GET /directories/{directory_id}/group_role_mappings (ListDirectoryGroupRoleMappings)
func (s *DirectoryService) ListGroupRoleMappings(ctx context.Context, directoryID string, opts ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error) {
	return s.d.listMappings(ctx, directoryID, opts)
}

// CreateGroupRoleMapping maps a directory group to a role. It is not
// replayed after it may have reached the API.
//
// API: POST /directories/{directory_id}/group_role_mappings (CreateDirectoryGroupRoleMapping)
func (s *DirectoryService) CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateGroupRoleMappingParams, opts ...core.RequestOption) (*GroupRoleMapping, error) {
	if params == nil || params.RoleID == "" {
		return nil, transport.Invalid("params", "RoleID is required")
	}
	return s.d.createMapping(ctx, directoryID, params, opts)
}

// ReplaceGroupRoleMappings replaces every mapping of the directory with
// params.Mappings and returns the new set.
//
// API: PUT /directories/{directory_id}/group_role_mappings (ReplaceDirectoryGroupRoleMappings)
func (s *DirectoryService) ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceGroupRoleMappingsParams, opts ...core.RequestOption) ([]*GroupRoleMapping, error) {
	if params == nil {
		params = &ReplaceGroupRoleMappingsParams{}
	}
	if params.Mappings == nil {
		params = &ReplaceGroupRoleMappingsParams{Mappings: []GroupRole{}}
	}
	return s.d.replaceMappings(ctx, directoryID, params, opts)
}

// DeleteGroupRoleMapping removes one mapping.
//
// API: DELETE /directories/{directory_id}/group_role_mappings/{mapping_id} (DeleteDirectoryGroupRoleMapping)
func (s *DirectoryService) DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.d.deleteMapping(ctx, directoryID, mappingID, opts)
}
