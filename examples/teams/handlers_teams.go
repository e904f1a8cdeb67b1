package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/organizations"
)

// cleanupTimeout bounds the delete that undoes a half-made team.
const cleanupTimeout = 10 * time.Second

// createTeamRequest is the body of POST /teams. It has no field for the
// creator, the role or an organization: those come from the session.
type createTeamRequest struct {
	Name string `json:"name"`
}

// teamResponse is what POST /teams answers.
type teamResponse struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
	// Role is the caller's role in the new team.
	Role string `json:"role"`
}

// createTeam answers POST /teams: it creates an organization and makes the
// caller its admin, in two explicit steps.
//
// The organization is created without created_by. With created_by, the
// API would add the creator as admin by itself, and the grant would be
// implicit and untestable; here the one membership call is the grant, and
// its failure is handled: the organization is deleted again, so there is
// never a team without an admin. The cost is that Organization.CreatedBy
// stays empty; the creator is the organization's first admin membership.
//
// Neither create is retried by the SDK once it may have reached the API.
// When the membership's answer is lost (clerk.ErrOutcomeUnknown) the
// organization is deleted all the same, which removes the membership if
// it was made. When the organization's own answer is lost there is no id
// to clean up with, and the answer says the outcome is unknown.
//
// The new team is not active in the caller's current token: the frontend
// switches to it (Clerk's setActive) to get a token that carries it.
func (s *server) createTeam(w http.ResponseWriter, r *http.Request, c *jwt.Claims) {
	var req createTeamRequest
	if p := decodeJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	name := strings.TrimSpace(req.Name)
	if name == "" || utf8.RuneCountInString(name) > 256 {
		writeProblem(w, invalid("invalid_name", "name must be 1 to 256 characters"))
		return
	}

	ctx := r.Context()
	org, err := s.orgs.Create(ctx, &organizations.CreateParams{Name: name})
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	m, err := s.orgs.CreateMembership(ctx, org.ID, &organizations.CreateMembershipParams{
		UserID: c.Subject,
		Role:   roleAdmin,
	})
	if err != nil {
		s.undoTeam(ctx, org.ID, err)
		s.writeAPIError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, teamResponse{ID: org.ID, Name: org.Name, Slug: org.Slug, Role: m.Role})
}

// undoTeam deletes an organization whose admin membership could not be
// made (cause), so that no half-made team is left behind. It runs even if
// the client has gone away or the request's deadline has passed, with a
// deadline of its own. If the delete fails too, the organization is left
// without members; it is logged, with its id, for someone to clean up.
func (s *server) undoTeam(ctx context.Context, orgID string, cause error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	if _, err := s.orgs.Delete(ctx, orgID); err != nil && !errors.Is(err, clerk.ErrNotFound) {
		s.log.LogAttrs(ctx, slog.LevelError, "orphaned organization: admin membership failed and the delete failed too",
			slog.String("organization_id", orgID), slog.String("membership_error", cause.Error()),
			slog.String("delete_error", err.Error()))
	}
}

// member is one element of the members stream: the membership's public
// parts. Membership private metadata stays on the server.
type member struct {
	UserID     string `json:"user_id"`
	Identifier string `json:"identifier,omitempty"`
	FirstName  string `json:"first_name,omitempty"`
	LastName   string `json:"last_name,omitempty"`
	Role       string `json:"role"`
	JoinedAt   int64  `json:"joined_at"`
}

// listMembers answers GET /teams/current/members with the members of the
// session's active organization, as a JSON array written one member at a
// time and flushed: the SDK's iterator holds one page and the handler one
// member's JSON, so memory stays flat however big the team is, and the
// client sees the first members before the last page is fetched. The organization is the
// token's; a query parameter naming another one is ignored.
//
// The status line goes out with the first member. An API failure before
// it gets a normal error answer; one after it (on a later page) can no
// longer change the status, so the connection is aborted and the client
// sees a truncated body, never a short list that looks complete.
func (s *server) listMembers(w http.ResponseWriter, r *http.Request, c *jwt.Claims) {
	params := &organizations.ListMembershipsParams{
		// Oldest first: members who join during the walk land on the
		// last page instead of shifting the offsets of the pages to come.
		OrderBy: "created_at",
		Limit:   s.pageSize,
	}
	rc := http.NewResponseController(w)
	started := false
	for m, err := range s.orgs.AllMemberships(r.Context(), c.OrgID, params) {
		if err != nil {
			if !started {
				s.writeAPIError(w, r, err)
				return
			}
			if r.Context().Err() != nil {
				return // the client is gone; nobody reads the rest
			}
			s.log.LogAttrs(r.Context(), slog.LevelError, "members stream aborted",
				slog.String("organization_id", c.OrgID), slog.String("error", err.Error()))
			panic(http.ErrAbortHandler) // net/http's way to cut a response short
		}
		item, err := json.Marshal(toMember(m))
		if err != nil {
			panic(http.ErrAbortHandler) // cannot happen: member is plain strings and numbers
		}
		sep := ",\n"
		if !started {
			setJSONHeaders(w.Header())
			w.WriteHeader(http.StatusOK)
			started, sep = true, "[\n"
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return // the client is gone
		}
		if _, err := w.Write(item); err != nil {
			return
		}
		_ = rc.Flush()
	}
	if !started {
		writeJSON(w, http.StatusOK, []member{})
		return
	}
	_, _ = io.WriteString(w, "\n]\n")
}

// toMember keeps the public parts of a membership.
func toMember(m *organizations.Membership) member {
	out := member{Role: m.Role, JoinedAt: m.CreatedAt.UnixMilli()}
	if u := m.PublicUserData; u != nil {
		out.UserID = u.UserID
		out.Identifier = deref(u.Identifier)
		out.FirstName = deref(u.FirstName)
		out.LastName = deref(u.LastName)
	}
	return out
}
