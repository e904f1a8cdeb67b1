package bans_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/users"
)

func TestReplaySingle(t *testing.T) {
	t.Parallel()
	ops := []struct {
		name   string
		call   func(*bans.Service, context.Context, string, ...clerk.RequestOption) (*users.User, error)
		action string
		// done and notDone are the user after and before the operation.
		done, notDone string
	}{
		{"ban", (*bans.Service).Ban, "ban", userJSON("user_1", true, false), userJSON("user_1", false, false)},
		{"unban", (*bans.Service).Unban, "unban", userJSON("user_1", false, false), userJSON("user_1", true, false)},
		{"lock", (*bans.Service).Lock, "lock", userJSON("user_1", false, true), userJSON("user_1", false, false)},
		{"unlock", (*bans.Service).Unlock, "unlock", userJSON("user_1", false, false), userJSON("user_1", false, true)},
	}
	for _, op := range ops {
		t.Run(op.name+" is replayed after a 500", func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, func(n int, _ call) reply {
				if n == 0 {
					return reply{Status: http.StatusInternalServerError, Body: errorBody("internal", "boom")}
				}
				return reply{Status: http.StatusOK, Body: op.done}
			})
			if _, err := op.call(c.Bans, context.Background(), "user_1"); err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) != 2 {
				t.Fatalf("%d requests, want 2", len(calls))
			}
			for _, call := range calls {
				checkCall(t, call, http.MethodPost, "/users/user_1/"+op.action, nil, "")
			}
		})
		t.Run(op.name+": already done after a replay is success", func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, func(n int, _ call) reply {
				switch n {
				case 0:
					return reply{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}
				case 1:
					return reply{Status: http.StatusBadRequest, Body: errorBody("already_done", "user is already in that state")}
				}
				return reply{Status: http.StatusOK, Body: op.done}
			})
			u, err := op.call(c.Bans, context.Background(), "user_1")
			if err != nil || u.ID != "user_1" {
				t.Fatalf("got %+v, %v", u, err)
			}
			calls := f.Calls()
			if len(calls) != 3 {
				t.Fatalf("%d requests, want 3", len(calls))
			}
			checkCall(t, calls[2], http.MethodGet, "/users/user_1", nil, "")
		})
		t.Run(op.name+": refusal after a replay, state not reached", func(t *testing.T) {
			t.Parallel()
			c, _ := newFake(t, func(n int, _ call) reply {
				switch n {
				case 0:
					return reply{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}
				case 1:
					return reply{Status: http.StatusConflict, Body: errorBody("conflict", "no")}
				}
				return reply{Status: http.StatusOK, Body: op.notDone}
			})
			if _, err := op.call(c.Bans, context.Background(), "user_1"); !errors.Is(err, clerk.ErrConflict) {
				t.Errorf("err = %v, want the refusal", err)
			}
		})
	}
	t.Run("refusal on the first attempt is an error, no lookup", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusPaymentRequired, errorBody("feature_requires_paid_plan", "paid")))
		if _, err := c.Bans.Ban(context.Background(), "user_1"); !errors.Is(err, clerk.ErrPaymentRequired) {
			t.Errorf("err = %v", err)
		}
		if n := len(f.Calls()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

func TestReplayBulk(t *testing.T) {
	t.Parallel()
	in := ids(60)
	t.Run("already banned after a replay is success", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, func(n int, c call) reply {
			switch n {
			case 1:
				return reply{Status: http.StatusServiceUnavailable, Body: "unavailable"}
			case 2:
				return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("already_banned", "already banned")}
			case 3: // GET /users confirming the second chunk
				return reply{Status: http.StatusOK, Body: usersJSON(c.Query["user_id"], true)}
			}
			return bulkEcho(-1)(n, c)
		})
		got, err := c.Bans.BanMany(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 60 {
			t.Errorf("%d users, want 60", len(got))
		}
		calls := f.Calls()
		if len(calls) != 4 {
			t.Fatalf("%d requests, want 4", len(calls))
		}
		checkCall(t, calls[3], http.MethodGet, "/users", url.Values{"user_id": in[50:], "limit": {"10"}}, "")
	})
	t.Run("refusal after a replay, not all banned", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, func(n int, c call) reply {
			switch n {
			case 0:
				return reply{Status: http.StatusServiceUnavailable, Body: "unavailable"}
			case 1:
				return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("bad", "no")}
			}
			if c.Method == http.MethodGet {
				// Only the first of the chunk is banned.
				return reply{Status: http.StatusOK, Body: usersJSON(c.Query["user_id"][:1], true)}
			}
			if slices.Contains(bodyIDs(t, c), in[0]) || slices.Contains(bodyIDs(t, c), in[49]) {
				return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("bad", "no")}
			}
			return bulkEcho(-1)(n, c)
		})
		got, err := c.Bans.BanMany(context.Background(), in)
		var be *clerk.BulkError
		if !errors.As(err, &be) || !errors.Is(err, clerk.ErrUnprocessable) {
			t.Fatalf("err = %v", err)
		}
		// The unconfirmed chunk is isolated (bans are replay-safe): only
		// the IDs refused on their own fail.
		if len(be.Processed()) != len(got) || len(be.Failed()) == 0 || len(be.NotSent()) != 0 {
			t.Errorf("got %d users; report %d/%d/%d", len(got), len(be.Processed()), len(be.Failed()), len(be.NotSent()))
		}
		for _, it := range be.Failed() {
			if it.Key != in[0] && it.Key != in[49] {
				t.Errorf("%s failed", it.Key)
			}
		}
	})
}

