package webhooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/users"
)

// The event types Clerk sends whose data Event.Data holds typed. Any other
// type is delivered too, with Data holding the raw json.RawMessage.
const (
	UserCreated = "user.created" // *users.User
	UserUpdated = "user.updated" // *users.User
	UserDeleted = "user.deleted" // *core.DeletedObject

	SessionCreated = "session.created" // *sessions.Session (all session.*)
	SessionEnded   = "session.ended"
	SessionRemoved = "session.removed"
	SessionRevoked = "session.revoked"
	SessionPending = "session.pending"

	EmailCreated = "email.created" // *Email
	SMSCreated   = "sms.created"   // *SMS

	OrganizationCreated = "organization.created" // *organizations.Organization
	OrganizationUpdated = "organization.updated" // *organizations.Organization
	OrganizationDeleted = "organization.deleted" // *core.DeletedObject

	// Clerk sends the whole membership with a membership deletion.
	OrganizationMembershipCreated = "organizationMembership.created" // *organizations.Membership
	OrganizationMembershipUpdated = "organizationMembership.updated"
	OrganizationMembershipDeleted = "organizationMembership.deleted"

	OrganizationInvitationCreated  = "organizationInvitation.created" // *organizations.Invitation
	OrganizationInvitationAccepted = "organizationInvitation.accepted"
	OrganizationInvitationRevoked  = "organizationInvitation.revoked"

	OrganizationDomainCreated = "organizationDomain.created" // *OrganizationDomain
	OrganizationDomainUpdated = "organizationDomain.updated" // *OrganizationDomain
	OrganizationDomainDeleted = "organizationDomain.deleted" // *core.DeletedObject

	// role.* and permission.* carry the role or permission; a deletion
	// whose data is a deleted-object answer decodes to *core.DeletedObject.
	RoleCreated       = "role.created" // *Role
	RoleUpdated       = "role.updated"
	RoleDeleted       = "role.deleted"
	PermissionCreated = "permission.created" // *Permission
	PermissionUpdated = "permission.updated"
	PermissionDeleted = "permission.deleted"

	WaitlistEntryCreated = "waitlistEntry.created" // *WaitlistEntry
	WaitlistEntryUpdated = "waitlistEntry.updated"

	SubscriptionCreated = "subscription.created" // *billing.Subscription
	SubscriptionUpdated = "subscription.updated"
	SubscriptionActive  = "subscription.active"
	SubscriptionPastDue = "subscription.pastDue"

	SubscriptionItemUpdated         = "subscriptionItem.updated" // *billing.SubscriptionItem
	SubscriptionItemActive          = "subscriptionItem.active"
	SubscriptionItemCanceled        = "subscriptionItem.canceled"
	SubscriptionItemUpcoming        = "subscriptionItem.upcoming"
	SubscriptionItemEnded           = "subscriptionItem.ended"
	SubscriptionItemAbandoned       = "subscriptionItem.abandoned"
	SubscriptionItemIncomplete      = "subscriptionItem.incomplete"
	SubscriptionItemPastDue         = "subscriptionItem.pastDue"
	SubscriptionItemFreeTrialEnding = "subscriptionItem.freeTrialEnding"

	PaymentAttemptCreated = "paymentAttempt.created" // *PaymentAttempt
	PaymentAttemptUpdated = "paymentAttempt.updated"
)

// ErrMalformedEvent is returned by ParseEvent for a body that is not an
// event envelope (not a JSON object, or without a type).
var ErrMalformedEvent = errors.New("webhooks: malformed event")

// DataError is returned by ParseEvent when an event of a known type
// carries data that does not decode into its Go type (the event itself is
// returned too, with Data holding the raw JSON). After a verified delivery
// this means the SDK is behind Clerk's payloads: Handler answers 500 so
// that Clerk retries once the receiver is updated.
type DataError struct {
	Type string
	Err  error
}

// Error names the event type and the decoding error.
func (e *DataError) Error() string {
	return fmt.Sprintf("webhooks: decoding the data of a %s event: %v", e.Type, e.Err)
}

// Unwrap returns the decoding error.
func (e *DataError) Unwrap() error { return e.Err }

// Event is one webhook delivery's payload.
type Event struct {
	// ID is the delivery's svix-id (the same for every retry of one
	// message); Handler and Parse fill it from the headers, ParseEvent
	// leaves it empty.
	ID string
	// Type is the event type, e.g. "user.created" (see the constants).
	Type string
	// Object is "event".
	Object string
	// InstanceID is the Clerk instance the event comes from.
	InstanceID string
	// Timestamp is when Clerk created the event (the payload's timestamp,
	// sent in milliseconds; not the svix-timestamp of the delivery).
	Timestamp time.Time
	// Attributes says which request caused the event, when one did.
	Attributes EventAttributes
	// Data is the decoded data: a pointer to the type listed beside the
	// event type constants (*users.User for user.created, ...), or the
	// raw json.RawMessage for any other type.
	Data any
	// RawData is the data exactly as received.
	RawData json.RawMessage
}

