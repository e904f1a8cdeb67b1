package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

// instanceState is what the instance topics store: settings, domains,
// redirect URLs, JWT templates and the waitlist.
type instanceState struct {
	testMode, hibp, urlSessionSyncing bool
	supportEmail, clerkJSVersion      *string
	developmentOrigin                 string
	preferredStrategy                 string
	allowedOrigins                    []string

	restrictions  restrictionsJSON
	protect       protectJSON
	communication communicationJSON
	oauth         oauthSettingsJSON
	orgSettings   orgSettingsJSON
	authConfig    authConfigJSON
	homeURL       string

	domains      map[string]*domain
	redirectURLs map[string]*redirectURL
	jwtTemplates map[string]*jwtTemplate
	waitlist     map[string]*waitlistEntry
}

// primaryDomainName is the seeded primary domain of the fake instance.
const primaryDomainName = "clerktest.local"

// instanceData returns the instance state, building it on first use. JWT
// templates declared with WithJWTTemplate become template records, so
// they are listed like the ones created through the API.
func (st *state) instanceData() *instanceState {
	if st.inst != nil {
		return st.inst
	}
	in := &instanceState{
		testMode:     true,
		restrictions: restrictionsJSON{Object: "instance_restrictions"},
		protect:      protectJSON{Object: "instance_protect"},
		communication: communicationJSON{
			Object: "instance_communication", BlockedCountryCodes: []string{},
		},
		oauth: oauthSettingsJSON{Object: "oauth_application_settings", OAuthJWTAccessTokens: true},
		orgSettings: orgSettingsJSON{
			Object: "organization_settings", Enabled: true, MaxAllowedMemberships: 5,
			MaxAllowedRoles: 10, MaxRoleSetsAllowed: 1, MaxAllowedDomains: 10,
			CreatorRole: roleAdmin, AdminDeleteEnabled: true,
			DomainsEnrollmentModes: []string{"manual_invitation"}, DomainsDefaultRole: roleMember,
		},
		authConfig:   authConfigJSON{Object: "instance_settings", ID: st.instanceID},
		domains:      map[string]*domain{},
		redirectURLs: map[string]*redirectURL{},
		jwtTemplates: map[string]*jwtTemplate{},
		waitlist:     map[string]*waitlistEntry{},
	}
	primary := &domain{id: newID("dmn"), seq: st.next(), name: primaryDomainName}
	in.domains[primary.id] = primary
	names := make([]string, 0, len(st.templates))
	for n := range st.templates {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		t := &jwtTemplate{id: newID("jtmp"), seq: st.next(), name: n, claims: st.templates[n], lifetime: 60, skew: 5, algorithm: "RS256"}
		in.jwtTemplates[t.id] = t
	}
	st.inst = in
	return in
}

// The settings objects, in the spec's wire shapes.
type (
	instanceJSON struct {
		Object          string   `json:"object"`
		ID              string   `json:"id"`
		EnvironmentType string   `json:"environment_type"`
		AllowedOrigins  []string `json:"allowed_origins"`
		WorkspaceID     *string  `json:"workspace_id"`
	}
	restrictionsJSON struct {
		Object                             string `json:"object"`
		Allowlist                          bool   `json:"allowlist"`
		Blocklist                          bool   `json:"blocklist"`
		AllowlistBlocklistDisabledOnSignIn bool   `json:"allowlist_blocklist_disabled_on_sign_in"`
		BlockEmailSubaddresses             bool   `json:"block_email_subaddresses"`
		BlockDisposableEmailDomains        bool   `json:"block_disposable_email_domains"`
	}
	protectJSON struct {
		Object         string `json:"object"`
		RulesEnabled   bool   `json:"rules_enabled"`
		SpecterEnabled bool   `json:"specter_enabled"`
		ChecksBypassed bool   `json:"checks_bypassed"`
	}
	communicationJSON struct {
		Object              string   `json:"object"`
		BlockedCountryCodes []string `json:"blocked_country_codes"`
	}
	oauthSettingsJSON struct {
		Object                         string   `json:"object"`
		DynamicOAuthClientRegistration bool     `json:"dynamic_oauth_client_registration"`
		DefaultScopes                  []string `json:"default_scopes"`
		OAuthJWTAccessTokens           bool     `json:"oauth_jwt_access_tokens"`
		CIMDAdvertised                 bool     `json:"client_id_metadata_documents_advertised"`
		CIMDOnlyPreRegistered          bool     `json:"client_id_metadata_documents_only_allow_pre_registered_clients"`
		CIMDBlockImplicitlyAllowed     bool     `json:"client_id_metadata_documents_block_implicitly_allowed_clients"`
	}
	orgSettingsJSON struct {
		Object                 string   `json:"object"`
		Enabled                bool     `json:"enabled"`
		MaxAllowedMemberships  int64    `json:"max_allowed_memberships"`
		MaxAllowedRoles        int64    `json:"max_allowed_roles"`
		MaxRoleSetsAllowed     int64    `json:"max_role_sets_allowed"`
		MaxAllowedDomains      int64    `json:"max_allowed_domains"`
		CreatorRole            string   `json:"creator_role"`
		AdminDeleteEnabled     bool     `json:"admin_delete_enabled"`
		DomainsEnabled         bool     `json:"domains_enabled"`
		SlugDisabled           bool     `json:"slug_disabled"`
		DomainsEnrollmentModes []string `json:"domains_enrollment_modes"`
		DomainsDefaultRole     string   `json:"domains_default_role"`
		InitialRoleSetKey      *string  `json:"initial_role_set_key"`
	}
	authConfigJSON struct {
		Object                string `json:"object"`
		ID                    string `json:"id"`
		RestrictedToAllowlist bool   `json:"restricted_to_allowlist"`
		FromEmailAddress      string `json:"from_email_address"`
		ProgressiveSignUp     bool   `json:"progressive_sign_up"`
	}
)

