package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// SCIMDirectoryService manages SCIM directories (client.SCIMDirectories),
// the older API name of directories. It is safe
// for concurrent use.
type SCIMDirectoryService struct{ d dirs }

// NewSCIMDirectoryService returns a SCIMDirectoryService on b; clerk.NewClient
// builds it.
func NewSCIMDirectoryService(b *transport.Backend) *SCIMDirectoryService {
	return &SCIMDirectoryService{dirs{b: b, base: "/scim_directories", one: "/scim_directories/{scim_directory_id}"}}
}

// SCIMDirectoryAPI is every operation of SCIMDirectoryService, for fakes (embed
// UnimplementedSCIMDirectories).
type SCIMDirectoryAPI interface {
	List(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) (*pagination.Page[Directory], error)
	All(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) iter.Seq2[*Directory, error]
	Get(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error)
	Create(ctx context.Context, params *CreateSCIMDirectoryParams, opts ...core.RequestOption) (*Directory, error)
	Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams, opts ...core.RequestOption) (*Directory, error)
	Delete(ctx context.Context, directoryID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	RotateAPIKey(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error)
	ListGroupRoleMappings(ctx context.Context, directoryID string, opts ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error)
	CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateSCIMGroupRoleMappingParams, opts ...core.RequestOption) (*GroupRoleMapping, error)
	ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceSCIMGroupRoleMappingsParams, opts ...core.RequestOption) ([]*GroupRoleMapping, error)
	DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ SCIMDirectoryAPI = (*SCIMDirectoryService)(nil)

// SCIMGroupRoleParams maps one SCIM group to a role.
type SCIMGroupRoleParams struct {
	SCIMGroupID          string `json:"scim_group_id"`
	SCIMGroupDisplayName string `json:"scim_group_display_name,omitempty"`
	// RoleID is the ID of an organization role (OrganizationRoles).
	RoleID     string `json:"role_id"`
	Precedence *int   `json:"precedence,omitempty"`
}

// CreateSCIMDirectoryParams describes a new SCIM directory of a
// connection.
type CreateSCIMDirectoryParams struct {
	EnterpriseConnectionID string                `json:"enterprise_connection_id"`
	Name                   string                `json:"name,omitempty"`
	Provider               string                `json:"provider"`
	GroupRoleMappings      []SCIMGroupRoleParams `json:"group_role_mappings,omitempty"`
}

// CreateSCIMGroupRoleMappingParams maps a SCIM group to a role.
type CreateSCIMGroupRoleMappingParams struct {
	SCIMGroupID string `json:"scim_group_id"`
	RoleID      string `json:"role_id"`
	Precedence  *int   `json:"precedence,omitempty"`
}

// SCIMGroupRole is one mapping of ReplaceGroupRoleMappings.
type SCIMGroupRole struct {
	SCIMGroupID string `json:"scim_group_id"`
	RoleID      string `json:"role_id"`
}

// ReplaceSCIMGroupRoleMappingsParams is the whole new set of mappings.
type ReplaceSCIMGroupRoleMappingsParams struct {
	Mappings []SCIMGroupRole `json:"mappings"`
}

// List returns one page of directories with the total count.
//
// API: GET /scim_directories (ListSCIMDirectories)
func (s *SCIMDirectoryService) List(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) (*pagination.Page[Directory], error) {
	return s.d.list(ctx, params, opts)
}

// All walks every directory, lazily, page by page.
//
// API: GET /scim_directories (ListSCIMDirectories)
func (s *SCIMDirectoryService) All(ctx context.Context, params *ListDirectoriesParams, opts ...core.RequestOption) iter.Seq2[*Directory, error] {
	return s.d.all(ctx, params, opts)
}

// Get returns one directory by its ID.
//
// API: GET /scim_directories/{scim_directory_id} (GetSCIMDirectory)
func (s *SCIMDirectoryService) Get(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error) {
	return s.d.directory(ctx, http.MethodGet, directoryID, "", nil, transport.ReplayByMethod, opts)
}

