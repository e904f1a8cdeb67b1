package users_test

import (
	"context"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// displayName is application code under test: it depends on users.API, the
// interface *users.Service satisfies, not on the concrete client.
func displayName(ctx context.Context, svc users.API, userID string) string {
	u, err := svc.Get(ctx, userID)
	if err != nil {
		return "unknown user"
	}
	if u.FirstName != nil {
		return *u.FirstName
	}
	return u.ID
}

// stubUsers embeds users.API so it satisfies the whole interface, and
// overrides only the method the code under test calls. Any other method
// would panic on the nil embedded value, which flags an unexpected call.
type stubUsers struct {
	users.API
	byID map[string]*users.User
}

func (f stubUsers) Get(_ context.Context, id string, _ ...clerk.RequestOption) (*users.User, error) {
	if u, ok := f.byID[id]; ok {
		return u, nil
	}
	return nil, &clerk.APIError{StatusCode: 404}
}

// Fake a service in unit tests through its interface, with no HTTP at all.
func Example_fakeService() {
	fake := stubUsers{byID: map[string]*users.User{
		"user_1": {ID: "user_1", FirstName: clerk.Ptr("Ada")},
	}}
	ctx := context.Background()
	fmt.Println(displayName(ctx, fake, "user_1"))
	fmt.Println(displayName(ctx, fake, "user_2"))
	// Output:
	// Ada
	// unknown user
}
