package billing

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented is embedded by fakes of API: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

// ListPlans is not implemented.
func (Unimplemented) ListPlans(context.Context, *ListPlansParams, ...core.RequestOption) (*pagination.Page[Plan], error) {
	return nil, transport.NotImplemented("Billing.ListPlans")
}

// AllPlans yields a not-implemented error.
func (Unimplemented) AllPlans(context.Context, *ListPlansParams, ...core.RequestOption) iter.Seq2[*Plan, error] {
	return transport.NotImplementedSeq[Plan]("Billing.AllPlans")
}

// ListPrices is not implemented.
func (Unimplemented) ListPrices(context.Context, *ListPricesParams, ...core.RequestOption) (*pagination.Page[Price], error) {
	return nil, transport.NotImplemented("Billing.ListPrices")
}

// AllPrices yields a not-implemented error.
func (Unimplemented) AllPrices(context.Context, *ListPricesParams, ...core.RequestOption) iter.Seq2[*Price, error] {
	return transport.NotImplementedSeq[Price]("Billing.AllPrices")
}

// CreatePrice is not implemented.
func (Unimplemented) CreatePrice(context.Context, *CreatePriceParams, ...core.RequestOption) (*Price, error) {
	return nil, transport.NotImplemented("Billing.CreatePrice")
}

// ListSubscriptionItems is not implemented.
func (Unimplemented) ListSubscriptionItems(context.Context, *ListSubscriptionItemsParams, ...core.RequestOption) (*pagination.Page[SubscriptionItem], error) {
	return nil, transport.NotImplemented("Billing.ListSubscriptionItems")
}

// AllSubscriptionItems yields a not-implemented error.
func (Unimplemented) AllSubscriptionItems(context.Context, *ListSubscriptionItemsParams, ...core.RequestOption) iter.Seq2[*SubscriptionItem, error] {
	return transport.NotImplementedSeq[SubscriptionItem]("Billing.AllSubscriptionItems")
}

// CancelSubscriptionItem is not implemented.
func (Unimplemented) CancelSubscriptionItem(context.Context, string, *CancelSubscriptionItemParams, ...core.RequestOption) (*SubscriptionItem, error) {
	return nil, transport.NotImplemented("Billing.CancelSubscriptionItem")
}

// ExtendFreeTrial is not implemented.
func (Unimplemented) ExtendFreeTrial(context.Context, string, *ExtendFreeTrialParams, ...core.RequestOption) (*SubscriptionItem, error) {
	return nil, transport.NotImplemented("Billing.ExtendFreeTrial")
}

// CreatePriceTransition is not implemented.
func (Unimplemented) CreatePriceTransition(context.Context, string, *PriceTransitionParams, ...core.RequestOption) (*PriceTransition, error) {
	return nil, transport.NotImplemented("Billing.CreatePriceTransition")
}

// ApplyDiscount is not implemented.
func (Unimplemented) ApplyDiscount(context.Context, string, *ApplyDiscountParams, ...core.RequestOption) (*DiscountRedemption, error) {
	return nil, transport.NotImplemented("Billing.ApplyDiscount")
}

// RemoveDiscount is not implemented.
func (Unimplemented) RemoveDiscount(context.Context, string, string, ...core.RequestOption) (*DiscountRedemption, error) {
	return nil, transport.NotImplemented("Billing.RemoveDiscount")
}

// ListStatements is not implemented.
func (Unimplemented) ListStatements(context.Context, *ListStatementsParams, ...core.RequestOption) (*pagination.Page[Statement], error) {
	return nil, transport.NotImplemented("Billing.ListStatements")
}

// AllStatements yields a not-implemented error.
func (Unimplemented) AllStatements(context.Context, *ListStatementsParams, ...core.RequestOption) iter.Seq2[*Statement, error] {
	return transport.NotImplementedSeq[Statement]("Billing.AllStatements")
}

// GetStatement is not implemented.
func (Unimplemented) GetStatement(context.Context, string, ...core.RequestOption) (*Statement, error) {
	return nil, transport.NotImplemented("Billing.GetStatement")
}

// ListPaymentAttempts is not implemented.
func (Unimplemented) ListPaymentAttempts(context.Context, string, *ListStatementsParams, ...core.RequestOption) (*pagination.Page[PaymentAttempt], error) {
	return nil, transport.NotImplemented("Billing.ListPaymentAttempts")
}

// AllPaymentAttempts yields a not-implemented error.
func (Unimplemented) AllPaymentAttempts(context.Context, string, *ListStatementsParams, ...core.RequestOption) iter.Seq2[*PaymentAttempt, error] {
	return transport.NotImplementedSeq[PaymentAttempt]("Billing.AllPaymentAttempts")
}
