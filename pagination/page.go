// Package pagination holds the generic page type that every List method
// returns (the All iterators walk every page for you).
//
// The Backend API lists come in two shapes: a {"data":[...],"total_count":N}
// envelope, and a bare JSON array (users; invitations, sessions and
// allowlist identifiers unless paginated=true is sent). Both decode into
// Page; only envelopes carry a total.
package pagination

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// ErrCursorStuck is yielded by a cursor walk (Users.All) that gets the same
// page twice: the server did not honour starting_after. No item of the
// repeated page is yielded.
var ErrCursorStuck = errors.New("clerk: pagination cursor did not advance")

// Default and maximum page sizes of the API.
const (
	DefaultLimit = 10
	MaxLimit     = 500
	// WalkLimit is the page size iterators use when the caller sets none:
	// few, large pages spend the fewest rate-limit tokens.
	WalkLimit = 100
)

// Page is one page of a list.
type Page[T any] struct {
	// Data holds the items of this page, in the API's order.
	Data []*T `json:"data"`
	// TotalCount is the number of items across all pages, when HasTotal.
	TotalCount int64 `json:"total_count"`
	// HasTotal is false for bare-array endpoints, which give no total.
	HasTotal bool `json:"-"`
}

// UnmarshalJSON accepts both an envelope and a bare array.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) > 0 && b[0] == '[' {
		p.HasTotal = false
		p.TotalCount = 0
		return json.Unmarshal(b, &p.Data)
	}
	var env struct {
		Data []*T `json:"data"`
		// The M2M token list names its items m2m_tokens.
		M2MTokens  []*T       `json:"m2m_tokens"`
		TotalCount totalCount `json:"total_count"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	p.Data = env.Data
	if p.Data == nil {
		p.Data = env.M2MTokens
	}
	p.HasTotal = env.TotalCount.set
	p.TotalCount = env.TotalCount.n
	return nil
}

// totalCount decodes total_count from any JSON number: most lists send an
// integer, but the spec types some totals (API keys, M2M tokens) as
// number, so a fraction is truncated toward zero, an exponent is
// accepted, and a number beyond int64 saturates. Anything but a number or
// null is refused. A value field with
// a pointer-receiver UnmarshalJSON costs no allocation.
type totalCount struct {
	n   int64
	set bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *totalCount) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = totalCount{}
		return nil
	}
	// The common case, a plain integer, without strconv's float path.
	if !bytes.ContainsAny(b, ".eE") {
		if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
			*t = totalCount{n: n, set: true}
			return nil
		}
	}
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return fmt.Errorf("pagination: total_count is not a number: %.20s", b)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) {
		return fmt.Errorf("pagination: total_count is not a number: %.20s", b)
	}
	// Beyond int64 (no real total, but a valid JSON number) saturates;
	// float64(math.MaxInt64) rounds up to 2^63, which int64 cannot hold.
	switch f = math.Trunc(f); {
	case f >= math.MaxInt64:
		*t = totalCount{n: math.MaxInt64, set: true}
	case f <= math.MinInt64:
		*t = totalCount{n: math.MinInt64, set: true}
	default:
		*t = totalCount{n: int64(f), set: true}
	}
	return nil
}
