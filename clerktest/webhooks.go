package clerktest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Webhook delivery.
//
// The fake sends Clerk's webhooks the way Clerk does through Svix: a POST
// with a JSON event ({type, object: "event", data, timestamp in
// milliseconds, instance_id, event_attributes}) and the svix-id,
// svix-timestamp (seconds) and svix-signature headers, signed with
// WebhookSecret. Register a receiver with AddWebhookEndpoint (a URL) or
// AddWebhookHandler (an http.Handler called in-process); from then on the
// state changes listed in webhookEvents (user.created, user.updated,
// user.deleted, organization.*, organizationMembership.*,
// organizationInvitation.created/revoked, session.created/revoked) are
// delivered, and SendWebhook sends any event by hand.
//
// Design: an event is built and queued while the request that caused it
// holds the state lock (so events come in the order of the changes), and
// delivered by one goroutine per server, in order, after the request's
// lock is released: a receiver may call back into the fake. Delivery is
// asynchronous, as on Clerk: a test that changed something calls
// WaitWebhooks before looking at what its receiver did. A failed delivery
// (no answer or a non-2xx status) is recorded, not retried by itself;
// RedeliverWebhook sends a message again with the same svix-id, as Svix's
// retries do.

// WithWebhookSecret sets the signing secret ("whsec_" and base64) instead
// of a random one.
func WithWebhookSecret(secret string) Option {
	return func(c *config) { c.webhookSecret = secret }
}

// WebhookDelivery is one attempt to deliver a message to one receiver.
type WebhookDelivery struct {
	// MessageID is the svix-id; every attempt of a message has the same.
	MessageID string
	// Type is the event type.
	Type string
	// Endpoint is the receiver's URL, or "handler N" for the N-th
	// AddWebhookHandler (from 1).
	Endpoint string
	// Attempt counts the attempts of this message to this receiver (from 1).
	Attempt int
	// Status is the receiver's HTTP status; 0 when it did not answer.
	Status int
	// Err is why the receiver did not answer (connection refused, timeout).
	Err error
	// Header holds the headers sent (svix-id, svix-timestamp, svix-signature).
	Header http.Header
	// Body is the event exactly as sent (and signed).
	Body []byte
}

// OK reports whether the receiver answered 2xx.
func (d WebhookDelivery) OK() bool { return d.Status >= 200 && d.Status < 300 }

// webhookHub holds the receivers, the queue and the delivery log. It has
// its own lock: events are queued under the state lock, delivered outside
// it.
type webhookHub struct {
	once    sync.Once
	secret  string
	key     []byte
	oldKey  []byte // the previous secret's key after a rotation
	mu      sync.Mutex
	targets []webhookTarget
	queue   []*webhookMessage
	current *webhookMessage // being delivered
	sent    map[string]*webhookMessage
	log     []WebhookDelivery
	wake    chan struct{}
	started bool
	client  *http.Client
	// svixApp is the state of the Webhooks operations (POST/DELETE
	// /webhooks/svix).
	svixApp bool
}

type webhookTarget struct {
	name    string
	url     string
	handler http.Handler
}

type webhookMessage struct {
	id      string
	typ     string
	body    []byte
	targets []webhookTarget
	done    chan struct{}
	results []WebhookDelivery
}

// setSecret checks and keeps the secret of WithWebhookSecret ("" keeps
// the random default).
func (h *webhookHub) setSecret(secret string) error {
	if secret == "" {
		return nil
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || len(key) == 0 {
		return errors.New("clerktest: WithWebhookSecret: not base64 after the whsec_ prefix")
	}
	h.secret = secret
	return nil
}

// hub returns the server's webhook hub, set up on first use.
func (s *Server) hub() *webhookHub {
	h := &s.hooks
	h.once.Do(func() {
		if h.secret == "" {
			raw := make([]byte, 24)
			_, _ = rand.Read(raw)
			h.secret = "whsec_" + base64.StdEncoding.EncodeToString(raw)
		}
		h.key, _ = base64.StdEncoding.DecodeString(strings.TrimPrefix(h.secret, "whsec_"))
		h.sent = map[string]*webhookMessage{}
		h.wake = make(chan struct{}, 1)
		h.client = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	})
	return h
}

// WebhookSecret is the secret deliveries are signed with: give it to the
// receiver's verifier (webhooks.NewVerifier).
func (s *Server) WebhookSecret() string {
	h := s.hub()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.secret
}

// RotateWebhookSecret replaces the signing secret with a new random one
// and returns it. Like Clerk during the day after a rotation, the fake
// then signs every delivery with both the new and the previous secret (two
// v1 entries), so a receiver that knows either one accepts it; a further
// rotation forgets the oldest.
func (s *Server) RotateWebhookSecret() string {
	h := s.hub()
	raw := make([]byte, 24)
	_, _ = rand.Read(raw)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.oldKey = h.key
	h.secret = "whsec_" + base64.StdEncoding.EncodeToString(raw)
	h.key = raw
	return h.secret
}

// AddWebhookEndpoint delivers the events that happen from now on to url
// (POST). It fails the test (or returns an error outside tests) for a URL
// that is not absolute http(s).
func (s *Server) AddWebhookEndpoint(url string) error {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		err := fmt.Errorf("clerktest: webhook endpoint %q is not an http(s) URL", url)
		if s.tb != nil {
			s.tb.Error(err)
		}
		return err
	}
	s.addTarget(webhookTarget{name: url, url: url})
	return nil
}

