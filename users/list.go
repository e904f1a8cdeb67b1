package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filters and orders GET /users and GET /users/count (Count
// ignores the paging and ordering fields). Slice filters repeat the query
// key and take at most 100 values (more fail before any request); the ID
// filters (ExternalIDs, UserIDs, OrganizationIDs) accept a "+" or "-"
// prefix on each value to include or exclude it.
type ListParams struct {
	EmailAddresses []string `query:"email_address"`
	PhoneNumbers   []string `query:"phone_number"`
	ExternalIDs    []string `query:"external_id"`
	Usernames      []string `query:"username"`
	Web3Wallets    []string `query:"web3_wallet"`
	UserIDs        []string `query:"user_id"`
	// OrganizationIDs keeps members of these organizations.
	OrganizationIDs []string `query:"organization_id"`
	// Query matches, partially, emails, phone numbers, usernames, web3
	// wallets, user IDs, first and last names.
	Query string `query:"query"`
	// EmailAddressQuery, PhoneNumberQuery, UsernameQuery and NameQuery
	// match one attribute, partially and case-insensitively.
	EmailAddressQuery string `query:"email_address_query"`
	PhoneNumberQuery  string `query:"phone_number_query"`
	UsernameQuery     string `query:"username_query"`
	NameQuery         string `query:"name_query"`
	// Banned keeps banned (true) or not banned (false) users; nil keeps
	// both.
	Banned *bool `query:"banned"`
	// The time bounds (zero: unset) are sent as Unix milliseconds.
	LastActiveAtBefore time.Time `query:"last_active_at_before"`
	LastActiveAtAfter  time.Time `query:"last_active_at_after"`
	// LastActiveAtSince keeps users active since the given time.
	//
	// Deprecated: use LastActiveAtAfter.
	LastActiveAtSince  time.Time `query:"last_active_at_since"`
	CreatedAtBefore    time.Time `query:"created_at_before"`
	CreatedAtAfter     time.Time `query:"created_at_after"`
	LastSignInAtBefore time.Time `query:"last_sign_in_at_before"`
	LastSignInAtAfter  time.Time `query:"last_sign_in_at_after"`
	// Provider (e.g. "oauth_google") and ProviderUserIDs go together: users
	// with these IDs at that OAuth provider.
	Provider        string   `query:"provider"`
	ProviderUserIDs []string `query:"provider_user_id"`
	// OrderBy is one of created_at, updated_at, email_address, web3wallet,
	// first_name, last_name, phone_number, username, last_active_at,
	// last_sign_in_at, with an optional "+" (default) or "-" prefix; the
	// API's default is "-created_at".
	OrderBy string `query:"order_by"`
	// Limit (1..500, 0: the API's default) and Offset page a List call;
	// All pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
	// StartingAfter is the ID of the last user of the previous page
	// (cursor paging). The API accepts it only with created_at ordering
	// and no offset.
	StartingAfter string `query:"starting_after"`
}

// List returns one page of users. The API gives no total here: use Count.
// StartingAfter combined with an ordering other than created_at, or with a
// non-zero Offset, fails before any request (the API would answer 422).
//
// API: GET /users (GetUserList)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[User], error) {
	if params != nil && params.StartingAfter != "" {
		if !cursorOrdering(params.OrderBy) {
			return nil, transport.Invalid("starting_after", "needs created_at ordering, got order_by=%q", params.OrderBy)
		}
		if params.Offset != 0 {
			return nil, transport.Invalid("starting_after", "cannot be combined with a non-zero offset")
		}
	}
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	page := new(pagination.Page[User])
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users", Query: q, Options: opts}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// All walks every user matching params, lazily, one page at a time. With
// created_at ordering (the default) and no offset it pages by cursor
// (starting_after), which stays fast on large instances; otherwise by offset.
// With clerk.WithPrefetch among opts it pages by offset (unless
// StartingAfter is set), so that several pages can be fetched at once.
// Breaking out of the loop stops the walk without another request. A
// cursor walk that gets back users it already yielded (a server or proxy
// that ignored starting_after) ends with pagination.ErrCursorStuck before
// yielding any of them again.
//
// API: GET /users (GetUserList)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*User, error] {
	p := ListParams{}
	if params != nil {
		p = *params
	}
	w := paging.Walk[User]{Limit: p.Limit, Offset: p.Offset}
	startAfter := p.StartingAfter
	// A cursor is only known once the previous page has arrived, so a
	// walk that asked for prefetching pages by offset instead (unless the
	// caller gave a cursor to start from, which needs cursor paging).
	w.Prefetch = core.ApplyRequestOptions(opts).Prefetch
	if cursorOrdering(p.OrderBy) && w.Offset == 0 && (w.Prefetch <= 1 || startAfter != "") {
		w.CursorOf = func(u *User) string { return u.ID }
	}
	w.Fetch = func(ctx context.Context, c paging.Cursor) (*pagination.Page[User], error) {
		page := p
		page.Limit, page.Offset, page.StartingAfter = c.Limit, c.Offset, startAfter
		if c.StartingAfter != "" {
			page.StartingAfter = c.StartingAfter
		}
		return s.List(ctx, &page, opts...)
	}
	return paging.All(ctx, w)
}

// Count returns how many users match params (paging fields are ignored).
//
// API: GET /users/count (GetUsersCount)
func (s *Service) Count(ctx context.Context, params *ListParams, opts ...core.RequestOption) (int64, error) {
	var p ListParams
	if params != nil {
		p = *params
	}
	p.Limit, p.Offset, p.StartingAfter, p.OrderBy = 0, 0, "", ""
	q, err := transport.EncodeQuery(&p)
	if err != nil {
		return 0, err
	}
	var out struct {
		TotalCount int64 `json:"total_count"`
	}
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users/count", Query: q, Options: opts}, &out); err != nil {
		return 0, err
	}
	return out.TotalCount, nil
}

// cursorOrdering: starting_after works only with created_at ordering.
func cursorOrdering(orderBy string) bool {
	switch orderBy {
	case "", "created_at", "+created_at", "-created_at":
		return true
	}
	return false
}
