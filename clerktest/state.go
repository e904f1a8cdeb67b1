package clerktest

import (
	"sort"
	"strings"
)

// state is everything the fake stores. The Server's mutex guards it.
type state struct {
	instanceID string
	seq        int64

	users          map[string]*user
	orgs           map[string]*org
	memberships    map[string]*membership // by id
	orgInvitations map[string]*orgInvitation
	invitations    map[string]*invitation
	sessions       map[string]*session
	allowlist      map[string]*identifier
	blocklist      map[string]*identifier

	roles     map[string][]string
	templates map[string]map[string]any

	// acc holds custom roles, permissions, role sets and organization
	// domains (access.go), made on first use.
	acc *accessState
	// ent holds enterprise connections and directories (enterprise.go).
	ent *enterpriseState
	// bill holds plans, prices, subscription items and statements
	// (billing_instance.go).
	bill *billingState
	// oauthApps holds OAuth applications (oauthapps.go).
	oauthApps map[string]*fakeOAuthApp
	// ident holds the identity routes' state (state_identity.go).
	ident *identityState
	// inst holds the instance settings, domains, redirect URLs, JWT
	// templates and waitlist (state_instance.go); built on first use.
	inst *instanceState
	// extras is the state of the less common operations (billing
	// credits); see state_extras.go.
	extras stateExtras
	// mach holds machines, M2M tokens, API keys and OAuth access tokens
	// (machines.go), made on first use.
	mach *machineState
}

// Built-in organization roles and their system permissions.
const (
	roleAdmin  = "org:admin"
	roleMember = "org:member"
)

func newState(instanceID string, roles map[string][]string, templates map[string]map[string]any) *state {
	st := &state{
		instanceID:     instanceID,
		users:          map[string]*user{},
		orgs:           map[string]*org{},
		memberships:    map[string]*membership{},
		orgInvitations: map[string]*orgInvitation{},
		invitations:    map[string]*invitation{},
		sessions:       map[string]*session{},
		allowlist:      map[string]*identifier{},
		blocklist:      map[string]*identifier{},
		roles: map[string][]string{
			roleAdmin: {
				"org:sys_profile:manage", "org:sys_profile:delete",
				"org:sys_memberships:read", "org:sys_memberships:manage",
				"org:sys_domains:read", "org:sys_domains:manage",
			},
			roleMember: {"org:sys_memberships:read"},
		},
		templates: templates,
	}
	for r, p := range roles {
		st.roles[r] = p
	}
	if st.templates == nil {
		st.templates = map[string]map[string]any{}
	}
	return st
}

// next returns an ever-growing sequence number: it orders records created
// in the same millisecond.
func (st *state) next() int64 {
	st.seq++
	return st.seq
}

// checkRole refuses roles the instance does not define.
func (st *state) checkRole(role string) *apiError {
	if role == "" {
		return errMissing("role")
	}
	if _, ok := st.roles[role]; !ok {
		names := make([]string, 0, len(st.roles))
		for r := range st.roles {
			names = append(names, r)
		}
		sort.Strings(names)
		return errValue("role", "unknown role "+role+"; the instance defines "+strings.Join(names, ", "))
	}
	return nil
}

// permissionsOf returns a copy of a role's permissions (never nil: the
// spec requires the array).
func (st *state) permissionsOf(role string) []string {
	return append([]string{}, st.roles[role]...)
}

// roleName is the human name Clerk shows for a role key.
func roleName(role string) string {
	switch role {
	case roleAdmin:
		return "Admin"
	case roleMember:
		return "Member"
	}
	name := strings.ReplaceAll(strings.TrimPrefix(role, "org:"), "_", " ")
	if name == "" {
		return role
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
