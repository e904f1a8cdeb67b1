package transport

import (
	"iter"

	"github.com/clerkgo/clerk/core"
)

// NotImplemented is what the methods of the services' Unimplemented fakes
// return: a *core.NotImplementedError naming the method ("Users.Get").
func NotImplemented(method string) error { return &core.NotImplementedError{Method: method} }

// NotImplementedSeq is the iterator of an Unimplemented fake: it yields
// NotImplemented(method) once.
func NotImplementedSeq[T any](method string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, NotImplemented(method)) }
}
