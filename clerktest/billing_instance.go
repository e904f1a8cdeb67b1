package clerktest

import (
	"net/http"
	"slices"
	"time"
)

// billingState holds the instance's plans, prices, subscription items,
// discounts and statements (the instance-wide Billing operations).
type billingState struct {
	plans      []*fakePlan
	prices     []*fakePrice
	items      []*fakeItem
	statements []*fakeStatement
}

type fakePlan struct {
	id, name, slug, payerType string
	amount                    int64 // monthly, in cents
	isDefault, trial          bool
	trialDays                 int64
}

type fakePrice struct {
	id, planID, currency, periods, description string
	amount, annualMonthly                      int64
	isDefault                                  bool
	createdAt                                  int64
}

type fakeItem struct {
	id, payerID, planID, priceID, status string
	freeTrial                            bool
	periodStart, periodEnd               int64
	canceledAt, endedAt                  *int64
	discounts                            []*fakeRedemption
	createdAt, updatedAt                 int64
}

type fakeRedemption struct {
	id, discountID, status string
	redeemedAt             int64
}

type fakeStatement struct {
	id, payerID, itemID string
	timestamp           int64
	amount              int64
	paymentID           string
}

// billing returns the billing state, seeded on first use with a free
// default plan and a paid plan for users ("free_user", "pro") and one for
// organizations ("team"), each paid plan with a default price.
func (s *Server) billing() *billingState {
	if s.st.bill != nil {
		return s.st.bill
	}
	b := &billingState{}
	now := s.nowMillis()
	for _, p := range []*fakePlan{
		{id: newID("cplan"), name: "Free", slug: "free_user", payerType: "user", isDefault: true},
		{id: newID("cplan"), name: "Pro", slug: "pro", payerType: "user", amount: 2000, trial: true, trialDays: 14},
		{id: newID("cplan"), name: "Team", slug: "team", payerType: "org", amount: 9900},
	} {
		b.plans = append(b.plans, p)
		if p.amount > 0 {
			b.prices = append(b.prices, &fakePrice{id: newID("cprice"), planID: p.id, currency: "USD", periods: "month",
				amount: p.amount, annualMonthly: p.amount * 10 / 12, isDefault: true, createdAt: now})
		}
	}
	s.st.bill = b
	return b
}

func billingRoutes() map[string]op {
	return map[string]op{
		"GET /v1/billing/plans":                                                                listBillingPlans,
		"GET /v1/billing/prices":                                                               listBillingPrices,
		"POST /v1/billing/prices":                                                              createBillingPrice,
		"GET /v1/billing/subscription_items":                                                   listSubscriptionItems,
		"DELETE /v1/billing/subscription_items/{subscription_item_id}":                         cancelSubscriptionItem,
		"POST /v1/billing/subscription_items/{subscription_item_id}/extend_free_trial":         extendFreeTrial,
		"POST /v1/billing/subscription_items/{subscription_item_id}/price_transition":          priceTransition,
		"POST /v1/billing/subscription_items/{subscription_item_id}/discounts":                 applyDiscount,
		"DELETE /v1/billing/subscription_items/{subscription_item_id}/discounts/{discount_id}": removeDiscount,
		"GET /v1/billing/statements":                                                           listStatements,
		"GET /v1/billing/statements/{statementID}":                                             getStatement,
		"GET /v1/billing/statements/{statementID}/payment_attempts":                            listPaymentAttempts,
	}
}

