package organizations

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// MetadataParams are the metadata fields to write on an organization. Each
// field takes any value that marshals to a JSON object (a map, a struct, a
// json.RawMessage) or a *core.MetadataPatch (clerk.PatchMetadata), which
// can also store zero values and delete keys in a merge. A nil field is
// left out and stays untouched. Non-object values fail before any request.
// Read metadata back typed with clerk.DecodeMetadata.
type MetadataParams struct {
	// PublicMetadata: backend writes, frontend reads.
	PublicMetadata any
	// PrivateMetadata: backend only.
	PrivateMetadata any
}

// MembershipMetadataParams are the metadata fields to merge into a
// membership, with the same rules as MetadataParams.
type MembershipMetadataParams struct {
	// PublicMetadata: backend writes, frontend reads.
	PublicMetadata any
	// PrivateMetadata: backend only.
	PrivateMetadata any
}

// body checks and encodes the metadata fields; nil params send {}.
func (p *MetadataParams) body() (*transport.Metadata, error) {
	if p == nil {
		return transport.MetadataBody(nil, nil, nil)
	}
	return transport.MetadataBody(p.PublicMetadata, p.PrivateMetadata, nil)
}

// body checks and encodes the metadata fields; nil params send {}.
func (p *MembershipMetadataParams) body() (*transport.Metadata, error) {
	if p == nil {
		return transport.MetadataBody(nil, nil, nil)
	}
	return transport.MetadataBody(p.PublicMetadata, p.PrivateMetadata, nil)
}

// UpdateMetadata deep-merges metadata into the organization's: keys set to
// null at any depth are deleted, keys left out are untouched. With a
// struct value, tag its fields omitempty (or omitzero) to merge only what
// is set; a *core.MetadataPatch adds explicit Set and Delete on top.
// A merge with the same body lands on the same state, so it is replayed
// on transient failures.
//
// API: PATCH /organizations/{organization_id}/metadata (MergeOrganizationMetadata)
func (s *Service) UpdateMetadata(ctx context.Context, organizationID string, params *MetadataParams, opts ...core.RequestOption) (*Organization, error) {
	return s.writeMetadata(ctx, http.MethodPatch, organizationID, params, opts)
}

// ReplaceMetadata replaces each metadata field it is given, whole; an empty
// map clears that field; nil fields are left untouched.
//
// API: PUT /organizations/{organization_id}/metadata (ReplaceOrganizationMetadata)
func (s *Service) ReplaceMetadata(ctx context.Context, organizationID string, params *MetadataParams, opts ...core.RequestOption) (*Organization, error) {
	return s.writeMetadata(ctx, http.MethodPut, organizationID, params, opts)
}

func (s *Service) writeMetadata(ctx context.Context, method, organizationID string, params *MetadataParams, opts []core.RequestOption) (*Organization, error) {
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
	req := &transport.Request{Method: method, Path: path, Body: body, Replay: transport.ReplaySafe, Options: opts}
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
func (s *Service) UpdateMembershipMetadata(ctx context.Context, organizationID, userID string, params *MembershipMetadataParams, opts ...core.RequestOption) (*Membership, error) {
	path, err := transport.Path("/organizations/{organization_id}/memberships/{user_id}/metadata", organizationID, userID)
	if err != nil {
		return nil, err
	}
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	m := new(Membership)
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: body, Replay: transport.ReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, m); err != nil {
		return nil, err
	}
	return m, nil
}
