package clerktest

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ---- billing ----

// moneyJSON is the spec's CommerceMoneyResponse.
type moneyJSON struct {
	Amount          int64  `json:"amount"`
	AmountFormatted string `json:"amount_formatted"`
	Currency        string `json:"currency"`
	CurrencySymbol  string `json:"currency_symbol"`
}

func money(amount int64, currency string) moneyJSON {
	sign, abs := "", amount
	if amount < 0 {
		sign, abs = "-", -amount
	}
	return moneyJSON{Amount: amount, AmountFormatted: fmt.Sprintf("%s%d.%02d", sign, abs/100, abs%100),
		Currency: currency, CurrencySymbol: "$"}
}

// creditBalanceJSON is the spec's CommerceCreditBalanceResponse.
type creditBalanceJSON struct {
	Object  string    `json:"object"`
	Balance moneyJSON `json:"balance"`
}

// creditLedgerJSON is the spec's CommerceCreditLedgerResponse.
type creditLedgerJSON struct {
	Object     string    `json:"object"`
	ID         string    `json:"id"`
	PayerID    string    `json:"payer_id"`
	Amount     moneyJSON `json:"amount"`
	SourceType string    `json:"source_type"`
	SourceID   string    `json:"source_id"`
	Note       *string   `json:"note"`
	CreatedAt  string    `json:"created_at"`
}

// subscriptionJSON is the spec's CommerceSubscription: its items are the
// payer's subscription items that have not ended (seeded with
// AddSubscriptionItem), none for a payer the fake never subscribed.
type subscriptionJSON struct {
	Object            string           `json:"object"`
	ID                string           `json:"id"`
	InstanceID        string           `json:"instance_id"`
	Status            string           `json:"status"`
	PayerID           string           `json:"payer_id"`
	CreatedAt         int64            `json:"created_at"`
	UpdatedAt         int64            `json:"updated_at"`
	ActiveAt          *int64           `json:"active_at"`
	PastDueAt         *int64           `json:"past_due_at"`
	SubscriptionItems []map[string]any `json:"subscription_items"`
}

// billingOwner finds the user or organization of the path.
func billingOwner(s *Server, r *http.Request) (string, *apiError) {
	if id := r.PathValue("user_id"); id != "" {
		u, e := s.st.lookupUser(id)
		if e != nil {
			return "", e
		}
		return u.id, nil
	}
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return "", e
	}
	return o.id, nil
}

func getSubscription(s *Server, r *http.Request) (any, *apiError) {
	owner, e := billingOwner(s, r)
	if e != nil {
		return nil, e
	}
	p := s.st.payerOf(owner, s.nowMillis())
	items := []map[string]any{}
	for _, it := range s.billing().items {
		if it.payerID == owner && it.endedAt == nil {
			items = append(items, s.itemJSON(it))
		}
	}
	return subscriptionJSON{
		Object: "commerce_subscription", ID: p.subID, InstanceID: s.st.instanceID, Status: "active",
		PayerID: p.id, CreatedAt: p.createdAt, UpdatedAt: p.createdAt, ActiveAt: i64p(p.createdAt),
		SubscriptionItems: items,
	}, nil
}

func getCredits(s *Server, r *http.Request) (any, *apiError) {
	owner, e := billingOwner(s, r)
	if e != nil {
		return nil, e
	}
	p := s.st.payerOf(owner, s.nowMillis())
	return creditBalanceJSON{Object: "commerce_credit_balance", Balance: money(p.balance, p.currency)}, nil
}

type adjustCreditsBody struct {
	Amount         *int64  `json:"amount"`
	Action         *string `json:"action"`
	Currency       *string `json:"currency"`
	IdempotencyKey *string `json:"idempotency_key"`
	Note           *string `json:"note"`
}