func getInstance(s *Server, _ *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	return instanceJSON{
		Object: "instance", ID: s.st.instanceID, EnvironmentType: "development",
		AllowedOrigins: slices.Clone(in.allowedOrigins),
	}, nil
}

type updateInstanceBody struct {
	TestMode               *bool     `json:"test_mode"`
	HIBP                   *bool     `json:"hibp"`
	SupportEmail           *string   `json:"support_email"`
	ClerkJSVersion         *string   `json:"clerk_js_version"`
	DevelopmentOrigin      *string   `json:"development_origin"`
	AllowedOrigins         *[]string `json:"allowed_origins"`
	CookielessDev          *bool     `json:"cookieless_dev"`
	URLBasedSessionSyncing *bool     `json:"url_based_session_syncing"`
	PreferredStrategy      *string   `json:"preferred_sign_in_strategy_when_password_required"`
}

// updateInstance applies the changes and answers 204, as the API does;
// GET /instance shows allowed_origins.
func updateInstance(s *Server, r *http.Request) (any, *apiError) {
	var b updateInstanceBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if p := b.PreferredStrategy; p != nil && *p != "password" && *p != "otp" && *p != "" {
		return nil, errValue("preferred_sign_in_strategy_when_password_required", "must be password, otp or empty")
	}
	if b.SupportEmail != nil && *b.SupportEmail != "" && !validEmail(*b.SupportEmail) {
		return nil, errFormat("support_email", *b.SupportEmail+" is not a valid email address")
	}
	in := s.st.instanceData()
	setIf(&in.testMode, b.TestMode)
	setIf(&in.hibp, b.HIBP)
	setIf(&in.urlSessionSyncing, b.CookielessDev)
	setIf(&in.urlSessionSyncing, b.URLBasedSessionSyncing)
	setIf(&in.developmentOrigin, b.DevelopmentOrigin)
	setIf(&in.preferredStrategy, b.PreferredStrategy)
	if b.SupportEmail != nil {
		in.supportEmail = strp(*b.SupportEmail)
	}
	if b.ClerkJSVersion != nil {
		in.clerkJSVersion = strp(*b.ClerkJSVersion)
	}
	if b.AllowedOrigins != nil {
		in.allowedOrigins = slices.Clone(*b.AllowedOrigins)
	}
	return noContent(http.StatusNoContent), nil
}

// setIf stores *v into dst when v is set (PATCH semantics: null and
// absent leave the setting alone).
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

type restrictionsBody struct {
	Allowlist                          *bool `json:"allowlist"`
	Blocklist                          *bool `json:"blocklist"`
	AllowlistBlocklistDisabledOnSignIn *bool `json:"allowlist_blocklist_disabled_on_sign_in"`
	BlockEmailSubaddresses             *bool `json:"block_email_subaddresses"`
	BlockDisposableEmailDomains        *bool `json:"block_disposable_email_domains"`
}

func updateRestrictions(s *Server, r *http.Request) (any, *apiError) {
	var b restrictionsBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	rs := &s.st.instanceData().restrictions
	setIf(&rs.Allowlist, b.Allowlist)
	setIf(&rs.Blocklist, b.Blocklist)
	setIf(&rs.AllowlistBlocklistDisabledOnSignIn, b.AllowlistBlocklistDisabledOnSignIn)
	setIf(&rs.BlockEmailSubaddresses, b.BlockEmailSubaddresses)
	setIf(&rs.BlockDisposableEmailDomains, b.BlockDisposableEmailDomains)
	return *rs, nil
}

func getProtect(s *Server, _ *http.Request) (any, *apiError) {
	return s.st.instanceData().protect, nil
}

