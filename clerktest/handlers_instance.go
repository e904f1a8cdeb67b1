package clerktest

import (
	"net/http"
	"net/url"
	"strings"
)

// hostOf returns the host of an absolute URL, or "".
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return ""
	}
	return u.Host
}

// domain is a stored domain: the seeded primary one or a satellite.
type domain struct {
	id, name  string
	seq       int64
	satellite bool
	secondary bool
	proxyURL  *string
}

type domainJSON struct {
	Object            string        `json:"object"`
	ID                string        `json:"id"`
	Name              string        `json:"name"`
	IsSatellite       bool          `json:"is_satellite"`
	FrontendAPIURL    string        `json:"frontend_api_url"`
	AccountsPortalURL *string       `json:"accounts_portal_url"`
	ProxyURL          *string       `json:"proxy_url"`
	DevelopmentOrigin string        `json:"development_origin"`
	CNAMETargets      []cnameTarget `json:"cname_targets"`
}

type cnameTarget struct {
	Host     string `json:"host"`
	Value    string `json:"value"`
	Required bool   `json:"required"`
}

func (d *domain) json() domainJSON {
	out := domainJSON{
		Object: "domain", ID: d.id, Name: d.name, IsSatellite: d.satellite,
		FrontendAPIURL: "https://clerk." + d.name, ProxyURL: d.proxyURL,
		CNAMETargets: []cnameTarget{{Host: "clerk." + d.name, Value: "frontend-api.clerk.services", Required: true}},
	}
	if !d.satellite {
		out.AccountsPortalURL = strp("https://accounts." + d.name)
	}
	return out
}

func (in *instanceState) domainList() []domainJSON {
	items := make([]*domain, 0, len(in.domains))
	for _, d := range in.domains {
		items = append(items, d)
	}
	sortBy(items, ordering{field: "created_at", desc: true}, func(d *domain, _ string) sortKey { return sortKey{seq: d.seq} })
	out := make([]domainJSON, 0, len(items))
	for _, d := range items {
		out = append(out, d.json())
	}
	return out
}

// listDomains answers every domain in an envelope (no paging parameters).
func listDomains(s *Server, _ *http.Request) (any, *apiError) {
	all := s.st.instanceData().domainList()
	return envelope[domainJSON]{Data: all, TotalCount: int64(len(all))}, nil
}

type addDomainBody struct {
	Name        *string `json:"name"`
	IsSatellite *bool   `json:"is_satellite"`
	ProxyURL    *string `json:"proxy_url"`
}

// validDomainName accepts host names with an optional port.
func validDomainName(name string) bool {
	if name == "" || strings.Contains(name, "://") || strings.ContainsAny(name, "/ ?#@") {
		return false
	}
	host := name
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		host = name[:i]
	}
	return host != "" && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".")
}

func (in *instanceState) domainNamed(name string) *domain {
	for _, d := range in.domains {
		if strings.EqualFold(d.name, name) {
			return d
		}
	}
	return nil
}

// addDomain adds a satellite domain (is_satellite must be true).
func addDomain(s *Server, r *http.Request) (any, *apiError) {
	var b addDomainBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Name == nil || *b.Name == "" {
		return nil, errMissing("name")
	}
	if b.IsSatellite == nil {
		return nil, errMissing("is_satellite")
	}
	if !*b.IsSatellite {
		return nil, errValue("is_satellite", "only satellite domains can be added")
	}
	if !validDomainName(*b.Name) {
		return nil, errFormat("name", *b.Name+" is not a valid domain name")
	}
	if b.ProxyURL != nil && *b.ProxyURL != "" && hostOf(*b.ProxyURL) == "" {
		return nil, errFormat("proxy_url", "must be an absolute URL")
	}
	in := s.st.instanceData()
	if in.domainNamed(*b.Name) != nil {
		return nil, errTaken("name", *b.Name)
	}
	d := &domain{id: newID("dmn"), seq: s.st.next(), name: *b.Name, satellite: true}
	if b.ProxyURL != nil && *b.ProxyURL != "" {
		d.proxyURL = strp(*b.ProxyURL)
	}
	in.domains[d.id] = d
	return d.json(), nil
}

func (in *instanceState) lookupDomain(id string) (*domain, *apiError) {
	d, ok := in.domains[id]
	if !ok {
		return nil, errNotFound("domain", id)
	}
	return d, nil
}

