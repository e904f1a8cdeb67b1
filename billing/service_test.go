package billing_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/clerktest"
)

func TestInstanceBillingFlow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	srv := clerktest.NewServer(t, clerktest.WithClock(func() time.Time { return now }))
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	plans, err := c.Billing.ListPlans(ctx, &billing.ListPlansParams{PayerType: "user"})
	if err != nil || !plans.HasTotal || plans.TotalCount != 2 {
		t.Fatalf("ListPlans = %+v, %v", plans, err)
	}
	var pro *billing.Plan
	for p, err := range c.Billing.AllPlans(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Slug == "pro" {
			pro = p
		}
	}
	if pro == nil || pro.Fee == nil || pro.Fee.Amount != 2000 {
		t.Fatalf("pro plan = %+v", pro)
	}
	prices, err := c.Billing.ListPrices(ctx, &billing.ListPricesParams{PlanID: pro.ID})
	if err != nil || len(prices.Data) != 1 {
		t.Fatalf("ListPrices = %+v, %v", prices, err)
	}
	old := prices.Data[0]
	annual := int64(1500)
	cheaper, err := c.Billing.CreatePrice(ctx, &billing.CreatePriceParams{PlanID: pro.ID, Amount: 1800, AnnualMonthlyAmount: &annual, Description: "loyalty"})
	if err != nil || cheaper.Amount != 1800 || cheaper.AnnualMonthlyAmount != 1500 || cheaper.CreatedAt.IsZero() {
		t.Fatalf("CreatePrice = %+v, %v", cheaper, err)
	}

	itemID := srv.AddSubscriptionItem("user_1", "pro", false)
	tr, err := c.Billing.CreatePriceTransition(ctx, itemID, &billing.PriceTransitionParams{FromPriceID: old.ID, ToPriceID: cheaper.ID})
	if err != nil {
		t.Fatal(err)
	}
	if tr.SubscriptionItem == nil || tr.SubscriptionItem.PriceID != cheaper.ID || tr.Transition == nil || tr.Transition.PreviousPrice.ID != old.ID {
		t.Errorf("transition = %+v", tr)
	}
	if _, err := c.Billing.CreatePriceTransition(ctx, itemID, &billing.PriceTransitionParams{FromPriceID: old.ID, ToPriceID: cheaper.ID}); !errors.Is(err, clerk.ErrConflict) {
		t.Errorf("stale from_price_id: %v, want 409", err)
	}
	red, err := c.Billing.ApplyDiscount(ctx, itemID, &billing.ApplyDiscountParams{DiscountID: "disc_1"})
	if err != nil || red.Status != "active" || red.RedeemedAt.IsZero() {
		t.Fatalf("ApplyDiscount = %+v, %v", red, err)
	}
	if red, err = c.Billing.RemoveDiscount(ctx, itemID, "disc_1"); err != nil || red.Status != "removed" {
		t.Errorf("RemoveDiscount = %+v, %v", red, err)
	}

	trial := srv.AddSubscriptionItem("user_2", "pro", true)
	to := now.Add(30 * 24 * time.Hour)
	item, err := c.Billing.ExtendFreeTrial(ctx, trial, &billing.ExtendFreeTrialParams{ExtendTo: to})
	if err != nil || !item.IsFreeTrial {
		t.Fatalf("ExtendFreeTrial = %+v, %v", item, err)
	}
	items, err := c.Billing.ListSubscriptionItems(ctx, &billing.ListSubscriptionItemsParams{Status: "free_trial"})
	if err != nil || items.TotalCount != 1 {
		t.Errorf("ListSubscriptionItems(free_trial) = %+v, %v", items, err)
	}
	canceled, err := c.Billing.CancelSubscriptionItem(ctx, itemID, &billing.CancelSubscriptionItemParams{EndNow: true})
	if err != nil || canceled.Status != "ended" {
		t.Errorf("Cancel = %+v, %v", canceled, err)
	}

	n := 0
	for st, err := range c.Billing.AllStatements(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		full, err := c.Billing.GetStatement(ctx, st.ID)
		if err != nil || full.Totals == nil || full.Totals.GrandTotal.Amount != 2000 || full.Timestamp.IsZero() {
			t.Errorf("GetStatement = %+v, %v", full, err)
		}
		attempts, err := c.Billing.ListPaymentAttempts(ctx, st.ID, nil)
		if err != nil || len(attempts.Data) != 1 || attempts.Data[0].Status != "paid" || attempts.Data[0].PaidAt == nil {
			t.Errorf("ListPaymentAttempts = %+v, %v", attempts, err)
		}
	}
	if n != 1 {
		t.Errorf("statements: %d, want 1 (the paid item outside a trial)", n)
	}
}

func TestBillingBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := clerk.NewClient("sk_test_x", clerk.WithBaseURL("http://127.0.0.1:1/v1"))
	if err != nil {
		t.Fatal(err)
	}
	for i, call := range []func() error{
		func() error { _, err := c.Billing.CreatePrice(ctx, &billing.CreatePriceParams{}); return err },
		func() error {
			_, err := c.Billing.CreatePrice(ctx, &billing.CreatePriceParams{PlanID: "p", Amount: -1})
			return err
		},
		func() error {
			_, err := c.Billing.ExtendFreeTrial(ctx, "csubi_1", &billing.ExtendFreeTrialParams{})
			return err
		},
		func() error { _, err := c.Billing.RemoveDiscount(ctx, "csubi_1", ""); return err },
		func() error { _, err := c.Billing.GetStatement(ctx, ""); return err },
	} {
		if err := call(); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("call %d: %v, want ErrInvalidInput", i, err)
		}
	}
}

// Listing the instance's plans and their prices.
func ExampleService_ListPlans() {
	ctx := context.Background()
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))

	plans, err := c.Billing.ListPlans(ctx, &billing.ListPlansParams{PayerType: "org"})
	if err != nil {
		panic(err)
	}
	for _, p := range plans.Data {
		fmt.Println(p.Slug, p.Fee.Amount, p.Fee.Currency)
	}
	// Output: team 9900 USD
}
