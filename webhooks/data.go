package webhooks

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// The SDK has no service for emails, SMS messages, roles, permissions,
// organization domains, waitlist entries or payment attempts (or they are
// in other packages being built), so these events carry the small types
// below: the fields a receiver acts on, typed, and everything else in Raw.

// Email is the data of email.created: an email Clerk sent or (when
// DeliveredByClerk is false) asks you to send.
type Email struct {
	Object           string  `json:"object"`
	ID               string  `json:"id"`
	Slug             *string `json:"slug"`
	FromEmailName    string  `json:"from_email_name"`
	ToEmailAddress   string  `json:"to_email_address"`
	EmailAddressID   *string `json:"email_address_id"`
	UserID           *string `json:"user_id"`
	Subject          string  `json:"subject"`
	Body             string  `json:"body"`
	BodyPlain        *string `json:"body_plain"`
	Status           string  `json:"status"`
	DeliveredByClerk bool    `json:"delivered_by_clerk"`
	// TemplateData is the data the email template was rendered with.
	TemplateData json.RawMessage `json:"data"`
	// Raw is the whole data object.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the raw object beside the typed fields.
func (e *Email) UnmarshalJSON(b []byte) error {
	type plain Email
	if err := json.Unmarshal(b, (*plain)(e)); err != nil {
		return err
	}
	e.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// SMS is the data of sms.created.
type SMS struct {
	Object           string          `json:"object"`
	ID               string          `json:"id"`
	Slug             *string         `json:"slug"`
	FromPhoneNumber  string          `json:"from_phone_number"`
	ToPhoneNumber    string          `json:"to_phone_number"`
	PhoneNumberID    *string         `json:"phone_number_id"`
	UserID           *string         `json:"user_id"`
	Message          string          `json:"message"`
	Status           string          `json:"status"`
	DeliveredByClerk bool            `json:"delivered_by_clerk"`
	TemplateData     json.RawMessage `json:"data"`
	Raw              json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the raw object beside the typed fields.
func (s *SMS) UnmarshalJSON(b []byte) error {
	type plain SMS
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	s.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Role is the data of role.*: an organization role.
type Role struct {
	Object      string          `json:"object"`
	ID          string          `json:"id"`
	Key         string          `json:"key"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Permissions []Permission    `json:"permissions"`
	CreatedAt   time.Time       `json:"-"`
	UpdatedAt   time.Time       `json:"-"`
	Raw         json.RawMessage `json:"-"`
}

// UnmarshalJSON reads the millisecond timestamps and keeps the raw object.
func (r *Role) UnmarshalJSON(b []byte) error {
	type plain Role
	err := json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}, transport.Millis{T: &r.UpdatedAt}})
	if err != nil {
		return err
	}
	r.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Permission is the data of permission.* (and an entry of Role.Permissions).
type Permission struct {
	Object      string          `json:"object"`
	ID          string          `json:"id"`
	Key         string          `json:"key"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Type        string          `json:"type"`
	CreatedAt   time.Time       `json:"-"`
	UpdatedAt   time.Time       `json:"-"`
	Raw         json.RawMessage `json:"-"`
}

// UnmarshalJSON reads the millisecond timestamps and keeps the raw object.
func (p *Permission) UnmarshalJSON(b []byte) error {
	type plain Permission
	err := json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(p), transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
	if err != nil {
		return err
	}
	p.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// OrganizationDomain is the data of organizationDomain.created and
// .updated.
type OrganizationDomain struct {
	Object         string `json:"object"`
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id"`
	Name           string `json:"name"`
	// EnrollmentMode is manual_invitation, automatic_invitation or
	// automatic_suggestion.
	EnrollmentMode          string  `json:"enrollment_mode"`
	AffiliationEmailAddress *string `json:"affiliation_email_address"`
	// VerificationStatus is the verification's status ("verified",
	// "unverified"), empty when there is no verification.
	VerificationStatus string          `json:"-"`
	CreatedAt          time.Time       `json:"-"`
	UpdatedAt          time.Time       `json:"-"`
	Raw                json.RawMessage `json:"-"`
}

// UnmarshalJSON reads the millisecond timestamps, the verification status
// and keeps the raw object.
func (d *OrganizationDomain) UnmarshalJSON(b []byte) error {
	type plain OrganizationDomain
	var ver *struct {
		Status string `json:"status"`
	}
	err := json.Unmarshal(b, &struct {
		*plain
		Verification any              `json:"verification"`
		CreatedAt    transport.Millis `json:"created_at"`
		UpdatedAt    transport.Millis `json:"updated_at"`
	}{(*plain)(d), &ver, transport.Millis{T: &d.CreatedAt}, transport.Millis{T: &d.UpdatedAt}})
	if err != nil {
		return err
	}
	if ver != nil {
		d.VerificationStatus = ver.Status
	}
	d.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// WaitlistEntry is the data of waitlistEntry.*.
type WaitlistEntry struct {
	Object       string `json:"object"`
	ID           string `json:"id"`
	EmailAddress string `json:"email_address"`
	// Status is pending, invited, rejected or completed.
	Status    string          `json:"status"`
	IsLocked  bool            `json:"is_locked"`
	CreatedAt time.Time       `json:"-"`
	UpdatedAt time.Time       `json:"-"`
	Raw       json.RawMessage `json:"-"`
}

// UnmarshalJSON reads the millisecond timestamps and keeps the raw object.
func (w *WaitlistEntry) UnmarshalJSON(b []byte) error {
	type plain WaitlistEntry
	err := json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(w), transport.Millis{T: &w.CreatedAt}, transport.Millis{T: &w.UpdatedAt}})
	if err != nil {
		return err
	}
	w.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// PaymentAttempt is the data of paymentAttempt.*: one charge of a billing
// payer. Amounts and line items stay in Raw.
type PaymentAttempt struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Status is pending, paid or failed.
	Status    string          `json:"status"`
	PayerID   string          `json:"-"`
	CreatedAt time.Time       `json:"-"`
	UpdatedAt time.Time       `json:"-"`
	Raw       json.RawMessage `json:"-"`
}

// UnmarshalJSON reads the payer, the millisecond timestamps and keeps the
// raw object.
func (p *PaymentAttempt) UnmarshalJSON(b []byte) error {
	type plain PaymentAttempt
	var payer *struct {
		ID string `json:"id"`
	}
	err := json.Unmarshal(b, &struct {
		*plain
		Payer     any              `json:"payer"`
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(p), &payer, transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
	if err != nil {
		return err
	}
	if payer != nil {
		p.PayerID = payer.ID
	}
	p.Raw = append(json.RawMessage(nil), b...)
	return nil
}
