package identity

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Sign-up statuses, for SignUp.Status.
const (
	SignUpMissingRequirements = "missing_requirements"
	SignUpComplete            = "complete"
	SignUpAbandoned           = "abandoned"
)

// SignUp is a sign-up attempt: what a guest has entered so far and what
// the instance still requires.
type SignUp struct {
	// Object is "sign_up_attempt".
	Object string `json:"object"`
	ID     string `json:"id"`
	// Status is SignUpMissingRequirements, SignUpComplete or
	// SignUpAbandoned.
	Status string `json:"status"`
	// RequiredFields, OptionalFields, MissingFields and UnverifiedFields
	// name sign-up fields ("email_address", "password", ...).
	RequiredFields   []string `json:"required_fields"`
	OptionalFields   []string `json:"optional_fields"`
	MissingFields    []string `json:"missing_fields"`
	UnverifiedFields []string `json:"unverified_fields"`
	// Verifications is the state of each identifier's verification.
	Verifications SignUpVerifications `json:"verifications"`

	Username        *string `json:"username"`
	EmailAddress    *string `json:"email_address"`
	PhoneNumber     *string `json:"phone_number"`
	Web3Wallet      *string `json:"web3_wallet"`
	PasswordEnabled bool    `json:"password_enabled"`
	FirstName       *string `json:"first_name"`
	LastName        *string `json:"last_name"`
	Locale          *string `json:"locale,omitempty"`

	// PublicMetadata and UnsafeMetadata are copied to the user the
	// sign-up creates; raw JSON objects.
	PublicMetadata json.RawMessage `json:"public_metadata,omitempty"`
	UnsafeMetadata json.RawMessage `json:"unsafe_metadata,omitempty"`
	// ExternalAccount is the OAuth account the guest signs up with, raw.
	//
	// Deprecated: the API keeps it for older clients; read
	// Verifications.ExternalAccount.
	ExternalAccount json.RawMessage `json:"external_account,omitempty"`

	// CustomAction marks a sign-up completed by a custom flow.
	CustomAction bool `json:"custom_action"`
	// ExternalID is your own ID for the guest; it is copied to the user.
	ExternalID *string `json:"external_id"`
	// CreatedSessionID and CreatedUserID are set once the sign-up is
	// complete.
	CreatedSessionID *string `json:"created_session_id"`
	CreatedUserID    *string `json:"created_user_id"`
	// AbandonAt is when an unfinished sign-up is abandoned.
	AbandonAt time.Time `json:"abandon_at"`
	// LegalAcceptedAt is when the guest accepted the legal terms, nil if
	// not.
	LegalAcceptedAt *time.Time `json:"legal_accepted_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond instants.
func (s *SignUp) UnmarshalJSON(b []byte) error {
	type plain SignUp
	return json.Unmarshal(b, &struct {
		*plain
		AbandonAt       transport.Millis    `json:"abandon_at"`
		LegalAcceptedAt transport.MillisPtr `json:"legal_accepted_at"`
	}{(*plain)(s), transport.Millis{T: &s.AbandonAt}, transport.MillisPtr{T: &s.LegalAcceptedAt}})
}

// SignUpVerifications is the verification state of each identifier of a
// sign-up; nil when the identifier is not being verified.
type SignUpVerifications struct {
	EmailAddress *SignUpVerification `json:"email_address"`
	PhoneNumber  *SignUpVerification `json:"phone_number"`
	Web3Wallet   *SignUpVerification `json:"web3_wallet"`
	// ExternalAccount is the OAuth verification, raw JSON (null when
	// none).
	ExternalAccount json.RawMessage `json:"external_account"`
}

// SignUpVerification is one identifier's verification during a sign-up.
type SignUpVerification struct {
	// NextAction is "needs_prepare", "needs_attempt" or "".
	NextAction string `json:"next_action"`
	// SupportedStrategies are the strategies that can verify it
	// ("email_code", "email_link", ...).
	SupportedStrategies []string `json:"supported_strategies"`
	// Status and Strategy describe the verification in progress, when
	// the API includes them.
	Status   string `json:"status,omitempty"`
	Strategy string `json:"strategy,omitempty"`
}

// UpdateSignUpParams is the body of SignUpService.Update; nil fields are
// left unchanged.
type UpdateSignUpParams struct {
	// ExternalID is your own ID for the guest, copied to the user when
	// the sign-up completes.
	ExternalID *string `json:"external_id,omitempty"`
	// CustomAction marks the sign-up as completed by a custom flow.
	CustomAction *bool `json:"custom_action,omitempty"`
}

// SignUpService reads and updates sign-ups. It is safe for concurrent
// use.
type SignUpService struct {
	b *transport.Backend
}

// NewSignUpService returns a SignUpService on b. Users get one from
// clerk.NewClient (client.SignUps).
func NewSignUpService(b *transport.Backend) *SignUpService { return &SignUpService{b: b} }

// Get reads one sign-up by its ID.
//
// API: GET /sign_ups/{id} (GetSignUp)
func (s *SignUpService) Get(ctx context.Context, signUpID string, opts ...core.RequestOption) (*SignUp, error) {
	return send[SignUp](ctx, s.b, http.MethodGet, "/sign_ups/{id}", nil, transport.ReplayByMethod, opts, signUpID)
}

// Update sets a sign-up's external ID or custom-action flag. A nil params
// sends an empty update.
// Like every update, it is not replayed after it may have reached the
// server.
//
// API: PATCH /sign_ups/{id} (UpdateSignUp)
func (s *SignUpService) Update(ctx context.Context, signUpID string, params *UpdateSignUpParams, opts ...core.RequestOption) (*SignUp, error) {
	if params == nil {
		params = &UpdateSignUpParams{}
	}
	return send[SignUp](ctx, s.b, http.MethodPatch, "/sign_ups/{id}", params, transport.ReplayByMethod, opts, signUpID)
}
