package clerktest

import "strings"

// WithMembership returns a TokenOption that makes orgID the token's active
// organization with the role userID has in it and that role's
// permissions, as the fake knows them at the time of the call: roles and
// permissions created through the API (OrganizationRoles,
// OrganizationPermissions) included. System permissions (org:sys_*) stay
// out of the token, as on Clerk. When the user is no member of orgID, the
// option does nothing and the test gets a token without an organization.
//
//	tok := srv.NewSessionToken(userID, srv.WithMembership(orgID, userID))
func (s *Server) WithMembership(orgID, userID string) TokenOption {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.findMembership(orgID, userID)
	if m == nil {
		return nil
	}
	var perms []string
	for _, p := range s.st.roles[m.role] {
		if !strings.HasPrefix(p, "org:sys_") {
			perms = append(perms, p)
		}
	}
	return WithOrg(orgID, m.role, perms...)
}
