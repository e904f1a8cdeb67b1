package billing

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Service calls the instance-wide Billing operations (client.Billing):
// plans, prices, subscription items, discounts and statements. A user's
// or organization's own subscription and credits are on client.Users and
// client.Organizations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b; clerk.NewClient builds it.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, for fakes (embed Unimplemented).
type API interface {
	ListPlans(ctx context.Context, params *ListPlansParams, opts ...core.RequestOption) (*pagination.Page[Plan], error)
	AllPlans(ctx context.Context, params *ListPlansParams, opts ...core.RequestOption) iter.Seq2[*Plan, error]
	ListPrices(ctx context.Context, params *ListPricesParams, opts ...core.RequestOption) (*pagination.Page[Price], error)
	AllPrices(ctx context.Context, params *ListPricesParams, opts ...core.RequestOption) iter.Seq2[*Price, error]
	CreatePrice(ctx context.Context, params *CreatePriceParams, opts ...core.RequestOption) (*Price, error)
	ListSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams, opts ...core.RequestOption) (*pagination.Page[SubscriptionItem], error)
	AllSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams, opts ...core.RequestOption) iter.Seq2[*SubscriptionItem, error]
	CancelSubscriptionItem(ctx context.Context, itemID string, params *CancelSubscriptionItemParams, opts ...core.RequestOption) (*SubscriptionItem, error)
	ExtendFreeTrial(ctx context.Context, itemID string, params *ExtendFreeTrialParams, opts ...core.RequestOption) (*SubscriptionItem, error)
	CreatePriceTransition(ctx context.Context, itemID string, params *PriceTransitionParams, opts ...core.RequestOption) (*PriceTransition, error)
	ApplyDiscount(ctx context.Context, itemID string, params *ApplyDiscountParams, opts ...core.RequestOption) (*DiscountRedemption, error)
	RemoveDiscount(ctx context.Context, itemID, discountID string, opts ...core.RequestOption) (*DiscountRedemption, error)
	ListStatements(ctx context.Context, params *ListStatementsParams, opts ...core.RequestOption) (*pagination.Page[Statement], error)
	AllStatements(ctx context.Context, params *ListStatementsParams, opts ...core.RequestOption) iter.Seq2[*Statement, error]
	GetStatement(ctx context.Context, statementID string, opts ...core.RequestOption) (*Statement, error)
	ListPaymentAttempts(ctx context.Context, statementID string, params *ListStatementsParams, opts ...core.RequestOption) (*pagination.Page[PaymentAttempt], error)
	AllPaymentAttempts(ctx context.Context, statementID string, params *ListStatementsParams, opts ...core.RequestOption) iter.Seq2[*PaymentAttempt, error]
}

var _ API = (*Service)(nil)

