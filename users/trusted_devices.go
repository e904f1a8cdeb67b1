package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// TrustedDevice is a mobile device the user enrolled for Device Trust.
type TrustedDevice struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Platform is "ios" or "android".
	Platform      string  `json:"platform"`
	AppIdentifier string  `json:"app_identifier"`
	Name          *string `json:"name,omitempty"`
	// Algorithm of the device key, "ES256".
	Algorithm string `json:"algorithm"`
	// Status is "active" or "revoked".
	Status     string     `json:"status"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// ListTrustedDevices returns the user's active trusted devices, all in one
// page (with its total).
//
// API: GET /users/{user_id}/trusted_devices (ListUserTrustedDevices)
func (s *Service) ListTrustedDevices(ctx context.Context, userID string, opts ...core.RequestOption) (*pagination.Page[TrustedDevice], error) {
	path, err := transport.Path("/users/{user_id}/trusted_devices", userID)
	if err != nil {
		return nil, err
	}
	return transport.List[TrustedDevice](ctx, s.b, path, nil, opts...)
}

// RevokeTrustedDevice revokes one of the user's trusted devices and
// returns it, revoked.
//
// API: DELETE /users/{user_id}/trusted_devices/{trusted_device_id} (RevokeUserTrustedDevice)
func (s *Service) RevokeTrustedDevice(ctx context.Context, userID, trustedDeviceID string, opts ...core.RequestOption) (*TrustedDevice, error) {
	path, err := transport.Path("/users/{user_id}/trusted_devices/{trusted_device_id}", userID, trustedDeviceID)
	if err != nil {
		return nil, err
	}
	d := new(TrustedDevice)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Replay: transport.ReplaySafe, Options: opts}, d); err != nil {
		return nil, err
	}
	return d, nil
}