// AddWebhookHandler delivers the events that happen from now on to h,
// called in-process with a request like the one Clerk sends.
func (s *Server) AddWebhookHandler(h http.Handler) {
	if h == nil {
		return
	}
	s.addTarget(webhookTarget{handler: h})
}

func (s *Server) addTarget(t webhookTarget) {
	h := s.hub()
	h.mu.Lock()
	defer h.mu.Unlock()
	if t.handler != nil {
		n := 1
		for _, x := range h.targets {
			if x.handler != nil {
				n++
			}
		}
		t.name = "handler " + strconv.Itoa(n)
	}
	h.targets = append(h.targets, t)
	if !h.started {
		h.started = true
		go s.deliverLoop()
	}
}

// hasWebhookTargets reports whether any receiver is registered (events are
// only built when one is).
func (s *Server) hasWebhookTargets() bool {
	h := s.hub()
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.targets) > 0
}

// emit queues an event of type typ with data (a JSON-marshalable value,
// or json.RawMessage) for every receiver. r, when not nil, is the request
// that caused it (event_attributes.http_request). Call it with the state
// lock held, right where the state changed; it does nothing when no
// receiver is registered.
func (s *Server) emit(typ string, data any, r *http.Request) {
	if !s.hasWebhookTargets() {
		return
	}
	_, _ = s.queueEvent(typ, data, r)
}

func (s *Server) queueEvent(typ string, data any, r *http.Request) (*webhookMessage, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("clerktest: webhook data: %w", err)
	}
	attrs := map[string]any{}
	if r != nil {
		ip := r.RemoteAddr
		if host, _, err := net.SplitHostPort(ip); err == nil {
			ip = host
		}
		attrs["http_request"] = map[string]string{"client_ip": ip, "user_agent": r.UserAgent()}
	}
	body, err := json.Marshal(map[string]any{
		"type":             typ,
		"object":           "event",
		"data":             json.RawMessage(raw),
		"timestamp":        s.nowMillis(),
		"instance_id":      s.kid,
		"event_attributes": attrs,
	})
	if err != nil {
		return nil, err
	}
	h := s.hub()
	h.mu.Lock()
	defer h.mu.Unlock()
	m := &webhookMessage{
		id:      "msg_" + randomString(27),
		typ:     typ,
		body:    body,
		targets: append([]webhookTarget(nil), h.targets...),
		done:    make(chan struct{}),
	}
	h.sent[m.id] = m
	if len(m.targets) == 0 {
		close(m.done) // nobody to deliver to
		return m, nil
	}
	h.enqueue(m)
	return m, nil
}

