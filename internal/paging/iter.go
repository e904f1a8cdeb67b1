// Package paging walks the pages of a list lazily, by offset or by
// cursor, with optional prefetching. Services build their All iterators on
// it; it is internal so the public surface keeps only pagination.Page.
package paging

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/pagination"
)

// Cursor tells a fetch which page to get.
type Cursor struct {
	// Limit is the page size.
	Limit int
	// Offset is the number of items to skip (offset paging).
	Offset int
	// StartingAfter is the ID of the last item seen (cursor paging); when set,
	// Offset is 0.
	StartingAfter string
}

// FetchFunc gets one page.
type FetchFunc[T any] func(ctx context.Context, c Cursor) (*pagination.Page[T], error)

// Walk describes an auto-paging walk.
type Walk[T any] struct {
	// Fetch gets one page.
	Fetch FetchFunc[T]
	// Limit is the page size (0: pagination.WalkLimit).
	Limit int
	// Offset is where the walk starts.
	Offset int
	// Max stops the walk after this many items (0: no cap).
	Max int
	// Prefetch is how many page fetches an offset walk keeps in flight
	// (core.WithPrefetch); 0 or 1 means one at a time.
	Prefetch int
	// CursorOf, when set, switches to cursor paging after the first page:
	// the next page starts after the ID it returns for the last item. A
	// page that repeats an item of the page before it (a server that
	// ignored the cursor) ends the walk with pagination.ErrCursorStuck
	// before any of its items is yielded, so no item is yielded twice.
	CursorOf func(*T) string
}

// All walks every page lazily: no request is made until the sequence is
// ranged over, and a break stops it without another request. An error is
// yielded once, with a nil item, and ends the walk.
//
// An offset walk under a context from WithPrefetch keeps several page
// fetches in flight; see WithPrefetch.
//
// A nil ctx yields a *core.InvalidInputError (field "ctx") and fetches
// nothing.
func All[T any](ctx context.Context, w Walk[T]) iter.Seq2[*T, error] {
	if ctx == nil {
		return func(yield func(*T, error) bool) {
			yield(nil, &core.InvalidInputError{Field: "ctx", Reason: "must not be nil"})
		}
	}
	limit := w.Limit
	if limit <= 0 {
		limit = pagination.WalkLimit
	}
	if limit > pagination.MaxLimit {
		limit = pagination.MaxLimit
	}
	if w.Prefetch > 1 && w.CursorOf == nil {
		return allPrefetch(ctx, w, limit, min(w.Prefetch, core.MaxPrefetch))
	}
	return func(yield func(*T, error) bool) {
		cur := Cursor{Limit: limit, Offset: w.Offset}
		seen := 0
		// prev holds the IDs of the previous page of a cursor walk.
		var prev map[string]struct{}
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			page, err := w.Fetch(ctx, cur)
			if err != nil {
				yield(nil, err)
				return
			}
			if w.CursorOf != nil && cur.StartingAfter != "" && repeats(page.Data, prev, cur.StartingAfter, w.CursorOf) {
				// The server ignored starting_after: stop before yielding
				// an item a second time (and rather than loop forever).
				yield(nil, pagination.ErrCursorStuck)
				return
			}
			for _, item := range page.Data {
				if item == nil {
					continue
				}
				if !yield(item, nil) {
					return
				}
				seen++
				if w.Max > 0 && seen >= w.Max {
					return
				}
			}
			if Done(page, cur, limit) {
				return
			}
			if w.CursorOf != nil {
				if prev == nil {
					prev = make(map[string]struct{}, len(page.Data))
				}
				clear(prev)
				for _, it := range page.Data {
					if it != nil {
						prev[w.CursorOf(it)] = struct{}{}
					}
				}
				last := lastItem(page.Data)
				if last == nil {
					return
				}
				next := w.CursorOf(last)
				if next == "" {
					return
				}
				if next == cur.StartingAfter {
					// The server ignored starting_after and sent the same
					// page again: stop rather than loop forever.
					yield(nil, pagination.ErrCursorStuck)
					return
				}
				cur.StartingAfter, cur.Offset = next, 0
			} else {
				cur.Offset += len(page.Data)
			}
		}
	}
}

// repeats reports whether a page fetched after cursor holds the cursor's
// own item or any item of the previous page: with a cursor the API honours,
// the next page starts strictly after them.
func repeats[T any](data []*T, prev map[string]struct{}, cursor string, id func(*T) string) bool {
	for _, it := range data {
		if it == nil {
			continue
		}
		k := id(it)
		if k == cursor {
			return true
		}
		if _, ok := prev[k]; ok {
			return true
		}
	}
	return false
}

// lastItem returns the last non-nil item: a JSON null in a page must not
// reach CursorOf, which reads the item's ID.
func lastItem[T any](data []*T) *T {
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] != nil {
			return data[i]
		}
	}
	return nil
}

// Done reports whether page was the last one: it is empty, shorter than the
// limit, or (for envelopes) reaches the total. Both signs are checked so that
// neither a wrong total nor a short page can make a walk loop or stop early
// on its own.
func Done[T any](page *pagination.Page[T], cur Cursor, limit int) bool {
	n := len(page.Data)
	if n == 0 || n < limit {
		return true
	}
	if page.HasTotal && cur.StartingAfter == "" && int64(cur.Offset+n) >= page.TotalCount {
		return true
	}
	return false
}
