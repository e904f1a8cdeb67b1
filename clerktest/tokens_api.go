package clerktest

import (
	"net/http"
	"strings"
	"time"
)

type tokenBody struct {
	ExpiresInSeconds *int64 `json:"expires_in_seconds"`
}

// tokenJSON is the {"object":"token","jwt":…} answer.
type tokenJSON struct {
	Object string `json:"object"`
	JWT    string `json:"jwt"`
}

// tokenSession reads the body and finds the active session to mint for.
func tokenSession(s *Server, r *http.Request) (*session, time.Duration, *apiError) {
	sess, e := lookupSession(s, r)
	if e != nil {
		return nil, 0, e
	}
	var b tokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, 0, e
	}
	lifetime := defaultTokenLifetime
	if b.ExpiresInSeconds != nil {
		if *b.ExpiresInSeconds < 30 || *b.ExpiresInSeconds > 315360000 {
			return nil, 0, errValue("expires_in_seconds", "must be between 30 and 315360000")
		}
		lifetime = time.Duration(*b.ExpiresInSeconds) * time.Second
	}
	if sess.currentStatus(s.nowMillis()) != "active" {
		return nil, 0, errNotFound("active session", sess.id)
	}
	return sess, lifetime, nil
}

// createSessionToken mints a session token for the session's user, with
// its active organization (role and custom permissions; system
// permissions stay out of tokens, as on Clerk).
func createSessionToken(s *Server, r *http.Request) (any, *apiError) {
	sess, lifetime, e := tokenSession(s, r)
	if e != nil {
		return nil, e
	}
	jwt, e := s.sessionTokenFor(sess, lifetime)
	if e != nil {
		return nil, e
	}
	return tokenJSON{Object: "token", JWT: jwt}, nil
}

// sessionTokenFor signs a session token of sess (its user and active
// organization) valid for lifetime.
func (s *Server) sessionTokenFor(sess *session, lifetime time.Duration) (string, *apiError) {
	c := tokenConfig{sid: sess.id, lifetime: lifetime, issuedAt: s.now()}
	if sess.lastActiveOrgID != nil {
		if m := s.st.findMembership(*sess.lastActiveOrgID, sess.userID); m != nil {
			c.orgID, c.orgRole = m.orgID, m.role
			if o, ok := s.st.orgs[m.orgID]; ok {
				c.orgSlug = o.slug
			}
			for _, p := range s.st.roles[m.role] {
				if !strings.HasPrefix(p, "org:sys_") {
					c.orgPerms = append(c.orgPerms, p)
				}
			}
		}
	}
	claims, err := s.sessionClaims(sess.userID, &c)
	if err != nil {
		return "", errValue("role", err.Error())
	}
	jwt, err := s.sign(claims, "JWT", sessionTokenCat)
	if err != nil {
		return "", newError(http.StatusInternalServerError, "internal_clerk_error", "internal error", err.Error())
	}
	return jwt, nil
}

// createTemplateToken mints from a template declared with WithJWTTemplate:
// its claims (with the {{user.id}}-style shortcodes the fake knows
// resolved) plus the standard ones, with the template category in "cat"
// as Clerk stamps it, so that verifiers can tell it from a session token.
func createTemplateToken(s *Server, r *http.Request) (any, *apiError) {
	name := r.PathValue("template_name")
	tmpl, ok := s.st.templates[name]
	if !ok {
		return nil, errNotFound("JWT template", name)
	}
	sess, lifetime, e := tokenSession(s, r)
	if e != nil {
		return nil, e
	}
	now := s.now()
	claims := make(map[string]any, len(tmpl)+7)
	for k, v := range tmpl {
		claims[k] = s.st.resolveClaim(v, sess)
	}
	claims["sub"] = sess.userID
	claims["iss"] = s.iss
	claims["iat"] = now.Unix()
	claims["nbf"] = now.Add(-notBeforeSkew).Unix()
	claims["exp"] = now.Add(lifetime).Unix()
	claims["jti"] = randomString(20)
	jwt, err := s.sign(claims, "JWT", templateTokenCat)
	if err != nil {
		return nil, errValue("template_name", "the template's claims cannot be encoded: "+err.Error())
	}
	return tokenJSON{Object: "token", JWT: jwt}, nil
}

// resolveShortcode replaces a whole-string shortcode of the session's user
// or active organization; any other value is kept.
func (st *state) resolveShortcode(v any, sess *session) any {
	code, ok := v.(string)
	if !ok || !strings.HasPrefix(code, "{{") || !strings.HasSuffix(code, "}}") {
		return v
	}
	u := st.users[sess.userID]
	var o *org
	var m *membership
	if sess.lastActiveOrgID != nil {
		o = st.orgs[*sess.lastActiveOrgID]
		m = st.findMembership(*sess.lastActiveOrgID, sess.userID)
	}
	switch strings.TrimSpace(code[2 : len(code)-2]) {
	case "user.id":
		return sess.userID
	case "session.id":
		return sess.id
	case "user.primary_email_address":
		if u != nil {
			return nilIfEmpty(u.primaryEmail())
		}
	case "user.first_name":
		if u != nil {
			return u.firstName
		}
	case "user.last_name":
		if u != nil {
			return u.lastName
		}
	case "user.username":
		if u != nil {
			return u.username
		}
	case "user.external_id":
		if u != nil {
			return u.externalID
		}
	case "user.public_metadata":
		if u != nil {
			return cloneMetadata(u.pub)
		}
	case "org.id":
		if o != nil {
			return o.id
		}
	case "org.slug":
		if o != nil {
			return o.slug
		}
	case "org.name":
		if o != nil {
			return o.name
		}
	case "org.role":
		if m != nil {
			return m.role
		}
	default:
		return v
	}
	return nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
