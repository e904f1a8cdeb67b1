package transport

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/clerkgo/clerk/pagination"
)

// List GETs one page of the list at path, with params (a struct of
// `query` tags, a pointer to one, or nil) as the query; see EncodeQuery.
// The page decodes both list shapes, an envelope with a total and a bare
// array.
func List[T any](ctx context.Context, b *Backend, path string, params any) (*pagination.Page[T], error) {
	q, err := EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	return getPage[T](ctx, b, path, q)
}

// ListPaginated is List for the operations that answer a bare array, with
// no total, unless the request says paginated=true: it always says so, so
// that the page carries the total across all pages.
func ListPaginated[T any](ctx context.Context, b *Backend, path string, params any) (*pagination.Page[T], error) {
	q, err := EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	q.Set("paginated", "true")
	return getPage[T](ctx, b, path, q)
}

func getPage[T any](ctx context.Context, b *Backend, path string, q url.Values) (*pagination.Page[T], error) {
	page := new(pagination.Page[T])
	if err := b.Do(ctx, &Request{Method: http.MethodGet, Path: path, Query: q}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// Walk starts a lazy walk of every page from the caller's limit and offset
// (nil: the walk's defaults); fetch gets one page, usually by copying the
// caller's params, setting their limit and offset from the cursor and
// calling the service's List. A nil context is reported through the
// sequence instead of panicking in the walker.
func Walk[T any](ctx context.Context, limit, offset *int, fetch pagination.FetchFunc[T]) iter.Seq2[*T, error] {
	if ctx == nil {
		return func(yield func(*T, error) bool) { yield(nil, Invalid("ctx", "must not be nil")) }
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
