package machines

import (
	"encoding/json"
	"math"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Machine is a machine: a service that authenticates with its own secret
// key and may call the machines it is scoped to.
type Machine struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	Name       string `json:"name"`
	InstanceID string `json:"instance_id"`
	// DefaultTokenTTL is the lifetime of the M2M tokens it creates.
	DefaultTokenTTL time.Duration `json:"-"`
	// ScopedMachines are the machines it may call.
	ScopedMachines []*Machine `json:"scoped_machines"`
	// SecretKey is only in the answer of Create: store it then (or read
	// it later with GetSecretKey).
	SecretKey string    `json:"secret_key,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants and the TTL
// in seconds.
func (m *Machine) UnmarshalJSON(b []byte) error {
	type plain Machine
	var ttl *int64
	if err := json.Unmarshal(b, &struct {
		*plain
		TTL       **int64          `json:"default_token_ttl"`
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(m), &ttl, transport.Millis{T: &m.CreatedAt}, transport.Millis{T: &m.UpdatedAt}}); err != nil {
		return err
	}
	if ttl != nil {
		// The spec gives the TTL no maximum: beyond time.Duration's range
		// (about 292 years) the longest Duration stands in, rather than a
		// wrapped-around value.
		switch {
		case *ttl > math.MaxInt64/int64(time.Second):
			m.DefaultTokenTTL = math.MaxInt64
		case *ttl < math.MinInt64/int64(time.Second):
			m.DefaultTokenTTL = math.MinInt64
		default:
			m.DefaultTokenTTL = time.Duration(*ttl) * time.Second
		}
	}
	return nil
}

// MarshalJSON encodes the wire shape: Unix-millisecond instants and the
// TTL in whole seconds, so a Machine survives a round trip through JSON.
func (m Machine) MarshalJSON() ([]byte, error) {
	type plain Machine
	p := plain(m)
	return json.Marshal(&struct {
		*plain
		DefaultTokenTTL int64 `json:"default_token_ttl"`
		CreatedAt       int64 `json:"created_at"`
		UpdatedAt       int64 `json:"updated_at"`
	}{&p, int64(m.DefaultTokenTTL / time.Second), transport.UnixMilli(m.CreatedAt), transport.UnixMilli(m.UpdatedAt)})
}

// SecretKey is a machine's secret key.
type SecretKey struct {
	Object string `json:"object"`
	Secret string `json:"secret"`
}

// Scope lets one machine call another.
type Scope struct {
	Object        string    `json:"object"`
	FromMachineID string    `json:"from_machine_id"`
	ToMachineID   string    `json:"to_machine_id"`
	Deleted       bool      `json:"deleted,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (s *Scope) UnmarshalJSON(b []byte) error {
	type plain Scope
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
	}{(*plain)(s), transport.Millis{T: &s.CreatedAt}})
}

// APIKey is an API key: an opaque credential (ak_...) a user or an
// organization (its Subject) gives to a program.
type APIKey struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Type is "api_key".
	Type string `json:"type"`
	// Subject is the user or organization the key acts for (user_...,
	// org_...).
	Subject     string          `json:"subject"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Claims      json.RawMessage `json:"claims"`
	Scopes      []string        `json:"scopes"`
	// Secret is only in the answer of Create (or GetSecret).
	Secret           string     `json:"secret,omitempty"`
	Revoked          bool       `json:"revoked"`
	RevocationReason string     `json:"revocation_reason"`
	Expired          bool       `json:"expired"`
	Expiration       *time.Time `json:"expiration"`
	CreatedBy        string     `json:"created_by"`
	LastUsedAt       *time.Time `json:"last_used_at"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (k *APIKey) UnmarshalJSON(b []byte) error {
	type plain APIKey
	return json.Unmarshal(b, &struct {
		*plain
		Expiration transport.MillisPtr `json:"expiration"`
		LastUsedAt transport.MillisPtr `json:"last_used_at"`
		CreatedAt  transport.Millis    `json:"created_at"`
		UpdatedAt  transport.Millis    `json:"updated_at"`
	}{(*plain)(k), transport.MillisPtr{T: &k.Expiration}, transport.MillisPtr{T: &k.LastUsedAt},
		transport.Millis{T: &k.CreatedAt}, transport.Millis{T: &k.UpdatedAt}})
}

// APIKeySecret is an API key's secret.
type APIKeySecret struct {
	Secret string `json:"secret"`
}

// M2MToken is a machine-to-machine token (mt_... or a JWT).
type M2MToken struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Subject is the machine that created it (mch_...).
	Subject string          `json:"subject"`
	Claims  json.RawMessage `json:"claims"`
	// Scopes are the IDs of the machines it may call.
	Scopes []string `json:"scopes"`
	// Token is only in the answer of Create.
	Token            string     `json:"token,omitempty"`
	Revoked          bool       `json:"revoked"`
	RevocationReason string     `json:"revocation_reason"`
	Expired          bool       `json:"expired"`
	Expiration       *time.Time `json:"expiration"`
	LastUsedAt       *time.Time `json:"last_used_at"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (t *M2MToken) UnmarshalJSON(b []byte) error {
	type plain M2MToken
	return json.Unmarshal(b, &struct {
		*plain
		Expiration transport.MillisPtr `json:"expiration"`
		LastUsedAt transport.MillisPtr `json:"last_used_at"`
		CreatedAt  transport.Millis    `json:"created_at"`
		UpdatedAt  transport.Millis    `json:"updated_at"`
	}{(*plain)(t), transport.MillisPtr{T: &t.Expiration}, transport.MillisPtr{T: &t.LastUsedAt},
		transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// OAuthAccessToken is a verified OAuth access token the instance issued
// to an OAuth application.
type OAuthAccessToken struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// ClientID is the OAuth application's client ID.
	ClientID string `json:"client_id"`
	// Subject is the user who granted access.
	Subject          string     `json:"subject"`
	Scopes           []string   `json:"scopes"`
	Revoked          bool       `json:"revoked"`
	RevocationReason string     `json:"revocation_reason"`
	Expired          bool       `json:"expired"`
	Expiration       *time.Time `json:"expiration"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	// Active is set only by the API's other answer to a verification,
	// {"active": false}: a JWT access token that is no longer active.
	// OAuthAccessTokens.Verify turns that answer into ErrTokenInvalid.
	Active *bool `json:"active,omitempty"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (t *OAuthAccessToken) UnmarshalJSON(b []byte) error {
	type plain OAuthAccessToken
	return json.Unmarshal(b, &struct {
		*plain
		Expiration transport.MillisPtr `json:"expiration"`
		CreatedAt  transport.Millis    `json:"created_at"`
		UpdatedAt  transport.Millis    `json:"updated_at"`
	}{(*plain)(t), transport.MillisPtr{T: &t.Expiration}, transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// seconds renders a duration as the API's whole seconds (rounded up, so a
// positive duration never becomes 0), or nil for zero.
func seconds(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	s := int64((d + time.Second - 1) / time.Second)
	return &s
}
