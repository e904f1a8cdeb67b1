package organizations

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/bulk"
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

// CreateManyInvitationsLimit is the API's limit of invitations per bulk
// call; CreateManyInvitations splits longer lists into calls of this size.
const CreateManyInvitationsLimit = 10

// CreateInvitationParams describe one invitation. EmailAddress and Role are
// required; the zero value of every other field leaves it out.
type CreateInvitationParams struct {
	EmailAddress string `json:"email_address"`
	// Role is the role key the invitee gets, e.g. "org:member".
	Role string `json:"role"`
	// InviterUserID is the admin member who sends the invitation.
	InviterUserID string `json:"inviter_user_id,omitempty"`
	// PublicMetadata and PrivateMetadata take any value that marshals to
	// a JSON object (a *core.MetadataPatch too); they move to the
	// membership on acceptance.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
	// RedirectURL is where the invitee lands after following the link.
	RedirectURL string `json:"redirect_url,omitempty"`
	// ExpiresInDays is 1..365; 0 leaves the API's default of 30.
	ExpiresInDays int `json:"expires_in_days,omitempty"`
	// Notify set to false skips the invitation email; nil leaves the
	// API's default, true.
	Notify *bool `json:"notify,omitempty"`
}

type createInvitationBody struct {
	*CreateInvitationParams
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
}

// body validates p and builds its JSON body; field names carry prefix so a
// bulk call's input error names the faulty entry.
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
func (s *Service) CreateInvitation(ctx context.Context, organizationID string, params *CreateInvitationParams, opts ...core.RequestOption) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations", organizationID)
	if err != nil {
		return nil, err
	}
	body, err := params.body("")
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// CreateManyInvitations creates one invitation per params, in calls of
// CreateManyInvitationsLimit sent one after another, and returns the
// created invitations in input order. Every input is checked before the
// first call, so malformed input fails with a *core.InvalidInputError and
// sends nothing.
//
// Every chunk is attempted even when one fails (core.WithStopOnError stops
// at the first failure). A chunk the API refuses as a whole (400, 404,
// 422: one bad email address refuses its whole call) is split to isolate
// the bad inputs, so every valid invitation is created and each bad one is
// reported with its own error. The calls are never replayed after they may
// have reached the API, and nothing that may have been created is sent
// again.
//
// When an input is not created, the error is a *core.BulkError with one
// BulkItem per input (Key: its email address) saying processed, failed
// (with the API's error) or not sent; it unwraps to the API's errors.
//
// API: POST /organizations/{organization_id}/invitations/bulk (CreateOrganizationInvitationBulk)
func (s *Service) CreateManyInvitations(ctx context.Context, organizationID string, params []*CreateInvitationParams, opts ...core.RequestOption) ([]*Invitation, error) {
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
	return bulk.Process(ctx, bodies, bulk.Job[*createInvitationBody, *Invitation]{
		Op:          "Organizations.CreateManyInvitations",
		Size:        CreateManyInvitationsLimit,
		Key:         func(b *createInvitationBody) string { return b.EmailAddress },
		StopOnError: core.ApplyRequestOptions(opts).StopOnError,
		Call: func(ctx context.Context, chunk []*createInvitationBody) ([]*Invitation, error) {
			page := new(pagination.Page[Invitation])
			req := &transport.Request{Method: http.MethodPost, Path: path, Body: chunk, Replay: transport.NotReplaySafe, Options: opts}
			if err := s.b.Do(ctx, req, page); err != nil {
				return nil, err
			}
			return page.Data, nil
		},
	})
}

