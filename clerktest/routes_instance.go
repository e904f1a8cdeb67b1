package clerktest

// instanceRoutes is the route table of the instance settings, beta
// features, interstitial, domains, proxy checks, redirect URLs, JWT
// templates and waitlist entries.
func instanceRoutes() map[string]op {
	return map[string]op{
		"GET /v1/instance":                              getInstance,
		"PATCH /v1/instance":                            updateInstance,
		"PATCH /v1/instance/restrictions":               updateRestrictions,
		"GET /v1/instance/protect":                      getProtect,
		"PATCH /v1/instance/protect":                    updateProtect,
		"GET /v1/instance/communication":                getCommunication,
		"PATCH /v1/instance/communication":              updateCommunication,
		"GET /v1/instance/oauth_application_settings":   getOAuthAppSettings,
		"PATCH /v1/instance/oauth_application_settings": updateOAuthAppSettings,
		"GET /v1/instance/organization_settings":        getOrgSettings,
		"PATCH /v1/instance/organization_settings":      updateOrgSettings,
		"POST /v1/instance/change_domain":               changeDomain,
		"PATCH /v1/beta_features/instance_settings":     updateAuthConfig,
		"GET /v1/public/interstitial":                   getInterstitial,

		"GET /v1/domains":                listDomains,
		"POST /v1/domains":               addDomain,
		"PATCH /v1/domains/{domain_id}":  updateDomain,
		"DELETE /v1/domains/{domain_id}": deleteDomain,
		"POST /v1/proxy_checks":          verifyProxy,

		"GET /v1/redirect_urls":         listRedirectURLs,
		"POST /v1/redirect_urls":        createRedirectURL,
		"GET /v1/redirect_urls/{id}":    getRedirectURL,
		"DELETE /v1/redirect_urls/{id}": deleteRedirectURL,

		"GET /v1/jwt_templates":                  listJWTTemplates,
		"POST /v1/jwt_templates":                 createJWTTemplate,
		"GET /v1/jwt_templates/{template_id}":    getJWTTemplate,
		"PATCH /v1/jwt_templates/{template_id}":  updateJWTTemplate,
		"DELETE /v1/jwt_templates/{template_id}": deleteJWTTemplate,

		"GET /v1/waitlist_entries":                             listWaitlist,
		"POST /v1/waitlist_entries":                            createWaitlistEntry,
		"POST /v1/waitlist_entries/bulk":                       bulkWaitlistEntries,
		"DELETE /v1/waitlist_entries/{waitlist_entry_id}":      deleteWaitlistEntry,
		"POST /v1/waitlist_entries/{waitlist_entry_id}/invite": inviteWaitlistEntry,
		"POST /v1/waitlist_entries/{waitlist_entry_id}/reject": rejectWaitlistEntry,
	}
}