func TestReplayIdentifiers(t *testing.T) {
	t.Parallel()
	t.Run("creates are not replayed after a 500", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusInternalServerError, errorBody("internal", "boom")))
		_, err1 := c.Bans.CreateAllowlistIdentifier(context.Background(), &bans.CreateAllowlistIdentifierParams{Identifier: "a@example.com"})
		_, err2 := c.Bans.CreateBlocklistIdentifier(context.Background(), &bans.CreateBlocklistIdentifierParams{Identifier: "b@example.com"})
		if !errors.Is(err1, clerk.ErrServer) || !errors.Is(err2, clerk.ErrServer) {
			t.Errorf("errs = %v, %v", err1, err2)
		}
		if n := len(f.Calls()); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
	for _, tc := range []struct {
		name, object, path string
		del                func(*bans.Service, context.Context, string, ...clerk.RequestOption) (*clerk.DeletedObject, error)
	}{
		{"allowlist", "allowlist_identifier", "/allowlist_identifiers/id_1", (*bans.Service).DeleteAllowlistIdentifier},
		{"blocklist", "blocklist_identifier", "/blocklist_identifiers/id_1", (*bans.Service).DeleteBlocklistIdentifier},
	} {
		t.Run(tc.name+" delete: not found after a replay is success", func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, func(n int, _ call) reply {
				if n == 0 {
					return reply{Status: http.StatusGatewayTimeout, Body: "timeout"}
				}
				return reply{Status: http.StatusNotFound, Body: errorBody("resource_not_found", "not found")}
			})
			got, err := tc.del(c.Bans, context.Background(), "id_1")
			if err != nil {
				t.Fatal(err)
			}
			if *got != (clerk.DeletedObject{Object: tc.object, ID: "id_1", Deleted: true}) {
				t.Errorf("got %+v", got)
			}
			calls := f.Calls()
			if len(calls) != 2 {
				t.Fatalf("%d requests, want 2", len(calls))
			}
			checkCall(t, calls[1], http.MethodDelete, tc.path, nil, "")
		})
		t.Run(tc.name+" delete: not found on the first attempt is an error", func(t *testing.T) {
			t.Parallel()
			c, _ := newFake(t, always(http.StatusNotFound, errorBody("resource_not_found", "not found")))
			if _, err := tc.del(c.Bans, context.Background(), "id_1"); !errors.Is(err, clerk.ErrNotFound) {
				t.Errorf("err = %v", err)
			}
		})
	}
}