// AddSubscriptionItem subscribes a payer (a user or organization ID) to
// the plan with the given slug ("pro", "team", or one the fake seeded),
// optionally in a free trial, and records a paid statement for a paid plan
// outside a trial. It returns the subscription item's ID; a failure fails
// the test (or, for a server made by Start, returns "").
func (s *Server) AddSubscriptionItem(payerID, planSlug string, freeTrial bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.billing()
	i := slices.IndexFunc(b.plans, func(p *fakePlan) bool { return p.slug == planSlug })
	if i < 0 || payerID == "" {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Errorf("clerktest: AddSubscriptionItem: unknown plan %q or empty payer", planSlug)
		}
		return ""
	}
	p := b.plans[i]
	now := s.nowMillis()
	it := &fakeItem{id: newID("csubi"), payerID: payerID, planID: p.id, status: "active", freeTrial: freeTrial,
		periodStart: now, periodEnd: now + int64(30*24*time.Hour/time.Millisecond), createdAt: now, updatedAt: now}
	if freeTrial {
		it.status = "free_trial"
		it.periodEnd = now + p.trialDays*int64(24*time.Hour/time.Millisecond)
	}
	if pr := b.defaultPrice(p.id); pr != nil {
		it.priceID = pr.id
	}
	b.items = append(b.items, it)
	if p.amount > 0 && !freeTrial {
		b.statements = append(b.statements, &fakeStatement{id: newID("stmt"), payerID: payerID, itemID: it.id,
			timestamp: now, amount: p.amount, paymentID: newID("cpay")})
	}
	return it.id
}

func (b *billingState) defaultPrice(planID string) *fakePrice {
	for _, pr := range b.prices {
		if pr.planID == planID && pr.isDefault {
			return pr
		}
	}
	return nil
}

func (b *billingState) plan(id string) *fakePlan {
	for _, p := range b.plans {
		if p.id == id {
			return p
		}
	}
	return nil
}

func (p *fakePlan) json() map[string]any {
	return map[string]any{
		"object": "commerce_plan", "id": p.id, "name": p.name, "fee": money(p.amount, "USD"),
		"annual_monthly_fee": money(p.amount*10/12, "USD"), "annual_fee": money(p.amount*10, "USD"),
		"description": nil, "product_id": "", "is_default": p.isDefault, "is_recurring": p.amount > 0,
		"publicly_visible": true, "has_base_fee": p.amount > 0, "for_payer_type": p.payerType, "slug": p.slug,
		"avatar_url": nil, "features": []any{}, "free_trial_enabled": p.trial, "free_trial_days": nullableInt(p.trialDays),
	}
}

func nullableInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func (s *Server) priceJSON(pr *fakePrice) map[string]any {
	return map[string]any{
		"object": "commerce_price", "id": pr.id, "plan_id": pr.planID, "instance_id": s.st.instanceID,
		"currency": pr.currency, "currency_symbol": "$", "amount": pr.amount, "annual_monthly_amount": pr.annualMonthly,
		"fee": money(pr.amount, "USD"), "annual_monthly_fee": money(pr.annualMonthly, "USD"), "description": pr.description,
		"is_default": pr.isDefault, "created_at": pr.createdAt, "supported_billing_periods": pr.periods,
	}
}

func (s *Server) itemJSON(it *fakeItem) map[string]any {
	b := s.billing()
	out := map[string]any{
		"object": "commerce_subscription_item", "id": it.id, "instance_id": s.st.instanceID, "status": it.status,
		"plan_id": it.planID, "price_id": it.priceID, "plan_period": "month", "payer_id": s.payerID(it.payerID),
		"is_free_trial": it.freeTrial, "period_start": it.periodStart, "period_end": it.periodEnd,
		"canceled_at": it.canceledAt, "past_due_at": nil, "ended_at": it.endedAt,
		"created_at": it.createdAt, "updated_at": it.updatedAt,
	}
	if p := b.plan(it.planID); p != nil {
		out["plan"] = p.json()
	}
	return out
}

// pageOf answers a billing list as the spec's {data, total_count}
// envelope, whether or not paginated=true is sent: the spec declares no
// bare-array form for these lists, and the JavaScript SDK sends no
// paginated parameter but decodes the envelope.
func pageOf[T any](r *http.Request, items []T, render func(T) any) (any, *apiError) {
	p, e := parsePage(r.URL.Query())
	if e != nil {
		return nil, e
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		out = append(out, render(it))
	}
	return envelopeOf(out, p), nil
}

func listBillingPlans(s *Server, r *http.Request) (any, *apiError) {
	payer := r.URL.Query().Get("payer_type")
	var kept []*fakePlan
	for _, p := range s.billing().plans {
		if payer == "" || p.payerType == payer {
			kept = append(kept, p)
		}
	}
	return pageOf(r, kept, func(p *fakePlan) any { return p.json() })
}

