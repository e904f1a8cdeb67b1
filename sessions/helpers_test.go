package sessions_test

import (
	"net/url"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
)

// The fake API of these tests is testkit's; the short local names keep
// the tests readable.
type (
	call  = testkit.Call
	reply = testkit.Reply
)

// newFake returns a client whose requests go to handle (n counts from 0).
func newFake(t *testing.T, handle func(n int, c call) reply) (*clerk.Client, *testkit.Fake) {
	t.Helper()
	return testkit.NewFake(t, handle)
}

func always(status int, body string) func(int, call) reply { return testkit.Always(status, body) }

func errorBody(code, msg string) string { return testkit.ErrorBody(code, msg) }

func checkCall(t *testing.T, got call, method, path string, query url.Values, body string) {
	t.Helper()
	testkit.CheckCall(t, got, method, path, query, body)
}
