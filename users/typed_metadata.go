package users

import (
	"context"
	"github.com/clerkgo/clerk/core"

	"github.com/clerkgo/clerk/internal/transport"
)

// MetadataClient is the part of the Users service that TypedMetadata uses.
// *Service satisfies it, and so does any fake of API.
type MetadataClient interface {
	Get(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error)
	UpdateMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error)
	ReplaceMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error)
}

// TypedMetadata reads and writes a user's public and private metadata as
// your own types, so application code never touches JSON:
//
//	type AppPublic struct {
//		Plan string `json:"plan,omitempty"`
//		Beta bool   `json:"beta,omitempty"`
//	}
//	type AppPrivate struct {
//		StripeID string `json:"stripe_id,omitempty"`
//	}
//	m := users.NewTypedMetadata[AppPublic, AppPrivate](c.Users)
//	pub, priv, err := m.Get(ctx, "user_123")
//	pub, priv, err = m.Update(ctx, "user_123", users.MetadataUpdate{
//		Public: m.PatchPublic(AppPublic{Plan: "pro"}).Set("beta", false).Delete("legacy"),
//	})
//
// Pub and Priv must marshal to JSON objects (structs or maps). Keys the
// types do not name are ignored when reading, and kept by Update (a merge)
// but dropped by Replace. Unsafe metadata, which the user can write from
// the frontend, is left out on purpose; read it with clerk.DecodeMetadata.
//
// How Update merges: the API deep-merges the JSON object the patch
// marshals to. The patch's base value contributes the fields it marshals
// (a field tagged omitempty or omitzero that holds its zero value is left
// out, so the stored key stays as it is); Set stores a value even when it
// is false, 0 or ""; Delete removes a key.
type TypedMetadata[Pub, Priv any] struct {
	c MetadataClient
}

// NewTypedMetadata binds typed metadata access to a Users service (or a
// fake of it).
func NewTypedMetadata[Pub, Priv any](c MetadataClient) *TypedMetadata[Pub, Priv] {
	return &TypedMetadata[Pub, Priv]{c: c}
}

// MetadataUpdate is what TypedMetadata.Update merges; a nil field is not
// sent and leaves that metadata untouched. Build the patches with
// PatchPublic and PatchPrivate (or clerk.PatchMetadata).
type MetadataUpdate struct {
	Public  *core.MetadataPatch
	Private *core.MetadataPatch
}

// MetadataValues is what TypedMetadata.Replace writes, whole; a nil field
// is not sent and leaves that metadata untouched.
type MetadataValues[Pub, Priv any] struct {
	Public  *Pub
	Private *Priv
}

// PatchPublic starts a merge of public metadata from a typed value; chain
// Set and Delete for zero values and removals.
func (m *TypedMetadata[Pub, Priv]) PatchPublic(v Pub) *core.MetadataPatch {
	return core.PatchMetadata(v)
}

// PatchPrivate starts a merge of private metadata from a typed value;
// chain Set and Delete for zero values and removals.
func (m *TypedMetadata[Pub, Priv]) PatchPrivate(v Priv) *core.MetadataPatch {
	return core.PatchMetadata(v)
}

// Decode reads the public and private metadata of u. Empty or null
// metadata decodes to the zero value.
func (m *TypedMetadata[Pub, Priv]) Decode(u *User) (Pub, Priv, error) {
	var pub Pub
	var priv Priv
	if u == nil {
		return pub, priv, transport.Invalid("user", "must not be nil")
	}
	pub, err := transport.DecodeObject[Pub](u.PublicMetadata)
	if err != nil {
		return pub, priv, err
	}
	priv, err = transport.DecodeObject[Priv](u.PrivateMetadata)
	return pub, priv, err
}

// Get fetches the user and decodes its public and private metadata.
func (m *TypedMetadata[Pub, Priv]) Get(ctx context.Context, userID string, opts ...core.RequestOption) (Pub, Priv, error) {
	if err := m.check(); err != nil {
		return m.fail(err)
	}
	u, err := m.c.Get(ctx, userID, opts...)
	return m.result(u, err)
}

// Update deep-merges the patches into the user's metadata (see the type's
// documentation) and returns the metadata as stored afterwards.
func (m *TypedMetadata[Pub, Priv]) Update(ctx context.Context, userID string, update MetadataUpdate, opts ...core.RequestOption) (Pub, Priv, error) {
	if err := m.check(); err != nil {
		return m.fail(err)
	}
	// A nil patch is left out of the body (see transport.ObjectJSON), so
	// that metadata stays untouched.
	params := &MetadataParams{}
	if update.Public != nil {
		params.PublicMetadata = update.Public
	}
	if update.Private != nil {
		params.PrivateMetadata = update.Private
	}
	return m.result(m.c.UpdateMetadata(ctx, userID, params, opts...))
}

// Replace replaces each metadata field the values set, whole, and returns
// the metadata as stored afterwards. Keys that Pub or Priv do not name are
// lost.
func (m *TypedMetadata[Pub, Priv]) Replace(ctx context.Context, userID string, values MetadataValues[Pub, Priv], opts ...core.RequestOption) (Pub, Priv, error) {
	if err := m.check(); err != nil {
		return m.fail(err)
	}
	// A nil *Pub or *Priv is left out of the body, so that metadata stays
	// untouched.
	params := &MetadataParams{PublicMetadata: values.Public, PrivateMetadata: values.Private}
	return m.result(m.c.ReplaceMetadata(ctx, userID, params, opts...))
}

func (m *TypedMetadata[Pub, Priv]) result(u *User, err error) (Pub, Priv, error) {
	if err != nil {
		return m.fail(err)
	}
	return m.Decode(u)
}

func (m *TypedMetadata[Pub, Priv]) fail(err error) (Pub, Priv, error) {
	var pub Pub
	var priv Priv
	return pub, priv, err
}

func (m *TypedMetadata[Pub, Priv]) check() error {
	if m == nil || m.c == nil {
		return transport.Invalid("TypedMetadata", "has no client; build it with NewTypedMetadata")
	}
	return nil
}