// Create makes a directory for a connection; the answer carries its API
// key. It is not replayed after it may have reached the API.
//
// API: POST /scim_directories (CreateSCIMDirectory)
func (s *SCIMDirectoryService) Create(ctx context.Context, params *CreateSCIMDirectoryParams, opts ...core.RequestOption) (*Directory, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	return s.d.create(ctx, params.EnterpriseConnectionID, params.Provider, params, opts)
}

// Update changes a directory.
//
// API: PATCH /scim_directories/{scim_directory_id} (UpdateSCIMDirectory)
func (s *SCIMDirectoryService) Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams, opts ...core.RequestOption) (*Directory, error) {
	if params == nil {
		params = &UpdateDirectoryParams{}
	}
	return s.d.directory(ctx, http.MethodPatch, directoryID, "", params, transport.ReplayByMethod, opts)
}

// Delete removes a directory.
//
// API: DELETE /scim_directories/{scim_directory_id} (DeleteSCIMDirectory)
func (s *SCIMDirectoryService) Delete(ctx context.Context, directoryID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.d.delete(ctx, directoryID, opts)
}

// RotateAPIKey replaces the directory's API key; the old one stops
// working at once and the answer carries the new one. It is not replayed
// after it may have reached the API (a replay would rotate again).
//
// API: POST /scim_directories/{scim_directory_id}/rotate_api_key (RotateSCIMDirectoryAPIKey)
func (s *SCIMDirectoryService) RotateAPIKey(ctx context.Context, directoryID string, opts ...core.RequestOption) (*Directory, error) {
	return s.d.directory(ctx, http.MethodPost, directoryID, "/rotate_api_key", nil, transport.NotReplaySafe, opts)
}

// ListGroupRoleMappings returns the directory's group-to-role mappings.
//
// API: GET /scim_directories/{scim_directory_id}/group_role_mappings (ListSCIMGroupRoleMappings)
func (s *SCIMDirectoryService) ListGroupRoleMappings(ctx context.Context, directoryID string, opts ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error) {
	return s.d.listMappings(ctx, directoryID, opts)
}

// CreateGroupRoleMapping maps a directory group to a role. It is not
// replayed after it may have reached the API.
//
// API: POST /scim_directories/{scim_directory_id}/group_role_mappings (CreateSCIMGroupRoleMapping)
func (s *SCIMDirectoryService) CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateSCIMGroupRoleMappingParams, opts ...core.RequestOption) (*GroupRoleMapping, error) {
	if params == nil || params.RoleID == "" || params.SCIMGroupID == "" {
		return nil, transport.Invalid("params", "SCIMGroupID and RoleID are required")
	}
	return s.d.createMapping(ctx, directoryID, params, opts)
}

// ReplaceGroupRoleMappings replaces every mapping of the directory with
// params.Mappings and returns the new set.
//
// API: PUT /scim_directories/{scim_directory_id}/group_role_mappings (ReplaceSCIMGroupRoleMappings)
func (s *SCIMDirectoryService) ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceSCIMGroupRoleMappingsParams, opts ...core.RequestOption) ([]*GroupRoleMapping, error) {
	if params == nil {
		params = &ReplaceSCIMGroupRoleMappingsParams{}
	}
	if params.Mappings == nil {
		params = &ReplaceSCIMGroupRoleMappingsParams{Mappings: []SCIMGroupRole{}}
	}
	return s.d.replaceMappings(ctx, directoryID, params, opts)
}

// DeleteGroupRoleMapping removes one mapping.
//
// API: DELETE /scim_directories/{scim_directory_id}/group_role_mappings/{mapping_id} (DeleteSCIMGroupRoleMapping)
func (s *SCIMDirectoryService) DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.d.deleteMapping(ctx, directoryID, mappingID, opts)
}
