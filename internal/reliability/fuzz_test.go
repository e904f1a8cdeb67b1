package reliability_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/instance"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/machines"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/pagination"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/users"
)

// decoder decodes one resource type from JSON, alone or as a list page,
// and exercises what user code does next with it.
type decoder struct {
	name string
	run  func(t *testing.T, data []byte, asPage bool)
}

// roundTrip decodes data into T; when that works, encoding and decoding
// again must reach a fixed point (what the SDK decodes, it can re-encode
// without loss), and then after is called on the value.
func roundTrip[T any](after func(*T)) func(t *testing.T, data []byte, asPage bool) {
	return func(t *testing.T, data []byte, asPage bool) {
		if asPage {
			var p pagination.Page[T]
			if json.Unmarshal(data, &p) != nil {
				return
			}
			fixedPoint(t, &p, new(pagination.Page[T]))
			if after != nil {
				for _, it := range p.Data {
					if it != nil {
						after(it)
					}
				}
			}
			return
		}
		v := new(T)
		if json.Unmarshal(data, v) != nil {
			return
		}
		fixedPoint(t, v, new(T))
		if after != nil {
			after(v)
		}
	}
}

func fixedPoint[T any](t *testing.T, v, fresh *T) {
	t.Helper()
	first, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T decoded but does not encode: %v", v, err)
	}
	if err := json.Unmarshal(first, fresh); err != nil {
		t.Fatalf("%T does not decode its own encoding %s: %v", v, first, err)
	}
	second, err := json.Marshal(fresh)
	if err != nil {
		t.Fatalf("%T: second encoding: %v", v, err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("%T is not stable across a round trip:\n%s\n%s", v, first, second)
	}
}

type anyObject = map[string]any

// decoders covers every resource type the first services return (users,
// organizations with memberships and invitations, application
// invitations, sessions and tokens, allowlist and blocklist identifiers)
// and the types with hand-written duration conversions of later ones.
var decoders = []decoder{
	{"users.User", roundTrip(func(u *users.User) {
		clerk.DecodeMetadata[anyObject](u.PublicMetadata)
		clerk.DecodeMetadata[anyObject](u.PrivateMetadata)
		clerk.DecodeMetadata[anyObject](u.UnsafeMetadata)
	})},
	{"organizations.Organization", roundTrip(func(o *organizations.Organization) {
		clerk.DecodeMetadata[anyObject](o.PublicMetadata)
		clerk.DecodeMetadata[anyObject](o.PrivateMetadata)
	})},
	{"organizations.Membership", roundTrip(func(m *organizations.Membership) {
		clerk.DecodeMetadata[anyObject](m.PublicMetadata)
		clerk.DecodeMetadata[anyObject](m.PrivateMetadata)
	})},
	{"organizations.Invitation", roundTrip(func(inv *organizations.Invitation) {
		clerk.DecodeMetadata[anyObject](inv.PublicMetadata)
		clerk.DecodeMetadata[anyObject](inv.PrivateMetadata)
	})},
	{"invitations.Invitation", roundTrip(func(inv *invitations.Invitation) {
		invitations.PublicMetadata[anyObject](inv)
	})},
	{"sessions.Session", roundTrip[sessions.Session](nil)},
	{"sessions.Token", roundTrip[sessions.Token](nil)},
	{"bans.AllowlistIdentifier", roundTrip[bans.AllowlistIdentifier](nil)},
	{"bans.BlocklistIdentifier", roundTrip[bans.BlocklistIdentifier](nil)},
	{"core.DeletedObject", roundTrip[core.DeletedObject](nil)},
	// Types with durations in seconds on the wire (and a wire-shape
	// MarshalJSON). Types that marshal instants as RFC 3339 are left out:
	// the spec's int64 instants reach years time.Time cannot write.
	{"machines.Machine", roundTrip[machines.Machine](nil)},
	{"instance.JWTTemplate", roundTrip[instance.JWTTemplate](nil)},
}

// FuzzDecodeResources feeds arbitrary JSON to the decoder of every
// resource type, alone and inside a list page (envelope or bare array),
// chosen by the selector byte: the low bits pick the type, the high bit
// the page. Decoding must never panic, a decoded value must survive an
// encode/decode round trip unchanged, and the typed metadata helpers must
// not panic on whatever was decoded. One target for all types keeps the
// CI fuzzing budget (60 s per target) small; seeds are in
// testdata/fuzz/FuzzDecodeResources.
func FuzzDecodeResources(f *testing.F) {
	f.Add(byte(0), []byte(`{"id":"user_1","object":"user","public_metadata":{"a":1}}`))
	f.Add(byte(0x80|5), []byte(`{"data":[{"id":"sess_1","object":"session"},null],"total_count":2}`))
	f.Fuzz(func(t *testing.T, sel byte, data []byte) {
		d := decoders[int(sel&0x7f)%len(decoders)]
		d.run(t, data, sel&0x80 != 0)
	})
}