type updateDomainBody struct {
	Name        *string     `json:"name"`
	ProxyURL    opt[string] `json:"proxy_url"`
	IsSecondary *bool       `json:"is_secondary"`
}

func updateDomain(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	d, e := in.lookupDomain(r.PathValue("domain_id"))
	if e != nil {
		return nil, e
	}
	var b updateDomainBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Name != nil {
		if !validDomainName(*b.Name) {
			return nil, errFormat("name", *b.Name+" is not a valid domain name")
		}
		if other := in.domainNamed(*b.Name); other != nil && other != d {
			return nil, errTaken("name", *b.Name)
		}
		d.name = *b.Name
	}
	if b.ProxyURL.set {
		switch {
		case b.ProxyURL.null || b.ProxyURL.v == "":
			d.proxyURL = nil
		case hostOf(b.ProxyURL.v) == "":
			return nil, errFormat("proxy_url", "must be an absolute URL")
		default:
			d.proxyURL = strp(b.ProxyURL.v)
		}
	}
	setIf(&d.secondary, b.IsSecondary)
	return d.json(), nil
}

// deleteDomain deletes a satellite domain; the primary one is refused.
func deleteDomain(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	d, e := in.lookupDomain(r.PathValue("domain_id"))
	if e != nil {
		return nil, e
	}
	if !d.satellite {
		return nil, newError(http.StatusUnprocessableEntity, "operation_not_allowed_on_primary_domain",
			"not allowed on the primary domain", "The primary domain cannot be deleted.")
	}
	delete(in.domains, d.id)
	return deletedObject{Object: "domain", ID: d.id, Deleted: true}, nil
}

type proxyCheckBody struct {
	DomainID *string `json:"domain_id"`
	ProxyURL *string `json:"proxy_url"`
}

type proxyCheckJSON struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	DomainID   string `json:"domain_id"`
	LastRunAt  *int64 `json:"last_run_at"`
	ProxyURL   string `json:"proxy_url"`
	Successful bool   `json:"successful"`
	CreatedAt  int64  `json:"created_at"`
	UpdatedAt  int64  `json:"updated_at"`
}

// verifyProxy checks a proxy URL for a domain: the fake calls an https
// URL on the domain's own host successful and anything else not.
func verifyProxy(s *Server, r *http.Request) (any, *apiError) {
	var b proxyCheckBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.DomainID == nil || *b.DomainID == "" {
		return nil, errMissing("domain_id")
	}
	if b.ProxyURL == nil || *b.ProxyURL == "" {
		return nil, errMissing("proxy_url")
	}
	d, e := s.st.instanceData().lookupDomain(*b.DomainID)
	if e != nil {
		return nil, e
	}
	u, err := url.Parse(*b.ProxyURL)
	if err != nil || u.Host == "" {
		return nil, errFormat("proxy_url", "must be an absolute URL")
	}
	host := d.name
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	ok := u.Scheme == "https" && (u.Hostname() == host || strings.HasSuffix(u.Hostname(), "."+host))
	now := s.nowMillis()
	return proxyCheckJSON{
		Object: "proxy_check", ID: newID("pxc"), DomainID: d.id, LastRunAt: i64p(now),
		ProxyURL: *b.ProxyURL, Successful: ok, CreatedAt: now, UpdatedAt: now,
	}, nil
}

// redirectURL is a stored redirect URL.
type redirectURL struct {
	id, url              string
	seq                  int64
	createdAt, updatedAt int64
}

type redirectURLJSON struct {
	Object    string `json:"object"`
	ID        string `json:"id"`
	URL       string `json:"url"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`
}

func (u *redirectURL) json() redirectURLJSON {
	return redirectURLJSON{Object: "redirect_url", ID: u.id, URL: u.url, CreatedAt: u.createdAt, UpdatedAt: u.updatedAt}
}

// listRedirectURLs answers a bare array, or an envelope with
// paginated=true, newest first.
func listRedirectURLs(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	in := s.st.instanceData()
	items := make([]*redirectURL, 0, len(in.redirectURLs))
	for _, u := range in.redirectURLs {
		items = append(items, u)
	}
	sortBy(items, ordering{field: "created_at", desc: true}, func(u *redirectURL, _ string) sortKey { return sortKey{seq: u.seq} })
	out := make([]redirectURLJSON, 0, len(items))
	for _, u := range items {
		out = append(out, u.json())
	}
	return listAnswer(out, p, paginated), nil
}