// adjustCredits changes the credit balance once per idempotency key: a
// replay answers the first adjustment's ledger entry and changes nothing.
func adjustCredits(s *Server, r *http.Request) (any, *apiError) {
	owner, e := billingOwner(s, r)
	if e != nil {
		return nil, e
	}
	var b adjustCreditsBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	switch {
	case b.Amount == nil:
		return nil, errMissing("amount")
	case b.Action == nil:
		return nil, errMissing("action")
	case b.IdempotencyKey == nil || *b.IdempotencyKey == "":
		return nil, errMissing("idempotency_key")
	case *b.Amount <= 0:
		return nil, errValue("amount", "must be a positive integer")
	case *b.Action != "increase" && *b.Action != "decrease":
		return nil, errValue("action", "must be increase or decrease")
	}
	now := s.nowMillis()
	p := s.st.payerOf(owner, now)
	if b.Currency != nil && !strings.EqualFold(*b.Currency, p.currency) {
		return nil, errValue("currency", "must be "+p.currency)
	}
	if prev, ok := p.adjustments[*b.IdempotencyKey]; ok {
		return prev, nil
	}
	delta := *b.Amount
	if *b.Action == "decrease" {
		if delta > p.balance {
			return nil, errValue("amount", "exceeds the credit balance")
		}
		delta = -delta
	}
	p.balance += delta
	entry := creditLedgerJSON{
		Object: "commerce_credit_ledger", ID: newID("ccl"), PayerID: p.id, Amount: money(delta, p.currency),
		SourceType: "manual_adjustment", SourceID: *b.IdempotencyKey, Note: b.Note,
		CreatedAt: time.UnixMilli(now).UTC().Format(time.RFC3339Nano),
	}
	p.adjustments[*b.IdempotencyKey] = entry
	return entry, nil
}

func getUserSubscription(s *Server, r *http.Request) (any, *apiError) { return getSubscription(s, r) }
func getOrgSubscription(s *Server, r *http.Request) (any, *apiError)  { return getSubscription(s, r) }
func getUserCredits(s *Server, r *http.Request) (any, *apiError)      { return getCredits(s, r) }
func getOrgCredits(s *Server, r *http.Request) (any, *apiError)       { return getCredits(s, r) }
func adjustUserCredits(s *Server, r *http.Request) (any, *apiError)   { return adjustCredits(s, r) }
func adjustOrgCredits(s *Server, r *http.Request) (any, *apiError)    { return adjustCredits(s, r) }

// ---- images ----

// maxImageSize is the largest image the fake accepts (Clerk's limit is
// 10 MB).
const maxImageSize = 10 << 20

// uploadedImage reads the multipart "file" part and returns the URL the
// stored image gets.
func uploadedImage(r *http.Request) (string, *apiError) {
	if err := r.ParseMultipartForm(maxImageSize); err != nil {
		return "", errMalformed("multipart form: " + err.Error())
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return "", errMissing("file")
	}
	defer f.Close()
	if h.Size == 0 {
		return "", errValue("file", "must not be empty")
	}
	if h.Size > maxImageSize {
		return "", errValue("file", fmt.Sprintf("must be at most %d bytes", maxImageSize))
	}
	return "https://img.clerk.com/" + randomString(32), nil
}

// setProfileImage stores the image: the user then has_image, with the new
// image_url (DELETE .../profile_image goes back to the default avatar).
func setProfileImage(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	url, e := uploadedImage(r)
	if e != nil {
		return nil, e
	}
	u.extras.imageURL, u.updatedAt = url, s.nowMillis()
	return u.json(), nil
}

// orgWithLogoJSON is the spec's OrganizationWithLogo.
type orgWithLogoJSON struct {
	orgJSON
	LogoURL string `json:"logo_url,omitempty"`
}

func uploadOrgLogo(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	url, e := uploadedImage(r)
	if e != nil {
		return nil, e
	}
	if uploader := r.FormValue("uploader_user_id"); uploader != "" {
		if _, e := s.st.lookupUser(uploader); e != nil {
			return nil, e
		}
	}
	o.logoURL, o.updatedAt = url, s.nowMillis()
	return orgWithLogoJSON{orgJSON: s.st.orgJSON(o, orgCounts{}), LogoURL: url}, nil
}

