package webhooks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/webhooks"
)

func envelope(typ, data string) []byte {
	return []byte(fmt.Sprintf(`{"type":%q,"object":"event","instance_id":"ins_1","timestamp":1764547200123,
		"event_attributes":{"http_request":{"client_ip":"203.0.113.9","user_agent":"Mozilla/5.0"}},"data":%s}`, typ, data))
}

const userData = `{"id":"user_1","object":"user","first_name":"Ada","last_name":"Lovelace","email_addresses":[],
	"public_metadata":{},"created_at":1764547200000,"updated_at":1764547200000}`

func TestParseEventEnvelope(t *testing.T) {
	t.Parallel()
	ev, err := webhooks.ParseEvent(envelope("user.created", userData))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Type != webhooks.UserCreated || ev.Object != "event" || ev.InstanceID != "ins_1" {
		t.Fatalf("envelope = %+v", ev)
	}
	// The payload's timestamp is in milliseconds.
	if want := time.UnixMilli(1764547200123); !ev.Timestamp.Equal(want) {
		t.Fatalf("Timestamp = %v, want %v", ev.Timestamp, want)
	}
	if r := ev.Attributes.HTTPRequest; r == nil || r.ClientIP != "203.0.113.9" || r.UserAgent != "Mozilla/5.0" {
		t.Fatalf("HTTPRequest = %+v", r)
	}
	u, ok := ev.Data.(*users.User)
	if !ok || u.ID != "user_1" || u.FirstName == nil || *u.FirstName != "Ada" {
		t.Fatalf("Data = %#v", ev.Data)
	}
	if !json.Valid(ev.RawData) {
		t.Fatalf("RawData = %s", ev.RawData)
	}
}

func TestParseEventTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ   string
		data  string
		check func(any) bool
	}{
		{"user.updated", userData, func(d any) bool { u, ok := d.(*users.User); return ok && u.ID == "user_1" }},
		{"user.deleted", `{"object":"user","id":"user_1","deleted":true}`,
			func(d any) bool { o, ok := d.(*core.DeletedObject); return ok && o.ID == "user_1" && o.Deleted }},
		{"session.revoked", `{"object":"session","id":"sess_1","user_id":"user_1","client_id":"client_1","status":"revoked"}`,
			func(d any) bool {
				s, ok := d.(*sessions.Session)
				return ok && s.ID == "sess_1" && s.Status == "revoked"
			}},
		{"organization.created", `{"object":"organization","id":"org_1","name":"Acme","slug":"acme"}`,
			func(d any) bool { o, ok := d.(*organizations.Organization); return ok && o.Slug == "acme" }},
		{"organization.deleted", `{"object":"organization","id":"org_1","deleted":true}`,
			func(d any) bool { o, ok := d.(*core.DeletedObject); return ok && o.ID == "org_1" }},
		{"organizationMembership.deleted", `{"object":"organization_membership","id":"orgmem_1","role":"org:member",
			"organization":{"object":"organization","id":"org_1","name":"Acme","slug":"acme"},"public_user_data":{"user_id":"user_1"}}`,
			func(d any) bool {
				m, ok := d.(*organizations.Membership)
				return ok && m.Organization.ID == "org_1" && m.PublicUserData != nil && m.PublicUserData.UserID == "user_1"
			}},
		{"organizationInvitation.accepted", `{"object":"organization_invitation","id":"orginv_1","email_address":"a@example.com","role":"org:member","status":"accepted"}`,
			func(d any) bool { i, ok := d.(*organizations.Invitation); return ok && i.Status == "accepted" }},
		{"organizationDomain.updated", `{"object":"organization_domain","id":"orgdmn_1","organization_id":"org_1","name":"acme.com",
			"enrollment_mode":"automatic_invitation","verification":{"status":"verified","strategy":"email_code"},"created_at":1764547200000}`,
			func(d any) bool {
				o, ok := d.(*webhooks.OrganizationDomain)
				return ok && o.Name == "acme.com" && o.VerificationStatus == "verified" && o.CreatedAt.Equal(time.UnixMilli(1764547200000))
			}},
		{"organizationDomain.deleted", `{"object":"organization_domain","id":"orgdmn_1","deleted":true}`,
			func(d any) bool { _, ok := d.(*core.DeletedObject); return ok }},
		{"email.created", `{"object":"email","id":"ema_1","to_email_address":"a@example.com","subject":"Hi","body":"<p>Hi</p>","status":"queued","delivered_by_clerk":false,"data":{"otp_code":"123456"}}`,
			func(d any) bool {
				e, ok := d.(*webhooks.Email)
				return ok && e.ToEmailAddress == "a@example.com" && !e.DeliveredByClerk && string(e.TemplateData) == `{"otp_code":"123456"}` && len(e.Raw) > 0
			}},
		{"sms.created", `{"object":"sms_message","id":"sms_1","to_phone_number":"+15555550100","message":"code 1","status":"queued","delivered_by_clerk":true}`,
			func(d any) bool {
				s, ok := d.(*webhooks.SMS)
				return ok && s.ToPhoneNumber == "+15555550100" && s.DeliveredByClerk
			}},
		{"role.created", `{"object":"role","id":"role_1","key":"org:editor","name":"Editor","permissions":[{"object":"permission","id":"perm_1","key":"org:posts:edit"}],"updated_at":1764547200000}`,
			func(d any) bool {
				r, ok := d.(*webhooks.Role)
				return ok && r.Key == "org:editor" && len(r.Permissions) == 1 && r.Permissions[0].Key == "org:posts:edit" && r.UpdatedAt.Equal(time.UnixMilli(1764547200000))
			}},
		{"role.deleted", `{"object":"role","id":"role_1","deleted":true}`,
			func(d any) bool { _, ok := d.(*core.DeletedObject); return ok }},
		{"role.deleted", `{"object":"role","id":"role_1","key":"org:editor"}`,
			func(d any) bool { r, ok := d.(*webhooks.Role); return ok && r.Key == "org:editor" }},
		{"permission.updated", `{"object":"permission","id":"perm_1","key":"org:posts:edit","type":"user"}`,
			func(d any) bool { p, ok := d.(*webhooks.Permission); return ok && p.Type == "user" }},
		{"waitlistEntry.created", `{"object":"waitlist_entry","id":"wle_1","email_address":"a@example.com","status":"pending","created_at":1764547200000}`,
			func(d any) bool {
				w, ok := d.(*webhooks.WaitlistEntry)
				return ok && w.Status == "pending" && !w.CreatedAt.IsZero()
			}},
		{"subscription.active", `{"object":"commerce_subscription","id":"csub_1","status":"active","payer_id":"cpayer_1","subscription_items":[]}`,
			func(d any) bool { s, ok := d.(*billing.Subscription); return ok && s.Status == "active" }},
		{"subscriptionItem.canceled", `{"object":"commerce_subscription_item","id":"csubi_1","status":"canceled","plan_period":"month"}`,
			func(d any) bool { s, ok := d.(*billing.SubscriptionItem); return ok && s.Status == "canceled" }},
		{"paymentAttempt.updated", `{"object":"commerce_payment_attempt","id":"cpa_1","status":"paid","payer":{"id":"cpayer_1"},"created_at":1764547200000}`,
			func(d any) bool {
				p, ok := d.(*webhooks.PaymentAttempt)
				return ok && p.Status == "paid" && p.PayerID == "cpayer_1"
			}},
		// Unknown types are not errors: their data stays raw.
		{"user.somethingNew", `{"x":1}`, func(d any) bool { r, ok := d.(json.RawMessage); return ok && string(r) == `{"x":1}` }},
		{"brandNew.created", `[1,2]`, func(d any) bool { r, ok := d.(json.RawMessage); return ok && string(r) == `[1,2]` }},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			t.Parallel()
			ev, err := webhooks.ParseEvent(envelope(tt.typ, tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(ev.Data) {
				t.Fatalf("Data = %#v", ev.Data)
			}
		})
	}
}

func TestParseEventErrors(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `[]`, `{"type":""}`, `{"data":{}}`, `{"type":"user.created","timestamp":"soon"}`, `not json`} {
		if _, err := webhooks.ParseEvent([]byte(body)); !errors.Is(err, webhooks.ErrMalformedEvent) {
			t.Errorf("ParseEvent(%q) = %v, want ErrMalformedEvent", body, err)
		}
	}
	// A known type whose data does not fit its Go type: the event comes
	// back raw, with a *DataError.
	ev, err := webhooks.ParseEvent(envelope("user.created", `{"id":42}`))
	var de *webhooks.DataError
	if !errors.As(err, &de) || de.Type != "user.created" {
		t.Fatalf("ParseEvent = %v, want a *DataError", err)
	}
	if ev == nil {
		t.Fatal("no event with the DataError")
	}
	if _, ok := ev.Data.(json.RawMessage); !ok {
		t.Fatalf("Data = %T, want json.RawMessage", ev.Data)
	}
}
