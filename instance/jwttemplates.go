package instance

import (
	"context"
	"encoding/json"
	"iter"
	"math"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// JWTTemplateService calls the JWT Templates operations. A template's
// claims are minted into the tokens of Sessions.CreateTokenFromTemplate.
// It is safe for concurrent use.
type JWTTemplateService struct {
	b *transport.Backend
}

// NewJWTTemplates returns a JWTTemplateService on b. Users get one from
// clerk.NewClient.
func NewJWTTemplates(b *transport.Backend) *JWTTemplateService { return &JWTTemplateService{b: b} }

// JWTTemplateAPI is every operation of JWTTemplateService (embed
// UnimplementedJWTTemplates in a fake).
type JWTTemplateAPI interface {
	List(ctx context.Context, params *ListJWTTemplatesParams, opts ...core.RequestOption) (*pagination.Page[JWTTemplate], error)
	All(ctx context.Context, params *ListJWTTemplatesParams, opts ...core.RequestOption) iter.Seq2[*JWTTemplate, error]
	Create(ctx context.Context, params *CreateJWTTemplateParams, opts ...core.RequestOption) (*JWTTemplate, error)
	Get(ctx context.Context, templateID string, opts ...core.RequestOption) (*JWTTemplate, error)
	Update(ctx context.Context, templateID string, params *UpdateJWTTemplateParams, opts ...core.RequestOption) (*JWTTemplate, error)
	Delete(ctx context.Context, templateID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ JWTTemplateAPI = (*JWTTemplateService)(nil)

// Bounds of a template's lifetime and clock skew.
const (
	MinJWTLifetime      = 30 * time.Second
	MaxJWTLifetime      = 315360000 * time.Second
	MaxJWTClockSkew     = 300 * time.Second
	jwtTemplateTemplate = "/jwt_templates/{template_id}"
)

// JWTTemplate is a template of session tokens.
type JWTTemplate struct {
	// Object is "jwt_template".
	Object string `json:"object"`
	ID     string `json:"id"`
	// Name is what Sessions.CreateTokenFromTemplate takes.
	Name string `json:"name"`
	// Claims is the template's JSON object of claims, shortcodes such as
	// "{{user.id}}" included.
	Claims json.RawMessage `json:"claims"`
	// Lifetime of the minted tokens (whole seconds on the wire).
	Lifetime time.Duration `json:"lifetime"`
	// AllowedClockSkew (whole seconds on the wire).
	AllowedClockSkew time.Duration `json:"allowed_clock_skew"`
	// CustomSigningKey: tokens are signed with the template's own key.
	CustomSigningKey bool      `json:"custom_signing_key"`
	SigningAlgorithm string    `json:"signing_algorithm"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's seconds and Unix milliseconds.
func (t *JWTTemplate) UnmarshalJSON(b []byte) error {
	type plain JWTTemplate
	return json.Unmarshal(b, &struct {
		*plain
		Lifetime         seconds          `json:"lifetime"`
		AllowedClockSkew seconds          `json:"allowed_clock_skew"`
		CreatedAt        transport.Millis `json:"created_at"`
		UpdatedAt        transport.Millis `json:"updated_at"`
	}{(*plain)(t), seconds{&t.Lifetime}, seconds{&t.AllowedClockSkew}, transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// MarshalJSON encodes the wire shape (whole seconds, Unix-millisecond
// instants), so a template survives a JSON round trip.
func (t JWTTemplate) MarshalJSON() ([]byte, error) {
	type plain JWTTemplate
	p := plain(t)
	return json.Marshal(&struct {
		*plain
		Lifetime         int64 `json:"lifetime"`
		AllowedClockSkew int64 `json:"allowed_clock_skew"`
		CreatedAt        int64 `json:"created_at"`
		UpdatedAt        int64 `json:"updated_at"`
	}{&p, int64(t.Lifetime / time.Second), int64(t.AllowedClockSkew / time.Second), transport.UnixMilli(t.CreatedAt), transport.UnixMilli(t.UpdatedAt)})
}

// seconds decodes a JSON number of seconds (or null) into a Duration.
type seconds struct{ d *time.Duration }

func (s seconds) UnmarshalJSON(b []byte) error {
	var n *float64
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	if n == nil {
		*s.d = 0
		return nil
	}
	// The spec bounds neither lifetime: beyond time.Duration's range
	// (about 292 years) the longest Duration stands in, rather than a
	// wrapped-around value.
	switch f := *n * float64(time.Second); {
	case f >= math.MaxInt64:
		*s.d = math.MaxInt64
	case f <= math.MinInt64:
		*s.d = math.MinInt64
	default:
		*s.d = time.Duration(f)
	}
	return nil
}

// ListJWTTemplatesParams page the list.
type ListJWTTemplatesParams struct {
	// Limit (1..500, API default 10) and Offset page a List call; All
	// pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// List returns one page of templates (always the paginated form, so the
// page carries the total).
//
// API: GET /jwt_templates (ListJWTTemplates)
func (s *JWTTemplateService) List(ctx context.Context, params *ListJWTTemplatesParams, opts ...core.RequestOption) (*pagination.Page[JWTTemplate], error) {
	return transport.ListPaginated[JWTTemplate](ctx, s.b, "/jwt_templates", params, opts...)
}

// All walks every template lazily.
//
// API: GET /jwt_templates (ListJWTTemplates)
func (s *JWTTemplateService) All(ctx context.Context, params *ListJWTTemplatesParams, opts ...core.RequestOption) iter.Seq2[*JWTTemplate, error] {
	return transport.All[JWTTemplate](ctx, s.b, "/jwt_templates", transport.Paginated, params, opts)
}

// CreateJWTTemplateParams define a template.
type CreateJWTTemplateParams struct {
	// Name is unique on the instance. Required.
	Name string
	// Claims is anything that marshals to a JSON object (a map, a struct,
	// a json.RawMessage). Required.
	Claims any
	// Lifetime of the minted tokens, 30s to 10 years in whole seconds;
	// zero means the API's default.
	Lifetime time.Duration
	// AllowedClockSkew, 0 to 5 minutes; nil means the API's default.
	AllowedClockSkew *time.Duration
	// CustomSigningKey signs the template's tokens with SigningKey using
	// SigningAlgorithm, both then required.
	CustomSigningKey bool
	SigningAlgorithm string
	// SigningKey is the private key; it is sent, never logged.
	SigningKey string
}

// UpdateJWTTemplateParams replace a template's definition: the API
// requires Name and Claims on every update.
type UpdateJWTTemplateParams CreateJWTTemplateParams

// jwtTemplateBody is the wire form of both params.
type jwtTemplateBody struct {
	Name             string          `json:"name"`
	Claims           json.RawMessage `json:"claims"`
	Lifetime         *int64          `json:"lifetime,omitempty"`
	AllowedClockSkew *int64          `json:"allowed_clock_skew,omitempty"`
	CustomSigningKey bool            `json:"custom_signing_key,omitempty"`
	SigningAlgorithm string          `json:"signing_algorithm,omitempty"`
	SigningKey       string          `json:"signing_key,omitempty"`
}

func (p *CreateJWTTemplateParams) body() (*jwtTemplateBody, error) {
	if p == nil || p.Name == "" {
		return nil, transport.Invalid("Name", "must not be empty")
	}
	claims, err := transport.ObjectJSON("Claims", p.Claims)
	if err != nil {
		return nil, err
	}
	if claims == nil {
		return nil, transport.Invalid("Claims", "must not be empty")
	}
	b := &jwtTemplateBody{Name: p.Name, Claims: claims, CustomSigningKey: p.CustomSigningKey,
		SigningAlgorithm: p.SigningAlgorithm, SigningKey: p.SigningKey}
	if p.Lifetime != 0 {
		if p.Lifetime < MinJWTLifetime || p.Lifetime > MaxJWTLifetime || p.Lifetime%time.Second != 0 {
			return nil, transport.Invalid("Lifetime", "must be whole seconds from %v to %v, got %v", MinJWTLifetime, MaxJWTLifetime, p.Lifetime)
		}
		n := int64(p.Lifetime / time.Second)
		b.Lifetime = &n
	}
	if p.AllowedClockSkew != nil {
		d := *p.AllowedClockSkew
		if d < 0 || d > MaxJWTClockSkew || d%time.Second != 0 {
			return nil, transport.Invalid("AllowedClockSkew", "must be whole seconds from 0 to %v, got %v", MaxJWTClockSkew, d)
		}
		n := int64(d / time.Second)
		b.AllowedClockSkew = &n
	}
	if p.CustomSigningKey && (p.SigningAlgorithm == "" || p.SigningKey == "") {
		return nil, transport.Invalid("SigningKey", "SigningAlgorithm and SigningKey are required with CustomSigningKey")
	}
	return b, nil
}

// Create defines a template. Not replayed after an ambiguous failure.
//
// API: POST /jwt_templates (CreateJWTTemplate)
func (s *JWTTemplateService) Create(ctx context.Context, params *CreateJWTTemplateParams, opts ...core.RequestOption) (*JWTTemplate, error) {
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	out := new(JWTTemplate)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/jwt_templates", Body: body, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns a template by its ID.
//
// API: GET /jwt_templates/{template_id} (GetJWTTemplate)
func (s *JWTTemplateService) Get(ctx context.Context, templateID string, opts ...core.RequestOption) (*JWTTemplate, error) {
	return getAt[JWTTemplate](ctx, s.b, jwtTemplateTemplate, templateID, opts)
}

// Update replaces a template's definition and returns it.
//
// API: PATCH /jwt_templates/{template_id} (UpdateJWTTemplate)
func (s *JWTTemplateService) Update(ctx context.Context, templateID string, params *UpdateJWTTemplateParams, opts ...core.RequestOption) (*JWTTemplate, error) {
	path, err := transport.Path(jwtTemplateTemplate, templateID)
	if err != nil {
		return nil, err
	}
	body, err := (*CreateJWTTemplateParams)(params).body()
	if err != nil {
		return nil, err
	}
	out := new(JWTTemplate)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPatch, Path: path, Body: body, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes a template.
//
// API: DELETE /jwt_templates/{template_id} (DeleteJWTTemplate)
func (s *JWTTemplateService) Delete(ctx context.Context, templateID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return deleteAt(ctx, s.b, jwtTemplateTemplate, templateID, opts)
}
