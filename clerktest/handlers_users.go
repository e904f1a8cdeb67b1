package clerktest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// createUserBody is POST /users: every property of the spec (unknown ones
// answer 422 form_param_unknown); the fake acts on the ones it models.
type createUserBody struct {
	ExternalID                       *string         `json:"external_id"`
	FirstName                        *string         `json:"first_name"`
	LastName                         *string         `json:"last_name"`
	Locale                           *string         `json:"locale"`
	EmailAddress                     []string        `json:"email_address"`
	EmailAddressIdentificationStatus []string        `json:"email_address_identification_status"`
	PhoneNumber                      []string        `json:"phone_number"`
	PhoneNumberIdentificationStatus  []string        `json:"phone_number_identification_status"`
	Web3Wallet                       []string        `json:"web3_wallet"`
	Username                         *string         `json:"username"`
	Password                         *string         `json:"password"`
	PasswordDigest                   *string         `json:"password_digest"`
	PasswordHasher                   json.RawMessage `json:"password_hasher"`
	SkipPasswordChecks               *bool           `json:"skip_password_checks"`
	SkipPasswordRequirement          *bool           `json:"skip_password_requirement"`
	TOTPSecret                       *string         `json:"totp_secret"`
	BackupCodes                      []string        `json:"backup_codes"`
	PublicMetadata                   rawObject       `json:"public_metadata"`
	PrivateMetadata                  rawObject       `json:"private_metadata"`
	UnsafeMetadata                   rawObject       `json:"unsafe_metadata"`
	DeleteSelfEnabled                *bool           `json:"delete_self_enabled"`
	LegalAcceptedAt                  *string         `json:"legal_accepted_at"`
	SkipLegalChecks                  *bool           `json:"skip_legal_checks"`
	SkipUserRequirement              *bool           `json:"skip_user_requirement"`
	CreateOrganizationEnabled        *bool           `json:"create_organization_enabled"`
	CreateOrganizationsLimit         *int64          `json:"create_organizations_limit"`
	CreatedAt                        *string         `json:"created_at"`
	BypassClientTrust                *bool           `json:"bypass_client_trust"`
	Banned                           *bool           `json:"banned"`
	Locked                           *bool           `json:"locked"`
}

// updateUserBody is PATCH /users/{id}. Since 2026-05-12 it takes no
// metadata: metadata fields answer 422 form_param_unknown.
type updateUserBody struct {
	ExternalID                       opt[string]     `json:"external_id"`
	FirstName                        opt[string]     `json:"first_name"`
	LastName                         opt[string]     `json:"last_name"`
	Locale                           opt[string]     `json:"locale"`
	PrimaryEmailAddressID            opt[string]     `json:"primary_email_address_id"`
	NotifyPrimaryEmailAddressChanged *bool           `json:"notify_primary_email_address_changed"`
	PrimaryPhoneNumberID             opt[string]     `json:"primary_phone_number_id"`
	PrimaryWeb3WalletID              opt[string]     `json:"primary_web3_wallet_id"`
	Username                         opt[string]     `json:"username"`
	ProfileImageID                   *string         `json:"profile_image_id"`
	Password                         *string         `json:"password"`
	PasswordDigest                   *string         `json:"password_digest"`
	PasswordHasher                   json.RawMessage `json:"password_hasher"`
	SkipPasswordChecks               *bool           `json:"skip_password_checks"`
	SignOutOfOtherSessions           *bool           `json:"sign_out_of_other_sessions"`
	TOTPSecret                       *string         `json:"totp_secret"`
	BackupCodes                      []string        `json:"backup_codes"`
	DeleteSelfEnabled                *bool           `json:"delete_self_enabled"`
	CreateOrganizationEnabled        *bool           `json:"create_organization_enabled"`
	LegalAcceptedAt                  opt[string]     `json:"legal_accepted_at"`
	SkipLegalChecks                  *bool           `json:"skip_legal_checks"`
	CreateOrganizationsLimit         opt[int64]      `json:"create_organizations_limit"`
	CreatedAt                        *string         `json:"created_at"`
	BypassClientTrust                *bool           `json:"bypass_client_trust"`
}

