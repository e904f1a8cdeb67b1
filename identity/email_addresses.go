package identity

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/users"
)

// EmailAddressService creates, reads, updates, deletes, verifies and
// replaces users' email addresses. It is safe for concurrent use.
type EmailAddressService struct {
	b *transport.Backend
}

// NewEmailAddressService returns an EmailAddressService on b. Users get
// one from clerk.NewClient (client.EmailAddresses).
func NewEmailAddressService(b *transport.Backend) *EmailAddressService {
	return &EmailAddressService{b: b}
}

// CreateEmailAddressParams is the body of EmailAddressService.Create.
// UserID and EmailAddress are required.
type CreateEmailAddressParams struct {
	// UserID is the user the address is added to.
	UserID string `json:"user_id"`
	// EmailAddress is the new address (RFC 5322).
	EmailAddress string `json:"email_address"`
	// Verified marks the address as verified on creation.
	Verified bool `json:"verified,omitempty"`
	// Primary makes it the user's primary address. Nil leaves the API's
	// default: false, unless it is the user's first address.
	Primary *bool `json:"primary,omitempty"`
	// NotifyPrimaryEmailAddressChanged notifies the previous primary
	// address when this one becomes the primary.
	NotifyPrimaryEmailAddressChanged bool `json:"notify_primary_email_address_changed,omitempty"`
}

// UpdateEmailAddressParams is the body of EmailAddressService.Update; nil
// fields are left unchanged.
type UpdateEmailAddressParams struct {
	// Verified marks the address as verified (or not).
	Verified *bool `json:"verified,omitempty"`
	// Primary makes the address the user's primary one.
	Primary *bool `json:"primary,omitempty"`
	// NotifyPrimaryEmailAddressChanged notifies the previous primary
	// address when this update makes this one the primary.
	NotifyPrimaryEmailAddressChanged bool `json:"notify_primary_email_address_changed,omitempty"`
}

// ReplaceUserEmailAddressParams is the body of
// EmailAddressService.ReplaceForUser. EmailAddress is required.
type ReplaceUserEmailAddressParams struct {
	// EmailAddress is the replacement address (RFC 5322).
	EmailAddress string `json:"email_address"`
	// IdentificationStatus is IdentificationVerified (the API's default
	// when empty), IdentificationReserved or IdentificationUnverified.
	IdentificationStatus string `json:"identification_status,omitempty"`
	// NotifyPrimaryEmailAddressChanged notifies the user's previous
	// primary address of the change.
	NotifyPrimaryEmailAddressChanged bool `json:"notify_primary_email_address_changed,omitempty"`
}

// Create adds an email address to a user. It is a create: it is never
// replayed after it may have reached the server (a failure that leaves
// the outcome unknown is reported as clerk.ErrOutcomeUnknown).
//
// API: POST /email_addresses (CreateEmailAddress)
func (s *EmailAddressService) Create(ctx context.Context, params *CreateEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: user_id and email_address are required")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if err := transport.ValidateID("email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	return send[users.EmailAddress](ctx, s.b, http.MethodPost, "/email_addresses", params, transport.NotReplaySafe, opts)
}

// Get reads one email address by its ID.
//
// API: GET /email_addresses/{email_address_id} (GetEmailAddress)
func (s *EmailAddressService) Get(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*users.EmailAddress, error) {
	return send[users.EmailAddress](ctx, s.b, http.MethodGet, "/email_addresses/{email_address_id}", nil, transport.ReplayByMethod, opts, emailAddressID)
}

// Update changes an email address's verified and primary flags. A nil
// params sends an empty update.
// Like every update, it is not replayed after it may have reached the
// server.
//
// API: PATCH /email_addresses/{email_address_id} (UpdateEmailAddress)
func (s *EmailAddressService) Update(ctx context.Context, emailAddressID string, params *UpdateEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error) {
	if params == nil {
		params = &UpdateEmailAddressParams{}
	}
	return send[users.EmailAddress](ctx, s.b, http.MethodPatch, "/email_addresses/{email_address_id}", params, transport.ReplayByMethod, opts, emailAddressID)
}

// Delete removes an email address from its user. A replayed delete that
// finds nothing left (404 after more than one attempt) counts as success.
//
// API: DELETE /email_addresses/{email_address_id} (DeleteEmailAddress)
func (s *EmailAddressService) Delete(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	del, err := send[core.DeletedObject](ctx, s.b, http.MethodDelete, "/email_addresses/{email_address_id}", nil, transport.ReplayByMethod, opts, emailAddressID)
	if err != nil && transport.ReplayedNotFound(err) {
		return &core.DeletedObject{Object: "email_address", ID: emailAddressID, Deleted: true}, nil
	}
	return del, err
}

// PrepareVerification sends a one-time code to the email address and
// returns the verification to complete with AttemptVerification. It sends
// a message, so it is never replayed after it may have reached the server.
//
// API: POST /email_addresses/{email_address_id}/prepare_verification (PrepareEmailAddressVerification)
func (s *EmailAddressService) PrepareVerification(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*Verification, error) {
	return send[Verification](ctx, s.b, http.MethodPost, "/email_addresses/{email_address_id}/prepare_verification", nil, transport.NotReplaySafe, opts, emailAddressID)
}

// AttemptVerification checks a code sent by PrepareVerification. Each
// attempt counts against the verification's limit, so an attempt is
// never replayed after it may have reached the server.
//
// API: POST /email_addresses/{email_address_id}/attempt_verification (AttemptEmailAddressVerification)
func (s *EmailAddressService) AttemptVerification(ctx context.Context, emailAddressID string, params *AttemptVerificationParams, opts ...core.RequestOption) (*Verification, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return send[Verification](ctx, s.b, http.MethodPost, "/email_addresses/{email_address_id}/attempt_verification", params, transport.NotReplaySafe, opts, emailAddressID)
}

// ReplaceForUser replaces all of a user's email addresss with a single
// primary one; the existing ones are deleted. The API refuses it when an
// existing email address is linked to a connected account. It is a PUT with the
// same body on every attempt, so it is replay-safe.
//
// API: PUT /users/{user_id}/email_address (ReplaceUserEmailAddress)
func (s *EmailAddressService) ReplaceForUser(ctx context.Context, userID string, params *ReplaceUserEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: email_address is required")
	}
	if err := transport.ValidateID("email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	if err := checkIdentificationStatus(params.IdentificationStatus); err != nil {
		return nil, err
	}
	return send[users.EmailAddress](ctx, s.b, http.MethodPut, "/users/{user_id}/email_address", params, transport.ReplayByMethod, opts, userID)
}
