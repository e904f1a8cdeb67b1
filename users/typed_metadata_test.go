package users_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

type appPublic struct {
	Plan  string   `json:"plan,omitempty"`
	Seats int      `json:"seats,omitempty"`
	Tags  []string `json:"tags,omitempty"`
	// Beta has no omitempty: it is always sent, false included.
	Beta bool `json:"beta"`
	// Coupon is a nil-able pointer without omitempty: nil sends null,
	// which deletes the stored key.
	Coupon *string `json:"coupon"`
}

type appPrivate struct {
	StripeID string `json:"stripe_id,omitempty"`
}

func userWithMetadata(pub, priv string) string {
	return `{"id":"user_1","object":"user","public_metadata":` + pub + `,"private_metadata":` + priv + `}`
}

func TestTypedMetadataRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("get decodes, ignoring unknown keys", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(userWithMetadata(`{"plan":"pro","seats":3,"other":{"x":1}}`, `{"stripe_id":"cus_1"}`)))
		m := users.NewTypedMetadata[appPublic, appPrivate](c.Users)
		pub, priv, err := m.Get(ctx, "user_1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(appPublic{Plan: "pro", Seats: 3}, pub); diff != "" {
			t.Errorf("public (-want +got):\n%s", diff)
		}
		if priv.StripeID != "cus_1" {
			t.Errorf("private = %+v", priv)
		}
		if r := f.requests()[0]; r.Method != "GET" || r.Path != "/users/user_1" {
			t.Errorf("request %s %s", r.Method, r.Path)
		}
	})

	t.Run("null and absent metadata decode to zero values", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`{"id":"user_1","object":"user","public_metadata":{},"private_metadata":null}`))
		pub, priv, err := users.NewTypedMetadata[appPublic, appPrivate](c.Users).Get(ctx, "user_1")
		if err != nil || !cmp.Equal(pub, appPublic{}) || priv != (appPrivate{}) {
			t.Errorf("Get = %+v, %+v, %v", pub, priv, err)
		}
	})

	t.Run("update merges what the struct marshals to", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(userWithMetadata(`{"plan":"team","seats":3,"beta":false}`, `{"stripe_id":"cus_1"}`)))
		m := users.NewTypedMetadata[appPublic, appPrivate](c.Users)
		pub, _, err := m.Update(ctx, "user_1", users.MetadataUpdate{Public: m.PatchPublic(appPublic{Plan: "team"})})
		if err != nil {
			t.Fatal(err)
		}
		if pub.Plan != "team" || pub.Seats != 3 {
			t.Errorf("returned public = %+v", pub)
		}
		r := f.requests()[0]
		// Plan is set; Seats and Tags are zero and omitempty, so left out;
		// Beta is always sent; Coupon is nil without omitempty: null.
		want := map[string]any{"public_metadata": map[string]any{"plan": "team", "beta": false, "coupon": nil}}
		if diff := cmp.Diff(want, r.JSON(t)); diff != "" || r.Method != "PATCH" || r.Path != "/users/user_1/metadata" {
			t.Errorf("%s %s body (-want +got):\n%s", r.Method, r.Path, diff)
		}
	})

	t.Run("update stores zero values and deletes keys", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(userWithMetadata(`{"plan":"team","seats":0,"beta":false}`, `{}`)))
		m := users.NewTypedMetadata[appPublic, appPrivate](c.Users)
		patch := m.PatchPublic(appPublic{Plan: "team"}).Set("seats", 0).Set("tags", []string{}).Delete("legacy", "coupon")
		pub, _, err := m.Update(ctx, "user_1", users.MetadataUpdate{Public: patch})
		if err != nil {
			t.Fatal(err)
		}
		if pub.Plan != "team" || pub.Seats != 0 {
			t.Errorf("returned public = %+v", pub)
		}
		want := map[string]any{"public_metadata": map[string]any{
			"plan": "team", "beta": false, "coupon": nil, "seats": 0.0, "tags": []any{}, "legacy": nil,
		}}
		if diff := cmp.Diff(want, f.requests()[0].JSON(t)); diff != "" {
			t.Errorf("body (-want +got):\n%s", diff)
		}
	})

	t.Run("replace sends both fields whole", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(userWithMetadata(`{"plan":"free","beta":true,"coupon":"X"}`, `{}`)))
		m := users.NewTypedMetadata[appPublic, appPrivate](c.Users)
		pub, priv, err := m.Replace(ctx, "user_1", users.MetadataValues[appPublic, appPrivate]{
			Public:  &appPublic{Plan: "free", Beta: true, Coupon: clerk.Ptr("X")},
			Private: &appPrivate{},
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(appPublic{Plan: "free", Beta: true, Coupon: clerk.Ptr("X")}, pub); diff != "" || priv != (appPrivate{}) {
			t.Errorf("returned (-want +got):\n%s priv=%+v", diff, priv)
		}
		r := f.requests()[0]
		want := map[string]any{
			"public_metadata":  map[string]any{"plan": "free", "beta": true, "coupon": "X"},
			"private_metadata": map[string]any{},
		}
		if diff := cmp.Diff(want, r.JSON(t)); diff != "" || r.Method != "PUT" {
			t.Errorf("%s body (-want +got):\n%s", r.Method, diff)
		}
	})

	t.Run("nil patch fields are not sent", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(userWithMetadata(`{}`, `{"stripe_id":"cus_2"}`)))
		m := users.NewTypedMetadata[appPublic, appPrivate](c.Users)
		if _, _, err := m.Update(ctx, "user_1", users.MetadataUpdate{Private: m.PatchPrivate(appPrivate{StripeID: "cus_2"})}); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"private_metadata": map[string]any{"stripe_id": "cus_2"}}
		if diff := cmp.Diff(want, f.requests()[0].JSON(t)); diff != "" {
			t.Errorf("body (-want +got):\n%s", diff)
		}
	})

	t.Run("types that are not objects fail before any request", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0)
		m := users.NewTypedMetadata[[]string, appPrivate](c.Users)
		_, _, err := m.Update(ctx, "user_1", users.MetadataUpdate{Public: m.PatchPublic([]string{"a"})})
		if !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("err = %v", err)
		}
		if n := len(f.requests()); n != 0 {
			t.Errorf("sent %d requests", n)
		}
	})

	t.Run("metadata of the wrong shape is a decode error", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(userWithMetadata(`{"seats":"many"}`, `{}`)))
		_, _, err := users.NewTypedMetadata[appPublic, appPrivate](c.Users).Get(ctx, "user_1")
		if err == nil {
			t.Error("decoding a string into an int succeeded")
		}
	})

	t.Run("zero value and nil user do not panic", func(t *testing.T) {
		t.Parallel()
		var m *users.TypedMetadata[appPublic, appPrivate]
		if _, _, err := m.Get(ctx, "user_1"); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("nil TypedMetadata: %v", err)
		}
		if _, _, err := (&users.TypedMetadata[appPublic, appPrivate]{}).Update(ctx, "user_1", users.MetadataUpdate{}); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("zero TypedMetadata: %v", err)
		}
		if _, _, err := users.NewTypedMetadata[appPublic, appPrivate](nil).Decode(nil); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("Decode(nil): %v", err)
		}
	})
}