func deleteOrgLogo(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	o.logoURL, o.updatedAt = "", s.nowMillis()
	return s.st.orgJSON(o, orgCounts{}), nil
}

// ---- trusted devices, OAuth tokens, identification deletes ----

// Users of the fake have no trusted devices, OAuth connections, passkeys
// or web3 wallets (no operation of the Backend API creates them): the
// lists are empty and deleting one answers 404, after the user is found.

type trustedDeviceJSON struct {
	Object string `json:"object"`
	ID     string `json:"id"`
}

func listTrustedDevices(s *Server, r *http.Request) (any, *apiError) {
	if _, e := s.st.lookupUser(r.PathValue("user_id")); e != nil {
		return nil, e
	}
	return envelope[trustedDeviceJSON]{Data: []trustedDeviceJSON{}}, nil
}

func revokeTrustedDevice(s *Server, r *http.Request) (any, *apiError) {
	return missingOfUser(s, r, "trusted device", "trusted_device_id")
}

type oauthTokenJSON struct {
	Object string `json:"object"`
	Token  string `json:"token"`
}

func listOAuthAccessTokens(s *Server, r *http.Request) (any, *apiError) {
	if _, e := s.st.lookupUser(r.PathValue("user_id")); e != nil {
		return nil, e
	}
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	return listAnswer([]oauthTokenJSON{}, p, paginated), nil
}

func deletePasskey(s *Server, r *http.Request) (any, *apiError) {
	return missingOfUser(s, r, "passkey", "passkey_identification_id")
}

func deleteWeb3Wallet(s *Server, r *http.Request) (any, *apiError) {
	return missingOfUser(s, r, "web3 wallet", "web3_wallet_identification_id")
}

func deleteExternalAccount(s *Server, r *http.Request) (any, *apiError) {
	return missingOfUser(s, r, "external account", "external_account_id")
}

// missingOfUser answers 404 for a sub-resource of a user that the fake
// never holds (404 for the user first when it is unknown).
func missingOfUser(s *Server, r *http.Request, what, param string) (any, *apiError) {
	if _, e := s.st.lookupUser(r.PathValue("user_id")); e != nil {
		return nil, e
	}
	return nil, errNotFound(what, r.PathValue(param))
}

// ---- TOTP ----

type verifyTOTPBody struct {
	Code *string `json:"code"`
}

// verifyTOTP checks a code against the user's TOTP secret (RFC 6238:
// SHA-1, 30 s steps, 6 digits, one step of drift either way at the
// server's clock) or, failing that, its unused backup codes, which are
// consumed. Like the API it answers bare 400 (no TOTP or backup codes),
// 404 (no such user) and 422 (wrong code).
func verifyTOTP(s *Server, r *http.Request) (any, *apiError) {
	u, ok := s.st.users[r.PathValue("user_id")]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, bare: true}
	}
	var b verifyTOTPBody
	if e := decodeBody(r, &b); e != nil || b.Code == nil {
		return nil, &apiError{status: http.StatusUnprocessableEntity, bare: true}
	}
	if u.extras.totpSecret == "" && len(u.extras.backupCodes) == 0 {
		return nil, &apiError{status: http.StatusBadRequest, bare: true}
	}
	if u.extras.totpSecret != "" {
		step := s.now().Unix() / 30
		for _, d := range []int64{0, -1, 1} {
			if code, ok := totpCode(u.extras.totpSecret, step+d); ok && hmac.Equal([]byte(code), []byte(*b.Code)) {
				return map[string]any{"verified": true, "code_type": "totp"}, nil
			}
		}
	}
	if i := slices.Index(u.extras.backupCodes, *b.Code); i >= 0 {
		u.extras.backupCodes = slices.Delete(u.extras.backupCodes, i, i+1)
		return map[string]any{"verified": true, "code_type": "backup_code"}, nil
	}
	return nil, &apiError{status: http.StatusUnprocessableEntity, bare: true}
}