// enqueue adds m to the queue; h.mu is held.
func (h *webhookHub) enqueue(m *webhookMessage) {
	h.queue = append(h.queue, m)
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// deliverLoop delivers queued messages in order until the server closes.
func (s *Server) deliverLoop() {
	h := s.hub()
	for {
		h.mu.Lock()
		var m *webhookMessage
		if len(h.queue) > 0 {
			m = h.queue[0]
			h.queue = h.queue[1:]
			h.current = m
		}
		h.mu.Unlock()
		if m == nil {
			select {
			case <-h.wake:
				continue
			case <-s.closed:
				return
			}
		}
		results := make([]WebhookDelivery, 0, len(m.targets))
		for _, t := range m.targets {
			results = append(results, s.deliver(m, t))
		}
		h.mu.Lock()
		h.log = append(h.log, results...)
		m.results = results
		h.current = nil
		done := m.done
		h.mu.Unlock()
		close(done)
	}
}

// deliver makes one attempt of m to t, signed now.
func (s *Server) deliver(m *webhookMessage, t webhookTarget) WebhookDelivery {
	h := s.hub()
	ts := strconv.FormatInt(s.now().Unix(), 10)
	header := http.Header{}
	header.Set("Content-Type", "application/json")
	header.Set("User-Agent", "Svix-Webhooks/1.0 (clerktest)")
	header.Set("svix-id", m.id)
	header.Set("svix-timestamp", ts)
	h.mu.Lock()
	sig := signWebhook(h.key, m.id, ts, m.body)
	if h.oldKey != nil {
		sig += " " + signWebhook(h.oldKey, m.id, ts, m.body)
	}
	h.mu.Unlock()
	header.Set("svix-signature", sig)
	d := WebhookDelivery{MessageID: m.id, Type: m.typ, Endpoint: t.name, Header: header, Body: m.body}
	h.mu.Lock()
	for _, prev := range h.log {
		if prev.MessageID == m.id && prev.Endpoint == t.name {
			d.Attempt = max(d.Attempt, prev.Attempt)
		}
	}
	h.mu.Unlock()
	d.Attempt++
	if t.handler != nil {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(m.body))
		req.Header = header.Clone()
		w := httptest.NewRecorder()
		func() {
			defer func() {
				if p := recover(); p != nil {
					d.Err = fmt.Errorf("clerktest: webhook handler panicked: %v", p)
				}
			}()
			t.handler.ServeHTTP(w, req)
		}()
		if d.Err == nil {
			d.Status = w.Code
		}
		return d
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.closed:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(m.body))
	if err != nil {
		d.Err = err
		return d
	}
	req.Header = header.Clone()
	resp, err := h.client.Do(req)
	if err != nil {
		d.Err = err
		return d
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	d.Status = resp.StatusCode
	return d
}

// signWebhook is Svix's v1 scheme: HMAC-SHA256 of "{id}.{timestamp}.{body}",
// base64, prefixed "v1,".
func signWebhook(key []byte, id, ts string, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// WaitWebhooks waits until every message queued so far, and every message
// queued while waiting, was delivered to its receivers, or ctx ends.
func (s *Server) WaitWebhooks(ctx context.Context) error {
	h := s.hub()
	for {
		h.mu.Lock()
		var last *webhookMessage
		if n := len(h.queue); n > 0 {
			last = h.queue[n-1]
		} else {
			last = h.current
		}
		h.mu.Unlock()
		if last == nil {
			return nil
		}
		select {
		case <-last.done:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.closed:
			return errors.New("clerktest: server closed")
		}
	}
}

// WebhookDeliveries returns every delivery attempt so far, in order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	h := s.hub()
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]WebhookDelivery(nil), h.log...)
}

// SendWebhook sends an event of any type by hand (data is marshalled to
// JSON; a json.RawMessage is sent as is) to the receivers registered now,
// after the events already queued, and waits for its deliveries.
func (s *Server) SendWebhook(ctx context.Context, eventType string, data any) ([]WebhookDelivery, error) {
	if eventType == "" {
		return nil, errors.New("clerktest: SendWebhook needs an event type")
	}
	m, err := s.queueEvent(eventType, data, nil)
	if err != nil {
		return nil, err
	}
	return s.waitMessage(ctx, m)
}

// RedeliverWebhook sends a message again, with the same svix-id and body
// and a fresh timestamp and signature (what Svix does when it retries), to
// the receivers it was first sent to, and waits for the deliveries.
func (s *Server) RedeliverWebhook(ctx context.Context, messageID string) ([]WebhookDelivery, error) {
	h := s.hub()
	h.mu.Lock()
	old, ok := h.sent[messageID]
	if !ok {
		h.mu.Unlock()
		return nil, fmt.Errorf("clerktest: no webhook message %q", messageID)
	}
	m := &webhookMessage{id: old.id, typ: old.typ, body: old.body, targets: old.targets, done: make(chan struct{})}
	if len(m.targets) == 0 {
		close(m.done)
	} else {
		h.enqueue(m)
	}
	h.mu.Unlock()
	return s.waitMessage(ctx, m)
}

func (s *Server) waitMessage(ctx context.Context, m *webhookMessage) ([]WebhookDelivery, error) {
	h := s.hub()
	select {
	case <-m.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-s.closed:
		return nil, errors.New("clerktest: server closed")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]WebhookDelivery(nil), m.results...), nil
}
