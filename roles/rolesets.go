package roles

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// RoleSetService manages role sets (client.RoleSets): which roles an
// organization may assign, which one new members get and which one an
// organization's creator gets. It is safe for concurrent use.
type RoleSetService struct {
	b *transport.Backend
}

// NewRoleSetService returns a RoleSetService on b; clerk.NewClient builds
// it.
func NewRoleSetService(b *transport.Backend) *RoleSetService { return &RoleSetService{b: b} }

// RoleSetAPI is every operation of RoleSetService, for fakes (embed
// UnimplementedRoleSets).
type RoleSetAPI interface {
	List(ctx context.Context, params *ListRoleSetsParams, opts ...core.RequestOption) (*pagination.Page[RoleSet], error)
	All(ctx context.Context, params *ListRoleSetsParams, opts ...core.RequestOption) iter.Seq2[*RoleSet, error]
	Get(ctx context.Context, roleSetID string, opts ...core.RequestOption) (*RoleSet, error)
	Create(ctx context.Context, params *CreateRoleSetParams, opts ...core.RequestOption) (*RoleSet, error)
	Update(ctx context.Context, roleSetID string, params *UpdateRoleSetParams, opts ...core.RequestOption) (*RoleSet, error)
	Replace(ctx context.Context, roleSetID string, params *ReplaceRoleSetParams, opts ...core.RequestOption) (*core.DeletedObject, error)
	AddRoles(ctx context.Context, roleSetID string, params *AddRolesParams, opts ...core.RequestOption) (*RoleSet, error)
	ReplaceRole(ctx context.Context, roleSetID string, params *ReplaceRoleParams, opts ...core.RequestOption) (*RoleSet, error)
}

var _ RoleSetAPI = (*RoleSetService)(nil)

// ListRoleSetsParams filters and orders the role sets.
type ListRoleSetsParams = ListRolesParams

// CreateRoleSetParams describes a new role set.
type CreateRoleSetParams struct {
	Name        string `json:"name"`
	Key         string `json:"key,omitempty"`
	Description string `json:"description,omitempty"`
	// DefaultRoleKey is the role new members get; CreatorRoleKey the role
	// an organization's creator gets. Both must be among Roles.
	DefaultRoleKey string `json:"default_role_key"`
	CreatorRoleKey string `json:"creator_role_key"`
	// Type is "custom" (default) or "initial".
	Type string `json:"type,omitempty"`
	// Roles are the role keys of the set.
	Roles []string `json:"roles"`
}

// UpdateRoleSetParams changes a role set; nil fields are left as they are.
type UpdateRoleSetParams struct {
	Name           *string `json:"name,omitempty"`
	Key            *string `json:"key,omitempty"`
	Description    *string `json:"description,omitempty"`
	Type           *string `json:"type,omitempty"`
	DefaultRoleKey *string `json:"default_role_key,omitempty"`
	CreatorRoleKey *string `json:"creator_role_key,omitempty"`
}

// ReplaceRoleSetParams moves the organizations of a role set to another
// one and deletes it.
type ReplaceRoleSetParams struct {
	// DestRoleSetKey is the role set that takes over.
	DestRoleSetKey string `json:"dest_role_set_key"`
	// ReassignmentMappings maps each role key of the old set whose members
	// must move to a role key of the new set.
	ReassignmentMappings map[string]string `json:"reassignment_mappings,omitempty"`
}

// AddRolesParams adds roles to a role set.
type AddRolesParams struct {
	RoleKeys []string `json:"role_keys"`
	// DefaultRoleKey and CreatorRoleKey optionally change the set's
	// default and creator roles at the same time.
	DefaultRoleKey string `json:"default_role_key,omitempty"`
	CreatorRoleKey string `json:"creator_role_key,omitempty"`
}

// ReplaceRoleParams swaps one role of a set for another; the members
// with the old role get the new one.
type ReplaceRoleParams struct {
	RoleKey   string `json:"role_key"`
	ToRoleKey string `json:"to_role_key"`
}

// List returns one page of role sets with the total count.
//
// API: GET /role_sets (ListRoleSets)
func (s *RoleSetService) List(ctx context.Context, params *ListRoleSetsParams, opts ...core.RequestOption) (*pagination.Page[RoleSet], error) {
	return transport.List[RoleSet](ctx, s.b, "/role_sets", params, opts...)
}

