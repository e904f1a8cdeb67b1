package clerktest

import (
	"fmt"
	"time"
)

// User seeds a user with AddUser. Zero fields are left out. The same
// checks as POST /users apply (unique email, username and external id).
type User struct {
	// Email becomes the primary (verified) email address.
	Email string
	// Phone becomes the primary phone number (E.164, e.g. +15555550100).
	Phone                                     string
	Username, FirstName, LastName, ExternalID string
	// Password is stored so POST /users/{id}/verify_password can check it.
	Password string
	// Metadata: any value that marshals to a JSON object.
	PublicMetadata, PrivateMetadata, UnsafeMetadata any
	Banned, Locked                                  bool
	// CreatedAt backdates the user (default: the server's clock), which
	// orders seeded users deterministically.
	CreatedAt time.Time
}

// Organization seeds an organization with AddOrganization.
type Organization struct {
	Name string
	// Slug defaults to one derived from Name.
	Slug string
	// CreatedBy, when set, becomes the organization's first admin.
	CreatedBy string
	// MaxAllowedMemberships: 0 means unlimited.
	MaxAllowedMemberships int64
	// Metadata: any value that marshals to a JSON object.
	PublicMetadata, PrivateMetadata any
	CreatedAt                       time.Time
}

// seedError names the seeder and the API error it ran into.
func seedError(op string, e *apiError) error {
	d := errorDetail{}
	if len(e.details) > 0 {
		d = e.details[0]
	}
	return fmt.Errorf("clerktest: %s: %d %s: %s", op, e.status, d.Code, d.LongMessage)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func metadataField(op, name string, v any) (rawObject, error) {
	m, err := metadataFromGo(v)
	if err != nil {
		return rawObject{}, fmt.Errorf("clerktest: %s: %s: %v", op, name, err)
	}
	return rawObject{set: true, v: m}, nil
}

// seeded returns id, or ends the test when err is not nil: the seed
// helpers of a server made by NewServer fail its test (t.Fatalf, so call
// them from the test's goroutine). A server made by Start has no test;
// its seed helpers then return "" on error, and the Try variants say why.
func (s *Server) seeded(id string, err error) string {
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Fatalf("%v", err)
		}
		return ""
	}
	return id
}

// AddUser stores a user directly (no request is logged) and returns its
// user_… ID. A user the fake refuses (a taken email, bad metadata) fails
// the test; TryAddUser returns the error instead.
func (s *Server) AddUser(u User) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seeded(s.TryAddUser(u))
}

// TryAddUser is AddUser returning its error, for servers made with Start.
func (s *Server) TryAddUser(u User) (string, error) {
	skipChecks := true // seeds may use short passwords
	b := createUserBody{
		ExternalID: optString(u.ExternalID), FirstName: optString(u.FirstName), LastName: optString(u.LastName),
		Username: optString(u.Username), Password: optString(u.Password),
		Banned: &u.Banned, Locked: &u.Locked, SkipPasswordChecks: &skipChecks,
	}
	if u.Email != "" {
		b.EmailAddress = []string{u.Email}
	}
	if u.Phone != "" {
		b.PhoneNumber = []string{u.Phone}
	}
	if !u.CreatedAt.IsZero() {
		b.CreatedAt = strp(u.CreatedAt.Format(time.RFC3339Nano))
	}
	var err error
	if b.PublicMetadata, err = metadataField("AddUser", "PublicMetadata", u.PublicMetadata); err != nil {
		return "", err
	}
	if b.PrivateMetadata, err = metadataField("AddUser", "PrivateMetadata", u.PrivateMetadata); err != nil {
		return "", err
	}
	if b.UnsafeMetadata, err = metadataField("AddUser", "UnsafeMetadata", u.UnsafeMetadata); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	created, e := s.st.createUser(&b, s.nowMillis())
	if e != nil {
		return "", seedError("AddUser", e)
	}
	return created.id, nil
}

// AddOrganization stores an organization directly and returns its org_…
// ID. A refused organization fails the test; TryAddOrganization returns
// the error instead.
func (s *Server) AddOrganization(o Organization) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seeded(s.TryAddOrganization(o))
}

// TryAddOrganization is AddOrganization returning its error.
func (s *Server) TryAddOrganization(o Organization) (string, error) {
	b := createOrgBody{Name: &o.Name, Slug: optString(o.Slug), CreatedBy: optString(o.CreatedBy)}
	if o.MaxAllowedMemberships != 0 {
		b.MaxAllowedMemberships = &o.MaxAllowedMemberships
	}
	if !o.CreatedAt.IsZero() {
		b.CreatedAt = strp(o.CreatedAt.Format(time.RFC3339Nano))
	}
	var err error
	if b.PublicMetadata, err = metadataField("AddOrganization", "PublicMetadata", o.PublicMetadata); err != nil {
		return "", err
	}
	if b.PrivateMetadata, err = metadataField("AddOrganization", "PrivateMetadata", o.PrivateMetadata); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	created, e := s.st.createOrg(&b, s.nowMillis())
	if e != nil {
		return "", seedError("AddOrganization", e)
	}
	return created.id, nil
}

// AddMembership makes userID a member of orgID (an ID or a slug) with
// role (e.g. "org:admin", "org:member", or one declared with WithRole)
// and returns the orgmem_… ID. An unknown organization, user or role
// fails the test; TryAddMembership returns the error instead.
func (s *Server) AddMembership(orgID, userID, role string) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seeded(s.TryAddMembership(orgID, userID, role))
}

// TryAddMembership is AddMembership returning its error.
func (s *Server) TryAddMembership(orgID, userID, role string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.st.lookupOrg(orgID)
	if e != nil {
		return "", seedError("AddMembership", e)
	}
	u, e := s.st.lookupUser(userID)
	if e != nil {
		return "", seedError("AddMembership", e)
	}
	if e := s.st.checkRole(role); e != nil {
		return "", seedError("AddMembership", e)
	}
	m, e := s.st.join(o, u, role, nil, nil, s.nowMillis())
	if e != nil {
		return "", seedError("AddMembership", e)
	}
	return m.id, nil
}

// AddSession signs userID in (an active session on a new client, as POST
// /sessions does) and returns the sess_… ID. activeOrgID, when not empty,
// is the session's active organization; the user must be a member. An
// unknown user or organization fails the test; TryAddSession returns the
// error instead.
func (s *Server) AddSession(userID, activeOrgID string) string {
	if s.tb != nil {
		s.tb.Helper()
	}
	return s.seeded(s.TryAddSession(userID, activeOrgID))
}

// TryAddSession is AddSession returning its error.
func (s *Server) TryAddSession(userID, activeOrgID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, e := s.st.lookupUser(userID)
	if e != nil {
		return "", seedError("AddSession", e)
	}
	sess, e := s.st.newSession(u, activeOrgID, s.nowMillis())
	if e != nil {
		return "", seedError("AddSession", e)
	}
	return sess.id, nil
}
