package webhooks

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// Claim is the answer of Store.Claim.
type Claim int

// The outcomes of a claim on a message id.
const (
	// Claimed: the caller processes the message, then calls Release.
	Claimed Claim = iota
	// AlreadyProcessed: the message was processed before; answer success.
	AlreadyProcessed
	// InFlight: another request is processing the message right now.
	InFlight
)

// Store remembers which message ids (svix-id) were processed, so a
// redelivered message is processed once. Implementations must be safe for
// concurrent use; one shared by several processes (a database table with a
// unique key, Redis SET NX) de-duplicates across a fleet.
type Store interface {
	// Claim marks id as being processed unless it is already processed or
	// in flight.
	Claim(ctx context.Context, id string) (Claim, error)
	// Release ends a claim: processed remembers id as done; otherwise the
	// claim is dropped, so a later delivery processes the message again.
	Release(ctx context.Context, id string, processed bool) error
}

// Defaults of the in-memory store.
const (
	// DefaultMemoryStoreSize bounds the ids a MemoryStore remembers.
	DefaultMemoryStoreSize = 100_000
	// DefaultRetention is how long a MemoryStore remembers a processed
	// id: a little longer than Clerk's retry schedule (about 27 hours).
	DefaultRetention = 28 * time.Hour
)

// MemoryStore is the in-process Store: processed ids are remembered for
// DefaultRetention, at most size of them (the oldest are forgotten first).
// It de-duplicates within one process only.
type MemoryStore struct {
	mu        sync.Mutex
	size      int
	retention time.Duration
	now       func() time.Time
	inFlight  map[string]struct{}
	done      map[string]*list.Element
	order     *list.List // of doneEntry, oldest first
}

type doneEntry struct {
	id string
	at time.Time
}

// NewMemoryStore returns a MemoryStore remembering at most size processed
// ids (DefaultMemoryStoreSize when size <= 0).
func NewMemoryStore(size int) *MemoryStore {
	if size <= 0 {
		size = DefaultMemoryStoreSize
	}
	return &MemoryStore{
		size:      size,
		retention: DefaultRetention,
		now:       time.Now,
		inFlight:  map[string]struct{}{},
		done:      map[string]*list.Element{},
		order:     list.New(),
	}
}

// SetRetention changes how long processed ids are remembered (d > 0) and
// the clock used (nil keeps it). Call it before use.
func (m *MemoryStore) SetRetention(d time.Duration, now func() time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d > 0 {
		m.retention = d
	}
	if now != nil {
		m.now = now
	}
}

// Claim implements Store.
func (m *MemoryStore) Claim(_ context.Context, id string) (Claim, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	if _, ok := m.done[id]; ok {
		return AlreadyProcessed, nil
	}
	if _, ok := m.inFlight[id]; ok {
		return InFlight, nil
	}
	m.inFlight[id] = struct{}{}
	return Claimed, nil
}

// Release implements Store.
func (m *MemoryStore) Release(_ context.Context, id string, processed bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.inFlight, id)
	if !processed {
		return nil
	}
	if _, ok := m.done[id]; ok {
		return nil
	}
	m.done[id] = m.order.PushBack(doneEntry{id: id, at: m.now()})
	for m.order.Len() > m.size {
		m.drop(m.order.Front())
	}
	return nil
}

// Len returns how many processed ids are remembered.
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	return m.order.Len()
}

func (m *MemoryStore) expire() {
	cutoff := m.now().Add(-m.retention)
	for e := m.order.Front(); e != nil && !e.Value.(doneEntry).at.After(cutoff); e = m.order.Front() {
		m.drop(e)
	}
}

func (m *MemoryStore) drop(e *list.Element) {
	delete(m.done, e.Value.(doneEntry).id)
	m.order.Remove(e)
}