// All walks every role set, lazily, page by page.
//
// API: GET /role_sets (ListRoleSets)
func (s *RoleSetService) All(ctx context.Context, params *ListRoleSetsParams, opts ...core.RequestOption) iter.Seq2[*RoleSet, error] {
	return transport.All[RoleSet](ctx, s.b, "/role_sets", transport.Envelope, params, opts)
}

// Get returns one role set by its ID or key.
//
// API: GET /role_sets/{role_set_key_or_id} (GetRoleSet)
func (s *RoleSetService) Get(ctx context.Context, roleSetID string, opts ...core.RequestOption) (*RoleSet, error) {
	return s.call(ctx, http.MethodGet, "/role_sets/{role_set_key_or_id}", roleSetID, nil, transport.ReplayByMethod, opts)
}

// Create makes a role set. It is not replayed after it may have reached
// the API.
//
// API: POST /role_sets (CreateRoleSet)
func (s *RoleSetService) Create(ctx context.Context, params *CreateRoleSetParams, opts ...core.RequestOption) (*RoleSet, error) {
	if params == nil || params.Name == "" || params.DefaultRoleKey == "" || params.CreatorRoleKey == "" || len(params.Roles) == 0 {
		return nil, transport.Invalid("params", "Name, DefaultRoleKey, CreatorRoleKey and Roles are required")
	}
	return transport.Call[RoleSet](ctx, s.b, http.MethodPost, "/role_sets", params, transport.NotReplaySafe, opts)
}

// Update changes a role set's name, key, description, type, default or
// creator role.
//
// API: PATCH /role_sets/{role_set_key_or_id} (UpdateRoleSet)
func (s *RoleSetService) Update(ctx context.Context, roleSetID string, params *UpdateRoleSetParams, opts ...core.RequestOption) (*RoleSet, error) {
	if params == nil {
		params = &UpdateRoleSetParams{}
	}
	return s.call(ctx, http.MethodPatch, "/role_sets/{role_set_key_or_id}", roleSetID, params, transport.ReplayByMethod, opts)
}

// Replace moves every organization of a role set to another set (members
// keep or change roles as ReassignmentMappings says) and deletes it. It
// is not replayed after it may have reached the API.
//
// API: POST /role_sets/{role_set_key_or_id}/replace (ReplaceRoleSet)
func (s *RoleSetService) Replace(ctx context.Context, roleSetID string, params *ReplaceRoleSetParams, opts ...core.RequestOption) (*core.DeletedObject, error) {
	if params == nil || params.DestRoleSetKey == "" {
		return nil, transport.Invalid("params", "DestRoleSetKey is required")
	}
	path, err := transport.Path("/role_sets/{role_set_key_or_id}/replace", roleSetID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodPost, path, params, transport.NotReplaySafe, opts)
}

// AddRoles adds roles to a role set.
//
// API: POST /role_sets/{role_set_key_or_id}/roles (AddRolesToRoleSet)
func (s *RoleSetService) AddRoles(ctx context.Context, roleSetID string, params *AddRolesParams, opts ...core.RequestOption) (*RoleSet, error) {
	if params == nil || len(params.RoleKeys) == 0 {
		return nil, transport.Invalid("params", "RoleKeys must hold at least one role key")
	}
	return s.call(ctx, http.MethodPost, "/role_sets/{role_set_key_or_id}/roles", roleSetID, params, transport.NotReplaySafe, opts)
}

// ReplaceRole swaps a role of the set for another; members with the old
// role get the new one. It is not replayed after it may have reached the
// API.
//
// API: POST /role_sets/{role_set_key_or_id}/roles/replace (ReplaceRoleInRoleSet)
func (s *RoleSetService) ReplaceRole(ctx context.Context, roleSetID string, params *ReplaceRoleParams, opts ...core.RequestOption) (*RoleSet, error) {
	if params == nil || params.RoleKey == "" || params.ToRoleKey == "" {
		return nil, transport.Invalid("params", "RoleKey and ToRoleKey are required")
	}
	return s.call(ctx, http.MethodPost, "/role_sets/{role_set_key_or_id}/roles/replace", roleSetID, params, transport.NotReplaySafe, opts)
}

func (s *RoleSetService) call(ctx context.Context, method, template, roleSetID string, body any, replay transport.Replay, opts []core.RequestOption) (*RoleSet, error) {
	path, err := transport.Path(template, roleSetID)
	if err != nil {
		return nil, err
	}
	return transport.Call[RoleSet](ctx, s.b, method, path, body, replay, opts)
}
