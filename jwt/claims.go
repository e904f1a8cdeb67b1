package jwt

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Claims are the verified claims of a Clerk session token. Verify returns
// them only after the signature and every configured check passed.
//
// The organization view (OrgID, OrgSlug, OrgRole, OrgPermissions) reads the
// same way for v1 tokens (flat org_* claims) and v2 tokens (the "o" claim,
// with permissions decoded from "fea", "o.per" and "o.fpm").
//
// Every call to Verify returns its own copy: changing one (its slices
// included) affects neither the verifier's cache nor other callers.
type Claims struct {
	// Issuer is "iss": the instance's Frontend API URL.
	Issuer string
	// Subject is "sub": the user id (user_...).
	Subject string
	// Audience is "aud", when present.
	Audience []string
	// Expiry is "exp".
	Expiry time.Time
	// NotBefore is "nbf"; zero when absent.
	NotBefore time.Time
	// IssuedAt is "iat"; zero when absent.
	IssuedAt time.Time
	// ID is "jti".
	ID string

	// SessionID is "sid": the session id (sess_...).
	SessionID string
	// AuthorizedParty is "azp": the origin the token was minted for.
	AuthorizedParty string
	// Version is the token format: 2 when "v" is 2, 1 when "v" is absent.
	Version int
	// Status is "sts", the session status ("active", "pending"), when
	// present. A pending session has tasks left to finish (choose an
	// organization, reset a password): see [Claims.Pending].
	Status string
	// FactorVerificationAge is "fva": minutes since the user last verified
	// each factor, or nil when the token does not carry it.
	FactorVerificationAge *FactorAge
	// Actor is "act": the impersonating actor, or nil.
	Actor *Actor
	// Features is "fea" split on commas ("scope:name" entries; scopes "o",
	// "u", "uo", "ou").
	Features []string
	// Plans is "pla" split on commas ("scope:slug" entries).
	Plans []string

	// OrgID is the active organization's id, or "" when none is active.
	OrgID string
	// OrgSlug is the active organization's slug.
	OrgSlug string
	// OrgRole is the role in the active organization, "org:" prefixed
	// ("org:admin").
	OrgRole string
	// OrgPermissions are the permissions in the active organization
	// ("org:<feature>:<permission>").
	OrgPermissions []string

	raw string // the claim set's JSON text

	// Machine-token claims, read for every token and used by MachineClaims.
	scopes   []string // "scopes" or "scope"
	clientID string   // "client_id"
}

// Pending reports whether the session has unfinished tasks ("sts" is
// "pending"). Clerk's SDKs treat a pending session as signed out except on
// the pages that finish the tasks; clerkhttp does the same.
func (c *Claims) Pending() bool { return c.Status == "pending" }

// clone returns a deep copy of c, in one allocation when the claims hold
// at most boxedStrings list items (the common case), two otherwise.
func (c *Claims) clone() *Claims {
	box := &claimsBox{c: *c}
	out := &box.c
	n := len(c.Audience) + len(c.Features) + len(c.Plans) + len(c.OrgPermissions) + len(c.scopes)
	if n > 0 {
		buf := box.buf[:0:len(box.buf)]
		if n > len(box.buf) {
			buf = make([]string, 0, n)
		}
		buf, out.Audience = cloneInto(buf, c.Audience)
		buf, out.Features = cloneInto(buf, c.Features)
		buf, out.Plans = cloneInto(buf, c.Plans)
		buf, out.OrgPermissions = cloneInto(buf, c.OrgPermissions)
		_, out.scopes = cloneInto(buf, c.scopes)
	}
	if c.FactorVerificationAge != nil {
		box.fva = *c.FactorVerificationAge
		out.FactorVerificationAge = &box.fva
	}
	if c.Actor != nil {
		box.act = *c.Actor
		out.Actor = &box.act
	}
	return out
}

// boxedStrings is how many list items a cloned Claims carries inline.
const boxedStrings = 12

// claimsBox lays out a cloned Claims with the values its pointers and
// slices target, so that a copy is usually a single allocation.
type claimsBox struct {
	c   Claims
	fva FactorAge
	act Actor
	buf [boxedStrings]string
}

// cloneInto appends s to buf and returns the copy as a full slice of its
// own (capped, so appending to it never writes into the next one); nil
// stays nil.
func cloneInto(buf, s []string) ([]string, []string) {
	if s == nil {
		return buf, nil
	}
	start := len(buf)
	buf = append(buf, s...)
	return buf, buf[start:len(buf):len(buf)]
}

