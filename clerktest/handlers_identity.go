package clerktest

import (
	"net/http"
	"strings"
)

// --- email addresses and phone numbers ---

type createEmailBody struct {
	UserID       *string `json:"user_id"`
	EmailAddress *string `json:"email_address"`
	Verified     *bool   `json:"verified"`
	Primary      *bool   `json:"primary"`
	Notify       *bool   `json:"notify_primary_email_address_changed"`
}

func createEmailAddress(s *Server, r *http.Request) (any, *apiError) {
	var b createEmailBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.UserID) == "" {
		return nil, errMissing("user_id")
	}
	if deref(b.EmailAddress) == "" {
		return nil, errMissing("email_address")
	}
	if !validEmail(*b.EmailAddress) {
		return nil, errFormat("email_address", *b.EmailAddress+" is not a valid email address")
	}
	u, e := s.st.lookupUser(*b.UserID)
	if e != nil {
		return nil, e
	}
	if s.st.emailOwner(*b.EmailAddress) != nil {
		return nil, errTaken("email_address", *b.EmailAddress)
	}
	now := s.nowMillis()
	id := &identification{id: newID("idn"), value: *b.EmailAddress, createdAt: now, updatedAt: now}
	if boolv(b.Verified) {
		id.setVerified(now)
	} else {
		id.setUnverified(now)
	}
	u.emails = append(u.emails, id)
	if boolv(b.Primary) || u.primaryEmailID == nil {
		u.primaryEmailID = strp(id.id)
	}
	u.updatedAt = now
	return emailJSONOf(id), nil
}

func getEmailAddress(s *Server, r *http.Request) (any, *apiError) {
	_, e, err := s.st.findEmail(r.PathValue("email_address_id"))
	if err != nil {
		return nil, err
	}
	return emailJSONOf(e), nil
}

type updateEmailBody struct {
	Verified opt[bool] `json:"verified"`
	Primary  opt[bool] `json:"primary"`
	Notify   *bool     `json:"notify_primary_email_address_changed"`
}

func updateEmailAddress(s *Server, r *http.Request) (any, *apiError) {
	u, id, e := s.st.findEmail(r.PathValue("email_address_id"))
	if e != nil {
		return nil, e
	}
	var b updateEmailBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if v := b.Verified.ptr(); v != nil && *v != id.verified() {
		if *v {
			id.setVerified(now)
		} else {
			id.setUnverified(now)
		}
	}
	if v := b.Primary.ptr(); v != nil && *v {
		u.primaryEmailID = strp(id.id)
	}
	u.updatedAt = now
	return emailJSONOf(id), nil
}

func deleteEmailAddress(s *Server, r *http.Request) (any, *apiError) {
	u, id, e := s.st.findEmail(r.PathValue("email_address_id"))
	if e != nil {
		return nil, e
	}
	u.emails = removeIdentification(u.emails, &u.primaryEmailID, id.id)
	delete(s.st.identity().verifications, id.id)
	u.updatedAt = s.nowMillis()
	return deletedJSON("email_address", id.id), nil
}

type replaceEmailBody struct {
	EmailAddress         *string `json:"email_address"`
	IdentificationStatus *string `json:"identification_status"`
	Notify               *bool   `json:"notify_primary_email_address_changed"`
}

// replaceUserEmailAddress leaves the user with one email address, the
// given one, as the primary; the others are deleted. An address the user
// already has keeps its id, so a repeated PUT changes nothing.
func replaceUserEmailAddress(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b replaceEmailBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.EmailAddress) == "" {
		return nil, errMissing("email_address")
	}
	if !validEmail(*b.EmailAddress) {
		return nil, errFormat("email_address", *b.EmailAddress+" is not a valid email address")
	}
	if owner := s.st.emailOwner(*b.EmailAddress); owner != nil && owner != u {
		return nil, errTaken("email_address", *b.EmailAddress)
	}
	now := s.nowMillis()
	var keep *identification
	for _, x := range u.emails {
		if strings.EqualFold(x.value, *b.EmailAddress) {
			keep = x
		} else {
			delete(s.st.identity().verifications, x.id)
		}
	}
	if keep == nil {
		keep = &identification{id: newID("idn"), value: *b.EmailAddress, createdAt: now, updatedAt: now}
	}
	if e := applyIdentificationStatus(keep, deref(b.IdentificationStatus), now); e != nil {
		return nil, e
	}
	u.emails = []*identification{keep}
	u.primaryEmailID = strp(keep.id)
	u.updatedAt = now
	return emailJSONOf(keep), nil
}

