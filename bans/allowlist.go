package bans

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListAllowlistParams page GET /allowlist_identifiers.
type ListAllowlistParams struct {
	// Limit (1..500, API default 10) and Offset page a List call; the All
	// walk pages by itself and uses Limit as its page size. Zero means
	// unset.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListAllowlistIdentifiers returns one page of the allowlist. It always
// asks for the paginated form (paginated=true), so the page carries the
// total.
//
// API: GET /allowlist_identifiers (ListAllowlistIdentifiers)
func (s *Service) ListAllowlistIdentifiers(ctx context.Context, params *ListAllowlistParams, opts ...core.RequestOption) (*pagination.Page[AllowlistIdentifier], error) {
	return transport.ListPaginated[AllowlistIdentifier](ctx, s.b, "/allowlist_identifiers", params, opts...)
}

// AllAllowlistIdentifiers walks the whole allowlist, lazily, one page at a
// time (more with clerk.WithPrefetch); breaking out of the loop stops the
// walk without another request.
//
// API: GET /allowlist_identifiers (ListAllowlistIdentifiers)
func (s *Service) AllAllowlistIdentifiers(ctx context.Context, params *ListAllowlistParams, opts ...core.RequestOption) iter.Seq2[*AllowlistIdentifier, error] {
	return transport.All[AllowlistIdentifier](ctx, s.b, "/allowlist_identifiers", transport.Paginated, params, opts)
}

// CreateAllowlistIdentifierParams describe an allowlist entry.
type CreateAllowlistIdentifierParams struct {
	// Identifier is an email address, a "*@domain" wildcard, a phone
	// number or a web3 wallet. Required.
	Identifier string `json:"identifier"`
	// Notify sends an invitation to an email address or phone number
	// (API default: false).
	Notify bool `json:"notify,omitempty"`
}

// CreateAllowlistIdentifier adds an identifier to the allowlist. It is not
// replayed after it may have reached the API.
//
// API: POST /allowlist_identifiers (CreateAllowlistIdentifier)
func (s *Service) CreateAllowlistIdentifier(ctx context.Context, params *CreateAllowlistIdentifierParams, opts ...core.RequestOption) (*AllowlistIdentifier, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	return createIdentifier[AllowlistIdentifier](ctx, s.b, "/allowlist_identifiers", params.Identifier, params, opts)
}

// DeleteAllowlistIdentifier removes an identifier from the allowlist. It
// is replay-safe; a 404 that answers a replay means the first attempt
// deleted it, and counts as success.
//
// API: DELETE /allowlist_identifiers/{identifier_id} (DeleteAllowlistIdentifier)
func (s *Service) DeleteAllowlistIdentifier(ctx context.Context, identifierID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.deleteIdentifier(ctx, "/allowlist_identifiers/{identifier_id}", "allowlist_identifier", identifierID, opts)
}

// createIdentifier POSTs a new allowlist or blocklist entry, once its
// identifier is known not to be blank. A create is not replayed after it
// may have reached the API.
func createIdentifier[T any](ctx context.Context, b *transport.Backend, path, identifier string, body any, opts []core.RequestOption) (*T, error) {
	if strings.TrimSpace(identifier) == "" {
		return nil, transport.Invalid("identifier", "must not be empty")
	}
	out := new(T)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Service) deleteIdentifier(ctx context.Context, template, object, id string, opts []core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(template, id)
	if err != nil {
		return nil, err
	}
	out := new(core.DeletedObject)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Replay: transport.ReplaySafe, Options: opts}, out)
	if err == nil {
		return out, nil
	}
	if transport.ReplayedNotFound(err) {
		return &core.DeletedObject{Object: object, ID: id, Deleted: true}, nil
	}
	return nil, err
}