func listBillingPrices(s *Server, r *http.Request) (any, *apiError) {
	planID := r.URL.Query().Get("plan_id")
	var kept []*fakePrice
	for _, pr := range s.billing().prices {
		if planID == "" || pr.planID == planID {
			kept = append(kept, pr)
		}
	}
	return pageOf(r, kept, func(pr *fakePrice) any { return s.priceJSON(pr) })
}

type createPriceBody struct {
	PlanID                  *string `json:"plan_id"`
	Currency                *string `json:"currency"`
	Amount                  *int64  `json:"amount"`
	AnnualMonthlyAmount     *int64  `json:"annual_monthly_amount"`
	Description             *string `json:"description"`
	SupportedBillingPeriods *string `json:"supported_billing_periods"`
}

func createBillingPrice(s *Server, r *http.Request) (any, *apiError) {
	var body createPriceBody
	if e := decodeBody(r, &body); e != nil {
		return nil, e
	}
	b := s.billing()
	switch {
	case deref(body.PlanID) == "":
		return nil, errMissing("plan_id")
	case b.plan(*body.PlanID) == nil:
		return nil, errValue("plan_id", "unknown plan "+*body.PlanID)
	case body.Amount == nil:
		return nil, errMissing("amount")
	case *body.Amount != 0 && *body.Amount < 100:
		return nil, errValue("amount", "must be 0 or at least 100")
	}
	pr := &fakePrice{id: newID("cprice"), planID: *body.PlanID, currency: "USD", periods: "month", amount: *body.Amount,
		description: deref(body.Description), createdAt: s.nowMillis()}
	if body.Currency != nil {
		pr.currency = *body.Currency
	}
	if body.AnnualMonthlyAmount != nil {
		pr.annualMonthly = *body.AnnualMonthlyAmount
	}
	if body.SupportedBillingPeriods != nil {
		pr.periods = *body.SupportedBillingPeriods
	}
	b.prices = append(b.prices, pr)
	return s.priceJSON(pr), nil
}

func listSubscriptionItems(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	b := s.billing()
	status, planID, payerType := q.Get("status"), q.Get("plan_id"), q.Get("payer_type")
	includeFree := q.Get("include_free") == "true"
	var kept []*fakeItem
	for _, it := range b.items {
		p := b.plan(it.planID)
		switch {
		case status != "" && it.status != status:
		case planID != "" && it.planID != planID:
		case payerType != "" && (p == nil || p.payerType != payerType):
		case !includeFree && p != nil && p.amount == 0:
		default:
			kept = append(kept, it)
		}
	}
	return pageOf(r, kept, func(it *fakeItem) any { return s.itemJSON(it) })
}

func (s *Server) item(r *http.Request) (*fakeItem, *apiError) {
	id := r.PathValue("subscription_item_id")
	for _, it := range s.billing().items {
		if it.id == id {
			return it, nil
		}
	}
	return nil, errNotFound("subscription item", id)
}

func cancelSubscriptionItem(s *Server, r *http.Request) (any, *apiError) {
	it, e := s.item(r)
	if e != nil {
		return nil, e
	}
	if it.endedAt != nil || it.canceledAt != nil {
		return nil, newError(http.StatusConflict, "subscription_item_already_canceled", "already canceled",
			"The subscription item is already canceled.")
	}
	now := s.nowMillis()
	it.canceledAt = i64p(now)
	it.status = "canceled"
	if r.URL.Query().Get("end_now") == "true" {
		it.endedAt = i64p(now)
		it.status = "ended"
	}
	it.updatedAt = now
	return s.itemJSON(it), nil
}

type extendTrialBody struct {
	ExtendTo *string `json:"extend_to"`
}

