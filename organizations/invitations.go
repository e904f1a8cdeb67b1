package organizations

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Invitation statuses, for Invitation.Status and the Status filters.
const (
	InvitationStatusPending  = "pending"
	InvitationStatusAccepted = "accepted"
	InvitationStatusRevoked  = "revoked"
	InvitationStatusExpired  = "expired"
)

// MaxBulkInvitations is the API's limit of invitations per bulk call;
// CreateInvitations splits longer lists into calls of this size.
const MaxBulkInvitations = 10

// CreateInvitationParams describe one invitation. EmailAddress and Role are
// required.
type CreateInvitationParams struct {
	EmailAddress string `json:"email_address"`
	// Role is the role key the invitee gets, e.g. "org:member".
	Role string `json:"role"`
	// InviterUserID is the admin member who sends the invitation.
	InviterUserID *string `json:"inviter_user_id,omitempty"`
	// PublicMetadata and PrivateMetadata take any value that marshals to
	// a JSON object; they move to the membership on acceptance.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
	// RedirectURL is where the invitee lands after following the link.
	RedirectURL *string `json:"redirect_url,omitempty"`
	// ExpiresInDays is 1..365; the API's default is 30.
	ExpiresInDays *int `json:"expires_in_days,omitempty"`
	// Notify set to false skips the invitation email; default true.
	Notify *bool `json:"notify,omitempty"`
}

type createInvitationBody struct {
	*CreateInvitationParams
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
}

// body validates p and builds its JSON body; field names carry prefix so a
// bulk error names the faulty entry.
func (p *CreateInvitationParams) body(prefix string) (*createInvitationBody, error) {
	if p == nil {
		return nil, transport.Invalid(prefix+"params", "must not be nil: email_address and role are required")
	}
	if err := transport.ValidateID(prefix+"email_address", p.EmailAddress); err != nil {
		return nil, err
	}
	if err := transport.ValidateID(prefix+"role", p.Role); err != nil {
		return nil, err
	}
	b := &createInvitationBody{CreateInvitationParams: p}
	var err error
	if b.PublicMetadata, err = transport.ObjectJSON(prefix+"public_metadata", p.PublicMetadata); err != nil {
		return nil, err
	}
	if b.PrivateMetadata, err = transport.ObjectJSON(prefix+"private_metadata", p.PrivateMetadata); err != nil {
		return nil, err
	}
	return b, nil
}

// CreateInvitation creates an organization invitation and, unless Notify
// is false, emails it. It is never replayed once it may have reached the
// server; such failures match clerk.ErrOutcomeUnknown.
//
// API: POST /organizations/{organization_id}/invitations (CreateOrganizationInvitation)
func (s *Service) CreateInvitation(ctx context.Context, organizationID string, params *CreateInvitationParams) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations", organizationID)
	if err != nil {
		return nil, err
	}
	body, err := params.body("")
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// CreateInvitations creates one invitation per params, in calls of
// MaxBulkInvitations, sequentially, and returns the invitations in input
// order. Every input is checked before the first call, so bad input sends
// nothing.
//
// When a call fails, CreateInvitations stops and returns the invitations
// created so far together with a *BulkError that says which inputs were
// created, which were in the failed call, and which were never sent; it
// unwraps to the API's error. The calls are not replayed after they may
// have reached the API.
//
// API: POST /organizations/{organization_id}/invitations/bulk (CreateOrganizationInvitationBulk)
func (s *Service) CreateInvitations(ctx context.Context, organizationID string, params []*CreateInvitationParams) ([]*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations/bulk", organizationID)
	if err != nil {
		return nil, err
	}
	if len(params) == 0 {
		return nil, transport.Invalid("params", "must hold at least one invitation")
	}
	bodies := make([]*createInvitationBody, len(params))
	for i, p := range params {
		if bodies[i], err = p.body(fmt.Sprintf("params[%d].", i)); err != nil {
			return nil, err
		}
	}
	out, stop := bulk.Run(ctx, bodies, MaxBulkInvitations, func(ctx context.Context, chunk []*createInvitationBody) ([]*Invitation, error) {
		page := new(pagination.Page[Invitation])
		req := &transport.Request{Method: http.MethodPost, Path: path, Body: chunk, Replay: transport.NotReplaySafe}
		if err := s.b.Do(ctx, req, page); err != nil {
			return nil, err
		}
		return page.Data, nil
	})
	if stop != nil {
		return out, &BulkError{Created: stop.Processed(), Failed: stop.Failed(), NotSent: stop.NotSent(), Err: stop.Err}
	}
	return out, nil
}

// BulkError reports a CreateInvitations that stopped part way. Inputs are
// named by their index in the params slice.
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
// NotSent. Retrying CreateInvitations with just these inputs resumes the
// job.
func (e *BulkError) Unprocessed() []int {
	return append(append([]int(nil), e.Failed...), e.NotSent...)
}

// Error names the input ranges, so a log line alone tells what to resend.
func (e *BulkError) Error() string {
	return fmt.Sprintf("clerk: bulk organization invitations: inputs %s created, %s failed, %s not sent: %v",
		span(e.Created), span(e.Failed), span(e.NotSent), e.Err)
}

// Unwrap returns the failed call's error, so errors.Is and errors.As see
// the *clerk.APIError and its sentinels.
func (e *BulkError) Unwrap() error { return e.Err }

