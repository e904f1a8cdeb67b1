package reliability_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testKey is the secret every client here uses; no error, log line or
// panic value may show it.
const testKey = "sk_test_SECRETrel1ab1l1ty0123456789"

// fault is one way the fake API misbehaves on an attempt.
type fault int

const (
	faultNone fault = iota
	// Before processing: the API did nothing.
	fault429            // 429 Too Many Requests, Retry-After: 1
	fault503RetryAfter  // 503 with Retry-After: 1
	fault503            // 503 without Retry-After
	faultResetBefore    // hijack and close before reading the body
	faultLatency        // a latency spike, then a normal answer
	faultSlowBody       // half the body, a pause, the rest
	fault502HTMLAfter   // processed, then a proxy's HTML 502
	faultResetAfter     // processed, then the connection is closed unanswered
	faultTruncatedAfter // processed, then a 200 with half a JSON body
	numFaults
)

var faultNames = [numFaults]string{
	"none", "429 Retry-After", "503 Retry-After", "503", "reset before reading",
	"latency spike", "slow body", "502 HTML after processing",
	"reset after processing", "truncated JSON after processing",
}

func (f fault) String() string { return faultNames[f] }

// mix is the share of attempts (in percent) that meet each fault.
type mix [numFaults]int

// defaultMix answers 70% of attempts normally.
var defaultMix = mix{
	faultNone: 70, fault429: 5, fault503RetryAfter: 3, fault503: 2, faultResetBefore: 3,
	faultLatency: 4, faultSlowBody: 4, fault502HTMLAfter: 3, faultResetAfter: 3, faultTruncatedAfter: 3,
}

func (m *mix) pick() fault {
	n := rand.IntN(100)
	for f, w := range m {
		if n < w {
			return fault(f)
		}
		n -= w
	}
	return faultNone
}

type fakeUser struct {
	ID, ExternalID string
	Banned         bool
	Public         map[string]any
}

// fakeAPI is a small stateful Backend API (users, organizations,
// invitations, bans) that misbehaves on a share of attempts and counts
// what it processed, so that the tests can prove no create ran twice.
type fakeAPI struct {
	*httptest.Server
	mix mix
	// latency is the spike a faultLatency attempt waits.
	latency time.Duration

	mu    sync.Mutex
	users map[string]*fakeUser
	// processed counts, per create token (external_id, organization name,
	// invitation email), how often a create was carried out.
	processed map[string]int
	// ambiguous holds the tokens of creates whose attempt may have been
	// processed but whose client got no clear answer; a later attempt
	// with such a token is a replay the client must never make.
	ambiguous map[string]bool
	replays   int
	seq       int

	requests atomic.Int64
	faults   [numFaults]atomic.Int64
}

func newFakeAPI(t testing.TB, m mix) *fakeAPI {
	t.Helper()
	a := &fakeAPI{
		mix: m, latency: 30 * time.Millisecond,
		users: map[string]*fakeUser{}, processed: map[string]int{}, ambiguous: map[string]bool{},
	}
	a.Server = httptest.NewServer(http.HandlerFunc(a.serve))
	return a
}

// addUser seeds a user, outside the fault mix.
func (a *fakeAPI) addUser(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users[id] = &fakeUser{ID: id, Public: map[string]any{}}
}

func (a *fakeAPI) user(id string) fakeUser {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := *a.users[id]
	return u
}

// createCounts returns how often each create token was processed.
func (a *fakeAPI) createCounts() (map[string]int, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]int, len(a.processed))
	for k, v := range a.processed {
		out[k] = v
	}
	return out, a.replays
}

