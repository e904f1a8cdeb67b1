package bans

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListBlocklistIdentifiers returns the blocklist. The operation takes no
// paging parameters: the one page holds every entry and the total.
//
// API: GET /blocklist_identifiers (ListBlocklistIdentifiers)
func (s *Service) ListBlocklistIdentifiers(ctx context.Context) (*pagination.Page[BlocklistIdentifier], error) {
	page := new(pagination.Page[BlocklistIdentifier])
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/blocklist_identifiers"}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// AllBlocklistIdentifiers yields every blocklist entry. It makes one
// request, when ranged over, since the operation is not paged; it exists
// so that the blocklist reads like every other list.
//
// API: GET /blocklist_identifiers (ListBlocklistIdentifiers)
func (s *Service) AllBlocklistIdentifiers(ctx context.Context) iter.Seq2[*BlocklistIdentifier, error] {
	return func(yield func(*BlocklistIdentifier, error) bool) {
		page, err := s.ListBlocklistIdentifiers(ctx)
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
func (s *Service) CreateBlocklistIdentifier(ctx context.Context, params *CreateBlocklistIdentifierParams) (*BlocklistIdentifier, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	if strings.TrimSpace(params.Identifier) == "" {
		return nil, transport.Invalid("identifier", "must not be empty")
	}
	out := new(BlocklistIdentifier)
	req := &transport.Request{Method: http.MethodPost, Path: "/blocklist_identifiers", Body: params, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteBlocklistIdentifier removes an identifier from the blocklist. It
// is replay-safe; a 404 that answers a replay means the first attempt
// deleted it, and counts as success.
//
// API: DELETE /blocklist_identifiers/{identifier_id} (DeleteBlocklistIdentifier)
func (s *Service) DeleteBlocklistIdentifier(ctx context.Context, identifierID string) (*DeletedObject, error) {
	return s.deleteIdentifier(ctx, "/blocklist_identifiers/{identifier_id}", "blocklist_identifier", identifierID)
}
