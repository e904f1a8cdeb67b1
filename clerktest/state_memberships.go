package clerktest

// membership is a stored organization membership.
type membership struct {
	id, orgID, userID, role string
	seq                     int64
	pub, priv               map[string]any
	createdAt, updatedAt    int64
}

// membershipJSON is the spec's OrganizationMembership: it embeds the whole
// organization and the member's public data (clients crash without them).
type membershipJSON struct {
	ID              string          `json:"id"`
	Object          string          `json:"object"`
	Role            string          `json:"role"`
	RoleName        string          `json:"role_name"`
	Permissions     []string        `json:"permissions"`
	PublicMetadata  map[string]any  `json:"public_metadata"`
	PrivateMetadata map[string]any  `json:"private_metadata"`
	Organization    orgJSON         `json:"organization"`
	PublicUserData  *publicUserJSON `json:"public_user_data,omitempty"`
	CreatedAt       int64           `json:"created_at"`
	UpdatedAt       int64           `json:"updated_at"`
}

// publicUserJSON is OrganizationMembershipPublicUserData.
type publicUserJSON struct {
	UserID          string  `json:"user_id"`
	FirstName       *string `json:"first_name"`
	LastName        *string `json:"last_name"`
	ProfileImageURL *string `json:"profile_image_url"`
	ImageURL        string  `json:"image_url"`
	HasImage        bool    `json:"has_image"`
	Identifier      *string `json:"identifier"`
	Username        *string `json:"username"`
	Banned          bool    `json:"banned"`
}

func (st *state) membershipJSON(m *membership) membershipJSON {
	out := membershipJSON{
		ID: m.id, Object: "organization_membership", Role: m.role, RoleName: roleName(m.role),
		Permissions:    st.permissionsOf(m.role),
		PublicMetadata: cloneMetadata(m.pub), PrivateMetadata: cloneMetadata(m.priv),
		CreatedAt: m.createdAt, UpdatedAt: m.updatedAt,
	}
	if o, ok := st.orgs[m.orgID]; ok {
		out.Organization = st.orgJSON(o, orgCounts{})
	}
	if u, ok := st.users[m.userID]; ok {
		out.PublicUserData = &publicUserJSON{
			UserID: u.id, FirstName: u.firstName, LastName: u.lastName,
			ProfileImageURL: strp(imageURL), ImageURL: imageURL,
			Identifier: strp(u.identifier()), Username: u.username, Banned: u.banned,
		}
	}
	return out
}

// addMembership stores a membership; callers checked everything.
func (st *state) addMembership(o *org, u *user, role string, pub, priv map[string]any, now int64) *membership {
	if pub == nil {
		pub = map[string]any{}
	}
	if priv == nil {
		priv = map[string]any{}
	}
	m := &membership{
		id: newID("orgmem"), seq: st.next(), orgID: o.id, userID: u.id, role: role,
		pub: pub, priv: priv, createdAt: now, updatedAt: now,
	}
	st.memberships[m.id] = m
	return m
}

// findMembership returns the membership of a user in an organization.
func (st *state) findMembership(orgID, userID string) *membership {
	for _, m := range st.memberships {
		if m.orgID == orgID && m.userID == userID {
			return m
		}
	}
	return nil
}

// lookupMembership answers 404 for an unknown organization or member.
func (st *state) lookupMembership(orgIDOrSlug, userID string) (*org, *membership, *apiError) {
	o, e := st.lookupOrg(orgIDOrSlug)
	if e != nil {
		return nil, nil, e
	}
	m := st.findMembership(o.id, userID)
	if m == nil {
		return nil, nil, errNotFound("organization membership", userID)
	}
	return o, m, nil
}

// removeMembership deletes a membership; sessions that had the
// organization active lose it.
func (st *state) removeMembership(m *membership) {
	delete(st.memberships, m.id)
	for _, s := range st.sessions {
		if s.userID == m.userID && s.lastActiveOrgID != nil && *s.lastActiveOrgID == m.orgID {
			s.lastActiveOrgID = nil
		}
	}
}