func (a *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	a.requests.Add(1)
	f := a.mix.pick()
	a.faults[f].Add(1)
	switch f {
	case fault429:
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusTooManyRequests, errJSON("too_many_requests", "Too many requests"))
		return
	case fault503RetryAfter:
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusServiceUnavailable, errJSON("service_unavailable", "Try again"))
		return
	case fault503:
		writeJSON(w, http.StatusServiceUnavailable, errJSON("service_unavailable", "Unavailable"))
		return
	case faultResetBefore:
		a.noteAmbiguous(r, nil) // the client cannot know the body was never read
		hangUp(w)
		return
	case faultLatency:
		time.Sleep(a.latency/2 + rand.N(a.latency))
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	status, out, token := a.handle(r, body)
	switch f {
	case fault502HTMLAfter:
		a.noteAmbiguous(r, &token)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case faultResetAfter:
		a.noteAmbiguous(r, &token)
		hangUp(w)
	case faultTruncatedAfter:
		a.noteAmbiguous(r, &token)
		w.Header().Set("Content-Type", "application/json")
		if rand.IntN(2) == 0 {
			// Short but well framed: a JSON syntax error.
			w.Header().Set("Content-Length", strconv.Itoa(len(out)/2))
			w.WriteHeader(status)
			w.Write(out[:len(out)/2])
			return
		}
		// Framed for the whole body, cut half way: a read error.
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.WriteHeader(status)
		w.Write(out[:len(out)/2])
		w.(http.Flusher).Flush()
		hangUp(w)
	case faultSlowBody:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(out[:len(out)/2])
		w.(http.Flusher).Flush()
		time.Sleep(time.Duration(2+rand.IntN(8)) * time.Millisecond)
		w.Write(out[len(out)/2:])
	default:
		writeJSON(w, status, out)
	}
}

// hangUp closes the connection without an answer (a reset as the client
// sees it).
func hangUp(w http.ResponseWriter) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if buf != nil && buf.Writer.Buffered() > 0 {
		buf.Flush()
	}
	conn.Close()
}

