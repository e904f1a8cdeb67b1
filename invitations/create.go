package invitations

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/transport"
)

// CreateParams describe one invitation.
type CreateParams struct {
	// EmailAddress receives the invitation. Required.
	EmailAddress string
	// PublicMetadata becomes the user's public metadata on sign-up: any
	// value that marshals to a JSON object (map, struct, json.RawMessage).
	PublicMetadata any
	// RedirectURL is where the invitation link leads; needed only for a
	// custom sign-up flow.
	RedirectURL *string
	// Notify sends the invitation email (API default: true).
	Notify *bool
	// IgnoreExisting creates the invitation even when one already exists
	// for the address (API default: false).
	IgnoreExisting *bool
	// ExpiresInDays is the validity, 1..365 (API default: 30).
	ExpiresInDays *int
	// TemplateSlug picks the email template: TemplateInvitation or
	// TemplateWaitlistInvitation.
	TemplateSlug *string
}

// createBody is the wire form of CreateParams.
type createBody struct {
	EmailAddress   string          `json:"email_address"`
	PublicMetadata json.RawMessage `json:"public_metadata,omitempty"`
	RedirectURL    *string         `json:"redirect_url,omitempty"`
	Notify         *bool           `json:"notify,omitempty"`
	IgnoreExisting *bool           `json:"ignore_existing,omitempty"`
	ExpiresInDays  *int            `json:"expires_in_days,omitempty"`
	TemplateSlug   *string         `json:"template_slug,omitempty"`
}

// body validates p and builds its wire form; field prefixes the names in
// errors ("params[3].email_address" for bulk input).
func (p *CreateParams) body(field string) (*createBody, error) {
	if p == nil {
		name := strings.TrimSuffix(field, ".")
		if name == "" {
			name = "params"
		}
		return nil, transport.Invalid(name, "must not be nil")
	}
	if strings.TrimSpace(p.EmailAddress) == "" {
		return nil, transport.Invalid(field+"email_address", "must not be empty")
	}
	meta, err := transport.ObjectJSON(field+"public_metadata", p.PublicMetadata)
	if err != nil {
		return nil, err
	}
	return &createBody{
		EmailAddress:   p.EmailAddress,
		PublicMetadata: meta,
		RedirectURL:    p.RedirectURL,
		Notify:         p.Notify,
		IgnoreExisting: p.IgnoreExisting,
		ExpiresInDays:  p.ExpiresInDays,
		TemplateSlug:   p.TemplateSlug,
	}, nil
}

// Create invites one email address and, unless Notify is false, sends the
// invitation email. It is not replayed after it may have reached the API
// (a replay could invite twice); such a failure matches
// clerk.ErrOutcomeUnknown.
//
// API: POST /invitations (CreateInvitation)
func (s *Service) Create(ctx context.Context, params *CreateParams) (*Invitation, error) {
	body, err := params.body("")
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	req := &transport.Request{Method: http.MethodPost, Path: "/invitations", Body: body, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// BulkLimit is the most invitations one POST /invitations/bulk accepts;
// CreateMany splits larger inputs into calls of this size.
const BulkLimit = 10

// CreateMany creates one invitation per params, in calls of BulkLimit,
// sequentially, and returns the invitations in input order (matched by
// email address within each call). Every input is
// checked before the first call, so bad input sends nothing.
//
// When a call fails, CreateMany stops and returns the invitations created
// so far together with a *BulkError that says which inputs were created,
// which were in the failed call, and which were never sent; it unwraps to
// the API's error. The calls are not replayed after they may have reached
// the API.
//
// API: POST /invitations/bulk (CreateBulkInvitations)
func (s *Service) CreateMany(ctx context.Context, params []*CreateParams) ([]*Invitation, error) {
	if len(params) == 0 {
		return nil, transport.Invalid("params", "must hold at least one invitation")
	}
	bodies := make([]*createBody, len(params))
	for i, p := range params {
		b, err := p.body(fmt.Sprintf("params[%d].", i))
		if err != nil {
			return nil, err
		}
		bodies[i] = b
	}
	out, stop := bulk.Run(ctx, bodies, BulkLimit, func(ctx context.Context, chunk []*createBody) ([]*Invitation, error) {
		var got []*Invitation
		req := &transport.Request{Method: http.MethodPost, Path: "/invitations/bulk", Body: chunk, Replay: transport.NotReplaySafe}
		if err := s.b.Do(ctx, req, &got); err != nil {
			return nil, err
		}
		return inInputOrder(chunk, got), nil
	})
	if stop != nil {
		return out, &BulkError{Created: stop.Processed(), Failed: stop.Failed(), NotSent: stop.NotSent(), Err: stop.Err}
	}
	return out, nil
}

// inInputOrder lines the invitations of one call up with the inputs, by
// email address, so results match inputs even if the API answered in
// another order. When they cannot be matched one to one (the API
// normalised an address, or left one out), the API's order is kept.
func inInputOrder(in []*createBody, got []*Invitation) []*Invitation {
	if len(in) != len(got) {
		return got
	}
	byEmail := make(map[string][]*Invitation, len(got))
	for _, inv := range got {
		if inv == nil {
			return got
		}
		k := strings.ToLower(inv.EmailAddress)
		byEmail[k] = append(byEmail[k], inv)
	}
	out := make([]*Invitation, len(in))
	for i, b := range in {
		k := strings.ToLower(b.EmailAddress)
		q := byEmail[k]
		if len(q) == 0 {
			return got
		}
		out[i], byEmail[k] = q[0], q[1:]
	}
	return out
}

// BulkError reports a CreateMany that stopped part way. Inputs are named by
// their index in the params slice.
type BulkError struct {
	// Created holds the inputs whose invitations were returned.
	Created []int
	// Failed holds the inputs of the call that failed. The API refused
	// that call as a whole, unless Err matches clerk.ErrOutcomeUnknown:
	// then it may have been processed.
	Failed []int
	// NotSent holds the inputs after the failed call, never sent.
	NotSent []int
	// Err is the failed call's error (usually a *clerk.APIError).
	Err error
}

// Unprocessed returns the inputs that were not created: Failed, then
// NotSent. Retrying CreateMany with just these inputs resumes the job.
func (e *BulkError) Unprocessed() []int {
	return append(append([]int(nil), e.Failed...), e.NotSent...)
}

// Error says how far the job got and why it stopped.
func (e *BulkError) Error() string {
	return fmt.Sprintf("clerk: bulk invitations: %d created, %d failed, %d not sent: %v",
		len(e.Created), len(e.Failed), len(e.NotSent), e.Err)
}

// Unwrap returns the failed call's error, so errors.Is and errors.As see
// the *clerk.APIError and its sentinels.
func (e *BulkError) Unwrap() error { return e.Err }
