package organizations

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filters and orders GET /organizations. Slice filters repeat
// the query key, take at most 100 values, and accept a "+" or "-" prefix
// per value to include or exclude.
type ListParams struct {
	// IncludeMembersCount fills Organization.MembersCount.
	IncludeMembersCount *bool `query:"include_members_count"`
	// IncludeMissingMemberWithElevatedPermissions fills
	// Organization.MissingMemberWithElevatedPermissions.
	IncludeMissingMemberWithElevatedPermissions *bool `query:"include_missing_member_with_elevated_permissions"`
	// Query matches the ID exactly, or the name or slug partially.
	Query *string `query:"query"`
	// UserIDs keeps organizations that have any of these users as members.
	UserIDs []string `query:"user_id"`
	// OrganizationIDs keeps (or, with "-", drops) these organizations.
	OrganizationIDs []string `query:"organization_id"`
	// OrderBy is "name", "created_at" or "members_count" with an optional
	// +/- prefix; default "-created_at".
	OrderBy *string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size.
	Limit  *int `query:"limit"`
	Offset *int `query:"offset"`
}

// List returns one page of organizations with the total count.
//
// API: GET /organizations (ListOrganizations)
func (s *Service) List(ctx context.Context, params *ListParams) (*pagination.Page[Organization], error) {
	return transport.List[Organization](ctx, s.b, "/organizations", params)
}

// All walks every organization matching params, lazily, one page at a
// time; breaking out of the loop stops the walk without another request.
//
// API: GET /organizations (ListOrganizations)
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*Organization, error] {
	p := ListParams{}
	if params != nil {
		p = *params
	}
	return transport.Walk(ctx, p.Limit, p.Offset, func(ctx context.Context, c paging.Cursor) (*pagination.Page[Organization], error) {
		page := p
		page.Limit, page.Offset = &c.Limit, &c.Offset
		return s.List(ctx, &page)
	})
}

// CreateParams describe a new organization. Name is required.
type CreateParams struct {
	// Name may not contain URLs or HTML; at most 256 characters.
	Name string `json:"name"`
	// CreatedBy is the user who becomes the organization's first admin;
	// it becomes their active organization on their next session.
	CreatedBy *string `json:"created_by,omitempty"`
	// Slug is lowercase letters, digits and "-", unique in the instance.
	// Send it only when slugs are enabled in the organization settings.
	Slug *string `json:"slug,omitempty"`
	// MaxAllowedMemberships caps the members; 0 means no cap.
	MaxAllowedMemberships *int `json:"max_allowed_memberships,omitempty"`
	// PublicMetadata and PrivateMetadata take any value that marshals to
	// a JSON object; nil leaves them out.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
	// CreatedAt backdates the organization (for imports).
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// RoleSetKey assigns a role set other than the instance default.
	RoleSetKey *string `json:"role_set_key,omitempty"`
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
func (s *Service) Create(ctx context.Context, params *CreateParams) (*Organization, error) {
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
	req := &transport.Request{Method: http.MethodPost, Path: "/organizations", Body: body, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// GetParams asks for the optional fields of an organization.
type GetParams struct {
	// IncludeMembersCount fills Organization.MembersCount.
	IncludeMembersCount *bool `query:"include_members_count"`
	// IncludeMissingMemberWithElevatedPermissions fills
	// Organization.MissingMemberWithElevatedPermissions.
	IncludeMissingMemberWithElevatedPermissions *bool `query:"include_missing_member_with_elevated_permissions"`
}

// Get returns one organization, found by its ID or by its slug. params may
// be nil.
//
// API: GET /organizations/{organization_id} (GetOrganization)
func (s *Service) Get(ctx context.Context, idOrSlug string, params *GetParams) (*Organization, error) {
	path, err := transport.Path("/organizations/{organization_id}", idOrSlug)
	if err != nil {
		return nil, err
	}
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	org := new(Organization)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: q}, org); err != nil {
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
func (s *Service) Update(ctx context.Context, organizationID string, params *UpdateParams) (*Organization, error) {
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
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: params, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// DeletedObject is the API's answer to a delete.
type DeletedObject struct {
	Object  string `json:"object"`
	ID      string `json:"id,omitempty"`
	Slug    string `json:"slug,omitempty"`
	Deleted bool   `json:"deleted"`
	// ExternalID is only set for resources that carry one.
	ExternalID string `json:"external_id,omitempty"`
}

// Delete deletes an organization with all its memberships and invitations,
// and clears it from the sessions where it was active. It cannot be undone.
// A 404 to a replayed attempt counts as success: the first attempt deleted
// the organization and only its answer was lost.
//
// API: DELETE /organizations/{organization_id} (DeleteOrganization)
func (s *Service) Delete(ctx context.Context, organizationID string) (*DeletedObject, error) {
	path, err := transport.Path("/organizations/{organization_id}", organizationID)
	if err != nil {
		return nil, err
	}
	out := new(DeletedObject)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path}, out)
	if transport.ReplayedNotFound(err) {
		// The first attempt deleted it and only its answer was lost.
		return &DeletedObject{Object: "organization", ID: organizationID, Deleted: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
