package webhooks

import "errors"

// ErrVerification is matched (errors.Is) by every refusal of Verify: a
// delivery that did not prove it came from Clerk, or came too late or too
// early. The more precise sentinels below say why.
var ErrVerification = errors.New("webhooks: verification failed")

// The reasons Verify refuses a delivery. Each error Verify returns is a
// *VerificationError that matches exactly one of them and ErrVerification.
var (
	// ErrMissingHeaders: svix-id, svix-timestamp or svix-signature (or
	// their webhook-* names) is absent or empty.
	ErrMissingHeaders = errors.New("webhooks: missing signature headers")
	// ErrMalformedHeaders: the timestamp is not a whole number of seconds,
	// or a header is too long to be genuine.
	ErrMalformedHeaders = errors.New("webhooks: malformed signature headers")
	// ErrInvalidSignature: no v1 signature matches any of the secrets.
	ErrInvalidSignature = errors.New("webhooks: no matching signature")
	// ErrTooOld: the svix-timestamp is further in the past than the
	// tolerance (a replay, or a delivery delayed in a queue).
	ErrTooOld = errors.New("webhooks: timestamp too old")
	// ErrTooNew: the svix-timestamp is further in the future than the
	// tolerance (clock skew, or a forged timestamp).
	ErrTooNew = errors.New("webhooks: timestamp too new")
	// ErrBodyTooLarge: the body is larger than the verifier's cap.
	ErrBodyTooLarge = errors.New("webhooks: body too large")
)

// ErrInvalidSecret is returned by NewVerifier for a secret that is not
// base64 after its optional "whsec_" prefix, or is empty. It is a
// configuration error, not a refusal of a delivery.
var ErrInvalidSecret = errors.New("webhooks: invalid signing secret")

// VerificationError is a refused delivery. It never contains the secret or
// the expected signature.
type VerificationError struct {
	// Reason is one of ErrMissingHeaders, ErrMalformedHeaders,
	// ErrInvalidSignature, ErrTooOld, ErrTooNew, ErrBodyTooLarge.
	Reason error
	// MessageID is the delivery's svix-id, when it had one.
	MessageID string
}

// Error names the reason and the message id.
func (e *VerificationError) Error() string {
	if e.MessageID == "" {
		return e.Reason.Error()
	}
	return e.Reason.Error() + " (message " + e.MessageID + ")"
}

// Unwrap returns the reason and ErrVerification, so errors.Is matches both.
func (e *VerificationError) Unwrap() []error { return []error{e.Reason, ErrVerification} }

// refuse builds a refusal. The message id comes from the request: it is
// kept only when it is short printable ASCII, so a log line cannot be
// forged with it.
func refuse(reason error, id string) error {
	if len(id) > maxIDLen {
		id = ""
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] >= 0x7f {
			id = ""
			break
		}
	}
	return &VerificationError{Reason: reason, MessageID: id}
}
