package core

// DeletedObject is the API's answer to every delete:
// {"object": "user", "id": "user_123", "deleted": true}.
type DeletedObject struct {
	// Object is the kind of resource that was deleted ("user",
	// "organization", "email_address", ...).
	Object string `json:"object"`
	// ID is the deleted resource's ID (some deletes answer a slug instead).
	ID string `json:"id,omitempty"`
	// Slug is set by the deletes that answer one (organization domains).
	Slug string `json:"slug,omitempty"`
	// ExternalID is set by the deletes that answer one.
	ExternalID string `json:"external_id,omitempty"`
	// Deleted is true when the API deleted the resource.
	Deleted bool `json:"deleted"`
}
