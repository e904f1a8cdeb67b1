package webhooks

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Service calls the Webhooks operations: the Svix application behind the
// instance's webhooks and the link to its dashboard. Reach it as
// client.Webhooks. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using it can be tested
// against a fake (embed Unimplemented).
type API interface {
	CreateSvixApp(ctx context.Context, opts ...core.RequestOption) (*SvixURL, error)
	DeleteSvixApp(ctx context.Context, opts ...core.RequestOption) error
	GenerateSvixAuthURL(ctx context.Context, opts ...core.RequestOption) (*SvixURL, error)
}

var _ API = (*Service)(nil)

// SvixURL is a short-lived link to the Svix dashboard of the instance's
// webhooks (endpoints, secrets, delivery logs).
type SvixURL struct {
	URL string `json:"svix_url"`
}

// CreateSvixApp creates the Svix application of the instance, which turns
// webhooks on, and returns a dashboard link. It is not replayed after it
// may have reached the API.
//
// API: POST /webhooks/svix (CreateSvixApp)
func (s *Service) CreateSvixApp(ctx context.Context, opts ...core.RequestOption) (*SvixURL, error) {
	out := new(SvixURL)
	req := &transport.Request{Method: http.MethodPost, Path: "/webhooks/svix", Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteSvixApp deletes the Svix application of the instance: webhooks
// stop, and endpoints and delivery logs are gone.
//
// API: DELETE /webhooks/svix (DeleteSvixApp)
func (s *Service) DeleteSvixApp(ctx context.Context, opts ...core.RequestOption) error {
	req := &transport.Request{Method: http.MethodDelete, Path: "/webhooks/svix", Options: opts}
	return s.b.Do(ctx, req, nil)
}

// GenerateSvixAuthURL returns a fresh link to the Svix dashboard of the
// instance. It changes nothing, so it is replayed like a read.
//
// API: POST /webhooks/svix_url (GenerateSvixAuthURL)
func (s *Service) GenerateSvixAuthURL(ctx context.Context, opts ...core.RequestOption) (*SvixURL, error) {
	out := new(SvixURL)
	req := &transport.Request{Method: http.MethodPost, Path: "/webhooks/svix_url", Replay: transport.ReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Unimplemented implements API with methods that return a
// *core.NotImplementedError. Embed it in a test fake and override what the
// test needs; the fake keeps compiling when methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

// CreateSvixApp returns a *core.NotImplementedError.
func (Unimplemented) CreateSvixApp(context.Context, ...core.RequestOption) (*SvixURL, error) {
	return nil, &core.NotImplementedError{Method: "Webhooks.CreateSvixApp"}
}

// DeleteSvixApp returns a *core.NotImplementedError.
func (Unimplemented) DeleteSvixApp(context.Context, ...core.RequestOption) error {
	return &core.NotImplementedError{Method: "Webhooks.DeleteSvixApp"}
}

// GenerateSvixAuthURL returns a *core.NotImplementedError.
func (Unimplemented) GenerateSvixAuthURL(context.Context, ...core.RequestOption) (*SvixURL, error) {
	return nil, &core.NotImplementedError{Method: "Webhooks.GenerateSvixAuthURL"}
}
