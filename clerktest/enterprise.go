package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

// enterpriseState holds enterprise connections, their test runs, and
// directories. Directories and SCIM directories are one resource that the
// API serves under two paths; the answer's object names the path used.
type enterpriseState struct {
	connections map[string]*fakeConnection
	directories map[string]*fakeDirectory
}

type fakeConnection struct {
	id, name, provider, orgID string
	domains                   []string
	active, syncAttrs         bool
	disableAddl, allowLinking bool
	saml, oidc                map[string]any
	customAttributes          []map[string]any
	testRuns                  []*fakeTestRun
	seq, createdAt, updatedAt int64
}

type fakeTestRun struct {
	id, status, kind string
	createdAt, seq   int64
}

type fakeDirectory struct {
	id, name, connectionID, provider string
	enabled, mappingEnabled          bool
	apiKey                           string
	attributeMapping                 map[string]string
	mappings                         []*fakeGroupRoleMapping
	seq, createdAt, updatedAt        int64
}

type fakeGroupRoleMapping struct {
	id, directoryGroupID, scimGroupID, displayName, roleID string
	precedence                                             int64
	createdAt, updatedAt                                   int64
}

func (s *Server) enterprise() *enterpriseState {
	if s.st.ent == nil {
		s.st.ent = &enterpriseState{connections: map[string]*fakeConnection{}, directories: map[string]*fakeDirectory{}}
	}
	return s.st.ent
}

func enterpriseRoutes() map[string]op {
	return map[string]op{
		"GET /v1/enterprise_connections":                                       listConnections,
		"POST /v1/enterprise_connections":                                      createConnection,
		"GET /v1/enterprise_connections/{enterprise_connection_id}":            getConnection,
		"PATCH /v1/enterprise_connections/{enterprise_connection_id}":          updateConnection,
		"DELETE /v1/enterprise_connections/{enterprise_connection_id}":         deleteConnection,
		"GET /v1/enterprise_connections/{enterprise_connection_id}/test_runs":  listTestRuns,
		"POST /v1/enterprise_connections/{enterprise_connection_id}/test_runs": createTestRun,

		"GET /v1/directories":                                                    directoryOp(listDirectories),
		"POST /v1/directories":                                                   directoryOp(createDirectory),
		"GET /v1/directories/{directory_id}":                                     directoryOp(getDirectory),
		"PATCH /v1/directories/{directory_id}":                                   directoryOp(updateDirectory),
		"DELETE /v1/directories/{directory_id}":                                  directoryOp(deleteDirectory),
		"POST /v1/directories/{directory_id}/rotate_api_key":                     directoryOp(rotateDirectoryKey),
		"GET /v1/directories/{directory_id}/group_role_mappings":                 directoryOp(listGroupRoleMappings),
		"POST /v1/directories/{directory_id}/group_role_mappings":                directoryOp(createGroupRoleMapping),
		"PUT /v1/directories/{directory_id}/group_role_mappings":                 directoryOp(replaceGroupRoleMappings),
		"DELETE /v1/directories/{directory_id}/group_role_mappings/{mapping_id}": directoryOp(deleteGroupRoleMapping),

		"GET /v1/scim_directories":                                                         scimOp(listDirectories),
		"POST /v1/scim_directories":                                                        scimOp(createDirectory),
		"GET /v1/scim_directories/{scim_directory_id}":                                     scimOp(getDirectory),
		"PATCH /v1/scim_directories/{scim_directory_id}":                                   scimOp(updateDirectory),
		"DELETE /v1/scim_directories/{scim_directory_id}":                                  scimOp(deleteDirectory),
		"POST /v1/scim_directories/{scim_directory_id}/rotate_api_key":                     scimOp(rotateDirectoryKey),
		"GET /v1/scim_directories/{scim_directory_id}/group_role_mappings":                 scimOp(listGroupRoleMappings),
		"POST /v1/scim_directories/{scim_directory_id}/group_role_mappings":                scimOp(createGroupRoleMapping),
		"PUT /v1/scim_directories/{scim_directory_id}/group_role_mappings":                 scimOp(replaceGroupRoleMappings),
		"DELETE /v1/scim_directories/{scim_directory_id}/group_role_mappings/{mapping_id}": scimOp(deleteGroupRoleMapping),
	}
}

// --- connections ---

type connectionJSON struct {
	Object                           string           `json:"object"`
	ID                               string           `json:"id"`
	Name                             string           `json:"name"`
	Provider                         string           `json:"provider"`
	LogoPublicURL                    *string          `json:"logo_public_url"`
	Active                           bool             `json:"active"`
	Domains                          []string         `json:"domains"`
	OrganizationID                   *string          `json:"organization_id"`
	SyncUserAttributes               bool             `json:"sync_user_attributes"`
	DisableAdditionalIdentifications bool             `json:"disable_additional_identifications"`
	AllowOrganizationAccountLinking  bool             `json:"allow_organization_account_linking"`
	Authenticatable                  bool             `json:"authenticatable"`
	DisableJITProvisioning           bool             `json:"disable_jit_provisioning"`
	CustomAttributes                 []map[string]any `json:"custom_attributes"`
	SAMLConnection                   map[string]any   `json:"saml_connection"`
	OAuthConfig                      map[string]any   `json:"oauth_config"`
	CreatedAt                        int64            `json:"created_at"`
	UpdatedAt                        int64            `json:"updated_at"`
}

