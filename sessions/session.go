package sessions

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Session statuses, for ListParams.Status and Session.Status.
const (
	StatusActive    = "active"
	StatusRevoked   = "revoked"
	StatusEnded     = "ended"
	StatusExpired   = "expired"
	StatusRemoved   = "removed"
	StatusAbandoned = "abandoned"
	StatusReplaced  = "replaced"
	// StatusPending: signed in, with session tasks left to complete. It
	// is not accepted as a list filter.
	StatusPending = "pending"
)

// Session is a user's session on one client (browser or device).
type Session struct {
	Object   string `json:"object"`
	ID       string `json:"id"`
	UserID   string `json:"user_id"`
	ClientID string `json:"client_id"`
	// Actor is the impersonator's claims for an impersonation session,
	// raw JSON; null otherwise.
	Actor  json.RawMessage `json:"actor"`
	Status string          `json:"status"`
	// LastActiveOrganizationID is empty when no organization is active.
	LastActiveOrganizationID string    `json:"last_active_organization_id"`
	LastActiveAt             time.Time `json:"last_active_at"`
	// LatestActivity describes the device of the last request, when known.
	LatestActivity *Activity `json:"latest_activity"`
	ExpireAt       time.Time `json:"expire_at"`
	AbandonAt      time.Time `json:"abandon_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	CreatedAt      time.Time `json:"created_at"`
	// Tasks are what the user must still do before the session becomes
	// active (for example choose an organization).
	Tasks []Task `json:"tasks"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (s *Session) UnmarshalJSON(b []byte) error {
	type plain Session
	return json.Unmarshal(b, &struct {
		*plain
		LastActiveAt transport.Millis `json:"last_active_at"`
		ExpireAt     transport.Millis `json:"expire_at"`
		AbandonAt    transport.Millis `json:"abandon_at"`
		UpdatedAt    transport.Millis `json:"updated_at"`
		CreatedAt    transport.Millis `json:"created_at"`
	}{(*plain)(s), transport.Millis{T: &s.LastActiveAt}, transport.Millis{T: &s.ExpireAt},
		transport.Millis{T: &s.AbandonAt}, transport.Millis{T: &s.UpdatedAt}, transport.Millis{T: &s.CreatedAt}})
}

// MarshalJSON writes the instants as Unix milliseconds, the API's wire
// form, so a session encodes the way it was decoded.
func (s Session) MarshalJSON() ([]byte, error) {
	type plain Session
	return json.Marshal(struct {
		plain
		LastActiveAt int64 `json:"last_active_at"`
		ExpireAt     int64 `json:"expire_at"`
		AbandonAt    int64 `json:"abandon_at"`
		UpdatedAt    int64 `json:"updated_at"`
		CreatedAt    int64 `json:"created_at"`
	}{plain(s), transport.UnixMilli(s.LastActiveAt), transport.UnixMilli(s.ExpireAt),
		transport.UnixMilli(s.AbandonAt), transport.UnixMilli(s.UpdatedAt), transport.UnixMilli(s.CreatedAt)})
}

// Activity is the device and location of a session's latest request.
type Activity struct {
	Object         string `json:"object"`
	ID             string `json:"id"`
	DeviceType     string `json:"device_type,omitempty"`
	IsMobile       bool   `json:"is_mobile"`
	BrowserName    string `json:"browser_name,omitempty"`
	BrowserVersion string `json:"browser_version,omitempty"`
	IPAddress      string `json:"ip_address,omitempty"`
	City           string `json:"city,omitempty"`
	Country        string `json:"country,omitempty"`
}

// Task is a step the user must complete before the session is active.
type Task struct {
	Key string `json:"key"`
}

// Token is a minted session token. JWT is the encoded token, ready for an
// Authorization: Bearer header.
type Token struct {
	Object string `json:"object"`
	JWT    string `json:"jwt"`
}
