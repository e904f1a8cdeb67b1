package identity

import (
	"context"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// send fills template with ids, sends the request and decodes the answer
// into a new T.
func send[T any](ctx context.Context, b *transport.Backend, method, template string, body any, replay transport.Replay, opts []core.RequestOption, ids ...string) (*T, error) {
	path, err := transport.Path(template, ids...)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := b.Do(ctx, &transport.Request{Method: method, Path: path, Body: body, Replay: replay, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}
