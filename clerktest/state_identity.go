package clerktest

// VerificationCode is the one-time code the fake accepts for every email
// address and phone number verification (POST .../attempt_verification):
// PrepareVerification "sends" it, and any other code is refused as
// incorrect. After maxVerificationAttempts wrong codes the verification
// fails; it expires verificationLifetime after it was prepared.
const VerificationCode = "424242"

const (
	maxVerificationAttempts = 3
	verificationLifetime    = 10 * 60 * 1000 // ms
)

// identityState holds what the identity and token operations store:
// pending verifications, sign-ups and the issued tokens. It hangs off
// state lazily (state.identity), so the rest of the fake is unchanged.
type identityState struct {
	// verifications by identification id: the one prepared last.
	verifications map[string]*pendingVerification
	signUps       map[string]*signUp
	signInTokens  map[string]*issuedToken
	actorTokens   map[string]*issuedToken
	agentTasks    map[string]*agentTask
	portalTokens  map[string]*portalToken
}

// identity returns the identity state, creating it on first use.
func (st *state) identity() *identityState {
	if st.ident == nil {
		st.ident = &identityState{
			verifications: map[string]*pendingVerification{},
			signUps:       map[string]*signUp{},
			signInTokens:  map[string]*issuedToken{},
			actorTokens:   map[string]*issuedToken{},
			agentTasks:    map[string]*agentTask{},
			portalTokens:  map[string]*portalToken{},
		}
	}
	return st.ident
}

// pendingVerification is a code verification in progress.
type pendingVerification struct {
	id       string
	strategy string // email_code or phone_code
	attempts int64
	expireAt int64
}

// verificationResponseJSON is the spec's _VerificationResponse.
type verificationResponseJSON struct {
	Object   string  `json:"object"`
	ID       string  `json:"id"`
	Status   string  `json:"status"`
	Strategy string  `json:"strategy"`
	Attempts *int64  `json:"attempts"`
	ExpireAt *int64  `json:"expire_at"`
	Channel  *string `json:"channel"`
}

// verificationState is the identification's verification as the user and
// identification JSON show it: set by the verification endpoints and
// updates (custom), else derived from reserved as at creation.
func (i *identification) verificationState() *verificationJSON {
	if i.custom {
		if i.verif == nil {
			return nil
		}
		v := *i.verif
		return &v
	}
	return verification(i.reserved)
}

func (i *identification) setVerified(now int64) {
	i.custom, i.reserved = true, false
	i.verif = &verificationJSON{Object: "verification_admin", Status: "verified", Strategy: "admin"}
	i.updatedAt = now
}

func (i *identification) setUnverified(now int64) {
	i.custom, i.reserved, i.verif = true, false, nil
	i.updatedAt = now
}

func (i *identification) verified() bool {
	v := i.verificationState()
	return v != nil && v.Status == "verified"
}

func emailJSONOf(e *identification) emailJSON {
	return emailJSON{
		ID: e.id, Object: "email_address", EmailAddress: e.value, Reserved: e.reserved,
		Verification: e.verificationState(), LinkedTo: []identificationLink{},
		CreatedAt: e.createdAt, UpdatedAt: e.updatedAt,
	}
}

func phoneJSONOf(p *identification) phoneJSON {
	return phoneJSON{
		ID: p.id, Object: "phone_number", PhoneNumber: p.value, Reserved: p.reserved,
		ReservedForSecondFactor: p.reservedFor2FA, DefaultSecondFactor: p.default2FA,
		Verification: p.verificationState(), LinkedTo: []identificationLink{},
		CreatedAt: p.createdAt, UpdatedAt: p.updatedAt,
	}
}

// findEmail returns the email address with the given id and its user.
func (st *state) findEmail(id string) (*user, *identification, *apiError) {
	for _, u := range st.users {
		for _, e := range u.emails {
			if e.id == id {
				return u, e, nil
			}
		}
	}
	return nil, nil, errNotFound("email address", id)
}

// findPhone returns the phone number with the given id and its user.
func (st *state) findPhone(id string) (*user, *identification, *apiError) {
	for _, u := range st.users {
		for _, p := range u.phones {
			if p.id == id {
				return u, p, nil
			}
		}
	}
	return nil, nil, errNotFound("phone number", id)
}

// phoneOwner returns the user holding num, if any.
func (st *state) phoneOwner(num string) *user {
	for _, u := range st.users {
		if u.hasPhone(num) {
			return u
		}
	}
	return nil
}

