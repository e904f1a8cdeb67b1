package organizations

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filters and orders GET /organizations. Every field is
// optional; its zero value leaves the filter out. Slice filters repeat the
// query key, take at most 100 values, and accept a "+" or "-" prefix per
// value to include or exclude.
type ListParams struct {
	// IncludeMembersCount fills Organization.MembersCount.
	IncludeMembersCount bool `query:"include_members_count"`
	// IncludeMissingMemberWithElevatedPermissions fills
	// Organization.MissingMemberWithElevatedPermissions.
	IncludeMissingMemberWithElevatedPermissions bool `query:"include_missing_member_with_elevated_permissions"`
	// Query matches the ID exactly, or the name or slug partially.
	Query string `query:"query"`
	// UserIDs keeps organizations that have any of these users as members.
	UserIDs []string `query:"user_id"`
	// OrganizationIDs keeps (or, with "-", drops) these organizations.
	OrganizationIDs []string `query:"organization_id"`
	// OrderBy is "name", "created_at" or "members_count" with an optional
	// +/- prefix; default "-created_at".
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size and Offset as its starting point.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// List returns one page of organizations with the total count. params may
// be nil.
//
// API: GET /organizations (ListOrganizations)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Organization], error) {
	return transport.List[Organization](ctx, s.b, "/organizations", params, opts...)
}

// All walks every organization matching params, lazily, one page at a
// time (core.WithPrefetch keeps several in flight); breaking out of the
// loop stops the walk without another request. params may be nil.
//
// API: GET /organizations (ListOrganizations)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Organization, error] {
	return transport.All[Organization](ctx, s.b, "/organizations", transport.Envelope, params, opts)
}

// CreateParams describe a new organization. Name is required; the zero
// value of every other field leaves it out.
type CreateParams struct {
	// Name may not contain URLs or HTML; at most 256 characters.
	Name string `json:"name"`
	// CreatedBy is the ID of the user who becomes the organization's first
	// admin; it becomes their active organization on their next session.
	CreatedBy string `json:"created_by,omitempty"`
	// Slug is lowercase letters, digits and "-", unique in the instance.
	// Send it only when slugs are enabled in the organization settings.
	Slug string `json:"slug,omitempty"`
	// MaxAllowedMemberships caps the members; a pointer because 0 (no
	// cap) differs from leaving the instance default.
	MaxAllowedMemberships *int `json:"max_allowed_memberships,omitempty"`
	// PublicMetadata and PrivateMetadata take any value that marshals to
	// a JSON object (a map, a struct, a json.RawMessage, a
	// *core.MetadataPatch); nil leaves them out.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
	// CreatedAt backdates the organization (for imports); the zero time
	// leaves it out.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// RoleSetKey assigns a role set other than the instance default.
	RoleSetKey string `json:"role_set_key,omitempty"`
}

// createBody is CreateParams with its metadata checked and encoded.
type createBody struct {
	*CreateParams
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
}

