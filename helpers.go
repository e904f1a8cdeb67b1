package clerk

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Ptr returns a pointer to v, for the optional fields of params structs
// where the zero value means something (a PATCH's tri-state):
// &users.UpdateParams{FirstName: clerk.Ptr("")}.
func Ptr[T any](v T) *T { return &v }

// DecodeMetadata decodes a metadata field (public, private or unsafe, of any
// resource) into T. Empty or null metadata gives T's zero value.
//
//	pub, err := clerk.DecodeMetadata[AppPublic](u.PublicMetadata)
func DecodeMetadata[T any](raw json.RawMessage) (T, error) {
	return transport.DecodeObject[T](raw)
}

// RequestOption changes one call; every service method takes them as its
// trailing arguments. See core.RequestOption.
type RequestOption = core.RequestOption

// RequestSettings is what request options set; see core.RequestSettings.
type RequestSettings = core.RequestSettings

// MaxPrefetch caps WithPrefetch.
const MaxPrefetch = core.MaxPrefetch

// WithHeader sends key: value with the call (for example a correlation id).
//
//	u, err := c.Users.Get(ctx, id, clerk.WithHeader("X-Request-Id", rid))
func WithHeader(key, value string) RequestOption { return core.WithHeader(key, value) }

// WithRetries sets how many times this one call may be retried,
// replacing the client's WithMaxRetries (0 disables retries).
//
//	u, err := c.Users.Create(ctx, params, clerk.WithRetries(0))
func WithRetries(n int) RequestOption { return core.WithMaxRetries(n) }

// WithTimeout bounds the call, retries and waits included (for an All
// iterator: each page), on top of the context's deadline.
func WithTimeout(d time.Duration) RequestOption { return core.WithTimeout(d) }

// WithPrefetch makes an All iterator keep up to n page fetches in flight
// (capped at MaxPrefetch); items still arrive in order, and a break or
// an error cancels the fetches in flight.
//
//	for u, err := range c.Users.All(ctx, nil, clerk.WithPrefetch(8)) { ... }
func WithPrefetch(n int) RequestOption { return core.WithPrefetch(n) }

// WithStopOnError makes a bulk call stop at its first refused chunk
// instead of attempting every chunk (see BulkError).
func WithStopOnError() RequestOption { return core.WithStopOnError() }

// MetadataPatch is a typed metadata merge that can also store zero values
// and delete keys; see core.MetadataPatch.
type MetadataPatch = core.MetadataPatch

// PatchMetadata starts a metadata merge from a typed value (or nil):
//
//	clerk.PatchMetadata(AppPublic{Plan: "pro"}).Set("beta", false).Delete("legacy")
func PatchMetadata(base any) *MetadataPatch { return core.PatchMetadata(base) }

// WithQuery adds key=value to the call's query string, for flags a
// params struct does not carry.
func WithQuery(key, value string) RequestOption { return core.WithQuery(key, value) }