func applyIdentificationStatus(id *identification, status string, now int64) *apiError {
	switch status {
	case "", "verified":
		if !id.verified() {
			id.setVerified(now)
		}
	case "reserved":
		id.custom, id.reserved, id.verif, id.updatedAt = false, true, nil, now
	case "unverified":
		id.setUnverified(now)
	default:
		return errValue("identification_status", "must be verified, reserved or unverified")
	}
	return nil
}

type createPhoneBody struct {
	UserID         *string `json:"user_id"`
	PhoneNumber    *string `json:"phone_number"`
	Verified       *bool   `json:"verified"`
	Primary        *bool   `json:"primary"`
	ReservedFor2FA *bool   `json:"reserved_for_second_factor"`
}

func createPhoneNumber(s *Server, r *http.Request) (any, *apiError) {
	var b createPhoneBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.UserID) == "" {
		return nil, errMissing("user_id")
	}
	if deref(b.PhoneNumber) == "" {
		return nil, errMissing("phone_number")
	}
	if !validPhone(*b.PhoneNumber) {
		return nil, errFormat("phone_number", *b.PhoneNumber+" is not a valid E.164 phone number")
	}
	if boolv(b.ReservedFor2FA) && !boolv(b.Verified) {
		return nil, errValue("reserved_for_second_factor", "the phone number must be verified too")
	}
	u, e := s.st.lookupUser(*b.UserID)
	if e != nil {
		return nil, e
	}
	if s.st.phoneOwner(*b.PhoneNumber) != nil {
		return nil, errTaken("phone_number", *b.PhoneNumber)
	}
	now := s.nowMillis()
	id := &identification{id: newID("idn"), value: *b.PhoneNumber, createdAt: now, updatedAt: now}
	if boolv(b.Verified) {
		id.setVerified(now)
	} else {
		id.setUnverified(now)
	}
	u.phones = append(u.phones, id)
	if boolv(b.ReservedFor2FA) {
		setSecondFactor(u, id)
	}
	if boolv(b.Primary) || u.primaryPhoneID == nil {
		u.primaryPhoneID = strp(id.id)
	}
	u.updatedAt = now
	return phoneJSONOf(id), nil
}

// setSecondFactor reserves p for MFA; it becomes the default second
// factor when no other number is one.
func setSecondFactor(u *user, p *identification) {
	p.reservedFor2FA = true
	for _, x := range u.phones {
		if x != p && x.default2FA {
			return
		}
	}
	p.default2FA = true
}

func getPhoneNumber(s *Server, r *http.Request) (any, *apiError) {
	_, p, e := s.st.findPhone(r.PathValue("phone_number_id"))
	if e != nil {
		return nil, e
	}
	return phoneJSONOf(p), nil
}

type updatePhoneBody struct {
	Verified       opt[bool] `json:"verified"`
	Primary        opt[bool] `json:"primary"`
	ReservedFor2FA opt[bool] `json:"reserved_for_second_factor"`
}