// EventAttributes is the payload's event_attributes.
type EventAttributes struct {
	// HTTPRequest is the request that caused the event; nil when the event
	// was not caused by one (or Clerk did not say).
	HTTPRequest *HTTPRequest `json:"http_request,omitempty"`
}

// HTTPRequest describes the client request behind an event.
type HTTPRequest struct {
	ClientIP  string `json:"client_ip"`
	UserAgent string `json:"user_agent"`
}

// ParseEvent decodes a verified body. Never call it on a body Verify has
// not accepted. An unknown event type is not an error: its Data is the raw
// json.RawMessage. A known type whose data does not decode returns the
// event (with raw Data) and a *DataError.
func ParseEvent(body []byte) (*Event, error) {
	var env struct {
		Type       string          `json:"type"`
		Object     string          `json:"object"`
		InstanceID string          `json:"instance_id"`
		Timestamp  json.RawMessage `json:"timestamp"`
		Attributes EventAttributes `json:"event_attributes"`
		Data       json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedEvent, err)
	}
	if env.Type == "" {
		return nil, fmt.Errorf("%w: no type", ErrMalformedEvent)
	}
	ev := &Event{
		Type:       env.Type,
		Object:     env.Object,
		InstanceID: env.InstanceID,
		Attributes: env.Attributes,
		RawData:    env.Data,
		Data:       env.Data,
	}
	if len(env.Timestamp) > 0 {
		if err := (transport.Millis{T: &ev.Timestamp}).UnmarshalJSON(env.Timestamp); err != nil {
			return nil, fmt.Errorf("%w: timestamp: %v", ErrMalformedEvent, err)
		}
	}
	v := newData(env.Type, env.Data)
	if v == nil {
		return ev, nil
	}
	if err := json.Unmarshal(env.Data, v); err != nil {
		return ev, &DataError{Type: env.Type, Err: err}
	}
	ev.Data = v
	return ev, nil
}

// newData returns a pointer to the Go type of a known event type's data,
// nil for an unknown type or absent data.
func newData(typ string, data json.RawMessage) any {
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	family, action, ok := strings.Cut(typ, ".")
	if !ok {
		return nil
	}
	if !knownAction(family, action) {
		return nil
	}
	if action == "deleted" && isDeletedObject(family, data) {
		return new(core.DeletedObject)
	}
	switch family {
	case "user":
		return new(users.User)
	case "session":
		return new(sessions.Session)
	case "email":
		return new(Email)
	case "sms":
		return new(SMS)
	case "organization":
		return new(organizations.Organization)
	case "organizationMembership":
		return new(organizations.Membership)
	case "organizationInvitation":
		return new(organizations.Invitation)
	case "organizationDomain":
		return new(OrganizationDomain)
	case "role":
		return new(Role)
	case "permission":
		return new(Permission)
	case "waitlistEntry":
		return new(WaitlistEntry)
	case "subscription":
		return new(billing.Subscription)
	case "subscriptionItem":
		return new(billing.SubscriptionItem)
	case "paymentAttempt":
		return new(PaymentAttempt)
	}
	return nil
}

// knownAction lists the event types with typed data.
func knownAction(family, action string) bool {
	switch family {
	case "user", "organization", "organizationDomain", "organizationMembership", "role", "permission":
		return action == "created" || action == "updated" || action == "deleted"
	case "session":
		switch action {
		case "created", "ended", "removed", "revoked", "pending":
			return true
		}
	case "email", "sms":
		return action == "created"
	case "organizationInvitation":
		return action == "created" || action == "accepted" || action == "revoked"
	case "waitlistEntry", "paymentAttempt":
		return action == "created" || action == "updated"
	case "subscription":
		switch action {
		case "created", "updated", "active", "pastDue":
			return true
		}
	case "subscriptionItem":
		switch action {
		case "updated", "active", "canceled", "upcoming", "ended", "abandoned", "incomplete", "pastDue", "freeTrialEnding":
			return true
		}
	}
	return false
}

// isDeletedObject reports whether a deletion's data is the API's
// {"object", "id", "deleted": true} answer. user, organization and
// organizationDomain deletions always are; a membership deletion carries
// the whole membership; role and permission deletions are decoded by
// what they hold.
func isDeletedObject(family string, data json.RawMessage) bool {
	switch family {
	case "user", "organization", "organizationDomain":
		return true
	case "organizationMembership":
		return false
	}
	if !bytes.Contains(data, []byte(`"deleted"`)) {
		return false
	}
	var probe struct {
		Deleted *bool `json:"deleted"`
	}
	return json.Unmarshal(data, &probe) == nil && probe.Deleted != nil && *probe.Deleted
}