type protectBody struct {
	RulesEnabled   *bool `json:"rules_enabled"`
	SpecterEnabled *bool `json:"specter_enabled"`
}

func updateProtect(s *Server, r *http.Request) (any, *apiError) {
	var b protectBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	p := &s.st.instanceData().protect
	setIf(&p.RulesEnabled, b.RulesEnabled)
	setIf(&p.SpecterEnabled, b.SpecterEnabled)
	return *p, nil
}

func getCommunication(s *Server, _ *http.Request) (any, *apiError) {
	c := s.st.instanceData().communication
	c.BlockedCountryCodes = slices.Clone(c.BlockedCountryCodes)
	return c, nil
}

type communicationBody struct {
	BlockedCountryCodes opt[[]string] `json:"blocked_country_codes"`
}

// updateCommunication replaces the SMS blocklist; null clears it.
func updateCommunication(s *Server, r *http.Request) (any, *apiError) {
	var b communicationBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	c := &s.st.instanceData().communication
	if b.BlockedCountryCodes.set {
		codes := b.BlockedCountryCodes.v
		if len(codes) > 250 {
			return nil, errTooMany("blocked_country_codes", 250)
		}
		seen := map[string]bool{}
		for _, code := range codes {
			if len(code) != 2 || strings.ToUpper(code) != code || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
				return nil, errFormat("blocked_country_codes", code+" is not an upper-case ISO 3166-1 alpha-2 code")
			}
			if seen[code] {
				return nil, errValue("blocked_country_codes", code+" is repeated")
			}
			seen[code] = true
		}
		c.BlockedCountryCodes = append([]string{}, codes...)
	}
	out := *c
	out.BlockedCountryCodes = slices.Clone(c.BlockedCountryCodes)
	return out, nil
}

func getOAuthAppSettings(s *Server, _ *http.Request) (any, *apiError) {
	o := s.st.instanceData().oauth
	o.DefaultScopes = slices.Clone(o.DefaultScopes)
	return o, nil
}

type oauthSettingsBody struct {
	DynamicOAuthClientRegistration *bool         `json:"dynamic_oauth_client_registration"`
	DefaultScopes                  opt[[]string] `json:"default_scopes"`
	OAuthJWTAccessTokens           *bool         `json:"oauth_jwt_access_tokens"`
	CIMDAdvertised                 *bool         `json:"client_id_metadata_documents_advertised"`
	CIMDOnlyPreRegistered          *bool         `json:"client_id_metadata_documents_only_allow_pre_registered_clients"`
	CIMDBlockImplicitlyAllowed     *bool         `json:"client_id_metadata_documents_block_implicitly_allowed_clients"`
}

// updateOAuthAppSettings applies the changes; default_scopes null resets
// the scopes to the defaults (null in the fake).
func updateOAuthAppSettings(s *Server, r *http.Request) (any, *apiError) {
	var b oauthSettingsBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	o := &s.st.instanceData().oauth
	setIf(&o.DynamicOAuthClientRegistration, b.DynamicOAuthClientRegistration)
	setIf(&o.OAuthJWTAccessTokens, b.OAuthJWTAccessTokens)
	setIf(&o.CIMDAdvertised, b.CIMDAdvertised)
	setIf(&o.CIMDOnlyPreRegistered, b.CIMDOnlyPreRegistered)
	setIf(&o.CIMDBlockImplicitlyAllowed, b.CIMDBlockImplicitlyAllowed)
	if b.DefaultScopes.set {
		o.DefaultScopes = nil
		if !b.DefaultScopes.null {
			o.DefaultScopes = []string{}
			for _, sc := range b.DefaultScopes.v {
				if !slices.Contains(o.DefaultScopes, sc) {
					o.DefaultScopes = append(o.DefaultScopes, sc)
				}
			}
		}
	}
	out := *o
	out.DefaultScopes = slices.Clone(o.DefaultScopes)
	return out, nil
}

func getOrgSettings(s *Server, _ *http.Request) (any, *apiError) {
	o := s.st.instanceData().orgSettings
	o.DomainsEnrollmentModes = slices.Clone(o.DomainsEnrollmentModes)
	return o, nil
}

type orgSettingsBody struct {
	Enabled                *bool     `json:"enabled"`
	MaxAllowedMemberships  *int64    `json:"max_allowed_memberships"`
	AdminDeleteEnabled     *bool     `json:"admin_delete_enabled"`
	DomainsEnabled         *bool     `json:"domains_enabled"`
	SlugDisabled           *bool     `json:"slug_disabled"`
	DomainsEnrollmentModes *[]string `json:"domains_enrollment_modes"`
	CreatorRoleID          *string   `json:"creator_role_id"`
	DomainsDefaultRoleID   *string   `json:"domains_default_role_id"`
}

