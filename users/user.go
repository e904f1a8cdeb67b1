package users

import "encoding/json"

// User is a Clerk user. Timestamps are Unix milliseconds. Metadata stays raw
// JSON; read it typed with PublicMetadata, PrivateMetadata and
// UnsafeMetadata (or clerk.DecodeMetadata).
type User struct {
	ID                    string          `json:"id"`
	Object                string          `json:"object"`
	ExternalID            *string         `json:"external_id"`
	PrimaryEmailAddressID *string         `json:"primary_email_address_id"`
	PrimaryPhoneNumberID  *string         `json:"primary_phone_number_id"`
	PrimaryWeb3WalletID   *string         `json:"primary_web3_wallet_id"`
	Username              *string         `json:"username"`
	FirstName             *string         `json:"first_name"`
	LastName              *string         `json:"last_name"`
	Locale                *string         `json:"locale,omitempty"`
	ProfileImageURL       string          `json:"profile_image_url,omitempty"`
	ImageURL              string          `json:"image_url,omitempty"`
	HasImage              bool            `json:"has_image"`
	PublicMetadata        json.RawMessage `json:"public_metadata"`
	PrivateMetadata       json.RawMessage `json:"private_metadata,omitempty"`
	UnsafeMetadata        json.RawMessage `json:"unsafe_metadata,omitempty"`
	EmailAddresses        []EmailAddress  `json:"email_addresses"`
	Banned                bool            `json:"banned"`
	Locked                bool            `json:"locked"`
	CreatedAt             int64           `json:"created_at"`
	UpdatedAt             int64           `json:"updated_at"`
	LastSignInAt          *int64          `json:"last_sign_in_at"`
	LastActiveAt          *int64          `json:"last_active_at"`
}

// EmailAddress is one of a user's email addresses.
type EmailAddress struct {
	ID           string          `json:"id"`
	Object       string          `json:"object"`
	EmailAddress string          `json:"email_address"`
	Reserved     bool            `json:"reserved"`
	Verification json.RawMessage `json:"verification"`
	LinkedTo     json.RawMessage `json:"linked_to"`
	CreatedAt    int64           `json:"created_at"`
	UpdatedAt    int64           `json:"updated_at"`
}
