package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// MetadataParams are the metadata fields to merge (UpdateMetadata) or
// replace (ReplaceMetadata). Each field takes any value that marshals to a
// JSON object (a map, a struct, a json.RawMessage, or a
// *clerk.MetadataPatch, which can also store zero values and delete keys);
// a nil field is left out and stays untouched.
type MetadataParams struct {
	// PublicMetadata: backend writes, frontend reads.
	PublicMetadata any
	// PrivateMetadata: backend only.
	PrivateMetadata any
	// UnsafeMetadata: the signed-in user can write it too; never trust it
	// for authorization.
	UnsafeMetadata any
}

// UpdateMetadata deep-merges metadata into the user's: keys set to nil (JSON
// null) at any depth are deleted, keys left out are untouched. With a struct
// value, tag its fields omitempty (or omitzero) to merge only what is set.
// Non-object values fail before any request.
//
// API: PATCH /users/{user_id}/metadata (UpdateUserMetadata)
func (s *Service) UpdateMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error) {
	return s.writeMetadata(ctx, http.MethodPatch, userID, params, opts)
}

// ReplaceMetadata replaces each metadata field it is given, whole; an empty
// map clears that field; nil fields are left untouched.
//
// API: PUT /users/{user_id}/metadata (ReplaceUserMetadata)
func (s *Service) ReplaceMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error) {
	return s.writeMetadata(ctx, http.MethodPut, userID, params, opts)
}

func (s *Service) writeMetadata(ctx context.Context, method, userID string, params *MetadataParams, opts []core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/metadata", userID)
	if err != nil {
		return nil, err
	}
	body, err := transport.MetadataBody(params.fields())
	if err != nil {
		return nil, err
	}
	u := new(User)
	// A merge or replace with the same body lands on the same state, so it
	// is replay-safe.
	req := &transport.Request{Method: method, Path: path, Body: body, Replay: transport.ReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, u); err != nil {
		return nil, err
	}
	return u, nil
}

func (p *MetadataParams) fields() (pub, priv, unsafe any) {
	if p == nil {
		return nil, nil, nil
	}
	return p.PublicMetadata, p.PrivateMetadata, p.UnsafeMetadata
}
