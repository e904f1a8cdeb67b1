package main

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/organizations"
)

// The organization role and permission the routes demand. Roles and
// permissions are configured per instance in the Clerk dashboard;
// org:admin is built in, org:members:manage is a custom permission
// ("members" feature, "manage" permission) granted to the roles that may
// ban users.
const (
	roleAdmin         = "org:admin"
	permManageMembers = "org:members:manage"
)

// newVerifier builds the session token verifier from a key option
// (jwt.WithPEM for CLERK_JWT_KEY, jwt.WithKeySource for the client's
// JWKS). It accepts only tokens minted for one of parties, the origins of
// this API's frontends: Clerk puts the origin in "azp", and without this
// check a token minted for any other site of the same Clerk instance would
// be good here too.
func newVerifier(key jwt.Option, parties []string) (*jwt.Verifier, error) {
	return jwt.NewVerifier(key, jwt.WithAuthorizedParties(parties...))
}

// claimsHandler is a handler that is handed the verified claims of the
// request. Everything a handler decides about who may do what comes from
// these claims and from the Backend API, never from the request body,
// the query or headers the client controls.
type claimsHandler func(w http.ResponseWriter, r *http.Request, c *jwt.Claims)

// withClaims adapts h to http.Handler. It is meant to sit behind a
// clerkhttp.Require* wrapper; should it ever run without one, a request
// without claims is answered 401 rather than handled.
func withClaims(h claimsHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, ok := clerkhttp.ClaimsFromContext(r.Context())
		if !ok {
			writeProblem(w, &problem{Status: http.StatusUnauthorized, Error: "signed_out", Reason: "token_missing",
				Message: "a session token is required"})
			return
		}
		h(w, r, c)
	})
}

// activeMember reports whether userID is a member of the organization
// that is active in the caller's session (c.OrgID), asking the Backend API:
// membership may have changed since the token was minted, and a user id
// from the path says nothing by itself.
//
// The user_id filter of the API also accepts "+" and "-" prefixes
// ("-user_1" means everyone but user_1), so the answer is compared with
// userID exactly rather than trusted for being non-empty.
func (s *server) activeMember(ctx context.Context, c *jwt.Claims, userID string) (bool, error) {
	if c.OrgID == "" || userID == "" {
		return false, nil
	}
	page, err := s.orgs.ListMemberships(ctx, c.OrgID, &organizations.ListMembershipsParams{
		UserIDs: []string{userID},
		Limit:   1,
	})
	if err != nil {
		return false, err
	}
	for _, m := range page.Data {
		if m.PublicUserData != nil && m.PublicUserData.UserID == userID {
			return true, nil
		}
	}
	return false, nil
}

// notAMember is the 403 for a target user outside the caller's active
// organization. A user who does not exist gets the same answer, so the
// endpoint cannot be used to probe which user ids exist.
func notAMember() *problem {
	return forbidden("not_a_member", "the user is not a member of your active organization")
}
