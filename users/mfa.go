package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/internal/transport"
)

// VerifyTOTPParams carries the code to check.
type VerifyTOTPParams struct {
	// Code is a TOTP code or a backup code; it must not be blank.
	Code string `json:"code"`
}

// TOTPVerification is the outcome of VerifyTOTP.
type TOTPVerification struct {
	Verified bool `json:"verified"`
	// CodeType is "totp" or "backup_code" when Verified; a verified backup
	// code is used up.
	CodeType string `json:"code_type,omitempty"`
}

// VerifyTOTP checks a TOTP or backup code for the user. A wrong code (the
// API's bare 422) gives Verified false and a nil error. A user with neither
// TOTP nor backup codes gives an error matching ErrNoTOTP (and
// clerk.ErrBadRequest). A blank code fails with clerk.ErrInvalidInput and
// sends nothing. A correct backup code is consumed, so the call is not
// replayed after it may have reached the API.
//
// API: POST /users/{user_id}/verify_totp (VerifyTOTP)
func (s *Service) VerifyTOTP(ctx context.Context, userID string, params *VerifyTOTPParams, opts ...core.RequestOption) (*TOTPVerification, error) {
	path, err := transport.Path("/users/{user_id}/verify_totp", userID)
	if err != nil {
		return nil, err
	}
	if params == nil || strings.TrimSpace(params.Code) == "" {
		return nil, transport.Invalid("code", "must not be empty")
	}
	out := new(TOTPVerification)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		if err = verifyError(err, ErrNoTOTP); err != nil {
			return nil, err
		}
		return &TOTPVerification{}, nil
	}
	return out, nil
}

// MFAResult is the answer of the MFA deletes: the ID of the user whose
// factors were removed.
type MFAResult struct {
	UserID string `json:"user_id"`
}

// DisableMFA removes all of the user's second factors at once (SMS codes,
// TOTP, backup codes).
//
// API: DELETE /users/{user_id}/mfa (DisableMFA)
func (s *Service) DisableMFA(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error) {
	return s.mfaDelete(ctx, "/users/{user_id}/mfa", userID, opts)
}

// DeleteBackupCodes removes all of the user's backup codes.
//
// API: DELETE /users/{user_id}/backup_code (DeleteBackupCode)
func (s *Service) DeleteBackupCodes(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error) {
	return s.mfaDelete(ctx, "/users/{user_id}/backup_code", userID, opts)
}

// DeleteTOTP removes all of the user's TOTP authenticators.
//
// API: DELETE /users/{user_id}/totp (DeleteTOTP)
func (s *Service) DeleteTOTP(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error) {
	return s.mfaDelete(ctx, "/users/{user_id}/totp", userID, opts)
}

func (s *Service) mfaDelete(ctx context.Context, template, userID string, opts []core.RequestOption) (*MFAResult, error) {
	path, err := transport.Path(template, userID)
	if err != nil {
		return nil, err
	}
	out := new(MFAResult)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Replay: transport.ReplaySafe, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeletePasskey deletes one of the user's passkeys; the user is told by
// email.
//
// API: DELETE /users/{user_id}/passkeys/{passkey_identification_id} (UserPasskeyDelete)
func (s *Service) DeletePasskey(ctx context.Context, userID, passkeyID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/users/{user_id}/passkeys/{passkey_identification_id}", userID, passkeyID)
	if err != nil {
		return nil, err
	}
	return s.deleteObject(ctx, path, "passkey", passkeyID, opts)
}

// DeleteWeb3Wallet deletes one of the user's web3 wallets.
//
// API: DELETE /users/{user_id}/web3_wallets/{web3_wallet_identification_id} (UserWeb3WalletDelete)
func (s *Service) DeleteWeb3Wallet(ctx context.Context, userID, web3WalletID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/users/{user_id}/web3_wallets/{web3_wallet_identification_id}", userID, web3WalletID)
	if err != nil {
		return nil, err
	}
	return s.deleteObject(ctx, path, "web3_wallet", web3WalletID, opts)
}

// DeleteExternalAccount unlinks one of the user's OAuth accounts.
//
// API: DELETE /users/{user_id}/external_accounts/{external_account_id} (DeleteExternalAccount)
func (s *Service) DeleteExternalAccount(ctx context.Context, userID, externalAccountID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/users/{user_id}/external_accounts/{external_account_id}", userID, externalAccountID)
	if err != nil {
		return nil, err
	}
	return s.deleteObject(ctx, path, "external_account", externalAccountID, opts)
}