// updateOrgSettings applies the changes. The fake has no role IDs: the
// creator and domain roles are given by role key (org:admin, ...).
func updateOrgSettings(s *Server, r *http.Request) (any, *apiError) {
	var b orgSettingsBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.MaxAllowedMemberships != nil && *b.MaxAllowedMemberships < 0 {
		return nil, errValue("max_allowed_memberships", "must not be negative")
	}
	if b.DomainsEnrollmentModes != nil {
		for _, m := range *b.DomainsEnrollmentModes {
			if m != "automatic_invitation" && m != "automatic_suggestion" && m != "manual_invitation" {
				return nil, errValue("domains_enrollment_modes", "unknown mode "+m)
			}
		}
	}
	for param, role := range map[string]*string{"creator_role_id": b.CreatorRoleID, "domains_default_role_id": b.DomainsDefaultRoleID} {
		if role != nil {
			if _, ok := s.st.roles[*role]; !ok {
				return nil, errValue(param, "unknown role "+*role)
			}
		}
	}
	o := &s.st.instanceData().orgSettings
	setIf(&o.Enabled, b.Enabled)
	setIf(&o.MaxAllowedMemberships, b.MaxAllowedMemberships)
	setIf(&o.AdminDeleteEnabled, b.AdminDeleteEnabled)
	setIf(&o.DomainsEnabled, b.DomainsEnabled)
	setIf(&o.SlugDisabled, b.SlugDisabled)
	setIf(&o.CreatorRole, b.CreatorRoleID)
	setIf(&o.DomainsDefaultRole, b.DomainsDefaultRoleID)
	if b.DomainsEnrollmentModes != nil {
		modes := []string{"manual_invitation"}
		for _, m := range *b.DomainsEnrollmentModes {
			if !slices.Contains(modes, m) {
				modes = append(modes, m)
			}
		}
		o.DomainsEnrollmentModes = modes
	}
	out := *o
	out.DomainsEnrollmentModes = slices.Clone(o.DomainsEnrollmentModes)
	return out, nil
}

type authConfigBody struct {
	RestrictedToAllowlist *bool   `json:"restricted_to_allowlist"`
	FromEmailAddress      *string `json:"from_email_address"`
	ProgressiveSignUp     *bool   `json:"progressive_sign_up"`
	TestMode              *bool   `json:"test_mode"`
}

// updateAuthConfig applies the beta authentication settings;
// restricted_to_allowlist is the same switch as the allowlist restriction.
func updateAuthConfig(s *Server, r *http.Request) (any, *apiError) {
	var b authConfigBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if f := b.FromEmailAddress; f != nil {
		for _, c := range *f {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return nil, errFormat("from_email_address", "only alphanumeric characters are allowed")
			}
		}
	}
	in := s.st.instanceData()
	a := &in.authConfig
	setIf(&a.RestrictedToAllowlist, b.RestrictedToAllowlist)
	setIf(&in.restrictions.Allowlist, b.RestrictedToAllowlist)
	setIf(&a.FromEmailAddress, b.FromEmailAddress)
	setIf(&a.ProgressiveSignUp, b.ProgressiveSignUp)
	setIf(&in.testMode, b.TestMode)
	return *a, nil
}

type changeDomainBody struct {
	HomeURL     *string `json:"home_url"`
	IsSecondary *bool   `json:"is_secondary"`
}

// changeDomain renames the primary domain after home_url's host and
// answers 202.
func changeDomain(s *Server, r *http.Request) (any, *apiError) {
	var b changeDomainBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.HomeURL == nil || *b.HomeURL == "" {
		return nil, errMissing("home_url")
	}
	host := hostOf(*b.HomeURL)
	if host == "" {
		return nil, errFormat("home_url", "must be an absolute URL such as https://www.example.com")
	}
	in := s.st.instanceData()
	in.homeURL = *b.HomeURL
	for _, d := range in.domains {
		if !d.satellite {
			d.name = host
		}
	}
	return noContent(http.StatusAccepted), nil
}

// getInterstitial answers a small HTML page that loads Clerk's script for
// the instance named by the query.
func getInterstitial(_ *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	fapi := q.Get("frontend_api")
	if fapi == "" {
		fapi = q.Get("frontendApi")
	}
	if fapi == "" {
		fapi = "clerk." + primaryDomainName
	}
	html := "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>Clerk</title></head><body>" +
		"<script data-clerk-frontend-api=\"" + htmlEscape(fapi) + "\" data-clerk-publishable-key=\"" + htmlEscape(q.Get("publishable_key")) +
		"\" src=\"https://" + htmlEscape(fapi) + "/npm/@clerk/clerk-js@5/dist/clerk.browser.js\"></script></body></html>\n"
	return rawBody("text/html; charset=utf-8", []byte(html)), nil
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}
