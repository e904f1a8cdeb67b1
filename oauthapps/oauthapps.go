// Package oauthapps manages OAuth applications (client.OAuthApplications):
// the third-party apps your Clerk instance acts as an OAuth 2.0 / OpenID
// Connect provider for, their client secrets and logos, and revocation of
// the tokens they were given.
package oauthapps

import (
	"context"
	"encoding/json"
	"io"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// MaxLogoSize is the largest logo UploadLogo sends (10 MB); a bigger file
// is refused before any request.
const MaxLogoSize = 10 << 20

// Application is an OAuth application.
type Application struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	Name       string `json:"name"`
	ClientID   string `json:"client_id"`
	// ClientSecret is only in the answers of Create and RotateSecret:
	// store it then, the API never shows it again.
	ClientSecret          string `json:"client_secret,omitempty"`
	ClientURI             string `json:"client_uri"`
	ClientImageURL        string `json:"client_image_url"`
	DynamicallyRegistered bool   `json:"dynamically_registered"`
	ConsentScreenEnabled  bool   `json:"consent_screen_enabled"`
	PKCERequired          bool   `json:"pkce_required"`
	// Public applications (SPAs, native apps) have no client secret.
	Public bool `json:"public"`
	// Scopes is a space-separated list, e.g. "profile email".
	Scopes                string    `json:"scopes"`
	RedirectURIs          []string  `json:"redirect_uris"`
	CallbackURL           string    `json:"callback_url"`
	AuthorizeURL          string    `json:"authorize_url"`
	TokenFetchURL         string    `json:"token_fetch_url"`
	UserInfoURL           string    `json:"user_info_url"`
	DiscoveryURL          string    `json:"discovery_url"`
	TokenIntrospectionURL string    `json:"token_introspection_url"`
	CreatedAt             time.Time `json:"created_at"`
	UpdatedAt             time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (a *Application) UnmarshalJSON(b []byte) error {
	type plain Application
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(a), transport.Millis{T: &a.CreatedAt}, transport.Millis{T: &a.UpdatedAt}})
}

// Service calls the OAuth Applications operations. It is safe for
// concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b; clerk.NewClient builds it.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, for fakes (embed Unimplemented).
type API interface {
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Application], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Application, error]
	Get(ctx context.Context, applicationID string, opts ...core.RequestOption) (*Application, error)
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Application, error)
	Update(ctx context.Context, applicationID string, params *UpdateParams, opts ...core.RequestOption) (*Application, error)
	Delete(ctx context.Context, applicationID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	UploadLogo(ctx context.Context, applicationID string, params *UploadLogoParams, opts ...core.RequestOption) (*Application, error)
	RotateSecret(ctx context.Context, applicationID string, opts ...core.RequestOption) (*Application, error)
	RevokeToken(ctx context.Context, applicationID string, params *RevokeTokenParams, opts ...core.RequestOption) error
}

var _ API = (*Service)(nil)

// ListParams filters and orders the applications.
type ListParams struct {
	// NameQuery matches the name partially.
	NameQuery string `query:"name_query"`
	// OrderBy is "name" or "created_at" with a +/- prefix; default
	// "-created_at".
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// CreateParams describes a new application.
type CreateParams struct {
	Name         string   `json:"name"`
	RedirectURIs []string `json:"redirect_uris,omitempty"`
	// CallbackURL is the single redirect URI of older integrations.
	//
	// Deprecated: use RedirectURIs.
	CallbackURL string `json:"callback_url,omitempty"`
	// Scopes is a space-separated list (default "profile email").
	Scopes               string `json:"scopes,omitempty"`
	ConsentScreenEnabled *bool  `json:"consent_screen_enabled,omitempty"`
	PKCERequired         *bool  `json:"pkce_required,omitempty"`
	// Public makes an application without a client secret.
	Public *bool `json:"public,omitempty"`
}

// UpdateParams changes an application; nil fields are left as they are.
type UpdateParams struct {
	Name *string `json:"name,omitempty"`
	// RedirectURIs, when not nil, replaces the redirect URIs.
	RedirectURIs []string `json:"redirect_uris,omitempty"`
	// CallbackURL is the single redirect URI of older integrations.
	//
	// Deprecated: use RedirectURIs.
	CallbackURL          *string `json:"callback_url,omitempty"`
	Scopes               *string `json:"scopes,omitempty"`
	ConsentScreenEnabled *bool   `json:"consent_screen_enabled,omitempty"`
	PKCERequired         *bool   `json:"pkce_required,omitempty"`
	Public               *bool   `json:"public,omitempty"`
}

// UploadLogoParams carry the logo image. File is required.
type UploadLogoParams struct {
	// File is read whole (at most MaxLogoSize) before the request is sent.
	File io.Reader
	// Filename is sent with the file; empty means "file".
	Filename string
	// UploaderUserID is the user credited with the upload.
	UploaderUserID string
}

// RevokeTokenParams names the token to revoke.
type RevokeTokenParams struct {
	// Token is an access or refresh token the application was given.
	Token string `json:"token"`
}

const appPath = "/oauth_applications/{oauth_application_id}"

// List returns one page of applications with the total count.
//
// API: GET /oauth_applications (ListOAuthApplications)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Application], error) {
	return transport.List[Application](ctx, s.b, "/oauth_applications", params, opts...)
}

