package invitations

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/transport"
)

// Day is the unit of CreateParams.ExpiresIn: the API counts an
// invitation's validity in whole days.
const Day = 24 * time.Hour

// MaxExpiresIn is the longest validity the API accepts (365 days).
const MaxExpiresIn = 365 * Day

// CreateParams describe one invitation.
type CreateParams struct {
	// EmailAddress receives the invitation. Required.
	EmailAddress string
	// PublicMetadata becomes the user's public metadata on sign-up: any
	// value that marshals to a JSON object (map, struct, json.RawMessage,
	// *core.MetadataPatch).
	PublicMetadata any
	// RedirectURL is where the invitation link leads; needed only for a
	// custom sign-up flow.
	RedirectURL string
	// Notify sends the invitation email; nil means the API default (true),
	// so false must be given explicitly to send nothing.
	Notify *bool
	// IgnoreExisting creates the invitation even when one already exists
	// for the address.
	IgnoreExisting bool
	// ExpiresIn is the validity, a whole number of days from 1 to 365
	// (3*invitations.Day); zero means the API default of 30 days.
	ExpiresIn time.Duration
	// TemplateSlug picks the email template: TemplateInvitation or
	// TemplateWaitlistInvitation.
	TemplateSlug string
}

// createBody is the wire form of CreateParams.
type createBody struct {
	EmailAddress   string          `json:"email_address"`
	PublicMetadata json.RawMessage `json:"public_metadata,omitempty"`
	RedirectURL    string          `json:"redirect_url,omitempty"`
	Notify         *bool           `json:"notify,omitempty"`
	IgnoreExisting bool            `json:"ignore_existing,omitempty"`
	ExpiresInDays  int             `json:"expires_in_days,omitempty"`
	TemplateSlug   string          `json:"template_slug,omitempty"`
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
	switch {
	case p.ExpiresIn < 0, p.ExpiresIn > MaxExpiresIn:
		return nil, transport.Invalid(field+"ExpiresIn", "must be between 1 and 365 days, got %v", p.ExpiresIn)
	case p.ExpiresIn%Day != 0:
		return nil, transport.Invalid(field+"ExpiresIn", "must be a whole number of days, got %v", p.ExpiresIn)
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
		ExpiresInDays:  int(p.ExpiresIn / Day),
		TemplateSlug:   p.TemplateSlug,
	}, nil
}

// Create invites one email address and, unless Notify is false, sends the
// invitation email. It is not replayed after it may have reached the API
// (a replay could invite twice); such a failure matches
// clerk.ErrOutcomeUnknown.
//
// API: POST /invitations (CreateInvitation)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Invitation, error) {
	body, err := params.body("")
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	req := &transport.Request{Method: http.MethodPost, Path: "/invitations", Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// CreateManyLimit is the most invitations one POST /invitations/bulk
// accepts; CreateMany splits larger inputs into calls of this size.
const CreateManyLimit = 10

// CreateMany creates one invitation per params, in calls of
// CreateManyLimit, sequentially, and returns the invitations created (in
// input order within each call, matched by email address). Every input is
// checked before the first call, so bad input sends nothing.
//
// Every call is attempted even when an earlier one failed (unless
// clerk.WithStopOnError is given). A call the API refuses as a whole
// (400, 404, 422: nothing of it was created) is split until the refused
// inputs are isolated, so every valid invitation is created. When any
// input was not created, CreateMany returns the invitations created with a
// *core.BulkError holding one BulkItem per input (its Key is the email
// address). The calls are not replayed after they may have reached the
// API; an input whose call failed that way is reported failed with an
// error matching clerk.ErrOutcomeUnknown.
//
// API: POST /invitations/bulk (CreateBulkInvitations)
func (s *Service) CreateMany(ctx context.Context, params []*CreateParams, opts ...core.RequestOption) ([]*Invitation, error) {
	if ctx == nil {
		return nil, transport.Invalid("ctx", "must not be nil")
	}
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
	return bulk.Process(ctx, bodies, bulk.Job[*createBody, *Invitation]{
		Op:          "Invitations.CreateMany",
		Size:        CreateManyLimit,
		Key:         func(b *createBody) string { return b.EmailAddress },
		StopOnError: core.ApplyRequestOptions(opts).StopOnError,
		Call: func(ctx context.Context, chunk []*createBody) ([]*Invitation, error) {
			var got []*Invitation
			req := &transport.Request{Method: http.MethodPost, Path: "/invitations/bulk", Body: chunk, Replay: transport.NotReplaySafe, Options: opts}
			if err := s.b.Do(ctx, req, &got); err != nil {
				return nil, err
			}
			return inInputOrder(chunk, got), nil
		},
	})
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
