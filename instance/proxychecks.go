package instance

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// ProxyCheckService calls the Proxy Checks operation. It is safe for
// concurrent use.
type ProxyCheckService struct {
	b *transport.Backend
}

// NewProxyChecks returns a ProxyCheckService on b. Users get one from
// clerk.NewClient.
func NewProxyChecks(b *transport.Backend) *ProxyCheckService { return &ProxyCheckService{b: b} }

// ProxyCheckAPI is every operation of ProxyCheckService (embed
// UnimplementedProxyChecks in a fake).
type ProxyCheckAPI interface {
	Verify(ctx context.Context, params *VerifyProxyParams, opts ...core.RequestOption) (*ProxyCheck, error)
}

var _ ProxyCheckAPI = (*ProxyCheckService)(nil)

// ProxyCheck is the outcome of a check of a domain's proxy.
type ProxyCheck struct {
	// Object is "proxy_check".
	Object   string `json:"object"`
	ID       string `json:"id"`
	DomainID string `json:"domain_id"`
	// LastRunAt is nil when the check never ran.
	LastRunAt  *time.Time `json:"last_run_at"`
	ProxyURL   string     `json:"proxy_url"`
	Successful bool       `json:"successful"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's Unix milliseconds.
func (p *ProxyCheck) UnmarshalJSON(b []byte) error {
	type plain ProxyCheck
	return json.Unmarshal(b, &struct {
		*plain
		LastRunAt transport.MillisPtr `json:"last_run_at"`
		CreatedAt transport.Millis    `json:"created_at"`
		UpdatedAt transport.Millis    `json:"updated_at"`
	}{(*plain)(p), transport.MillisPtr{T: &p.LastRunAt}, transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
}

// VerifyProxyParams name the domain and the proxy to check.
type VerifyProxyParams struct {
	// DomainID is the domain the proxy serves. Required.
	DomainID string `json:"domain_id"`
	// ProxyURL is the proxy's full URL, e.g. https://example.com/__clerk.
	// Required.
	ProxyURL string `json:"proxy_url"`
}

// Verify checks that the proxy forwards to the Frontend API for the
// domain. It is a verification: replayed after an ambiguous failure.
//
// API: POST /proxy_checks (VerifyDomainProxy)
func (s *ProxyCheckService) Verify(ctx context.Context, params *VerifyProxyParams, opts ...core.RequestOption) (*ProxyCheck, error) {
	if params == nil {
		params = &VerifyProxyParams{}
	}
	if err := transport.ValidateID("DomainID", params.DomainID); err != nil {
		return nil, err
	}
	if params.ProxyURL == "" {
		return nil, transport.Invalid("ProxyURL", "must not be empty")
	}
	out := new(ProxyCheck)
	req := &transport.Request{Method: http.MethodPost, Path: "/proxy_checks", Body: params, Replay: transport.ReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
