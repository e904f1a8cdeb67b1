package clerk

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// Ptr returns a pointer to v, for the optional fields of params structs:
// &users.ListParams{Query: clerk.Ptr("ada")}.
func Ptr[T any](v T) *T { return &v }

// DecodeMetadata decodes a metadata field (public, private or unsafe, of any
// resource) into T. Empty or null metadata gives T's zero value.
//
//	pub, err := clerk.DecodeMetadata[AppPublic](u.PublicMetadata)
func DecodeMetadata[T any](raw json.RawMessage) (T, error) {
	return transport.DecodeObject[T](raw)
}

// WithRequestHeader returns a context whose API calls also send the header
// key: value (for example a correlation id). Authorization and
// Clerk-API-Version cannot be overridden.
func WithRequestHeader(ctx context.Context, key, value string) context.Context {
	o := callOptions(ctx)
	h := o.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set(key, value)
	o.Header = h
	return transport.WithCallOptions(ctx, o)
}

// WithRequestMaxRetries returns a context whose API calls retry at most n
// times, overriding WithMaxRetries.
func WithRequestMaxRetries(ctx context.Context, n int) context.Context {
	o := callOptions(ctx)
	o.MaxRetries = &n
	return transport.WithCallOptions(ctx, o)
}

func callOptions(ctx context.Context) transport.CallOptions {
	o, _ := transport.CallOptionsFrom(ctx)
	return o
}
