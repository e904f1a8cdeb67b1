package clerktest

// extrasRoutes is the route table of the operations added for API 1.0
// that the first version of the fake left out: billing of users and
// organizations, profile images and logos, trusted devices, OAuth access
// tokens, TOTP verification, session refresh, and the deletes of
// passkeys, web3 wallets and external accounts. Handlers are in
// handlers_extras.go.
func extrasRoutes() map[string]op {
	return map[string]op{
		"GET /v1/users/{user_id}/billing/subscription":                            getUserSubscription,
		"GET /v1/users/{user_id}/billing/credits":                                 getUserCredits,
		"POST /v1/users/{user_id}/billing/credits":                                adjustUserCredits,
		"GET /v1/organizations/{organization_id}/billing/subscription":            getOrgSubscription,
		"GET /v1/organizations/{organization_id}/billing/credits":                 getOrgCredits,
		"POST /v1/organizations/{organization_id}/billing/credits":                adjustOrgCredits,
		"POST /v1/users/{user_id}/profile_image":                                  setProfileImage,
		"PUT /v1/organizations/{organization_id}/logo":                            uploadOrgLogo,
		"DELETE /v1/organizations/{organization_id}/logo":                         deleteOrgLogo,
		"GET /v1/users/{user_id}/trusted_devices":                                 listTrustedDevices,
		"DELETE /v1/users/{user_id}/trusted_devices/{trusted_device_id}":          revokeTrustedDevice,
		"GET /v1/users/{user_id}/oauth_access_tokens/{provider}":                  listOAuthAccessTokens,
		"POST /v1/users/{user_id}/verify_totp":                                    verifyTOTP,
		"POST /v1/sessions/{session_id}/refresh":                                  refreshSession,
		"DELETE /v1/users/{user_id}/passkeys/{passkey_identification_id}":         deletePasskey,
		"DELETE /v1/users/{user_id}/web3_wallets/{web3_wallet_identification_id}": deleteWeb3Wallet,
		"DELETE /v1/users/{user_id}/external_accounts/{external_account_id}":      deleteExternalAccount,
	}
}
