package main

import (
	"context"
	"log/slog"
	"net/http"
	"sort"
	"sync"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/webhooks"
)

// envWebhookSecret holds the signing secret of the webhook endpoint
// (dashboard, Webhooks, the endpoint's "Signing Secret"). Two secrets
// separated by a space are both accepted, for a rotation.
const envWebhookSecret = "CLERK_WEBHOOK_SECRET"

// LocalMember is this app's own copy of a user and their memberships,
// kept in sync by Clerk's webhooks (the table most apps keep to join
// users with their own data).
type LocalMember struct {
	UserID    string
	Email     string
	FirstName string
	LastName  string
	// Roles maps an organization ID to the user's role in it.
	Roles map[string]string
}

// MemberTable is the local member table. It is safe for concurrent use.
type MemberTable struct {
	mu      sync.Mutex
	members map[string]*LocalMember
}

// NewMemberTable returns an empty table.
func NewMemberTable() *MemberTable {
	return &MemberTable{members: map[string]*LocalMember{}}
}

// Get returns a copy of a user's row.
func (t *MemberTable) Get(userID string) (LocalMember, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	m, ok := t.members[userID]
	if !ok {
		return LocalMember{}, false
	}
	out := *m
	out.Roles = make(map[string]string, len(m.Roles))
	for k, v := range m.Roles {
		out.Roles[k] = v
	}
	return out, true
}

// UserIDs returns the IDs of the users in the table, sorted.
func (t *MemberTable) UserIDs() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ids := make([]string, 0, len(t.members))
	for id := range t.members {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// row returns the user's row, created when missing (a membership event
// may come before the user's; t.mu is held).
func (t *MemberTable) row(userID string) *LocalMember {
	m, ok := t.members[userID]
	if !ok {
		m = &LocalMember{UserID: userID, Roles: map[string]string{}}
		t.members[userID] = m
	}
	return m
}

// Apply updates the table from one event. Types the table does not track
// are ignored (nil error: Clerk must not retry them).
func (t *MemberTable) Apply(_ context.Context, ev *webhooks.Event) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch d := ev.Data.(type) {
	case *users.User: // user.created, user.updated
		m := t.row(d.ID)
		m.FirstName, m.LastName = valueOf(d.FirstName), valueOf(d.LastName)
		m.Email = primaryEmail(d)
	case *core.DeletedObject:
		switch ev.Type {
		case webhooks.UserDeleted:
			// The user is gone: so is everything we kept about them.
			delete(t.members, d.ID)
		case webhooks.OrganizationDeleted:
			for _, m := range t.members {
				delete(m.Roles, d.ID)
			}
		}
	case *organizations.Membership:
		if d.PublicUserData == nil || d.PublicUserData.UserID == "" {
			return nil
		}
		uid, org := d.PublicUserData.UserID, d.Organization.ID
		if ev.Type == webhooks.OrganizationMembershipDeleted {
			if m, ok := t.members[uid]; ok {
				delete(m.Roles, org)
			}
			return nil
		}
		t.row(uid).Roles[org] = d.Role
	}
	return nil
}

func primaryEmail(u *users.User) string {
	for _, e := range u.EmailAddresses {
		if u.PrimaryEmailAddressID != nil && e.ID == *u.PrimaryEmailAddressID {
			return e.EmailAddress
		}
	}
	if len(u.EmailAddresses) > 0 {
		return u.EmailAddresses[0].EmailAddress
	}
	return ""
}

// newWebhookHandler serves POST /webhooks/clerk: verified deliveries update
// table, each message once. Refused deliveries are logged without detail
// beyond the reason.
func newWebhookHandler(secrets []string, table *MemberTable, logger *slog.Logger, opts ...webhooks.Option) (http.Handler, error) {
	v, err := webhooks.NewVerifier(secrets, opts...)
	if err != nil {
		return nil, err
	}
	return webhooks.NewHandler(v, table.Apply,
		webhooks.WithStore(nil),
		webhooks.WithErrorHook(func(r *http.Request, err error) {
			logger.Warn("webhook refused or failed", "error", err)
		}))
}

// valueOf is *s, or "" for nil.
func valueOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
