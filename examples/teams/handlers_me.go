package main

import (
	"net/http"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/jwt"
)

// appMetadata is the part of a user's public metadata this application
// owns. Public metadata is written by the backend only (see setRole) and
// readable by the frontend, which makes it the place for an application
// role; unsafe metadata, which users can write themselves, never is.
type appMetadata struct {
	Role string `json:"role,omitempty"`
}

// meResponse is what GET /me answers: the user's profile from the Backend
// API, which the session token does not carry, and the session's active
// organization, which it does. The users.User itself is not passed on:
// it holds private metadata, which must never reach a browser.
type meResponse struct {
	ID           string     `json:"id"`
	Email        string     `json:"email,omitempty"`
	FirstName    string     `json:"first_name,omitempty"`
	LastName     string     `json:"last_name,omitempty"`
	Username     string     `json:"username,omitempty"`
	ImageURL     string     `json:"image_url,omitempty"`
	Role         string     `json:"role,omitempty"`
	CreatedAt    int64      `json:"created_at"`
	LastSignInAt *int64     `json:"last_sign_in_at"`
	Organization *activeOrg `json:"organization"`
}

// activeOrg is the session's active organization, from the claims.
type activeOrg struct {
	ID          string   `json:"id"`
	Slug        string   `json:"slug,omitempty"`
	Role        string   `json:"role"`
	Permissions []string `json:"permissions"`
}

// me answers GET /me with the signed-in user's details. The user is the
// token's subject; there is no way to ask for anyone else here.
func (s *server) me(w http.ResponseWriter, r *http.Request, c *jwt.Claims) {
	u, err := s.users.Get(r.Context(), c.Subject)
	if err != nil {
		s.writeAPIError(w, r, err)
		return
	}
	resp := meResponse{
		ID:        u.ID,
		FirstName: deref(u.FirstName),
		LastName:  deref(u.LastName),
		Username:  deref(u.Username),
		ImageURL:  u.ImageURL,
		CreatedAt: u.CreatedAt.UnixMilli(),
	}
	if u.LastSignInAt != nil {
		ms := u.LastSignInAt.UnixMilli()
		resp.LastSignInAt = &ms
	}
	if e := u.PrimaryEmailAddress(); e != nil {
		resp.Email = e.EmailAddress
	}
	// Metadata that does not decode (a role that is not a string, say)
	// just means no application role.
	if md, err := clerk.DecodeMetadata[appMetadata](u.PublicMetadata); err == nil {
		resp.Role = md.Role
	}
	if c.OrgID != "" {
		resp.Organization = &activeOrg{
			ID:          c.OrgID,
			Slug:        c.OrgSlug,
			Role:        c.OrgRole,
			Permissions: append([]string{}, c.OrgPermissions...),
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// deref returns *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