// metadataBody is PATCH/PUT …/metadata of users (orgs and memberships
// use the first two fields only).
type metadataBody struct {
	PublicMetadata  rawObject `json:"public_metadata"`
	PrivateMetadata rawObject `json:"private_metadata"`
	UnsafeMetadata  rawObject `json:"unsafe_metadata"`
}

func (b *metadataBody) check() *apiError {
	for _, f := range []struct {
		name string
		o    *rawObject
	}{{"public_metadata", &b.PublicMetadata}, {"private_metadata", &b.PrivateMetadata}, {"unsafe_metadata", &b.UnsafeMetadata}} {
		if e := f.o.check(f.name, false); e != nil {
			return e
		}
	}
	return nil
}

// apply merges (PATCH) or replaces (PUT) each field that was sent.
func applyMetadata(dst *map[string]any, o *rawObject, replace bool) {
	if !o.set {
		return
	}
	if replace {
		*dst = cloneMetadata(o.obj())
		return
	}
	*dst = mergeMetadata(*dst, o.obj())
}

func createUser(s *Server, r *http.Request) (any, *apiError) {
	var b createUserBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	u, e := s.st.createUser(&b, s.nowMillis())
	if e != nil {
		return nil, e
	}
	return u.json(), nil
}

// createUser validates and stores a new user.
func (st *state) createUser(b *createUserBody, now int64) (*user, *apiError) {
	for _, f := range []struct {
		n string
		o *rawObject
	}{{"public_metadata", &b.PublicMetadata}, {"private_metadata", &b.PrivateMetadata}, {"unsafe_metadata", &b.UnsafeMetadata}} {
		if e := f.o.check(f.n, false); e != nil {
			return nil, e
		}
	}
	if len(b.Web3Wallet) > 0 {
		return nil, errValue("web3_wallet", "the fake does not model web3 wallets")
	}
	for _, e := range b.EmailAddress {
		if !validEmail(e) {
			return nil, errFormat("email_address", e+" is not a valid email address")
		}
	}
	for _, p := range b.PhoneNumber {
		if !validPhone(p) {
			return nil, errFormat("phone_number", p+" is not a valid E.164 phone number")
		}
	}
	emailReserved, e := identificationStatuses("email_address_identification_status", b.EmailAddressIdentificationStatus, len(b.EmailAddress))
	if e != nil {
		return nil, e
	}
	phoneReserved, e := identificationStatuses("phone_number_identification_status", b.PhoneNumberIdentificationStatus, len(b.PhoneNumber))
	if e != nil {
		return nil, e
	}
	if b.Username != nil && *b.Username == "" {
		b.Username = nil
	}
	if e := st.checkUnique("", b.EmailAddress, b.PhoneNumber, b.Username, b.ExternalID); e != nil {
		return nil, e
	}
	if b.Password != nil && !boolv(b.SkipPasswordChecks) && len(*b.Password) < 8 {
		return nil, paramError(http.StatusUnprocessableEntity, "form_password_length_too_short", "password",
			"Passwords must be 8 characters or more.", "Passwords must be 8 characters or more.")
	}
	createdAt := now
	if b.CreatedAt != nil {
		t, err := time.Parse(time.RFC3339Nano, *b.CreatedAt)
		if err != nil {
			return nil, errFormat("created_at", "must be an RFC3339 date-time")
		}
		createdAt = t.UnixMilli()
	}
	u := &user{
		id: newID("user"), seq: st.next(),
		externalID: b.ExternalID, username: b.Username, firstName: b.FirstName, lastName: b.LastName, locale: b.Locale,
		pub: cloneMetadata(b.PublicMetadata.obj()), priv: cloneMetadata(b.PrivateMetadata.obj()), unsafe: cloneMetadata(b.UnsafeMetadata.obj()),
		banned: boolv(b.Banned), locked: boolv(b.Locked),
		createdAt: createdAt, updatedAt: now,
		deleteSelfEnabled: b.DeleteSelfEnabled == nil || *b.DeleteSelfEnabled,
		createOrgEnabled:  b.CreateOrganizationEnabled == nil || *b.CreateOrganizationEnabled,
		createOrgsLimit:   b.CreateOrganizationsLimit,
		bypassClientTrust: boolv(b.BypassClientTrust),
	}
	if b.LegalAcceptedAt != nil {
		t, err := time.Parse(time.RFC3339Nano, *b.LegalAcceptedAt)
		if err != nil {
			return nil, errFormat("legal_accepted_at", "must be an RFC3339 date-time")
		}
		u.legalAcceptedAt = i64p(t.UnixMilli())
	}
	for i, addr := range b.EmailAddress {
		u.emails = append(u.emails, &identification{id: newID("idn"), value: addr, reserved: emailReserved[i], createdAt: now, updatedAt: now})
	}
	for i, num := range b.PhoneNumber {
		u.phones = append(u.phones, &identification{id: newID("idn"), value: num, reserved: phoneReserved[i], createdAt: now, updatedAt: now})
	}
	if len(u.emails) > 0 {
		u.primaryEmailID = strp(u.emails[0].id)
	}
	if len(u.phones) > 0 {
		u.primaryPhoneID = strp(u.phones[0].id)
	}
	switch {
	case b.Password != nil:
		u.password, u.passwordUpdatedAt = strp(*b.Password), i64p(now)
	case b.PasswordDigest != nil:
		u.password, u.passwordUpdatedAt = strp(*b.PasswordDigest), i64p(now)
	}
	if b.TOTPSecret != nil && *b.TOTPSecret != "" {
		u.totp = true
		u.extras.totpSecret = *b.TOTPSecret
	}
	if len(b.BackupCodes) > 0 {
		u.backupCodes = true
		u.extras.backupCodes = append([]string(nil), b.BackupCodes...)
	}
	if u.totp || u.backupCodes {
		u.mfaEnabledAt = i64p(now)
	}
	st.users[u.id] = u
	return u, nil
}

