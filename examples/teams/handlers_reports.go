package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/organizations"
)

// envMachineID holds this service's machine ID ("mch_..."), from the
// Machines page of the Clerk dashboard. It turns on GET /reports/usage.
const envMachineID = "TEAMS_MACHINE_ID"

// Page sizes of GET /reports/usage.
const (
	defaultUsagePageSize = 100
	maxUsagePageSize     = 500
)

// validMachineID reports whether id looks like a Clerk machine ID: "mch_"
// and letters, digits or underscores. A typo in the configuration fails
// at start rather than locking every caller out with 403s.
func validMachineID(id string) bool {
	rest, ok := strings.CutPrefix(id, "mch_")
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// machineHandler is a handler that is handed the verified machine token of
// the request: who is calling (a machine, "mch_...") and what the token
// grants.
type machineHandler func(w http.ResponseWriter, r *http.Request, m *clerkhttp.MachineAuth)

// withMachine adapts h to http.Handler. Like withClaims, it is meant to
// sit behind clerkhttp.AcceptTokens and RequireScope; should it ever run
// without them, a request without a machine token is answered 401.
func withMachine(h machineHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, ok := clerkhttp.MachineFromContext(r.Context())
		if !ok {
			writeProblem(w, &problem{Status: http.StatusUnauthorized, Error: "signed_out", Reason: "token_missing",
				Message: "a machine token is required"})
			return
		}
		h(w, r, m)
	})
}

// machineRoute guards next, a route for other machines of the instance
// (a billing job, a metering service) rather than for users: it accepts
// M2M tokens only, so a user's session token is refused (401, reason
// "token_kind_not_accepted"), and of those only the tokens scoped to
// machineID, this service's own machine (403, reason "missing_scope",
// otherwise).
//
// In Clerk an M2M token's scopes are the machines it may reach: a machine
// can mint tokens for the machines the dashboard lets it call, and each
// token names them. Requiring this service's machine ID as the scope is
// what makes a token minted for some other service useless here.
func machineRoute(machineID string, next http.Handler) http.Handler {
	return clerkhttp.AcceptTokens(clerkhttp.M2MToken)(clerkhttp.RequireScope(machineID)(next))
}

// teamUsage is one team's line in the usage report.
type teamUsage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
	// Members is the number of memberships: the team's seats in use.
	Members int `json:"members"`
	// MaxMembers is the team's seat limit; 0 means none.
	MaxMembers int `json:"max_members"`
	// CreatedAt is in Unix milliseconds.
	CreatedAt int64 `json:"created_at"`
}

// usageReport is what GET /reports/usage answers: one page of teams,
// oldest first, and how many there are in all.
type usageReport struct {
	Teams      []teamUsage `json:"teams"`
	TotalCount int64       `json:"total_count"`
}

// usageReport answers GET /reports/usage?limit=&offset= with the seats
// every team uses, for another machine of the instance (a billing job,
// say): one page of organizations with their member counts, oldest first
// so that teams created during a walk land on its last page. Unlike the
// user routes it is not limited to one organization: the caller is a
// trusted service, admitted by its token's scope. Each call is logged with
// the calling machine, for the audit trail.
func (s *server) usageReport(w http.ResponseWriter, r *http.Request, m *clerkhttp.MachineAuth) {
	limit, offset, p := pageQuery(r.URL.Query(), defaultUsagePageSize, maxUsagePageSize)
	if p != nil {
		writeProblem(w, p)
		return
	}
	ctx := r.Context()
	s.log.LogAttrs(ctx, slog.LevelInfo, "usage report",
		slog.String("machine", m.Subject), slog.String("token_id", m.ID),
		slog.Int("limit", limit), slog.Int("offset", offset))
	page, err := s.orgs.List(ctx, &organizations.ListParams{
		IncludeMembersCount: true,
		OrderBy:             "created_at",
		Limit:               limit,
		Offset:              offset,
	})
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	out := usageReport{Teams: make([]teamUsage, 0, len(page.Data)), TotalCount: page.TotalCount}
	for _, o := range page.Data {
		u := teamUsage{ID: o.ID, Name: o.Name, Slug: o.Slug, MaxMembers: o.MaxAllowedMemberships,
			CreatedAt: o.CreatedAt.UnixMilli()}
		if o.MembersCount != nil {
			u.Members = *o.MembersCount
		}
		out.Teams = append(out.Teams, u)
	}
	writeJSON(w, http.StatusOK, out)
}

// pageQuery reads the "limit" (1 to max, default def) and "offset" (0 or
// more, default 0) query parameters; anything else in them is a 400.
func pageQuery(q url.Values, def, maxLimit int) (limit, offset int, p *problem) {
	limit, offset = def, 0
	if v, ok := q["limit"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(lastOf(v)))
		if err != nil || n < 1 || n > maxLimit {
			return 0, 0, badRequest("invalid_limit", fmt.Sprintf("limit must be a whole number from 1 to %d", maxLimit))
		}
		limit = n
	}
	if v, ok := q["offset"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(lastOf(v)))
		if err != nil || n < 0 {
			return 0, 0, badRequest("invalid_offset", "offset must be a whole number, 0 or more")
		}
		offset = n
	}
	return limit, offset, nil
}

// lastOf is the last of a query parameter's values.
func lastOf(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

// refuseOpaque is the OpaqueVerifier of a server given none: it refuses
// every opaque machine token ("mt_...") as invalid (401), rather than the
// middleware's 503 for a verifier it does not have, which would tell the
// caller to try again later. JWT-format M2M tokens do not need it: they
// are verified locally with the instance's key.
type refuseOpaque struct {
	log *slog.Logger
	// lastWarn is when the last warning was logged (Unix nanoseconds).
	lastWarn *atomic.Int64
}

// refuseWarnEvery spaces out refuseOpaque's warnings: every made-up
// "mt_..." token sent to a machine route would otherwise log one.
const refuseWarnEvery = time.Minute

func newRefuseOpaque(log *slog.Logger) refuseOpaque {
	return refuseOpaque{log: log, lastWarn: new(atomic.Int64)}
}

// VerifyOpaque refuses the token, and logs a warning at most once a
// minute: a machine sending opaque tokens means the deployment lacks its
// OpaqueVerifier.
func (o refuseOpaque) VerifyOpaque(ctx context.Context, kind clerkhttp.TokenKind, _ string) (*clerkhttp.MachineAuth, error) {
	now := time.Now().UnixNano()
	if last := o.lastWarn.Load(); now-last >= int64(refuseWarnEvery) && o.lastWarn.CompareAndSwap(last, now) {
		o.log.LogAttrs(ctx, slog.LevelWarn, "opaque machine token refused: no OpaqueVerifier configured",
			slog.String("kind", string(kind)))
	}
	return nil, fmt.Errorf("%w: opaque %s tokens are not accepted here", clerkhttp.ErrInvalidMachineToken, kind)
}
