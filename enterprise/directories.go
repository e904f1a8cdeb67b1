package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListDirectoriesParams pages Directories.List and SCIMDirectories.List.
type ListDirectoriesParams struct {
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// UpdateDirectoryParams changes a directory (of either service); nil
// fields are left as they are.
type UpdateDirectoryParams struct {
	Name     *string `json:"name,omitempty"`
	Enabled  *bool   `json:"enabled,omitempty"`
	Provider *string `json:"provider,omitempty"`
	// AttributeMapping changes the SCIM attribute paths of user fields; a
	// nil value removes a mapping.
	AttributeMapping        map[string]*string `json:"attribute_mapping,omitempty"`
	GroupRoleMappingEnabled *bool              `json:"group_role_mapping_enabled,omitempty"`
}

// dirs is the implementation both directory services share: the two API
// tags have the same operations under different paths.
type dirs struct {
	b    *transport.Backend
	base string // "/directories"
	one  string // "/directories/{directory_id}"
}

func (d dirs) list(ctx context.Context, params *ListDirectoriesParams, opts []core.RequestOption) (*pagination.Page[Directory], error) {
	return transport.List[Directory](ctx, d.b, d.base, params, opts...)
}

func (d dirs) all(ctx context.Context, params *ListDirectoriesParams, opts []core.RequestOption) iter.Seq2[*Directory, error] {
	return transport.All[Directory](ctx, d.b, d.base, transport.Envelope, params, opts)
}

func (d dirs) create(ctx context.Context, connectionID, provider string, params any, opts []core.RequestOption) (*Directory, error) {
	if connectionID == "" || provider == "" {
		return nil, transport.Invalid("params", "EnterpriseConnectionID and Provider are required")
	}
	return transport.Call[Directory](ctx, d.b, http.MethodPost, d.base, params, transport.NotReplaySafe, opts)
}

func (d dirs) directory(ctx context.Context, method, id, suffix string, body any, replay transport.Replay, opts []core.RequestOption) (*Directory, error) {
	path, err := transport.Path(d.one+suffix, id)
	if err != nil {
		return nil, err
	}
	return transport.Call[Directory](ctx, d.b, method, path, body, replay, opts)
}

func (d dirs) delete(ctx context.Context, id string, opts []core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(d.one, id)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, d.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

func (d dirs) listMappings(ctx context.Context, id string, opts []core.RequestOption) (*pagination.Page[GroupRoleMapping], error) {
	path, err := transport.Path(d.one+"/group_role_mappings", id)
	if err != nil {
		return nil, err
	}
	return transport.List[GroupRoleMapping](ctx, d.b, path, nil, opts...)
}

func (d dirs) createMapping(ctx context.Context, id string, params any, opts []core.RequestOption) (*GroupRoleMapping, error) {
	path, err := transport.Path(d.one+"/group_role_mappings", id)
	if err != nil {
		return nil, err
	}
	return transport.Call[GroupRoleMapping](ctx, d.b, http.MethodPost, path, params, transport.NotReplaySafe, opts)
}

func (d dirs) replaceMappings(ctx context.Context, id string, params any, opts []core.RequestOption) ([]*GroupRoleMapping, error) {
	path, err := transport.Path(d.one+"/group_role_mappings", id)
	if err != nil {
		return nil, err
	}
	page, err := transport.Call[pagination.Page[GroupRoleMapping]](ctx, d.b, http.MethodPut, path, params, transport.ReplayByMethod, opts)
	if err != nil {
		return nil, err
	}
	return page.Data, nil
}

func (d dirs) deleteMapping(ctx context.Context, id, mappingID string, opts []core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(d.one+"/group_role_mappings/{mapping_id}", id, mappingID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, d.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}