func identificationStatuses(param string, statuses []string, n int) ([]bool, *apiError) {
	out := make([]bool, n)
	if len(statuses) == 0 {
		return out, nil
	}
	if len(statuses) != n {
		return nil, errValue(param, "must have exactly one item per identifier")
	}
	for i, s := range statuses {
		switch s {
		case "verified":
		case "reserved":
			out[i] = true
		default:
			return nil, errValue(param, "items must be verified or reserved")
		}
	}
	return out, nil
}

func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n") && strings.Contains(s[at+1:], ".")
}

func validPhone(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func boolv(b *bool) bool { return b != nil && *b }

func getUser(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	return u.json(), nil
}

func updateUser(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b updateUserBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if b.Username.set && !b.Username.null && b.Username.v == "" {
		b.Username.null = true
	}
	if e := s.st.checkUnique(u.id, nil, nil, b.Username.ptr(), b.ExternalID.ptr()); e != nil {
		return nil, e
	}
	if b.PrimaryEmailAddressID.set && !b.PrimaryEmailAddressID.null {
		if !hasVerified(u.emails, b.PrimaryEmailAddressID.v) {
			return nil, errValue("primary_email_address_id", "must be a verified email address of this user")
		}
	}
	if b.PrimaryPhoneNumberID.set && !b.PrimaryPhoneNumberID.null {
		if !hasVerified(u.phones, b.PrimaryPhoneNumberID.v) {
			return nil, errValue("primary_phone_number_id", "must be a verified phone number of this user")
		}
	}
	if b.PrimaryWeb3WalletID.set && !b.PrimaryWeb3WalletID.null {
		return nil, errValue("primary_web3_wallet_id", "the user has no such web3 wallet")
	}
	if b.Password != nil && !boolv(b.SkipPasswordChecks) && len(*b.Password) < 8 {
		return nil, paramError(http.StatusUnprocessableEntity, "form_password_length_too_short", "password",
			"Passwords must be 8 characters or more.", "Passwords must be 8 characters or more.")
	}
	var legal *int64
	if b.LegalAcceptedAt.set && !b.LegalAcceptedAt.null {
		t, err := time.Parse(time.RFC3339Nano, b.LegalAcceptedAt.v)
		if err != nil {
			return nil, errFormat("legal_accepted_at", "must be an RFC3339 date-time")
		}
		legal = i64p(t.UnixMilli())
	}
	if b.CreatedAt != nil {
		t, err := time.Parse(time.RFC3339Nano, *b.CreatedAt)
		if err != nil {
			return nil, errFormat("created_at", "must be an RFC3339 date-time")
		}
		u.createdAt = t.UnixMilli()
	}
	setOpt(&u.externalID, b.ExternalID)
	setOpt(&u.firstName, b.FirstName)
	setOpt(&u.lastName, b.LastName)
	setOpt(&u.locale, b.Locale)
	setOpt(&u.username, b.Username)
	setOpt(&u.primaryEmailID, b.PrimaryEmailAddressID)
	setOpt(&u.primaryPhoneID, b.PrimaryPhoneNumberID)
	setOpt(&u.createOrgsLimit, b.CreateOrganizationsLimit)
	if b.LegalAcceptedAt.set {
		u.legalAcceptedAt = legal
	}
	switch {
	case b.Password != nil:
		u.password, u.passwordUpdatedAt = strp(*b.Password), i64p(now)
	case b.PasswordDigest != nil:
		u.password, u.passwordUpdatedAt = strp(*b.PasswordDigest), i64p(now)
	}
	if (b.Password != nil || b.PasswordDigest != nil) && boolv(b.SignOutOfOtherSessions) {
		s.st.revokeUserSessions(u.id, now)
	}
	if b.TOTPSecret != nil && *b.TOTPSecret != "" {
		u.totp = true
		u.extras.totpSecret = *b.TOTPSecret
	}
	if len(b.BackupCodes) > 0 {
		u.backupCodes = true
		u.extras.backupCodes = append([]string(nil), b.BackupCodes...)
	}
	if (u.totp || u.backupCodes) && u.mfaEnabledAt == nil {
		u.mfaEnabledAt = i64p(now)
	}
	if b.DeleteSelfEnabled != nil {
		u.deleteSelfEnabled = *b.DeleteSelfEnabled
	}
	if b.CreateOrganizationEnabled != nil {
		u.createOrgEnabled = *b.CreateOrganizationEnabled
	}
	if b.BypassClientTrust != nil {
		u.bypassClientTrust = *b.BypassClientTrust
	}
	u.updatedAt = now
	return u.json(), nil
}

func hasVerified(ids []*identification, id string) bool {
	for _, i := range ids {
		if i.id == id && !i.reserved {
			return true
		}
	}
	return false
}

// setOpt applies a PATCH field: absent leaves dst, null clears it.
func setOpt[T any](dst **T, o opt[T]) {
	if o.set {
		*dst = o.ptr()
	}
}

// deletedObject is the answer of every DELETE of a resource.
type deletedObject struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	Slug    string `json:"slug,omitempty"`
	Deleted bool   `json:"deleted"`
}

func deleteUser(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	s.st.removeUser(u.id)
	return deletedObject{Object: "user", ID: u.id, Deleted: true}, nil
}

func mergeUserMetadata(s *Server, r *http.Request) (any, *apiError) {
	return writeUserMetadata(s, r, false)
}

func replaceUserMetadata(s *Server, r *http.Request) (any, *apiError) {
	return writeUserMetadata(s, r, true)
}

func writeUserMetadata(s *Server, r *http.Request, replace bool) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b metadataBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := b.check(); e != nil {
		return nil, e
	}
	applyMetadata(&u.pub, &b.PublicMetadata, replace)
	applyMetadata(&u.priv, &b.PrivateMetadata, replace)
	applyMetadata(&u.unsafe, &b.UnsafeMetadata, replace)
	u.updatedAt = s.nowMillis()
	return u.json(), nil
}
