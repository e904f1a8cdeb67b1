package main

import (
	"github.com/clerkgo/clerk"
	"net/http"

	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/users"
)

// The application roles PATCH /users/{id}/role accepts. They are this
// application's own, kept in the user's public metadata, and distinct from
// the organization roles (org:admin, org:member) that Clerk puts in the
// session token.
const (
	roleViewer  = "viewer"
	roleEditor  = "editor"
	roleManager = "manager"
)

// isAppRole reports whether role is one of the application roles.
func isAppRole(role string) bool {
	switch role {
	case roleViewer, roleEditor, roleManager:
		return true
	}
	return false
}

// setRoleRequest is the body of PATCH /users/{id}/role. The target user is
// the path's, the organization the session's: neither can come from here.
type setRoleRequest struct {
	Role string `json:"role"`
}

// roleResponse is what PATCH /users/{id}/role answers: the role as stored.
type roleResponse struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

// setRole answers PATCH /users/{id}/role: an org:admin (checked by the
// route) sets public_metadata.role of a member of their active
// organization.
//
// The role is merged into the public metadata (UpdateMetadata deep-merges)
// so the user's other keys stay. Note that public metadata is per user,
// not per organization: for roles that differ between organizations,
// keep them on the membership instead (UpdateMembershipMetadata).
func (s *server) setRole(w http.ResponseWriter, r *http.Request, c *jwt.Claims) {
	target := r.PathValue("id")
	var req setRoleRequest
	if p := decodeJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	if req.Role == "" {
		writeProblem(w, invalid("missing_role", "role is required"))
		return
	}
	if !isAppRole(req.Role) {
		writeProblem(w, invalid("unknown_role", "role must be "+roleViewer+", "+roleEditor+" or "+roleManager))
		return
	}

	ok, err := s.activeMember(r.Context(), c, target)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	if !ok {
		writeProblem(w, notAMember())
		return
	}
	u, err := s.users.UpdateMetadata(r.Context(), target, &users.MetadataParams{
		// Only "role" is sent: the merge leaves the user's other keys alone.
		PublicMetadata: map[string]any{"role": req.Role},
	})
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	md, err := clerk.DecodeMetadata[appMetadata](u.PublicMetadata)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, roleResponse{ID: u.ID, Role: md.Role})
}

// banResponse is what POST /users/{id}/ban answers.
type banResponse struct {
	ID     string `json:"id"`
	Banned bool   `json:"banned"`
}

// ban answers POST /users/{id}/ban for a caller holding org:members:manage
// (checked by the route). A ban is instance-wide (the user is signed out
// everywhere and cannot sign in), so the permission in one organization is
// not enough on its own: the target must also be a member of the caller's
// active organization. Banning oneself is refused; the request body, if
// any, is ignored.
func (s *server) ban(w http.ResponseWriter, r *http.Request, c *jwt.Claims) {
	target := r.PathValue("id")
	if target == c.Subject {
		writeProblem(w, invalid("cannot_ban_self", "you cannot ban yourself"))
		return
	}
	ok, err := s.activeMember(r.Context(), c, target)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	if !ok {
		writeProblem(w, notAMember())
		return
	}
	u, err := s.bans.Ban(r.Context(), target)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, banResponse{ID: u.ID, Banned: u.Banned})
}
