package bans

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListBlocklistIdentifiers returns the blocklist. The operation takes no
// paging parameters: the one page holds every entry and the total.
//
// API: GET /blocklist_identifiers (ListBlocklistIdentifiers)
func (s *Service) ListBlocklistIdentifiers(ctx context.Context, opts ...core.RequestOption) (*pagination.Page[BlocklistIdentifier], error) {
	return transport.List[BlocklistIdentifier](ctx, s.b, "/blocklist_identifiers", nil, opts...)
}

// AllBlocklistIdentifiers yields every blocklist entry. It makes one
// request, when ranged over, since the operation is not paged; it exists
// so that the blocklist reads like every other list.
//
// API: GET /blocklist_identifiers (ListBlocklistIdentifiers)
func (s *Service) AllBlocklistIdentifiers(ctx context.Context, opts ...core.RequestOption) iter.Seq2[*BlocklistIdentifier, error] {
	if ctx == nil {
		return transport.Fail[BlocklistIdentifier](transport.Invalid("ctx", "must not be nil"))
	}
	return func(yield func(*BlocklistIdentifier, error) bool) {
		page, err := s.ListBlocklistIdentifiers(ctx, opts...)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, item := range page.Data {
			if item == nil {
				continue
			}
			if !yield(item, nil) {
				return
			}
		}
	}
}

// CreateBlocklistIdentifierParams describe a blocklist entry.
type CreateBlocklistIdentifierParams struct {
	// Identifier is an email address, an email domain, a phone number or
	// a web3 wallet. Required.
	Identifier string `json:"identifier"`
}

// CreateBlocklistIdentifier bars an identifier from the instance. It is
// not replayed after it may have reached the API.
//
// API: POST /blocklist_identifiers (CreateBlocklistIdentifier)
func (s *Service) CreateBlocklistIdentifier(ctx context.Context, params *CreateBlocklistIdentifierParams, opts ...core.RequestOption) (*BlocklistIdentifier, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	return createIdentifier[BlocklistIdentifier](ctx, s.b, "/blocklist_identifiers", params.Identifier, params, opts)
}

// DeleteBlocklistIdentifier removes an identifier from the blocklist. It
// is replay-safe; a 404 that answers a replay means the first attempt
// deleted it, and counts as success.
//
// API: DELETE /blocklist_identifiers/{identifier_id} (DeleteBlocklistIdentifier)
func (s *Service) DeleteBlocklistIdentifier(ctx context.Context, identifierID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return s.deleteIdentifier(ctx, "/blocklist_identifiers/{identifier_id}", "blocklist_identifier", identifierID, opts)
}