// Actor identifies who is acting on the subject's behalf during
// impersonation (the "act" claim).
type Actor struct {
	// Subject is the impersonator's user id.
	Subject string
	// SessionID is the impersonator's session id, when present.
	SessionID string
	// Issuer is the issuer of the actor's identity, when present.
	Issuer string
}

// FactorAge is the "fva" claim: minutes since the user last verified their
// first and second factor, at the time the token was issued; -1 means never.
type FactorAge struct {
	// FirstFactor is the age in minutes of the last first-factor verification.
	FirstFactor int
	// SecondFactor is the age in minutes of the last second-factor
	// verification, or -1 when the user has none.
	SecondFactor int
}

// ReverificationLevel names which factors a reverification check demands.
type ReverificationLevel string

// Reverification levels for [Claims.VerifiedWithin].
const (
	// FirstFactor demands a recent first-factor verification.
	FirstFactor ReverificationLevel = "first_factor"
	// SecondFactor demands a recent second-factor verification, or a recent
	// first-factor one for users without a second factor.
	SecondFactor ReverificationLevel = "second_factor"
	// MultiFactor demands recent verification of both factors, or of the
	// first factor for users without a second factor.
	MultiFactor ReverificationLevel = "multi_factor"
)

// VerifiedWithin reports whether the user verified the factors that level
// names less than maxAge before the token was issued. It answers false
// (reverification needed) when the token has no "fva" claim or level is
// unknown, so sensitive actions fail closed.
func (c *Claims) VerifiedWithin(level ReverificationLevel, maxAge time.Duration) bool {
	fva := c.FactorVerificationAge
	if fva == nil {
		return false
	}
	fresh := func(minutes int) bool {
		return minutes >= 0 && time.Duration(minutes)*time.Minute < maxAge
	}
	switch level {
	case FirstFactor:
		return fresh(fva.FirstFactor)
	case SecondFactor:
		if fva.SecondFactor == -1 {
			return fresh(fva.FirstFactor)
		}
		return fresh(fva.SecondFactor)
	case MultiFactor:
		if fva.SecondFactor == -1 {
			return fresh(fva.FirstFactor)
		}
		return fresh(fva.FirstFactor) && fresh(fva.SecondFactor)
	}
	return false
}

// HasRole reports whether the user holds role in the active organization.
// Roles are "org:" prefixed ("org:admin"); a role without the prefix is
// compared as if it had it.
func (c *Claims) HasRole(role string) bool {
	if c.OrgRole == "" || role == "" {
		return false
	}
	if !strings.HasPrefix(role, "org:") {
		return c.OrgRole == "org:"+role
	}
	return c.OrgRole == role
}

// HasPermission reports whether the user holds permission in the active
// organization ("org:invoices:create").
func (c *Claims) HasPermission(permission string) bool {
	return permission != "" && slices.Contains(c.OrgPermissions, permission)
}

// IsImpersonated reports whether someone else acts as the subject.
func (c *Claims) IsImpersonated() bool { return c.Actor != nil }

// RawJSON returns a copy of the claim set's JSON text, as signed.
func (c *Claims) RawJSON() []byte { return []byte(c.raw) }

// CustomClaims decodes the token's claim set into a T, for claims this
// package does not model (custom session claims set in the Clerk
// dashboard). T is typically a struct with json tags:
//
//	type appClaims struct {
//		Tier string `json:"tier"`
//	}
//	custom, err := jwt.CustomClaims[appClaims](claims)
//
// Decoding is as strict as Verify: member names match json tags (or field
// names) exactly, case included, and a claim set holding a name that
// matches a field only when case is ignored ("ROLE" for `json:"role"`) is
// refused, as are duplicate names (Verify already refused those). The
// standard library alone would take {"role":"viewer","ROLE":"admin"} as
// role "admin".
func CustomClaims[T any](c *Claims) (T, error) {
	var v T
	if c == nil || c.raw == "" {
		return v, errors.New("jwt: no claims")
	}
	err := decodeCustom(c.raw, &v)
	return v, err
}

// orgClaimsV2 is the "o" claim of a v2 token.
type orgClaimsV2 struct {
	id, slug, role, per, fpm string
	present                  bool
}

