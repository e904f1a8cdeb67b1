package clerktest

// identityRoutes is the route table of the identity and token services:
// email addresses, phone numbers, sign-ups, clients, sign-in, actor,
// testing and admin portal link tokens, agent tasks.
func identityRoutes() map[string]op {
	return map[string]op{
		"POST /v1/email_addresses":                                          createEmailAddress,
		"GET /v1/email_addresses/{email_address_id}":                        getEmailAddress,
		"PATCH /v1/email_addresses/{email_address_id}":                      updateEmailAddress,
		"DELETE /v1/email_addresses/{email_address_id}":                     deleteEmailAddress,
		"POST /v1/email_addresses/{email_address_id}/prepare_verification":  prepareEmailVerification,
		"POST /v1/email_addresses/{email_address_id}/attempt_verification":  attemptEmailVerification,
		"PUT /v1/users/{user_id}/email_address":                             replaceUserEmailAddress,
		"POST /v1/phone_numbers":                                            createPhoneNumber,
		"GET /v1/phone_numbers/{phone_number_id}":                           getPhoneNumber,
		"PATCH /v1/phone_numbers/{phone_number_id}":                         updatePhoneNumber,
		"DELETE /v1/phone_numbers/{phone_number_id}":                        deletePhoneNumber,
		"POST /v1/phone_numbers/{phone_number_id}/prepare_verification":     preparePhoneVerification,
		"POST /v1/phone_numbers/{phone_number_id}/attempt_verification":     attemptPhoneVerification,
		"PUT /v1/users/{user_id}/phone_number":                              replaceUserPhoneNumber,
		"GET /v1/sign_ups/{id}":                                             getSignUp,
		"PATCH /v1/sign_ups/{id}":                                           updateSignUp,
		"GET /v1/clients/{client_id}":                                       getClient,
		"POST /v1/clients/verify":                                           verifyClient,
		"POST /v1/sign_in_tokens":                                           createSignInToken,
		"POST /v1/sign_in_tokens/{sign_in_token_id}/revoke":                 revokeSignInToken,
		"POST /v1/actor_tokens":                                             createActorToken,
		"POST /v1/actor_tokens/{actor_token_id}/revoke":                     revokeActorToken,
		"POST /v1/testing_tokens":                                           createTestingToken,
		"POST /v1/agents/tasks":                                             createAgentTask,
		"POST /v1/agents/tasks/{agent_task_id}/revoke":                      revokeAgentTask,
		"POST /v1/admin_portal_link_tokens":                                 createPortalToken,
		"POST /v1/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke": revokePortalToken,
	}
}
