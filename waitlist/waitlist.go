// Package waitlist manages the instance's waitlist: entries, bulk
// creation, invitations and rejections. Reach it as
// client.WaitlistEntries.
package waitlist

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/pagination"
)

// Service calls the Waitlist Entries operations. It is safe for
// concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service (embed Unimplemented in a fake).
type API interface {
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Entry], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Entry, error]
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Entry, error)
	CreateMany(ctx context.Context, params []*CreateParams, opts ...core.RequestOption) ([]*Entry, error)
	Delete(ctx context.Context, entryID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	Invite(ctx context.Context, entryID string, params *InviteParams, opts ...core.RequestOption) (*Entry, error)
	Reject(ctx context.Context, entryID string, opts ...core.RequestOption) (*Entry, error)
}

var _ API = (*Service)(nil)

// Statuses of an entry.
const (
	StatusPending   = "pending"
	StatusInvited   = "invited"
	StatusCompleted = "completed"
	StatusRejected  = "rejected"
)

// CreateManyLimit is the most entries one POST /waitlist_entries/bulk
// accepts; CreateMany sends larger inputs in calls of this size.
const CreateManyLimit = 50

// Entry is one address on the waitlist.
type Entry struct {
	// Object is "waitlist_entry".
	Object       string `json:"object"`
	ID           string `json:"id"`
	EmailAddress string `json:"email_address"`
	// Status is StatusPending, StatusInvited, StatusRejected or
	// StatusCompleted.
	Status string `json:"status"`
	// IsLocked: the entry is being processed by a batch action and is
	// unavailable for other actions.
	IsLocked  bool      `json:"is_locked"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Invitation is the invitation sent to the address, if any.
	Invitation *invitations.Invitation `json:"invitation"`
}

// UnmarshalJSON decodes the wire's Unix milliseconds.
func (e *Entry) UnmarshalJSON(b []byte) error {
	type plain Entry
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(e), transport.Millis{T: &e.CreatedAt}, transport.Millis{T: &e.UpdatedAt}})
}

// ListParams filter and page the list.
type ListParams struct {
	// Query matches the email address or the entry ID.
	Query string `query:"query"`
	// Status keeps one status (StatusPending, ...).
	Status string `query:"status"`
	// OrderBy is created_at, email_address or invited_at with an optional
	// +/- prefix (API default: -created_at).
	OrderBy string `query:"order_by"`
	// Limit (1..500, API default 10) and Offset page a List call; All
	// pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

func (p *ListParams) check() error {
	if p == nil {
		return nil
	}
	switch p.Status {
	case "", StatusPending, StatusInvited, StatusCompleted, StatusRejected:
		return nil
	}
	return transport.Invalid("Status", "must be pending, invited, completed or rejected, got %q", p.Status)
}

// List returns one page of entries.
//
// API: GET /waitlist_entries (ListWaitlistEntries)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Entry], error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return transport.List[Entry](ctx, s.b, "/waitlist_entries", params, opts...)
}

// All walks every entry matching params lazily.
//
// API: GET /waitlist_entries (ListWaitlistEntries)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Entry, error] {
	if err := params.check(); err != nil {
		return transport.Fail[Entry](err)
	}
	return transport.All[Entry](ctx, s.b, "/waitlist_entries", transport.Envelope, params, opts)
}

// CreateParams add an address to the waitlist.
type CreateParams struct {
	// EmailAddress is required.
	EmailAddress string `json:"email_address"`
	// Notify sends a confirmation email; nil means the API's default
	// (true).
	Notify *bool `json:"notify,omitempty"`
}

// Create adds an address to the waitlist. Not replayed after an ambiguous
// failure.
//
// API: POST /waitlist_entries (CreateWaitlistEntry)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Entry, error) {
	if params == nil || params.EmailAddress == "" {
		return nil, transport.Invalid("EmailAddress", "must not be empty")
	}
	out := new(Entry)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/waitlist_entries", Body: params, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateMany adds many addresses, in calls of CreateManyLimit, and returns
// the created entries in input order of the calls that succeeded. Every
// input is checked before the first call. Every chunk is attempted (unless
// core.WithStopOnError); a chunk the API refuses as a whole is split to
// isolate the bad inputs. When an input is not created the error is a
// *core.BulkError with one item per input (keyed by email address). The
// calls are not replayed after an ambiguous failure.
//
// API: POST /waitlist_entries/bulk (CreateBulkWaitlistEntries)
func (s *Service) CreateMany(ctx context.Context, params []*CreateParams, opts ...core.RequestOption) ([]*Entry, error) {
	if len(params) == 0 {
		return nil, transport.Invalid("params", "must hold at least one entry")
	}
	for i, p := range params {
		if p == nil || p.EmailAddress == "" {
			return nil, transport.Invalid(fmt.Sprintf("params[%d].EmailAddress", i), "must not be empty")
		}
	}
	settings := core.ApplyRequestOptions(opts)
	return bulk.Process(ctx, params, bulk.Job[*CreateParams, *Entry]{
		Op:          "WaitlistEntries.CreateMany",
		Size:        CreateManyLimit,
		Key:         func(p *CreateParams) string { return p.EmailAddress },
		StopOnError: settings.StopOnError,
		Call: func(ctx context.Context, chunk []*CreateParams) ([]*Entry, error) {
			var got []*Entry
			err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/waitlist_entries/bulk", Body: chunk, Options: opts}, &got)
			return got, err
		},
	})
}

// Delete removes an entry.
//
// API: DELETE /waitlist_entries/{waitlist_entry_id} (DeleteWaitlistEntry)
func (s *Service) Delete(ctx context.Context, entryID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/waitlist_entries/{waitlist_entry_id}", entryID)
	if err != nil {
		return nil, err
	}
	out := new(core.DeletedObject)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// InviteParams tune an invitation from the waitlist.
type InviteParams struct {
	// IgnoreExisting invites even when the address already has an
	// invitation or belongs to a user.
	IgnoreExisting bool `json:"ignore_existing,omitempty"`
}

// Invite sends the entry's address an invitation and returns the entry
// (status invited, with the invitation). It creates an invitation, so it
// is not replayed after an ambiguous failure.
//
// API: POST /waitlist_entries/{waitlist_entry_id}/invite (InviteWaitlistEntry)
func (s *Service) Invite(ctx context.Context, entryID string, params *InviteParams, opts ...core.RequestOption) (*Entry, error) {
	path, err := transport.Path("/waitlist_entries/{waitlist_entry_id}/invite", entryID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &InviteParams{}
	}
	out := new(Entry)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Body: params, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Reject rejects the entry and returns it. Not replayed after an
// ambiguous failure (the retry table does not list it as replay-safe).
//
// API: POST /waitlist_entries/{waitlist_entry_id}/reject (RejectWaitlistEntry)
func (s *Service) Reject(ctx context.Context, entryID string, opts ...core.RequestOption) (*Entry, error) {
	path, err := transport.Path("/waitlist_entries/{waitlist_entry_id}/reject", entryID)
	if err != nil {
		return nil, err
	}
	out := new(Entry)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Unimplemented implements API with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a fake
// and override what the test needs; the fake keeps compiling when methods
// are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

func notImpl(m string) error { return &core.NotImplementedError{Method: "WaitlistEntries." + m} }

// List returns *core.NotImplementedError.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Entry], error) {
	return nil, notImpl("List")
}

// All yields *core.NotImplementedError once.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Entry, error] {
	return transport.Fail[Entry](notImpl("All"))
}

// Create returns *core.NotImplementedError.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Entry, error) {
	return nil, notImpl("Create")
}

// CreateMany returns *core.NotImplementedError.
func (Unimplemented) CreateMany(context.Context, []*CreateParams, ...core.RequestOption) ([]*Entry, error) {
	return nil, notImpl("CreateMany")
}

// Delete returns *core.NotImplementedError.
func (Unimplemented) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImpl("Delete")
}

// Invite returns *core.NotImplementedError.
func (Unimplemented) Invite(context.Context, string, *InviteParams, ...core.RequestOption) (*Entry, error) {
	return nil, notImpl("Invite")
}

// Reject returns *core.NotImplementedError.
func (Unimplemented) Reject(context.Context, string, ...core.RequestOption) (*Entry, error) {
	return nil, notImpl("Reject")
}