type createRedirectURLBody struct {
	URL *string `json:"url"`
}

// createRedirectURL accepts https:// URLs and custom schemes
// (my-app://callback); a URL already listed is refused.
func createRedirectURL(s *Server, r *http.Request) (any, *apiError) {
	var b createRedirectURLBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.URL == nil || *b.URL == "" {
		return nil, errMissing("url")
	}
	u, err := url.Parse(*b.URL)
	if err != nil || u.Scheme == "" || !strings.Contains(*b.URL, "://") || u.Scheme == "http" && !isLocalHost(u.Hostname()) {
		return nil, errFormat("url", "must start with https:// or a custom scheme such as my-app://")
	}
	in := s.st.instanceData()
	for _, x := range in.redirectURLs {
		if x.url == *b.URL {
			return nil, errDuplicate("redirect URL")
		}
	}
	now := s.nowMillis()
	ru := &redirectURL{id: newID("ru"), seq: s.st.next(), url: *b.URL, createdAt: now, updatedAt: now}
	in.redirectURLs[ru.id] = ru
	return ru.json(), nil
}

func isLocalHost(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" }

func getRedirectURL(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("id")
	u, ok := s.st.instanceData().redirectURLs[id]
	if !ok {
		return nil, errNotFound("redirect URL", id)
	}
	return u.json(), nil
}

func deleteRedirectURL(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("id")
	in := s.st.instanceData()
	if _, ok := in.redirectURLs[id]; !ok {
		return nil, errNotFound("redirect URL", id)
	}
	delete(in.redirectURLs, id)
	return deletedObject{Object: "redirect_url", ID: id, Deleted: true}, nil
}

// resolveClaim resolves the shortcodes of a template claim, in nested
// objects and arrays too ({"https://hasura.io/jwt/claims":
// {"x-hasura-user-id": "{{user.id}}"}}). Only whole-string shortcodes of
// the list in WithJWTTemplate are resolved; anything else (a shortcode
// inside a longer string, other user or session fields) is kept as is.
func (st *state) resolveClaim(v any, sess *session) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = st.resolveClaim(e, sess)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = st.resolveClaim(e, sess)
		}
		return out
	}
	return st.resolveShortcode(v, sess)
}

// jwtTemplate is a stored JWT template. Its claims also feed the lookup
// of POST /sessions/{id}/tokens/{template_name} (state.templates). Not
// modelled: the template's lifetime, clock skew and custom signing key do
// not change the minted token (its exp comes from expires_in_seconds or
// the default, and the fake's key signs it).
type jwtTemplate struct {
	id, name             string
	seq                  int64
	claims               map[string]any
	lifetime, skew       int64
	customKey            bool
	algorithm            string
	createdAt, updatedAt int64
}

type jwtTemplateJSON struct {
	Object           string         `json:"object"`
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	Claims           map[string]any `json:"claims"`
	Lifetime         int64          `json:"lifetime"`
	AllowedClockSkew int64          `json:"allowed_clock_skew"`
	CustomSigningKey bool           `json:"custom_signing_key"`
	SigningAlgorithm string         `json:"signing_algorithm"`
	CreatedAt        int64          `json:"created_at"`
	UpdatedAt        int64          `json:"updated_at"`
}

func (t *jwtTemplate) json() jwtTemplateJSON {
	return jwtTemplateJSON{
		Object: "jwt_template", ID: t.id, Name: t.name, Claims: cloneMetadata(t.claims),
		Lifetime: t.lifetime, AllowedClockSkew: t.skew, CustomSigningKey: t.customKey,
		SigningAlgorithm: t.algorithm, CreatedAt: t.createdAt, UpdatedAt: t.updatedAt,
	}
}

func listJWTTemplates(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	in := s.st.instanceData()
	items := make([]*jwtTemplate, 0, len(in.jwtTemplates))
	for _, t := range in.jwtTemplates {
		items = append(items, t)
	}
	sortBy(items, ordering{field: "created_at"}, func(t *jwtTemplate, _ string) sortKey { return sortKey{seq: t.seq} })
	out := make([]jwtTemplateJSON, 0, len(items))
	for _, t := range items {
		out = append(out, t.json())
	}
	return listAnswer(out, p, paginated), nil
}

