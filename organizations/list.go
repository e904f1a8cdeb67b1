package organizations

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// list GETs one page of an envelope list at path with params as the query.
func list[T any](ctx context.Context, s *Service, path string, params any) (*pagination.Page[T], error) {
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	page := new(pagination.Page[T])
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: q}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// walk starts a lazy walk from the caller's limit and offset. A nil context
// is reported through the sequence instead of panicking in the walker.
func walk[T any](ctx context.Context, limit, offset *int, fetch pagination.FetchFunc[T]) iter.Seq2[*T, error] {
	if ctx == nil {
		return func(yield func(*T, error) bool) { yield(nil, transport.Invalid("ctx", "must not be nil")) }
	}
	w := pagination.Walk[T]{Fetch: fetch}
	if limit != nil {
		w.Limit = *limit
	}
	if offset != nil {
		w.Offset = *offset
	}
	return pagination.All(ctx, w)
}