func extendFreeTrial(s *Server, r *http.Request) (any, *apiError) {
	it, e := s.item(r)
	if e != nil {
		return nil, e
	}
	var body extendTrialBody
	if e := decodeBody(r, &body); e != nil {
		return nil, e
	}
	if deref(body.ExtendTo) == "" {
		return nil, errMissing("extend_to")
	}
	to, err := time.Parse(time.RFC3339, *body.ExtendTo)
	if err != nil {
		return nil, errFormat("extend_to", "must be an RFC 3339 timestamp")
	}
	now := s.now()
	switch {
	case !it.freeTrial:
		return nil, newError(http.StatusBadRequest, "subscription_item_not_in_free_trial", "not in a free trial",
			"Only a subscription item in a free trial can be extended.")
	case !to.After(now) || to.After(now.Add(365*24*time.Hour)):
		return nil, errValue("extend_to", "must be in the future and at most 365 days away")
	case to.UnixMilli() <= it.periodEnd:
		return nil, errValue("extend_to", "must be after the current end of the trial")
	}
	it.periodEnd = to.UnixMilli()
	it.updatedAt = now.UnixMilli()
	return s.itemJSON(it), nil
}

type transitionBody struct {
	FromPriceID *string `json:"from_price_id"`
	ToPriceID   *string `json:"to_price_id"`
}

// priceTransition moves an item to another price (and that price's plan)
// at once; the fake charges nothing.
func priceTransition(s *Server, r *http.Request) (any, *apiError) {
	it, e := s.item(r)
	if e != nil {
		return nil, e
	}
	var body transitionBody
	if e := decodeBody(r, &body); e != nil {
		return nil, e
	}
	b := s.billing()
	from, to := deref(body.FromPriceID), deref(body.ToPriceID)
	switch {
	case from == "":
		return nil, errMissing("from_price_id")
	case to == "":
		return nil, errMissing("to_price_id")
	case from != it.priceID:
		return nil, newError(http.StatusConflict, "price_mismatch", "price mismatch",
			"from_price_id is not the subscription item's current price.")
	}
	i := slices.IndexFunc(b.prices, func(p *fakePrice) bool { return p.id == to })
	if i < 0 {
		return nil, errValue("to_price_id", "unknown price "+to)
	}
	var prevPrice *fakePrice
	if j := slices.IndexFunc(b.prices, func(p *fakePrice) bool { return p.id == from }); j >= 0 {
		prevPrice = b.prices[j]
	}
	prevPlan := b.plan(it.planID)
	now := s.nowMillis()
	it.priceID, it.planID, it.updatedAt = to, b.prices[i].planID, now
	transition := map[string]any{
		"effective_at": now, "effective_mode": "immediate", "next_billing_date": it.periodEnd,
		"charged_immediately": false, "immediate_charge": nil,
		"previous_subscription_item_status": "ended", "previous_subscription_item_id": it.id,
	}
	if prevPlan != nil {
		transition["previous_plan"] = prevPlan.json()
	}
	if prevPrice != nil {
		transition["previous_price"] = s.priceJSON(prevPrice)
	}
	return map[string]any{"object": "commerce_price_transition", "subscription_item": s.itemJSON(it), "transition": transition}, nil
}

type discountBody struct {
	DiscountID *string `json:"discount_id"`
}

func (s *Server) redemptionJSON(it *fakeItem, d *fakeRedemption) map[string]any {
	return map[string]any{
		"object": "commerce_discount_redemption", "id": d.id, "subscription_item_id": it.id, "discount_id": d.discountID,
		"source": "manual", "effect": "percentage", "percent_off": 10, "cycles_remaining": nil, "cycles_applied": 0,
		"status": d.status, "redeemed_at": d.redeemedAt, "redeemed_by": nil,
	}
}

// applyDiscount applies any discount ID as a 10% manual discount: the
// fake has no discount catalogue.
func applyDiscount(s *Server, r *http.Request) (any, *apiError) {
	it, e := s.item(r)
	if e != nil {
		return nil, e
	}
	var body discountBody
	if e := decodeBody(r, &body); e != nil {
		return nil, e
	}
	if deref(body.DiscountID) == "" {
		return nil, errMissing("discount_id")
	}
	for _, d := range it.discounts {
		if d.discountID == *body.DiscountID && d.status == "active" {
			return nil, newError(http.StatusConflict, "discount_already_applied", "discount already applied",
				"The discount is already applied to the subscription item.")
		}
	}
	d := &fakeRedemption{id: newID("cdr"), discountID: *body.DiscountID, status: "active", redeemedAt: s.nowMillis()}
	it.discounts = append(it.discounts, d)
	return s.redemptionJSON(it, d), nil
}