func TestMetadataHelpers(t *testing.T) {
	t.Parallel()
	u := &users.User{
		PublicMetadata:  raw(`{"plan":"pro"}`),
		PrivateMetadata: raw(`{"stripe_id":"cus_9"}`),
		UnsafeMetadata:  raw(`{"theme":"dark"}`),
	}
	pub, err1 := clerk.DecodeMetadata[appPublic](u.PublicMetadata)
	priv, err2 := clerk.DecodeMetadata[appPrivate](u.PrivateMetadata)
	unsafe, err3 := clerk.DecodeMetadata[map[string]string](u.UnsafeMetadata)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	got := []string{pub.Plan, priv.StripeID, unsafe["theme"]}
	if diff := cmp.Diff([]string{"pro", "cus_9", "dark"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// fakeUsers shows that TypedMetadata works over a fake of the service.
type fakeUsers struct {
	users.API
	stored map[string]any
}

func (f *fakeUsers) UpdateMetadata(_ context.Context, id string, p *users.MetadataParams, _ ...clerk.RequestOption) (*users.User, error) {
	f.stored = map[string]any{"public": p.PublicMetadata}
	return &users.User{ID: id, PublicMetadata: raw(`{"plan":"fake"}`)}, nil
}

func TestTypedMetadataOverFake(t *testing.T) {
	t.Parallel()
	f := &fakeUsers{}
	m := users.NewTypedMetadata[appPublic, appPrivate](f)
	pub, _, err := m.Update(context.Background(), "user_1", users.MetadataUpdate{Public: m.PatchPublic(appPublic{Plan: "x"})})
	if err != nil || pub.Plan != "fake" {
		t.Fatalf("Update = %+v, %v", pub, err)
	}
	if p, ok := f.stored["public"].(*clerk.MetadataPatch); !ok || !strings.Contains(string(must(p.MarshalJSON())), `"plan":"x"`) {
		t.Errorf("fake saw %#v", f.stored["public"])
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
