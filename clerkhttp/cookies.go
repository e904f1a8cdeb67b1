package clerkhttp

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// Cookie names of Clerk's frontend.
const (
	clientUATCookie = "__client_uat"
)

// publishableKey is what the middleware derives from a publishable key.
type publishableKey struct {
	suffix      string // the session cookie suffix
	frontendAPI string // the Frontend API host ("clerk.example.com")
	production  bool
}

// parsePublishableKey decodes "pk_test_<base64(frontendAPI + "$")>" or
// "pk_live_...".
func parsePublishableKey(pk string) (publishableKey, error) {
	var out publishableKey
	var enc string
	switch {
	case strings.HasPrefix(pk, "pk_live_"):
		out.production, enc = true, pk[len("pk_live_"):]
	case strings.HasPrefix(pk, "pk_test_"):
		enc = pk[len("pk_test_"):]
	default:
		return out, errors.New("clerkhttp: publishable key must start with pk_test_ or pk_live_")
	}
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(enc, "="))
	}
	if err != nil || len(raw) < 2 || raw[len(raw)-1] != '$' {
		return out, errors.New("clerkhttp: malformed publishable key")
	}
	out.frontendAPI = string(raw[:len(raw)-1])
	out.suffix = cookieSuffix(pk)
	return out, nil
}

// cookieSuffix is the suffix Clerk gives the session cookie of an instance
// when several instances share a domain: the first 8 characters of the
// URL-safe base64 of SHA-1(publishable key).
func cookieSuffix(pk string) string {
	sum := sha1.Sum([]byte(pk))
	return base64.URLEncoding.EncodeToString(sum[:])[:8]
}

// errAmbiguousCookie reports several cookies of one name.
var errAmbiguousCookie = errors.New("clerkhttp: several session cookies of the same name")

// onlyCookie returns the value of the cookie named name, "" when absent,
// or errAmbiguousCookie when the request carries several: a sibling
// subdomain can set a cookie of the same name for the parent domain
// (cookie tossing), and the server cannot tell which is genuine.
func onlyCookie(r *http.Request, name string) (string, error) {
	var value string
	n := 0
	for _, ck := range r.CookiesNamed(name) {
		n++
		value = ck.Value
	}
	if n > 1 {
		return "", errAmbiguousCookie
	}
	return value, nil
}

// sessionCookie returns the session token of the request's cookies: the
// configured cookie, or with a publishable key the instance's suffixed
// "__session_<suffix>" cookie when Clerk uses it, chosen the way Clerk's
// JavaScript SDK chooses.
func (c *config) sessionCookie(r *http.Request) (string, error) {
	plain, err := onlyCookie(r, c.cookie)
	if err != nil || c.pk == nil {
		return plain, err
	}
	suffixed, err := onlyCookie(r, c.cookie+"_"+c.pk.suffix)
	if err != nil {
		return "", err
	}
	uat, err := onlyCookie(r, clientUATCookie)
	if err != nil {
		return "", err
	}
	suffixedUAT, err := onlyCookie(r, clientUATCookie+"_"+c.pk.suffix)
	if err != nil {
		return "", err
	}
	if c.usesSuffixed(plain, suffixed, uat, suffixedUAT) {
		return suffixed, nil
	}
	return plain, nil
}

// usesSuffixed decides between the plain and the suffixed session cookie.
// The payloads are read unverified only to choose; the chosen token is
// verified like any other.
func (c *config) usesSuffixed(plain, suffixed, uat, suffixedUAT string) bool {
	plainClaims, plainOK := peekClaims(plain)
	if plain != "" && (!plainOK || plainClaims.Iss == "") {
		return false // malformed: let it fail as signed out
	}
	if plain != "" && strings.TrimPrefix(strings.TrimPrefix(plainClaims.Iss, "https://"), "http://") != c.pk.frontendAPI {
		return true // the plain cookie belongs to another instance
	}
	if suffixed == "" && suffixedUAT == "" {
		return false
	}
	sfx, _ := peekClaims(suffixed)
	if suffixedUAT != "0" && uat != "0" && plainClaims.Iat > sfx.Iat {
		return false // both signed in, the plain one newer
	}
	if suffixedUAT == "0" && uat != "0" {
		return false
	}
	if !c.pk.production && suffixedUAT != "0" && uat == "0" && suffixed != "" && sfx.Exp <= time.Now().Unix() {
		return false
	}
	if suffixedUAT == "" && suffixed != "" {
		return false
	}
	return true
}

type peeked struct {
	Iss string `json:"iss"`
	Iat int64  `json:"iat"`
	Exp int64  `json:"exp"`
}

// peekClaims decodes a JWT's payload without verifying it.
func peekClaims(token string) (peeked, bool) {
	var p peeked
	_, rest, ok := strings.Cut(token, ".")
	if !ok {
		return p, false
	}
	payload, _, ok := strings.Cut(rest, ".")
	if !ok || len(payload) > 8<<10 {
		return p, false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || json.Unmarshal(b, &p) != nil {
		return p, false
	}
	return p, true
}