func removeDiscount(s *Server, r *http.Request) (any, *apiError) {
	it, e := s.item(r)
	if e != nil {
		return nil, e
	}
	id := r.PathValue("discount_id")
	for _, d := range it.discounts {
		if (d.discountID == id || d.id == id) && d.status == "active" {
			d.status = "removed"
			return s.redemptionJSON(it, d), nil
		}
	}
	return nil, errNotFound("discount", id)
}

// payerID is the commerce payer ID (cpayer_…) of a user or organization:
// the payer_id of its subscription, subscription items and payments.
func (s *Server) payerID(owner string) string { return s.st.payerOf(owner, s.nowMillis()).id }

func (s *Server) payerJSON(payerID string) map[string]any {
	out := map[string]any{"object": "commerce_payer", "id": s.payerID(payerID), "instance_id": s.st.instanceID}
	if u := s.st.users[payerID]; u != nil {
		out["user_id"] = payerID
	} else if o := s.st.orgs[payerID]; o != nil {
		out["organization_id"], out["organization_name"] = payerID, o.name
	}
	return out
}

func (s *Server) attemptJSON(st *fakeStatement) map[string]any {
	return map[string]any{
		"object": "commerce_payment", "id": st.paymentID, "payment_id": st.paymentID, "instance_id": s.st.instanceID,
		"charge_type": "recurring", "payee_id": "cpayee_" + s.st.instanceID, "payee": map[string]any{},
		"payer_id": s.payerID(st.payerID), "payer": s.payerJSON(st.payerID), "subscription_item_id": st.itemID,
		"amount": money(st.amount, "USD"), "payment_method_id": "cpm_test",
		"payment_method": map[string]any{"object": "commerce_payment_method", "id": "cpm_test", "payer_id": s.payerID(st.payerID),
			"payment_type": "card", "gateway": "stripe", "gateway_external_id": "pm_test", "gateway_external_account_id": "acct_test",
			"last4": "4242", "status": "active", "card_type": "visa"},
		"statement_id": st.id, "gateway_external_id": nil, "gateway_external_url": nil, "status": "paid",
		"paid_at": st.timestamp, "failed_at": nil, "created_at": st.timestamp, "updated_at": st.timestamp,
	}
}

func (s *Server) statementJSON(st *fakeStatement) map[string]any {
	return map[string]any{
		"object": "commerce_statement", "id": st.id, "instance_id": s.st.instanceID, "timestamp": st.timestamp,
		"payer": s.payerJSON(st.payerID), "status": "closed",
		"totals": map[string]any{"grand_total": money(st.amount, "USD"), "subtotal": money(st.amount, "USD"), "base_fee": money(st.amount, "USD"), "tax_total": money(0, "USD")},
		"groups": []any{map[string]any{"object": "commerce_statement_group", "timestamp": st.timestamp, "items": []any{s.attemptJSON(st)}}},
	}
}

func listStatements(s *Server, r *http.Request) (any, *apiError) {
	return pageOf(r, s.billing().statements, func(st *fakeStatement) any { return s.statementJSON(st) })
}

func (s *Server) statement(r *http.Request) (*fakeStatement, *apiError) {
	id := r.PathValue("statementID")
	for _, st := range s.billing().statements {
		if st.id == id {
			return st, nil
		}
	}
	return nil, errNotFound("statement", id)
}

func getStatement(s *Server, r *http.Request) (any, *apiError) {
	st, e := s.statement(r)
	if e != nil {
		return nil, e
	}
	return s.statementJSON(st), nil
}

func listPaymentAttempts(s *Server, r *http.Request) (any, *apiError) {
	st, e := s.statement(r)
	if e != nil {
		return nil, e
	}
	return pageOf(r, []*fakeStatement{st}, func(x *fakeStatement) any { return s.attemptJSON(x) })
}
