package transport

import (
	"context"

	"github.com/clerkgo/clerk/core"
)

// Call sends one request and decodes the 2xx answer into a new T: the
// common body of a service method.
//
//	return transport.Call[Role](ctx, s.b, http.MethodGet, path, nil, transport.ReplayByMethod, opts)
func Call[T any](ctx context.Context, b *Backend, method, path string, body any, replay Replay, opts []core.RequestOption) (*T, error) {
	out := new(T)
	if err := b.Do(ctx, &Request{Method: method, Path: path, Body: body, Replay: replay, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}