type jwtTemplateBody struct {
	Name             *string     `json:"name"`
	Claims           rawObject   `json:"claims"`
	Lifetime         opt[int64]  `json:"lifetime"`
	AllowedClockSkew opt[int64]  `json:"allowed_clock_skew"`
	CustomSigningKey *bool       `json:"custom_signing_key"`
	SigningAlgorithm opt[string] `json:"signing_algorithm"`
	SigningKey       opt[string] `json:"signing_key"`
}

// signingAlgorithms are the algorithms a custom signing key may use.
var signingAlgorithms = map[string]bool{"RS256": true, "RS384": true, "RS512": true, "ES256": true, "ES384": true, "ES512": true, "HS256": true, "HS384": true, "HS512": true}

// check validates a create or update body (both require name and claims).
func (in *instanceState) checkTemplate(b *jwtTemplateBody, self *jwtTemplate) *apiError {
	if b.Name == nil || strings.TrimSpace(*b.Name) == "" {
		return errMissing("name")
	}
	if !b.Claims.set || b.Claims.null {
		return errMissing("claims")
	}
	if e := b.Claims.check("claims", false); e != nil {
		return e
	}
	if v := b.Lifetime; v.set && !v.null && (v.v < 30 || v.v > 315360000) {
		return errValue("lifetime", "must be between 30 and 315360000 seconds")
	}
	if v := b.AllowedClockSkew; v.set && !v.null && (v.v < 0 || v.v > 300) {
		return errValue("allowed_clock_skew", "must be between 0 and 300 seconds")
	}
	if boolv(b.CustomSigningKey) {
		if b.SigningAlgorithm.v == "" {
			return errMissing("signing_algorithm")
		}
		if !signingAlgorithms[b.SigningAlgorithm.v] {
			return errValue("signing_algorithm", "unsupported algorithm "+b.SigningAlgorithm.v)
		}
		if b.SigningKey.v == "" {
			return errMissing("signing_key")
		}
	}
	for _, t := range in.jwtTemplates {
		if t != self && t.name == *b.Name {
			return errTaken("name", *b.Name)
		}
	}
	return nil
}

// apply stores b into t and refreshes the token lookup by name.
func (st *state) applyTemplate(t *jwtTemplate, b *jwtTemplateBody, now int64) {
	if t.name != "" {
		delete(st.templates, t.name)
	}
	t.name = *b.Name
	t.claims = cloneMetadata(b.Claims.obj())
	if b.Lifetime.set && !b.Lifetime.null {
		t.lifetime = b.Lifetime.v
	}
	if b.AllowedClockSkew.set && !b.AllowedClockSkew.null {
		t.skew = b.AllowedClockSkew.v
	}
	if b.CustomSigningKey != nil {
		t.customKey = *b.CustomSigningKey
	}
	t.algorithm = "RS256"
	if t.customKey {
		t.algorithm = b.SigningAlgorithm.v
	}
	t.updatedAt = now
	st.templates[t.name] = cloneMetadata(t.claims)
}

func createJWTTemplate(s *Server, r *http.Request) (any, *apiError) {
	var b jwtTemplateBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	in := s.st.instanceData()
	if e := in.checkTemplate(&b, nil); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	t := &jwtTemplate{id: newID("jtmp"), seq: s.st.next(), lifetime: 60, skew: 5, createdAt: now}
	s.st.applyTemplate(t, &b, now)
	in.jwtTemplates[t.id] = t
	return t.json(), nil
}

func (in *instanceState) lookupTemplate(id string) (*jwtTemplate, *apiError) {
	t, ok := in.jwtTemplates[id]
	if !ok {
		return nil, errNotFound("JWT template", id)
	}
	return t, nil
}

func getJWTTemplate(s *Server, r *http.Request) (any, *apiError) {
	t, e := s.st.instanceData().lookupTemplate(r.PathValue("template_id"))
	if e != nil {
		return nil, e
	}
	return t.json(), nil
}

func updateJWTTemplate(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	t, e := in.lookupTemplate(r.PathValue("template_id"))
	if e != nil {
		return nil, e
	}
	var b jwtTemplateBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := in.checkTemplate(&b, t); e != nil {
		return nil, e
	}
	s.st.applyTemplate(t, &b, s.nowMillis())
	return t.json(), nil
}

func deleteJWTTemplate(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	t, e := in.lookupTemplate(r.PathValue("template_id"))
	if e != nil {
		return nil, e
	}
	delete(in.jwtTemplates, t.id)
	delete(s.st.templates, t.name)
	return deletedObject{Object: "jwt_template", ID: t.id, Deleted: true}, nil
}