// ListInvitationsParams filter and order the invitations of one
// organization. Every field is optional; its zero value leaves the filter
// out.
type ListInvitationsParams struct {
	// Status keeps invitations with this status (InvitationStatusPending,
	// ...). The spec types it as one value, so one is sent.
	Status string `query:"status"`
	// EmailAddress keeps invitations sent to this address.
	EmailAddress string `query:"email_address"`
	// OrderBy is "created_at" or "email_address" with an optional +/-
	// prefix; default "-created_at".
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size and Offset as its starting point.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListInvitations returns one page of an organization's invitations with
// the total count. Invitations created through a verified domain are not
// listed. params may be nil. For the pending ones only, set Status to
// InvitationStatusPending (the pending-only endpoint is deprecated).
//
// API: GET /organizations/{organization_id}/invitations (ListOrganizationInvitations)
func (s *Service) ListInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations", organizationID)
	if err != nil {
		return nil, err
	}
	return transport.List[Invitation](ctx, s.b, path, params, opts...)
}

// AllInvitations walks every invitation of an organization, lazily;
// breaking out of the loop stops the walk without another request. params
// may be nil.
//
// API: GET /organizations/{organization_id}/invitations (ListOrganizationInvitations)
func (s *Service) AllInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error] {
	path, err := transport.Path("/organizations/{organization_id}/invitations", organizationID)
	if err != nil {
		return transport.Fail[Invitation](err)
	}
	return transport.All[Invitation](ctx, s.b, path, transport.Envelope, params, opts)
}

// ListInstanceInvitationsParams filter and order the invitations of every
// organization of the instance. Every field is optional; its zero value
// leaves the filter out.
type ListInstanceInvitationsParams struct {
	// Status keeps invitations with this status (one value, as the spec
	// types it).
	Status string `query:"status"`
	// Query matches the invited email address.
	Query string `query:"query"`
	// OrderBy is "created_at" or "email_address" with an optional +/-
	// prefix; default "-created_at".
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All pages by itself and
	// uses Limit as its page size and Offset as its starting point.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListInstanceInvitations returns one page of the invitations of every
// organization in the instance, with the total count; each carries
// PublicOrganizationData. params may be nil.
//
// API: GET /organization_invitations (ListInstanceOrganizationInvitations)
func (s *Service) ListInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error) {
	return transport.List[Invitation](ctx, s.b, "/organization_invitations", params, opts...)
}

// AllInstanceInvitations walks the invitations of every organization in
// the instance, lazily; breaking out of the loop stops the walk without
// another request. params may be nil.
//
// API: GET /organization_invitations (ListInstanceOrganizationInvitations)
func (s *Service) AllInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error] {
	return transport.All[Invitation](ctx, s.b, "/organization_invitations", transport.Envelope, params, opts)
}

// GetInvitation returns one invitation of an organization.
//
// API: GET /organizations/{organization_id}/invitations/{invitation_id} (GetOrganizationInvitation)
func (s *Service) GetInvitation(ctx context.Context, organizationID, invitationID string, opts ...core.RequestOption) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations/{invitation_id}", organizationID, invitationID)
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, inv); err != nil {
		return nil, err
	}
	return inv, nil
}

// RevokeInvitationParams are the optional fields of a revoke.
type RevokeInvitationParams struct {
	// RequestingUserID is the admin member credited with the revoke; empty
	// leaves it out.
	RequestingUserID string `json:"requesting_user_id,omitempty"`
}

// RevokeInvitation revokes a pending invitation so its link no longer
// works. A revoke lands on the same state when repeated, so it is replayed
// on transient failures; when a replayed attempt is refused, it looks the
// invitation up and reports success if it is revoked. params may be nil
// (no body is sent).
//
// API: POST /organizations/{organization_id}/invitations/{invitation_id}/revoke (RevokeOrganizationInvitation)
func (s *Service) RevokeInvitation(ctx context.Context, organizationID, invitationID string, params *RevokeInvitationParams, opts ...core.RequestOption) (*Invitation, error) {
	path, err := transport.Path("/organizations/{organization_id}/invitations/{invitation_id}/revoke", organizationID, invitationID)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.ReplaySafe, Options: opts}
	if params != nil && params.RequestingUserID != "" {
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
		if got, gerr := s.GetInvitation(ctx, organizationID, invitationID, opts...); gerr == nil && got.Status == InvitationStatusRevoked {
			return got, nil
		}
	}
	return nil, err
}