// Create creates an organization. It is never replayed once it may have
// reached the server (a replay would create a second organization); such
// failures match clerk.ErrOutcomeUnknown.
//
// API: POST /organizations (CreateOrganization)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Organization, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: name is required")
	}
	if err := transport.ValidateID("name", params.Name); err != nil {
		return nil, err
	}
	body := createBody{CreateParams: params}
	var err error
	if body.PublicMetadata, err = transport.ObjectJSON("public_metadata", params.PublicMetadata); err != nil {
		return nil, err
	}
	if body.PrivateMetadata, err = transport.ObjectJSON("private_metadata", params.PrivateMetadata); err != nil {
		return nil, err
	}
	org := new(Organization)
	req := &transport.Request{Method: http.MethodPost, Path: "/organizations", Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// WithMembersCount asks Get or GetBySlug to fill
// Organization.MembersCount.
func WithMembersCount() core.RequestOption {
	return core.WithQuery("include_members_count", "true")
}

// WithMissingMemberWithElevatedPermissions asks Get or GetBySlug to fill
// Organization.MissingMemberWithElevatedPermissions.
func WithMissingMemberWithElevatedPermissions() core.RequestOption {
	return core.WithQuery("include_missing_member_with_elevated_permissions", "true")
}

// IDPrefix starts every organization ID.
const IDPrefix = "org_"

// Get returns one organization by its ID. An organizationID that is not an
// organization ID (IDPrefix) fails before any request: look a slug up
// with GetBySlug. WithMembersCount and
// WithMissingMemberWithElevatedPermissions fill the optional fields.
//
// API: GET /organizations/{organization_id} (GetOrganization)
func (s *Service) Get(ctx context.Context, organizationID string, opts ...core.RequestOption) (*Organization, error) {
	if err := transport.ValidateID("organization_id", organizationID); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(organizationID, IDPrefix) {
		return nil, transport.Invalid("organization_id", "is not an organization ID (%s...); use GetBySlug for a slug", IDPrefix)
	}
	return s.get(ctx, "organization_id", organizationID, opts)
}

// GetBySlug returns one organization by its slug (the API also answers to
// an ID here, since slugs never contain "_"). WithMembersCount and
// WithMissingMemberWithElevatedPermissions fill the optional fields.
//
// API: GET /organizations/{organization_id} (GetOrganization)
func (s *Service) GetBySlug(ctx context.Context, slug string, opts ...core.RequestOption) (*Organization, error) {
	return s.get(ctx, "slug", slug, opts)
}

// get reads the organization whose ID or slug is key; field names the
// argument in an input error.
func (s *Service) get(ctx context.Context, field, key string, opts []core.RequestOption) (*Organization, error) {
	if err := transport.ValidateID(field, key); err != nil {
		return nil, err
	}
	path, err := transport.Path("/organizations/{organization_id}", key)
	if err != nil {
		return nil, err
	}
	org := new(Organization)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, org); err != nil {
		return nil, err
	}
	return org, nil
}

// UpdateParams are the organization fields to change; nil fields stay as
// they are. Metadata is not accepted here since API version 2026-05-12:
// use UpdateMetadata or ReplaceMetadata.
type UpdateParams struct {
	Name *string `json:"name,omitempty"`
	// Slug must stay unique in the instance.
	Slug                  *string `json:"slug,omitempty"`
	MaxAllowedMemberships *int    `json:"max_allowed_memberships,omitempty"`
	// AdminDeleteEnabled lets an admin delete the organization from the
	// frontend.
	AdminDeleteEnabled *bool      `json:"admin_delete_enabled,omitempty"`
	CreatedAt          *time.Time `json:"created_at,omitempty"`
	RoleSetKey         *string    `json:"role_set_key,omitempty"`
}

// Update changes an organization. Like every PATCH outside the retry
// table's replay-safe list (metadata merges), it is not replayed after it
// may have reached the API. params may be nil (nothing changes).
//
// API: PATCH /organizations/{organization_id} (UpdateOrganization)
func (s *Service) Update(ctx context.Context, organizationID string, params *UpdateParams, opts ...core.RequestOption) (*Organization, error) {
	path, err := transport.Path("/organizations/{organization_id}", organizationID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &UpdateParams{}
	}
	if params.Name != nil {
		if err := transport.ValidateID("name", *params.Name); err != nil {
			return nil, err
		}
	}
	org := new(Organization)
	// Not in the retry table's replay-safe list: a PATCH that may have
	// reached the API is not sent again.
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// Delete deletes an organization with all its memberships and invitations,
// and clears it from the sessions where it was active. It cannot be undone.
// A 404 to a replayed attempt counts as success: the first attempt deleted
// the organization and only its answer was lost.
//
// API: DELETE /organizations/{organization_id} (DeleteOrganization)
func (s *Service) Delete(ctx context.Context, organizationID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/organizations/{organization_id}", organizationID)
	if err != nil {
		return nil, err
	}
	out := new(core.DeletedObject)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Options: opts}, out)
	if transport.ReplayedNotFound(err) {
		// The first attempt deleted it and only its answer was lost.
		return &core.DeletedObject{Object: "organization", ID: organizationID, Deleted: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
