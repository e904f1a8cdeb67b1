package organizations

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"

	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// CreateMembershipParams add a user to an organization. UserID and Role
// are required.
type CreateMembershipParams struct {
	// UserID must be a user of the same instance who is not yet a member.
	UserID string `json:"user_id"`
	// Role is a role key such as "org:member" or "org:admin".
	Role string `json:"role"`
	// PublicMetadata and PrivateMetadata take any value that marshals to
	// a JSON object (a *core.MetadataPatch too); nil leaves them out.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
}

type createMembershipBody struct {
	*CreateMembershipParams
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
}

// CreateMembership adds a user to an organization; it becomes the user's
// active organization on their next session. It is never replayed once it
// may have reached the server; such failures match clerk.ErrOutcomeUnknown.
//
// API: POST /organizations/{organization_id}/memberships (CreateOrganizationMembership)
func (s *Service) CreateMembership(ctx context.Context, organizationID string, params *CreateMembershipParams, opts ...core.RequestOption) (*Membership, error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships", organizationID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: user_id and role are required")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if err := transport.ValidateID("role", params.Role); err != nil {
		return nil, err
	}
	body := createMembershipBody{CreateMembershipParams: params}
	if body.PublicMetadata, err = transport.ObjectJSON("public_metadata", params.PublicMetadata); err != nil {
		return nil, err
	}
	if body.PrivateMetadata, err = transport.ObjectJSON("private_metadata", params.PrivateMetadata); err != nil {
		return nil, err
	}
	m := new(Membership)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, m); err != nil {
		return nil, err
	}
	return m, nil
}

// ListMembershipsParams filter and order the members of one organization.
// Every field is optional; its zero value leaves the filter out. Slice
// filters repeat the query key and take at most 100 values; UserIDs also
// accept a "+" or "-" prefix per value to include or exclude.
type ListMembershipsParams struct {
	// OrderBy is phone_number, email_address, created_at, first_name,
	// last_name or username, with an optional +/- prefix.
	OrderBy        string   `query:"order_by"`
	UserIDs        []string `query:"user_id"`
	EmailAddresses []string `query:"email_address"`
	PhoneNumbers   []string `query:"phone_number"`
	Usernames      []string `query:"username"`
	Web3Wallets    []string `query:"web3_wallet"`
	// Roles keeps members with any of these role keys.
	Roles []string `query:"role"`
	// Query matches emails, phone numbers, usernames, web3 wallets, user
	// IDs and names, partially.
	Query string `query:"query"`
	// The *Query filters match one attribute, case-insensitively and
	// partially.
	EmailAddressQuery string `query:"email_address_query"`
	PhoneNumberQuery  string `query:"phone_number_query"`
	UsernameQuery     string `query:"username_query"`
	NameQuery         string `query:"name_query"`
	// Bounds on the members' user records (sent as Unix milliseconds; the
	// zero time leaves a bound out).
	LastActiveAtBefore time.Time `query:"last_active_at_before"`
	LastActiveAtAfter  time.Time `query:"last_active_at_after"`
	CreatedAtBefore    time.Time `query:"created_at_before"`
	CreatedAtAfter     time.Time `query:"created_at_after"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size and Offset as its starting point.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListMemberships returns one page of an organization's memberships with
// the total count. params may be nil.
//
// API: GET /organizations/{organization_id}/memberships (ListOrganizationMemberships)
func (s *Service) ListMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams, opts ...core.RequestOption) (*pagination.Page[Membership], error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships", organizationID)
	if err != nil {
		return nil, err
	}
	return transport.List[Membership](ctx, s.b, path, params, opts...)
}

// AllMemberships walks every membership of an organization, lazily, one
// page at a time; breaking out of the loop stops the walk without another
// request. params may be nil.
//
// API: GET /organizations/{organization_id}/memberships (ListOrganizationMemberships)
func (s *Service) AllMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams, opts ...core.RequestOption) iter.Seq2[*Membership, error] {
	path, err := transport.Path("/organizations/{organization_id}/memberships", organizationID)
	if err != nil {
		return transport.Fail[Membership](err)
	}
	return transport.All[Membership](ctx, s.b, path, transport.Envelope, params, opts)
}

// ListInstanceMembershipsParams order and page the memberships of every
// organization of the instance.
type ListInstanceMembershipsParams struct {
	// OrderBy is phone_number, email_address, created_at, first_name,
	// last_name or username, with an optional +/- prefix.
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size and Offset as its starting point.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListInstanceMemberships returns one page of the memberships of every
// organization in the instance, with the total count. params may be nil.
//
// API: GET /organization_memberships (InstanceGetOrganizationMemberships)
func (s *Service) ListInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams, opts ...core.RequestOption) (*pagination.Page[Membership], error) {
	return transport.List[Membership](ctx, s.b, "/organization_memberships", params, opts...)
}

// AllInstanceMemberships walks the memberships of every organization in
// the instance, lazily; breaking out of the loop stops the walk without
// another request. params may be nil.
//
// API: GET /organization_memberships (InstanceGetOrganizationMemberships)
func (s *Service) AllInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams, opts ...core.RequestOption) iter.Seq2[*Membership, error] {
	return transport.All[Membership](ctx, s.b, "/organization_memberships", transport.Envelope, params, opts)
}

// UpdateMembershipParams change a membership. Role is required.
type UpdateMembershipParams struct {
	// Role is the new role key, e.g. "org:admin".
	Role string `json:"role"`
}

// UpdateMembership changes the role of userID in organizationID. It is
// not replayed after it may have reached the API (the retry table lists
// only metadata merges among PATCH writes).
//
// API: PATCH /organizations/{organization_id}/memberships/{user_id} (UpdateOrganizationMembership)
func (s *Service) UpdateMembership(ctx context.Context, organizationID, userID string, params *UpdateMembershipParams, opts ...core.RequestOption) (*Membership, error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships/{user_id}", organizationID, userID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: role is required")
	}
	if err := transport.ValidateID("role", params.Role); err != nil {
		return nil, err
	}
	m := new(Membership)
	// Not in the retry table's replay-safe list: a PATCH that may have
	// reached the API is not sent again.
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, m); err != nil {
		return nil, err
	}
	return m, nil
}

// DeleteMembership removes userID from organizationID and returns the
// membership as it was.
//
// API: DELETE /organizations/{organization_id}/memberships/{user_id} (DeleteOrganizationMembership)
func (s *Service) DeleteMembership(ctx context.Context, organizationID, userID string, opts ...core.RequestOption) (*Membership, error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships/{user_id}", organizationID, userID)
	if err != nil {
		return nil, err
	}
	m := new(Membership)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Options: opts}, m); err != nil {
		return nil, err
	}
	return m, nil
}
