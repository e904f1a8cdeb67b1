package clerktest

// userExtras is what a user keeps for the less common operations.
type userExtras struct {
	// imageURL is set by POST /users/{id}/profile_image ("" means the
	// default avatar).
	imageURL string
	// totpSecret is the base32 secret given as totp_secret; backupCodes
	// are the unused backup codes given as backup_codes.
	totpSecret  string
	backupCodes []string
}

// stateExtras is the instance-wide state of the less common operations.
type stateExtras struct {
	// payers holds the billing state of users and organizations, by their
	// user_… or org_… ID.
	payers map[string]*payer
}

// payer is the billing state of one user or organization.
type payer struct {
	id       string // cpayer_…
	subID    string // the free subscription every payer has
	currency string
	// balance is the credit balance in the currency's minor unit.
	balance int64
	// adjustments are the ledger entries by idempotency key, so a replayed
	// adjustment answers the first one and changes nothing.
	adjustments map[string]creditLedgerJSON
	createdAt   int64
}

// payerOf returns the billing state of a user or organization, made on
// first use (every payer starts on the free plan with no credit).
func (st *state) payerOf(ownerID string, now int64) *payer {
	if st.extras.payers == nil {
		st.extras.payers = map[string]*payer{}
	}
	p, ok := st.extras.payers[ownerID]
	if !ok {
		p = &payer{id: newID("cpayer"), subID: newID("csub"), currency: "USD",
			adjustments: map[string]creditLedgerJSON{}, createdAt: now}
		st.extras.payers[ownerID] = p
	}
	return p
}
