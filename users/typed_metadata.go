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
	UpdateMetadata(ctx context.Context, userID string, params *UpdateMetadataParams, opts ...core.RequestOption) (*User, error)
	ReplaceMetadata(ctx context.Context, userID string, params *UpdateMetadataParams, opts ...core.RequestOption) (*User, error)
}

// TypedMetadata reads and writes a user's public and private metadata as
// your own types, so application code never touches JSON:
//
//	type AppPublic struct {
//		Plan string `json:"plan,omitempty"`
//	}
//	type AppPrivate struct {
//		StripeID string `json:"stripe_id,omitempty"`
//	}
//	m := users.NewTypedMetadata[AppPublic, AppPrivate](c.Users)
//	pub, priv, err := m.Get(ctx, "user_123")
//	pub, priv, err = m.Update(ctx, "user_123", users.MetadataPatch[AppPublic, AppPrivate]{Public: &AppPublic{Plan: "pro"}})
//
// Pub and Priv must marshal to JSON objects (structs or maps). Keys the
// types do not name are ignored when reading, and kept by Update (a merge)
// but dropped by Replace. Unsafe metadata, which the user can write from
// the frontend, is left out on purpose; read it with UnsafeMetadata.
//
// How Update merges a struct: the API deep-merges the JSON the struct
// marshals to. A field tagged omitempty (or omitzero) that holds its zero
// value is not sent, so the stored key is left as it is; a field without
// those tags is always sent, so its zero value overwrites the stored one;
// a nil pointer field without omitempty is sent as null, which deletes the
// key. Tag every field omitempty to merge only what you set.
type TypedMetadata[Pub, Priv any] struct {
	c MetadataClient
}

// NewTypedMetadata binds typed metadata access to a Users service (or a
// fake of it).
func NewTypedMetadata[Pub, Priv any](c MetadataClient) *TypedMetadata[Pub, Priv] {
	return &TypedMetadata[Pub, Priv]{c: c}
}

// MetadataPatch is what TypedMetadata.Update and Replace write; a nil field
// is not sent and leaves that metadata untouched.
type MetadataPatch[Pub, Priv any] struct {
	Public  *Pub
	Private *Priv
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
func (m *TypedMetadata[Pub, Priv]) Get(ctx context.Context, userID string) (Pub, Priv, error) {
	if err := m.check(); err != nil {
		var pub Pub
		var priv Priv
		return pub, priv, err
	}
	u, err := m.c.Get(ctx, userID)
	return m.result(u, err)
}

// Update deep-merges the patch into the user's metadata (see the type's
// documentation for how struct fields merge) and returns the metadata as
// stored afterwards.
func (m *TypedMetadata[Pub, Priv]) Update(ctx context.Context, userID string, patch MetadataPatch[Pub, Priv]) (Pub, Priv, error) {
	return m.write(ctx, userID, patch, false)
}

// Replace replaces each metadata field the patch sets, whole, and returns
// the metadata as stored afterwards. Keys that Pub or Priv do not name are
// lost.
func (m *TypedMetadata[Pub, Priv]) Replace(ctx context.Context, userID string, patch MetadataPatch[Pub, Priv]) (Pub, Priv, error) {
	return m.write(ctx, userID, patch, true)
}

func (m *TypedMetadata[Pub, Priv]) write(ctx context.Context, userID string, patch MetadataPatch[Pub, Priv], replace bool) (Pub, Priv, error) {
	if err := m.check(); err != nil {
		var pub Pub
		var priv Priv
		return pub, priv, err
	}
	// A nil *Pub or *Priv is left out of the body (see
	// transport.ObjectJSON), so that metadata stays untouched.
	params := &UpdateMetadataParams{PublicMetadata: patch.Public, PrivateMetadata: patch.Private}
	var u *User
	var err error
	if replace {
		u, err = m.c.ReplaceMetadata(ctx, userID, params)
	} else {
		u, err = m.c.UpdateMetadata(ctx, userID, params)
	}
	return m.result(u, err)
}

func (m *TypedMetadata[Pub, Priv]) result(u *User, err error) (Pub, Priv, error) {
	if err != nil {
		var pub Pub
		var priv Priv
		return pub, priv, err
	}
	return m.Decode(u)
}

func (m *TypedMetadata[Pub, Priv]) check() error {
	if m == nil || m.c == nil {
		return transport.Invalid("TypedMetadata", "has no client; build it with NewTypedMetadata")
	}
	return nil
}
