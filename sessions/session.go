package sessions

import "encoding/json"

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
// Timestamps are Unix milliseconds.
type Session struct {
	Object   string `json:"object"`
	ID       string `json:"id"`
	UserID   string `json:"user_id"`
	ClientID string `json:"client_id"`
	// Actor is the impersonator's claims for an impersonation session,
	// raw JSON; null otherwise.
	Actor                    json.RawMessage `json:"actor"`
	Status                   string          `json:"status"`
	LastActiveOrganizationID *string         `json:"last_active_organization_id"`
	LastActiveAt             int64           `json:"last_active_at"`
	// LatestActivity describes the device of the last request, when known.
	LatestActivity *Activity `json:"latest_activity"`
	ExpireAt       int64     `json:"expire_at"`
	AbandonAt      int64     `json:"abandon_at"`
	UpdatedAt      int64     `json:"updated_at"`
	CreatedAt      int64     `json:"created_at"`
	// Tasks are what the user must still do before the session becomes
	// active (for example choose an organization).
	Tasks []Task `json:"tasks"`
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
