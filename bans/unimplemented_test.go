package bans_test

import (
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/internal/testkit"
)

func TestUnimplementedAnswersEveryMethod(t *testing.T) {
	t.Parallel()
	n := testkit.CheckUnimplemented(t, bans.Unimplemented{}, "Bans")
	if want := reflect.TypeFor[bans.API]().NumMethod(); n != want {
		t.Errorf("Unimplemented has %d methods, API %d", n, want)
	}
}