// span names a run of consecutive indexes for an error message: "none",
// "3" or "10-19".
func span(ix []int) string {
	switch len(ix) {
	case 0:
		return "none"
	case 1:
		return strconv.Itoa(ix[0])
	}
	return strconv.Itoa(ix[0]) + "-" + strconv.Itoa(ix[len(ix)-1])
}

// ListInvitationsParams filter and order the invitations of one
// organization.
type ListInvitationsParams struct {
	// Status keeps invitations with this status (InvitationStatusPending,
	// ...). The spec types it as one value, so one is sent.
	Status *string `query:"status"`
	// EmailAddress keeps invitations sent to this address.
	EmailAddress *string `query:"email_address"`
	// OrderBy is "created_at" or "email_address" with an optional +/-
	// prefix; default "-created_at".
	OrderBy *string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size.
	Limit  *int `query:"limit"`
	Offset *int `query:"offset"`
}

// ListInvitations returns one page of an organization's invitations with
// the total count. Invitations created through a verified domain are not
// listed. params may be nil. For the pending ones only, set Status to
// InvitationStatusPending (the pending-only endpoint is deprecated).
//
// API: GET /organizations/{organization_id}/invitations (ListOrganizationInvitations)
func (s *Service) ListInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) (*pagination.Page[Invitation], error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations", organizationID)
	if err != nil {
		return nil, err
	}
	return transport.List[Invitation](ctx, s.b, path, params)
}

// AllInvitations walks every invitation of an organization, lazily;
// breaking out of the loop stops the walk without another request. params
// may be nil.
//
// API: GET /organizations/{organization_id}/invitations (ListOrganizationInvitations)
func (s *Service) AllInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) iter.Seq2[*Invitation, error] {
	p := ListInvitationsParams{}
	if params != nil {
		p = *params
	}
	return transport.Walk(ctx, p.Limit, p.Offset, func(ctx context.Context, c paging.Cursor) (*pagination.Page[Invitation], error) {
		page := p
		page.Limit, page.Offset = &c.Limit, &c.Offset
		return s.ListInvitations(ctx, organizationID, &page)
	})
}

// ListInstanceInvitationsParams filter and order the invitations of every
// organization of the instance.
type ListInstanceInvitationsParams struct {
	// Status keeps invitations with this status (one value, as the spec
	// types it).
	Status *string `query:"status"`
	// Query matches the invited email address.
	Query *string `query:"query"`
	// OrderBy is "created_at" or "email_address" with an optional +/-
	// prefix; default "-created_at".
	OrderBy *string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size.
	Limit  *int `query:"limit"`
	Offset *int `query:"offset"`
}

// ListInstanceInvitations returns one page of the invitations of every
// organization in the instance, with the total count; each carries
// PublicOrganizationData. params may be nil.
//
// API: GET /organization_invitations (ListInstanceOrganizationInvitations)
func (s *Service) ListInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) (*pagination.Page[Invitation], error) {
	return transport.List[Invitation](ctx, s.b, "/organization_invitations", params)
}

// AllInstanceInvitations walks the invitations of every organization in
// the instance, lazily; breaking out of the loop stops the walk without
// another request. params may be nil.
//
// API: GET /organization_invitations (ListInstanceOrganizationInvitations)
func (s *Service) AllInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) iter.Seq2[*Invitation, error] {
	p := ListInstanceInvitationsParams{}
	if params != nil {
		p = *params
	}
	return transport.Walk(ctx, p.Limit, p.Offset, func(ctx context.Context, c paging.Cursor) (*pagination.Page[Invitation], error) {
		page := p
		page.Limit, page.Offset = &c.Limit, &c.Offset
		return s.ListInstanceInvitations(ctx, &page)
	})
}

// GetInvitation returns one invitation of an organization.
//
// API: GET /organizations/{organization_id}/invitations/{invitation_id} (GetOrganizationInvitation)
func (s *Service) GetInvitation(ctx context.Context, organizationID, invitationID string) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations/{invitation_id}", organizationID, invitationID)
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// RevokeInvitationParams are the optional fields of a revoke.
type RevokeInvitationParams struct {
	// RequestingUserID is the admin member credited with the revoke.
	RequestingUserID *string `json:"requesting_user_id,omitempty"`
}

// RevokeInvitation revokes a pending invitation so its link no longer
// works. A revoke lands on the same state when repeated, so it is replayed
// on transient failures; when a replayed attempt is refused, it looks the
// invitation up and reports success if it is revoked. params may be nil
// (no body is sent).
//
// API: POST /organizations/{organization_id}/invitations/{invitation_id}/revoke (RevokeOrganizationInvitation)
func (s *Service) RevokeInvitation(ctx context.Context, organizationID, invitationID string, params *RevokeInvitationParams) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations/{invitation_id}/revoke", organizationID, invitationID)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.ReplaySafe}
	if params != nil && params.RequestingUserID != nil {
		req.Body = params
	}
	inv := new(Invitation)
	err = s.b.Do(ctx, req, inv)
	if err == nil {
		return inv, nil
	}
	// The API refuses to revoke twice: a refusal of a replayed attempt may
	// mean the first attempt worked and only its answer was lost.
	if transport.ReplayedRefusal(err) {
		if got, gerr := s.GetInvitation(ctx, organizationID, invitationID); gerr == nil && got.Status == InvitationStatusRevoked {
			return got, nil
		}
	}
	return nil, err
}
