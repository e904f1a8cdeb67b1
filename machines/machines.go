package machines

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// MachineService manages machines (client.Machines). It is safe for
// concurrent use.
type MachineService struct {
	b *transport.Backend
}

// NewMachineService returns a MachineService on b; clerk.NewClient builds
// it.
func NewMachineService(b *transport.Backend) *MachineService { return &MachineService{b: b} }

// MachineAPI is every operation of MachineService, for fakes (embed
// UnimplementedMachines).
type MachineAPI interface {
	List(ctx context.Context, params *ListMachinesParams, opts ...core.RequestOption) (*pagination.Page[Machine], error)
	All(ctx context.Context, params *ListMachinesParams, opts ...core.RequestOption) iter.Seq2[*Machine, error]
	Get(ctx context.Context, machineID string, opts ...core.RequestOption) (*Machine, error)
	Create(ctx context.Context, params *CreateMachineParams, opts ...core.RequestOption) (*Machine, error)
	Update(ctx context.Context, machineID string, params *UpdateMachineParams, opts ...core.RequestOption) (*Machine, error)
	Delete(ctx context.Context, machineID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	GetSecretKey(ctx context.Context, machineID string, opts ...core.RequestOption) (*SecretKey, error)
	RotateSecretKey(ctx context.Context, machineID string, params *RotateSecretKeyParams, opts ...core.RequestOption) (*SecretKey, error)
	CreateScope(ctx context.Context, machineID string, params *CreateScopeParams, opts ...core.RequestOption) (*Scope, error)
	DeleteScope(ctx context.Context, machineID, otherMachineID string, opts ...core.RequestOption) (*Scope, error)
}

var _ MachineAPI = (*MachineService)(nil)

// ListMachinesParams filters and orders the machines.
type ListMachinesParams struct {
	// Query matches the name or ID partially.
	Query string `query:"query"`
	// OrderBy is "name" or "created_at" with a +/- prefix.
	OrderBy string `query:"order_by"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// CreateMachineParams describes a new machine.
type CreateMachineParams struct {
	Name string `json:"name"`
	// ScopedMachines are the IDs of the machines it may call.
	ScopedMachines []string `json:"scoped_machines,omitempty"`
	// DefaultTokenTTL is the lifetime of its M2M tokens (whole seconds,
	// rounded up; zero keeps the API's default). Sent as
	// default_token_ttl.
	DefaultTokenTTL time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (the TTL in seconds).
func (p CreateMachineParams) MarshalJSON() ([]byte, error) {
	type plain CreateMachineParams
	return json.Marshal(struct {
		plain
		DefaultTokenTTL *int64 `json:"default_token_ttl,omitempty"`
	}{plain(p), seconds(p.DefaultTokenTTL)})
}

// UpdateMachineParams changes a machine; zero fields are left as they are.
type UpdateMachineParams struct {
	Name *string `json:"name,omitempty"`
	// DefaultTokenTTL is the new lifetime of its M2M tokens (whole
	// seconds, rounded up). Sent as default_token_ttl.
	DefaultTokenTTL time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (the TTL in seconds).
func (p UpdateMachineParams) MarshalJSON() ([]byte, error) {
	type plain UpdateMachineParams
	return json.Marshal(struct {
		plain
		DefaultTokenTTL *int64 `json:"default_token_ttl,omitempty"`
	}{plain(p), seconds(p.DefaultTokenTTL)})
}

// RotateSecretKeyParams says how long tokens made with the old key stay
// valid.
type RotateSecretKeyParams struct {
	// PreviousTokenTTL keeps the old key's tokens working this long
	// (whole seconds, rounded up; zero ends them at once). Sent as
	// previous_token_ttl.
	PreviousTokenTTL time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (the TTL in seconds, required).
func (p RotateSecretKeyParams) MarshalJSON() ([]byte, error) {
	ttl := int64(0)
	if s := seconds(p.PreviousTokenTTL); s != nil {
		ttl = *s
	}
	return json.Marshal(struct {
		PreviousTokenTTL int64 `json:"previous_token_ttl"`
	}{ttl})
}

// CreateScopeParams lets a machine call another.
type CreateScopeParams struct {
	ToMachineID string `json:"to_machine_id"`
}

const machinePath = "/machines/{machine_id}"

// List returns one page of machines with the total count.
//
// API: GET /machines (ListMachines)
func (s *MachineService) List(ctx context.Context, params *ListMachinesParams, opts ...core.RequestOption) (*pagination.Page[Machine], error) {
	return transport.List[Machine](ctx, s.b, "/machines", params, opts...)
}

// All walks every machine, lazily, page by page.
//
// API: GET /machines (ListMachines)
func (s *MachineService) All(ctx context.Context, params *ListMachinesParams, opts ...core.RequestOption) iter.Seq2[*Machine, error] {
	return transport.All[Machine](ctx, s.b, "/machines", transport.Envelope, params, opts)
}

// Get returns one machine by its ID.
//
// API: GET /machines/{machine_id} (GetMachine)
func (s *MachineService) Get(ctx context.Context, machineID string, opts ...core.RequestOption) (*Machine, error) {
	return callOn[Machine](ctx, s.b, http.MethodGet, machinePath, nil, transport.ReplayByMethod, opts, machineID)
}

// Create makes a machine; the answer carries its secret key. It is not
// replayed after it may have reached the API.
//
// API: POST /machines (CreateMachine)
func (s *MachineService) Create(ctx context.Context, params *CreateMachineParams, opts ...core.RequestOption) (*Machine, error) {
	if params == nil || params.Name == "" {
		return nil, transport.Invalid("params.Name", "is required")
	}
	return transport.Call[Machine](ctx, s.b, http.MethodPost, "/machines", params, transport.NotReplaySafe, opts)
}

// Update changes a machine's name or default token lifetime.
//
// API: PATCH /machines/{machine_id} (UpdateMachine)
func (s *MachineService) Update(ctx context.Context, machineID string, params *UpdateMachineParams, opts ...core.RequestOption) (*Machine, error) {
	if params == nil {
		params = &UpdateMachineParams{}
	}
	return callOn[Machine](ctx, s.b, http.MethodPatch, machinePath, params, transport.ReplayByMethod, opts, machineID)
}

// Delete removes a machine; its tokens stop working.
//
// API: DELETE /machines/{machine_id} (DeleteMachine)
func (s *MachineService) Delete(ctx context.Context, machineID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return callOn[core.DeletedObject](ctx, s.b, http.MethodDelete, machinePath, nil, transport.ReplayByMethod, opts, machineID)
}

// GetSecretKey returns a machine's secret key.
//
// API: GET /machines/{machine_id}/secret_key (GetMachineSecretKey)
func (s *MachineService) GetSecretKey(ctx context.Context, machineID string, opts ...core.RequestOption) (*SecretKey, error) {
	return callOn[SecretKey](ctx, s.b, http.MethodGet, machinePath+"/secret_key", nil, transport.ReplayByMethod, opts, machineID)
}

// RotateSecretKey replaces a machine's secret key and returns the new one.
// It is not replayed after it may have reached the API (a replay would
// rotate again).
//
// API: POST /machines/{machine_id}/secret_key/rotate (RotateMachineSecretKey)
func (s *MachineService) RotateSecretKey(ctx context.Context, machineID string, params *RotateSecretKeyParams, opts ...core.RequestOption) (*SecretKey, error) {
	if params == nil {
		params = &RotateSecretKeyParams{}
	}
	return callOn[SecretKey](ctx, s.b, http.MethodPost, machinePath+"/secret_key/rotate", params, transport.NotReplaySafe, opts, machineID)
}

// CreateScope lets the machine call another machine. It is not replayed
// after it may have reached the API.
//
// API: POST /machines/{machine_id}/scopes (CreateMachineScope)
func (s *MachineService) CreateScope(ctx context.Context, machineID string, params *CreateScopeParams, opts ...core.RequestOption) (*Scope, error) {
	if params == nil || params.ToMachineID == "" {
		return nil, transport.Invalid("params.ToMachineID", "is required")
	}
	return callOn[Scope](ctx, s.b, http.MethodPost, machinePath+"/scopes", params, transport.NotReplaySafe, opts, machineID)
}

// DeleteScope stops the machine from calling another machine.
//
// API: DELETE /machines/{machine_id}/scopes/{other_machine_id} (DeleteMachineScope)
func (s *MachineService) DeleteScope(ctx context.Context, machineID, otherMachineID string, opts ...core.RequestOption) (*Scope, error) {
	return callOn[Scope](ctx, s.b, http.MethodDelete, machinePath+"/scopes/{other_machine_id}", nil, transport.ReplayByMethod, opts, machineID, otherMachineID)
}

// callOn fills template with ids and sends one request.
func callOn[T any](ctx context.Context, b *transport.Backend, method, template string, body any, replay transport.Replay, opts []core.RequestOption, ids ...string) (*T, error) {
	path, err := transport.Path(template, ids...)
	if err != nil {
		return nil, err
	}
	return transport.Call[T](ctx, b, method, path, body, replay, opts)
}
