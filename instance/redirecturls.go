package instance

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// RedirectURLService calls the Redirect URLs operations: the URLs that
// OAuth flows of native and mobile apps may redirect to. It is safe for
// concurrent use.
type RedirectURLService struct {
	b *transport.Backend
}

// NewRedirectURLs returns a RedirectURLService on b. Users get one from
// clerk.NewClient.
func NewRedirectURLs(b *transport.Backend) *RedirectURLService { return &RedirectURLService{b: b} }

// RedirectURLAPI is every operation of RedirectURLService (embed
// UnimplementedRedirectURLs in a fake).
type RedirectURLAPI interface {
	List(ctx context.Context, params *ListRedirectURLsParams, opts ...core.RequestOption) (*pagination.Page[RedirectURL], error)
	All(ctx context.Context, params *ListRedirectURLsParams, opts ...core.RequestOption) iter.Seq2[*RedirectURL, error]
	Create(ctx context.Context, params *CreateRedirectURLParams, opts ...core.RequestOption) (*RedirectURL, error)
	Get(ctx context.Context, redirectURLID string, opts ...core.RequestOption) (*RedirectURL, error)
	Delete(ctx context.Context, redirectURLID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ RedirectURLAPI = (*RedirectURLService)(nil)

// RedirectURL is an allowed redirect URL.
type RedirectURL struct {
	// Object is "redirect_url".
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's Unix milliseconds.
func (r *RedirectURL) UnmarshalJSON(b []byte) error {
	type plain RedirectURL
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}, transport.Millis{T: &r.UpdatedAt}})
}

// ListRedirectURLsParams page the list.
type ListRedirectURLsParams struct {
	// Limit (1..500, API default 10) and Offset page a List call; All
	// pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// List returns one page of redirect URLs (always the paginated form, so
// the page carries the total).
//
// API: GET /redirect_urls (ListRedirectURLs)
func (s *RedirectURLService) List(ctx context.Context, params *ListRedirectURLsParams, opts ...core.RequestOption) (*pagination.Page[RedirectURL], error) {
	return transport.ListPaginated[RedirectURL](ctx, s.b, "/redirect_urls", params, opts...)
}

// All walks every redirect URL lazily.
//
// API: GET /redirect_urls (ListRedirectURLs)
func (s *RedirectURLService) All(ctx context.Context, params *ListRedirectURLsParams, opts ...core.RequestOption) iter.Seq2[*RedirectURL, error] {
	return transport.All[RedirectURL](ctx, s.b, "/redirect_urls", transport.Paginated, params, opts)
}

// CreateRedirectURLParams add a redirect URL.
type CreateRedirectURLParams struct {
	// URL starts with https:// or a custom scheme (my-app://callback).
	// Required.
	URL string `json:"url"`
}

// Create adds a redirect URL. Not replayed after an ambiguous failure.
//
// API: POST /redirect_urls (CreateRedirectURL)
func (s *RedirectURLService) Create(ctx context.Context, params *CreateRedirectURLParams, opts ...core.RequestOption) (*RedirectURL, error) {
	if params == nil || params.URL == "" {
		return nil, transport.Invalid("URL", "must not be empty")
	}
	out := new(RedirectURL)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/redirect_urls", Body: params, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns a redirect URL by its ID.
//
// API: GET /redirect_urls/{id} (GetRedirectURL)
func (s *RedirectURLService) Get(ctx context.Context, redirectURLID string, opts ...core.RequestOption) (*RedirectURL, error) {
	return getAt[RedirectURL](ctx, s.b, "/redirect_urls/{id}", redirectURLID, opts)
}

// Delete removes a redirect URL.
//
// API: DELETE /redirect_urls/{id} (DeleteRedirectURL)
func (s *RedirectURLService) Delete(ctx context.Context, redirectURLID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return deleteAt(ctx, s.b, "/redirect_urls/{id}", redirectURLID, opts)
}
