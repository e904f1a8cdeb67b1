package clerktest

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Paging bounds of every list endpoint.
const (
	defaultLimit = 10
	maxLimit     = 500
	maxFilter    = 100
)

// page is a parsed limit/offset pair.
type page struct{ limit, offset int }

// parsePage reads limit (1..500, default 10) and offset (>= 0).
func parsePage(q url.Values) (page, *apiError) {
	p := page{limit: defaultLimit}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, errFormat("limit", "must be an integer")
		}
		if n < 1 || n > maxLimit {
			return p, errValue("limit", "must be between 1 and 500")
		}
		p.limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, errFormat("offset", "must be an integer")
		}
		if n < 0 {
			return p, errValue("offset", "must be 0 or more")
		}
		p.offset = n
	}
	return p, nil
}

// paginate cuts one page out of an ordered slice.
func paginate[T any](items []T, p page) []T {
	if p.offset >= len(items) {
		return items[:0]
	}
	end := p.offset + p.limit
	if end > len(items) {
		end = len(items)
	}
	return items[p.offset:end]
}

// envelope is the {data, total_count} list shape.
type envelope[T any] struct {
	Data       []T   `json:"data"`
	TotalCount int64 `json:"total_count"`
}

// listAnswer is a page as a bare array, or as an envelope when the caller
// sent paginated=true (invitations, sessions, allowlist identifiers).
func listAnswer[T any](items []T, p page, paginated bool) any {
	pg := paginate(items, p)
	out := make([]T, len(pg))
	copy(out, pg)
	if paginated {
		return envelope[T]{Data: out, TotalCount: int64(len(items))}
	}
	return out
}

// envelopeOf always answers {data, total_count}.
func envelopeOf[T any](items []T, p page) envelope[T] {
	pg := paginate(items, p)
	out := make([]T, len(pg))
	copy(out, pg)
	return envelope[T]{Data: out, TotalCount: int64(len(items))}
}

// boolParam reads an optional boolean query parameter.
func boolParam(q url.Values, name string) (value, set bool, e *apiError) {
	v := q.Get(name)
	if v == "" {
		return false, false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, false, errFormat(name, "must be true or false")
	}
	return b, true, nil
}

// intParam reads an optional integer query parameter.
func intParam(q url.Values, name string) (*int64, *apiError) {
	v := q.Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, errFormat(name, "must be an integer")
	}
	return &n, nil
}

// listParam reads a repeated query key, refusing more than 100 values.
func listParam(q url.Values, name string) ([]string, *apiError) {
	vs := q[name]
	if len(vs) > maxFilter {
		return nil, errTooMany(name, maxFilter)
	}
	return vs, nil
}

// idFilter is a list of values with optional "+"/"-" prefixes: the result
// keeps only included values (when any) and drops excluded ones.
type idFilter struct {
	include, exclude map[string]bool
}

func parseIDFilter(vs []string) idFilter {
	f := idFilter{}
	for _, v := range vs {
		// An unescaped "+" arrives as a space.
		v = strings.TrimLeft(v, " ")
		switch {
		case strings.HasPrefix(v, "-"):
			if f.exclude == nil {
				f.exclude = map[string]bool{}
			}
			f.exclude[v[1:]] = true
		default:
			if f.include == nil {
				f.include = map[string]bool{}
			}
			f.include[strings.TrimPrefix(v, "+")] = true
		}
	}
	return f
}

func (f idFilter) active() bool { return f.include != nil || f.exclude != nil }

// matchAny reports whether a record with these values passes the filter.
func (f idFilter) matchAny(values ...string) bool {
	if f.exclude != nil {
		for _, v := range values {
			if f.exclude[v] {
				return false
			}
		}
	}
	if f.include == nil {
		return true
	}
	for _, v := range values {
		if f.include[v] {
			return true
		}
	}
	return false
}

// ordering is a parsed order_by: a field and a direction.
type ordering struct {
	field string
	desc  bool
}

// parseOrder reads order_by ("field", "+field" or "-field"; only the first
// one counts), refusing fields outside allowed.
func parseOrder(q url.Values, def string, allowed ...string) (ordering, *apiError) {
	// An unescaped "+" prefix arrives as a space: accept it as "+".
	v := strings.TrimLeft(q.Get("order_by"), " ")
	if v == "" {
		v = def
	}
	o := ordering{field: v}
	switch {
	case strings.HasPrefix(v, "-"):
		o.field, o.desc = v[1:], true
	case strings.HasPrefix(v, "+"):
		o.field = v[1:]
	}
	if !slices.Contains(allowed, o.field) {
		return o, errValue("order_by", "cannot order by "+o.field+"; use one of "+strings.Join(allowed, ", "))
	}
	return o, nil
}

// sortKey is one comparable value of a record; a nil pointer sorts as
// Postgres sorts NULL: after every value ascending, before them descending.
type sortKey struct {
	s   *string
	n   *int64
	seq int64
}

func cmpKeys(a, b sortKey) int {
	if c := cmpNullable(a.s, b.s, func(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) }); c != 0 {
		return c
	}
	if c := cmpNullable(a.n, b.n, cmp.Compare[int64]); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

func cmpNullable[T any](a, b *T, f func(x, y T) int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return f(*a, *b)
}

// sortBy orders items by key in the ordering's direction; ties keep
// creation order in the same direction.
func sortBy[T any](items []T, o ordering, key func(T, string) sortKey) {
	slices.SortStableFunc(items, func(a, b T) int {
		c := cmpKeys(key(a, o.field), key(b, o.field))
		if o.desc {
			return -c
		}
		return c
	})
}

// contains is a case-insensitive substring match.
func contains(haystack, needle string) bool {
	return strings.Contains(strings.ToLower(haystack), strings.ToLower(needle))
}

func strp(s string) *string { return &s }
func i64p(n int64) *int64   { return &n }