func (c *fakeConnection) json() connectionJSON {
	out := connectionJSON{Object: "enterprise_connection", ID: c.id, Name: c.name, Provider: c.provider, Active: c.active,
		Domains: slices.Clone(c.domains), SyncUserAttributes: c.syncAttrs, DisableAdditionalIdentifications: c.disableAddl,
		AllowOrganizationAccountLinking: c.allowLinking, CustomAttributes: c.customAttributes,
		// Both are required by the spec and have no request parameter: an
		// active connection can be signed in through, and JIT
		// provisioning stays on.
		Authenticatable: c.active, DisableJITProvisioning: false,
		CreatedAt: c.createdAt, UpdatedAt: c.updatedAt}
	if out.CustomAttributes == nil {
		out.CustomAttributes = []map[string]any{}
	}
	if c.orgID != "" {
		out.OrganizationID = strp(c.orgID)
	}
	if strings.HasPrefix(c.provider, "saml") {
		sc := map[string]any{"id": "samlc_" + c.id[4:], "name": c.name, "active": c.active,
			"acs_url": "https://clerk.example/v1/saml/acs/" + c.id, "sp_entity_id": "https://clerk.example/saml/" + c.id,
			"sp_metadata_url":     "https://clerk.example/v1/saml/metadata/" + c.id,
			"allow_idp_initiated": false, "allow_subdomains": false, "force_authn": false,
			// The spec does not require login_hint, but the JavaScript
			// SDK reads its mode unconditionally: answer the default.
			"login_hint": map[string]any{"mode": "email_address"}}
		for _, k := range []string{"idp_entity_id", "idp_sso_url", "idp_metadata_url", "allow_idp_initiated", "allow_subdomains", "force_authn", "login_hint"} {
			if v, ok := c.saml[k]; ok && v != nil {
				sc[k] = v
			}
		}
		out.SAMLConnection = sc
	} else {
		oc := map[string]any{"id": "oauthc_" + c.id[4:], "name": c.name, "provider_key": c.provider, "requires_pkce": false,
			"created_at": c.createdAt, "updated_at": c.updatedAt}
		for _, k := range []string{"client_id", "discovery_url", "auth_url", "token_url", "user_info_url", "requires_pkce"} {
			if v, ok := c.oidc[k]; ok && v != nil {
				oc[k] = v
			}
		}
		out.OAuthConfig = oc
	}
	return out
}

var connectionProviders = []string{"saml_custom", "saml_okta", "saml_google", "saml_microsoft", "oidc_custom", "oidc_github_enterprise", "oidc_gitlab"}

type connectionBody struct {
	Name                             *string           `json:"name"`
	Provider                         *string           `json:"provider"`
	Domains                          *[]string         `json:"domains"`
	OrganizationID                   *string           `json:"organization_id"`
	Active                           *bool             `json:"active"`
	SyncUserAttributes               *bool             `json:"sync_user_attributes"`
	DisableAdditionalIdentifications *bool             `json:"disable_additional_identifications"`
	AllowOrganizationAccountLinking  *bool             `json:"allow_organization_account_linking"`
	SAML                             map[string]any    `json:"saml"`
	OIDC                             map[string]any    `json:"oidc"`
	CustomAttributes                 *[]map[string]any `json:"custom_attributes"`
}

func (s *Server) checkConnectionBody(b *connectionBody) *apiError {
	if b.OrganizationID != nil && *b.OrganizationID != "" {
		if _, e := s.st.lookupOrg(*b.OrganizationID); e != nil {
			return errValue("organization_id", "unknown organization "+*b.OrganizationID)
		}
	}
	if b.Domains != nil {
		for _, d := range *b.Domains {
			if !strings.Contains(d, ".") || strings.ContainsAny(d, "@/ ") {
				return errFormat("domains", "must be domain names such as example.com")
			}
		}
	}
	return nil
}

func (c *fakeConnection) apply(b *connectionBody) {
	if b.Name != nil {
		c.name = *b.Name
	}
	if b.Domains != nil {
		c.domains = slices.Clone(*b.Domains)
	}
	if b.OrganizationID != nil {
		c.orgID = *b.OrganizationID
	}
	if b.Active != nil {
		c.active = *b.Active
	}
	if b.SyncUserAttributes != nil {
		c.syncAttrs = *b.SyncUserAttributes
	}
	if b.DisableAdditionalIdentifications != nil {
		c.disableAddl = *b.DisableAdditionalIdentifications
	}
	if b.AllowOrganizationAccountLinking != nil {
		c.allowLinking = *b.AllowOrganizationAccountLinking
	}
	for k, v := range b.SAML {
		if c.saml == nil {
			c.saml = map[string]any{}
		}
		c.saml[k] = v
	}
	for k, v := range b.OIDC {
		if c.oidc == nil {
			c.oidc = map[string]any{}
		}
		c.oidc[k] = v
	}
	if b.CustomAttributes != nil {
		c.customAttributes = *b.CustomAttributes
	}
}