func updatePhoneNumber(s *Server, r *http.Request) (any, *apiError) {
	u, p, e := s.st.findPhone(r.PathValue("phone_number_id"))
	if e != nil {
		return nil, e
	}
	var b updatePhoneBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if v := b.Verified.ptr(); v != nil && *v != p.verified() {
		if *v {
			p.setVerified(now)
		} else {
			p.setUnverified(now)
			p.reservedFor2FA, p.default2FA = false, false
		}
	}
	if v := b.ReservedFor2FA.ptr(); v != nil {
		switch {
		case *v && !p.verified():
			return nil, paramError(http.StatusBadRequest, "form_param_value_invalid", "reserved_for_second_factor",
				"is invalid", "reserved_for_second_factor is invalid: the phone number must be verified first")
		case *v:
			setSecondFactor(u, p)
		default:
			p.reservedFor2FA, p.default2FA = false, false
		}
		p.updatedAt = now
	}
	if v := b.Primary.ptr(); v != nil && *v {
		u.primaryPhoneID = strp(p.id)
	}
	u.updatedAt = now
	return phoneJSONOf(p), nil
}

func deletePhoneNumber(s *Server, r *http.Request) (any, *apiError) {
	u, p, e := s.st.findPhone(r.PathValue("phone_number_id"))
	if e != nil {
		return nil, e
	}
	u.phones = removeIdentification(u.phones, &u.primaryPhoneID, p.id)
	delete(s.st.identity().verifications, p.id)
	u.updatedAt = s.nowMillis()
	return deletedJSON("phone_number", p.id), nil
}

type replacePhoneBody struct {
	PhoneNumber          *string `json:"phone_number"`
	IdentificationStatus *string `json:"identification_status"`
}

// replaceUserPhoneNumber leaves the user with one phone number, the given
// one, as the primary; the others are deleted.
func replaceUserPhoneNumber(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b replacePhoneBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.PhoneNumber) == "" {
		return nil, errMissing("phone_number")
	}
	if !validPhone(*b.PhoneNumber) {
		return nil, errFormat("phone_number", *b.PhoneNumber+" is not a valid E.164 phone number")
	}
	if owner := s.st.phoneOwner(*b.PhoneNumber); owner != nil && owner != u {
		return nil, errTaken("phone_number", *b.PhoneNumber)
	}
	now := s.nowMillis()
	var keep *identification
	for _, x := range u.phones {
		if x.value == *b.PhoneNumber {
			keep = x
		} else {
			delete(s.st.identity().verifications, x.id)
		}
	}
	if keep == nil {
		keep = &identification{id: newID("idn"), value: *b.PhoneNumber, createdAt: now, updatedAt: now}
	}
	if e := applyIdentificationStatus(keep, deref(b.IdentificationStatus), now); e != nil {
		return nil, e
	}
	u.phones = []*identification{keep}
	u.primaryPhoneID = strp(keep.id)
	u.updatedAt = now
	return phoneJSONOf(keep), nil
}

// --- verification ---

func prepareEmailVerification(s *Server, r *http.Request) (any, *apiError) {
	_, e, err := s.st.findEmail(r.PathValue("email_address_id"))
	if err != nil {
		return nil, err
	}
	return s.prepareVerification(e, "email_code", nil)
}

func preparePhoneVerification(s *Server, r *http.Request) (any, *apiError) {
	_, p, err := s.st.findPhone(r.PathValue("phone_number_id"))
	if err != nil {
		return nil, err
	}
	return s.prepareVerification(p, "phone_code", strp("sms"))
}

// prepareVerification "sends" VerificationCode: the identification's
// verification becomes an unverified OTP one. A verified identification
// is refused with 400 verification_already_verified.
func (s *Server) prepareVerification(id *identification, strategy string, channel *string) (any, *apiError) {
	if id.verified() {
		return nil, newError(http.StatusBadRequest, "verification_already_verified", "already verified",
			"This identification has already been verified.")
	}
	now := s.nowMillis()
	pv := &pendingVerification{id: newID("ver"), strategy: strategy, expireAt: now + verificationLifetime}
	s.st.identity().verifications[id.id] = pv
	id.custom, id.updatedAt = true, now
	id.verif = &verificationJSON{Object: "verification_otp", Status: "unverified", Strategy: strategy,
		Attempts: i64p(0), ExpireAt: i64p(pv.expireAt)}
	return verificationResponse(pv, "unverified", channel), nil
}