// removeIdentification drops id from list; the primary moves to the first
// one left (or nil).
func removeIdentification(list []*identification, primary **string, id string) []*identification {
	out := list[:0]
	for _, i := range list {
		if i.id != id {
			out = append(out, i)
		}
	}
	if *primary != nil && **primary == id {
		*primary = nil
		if len(out) > 0 {
			*primary = strp(out[0].id)
		}
	}
	return out
}

// signUp is a stored sign-up attempt (seeded with AddSignUp).
type signUp struct {
	id, status                          string
	emailAddress, phoneNumber, username *string
	firstName, lastName, externalID     *string
	customAction                        bool
	createdUserID, createdSessionID     *string
	abandonAt                           int64
	unsafe                              map[string]any
}

type signUpVerificationJSON struct {
	NextAction          string   `json:"next_action"`
	SupportedStrategies []string `json:"supported_strategies"`
}

type signUpVerificationsJSON struct {
	EmailAddress    *signUpVerificationJSON `json:"email_address"`
	PhoneNumber     *signUpVerificationJSON `json:"phone_number"`
	Web3Wallet      *signUpVerificationJSON `json:"web3_wallet"`
	ExternalAccount map[string]any          `json:"external_account"`
}

// signUpJSON is the spec's SignUp.
type signUpJSON struct {
	Object           string                  `json:"object"`
	ID               string                  `json:"id"`
	Status           string                  `json:"status"`
	RequiredFields   []string                `json:"required_fields"`
	OptionalFields   []string                `json:"optional_fields"`
	MissingFields    []string                `json:"missing_fields"`
	UnverifiedFields []string                `json:"unverified_fields"`
	Verifications    signUpVerificationsJSON `json:"verifications"`
	Username         *string                 `json:"username"`
	EmailAddress     *string                 `json:"email_address"`
	PhoneNumber      *string                 `json:"phone_number"`
	Web3Wallet       *string                 `json:"web3_wallet"`
	PasswordEnabled  bool                    `json:"password_enabled"`
	FirstName        *string                 `json:"first_name"`
	LastName         *string                 `json:"last_name"`
	UnsafeMetadata   map[string]any          `json:"unsafe_metadata"`
	PublicMetadata   map[string]any          `json:"public_metadata"`
	CustomAction     bool                    `json:"custom_action"`
	ExternalID       *string                 `json:"external_id"`
	CreatedSessionID *string                 `json:"created_session_id"`
	CreatedUserID    *string                 `json:"created_user_id"`
	AbandonAt        int64                   `json:"abandon_at"`
	LegalAcceptedAt  *int64                  `json:"legal_accepted_at"`
}

func (su *signUp) json() signUpJSON {
	out := signUpJSON{
		Object: "sign_up_attempt", ID: su.id, Status: su.status,
		RequiredFields: []string{"email_address"}, OptionalFields: []string{"first_name", "last_name", "username"},
		MissingFields: []string{}, UnverifiedFields: []string{},
		Username: su.username, EmailAddress: su.emailAddress, PhoneNumber: su.phoneNumber,
		FirstName: su.firstName, LastName: su.lastName,
		UnsafeMetadata: cloneMetadata(su.unsafe), PublicMetadata: map[string]any{},
		CustomAction: su.customAction, ExternalID: su.externalID,
		CreatedSessionID: su.createdSessionID, CreatedUserID: su.createdUserID, AbandonAt: su.abandonAt,
	}
	if su.emailAddress == nil {
		out.MissingFields = append(out.MissingFields, "email_address")
	} else if su.status != "complete" {
		out.UnverifiedFields = append(out.UnverifiedFields, "email_address")
		out.Verifications.EmailAddress = &signUpVerificationJSON{NextAction: "needs_prepare", SupportedStrategies: []string{"email_code"}}
	}
	return out
}

// issuedToken is a sign-in token (sit_…) or an actor token (act_…).
type issuedToken struct {
	id, userID, status   string
	actor                map[string]any
	createdAt, updatedAt int64
}

// agentTask is a stored agent task.
type agentTask struct {
	id, agentID string
	revoked     bool
}

// portalToken is a stored admin portal link token.
type portalToken struct {
	id, linkID           string
	orgID, itContactID   *string
	scopes               []string
	revoked              bool
	revocationReason     *string
	expiration           int64
	createdAt, updatedAt int64
}
