package users

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filters and orders GET /users and GET /users/count. Slice
// filters repeat the query key and take at most 100 values; several accept
// a "+" or "-" prefix to include or exclude.
type ListParams struct {
	EmailAddresses    []string `query:"email_address"`
	PhoneNumbers      []string `query:"phone_number"`
	ExternalIDs       []string `query:"external_id"`
	Usernames         []string `query:"username"`
	Web3Wallets       []string `query:"web3_wallet"`
	UserIDs           []string `query:"user_id"`
	OrganizationIDs   []string `query:"organization_id"`
	Query             *string  `query:"query"`
	EmailAddressQuery *string  `query:"email_address_query"`
	PhoneNumberQuery  *string  `query:"phone_number_query"`
	UsernameQuery     *string  `query:"username_query"`
	NameQuery         *string  `query:"name_query"`
	Banned            *bool    `query:"banned"`
	// Unix-millisecond bounds.
	LastActiveAtBefore  *int64   `query:"last_active_at_before"`
	LastActiveAtAfter   *int64   `query:"last_active_at_after"`
	LastActiveAtSince   *int64   `query:"last_active_at_since"`
	CreatedAtBefore     *int64   `query:"created_at_before"`
	CreatedAtAfter      *int64   `query:"created_at_after"`
	LastSignInAtBefore  *int64   `query:"last_sign_in_at_before"`
	LastSignInAtAfter   *int64   `query:"last_sign_in_at_after"`
	Provider            *string  `query:"provider"`
	ProviderUserIDs     []string `query:"provider_user_id"`
	// OrderBy is a field with an optional +/- prefix; default "-created_at".
	OrderBy *string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size.
	Limit  *int `query:"limit"`
	Offset *int `query:"offset"`
	// StartingAfter is a user ID to page after (cursor paging; created_at
	// ordering and offset 0 only).
	StartingAfter *string `query:"starting_after"`
}

// List returns one page of users. The API gives no total here: use Count.
//
// API: GET /users (GetUserList)
func (s *Service) List(ctx context.Context, params *ListParams) (*pagination.Page[User], error) {
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	page := new(pagination.Page[User])
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users", Query: q}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// All walks every user matching params, lazily, one page at a time. With
// created_at ordering (the default) and no offset it pages by cursor
// (starting_after), which stays fast on large instances; otherwise by offset.
// Breaking out of the loop stops the walk without another request.
//
// API: GET /users (GetUserList)
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*User, error] {
	p := ListParams{}
	if params != nil {
		p = *params
	}
	w := pagination.Walk[User]{Limit: deref(p.Limit), Offset: deref(p.Offset)}
	startAfter := deref(p.StartingAfter)
	if cursorOrdering(p.OrderBy) && w.Offset == 0 {
		w.CursorOf = func(u *User) string { return u.ID }
	}
	w.Fetch = func(ctx context.Context, c pagination.Cursor) (*pagination.Page[User], error) {
		page := p
		page.Limit, page.Offset, page.StartingAfter = &c.Limit, &c.Offset, nil
		if c.StartingAfter != "" {
			page.StartingAfter = &c.StartingAfter
		} else if startAfter != "" {
			page.StartingAfter = &startAfter
		}
		return s.List(ctx, &page)
	}
	return pagination.All(ctx, w)
}

// Count returns how many users match params (paging fields are ignored).
//
// API: GET /users/count (GetUsersCount)
func (s *Service) Count(ctx context.Context, params *ListParams) (int64, error) {
	var p ListParams
	if params != nil {
		p = *params
	}
	p.Limit, p.Offset, p.StartingAfter, p.OrderBy = nil, nil, nil, nil
	q, err := transport.EncodeQuery(&p)
	if err != nil {
		return 0, err
	}
	var out struct {
		TotalCount int64 `json:"total_count"`
	}
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users/count", Query: q}, &out); err != nil {
		return 0, err
	}
	return out.TotalCount, nil
}

// cursorOrdering: starting_after works only with created_at ordering.
func cursorOrdering(orderBy *string) bool {
	if orderBy == nil {
		return true
	}
	switch *orderBy {
	case "", "created_at", "+created_at", "-created_at":
		return true
	}
	return false
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