// ListPlansParams filters the plans.
type ListPlansParams struct {
	// PayerType keeps plans for "user" or "org" payers.
	PayerType string `query:"payer_type"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListPricesParams filters the prices.
type ListPricesParams struct {
	// PlanID keeps the prices of one plan.
	PlanID string `query:"plan_id"`
	Limit  int    `query:"limit"`
	Offset int    `query:"offset"`
}

// CreatePriceParams describes a new price of a plan. Amounts are in the
// currency's smallest unit (cents).
type CreatePriceParams struct {
	PlanID string `json:"plan_id"`
	// Currency is e.g. "USD" (the default).
	Currency string `json:"currency,omitempty"`
	// Amount is the monthly amount; 0 makes a complimentary price,
	// positive amounts are at least 100.
	Amount int64 `json:"amount"`
	// AnnualMonthlyAmount is the monthly amount when paid annually.
	AnnualMonthlyAmount *int64 `json:"annual_monthly_amount,omitempty"`
	Description         string `json:"description,omitempty"`
	// SupportedBillingPeriods is "month", "annual" or "both".
	SupportedBillingPeriods string `json:"supported_billing_periods,omitempty"`
}

// ListSubscriptionItemsParams filters the subscription items.
type ListSubscriptionItemsParams struct {
	// Status is "active", "ended", "past_due", "upcoming" or "free_trial".
	Status string `query:"status"`
	// PayerType is "user" or "org".
	PayerType string `query:"payer_type"`
	PlanID    string `query:"plan_id"`
	// IncludeFree keeps items of free plans too.
	IncludeFree bool `query:"include_free"`
	// Query matches the payer's name or email.
	Query  string `query:"query"`
	Limit  int    `query:"limit"`
	Offset int    `query:"offset"`
}

// CancelSubscriptionItemParams says when a cancellation takes effect.
type CancelSubscriptionItemParams struct {
	// EndNow ends the item at once instead of at the end of its period.
	EndNow bool `query:"end_now"`
}

// ExtendFreeTrialParams moves a free trial's end.
type ExtendFreeTrialParams struct {
	// ExtendTo is the new end: in the future, at most 365 days away.
	ExtendTo time.Time `json:"extend_to"`
}

// PriceTransitionParams moves a subscription item to another price.
type PriceTransitionParams struct {
	FromPriceID string `json:"from_price_id"`
	ToPriceID   string `json:"to_price_id"`
}

// ApplyDiscountParams applies a discount to a subscription item.
type ApplyDiscountParams struct {
	DiscountID string `json:"discount_id"`
}

// ListStatementsParams pages statements and payment attempts.
type ListStatementsParams struct {
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListPlans returns one page of plans with the total count.
//
// API: GET /billing/plans (GetCommercePlanList)
func (s *Service) ListPlans(ctx context.Context, params *ListPlansParams, opts ...core.RequestOption) (*pagination.Page[Plan], error) {
	return transport.ListPaginated[Plan](ctx, s.b, "/billing/plans", params, opts...)
}

// AllPlans walks every plan, lazily, page by page.
//
// API: GET /billing/plans (GetCommercePlanList)
func (s *Service) AllPlans(ctx context.Context, params *ListPlansParams, opts ...core.RequestOption) iter.Seq2[*Plan, error] {
	return transport.All[Plan](ctx, s.b, "/billing/plans", transport.Paginated, params, opts)
}

// ListPrices returns one page of prices with the total count.
//
// API: GET /billing/prices (GetBillingPriceList)
func (s *Service) ListPrices(ctx context.Context, params *ListPricesParams, opts ...core.RequestOption) (*pagination.Page[Price], error) {
	return transport.ListPaginated[Price](ctx, s.b, "/billing/prices", params, opts...)
}

// AllPrices walks every price, lazily, page by page.
//
// API: GET /billing/prices (GetBillingPriceList)
func (s *Service) AllPrices(ctx context.Context, params *ListPricesParams, opts ...core.RequestOption) iter.Seq2[*Price, error] {
	return transport.All[Price](ctx, s.b, "/billing/prices", transport.Paginated, params, opts)
}

// CreatePrice adds a price to a plan. It is not replayed after it may have
// reached the API.
//
// API: POST /billing/prices (CreateBillingPrice)
func (s *Service) CreatePrice(ctx context.Context, params *CreatePriceParams, opts ...core.RequestOption) (*Price, error) {
	if params == nil || params.PlanID == "" {
		return nil, transport.Invalid("params", "PlanID is required")
	}
	if params.Amount < 0 {
		return nil, transport.Invalid("params.Amount", "must not be negative")
	}
	return transport.Call[Price](ctx, s.b, http.MethodPost, "/billing/prices", params, transport.NotReplaySafe, opts)
}

// ListSubscriptionItems returns one page of subscription items (of every
// payer) with the total count.
//
// API: GET /billing/subscription_items (GetCommerceSubscriptionItemList)
func (s *Service) ListSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams, opts ...core.RequestOption) (*pagination.Page[SubscriptionItem], error) {
	return transport.ListPaginated[SubscriptionItem](ctx, s.b, "/billing/subscription_items", params, opts...)
}

// AllSubscriptionItems walks every subscription item, lazily.
//
// API: GET /billing/subscription_items (GetCommerceSubscriptionItemList)
func (s *Service) AllSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams, opts ...core.RequestOption) iter.Seq2[*SubscriptionItem, error] {
	return transport.All[SubscriptionItem](ctx, s.b, "/billing/subscription_items", transport.Paginated, params, opts)
}

// CancelSubscriptionItem cancels a subscription item, at the end of its
// period or (EndNow) at once.
//
// API: DELETE /billing/subscription_items/{subscription_item_id} (CancelCommerceSubscriptionItem)
func (s *Service) CancelSubscriptionItem(ctx context.Context, itemID string, params *CancelSubscriptionItemParams, opts ...core.RequestOption) (*SubscriptionItem, error) {
	path, err := transport.Path("/billing/subscription_items/{subscription_item_id}", itemID)
	if err != nil {
		return nil, err
	}
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	out := new(SubscriptionItem)
	req := &transport.Request{Method: http.MethodDelete, Path: path, Query: q, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ExtendFreeTrial moves the end of a subscription item's free trial. The
// same new end twice is the same result, so it is replayed like a PUT.
//
// API: POST /billing/subscription_items/{subscription_item_id}/extend_free_trial (ExtendBillingSubscriptionItemFreeTrial)
func (s *Service) ExtendFreeTrial(ctx context.Context, itemID string, params *ExtendFreeTrialParams, opts ...core.RequestOption) (*SubscriptionItem, error) {
	if params == nil || params.ExtendTo.IsZero() {
		return nil, transport.Invalid("params.ExtendTo", "must be set")
	}
	path, err := transport.Path("/billing/subscription_items/{subscription_item_id}/extend_free_trial", itemID)
	if err != nil {
		return nil, err
	}
	body := struct {
		ExtendTo string `json:"extend_to"`
	}{params.ExtendTo.UTC().Format(time.RFC3339)}
	return transport.Call[SubscriptionItem](ctx, s.b, http.MethodPost, path, body, transport.ReplaySafe, opts)
}

// CreatePriceTransition moves a subscription item from one price to
// another (an upgrade or downgrade, possibly charged at once). It is not
// replayed after it may have reached the API.
//
// API: POST /billing/subscription_items/{subscription_item_id}/price_transition (CreateBillingPriceTransition)
func (s *Service) CreatePriceTransition(ctx context.Context, itemID string, params *PriceTransitionParams, opts ...core.RequestOption) (*PriceTransition, error) {
	if params == nil || params.FromPriceID == "" || params.ToPriceID == "" {
		return nil, transport.Invalid("params", "FromPriceID and ToPriceID are required")
	}
	path, err := transport.Path("/billing/subscription_items/{subscription_item_id}/price_transition", itemID)
	if err != nil {
		return nil, err
	}
	return transport.Call[PriceTransition](ctx, s.b, http.MethodPost, path, params, transport.NotReplaySafe, opts)
}

// ApplyDiscount applies a discount to a subscription item. It is not
// replayed after it may have reached the API.
//
// API: POST /billing/subscription_items/{subscription_item_id}/discounts (ApplyBillingSubscriptionItemDiscount)
func (s *Service) ApplyDiscount(ctx context.Context, itemID string, params *ApplyDiscountParams, opts ...core.RequestOption) (*DiscountRedemption, error) {
	if params == nil || params.DiscountID == "" {
		return nil, transport.Invalid("params.DiscountID", "is required")
	}
	path, err := transport.Path("/billing/subscription_items/{subscription_item_id}/discounts", itemID)
	if err != nil {
		return nil, err
	}
	return transport.Call[DiscountRedemption](ctx, s.b, http.MethodPost, path, params, transport.NotReplaySafe, opts)
}

// RemoveDiscount removes a discount from a subscription item.
//
// API: DELETE /billing/subscription_items/{subscription_item_id}/discounts/{discount_id} (RemoveBillingSubscriptionItemDiscount)
func (s *Service) RemoveDiscount(ctx context.Context, itemID, discountID string, opts ...core.RequestOption) (*DiscountRedemption, error) {
	path, err := transport.Path("/billing/subscription_items/{subscription_item_id}/discounts/{discount_id}", itemID, discountID)
	if err != nil {
		return nil, err
	}
	return transport.Call[DiscountRedemption](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

// ListStatements returns one page of statements with the total count.
//
// API: GET /billing/statements (GetBillingStatementList)
func (s *Service) ListStatements(ctx context.Context, params *ListStatementsParams, opts ...core.RequestOption) (*pagination.Page[Statement], error) {
	return transport.ListPaginated[Statement](ctx, s.b, "/billing/statements", params, opts...)
}

// AllStatements walks every statement, lazily.
//
// API: GET /billing/statements (GetBillingStatementList)
func (s *Service) AllStatements(ctx context.Context, params *ListStatementsParams, opts ...core.RequestOption) iter.Seq2[*Statement, error] {
	return transport.All[Statement](ctx, s.b, "/billing/statements", transport.Paginated, params, opts)
}

// GetStatement returns one statement by its ID.
//
// API: GET /billing/statements/{statementID} (GetBillingStatement)
func (s *Service) GetStatement(ctx context.Context, statementID string, opts ...core.RequestOption) (*Statement, error) {
	path, err := transport.Path("/billing/statements/{statementID}", statementID)
	if err != nil {
		return nil, err
	}
	return transport.Call[Statement](ctx, s.b, http.MethodGet, path, nil, transport.ReplayByMethod, opts)
}

// ListPaymentAttempts returns one page of a statement's payment attempts.
//
// API: GET /billing/statements/{statementID}/payment_attempts (GetBillingStatementPaymentAttempts)
func (s *Service) ListPaymentAttempts(ctx context.Context, statementID string, params *ListStatementsParams, opts ...core.RequestOption) (*pagination.Page[PaymentAttempt], error) {
	path, err := transport.Path("/billing/statements/{statementID}/payment_attempts", statementID)
	if err != nil {
		return nil, err
	}
	return transport.ListPaginated[PaymentAttempt](ctx, s.b, path, params, opts...)
}

// AllPaymentAttempts walks every payment attempt of a statement, lazily.
//
// API: GET /billing/statements/{statementID}/payment_attempts (GetBillingStatementPaymentAttempts)
func (s *Service) AllPaymentAttempts(ctx context.Context, statementID string, params *ListStatementsParams, opts ...core.RequestOption) iter.Seq2[*PaymentAttempt, error] {
	path, err := transport.Path("/billing/statements/{statementID}/payment_attempts", statementID)
	if err != nil {
		return transport.Fail[PaymentAttempt](err)
	}
	return transport.All[PaymentAttempt](ctx, s.b, path, transport.Paginated, params, opts)
}