func verificationResponse(pv *pendingVerification, status string, channel *string) verificationResponseJSON {
	return verificationResponseJSON{Object: "verification_otp", ID: pv.id, Status: status, Strategy: pv.strategy,
		Attempts: i64p(pv.attempts), ExpireAt: i64p(pv.expireAt), Channel: channel}
}

type attemptVerificationBody struct {
	VerificationID *string `json:"verification_id"`
	Code           *string `json:"code"`
}

func attemptEmailVerification(s *Server, r *http.Request) (any, *apiError) {
	_, e, err := s.st.findEmail(r.PathValue("email_address_id"))
	if err != nil {
		return nil, err
	}
	return s.attemptVerification(r, e, nil)
}

func attemptPhoneVerification(s *Server, r *http.Request) (any, *apiError) {
	_, p, err := s.st.findPhone(r.PathValue("phone_number_id"))
	if err != nil {
		return nil, err
	}
	return s.attemptVerification(r, p, strp("sms"))
}

// attemptVerification checks a code: VerificationCode verifies the
// identification; another code counts as a failed attempt (400
// form_code_incorrect, 400 verification_failed after the last one); an
// expired verification answers 400 verification_expired; an unknown
// verification_id 404.
func (s *Server) attemptVerification(r *http.Request, id *identification, channel *string) (any, *apiError) {
	var b attemptVerificationBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.VerificationID) == "" {
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "verification_id", "missing requires parameter", "verification_id must be included.")
	}
	if deref(b.Code) == "" {
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "code", "missing requires parameter", "code must be included.")
	}
	pv := s.st.identity().verifications[id.id]
	if pv == nil || pv.id != *b.VerificationID {
		return nil, errNotFound("verification", *b.VerificationID)
	}
	now := s.nowMillis()
	if id.verified() {
		return nil, newError(http.StatusBadRequest, "verification_already_verified", "already verified",
			"This verification has already been verified.")
	}
	if id.verif != nil && id.verif.Status == "failed" {
		return nil, newError(http.StatusBadRequest, "verification_failed", "verification failed",
			"Too many failed attempts. Prepare a new verification.")
	}
	if pv.expireAt <= now {
		id.verif.Status = "expired"
		return nil, newError(http.StatusBadRequest, "verification_expired", "verification expired",
			"This verification has expired. Prepare a new one.")
	}
	pv.attempts++
	id.verif.Attempts, id.updatedAt = i64p(pv.attempts), now
	if *b.Code != VerificationCode {
		if pv.attempts >= maxVerificationAttempts {
			id.verif.Status = "failed"
			return nil, newError(http.StatusBadRequest, "verification_failed", "verification failed",
				"Too many failed attempts. Prepare a new verification.")
		}
		return nil, paramError(http.StatusBadRequest, "form_code_incorrect", "code", "Incorrect code", "The code is incorrect.")
	}
	id.verif.Status = "verified"
	id.reserved = false
	return verificationResponse(pv, "verified", channel), nil
}

// --- sign-ups ---

// SignUp seeds a sign-up attempt with AddSignUp (the Backend API cannot
// create one: sign-ups start in the frontend).
type SignUp struct {
	EmailAddress, PhoneNumber, Username string
	FirstName, LastName, ExternalID     string
	// Complete marks the sign-up complete, as if it had created a user.
	Complete bool
}

// AddSignUp stores a sign-up attempt and returns its sua_… ID.
func (s *Server) AddSignUp(su SignUp) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowMillis()
	rec := &signUp{
		id: newID("sua"), status: "missing_requirements",
		emailAddress: optString(su.EmailAddress), phoneNumber: optString(su.PhoneNumber),
		username: optString(su.Username), firstName: optString(su.FirstName), lastName: optString(su.LastName),
		externalID: optString(su.ExternalID), abandonAt: now + dayMillis, unsafe: map[string]any{},
	}
	if su.Complete {
		rec.status = "complete"
		rec.createdUserID, rec.createdSessionID = strp(newID("user")), strp(newID("sess"))
	}
	s.st.identity().signUps[rec.id] = rec
	return rec.id, nil
}

