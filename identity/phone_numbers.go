package identity

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/users"
)

// PhoneNumberService creates, reads, updates, deletes, verifies and
// replaces users' phone numbers. It is safe for concurrent use.
type PhoneNumberService struct {
	b *transport.Backend
}

// NewPhoneNumberService returns a PhoneNumberService on b. Users get one
// from clerk.NewClient (client.PhoneNumbers).
func NewPhoneNumberService(b *transport.Backend) *PhoneNumberService {
	return &PhoneNumberService{b: b}
}

// CreatePhoneNumberParams is the body of PhoneNumberService.Create.
// UserID and PhoneNumber are required.
type CreatePhoneNumberParams struct {
	// UserID is the user the number is added to.
	UserID string `json:"user_id"`
	// PhoneNumber is the new number in E.164 format (+15555550100).
	PhoneNumber string `json:"phone_number"`
	// Verified marks the number as verified on creation.
	Verified bool `json:"verified,omitempty"`
	// Primary makes it the user's primary number. Nil leaves the API's
	// default: false, unless it is the user's first number.
	Primary *bool `json:"primary,omitempty"`
	// ReservedForSecondFactor reserves the number for multi-factor
	// authentication (it must be verified too). With no other reserved
	// second factor it becomes the default one.
	ReservedForSecondFactor bool `json:"reserved_for_second_factor,omitempty"`
}

// UpdatePhoneNumberParams is the body of PhoneNumberService.Update; nil
// fields are left unchanged.
type UpdatePhoneNumberParams struct {
	// Verified marks the number as verified (or not).
	Verified *bool `json:"verified,omitempty"`
	// Primary makes the number the user's primary one.
	Primary *bool `json:"primary,omitempty"`
	// ReservedForSecondFactor reserves the number for (or frees it from)
	// multi-factor authentication; the number must be verified.
	ReservedForSecondFactor *bool `json:"reserved_for_second_factor,omitempty"`
}

// ReplaceUserPhoneNumberParams is the body of
// PhoneNumberService.ReplaceForUser. PhoneNumber is required.
type ReplaceUserPhoneNumberParams struct {
	// PhoneNumber is the replacement number in E.164 format.
	PhoneNumber string `json:"phone_number"`
	// IdentificationStatus is IdentificationVerified (the API's default
	// when empty), IdentificationReserved or IdentificationUnverified.
	IdentificationStatus string `json:"identification_status,omitempty"`
}

// Create adds a phone number to a user. It is a create: it is never
// replayed after it may have reached the server.
//
// API: POST /phone_numbers (CreatePhoneNumber)
func (s *PhoneNumberService) Create(ctx context.Context, params *CreatePhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: user_id and phone_number are required")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if err := transport.ValidateID("phone_number", params.PhoneNumber); err != nil {
		return nil, err
	}
	return send[users.PhoneNumber](ctx, s.b, http.MethodPost, "/phone_numbers", params, transport.NotReplaySafe, opts)
}

// Get reads one phone number by its ID.
//
// API: GET /phone_numbers/{phone_number_id} (GetPhoneNumber)
func (s *PhoneNumberService) Get(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*users.PhoneNumber, error) {
	return send[users.PhoneNumber](ctx, s.b, http.MethodGet, "/phone_numbers/{phone_number_id}", nil, transport.ReplayByMethod, opts, phoneNumberID)
}

// Update changes a phone number's verified, primary and second-factor
// flags. A nil params sends an empty update.
// Like every update, it is not replayed after it may have reached the
// server.
//
// API: PATCH /phone_numbers/{phone_number_id} (UpdatePhoneNumber)
func (s *PhoneNumberService) Update(ctx context.Context, phoneNumberID string, params *UpdatePhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error) {
	if params == nil {
		params = &UpdatePhoneNumberParams{}
	}
	return send[users.PhoneNumber](ctx, s.b, http.MethodPatch, "/phone_numbers/{phone_number_id}", params, transport.ReplayByMethod, opts, phoneNumberID)
}

// Delete removes a phone number from its user. A replayed delete that
// finds nothing left (404 after more than one attempt) counts as success.
//
// API: DELETE /phone_numbers/{phone_number_id} (DeletePhoneNumber)
func (s *PhoneNumberService) Delete(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	del, err := send[core.DeletedObject](ctx, s.b, http.MethodDelete, "/phone_numbers/{phone_number_id}", nil, transport.ReplayByMethod, opts, phoneNumberID)
	if err != nil && transport.ReplayedNotFound(err) {
		return &core.DeletedObject{Object: "phone_number", ID: phoneNumberID, Deleted: true}, nil
	}
	return del, err
}

// PrepareVerification sends a one-time code to the phone number by SMS
// and returns the verification to complete with AttemptVerification. It
// sends a message, so it is never replayed after it may have reached the
// server.
//
// API: POST /phone_numbers/{phone_number_id}/prepare_verification (PreparePhoneNumberVerification)
func (s *PhoneNumberService) PrepareVerification(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*Verification, error) {
	return send[Verification](ctx, s.b, http.MethodPost, "/phone_numbers/{phone_number_id}/prepare_verification", nil, transport.NotReplaySafe, opts, phoneNumberID)
}

// AttemptVerification checks a code sent by PrepareVerification. Each
// attempt counts against the verification's limit, so an attempt is
// never replayed after it may have reached the server.
//
// API: POST /phone_numbers/{phone_number_id}/attempt_verification (AttemptPhoneNumberVerification)
func (s *PhoneNumberService) AttemptVerification(ctx context.Context, phoneNumberID string, params *AttemptVerificationParams, opts ...core.RequestOption) (*Verification, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return send[Verification](ctx, s.b, http.MethodPost, "/phone_numbers/{phone_number_id}/attempt_verification", params, transport.NotReplaySafe, opts, phoneNumberID)
}

// ReplaceForUser replaces all of a user's phone numbers with a single
// primary one; the existing ones are deleted. The API refuses it when an
// existing phone number is linked to a connected account. It is a PUT with the
// same body on every attempt, so it is replay-safe.
//
// API: PUT /users/{user_id}/phone_number (ReplaceUserPhoneNumber)
func (s *PhoneNumberService) ReplaceForUser(ctx context.Context, userID string, params *ReplaceUserPhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: phone_number is required")
	}
	if err := transport.ValidateID("phone_number", params.PhoneNumber); err != nil {
		return nil, err
	}
	if err := checkIdentificationStatus(params.IdentificationStatus); err != nil {
		return nil, err
	}
	return send[users.PhoneNumber](ctx, s.b, http.MethodPut, "/users/{user_id}/phone_number", params, transport.ReplayByMethod, opts, userID)
}