// decodeClaims parses and type-checks a claim set; s is its JSON text. It
// does not check times, issuer or party: the verifier does.
func decodeClaims(s string) (*Claims, error) {
	c := &Claims{raw: s}
	r := jsonReader{s: s}
	if err := r.openObject(); err != nil {
		return nil, claimsErr("claims", err)
	}
	var (
		seen                 memberSet
		known                uint32
		hasExp, hasVersion   bool
		version              int64
		fea                  string
		org                  orgClaimsV2
		v1ID, v1Slug, v1Role string
		v1Perms              []string
		err                  error
	)
	for first := true; ; first = false {
		name, done, err2 := r.nextMember(nil, first)
		if err2 != nil {
			return nil, claimsErr("claims", err2)
		}
		if done {
			break
		}
		// Duplicates: a bit per known claim, the member set for the rest.
		if bit := knownClaimBit(name); bit != 0 {
			if known&bit != 0 {
				return nil, claimsErr(name, errJSONDuplicate)
			}
			known |= bit
		} else if !seen.add(name) {
			return nil, claimsErr(name, errJSONDuplicate)
		}
		switch name {
		case "iss":
			c.Issuer, err = r.optString()
		case "sub":
			c.Subject, err = r.optString()
		case "jti":
			c.ID, err = r.optString()
		case "azp":
			c.AuthorizedParty, err = r.optString()
		case "sid":
			c.SessionID, err = r.optString()
		case "sts":
			c.Status, err = r.optString()
		case "aud":
			c.Audience, err = r.readAudience()
		case "exp":
			if !r.isNull() {
				c.Expiry, err = r.readNumericDate()
				hasExp = err == nil
			}
		case "nbf":
			if !r.isNull() {
				c.NotBefore, err = r.readNumericDate()
			}
		case "iat":
			if !r.isNull() {
				c.IssuedAt, err = r.readNumericDate()
			}
		case "v":
			if !r.isNull() {
				version, err = r.readInt()
				hasVersion = true
			}
		case "fva":
			c.FactorVerificationAge, err = r.readFactorAge()
		case "act":
			c.Actor, err = r.readActor()
		case "fea":
			fea, err = r.optString()
		case "pla":
			var pla string
			pla, err = r.optString()
			c.Plans = splitList(pla)
		case "o":
			org, err = r.readOrgV2()
		case "org_id":
			v1ID, err = r.optString()
		case "org_slug":
			v1Slug, err = r.optString()
		case "org_role":
			v1Role, err = r.optString()
		case "org_permissions":
			if !r.isNull() {
				v1Perms, err = r.readStringList()
			}
		case "scopes", "scope":
			if c.scopes != nil {
				err = errJSONDuplicate // "scope" and "scopes" both present
				break
			}
			c.scopes, err = r.readScopes()
		case "client_id":
			c.clientID, err = r.optString()
		default:
			err = r.skipValue()
		}
		if err != nil {
			return nil, claimsErr(name, err)
		}
	}
	if err := r.end(); err != nil {
		return nil, claimsErr("claims", err)
	}
	if !hasExp {
		return nil, malformed(`"exp" claim missing`)
	}
	if c.Subject == "" {
		return nil, malformed(`"sub" claim missing`)
	}
	c.Features = splitList(fea)
	switch {
	case !hasVersion:
		c.Version = 1
		c.OrgID, c.OrgSlug, c.OrgRole, c.OrgPermissions = v1ID, v1Slug, v1Role, v1Perms
	case version < 1 || version > 1<<20:
		return nil, malformed(`"v" claim out of range`)
	default:
		c.Version = int(version)
		if version == 2 && org.present {
			c.OrgID, c.OrgSlug = org.id, org.slug
			if org.role != "" {
				c.OrgRole = org.role
				if !strings.HasPrefix(org.role, "org:") {
					c.OrgRole = "org:" + org.role
				}
			}
			c.OrgPermissions = decodeOrgPermissions(fea, org.per, org.fpm)
		}
		// Versions this package does not know carry no organization view:
		// permissions fail closed rather than being guessed.
	}
	return c, nil
}

