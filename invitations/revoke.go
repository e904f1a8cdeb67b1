package invitations

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Revoke revokes a pending invitation: its link stops working (the address
// can still sign up through the normal flow). It sends no body and is
// replay-safe. The API refuses to revoke an invitation twice, so when a
// replayed attempt is refused, Revoke looks the invitation up and reports
// success if it is revoked.
//
// API: POST /invitations/{invitation_id}/revoke (RevokeInvitation)
func (s *Service) Revoke(ctx context.Context, invitationID string, opts ...core.RequestOption) (*Invitation, error) {
	path, err := transport.Path("/invitations/{invitation_id}/revoke", invitationID)
	if err != nil {
		return nil, err
	}
	inv := new(Invitation)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.ReplaySafe, Options: opts}, inv)
	if err == nil {
		return inv, nil
	}
	if transport.ReplayedRefusal(err) {
		if got := s.findRevoked(ctx, invitationID, opts); got != nil {
			return got, nil
		}
	}
	return nil, err
}

// findRevoked looks for the revoked invitation with this ID (the list's
// query filter matches IDs); nil when it is not found or not revoked.
func (s *Service) findRevoked(ctx context.Context, id string, opts []core.RequestOption) *Invitation {
	page, err := s.List(ctx, &ListParams{Query: id, Status: StatusRevoked}, opts...)
	if err != nil {
		return nil
	}
	for _, inv := range page.Data {
		if inv != nil && inv.ID == id && inv.Status == StatusRevoked {
			return inv
		}
	}
	return nil
}
