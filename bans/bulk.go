package bans

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/users"
)

// BulkLimit is the most user IDs one POST /users/ban or /users/unban
// accepts; BanMany and UnbanMany split larger inputs into calls of this
// size.
const BulkLimit = 50

// BanMany bans every user in userIDs, in calls of BulkLimit IDs, one after
// another, and returns the banned users in the order the API answers them.
// Every ID is checked before the first call, so bad input sends nothing.
//
// The calls are replay-safe. When one fails, BanMany stops and returns the
// users banned so far with a *BulkError saying which IDs were processed,
// which were in the failed call and which were never sent; it unwraps to
// the API's error. When a replayed call is refused, the users of that call
// are read back and the call counts as done if all of them are banned.
//
// API: POST /users/ban (UsersBan)
func (s *Service) BanMany(ctx context.Context, userIDs []string) ([]*users.User, error) {
	return s.bulk(ctx, "/users/ban", "ban", userIDs, func(u *users.User) bool { return u.Banned })
}

// UnbanMany lifts the ban of every user in userIDs, in calls of BulkLimit
// IDs; failures and replays are handled as in BanMany.
//
// API: POST /users/unban (UsersUnban)
func (s *Service) UnbanMany(ctx context.Context, userIDs []string) ([]*users.User, error) {
	return s.bulk(ctx, "/users/unban", "unban", userIDs, func(u *users.User) bool { return !u.Banned })
}

type bulkBody struct {
	UserIDs []string `json:"user_ids"`
}

func (s *Service) bulk(ctx context.Context, path, op string, ids []string, done func(*users.User) bool) ([]*users.User, error) {
	if len(ids) == 0 {
		return nil, transport.Invalid("userIDs", "must hold at least one user ID")
	}
	for i, id := range ids {
		if err := transport.ValidateID(fmt.Sprintf("userIDs[%d]", i), id); err != nil {
			return nil, err
		}
	}
	out, stop := bulk.Run(ctx, ids, BulkLimit, func(ctx context.Context, chunk []string) ([]*users.User, error) {
		var got []*users.User
		req := &transport.Request{Method: http.MethodPost, Path: path, Body: bulkBody{UserIDs: chunk}, Replay: transport.ReplaySafe}
		err := s.b.Do(ctx, req, &got)
		if err != nil && transport.ReplayedRefusal(err) {
			if confirmed, ok := s.confirmAll(ctx, chunk, done); ok {
				return confirmed, nil
			}
		}
		return got, err
	})
	if stop != nil {
		return out, &BulkError{
			Op:        op,
			Processed: clone(ids[:stop.Start]),
			Failed:    clone(ids[stop.Start:stop.End]),
			NotSent:   clone(ids[stop.End:]),
			Err:       stop.Err,
		}
	}
	return out, nil
}

// confirmAll reads the users of ids back (one GET /users) and reports
// whether every one of them is in the wanted state.
func (s *Service) confirmAll(ctx context.Context, ids []string, done func(*users.User) bool) ([]*users.User, bool) {
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
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/users", Query: q}, &got); err != nil {
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

// BulkError reports a BanMany or UnbanMany that stopped part way.
type BulkError struct {
	// Op is "ban" or "unban".
	Op string
	// Processed holds the IDs of the calls that succeeded.
	Processed []string
	// Failed holds the IDs of the call that failed. Their state is
	// whatever the API left it in: read the users back before assuming
	// none of them changed, especially after a server or network error.
	Failed []string
	// NotSent holds the IDs after the failed call, never sent.
	NotSent []string
	// Err is the failed call's error (usually a *clerk.APIError).
	Err error
}

// Unprocessed returns the IDs that were not processed: Failed, then
// NotSent. Calling BanMany (or UnbanMany) again with them resumes the job.
func (e *BulkError) Unprocessed() []string {
	return append(clone(e.Failed), e.NotSent...)
}

// Error says how far the job got and why it stopped.
func (e *BulkError) Error() string {
	return fmt.Sprintf("clerk: bulk %s: %d processed, %d failed, %d not sent: %v",
		e.Op, len(e.Processed), len(e.Failed), len(e.NotSent), e.Err)
}

// Unwrap returns the failed call's error, so errors.Is and errors.As see
// the *clerk.APIError and its sentinels.
func (e *BulkError) Unwrap() error { return e.Err }

func clone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}