func createConnection(s *Server, r *http.Request) (any, *apiError) {
	var b connectionBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	switch {
	case deref(b.Name) == "":
		return nil, errMissing("name")
	case deref(b.Provider) == "":
		return nil, errMissing("provider")
	case !slices.Contains(connectionProviders, *b.Provider):
		return nil, errValue("provider", "must be one of "+strings.Join(connectionProviders, ", "))
	case b.Domains == nil || len(*b.Domains) == 0:
		return nil, errMissing("domains")
	case b.SyncUserAttributes != nil:
		return nil, errUnknownParam("sync_user_attributes")
	}
	if e := s.checkConnectionBody(&b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	c := &fakeConnection{id: newID("ent"), provider: *b.Provider, syncAttrs: true, seq: s.st.next(), createdAt: now, updatedAt: now}
	c.apply(&b)
	s.enterprise().connections[c.id] = c
	return c.json(), nil
}

func (s *Server) connection(r *http.Request) (*fakeConnection, *apiError) {
	id := r.PathValue("enterprise_connection_id")
	if c := s.enterprise().connections[id]; c != nil {
		return c, nil
	}
	return nil, errNotFound("enterprise connection", id)
}

func getConnection(s *Server, r *http.Request) (any, *apiError) {
	c, e := s.connection(r)
	if e != nil {
		return nil, e
	}
	return c.json(), nil
}

func updateConnection(s *Server, r *http.Request) (any, *apiError) {
	c, e := s.connection(r)
	if e != nil {
		return nil, e
	}
	var b connectionBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Provider != nil {
		return nil, errUnknownParam("provider")
	}
	if e := s.checkConnectionBody(&b); e != nil {
		return nil, e
	}
	c.apply(&b)
	c.updatedAt = s.nowMillis()
	return c.json(), nil
}

func deleteConnection(s *Server, r *http.Request) (any, *apiError) {
	c, e := s.connection(r)
	if e != nil {
		return nil, e
	}
	delete(s.enterprise().connections, c.id)
	return deletedObject{Object: "enterprise_connection", ID: c.id, Deleted: true}, nil
}

func listConnections(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	active, activeSet, e := boolParam(q, "active")
	if e != nil {
		return nil, e
	}
	orgID := q.Get("organization_id")
	var kept []*fakeConnection
	for _, c := range s.enterprise().connections {
		if (orgID == "" || c.orgID == orgID) && (!activeSet || c.active == active) {
			kept = append(kept, c)
		}
	}
	sortBy(kept, ordering{field: "created_at", desc: true}, func(c *fakeConnection, _ string) sortKey {
		return sortKey{n: i64p(c.createdAt), seq: c.seq}
	})
	pg := paginate(kept, p)
	data := make([]connectionJSON, 0, len(pg))
	for _, c := range pg {
		data = append(data, c.json())
	}
	return envelope[connectionJSON]{Data: data, TotalCount: int64(len(kept))}, nil
}

type testRunJSON struct {
	ID             string         `json:"id"`
	Status         string         `json:"status"`
	ConnectionType string         `json:"connection_type"`
	ParsedUserInfo map[string]any `json:"parsed_user_info"`
	Logs           []any          `json:"logs"`
	SAML           map[string]any `json:"saml"`
	OAuth          map[string]any `json:"oauth"`
	CreatedAt      int64          `json:"created_at"`
}

// createTestRun records a pending run; the fake has no identity provider
// to finish it.
func createTestRun(s *Server, r *http.Request) (any, *apiError) {
	c, e := s.connection(r)
	if e != nil {
		return nil, e
	}
	kind := "oauth"
	if strings.HasPrefix(c.provider, "saml") {
		kind = "saml"
	}
	run := &fakeTestRun{id: newID("entrun"), status: "pending", kind: kind, createdAt: s.nowMillis(), seq: s.st.next()}
	c.testRuns = append(c.testRuns, run)
	return map[string]string{"url": "https://accounts.clerk.example/enterprise-connection-test/" + run.id}, nil
}

func listTestRuns(s *Server, r *http.Request) (any, *apiError) {
	c, e := s.connection(r)
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	statuses, e := listParam(q, "status")
	if e != nil {
		return nil, e
	}
	var kept []*fakeTestRun
	for _, run := range c.testRuns {
		if len(statuses) == 0 || slices.Contains(statuses, run.status) {
			kept = append(kept, run)
		}
	}
	sortBy(kept, ordering{field: "created_at", desc: true}, func(x *fakeTestRun, _ string) sortKey {
		return sortKey{n: i64p(x.createdAt), seq: x.seq}
	})
	pg := paginate(kept, p)
	data := make([]testRunJSON, 0, len(pg))
	for _, run := range pg {
		data = append(data, testRunJSON{ID: run.id, Status: run.status, ConnectionType: run.kind, Logs: []any{}, CreatedAt: run.createdAt})
	}
	return envelope[testRunJSON]{Data: data, TotalCount: int64(len(kept))}, nil
}
