package organizations

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// MetadataParams are the metadata fields to write on an organization or a
// membership. Each field takes any value that marshals to a JSON object (a
// map, a struct, a json.RawMessage); a nil field is left out and stays
// untouched. Non-object values fail before any request.
type MetadataParams struct {
	// PublicMetadata: backend writes, frontend reads.
	PublicMetadata any
	// PrivateMetadata: backend only.
	PrivateMetadata any
}

func (p *MetadataParams) body() (*transport.Metadata, error) {
	if p == nil {
		return transport.MetadataBody(nil, nil, nil)
	}
	return transport.MetadataBody(p.PublicMetadata, p.PrivateMetadata, nil)
}

// UpdateMetadata deep-merges metadata into the organization's: keys set to
// nil (JSON null) at any depth are deleted, keys left out are untouched.
// With a struct value, tag its fields omitempty (or omitzero) to merge only
// what is set.
//
// API: PATCH /organizations/{organization_id}/metadata (MergeOrganizationMetadata)
func (s *Service) UpdateMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error) {
	return s.writeMetadata(ctx, http.MethodPatch, organizationID, params)
}

// ReplaceMetadata replaces each metadata field it is given, whole; an empty
// map clears that field; nil fields are left untouched.
//
// API: PUT /organizations/{organization_id}/metadata (ReplaceOrganizationMetadata)
func (s *Service) ReplaceMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error) {
	return s.writeMetadata(ctx, http.MethodPut, organizationID, params)
}

func (s *Service) writeMetadata(ctx context.Context, method, organizationID string, params *MetadataParams) (*Organization, error) {
	path, err := transport.Path("/organizations/{organization_id}/metadata", organizationID)
	if err != nil {
		return nil, err
	}
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	org := new(Organization)
	// A merge or replace with the same body lands on the same state, so it
	// is replay-safe.
	req := &transport.Request{Method: method, Path: path, Body: body, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// UpdateMembershipMetadata deep-merges metadata into a membership's (the
// membership of userID in organizationID), with the same rules as
// UpdateMetadata. Memberships have no replace operation.
//
// API: PATCH /organizations/{organization_id}/memberships/{user_id}/metadata (UpdateOrganizationMembershipMetadata)
func (s *Service) UpdateMembershipMetadata(ctx context.Context, organizationID, userID string, params *MetadataParams) (*Membership, error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships/{user_id}/metadata", organizationID, userID)
	if err != nil {
		return nil, err
	}
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	m := new(Membership)
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: body, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, m); err != nil {
		return nil, err
	}
	return m, nil
}

// decode reads one metadata field of a possibly nil resource: a nil
// resource reads like one without metadata, so callers never panic.
func decode[T any](raw func() json.RawMessage, isNil bool) (T, error) {
	if isNil {
		var zero T
		return zero, nil
	}
	return transport.DecodeObject[T](raw())
}

// PublicMetadata decodes the organization's public metadata into T. Empty
// metadata (or a nil organization) gives T's zero value.
func PublicMetadata[T any](o *Organization) (T, error) {
	return decode[T](func() json.RawMessage { return o.PublicMetadata }, o == nil)
}

// PrivateMetadata decodes the organization's private metadata into T.
// Empty metadata (or a nil organization) gives T's zero value.
func PrivateMetadata[T any](o *Organization) (T, error) {
	return decode[T](func() json.RawMessage { return o.PrivateMetadata }, o == nil)
}

// MembershipPublicMetadata decodes the membership's public metadata into T.
// Empty metadata (or a nil membership) gives T's zero value.
func MembershipPublicMetadata[T any](m *Membership) (T, error) {
	return decode[T](func() json.RawMessage { return m.PublicMetadata }, m == nil)
}

// MembershipPrivateMetadata decodes the membership's private metadata into
// T. Empty metadata (or a nil membership) gives T's zero value.
func MembershipPrivateMetadata[T any](m *Membership) (T, error) {
	return decode[T](func() json.RawMessage { return m.PrivateMetadata }, m == nil)
}

// InvitationPublicMetadata decodes the invitation's public metadata into
// T; it moves to the membership when the invitation is accepted. Empty
// metadata (or a nil invitation) gives T's zero value.
func InvitationPublicMetadata[T any](inv *Invitation) (T, error) {
	return decode[T](func() json.RawMessage { return inv.PublicMetadata }, inv == nil)
}

// InvitationPrivateMetadata decodes the invitation's private metadata into
// T. Empty metadata (or a nil invitation) gives T's zero value.
func InvitationPrivateMetadata[T any](inv *Invitation) (T, error) {
	return decode[T](func() json.RawMessage { return inv.PrivateMetadata }, inv == nil)
}