// noteAmbiguous records that a create's attempt ended without a clear
// answer. token is nil when the body was not read (the token is then read
// from the X-Create-Token header the test sets).
func (a *fakeAPI) noteAmbiguous(r *http.Request, token *string) {
	t := r.Header.Get("X-Create-Token")
	if token != nil && *token != "" {
		t = *token
	}
	if t == "" {
		return
	}
	a.mu.Lock()
	a.ambiguous[t] = true
	a.mu.Unlock()
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

func errJSON(code, msg string) []byte {
	return fmt.Appendf(nil, `{"errors":[{"code":%q,"message":%q,"long_message":%q}],"clerk_trace_id":"trace_rel"}`, code, msg, msg)
}

// handle carries out one request on the state. token is the create token
// of a create, "" otherwise.
func (a *fakeAPI) handle(r *http.Request, body []byte) (status int, out []byte, token string) {
	path := strings.TrimPrefix(r.URL.Path, "/v1")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now().UnixMilli()
	switch {
	case r.Method == http.MethodGet && path == "/users":
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var list []string
		n := 0
		for _, u := range a.users {
			if n >= max(limit, 1) {
				break
			}
			list = append(list, string(userJSON(u, now)))
			n++
		}
		return 200, []byte("[" + strings.Join(list, ",") + "]"), ""
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "users":
		u, ok := a.users[parts[1]]
		if !ok {
			return 404, errJSON("resource_not_found", "not found"), ""
		}
		return 200, userJSON(u, now), ""
	case r.Method == http.MethodPatch && len(parts) == 3 && parts[0] == "users" && parts[2] == "metadata":
		u, ok := a.users[parts[1]]
		if !ok {
			return 404, errJSON("resource_not_found", "not found"), ""
		}
		var in struct {
			Public map[string]any `json:"public_metadata"`
		}
		if json.Unmarshal(body, &in) != nil {
			return 400, errJSON("form_param_invalid", "bad body"), ""
		}
		for k, v := range in.Public {
			if v == nil {
				delete(u.Public, k)
			} else {
				u.Public[k] = v
			}
		}
		return 200, userJSON(u, now), ""
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "users" && (parts[2] == "ban" || parts[2] == "unban"):
		u, ok := a.users[parts[1]]
		if !ok {
			return 404, errJSON("resource_not_found", "not found"), ""
		}
		u.Banned = parts[2] == "ban"
		return 200, userJSON(u, now), ""
	case r.Method == http.MethodPost && path == "/users":
		var in struct {
			ExternalID string `json:"external_id"`
		}
		json.Unmarshal(body, &in)
		a.create(in.ExternalID)
		a.seq++
		u := &fakeUser{ID: fmt.Sprintf("user_new%d", a.seq), ExternalID: in.ExternalID, Public: map[string]any{}}
		return 200, userJSON(u, now), in.ExternalID
	case r.Method == http.MethodPost && path == "/organizations":
		var in struct {
			Name string `json:"name"`
		}
		json.Unmarshal(body, &in)
		a.create(in.Name)
		a.seq++
		return 200, fmt.Appendf(nil, `{"object":"organization","id":"org_%d","name":%q,"slug":"s%d","has_image":false,`+
			`"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},"private_metadata":{},`+
			`"created_at":%d,"updated_at":%d}`, a.seq, in.Name, a.seq, now, now), in.Name
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "organizations":
		return 200, fmt.Appendf(nil, `{"object":"organization","id":%q,"name":"Acme","slug":"acme","has_image":false,`+
			`"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},"created_at":%d,"updated_at":%d}`,
			parts[1], now, now), ""
	case r.Method == http.MethodPost && path == "/invitations":
		var in struct {
			Email string `json:"email_address"`
		}
		json.Unmarshal(body, &in)
		a.create(in.Email)
		a.seq++
		return 200, fmt.Appendf(nil, `{"object":"invitation","id":"inv_%d","email_address":%q,"public_metadata":{},`+
			`"revoked":false,"status":"pending","expires_at":null,"created_at":%d,"updated_at":%d}`, a.seq, in.Email, now, now), in.Email
	}
	return 404, errJSON("resource_not_found", "no route "+r.Method+" "+path), ""
}

// create records one processing of a create; the caller holds a.mu.
func (a *fakeAPI) create(token string) {
	if a.ambiguous[token] {
		a.replays++
	}
	a.processed[token]++
}

func userJSON(u *fakeUser, now int64) []byte {
	pub, _ := json.Marshal(u.Public)
	ext := "null"
	if u.ExternalID != "" {
		ext = strconv.Quote(u.ExternalID)
	}
	return fmt.Appendf(nil, `{"id":%q,"object":"user","external_id":%s,"username":null,"first_name":"Ada","last_name":null,`+
		`"image_url":"https://img.example/x","has_image":false,"public_metadata":%s,"private_metadata":{},"unsafe_metadata":{},`+
		`"email_addresses":[],"phone_numbers":[],"web3_wallets":[],"banned":%t,"locked":false,"created_at":%d,"updated_at":%d}`,
		u.ID, ext, pub, u.Banned, now, now)
}

// secretScanner is a log sink that keeps no text: it counts lines and
// remembers any that shows the key, so a run of many thousand attempts
// logs at debug level in bounded memory.
type secretScanner struct {
	mu    sync.Mutex
	lines int
	// retries counts the attempts the client decided to retry.
	retries int
	leaks   []string
	needle  []string
}

func newSecretScanner() *secretScanner {
	return &secretScanner{needle: []string{testKey, "SECRET", "Bearer", "Authorization"}}
}

func (s *secretScanner) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := bufio.NewScanner(strings.NewReader(string(p)))
	for sc.Scan() {
		s.lines++
		line := sc.Text()
		if strings.Contains(line, `"retry":true`) {
			s.retries++
		}
		for _, n := range s.needle {
			if strings.Contains(line, n) && len(s.leaks) < 10 {
				s.leaks = append(s.leaks, line)
			}
		}
	}
	return len(p), nil
}

func (s *secretScanner) result() (lines, retries int, leaks []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lines, s.retries, append([]string(nil), s.leaks...)
}

// shows reports whether any rendering of v shows the key.
func shows(v any) bool {
	for _, verb := range []string{"%v", "%+v", "%#v", "%q"} {
		if strings.Contains(fmt.Sprintf(verb, v), testKey) || strings.Contains(fmt.Sprintf(verb, v), "SECRET") {
			return true
		}
	}
	return false
}
