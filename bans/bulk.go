package bans

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/users"
)

// BanManyLimit is the most user IDs one POST /users/ban accepts; BanMany
// splits larger inputs into calls of this size.
const BanManyLimit = 50

// UnbanManyLimit is the most user IDs one POST /users/unban accepts;
// UnbanMany splits larger inputs into calls of this size.
const UnbanManyLimit = 50

// BanMany bans every user in userIDs, in calls of BanManyLimit IDs, one
// after another, and returns the banned users in the order the API
// answers them. Every ID is checked before the first call, so bad input
// sends nothing.
//
// Every call is attempted even when an earlier one failed (unless
// clerk.WithStopOnError is given). The API refuses a call as a whole when
// one of its IDs is unknown; such a call is split until the unknown IDs
// are isolated, so every other user is banned. When any input was not
// processed, BanMany returns the users banned with a *core.BulkError
// holding one BulkItem per ID (its Key is the user ID) that says which
// were banned, which failed and why, and which were never sent.
//
// The calls are replay-safe. When a replayed call is refused, the users of
// that call are read back and the call counts as done if all of them are
// banned.
//
// API: POST /users/ban (UsersBan)
func (s *Service) BanMany(ctx context.Context, userIDs []string, opts ...core.RequestOption) ([]*users.User, error) {
	return s.bulk(ctx, "/users/ban", "Bans.BanMany", BanManyLimit, userIDs, isBanned, opts)
}

// UnbanMany lifts the ban of every user in userIDs, in calls of
// UnbanManyLimit IDs; failures and replays are handled as in BanMany.
//
// API: POST /users/unban (UsersUnban)
func (s *Service) UnbanMany(ctx context.Context, userIDs []string, opts ...core.RequestOption) ([]*users.User, error) {
	return s.bulk(ctx, "/users/unban", "Bans.UnbanMany", UnbanManyLimit, userIDs, isUnbanned, opts)
}

type bulkBody struct {
	UserIDs []string `json:"user_ids"`
}

func (s *Service) bulk(ctx context.Context, path, op string, limit int, ids []string, done func(*users.User) bool, opts []core.RequestOption) ([]*users.User, error) {
	if ctx == nil {
		return nil, transport.Invalid("ctx", "must not be nil")
	}
	if len(ids) == 0 {
		return nil, transport.Invalid("userIDs", "must hold at least one user ID")
	}
	for i, id := range ids {
		if err := transport.ValidateID(fmt.Sprintf("userIDs[%d]", i), id); err != nil {
			return nil, err
		}
	}
	return bulk.Process(ctx, ids, bulk.Job[string, *users.User]{
		Op:          op,
		Size:        limit,
		Key:         func(id string) string { return id },
		StopOnError: core.ApplyRequestOptions(opts).StopOnError,
		Call: func(ctx context.Context, chunk []string) ([]*users.User, error) {
			var got []*users.User
			req := &transport.Request{Method: http.MethodPost, Path: path, Body: bulkBody{UserIDs: chunk}, Replay: transport.ReplaySafe, Options: opts}
			err := s.b.Do(ctx, req, &got)
			if err != nil && transport.ReplayedRefusal(err) {
				if confirmed, ok := s.confirmAll(ctx, chunk, done, opts); ok {
					return confirmed, nil
				}
			}
			return got, err
		},
	})
}

// confirmAll reads the users of ids back (one GET /users) and reports
// whether every one of them is in the wanted state.
func (s *Service) confirmAll(ctx context.Context, ids []string, done func(*users.User) bool, opts []core.RequestOption) ([]*users.User, bool) {
	want := make(map[string]bool, len(ids))
	q := url.Values{}
	for _, id := range ids {
		if !want[id] {
			want[id] = true
			q.Add("user_id", id)
		}
	}
	q.Set("limit", transport.Itoa(len(want)))
	var got []*users.User
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users", Query: q, Options: opts}, &got); err != nil {
		return nil, false
	}
	seen := 0
	for _, u := range got {
		if u == nil || !want[u.ID] || !done(u) {
			return nil, false
		}
		want[u.ID] = false
		seen++
	}
	return got, seen == len(want)
}
