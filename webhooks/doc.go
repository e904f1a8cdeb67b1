// Package webhooks receives Clerk's webhooks: it verifies deliveries
// (Clerk signs them through Svix), decodes them into typed events, and
// serves them to a function through a net/http Handler. Its Service calls
// the Webhooks operations of the Backend API (client.Webhooks).
//
// # Verification
//
// A delivery carries three headers, svix-id, svix-timestamp (Unix seconds)
// and svix-signature (or their Standard Webhooks names webhook-id, ...).
// The signature header is a space-separated list of "v1,<base64>" entries,
// each an HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the base64
// decoding of the signing secret after its "whsec_" prefix. A Verifier
// accepts a delivery when any entry matches any of its secrets (pass the
// old and new secret during a rotation: Clerk signs with both for a day)
// and the timestamp is within five minutes of its clock, either way.
//
// Verify the body exactly as received: JSON that was decoded and encoded
// again has other bytes and never verifies. Every refusal is a
// *VerificationError matching ErrVerification and one reason
// (ErrMissingHeaders, ErrInvalidSignature, ErrTooOld, ErrTooNew,
// ErrBodyTooLarge, ErrMalformedHeaders) with errors.Is.
//
// # Events
//
// ParseEvent decodes a verified body into an Event: type, instance,
// timestamp (sent in milliseconds), the request that caused it, and Data
// typed by event type: *users.User for user.created, *core.DeletedObject
// for user.deleted, *organizations.Membership for organizationMembership.*,
// and so on (see the event type constants). An event type the SDK does not
// know is not an error: its Data is the raw json.RawMessage.
//
// # Handler
//
// NewHandler answers Clerk the way its retry schedule expects: 2xx once
// your function succeeded (and for types you ignore), 4xx for deliveries
// that fail verification, 5xx when your function fails so that Clerk
// delivers again. With WithStore it processes each message id once, even
// when Clerk delivers it twice.
package webhooks
