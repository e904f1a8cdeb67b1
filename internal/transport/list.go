package transport

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/pagination"
)

// ListMode says how a list operation answers.
type ListMode int

const (
	// Envelope lists answer {data, total_count} (or a bare array, which
	// the page decodes too).
	Envelope ListMode = iota
	// Paginated lists answer a bare array unless paginated=true is sent;
	// the SDK always sends it, so every page carries the total.
	Paginated
)

// List GETs one page of the list at path, with params (a struct of
// `query` tags, a pointer to one, or nil) as the query; see EncodeQuery.
func List[T any](ctx context.Context, b *Backend, path string, params any, opts ...core.RequestOption) (*pagination.Page[T], error) {
	return listWithMode[T](ctx, b, path, Envelope, params, opts)
}

// ListPaginated is List for the operations that need paginated=true.
func ListPaginated[T any](ctx context.Context, b *Backend, path string, params any, opts ...core.RequestOption) (*pagination.Page[T], error) {
	return listWithMode[T](ctx, b, path, Paginated, params, opts)
}

// listWithMode is List with the mode given.
func listWithMode[T any](ctx context.Context, b *Backend, path string, mode ListMode, params any, opts []core.RequestOption) (*pagination.Page[T], error) {
	q, err := EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	if mode == Paginated {
		q.Set("paginated", "true")
	}
	return getPage[T](ctx, b, path, q, opts)
}

func getPage[T any](ctx context.Context, b *Backend, path string, q url.Values, opts []core.RequestOption) (*pagination.Page[T], error) {
	page := new(pagination.Page[T])
	if err := b.Do(ctx, &Request{Method: http.MethodGet, Path: path, Query: q, Options: opts}, page); err != nil {
		return nil, err
	}
	return page, nil
}

// All walks every page of the list at path lazily: no request until the
// sequence is ranged over, and a break stops it without another request.
// params is encoded once (its "limit" sets the page size, its "offset" the
// starting point); each page then sets limit and offset itself. The
// options apply to every page; core.WithPrefetch keeps several pages in
// flight.
func All[T any](ctx context.Context, b *Backend, path string, mode ListMode, params any, opts []core.RequestOption) iter.Seq2[*T, error] {
	if ctx == nil {
		return Fail[T](Invalid("ctx", "must not be nil"))
	}
	q, err := EncodeQuery(params)
	if err != nil {
		return Fail[T](err)
	}
	if mode == Paginated {
		q.Set("paginated", "true")
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	q.Del("limit")
	q.Del("offset")
	settings := core.ApplyRequestOptions(opts)
	w := paging.Walk[T]{Limit: limit, Offset: offset, Prefetch: settings.Prefetch}
	w.Fetch = func(ctx context.Context, c paging.Cursor) (*pagination.Page[T], error) {
		pq := make(url.Values, len(q)+2)
		for k, v := range q {
			pq[k] = v
		}
		pq.Set("limit", strconv.Itoa(c.Limit))
		if c.Offset > 0 {
			pq.Set("offset", strconv.Itoa(c.Offset))
		}
		return getPage[T](ctx, b, path, pq, opts)
	}
	return paging.All(ctx, w)
}

// Fail is a sequence that yields err once (for an iterator whose input
// was refused before any request).
func Fail[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}

// Walk starts a lazy walk of every page from the caller's limit and offset
// (nil: the walk's defaults); fetch gets one page. Services whose params
// need more than limit and offset per page (Users.All's cursor) use it;
// the others use All.
func Walk[T any](ctx context.Context, limit, offset *int, fetch paging.FetchFunc[T], opts ...core.RequestOption) iter.Seq2[*T, error] {
	if ctx == nil {
		return Fail[T](Invalid("ctx", "must not be nil"))
	}
	w := paging.Walk[T]{Fetch: fetch, Prefetch: core.ApplyRequestOptions(opts).Prefetch}
	if limit != nil {
		w.Limit = *limit
	}
	if offset != nil {
		w.Offset = *offset
	}
	return paging.All(ctx, w)
}
