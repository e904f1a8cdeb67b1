package identity

import (
	"context"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/users"
)

// EmailAddressAPI is every operation of EmailAddressService, so that code
// using it can be tested against a fake (embed UnimplementedEmailAddresses).
type EmailAddressAPI interface {
	Create(ctx context.Context, params *CreateEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error)
	Get(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*users.EmailAddress, error)
	Update(ctx context.Context, emailAddressID string, params *UpdateEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error)
	Delete(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	PrepareVerification(ctx context.Context, emailAddressID string, opts ...core.RequestOption) (*Verification, error)
	AttemptVerification(ctx context.Context, emailAddressID string, params *AttemptVerificationParams, opts ...core.RequestOption) (*Verification, error)
	ReplaceForUser(ctx context.Context, userID string, params *ReplaceUserEmailAddressParams, opts ...core.RequestOption) (*users.EmailAddress, error)
}

// PhoneNumberAPI is every operation of PhoneNumberService (embed
// UnimplementedPhoneNumbers in a fake).
type PhoneNumberAPI interface {
	Create(ctx context.Context, params *CreatePhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error)
	Get(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*users.PhoneNumber, error)
	Update(ctx context.Context, phoneNumberID string, params *UpdatePhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error)
	Delete(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	PrepareVerification(ctx context.Context, phoneNumberID string, opts ...core.RequestOption) (*Verification, error)
	AttemptVerification(ctx context.Context, phoneNumberID string, params *AttemptVerificationParams, opts ...core.RequestOption) (*Verification, error)
	ReplaceForUser(ctx context.Context, userID string, params *ReplaceUserPhoneNumberParams, opts ...core.RequestOption) (*users.PhoneNumber, error)
}

// SignUpAPI is every operation of SignUpService (embed UnimplementedSignUps
// in a fake).
type SignUpAPI interface {
	Get(ctx context.Context, signUpID string, opts ...core.RequestOption) (*SignUp, error)
	Update(ctx context.Context, signUpID string, params *UpdateSignUpParams, opts ...core.RequestOption) (*SignUp, error)
}

// ClientAPI is every operation of ClientService (embed UnimplementedClients
// in a fake).
type ClientAPI interface {
	Get(ctx context.Context, clientID string, opts ...core.RequestOption) (*Client, error)
	Verify(ctx context.Context, params *VerifyClientParams, opts ...core.RequestOption) (*Client, error)
}

var (
	_ EmailAddressAPI = (*EmailAddressService)(nil)
	_ PhoneNumberAPI  = (*PhoneNumberService)(nil)
	_ SignUpAPI       = (*SignUpService)(nil)
	_ ClientAPI       = (*ClientService)(nil)

	_ EmailAddressAPI = UnimplementedEmailAddresses{}
	_ PhoneNumberAPI  = UnimplementedPhoneNumbers{}
	_ SignUpAPI       = UnimplementedSignUps{}
	_ ClientAPI       = UnimplementedClients{}
)

func unimplemented(method string) error { return &core.NotImplementedError{Method: method} }

// UnimplementedEmailAddresses answers every EmailAddressAPI method with a
// *core.NotImplementedError. Embed it in a test fake and override what the
// code under test calls; the fake keeps compiling when methods are added.
type UnimplementedEmailAddresses struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) Create(context.Context, *CreateEmailAddressParams, ...core.RequestOption) (*users.EmailAddress, error) {
	return nil, unimplemented("EmailAddresses.Create")
}

// Get returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) Get(context.Context, string, ...core.RequestOption) (*users.EmailAddress, error) {
	return nil, unimplemented("EmailAddresses.Get")
}

// Update returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) Update(context.Context, string, *UpdateEmailAddressParams, ...core.RequestOption) (*users.EmailAddress, error) {
	return nil, unimplemented("EmailAddresses.Update")
}

// Delete returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, unimplemented("EmailAddresses.Delete")
}

// PrepareVerification returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) PrepareVerification(context.Context, string, ...core.RequestOption) (*Verification, error) {
	return nil, unimplemented("EmailAddresses.PrepareVerification")
}

// AttemptVerification returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) AttemptVerification(context.Context, string, *AttemptVerificationParams, ...core.RequestOption) (*Verification, error) {
	return nil, unimplemented("EmailAddresses.AttemptVerification")
}

// ReplaceForUser returns a *core.NotImplementedError.
func (UnimplementedEmailAddresses) ReplaceForUser(context.Context, string, *ReplaceUserEmailAddressParams, ...core.RequestOption) (*users.EmailAddress, error) {
	return nil, unimplemented("EmailAddresses.ReplaceForUser")
}

// UnimplementedPhoneNumbers answers every PhoneNumberAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedPhoneNumbers struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) Create(context.Context, *CreatePhoneNumberParams, ...core.RequestOption) (*users.PhoneNumber, error) {
	return nil, unimplemented("PhoneNumbers.Create")
}

// Get returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) Get(context.Context, string, ...core.RequestOption) (*users.PhoneNumber, error) {
	return nil, unimplemented("PhoneNumbers.Get")
}

// Update returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) Update(context.Context, string, *UpdatePhoneNumberParams, ...core.RequestOption) (*users.PhoneNumber, error) {
	return nil, unimplemented("PhoneNumbers.Update")
}

// Delete returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, unimplemented("PhoneNumbers.Delete")
}

// PrepareVerification returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) PrepareVerification(context.Context, string, ...core.RequestOption) (*Verification, error) {
	return nil, unimplemented("PhoneNumbers.PrepareVerification")
}

// AttemptVerification returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) AttemptVerification(context.Context, string, *AttemptVerificationParams, ...core.RequestOption) (*Verification, error) {
	return nil, unimplemented("PhoneNumbers.AttemptVerification")
}

// ReplaceForUser returns a *core.NotImplementedError.
func (UnimplementedPhoneNumbers) ReplaceForUser(context.Context, string, *ReplaceUserPhoneNumberParams, ...core.RequestOption) (*users.PhoneNumber, error) {
	return nil, unimplemented("PhoneNumbers.ReplaceForUser")
}

// UnimplementedSignUps answers every SignUpAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedSignUps struct{}

// Get returns a *core.NotImplementedError.
func (UnimplementedSignUps) Get(context.Context, string, ...core.RequestOption) (*SignUp, error) {
	return nil, unimplemented("SignUps.Get")
}

// Update returns a *core.NotImplementedError.
func (UnimplementedSignUps) Update(context.Context, string, *UpdateSignUpParams, ...core.RequestOption) (*SignUp, error) {
	return nil, unimplemented("SignUps.Update")
}

// UnimplementedClients answers every ClientAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedClients struct{}

// Get returns a *core.NotImplementedError.
func (UnimplementedClients) Get(context.Context, string, ...core.RequestOption) (*Client, error) {
	return nil, unimplemented("Clients.Get")
}

// Verify returns a *core.NotImplementedError.
func (UnimplementedClients) Verify(context.Context, *VerifyClientParams, ...core.RequestOption) (*Client, error) {
	return nil, unimplemented("Clients.Verify")
}
