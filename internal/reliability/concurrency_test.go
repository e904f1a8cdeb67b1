package reliability_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"go.uber.org/goleak"
)

// TestOneClientManyGoroutines: 1,000 goroutines share one client, each
// reading, merging metadata, banning, creating and listing, with per-call
// context options. Run under -race, it proves the client, its retry state,
// limiter gate and buffer pool are safe to share; the API's state proves
// no call was lost or crossed with another goroutine's.
func TestOneClientManyGoroutines(t *testing.T) {
	defer goleak.VerifyNone(t)
	n := 1000
	if testing.Short() {
		n = 200
	}
	api := newFakeAPI(t, mix{faultNone: 100})
	defer api.Close()
	for g := range n {
		api.addUser(fmt.Sprintf("user_c%04d", g))
	}
	c, tr := newClient(t, api.URL, clerk.WithRateLimit(1e6, 1000))
	defer tr.CloseIdleConnections()

	errs := make(chan error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // all at once
			if err := oneGoroutine(c, g); err != nil {
				errs <- fmt.Errorf("goroutine %d: %w", g, err)
			}
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d goroutines x 5 calls in %v; %d requests", n, time.Since(began).Round(time.Millisecond), api.requests.Load())

	counts, _ := api.createCounts()
	if len(counts) != n {
		t.Errorf("%d creates processed, want %d", len(counts), n)
	}
	for tok, k := range counts {
		if k != 1 {
			t.Errorf("create %s processed %d times", tok, k)
		}
	}
	for g := range n {
		u := api.user(fmt.Sprintf("user_c%04d", g))
		if got, ok := u.Public["goroutine"].(float64); !ok || int(got) != g || !u.Banned {
			t.Errorf("user of goroutine %d: metadata %v, banned %v", g, u.Public, u.Banned)
		}
	}
	if got := api.requests.Load(); got != int64(5*n) {
		t.Errorf("%d requests, want %d (no retries without faults)", got, 5*n)
	}
	tr.CloseIdleConnections()
}

func oneGoroutine(c *clerk.Client, g int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	hdr := clerk.WithHeader("X-Goroutine", fmt.Sprint(g))
	id := fmt.Sprintf("user_c%04d", g)
	u, err := c.Users.Get(ctx, id, hdr)
	if err != nil {
		return err
	}
	if u.ID != id {
		return fmt.Errorf("Get returned %s", u.ID)
	}
	u, err = c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{PublicMetadata: map[string]any{"goroutine": g}})
	if err != nil {
		return err
	}
	type pub struct {
		Goroutine int `json:"goroutine"`
	}
	p, err := clerk.DecodeMetadata[pub](u.PublicMetadata)
	if err != nil || p.Goroutine != g {
		return fmt.Errorf("merge returned %+v, %v", p, err)
	}
	if u, err = c.Bans.Ban(ctx, id); err != nil || !u.Banned {
		return fmt.Errorf("ban: %v", err)
	}
	ext := fmt.Sprintf("c-%04d", g)
	if u, err = c.Users.Create(ctx, &users.CreateParams{ExternalID: ext}, hdr, clerk.WithRetries(0)); err != nil {
		return err
	}
	if u.ExternalID == nil || *u.ExternalID != ext {
		return fmt.Errorf("create returned external id %v", u.ExternalID)
	}
	page, err := c.Users.List(ctx, &users.ListParams{Limit: 3})
	if err != nil {
		return err
	}
	if len(page.Data) != 3 {
		return fmt.Errorf("list returned %d users", len(page.Data))
	}
	return nil
}