// All walks every application, lazily, page by page.
//
// API: GET /oauth_applications (ListOAuthApplications)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Application, error] {
	return transport.All[Application](ctx, s.b, "/oauth_applications", transport.Envelope, params, opts)
}

// Get returns one application by its ID.
//
// API: GET /oauth_applications/{oauth_application_id} (GetOAuthApplication)
func (s *Service) Get(ctx context.Context, applicationID string, opts ...core.RequestOption) (*Application, error) {
	return s.call(ctx, http.MethodGet, applicationID, "", nil, transport.ReplayByMethod, opts)
}

// Create makes an application; the answer carries its client secret, the
// only time the API shows it. It is not replayed after it may have
// reached the API.
//
// API: POST /oauth_applications (CreateOAuthApplication)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Application, error) {
	if params == nil || params.Name == "" {
		return nil, transport.Invalid("params.Name", "is required")
	}
	return transport.Call[Application](ctx, s.b, http.MethodPost, "/oauth_applications", params, transport.NotReplaySafe, opts)
}

// Update changes an application.
//
// API: PATCH /oauth_applications/{oauth_application_id} (UpdateOAuthApplication)
func (s *Service) Update(ctx context.Context, applicationID string, params *UpdateParams, opts ...core.RequestOption) (*Application, error) {
	if params == nil {
		params = &UpdateParams{}
	}
	return s.call(ctx, http.MethodPatch, applicationID, "", params, transport.ReplayByMethod, opts)
}

// Delete removes an application; the tokens it was given stop working.
//
// API: DELETE /oauth_applications/{oauth_application_id} (DeleteOAuthApplication)
func (s *Service) Delete(ctx context.Context, applicationID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(appPath, applicationID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

// UploadLogo sets or replaces the application's logo. The file is
// buffered first, so an oversized or empty file fails before any request;
// replacing the logo with the same file lands on the same state, so it is
// replayed like any PUT.
//
// API: PUT /oauth_applications/{oauth_application_id}/logo (UploadOAuthApplicationLogo)
func (s *Service) UploadLogo(ctx context.Context, applicationID string, params *UploadLogoParams, opts ...core.RequestOption) (*Application, error) {
	path, err := transport.Path(appPath+"/logo", applicationID)
	if err != nil {
		return nil, err
	}
	if params == nil || params.File == nil {
		return nil, transport.Invalid("params.File", "must not be nil")
	}
	var fields []transport.FormField
	if params.UploaderUserID != "" {
		fields = append(fields, transport.FormField{Name: "uploader_user_id", Value: params.UploaderUserID})
	}
	body, contentType, err := transport.MultipartFile("file", params.Filename, params.File, MaxLogoSize, fields...)
	if err != nil {
		return nil, err
	}
	out := new(Application)
	req := &transport.Request{Method: http.MethodPut, Path: path, RawBody: body, ContentType: contentType, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RotateSecret replaces the client secret; the old one stops working and
// the answer carries the new one. It is not replayed after it may have
// reached the API (a replay would rotate again and lose the secret).
//
// API: POST /oauth_applications/{oauth_application_id}/rotate_secret (RotateOAuthApplicationSecret)
func (s *Service) RotateSecret(ctx context.Context, applicationID string, opts ...core.RequestOption) (*Application, error) {
	return s.call(ctx, http.MethodPost, applicationID, "/rotate_secret", nil, transport.NotReplaySafe, opts)
}

// RevokeToken revokes an access or refresh token the application was
// given. Revoking twice lands on the same state, so it is replayed on
// transient failures.
//
// API: POST /oauth_applications/{oauth_application_id}/revoke_token (RevokeOAuthApplicationToken)
func (s *Service) RevokeToken(ctx context.Context, applicationID string, params *RevokeTokenParams, opts ...core.RequestOption) error {
	path, err := transport.Path(appPath+"/revoke_token", applicationID)
	if err != nil {
		return err
	}
	if params == nil || params.Token == "" {
		return transport.Invalid("params.Token", "is required")
	}
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe, Options: opts}
	return s.b.Do(ctx, req, nil)
}

func (s *Service) call(ctx context.Context, method, applicationID, suffix string, body any, replay transport.Replay, opts []core.RequestOption) (*Application, error) {
	path, err := transport.Path(appPath+suffix, applicationID)
	if err != nil {
		return nil, err
	}
	return transport.Call[Application](ctx, s.b, method, path, body, replay, opts)
}
