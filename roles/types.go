package roles

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Permission is an organization permission ("org:invoices:create").
type Permission struct {
	Object      string `json:"object"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	// Type is "system" for Clerk's built-in permissions, "user" for custom
	// ones.
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (p *Permission) UnmarshalJSON(b []byte) error {
	type plain Permission
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(p), transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
}

// Role is an organization role with the permissions it grants.
type Role struct {
	Object      string `json:"object"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	// IsCreatorEligible tells whether the role can be the creator role of
	// a role set (it must grant the system membership permissions).
	IsCreatorEligible bool          `json:"is_creator_eligible"`
	Permissions       []*Permission `json:"permissions"`
	CreatedAt         time.Time     `json:"created_at"`
	UpdatedAt         time.Time     `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (r *Role) UnmarshalJSON(b []byte) error {
	type plain Role
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}, transport.Millis{T: &r.UpdatedAt}})
}

// HasPermission reports whether the role grants the permission key.
func (r *Role) HasPermission(key string) bool {
	for _, p := range r.Permissions {
		if p != nil && p.Key == key {
			return true
		}
	}
	return false
}

// RoleSetItem is a role as a role set lists it.
type RoleSetItem struct {
	Object      string `json:"object"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	// MembersCount and HasMembers are filled where the API counts them.
	MembersCount *int64    `json:"members_count"`
	HasMembers   *bool     `json:"has_members"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (r *RoleSetItem) UnmarshalJSON(b []byte) error {
	type plain RoleSetItem
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}, transport.Millis{T: &r.UpdatedAt}})
}

// RoleSet is the set of roles organizations may assign, with the role new
// members get (DefaultRole) and the role an organization's creator gets
// (CreatorRole).
type RoleSet struct {
	Object      string         `json:"object"`
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Key         string         `json:"key"`
	Description string         `json:"description"`
	Roles       []*RoleSetItem `json:"roles"`
	DefaultRole *RoleSetItem   `json:"default_role"`
	CreatorRole *RoleSetItem   `json:"creator_role"`
	// Type is "initial" (the set new organizations get) or "custom".
	Type string `json:"type"`
	// RoleSetMigration is the migration in progress after Replace, as the
	// API sends it (nil when none).
	RoleSetMigration json.RawMessage `json:"role_set_migration"`
	CreatedAt        time.Time       `json:"created_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (r *RoleSet) UnmarshalJSON(b []byte) error {
	type plain RoleSet
	if err := json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}, transport.Millis{T: &r.UpdatedAt}}); err != nil {
		return err
	}
	if string(r.RoleSetMigration) == "null" {
		r.RoleSetMigration = nil
	}
	return nil
}