func lookupSignUp(s *Server, r *http.Request) (*signUp, *apiError) {
	id := r.PathValue("id")
	su, ok := s.st.identity().signUps[id]
	if !ok {
		return nil, errNotFound("sign up", id)
	}
	return su, nil
}

func getSignUp(s *Server, r *http.Request) (any, *apiError) {
	su, e := lookupSignUp(s, r)
	if e != nil {
		return nil, e
	}
	return su.json(), nil
}

type updateSignUpBody struct {
	ExternalID   opt[string] `json:"external_id"`
	CustomAction opt[bool]   `json:"custom_action"`
}

func updateSignUp(s *Server, r *http.Request) (any, *apiError) {
	su, e := lookupSignUp(s, r)
	if e != nil {
		return nil, e
	}
	var b updateSignUpBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.ExternalID.set {
		su.externalID = b.ExternalID.ptr()
	}
	if v := b.CustomAction.ptr(); v != nil {
		su.customAction = *v
	}
	return su.json(), nil
}

// --- clients ---

// clientJSON is the spec's Client. The fake's clients exist through their
// sessions: a client is the set of sessions that share its id.
type clientJSON struct {
	Object                     string        `json:"object"`
	ID                         string        `json:"id"`
	SessionIDs                 []string      `json:"session_ids"`
	Sessions                   []sessionJSON `json:"sessions"`
	SignInID                   *string       `json:"sign_in_id"`
	SignUpID                   *string       `json:"sign_up_id"`
	LastActiveSessionID        *string       `json:"last_active_session_id"`
	LastAuthenticationStrategy *string       `json:"last_authentication_strategy"`
	UpdatedAt                  int64         `json:"updated_at"`
	CreatedAt                  int64         `json:"created_at"`
}

func (s *Server) clientJSON(clientID string) (*clientJSON, *apiError) {
	var list []*session
	for _, sess := range s.st.sessions {
		if sess.clientID == clientID {
			list = append(list, sess)
		}
	}
	if len(list) == 0 {
		return nil, errNotFound("client", clientID)
	}
	sortSessions(list)
	now := s.nowMillis()
	out := &clientJSON{Object: "client", ID: clientID, SessionIDs: []string{}, Sessions: []sessionJSON{}}
	for i, sess := range list {
		out.SessionIDs = append(out.SessionIDs, sess.id)
		out.Sessions = append(out.Sessions, sess.json(now))
		if i == 0 || sess.createdAt < out.CreatedAt {
			out.CreatedAt = sess.createdAt
		}
		out.UpdatedAt = max(out.UpdatedAt, sess.updatedAt)
		if sess.currentStatus(now) == "active" {
			out.LastActiveSessionID = strp(sess.id)
		}
	}
	return out, nil
}

// sortSessions orders sessions oldest first.
func sortSessions(list []*session) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].seq < list[j-1].seq; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func getClient(s *Server, r *http.Request) (any, *apiError) {
	return s.clientJSON(r.PathValue("client_id"))
}

type verifyClientBody struct {
	Token *string `json:"token"`
}

// verifyClient accepts a token signed by the fake's key whose "sid" claim
// names a stored session (Server.MintSessionToken with WithSessionID) and
// answers that session's client.
func verifyClient(s *Server, r *http.Request) (any, *apiError) {
	var b verifyClientBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.Token) == "" {
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "token", "missing requires parameter", "token must be included.")
	}
	claims, ok := s.verifiedClaims(*b.Token)
	if !ok {
		return nil, newError(http.StatusBadRequest, "token_invalid", "invalid token", "The client token is invalid.")
	}
	sid, _ := claims["sid"].(string)
	sess, found := s.st.sessions[sid]
	if !found {
		return nil, errNotFound("client", "")
	}
	return s.clientJSON(sess.clientID)
}