// knownClaimBit returns the duplicate-detection bit of a claim
// decodeClaims reads, or 0 for any other claim.
func knownClaimBit(name string) uint32 {
	switch name {
	case "iss":
		return 1 << 0
	case "sub":
		return 1 << 1
	case "jti":
		return 1 << 2
	case "azp":
		return 1 << 3
	case "sid":
		return 1 << 4
	case "sts":
		return 1 << 5
	case "aud":
		return 1 << 6
	case "exp":
		return 1 << 7
	case "nbf":
		return 1 << 8
	case "iat":
		return 1 << 9
	case "v":
		return 1 << 10
	case "fva":
		return 1 << 11
	case "act":
		return 1 << 12
	case "fea":
		return 1 << 13
	case "pla":
		return 1 << 14
	case "o":
		return 1 << 15
	case "org_id":
		return 1 << 16
	case "org_slug":
		return 1 << 17
	case "org_role":
		return 1 << 18
	case "org_permissions":
		return 1 << 19
	case "scopes":
		return 1 << 20
	case "scope":
		return 1 << 21
	case "client_id":
		return 1 << 22
	}
	return 0
}

// claimsErr wraps a JSON error for the named claim as ErrMalformedToken.
func claimsErr(name string, err error) error {
	return malformed(strconv.Quote(truncate(name, 32)) + ": " + err.Error())
}

// optString reads a string; null reads as "".
func (r *jsonReader) optString() (string, error) {
	if r.isNull() {
		return "", nil
	}
	return r.readString()
}

// readAudience reads "aud": a string or an array of strings.
func (r *jsonReader) readAudience() ([]string, error) {
	if r.isNull() {
		return nil, nil
	}
	if r.peek() == '[' {
		return r.readStringList()
	}
	s, err := r.readString()
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

// readScopes reads "scopes" or "scope": a space-separated string (RFC
// 8693) or an array of strings. It returns a non-nil slice (possibly
// empty) unless the value is null.
func (r *jsonReader) readScopes() ([]string, error) {
	if r.isNull() {
		return nil, nil
	}
	if r.peek() == '[' {
		list, err := r.readStringList()
		if list == nil && err == nil {
			list = []string{}
		}
		return list, err
	}
	s, err := r.readString()
	if err != nil {
		return nil, err
	}
	out := strings.Fields(s)
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// readFactorAge reads "fva": an array of two integers.
func (r *jsonReader) readFactorAge() (*FactorAge, error) {
	if r.isNull() {
		return nil, nil
	}
	if err := r.openArray(); err != nil {
		return nil, err
	}
	var ages [2]int64
	n := 0
	for first := true; ; first = false {
		done, err := r.nextElement(first)
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
		if n == len(ages) {
			return nil, errJSONType
		}
		v, err := r.readInt()
		if err != nil {
			return nil, err
		}
		if v < -1 || v > 1<<31-1 {
			return nil, errJSONType
		}
		ages[n] = v
		n++
	}
	if n != len(ages) {
		return nil, errJSONType
	}
	return &FactorAge{FirstFactor: int(ages[0]), SecondFactor: int(ages[1])}, nil
}

// readActor reads "act": an object with string members.
func (r *jsonReader) readActor() (*Actor, error) {
	if r.isNull() {
		return nil, nil
	}
	if err := r.openObject(); err != nil {
		return nil, err
	}
	a := &Actor{}
	var seen memberSet
	for first := true; ; first = false {
		name, done, err := r.nextMember(&seen, first)
		if err != nil {
			return nil, err
		}
		if done {
			return a, nil
		}
		switch name {
		case "sub":
			a.Subject, err = r.optString()
		case "sid":
			a.SessionID, err = r.optString()
		case "iss":
			a.Issuer, err = r.optString()
		default:
			err = r.skipValue()
		}
		if err != nil {
			return nil, err
		}
	}
}

// readOrgV2 reads the "o" claim of a v2 token.
func (r *jsonReader) readOrgV2() (orgClaimsV2, error) {
	var o orgClaimsV2
	if r.isNull() {
		return o, nil
	}
	if err := r.openObject(); err != nil {
		return o, err
	}
	o.present = true
	var seen memberSet
	for first := true; ; first = false {
		name, done, err := r.nextMember(&seen, first)
		if err != nil {
			return o, err
		}
		if done {
			return o, nil
		}
		switch name {
		case "id":
			o.id, err = r.optString()
		case "slg":
			o.slug, err = r.optString()
		case "rol":
			o.role, err = r.optString()
		case "per":
			o.per, err = r.optString()
		case "fpm":
			o.fpm, err = r.optString()
		default:
			err = r.skipValue()
		}
		if err != nil {
			return o, err
		}
	}
}