// totpCode is the 6-digit RFC 6238 code of a base32 secret for one
// 30-second step; ok is false for a secret that is not base32.
func totpCode(secret string, step int64) (string, bool) {
	secret = strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(secret, "="))
	if err != nil {
		return "", false
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	n := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", n%1_000_000), true
}

// ---- session refresh ----

type refreshBody struct {
	ExpiredToken         *string        `json:"expired_token"`
	RefreshToken         *string        `json:"refresh_token"`
	RequestOrigin        *string        `json:"request_origin"`
	RequestHeaders       map[string]any `json:"request_headers"`
	Format               *string        `json:"format"`
	RequestOriginatingIP *string        `json:"request_originating_ip"`
}

type cookiesJSON struct {
	Object  string   `json:"object"`
	Cookies []string `json:"cookies"`
}

func errRefreshInvalid(why string) *apiError {
	return newError(http.StatusUnauthorized, "authentication_invalid", "authentication invalid",
		"The session cannot be refreshed: "+why)
}

// refreshSession mints a new token for an active session. The expired
// token must be one the fake signed for this session (its signature and
// sid are checked, its expiry is not); the refresh token must be present
// (the fake issues none to compare with). Inputs that do not check out
// answer 401, the signal to fall back to the handshake.
func refreshSession(s *Server, r *http.Request) (any, *apiError) {
	sess, e := lookupSession(s, r)
	if e != nil {
		return nil, e
	}
	var b refreshBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	switch {
	case b.ExpiredToken == nil:
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "expired_token", "missing", "expired_token must be included.")
	case b.RefreshToken == nil:
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "refresh_token", "missing", "refresh_token must be included.")
	case b.RequestOrigin == nil:
		return nil, paramError(http.StatusBadRequest, "form_param_missing", "request_origin", "missing", "request_origin must be included.")
	case b.Format != nil && *b.Format != "token" && *b.Format != "cookie":
		return nil, paramError(http.StatusBadRequest, "form_param_value_invalid", "format", "is invalid", "format must be token or cookie.")
	}
	if *b.RefreshToken == "" {
		return nil, errRefreshInvalid("empty refresh token")
	}
	sid, err := s.tokenSessionID(*b.ExpiredToken)
	if err != nil {
		return nil, errRefreshInvalid(err.Error())
	}
	if sid != sess.id {
		return nil, errRefreshInvalid("the expired token belongs to another session")
	}
	if sess.currentStatus(s.nowMillis()) != "active" {
		return nil, errRefreshInvalid("the session is not active")
	}
	jwt, e := s.sessionTokenFor(sess, defaultTokenLifetime)
	if e != nil {
		return nil, e
	}
	if b.Format != nil && *b.Format == "cookie" {
		return cookiesJSON{Object: "cookies", Cookies: []string{"__session=" + jwt + "; Path=/; Secure; SameSite=Lax"}}, nil
	}
	return tokenJSON{Object: "token", JWT: jwt}, nil
}

// tokenSessionID checks that tok is an RS256 token signed with the
// server's key and returns its sid claim.
func (s *Server) tokenSessionID(tok string) (string, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("the expired token is not a JWT")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return "", fmt.Errorf("the expired token's signature is not base64url")
	}
	km, err := s.keys()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(&km.key.PublicKey, crypto.SHA256, sum[:], sig) != nil {
		return "", fmt.Errorf("the expired token was not signed by this instance")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", fmt.Errorf("the expired token's claims are not base64url")
	}
	var claims struct {
		SID string `json:"sid"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.SID == "" {
		return "", fmt.Errorf("the expired token has no sid")
	}
	return claims.SID, nil
}
