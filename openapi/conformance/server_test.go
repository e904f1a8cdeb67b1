package conformance_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

const (
	testSecretKey = "sk_test_conformance"
	apiVersion    = "2026-05-12"
	// callHeader carries the SDK method that sent a request, so that the
	// server can attribute what it sees (set with the clerk.WithHeader request option).
	callHeader = "X-Conformance-Call"
)

// seen is one request the validating server received.
type seen struct {
	call        string // the callHeader value
	operationID string // "" when no route matched
	method      string
	target      string
	body        string // the start of the body, for logs
	problems    []string
	// sent holds the query parameter names and the body's property names
	// (of each item, for an array body; part names for multipart).
	sent []string
}

// validatingServer is an httptest server that routes each request to a
// spec operation, validates it with openapi3filter plus stricter checks
// (undeclared query parameters and body properties, a body where the
// operation takes none, the API version header), records what it saw and
// answers 200 with a minimal instance of the operation's success schema.
type validatingServer struct {
	*httptest.Server
	doc    *openapi3.T
	router routers.Router
	// jwks is GET /jwks's answer: a real RSA key (kid sampleKID), since a
	// schema-made one has no usable modulus.
	jwks map[string]any

	mu   sync.Mutex
	reqs []seen
}

func newValidatingServer(t *testing.T, doc *openapi3.T) *validatingServer {
	t.Helper()
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	s := &validatingServer{doc: doc, router: router, jwks: map[string]any{"keys": []any{map[string]any{
		"kid": sampleKID, "kty": "RSA", "alg": "RS256", "use": "sig",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// baseURL is what the SDK is pointed at (the spec's paths sit below /v1).
func (s *validatingServer) baseURL() string { return s.URL + "/v1" }

// take returns the requests seen since the last call and forgets them.
func (s *validatingServer) take() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.reqs
	s.reqs = nil
	return out
}

func (s *validatingServer) record(r seen) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
}

func (s *validatingServer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	rec := seen{call: r.Header.Get(callHeader), method: r.Method, target: r.URL.RequestURI(), body: string(body[:min(len(body), 400)])}
	if err != nil {
		rec.problems = append(rec.problems, "reading body: "+err.Error())
	}
	rec.sent = sentNames(r, body)
	route, problems := validate(r.Context(), s.router, r, body)
	rec.problems = append(rec.problems, problems...)
	if route == nil {
		s.record(rec)
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": []any{map[string]any{"code": "resource_not_found", "message": "not found"}}})
		return
	}
	rec.operationID = route.Operation.OperationID
	s.record(rec)
	status, schema := successResponse(route.Operation)
	if route.Operation.OperationID == "GetJWKS" {
		writeJSON(w, status, s.jwks)
		return
	}
	if schema == nil {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, newInstance(schema, minimal))
}

// sentNames lists the names a request carries: query keys, JSON body
// properties (of the object, or of each item of an array) and multipart
// part names.
func sentNames(r *http.Request, body []byte) []string {
	var names []string
	for k := range r.URL.Query() {
		names = append(names, k)
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case len(body) == 0:
	case ct == "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			names = append(names, part.FormName())
			_ = part.Close()
		}
	default:
		var v any
		if json.Unmarshal(body, &v) == nil {
			objs := []any{v}
			if arr, ok := v.([]any); ok {
				objs = arr
			}
			for _, o := range objs {
				if m, ok := o.(map[string]any); ok {
					for k := range m {
						names = append(names, k)
					}
				}
			}
		}
	}
	return names
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// successResponse picks the operation's 200 answer (else its first 2xx)
// and its JSON schema, if any.
func successResponse(op *openapi3.Operation) (int, *openapi3.SchemaRef) {
	codes := op.Responses.Keys()
	sort.Strings(codes)
	pick := ""
	for _, c := range codes {
		if c == "200" {
			pick = c
			break
		}
		if pick == "" && len(c) == 3 && c[0] == '2' {
			pick = c
		}
	}
	if pick == "" {
		return http.StatusOK, nil
	}
	status := 200
	fmt.Sscanf(pick, "%d", &status)
	resp := op.Responses.Value(pick)
	if resp == nil || resp.Value == nil {
		return status, nil
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil {
		return status, nil
	}
	return status, mt.Schema
}

// validate routes r and checks it against the spec. It returns the route
// (nil when none matched) and every problem found.
func validate(ctx context.Context, router routers.Router, r *http.Request, body []byte) (*routers.Route, []string) {
	// Route against the spec's own server URL, whatever host we run on.
	r2 := r.Clone(ctx)
	r2.URL.Scheme, r2.URL.Host, r2.Host = "https", "api.clerk.com", "api.clerk.com"
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	route, params, err := router.FindRoute(r2)
	if err != nil {
		return nil, []string{fmt.Sprintf("no operation for %s %s: %v", r.Method, r.URL.Path, err)}
	}
	var problems []string
	in := &openapi3filter.RequestValidationInput{
		Request:    r2,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:                        true,
			RejectWhenRequestBodyNotSpecified: true,
			AuthenticationFunc: func(_ context.Context, ai *openapi3filter.AuthenticationInput) error {
				if ai.SecurityScheme == nil || ai.SecurityScheme.Type != "http" || ai.SecurityScheme.Scheme != "bearer" {
					return fmt.Errorf("unexpected security scheme %q", ai.SecuritySchemeName)
				}
				if got := ai.RequestValidationInput.Request.Header.Get("Authorization"); got != "Bearer "+testSecretKey {
					return fmt.Errorf("Authorization header is %q, want a Bearer secret key", got)
				}
				return nil
			},
		},
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				problems = append(problems, e.Error())
			}
		} else {
			problems = append(problems, err.Error())
		}
	}
	problems = append(problems, strictProblems(route.Operation, r, body)...)
	return route, problems
}

// strictProblems are the checks openapi3filter leaves out: a typo in a
// query parameter or body property name passes a schema that does not
// forbid extra properties, but the API ignores it (or rejects it).
func strictProblems(op *openapi3.Operation, r *http.Request, body []byte) []string {
	var problems []string
	if v := r.Header.Get("Clerk-API-Version"); v != apiVersion {
		problems = append(problems, fmt.Sprintf("Clerk-API-Version header is %q, want %q", v, apiVersion))
	}
	declared := map[string]*openapi3.Parameter{}
	for _, p := range op.Parameters {
		if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
			declared[p.Value.Name] = p.Value
		}
	}
	query := r.URL.Query()
	names := make([]string, 0, len(query))
	for name := range query {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := declared[name]
		if p == nil {
			problems = append(problems, fmt.Sprintf("query parameter %q is not declared by %s", name, op.OperationID))
			continue
		}
		// openapi3filter reads one value of a scalar parameter and
		// ignores the rest; the API (and Prism) reject the repetition.
		if len(query[name]) > 1 && (p.Schema == nil || p.Schema.Value == nil || !p.Schema.Value.Type.Is(openapi3.TypeArray)) {
			problems = append(problems, fmt.Sprintf("query parameter %q is repeated %d times, but %s declares one value (type %v)", name, len(query[name]), op.OperationID, schemaType(p.Schema)))
		}
	}
	if len(body) == 0 {
		return problems
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return append(problems, fmt.Sprintf("sends a body (%d bytes) but %s takes none", len(body), op.OperationID))
	}
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return append(problems, "bad Content-Type: "+err.Error())
	}
	mt := op.RequestBody.Value.Content.Get(ct)
	if mt == nil || mt.Schema == nil {
		return problems // openapi3filter reports the unexpected type
	}
	switch ct {
	case "application/json":
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return append(problems, "body is not JSON: "+err.Error())
		}
		problems = append(problems, undeclaredProperties("body", v, mt.Schema)...)
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		known := allProperties(mt.Schema.Value)
		for {
			part, err := mr.NextPart()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					problems = append(problems, "multipart: "+err.Error())
				}
				break
			}
			if _, ok := known[part.FormName()]; !ok {
				problems = append(problems, fmt.Sprintf("multipart part %q is not declared", part.FormName()))
			}
			_ = part.Close()
		}
	}
	return problems
}

func schemaType(s *openapi3.SchemaRef) string {
	if s == nil || s.Value == nil || s.Value.Type == nil {
		return "any"
	}
	return strings.Join(s.Value.Type.Slice(), "|")
}

// allProperties gathers the properties declared anywhere in a schema's
// allOf, oneOf and anyOf branches.
func allProperties(s *openapi3.Schema) map[string]*openapi3.SchemaRef {
	out := map[string]*openapi3.SchemaRef{}
	var walk func(s *openapi3.Schema, depth int)
	walk = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		for k, v := range s.Properties {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
		for _, sub := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
			walk(sub.Value, depth+1)
		}
	}
	walk(s, 0)
	return out
}

// openObject reports whether a schema lets an object carry properties it
// does not declare (metadata objects, free-form maps).
func openObject(s *openapi3.Schema) bool {
	if len(allProperties(s)) > 0 {
		ap := s.AdditionalProperties
		return (ap.Has != nil && *ap.Has) || ap.Schema != nil
	}
	return true
}

func undeclaredProperties(where string, v any, ref *openapi3.SchemaRef) []string {
	if ref == nil || ref.Value == nil {
		return nil
	}
	s := ref.Value
	var problems []string
	switch x := v.(type) {
	case map[string]any:
		if openObject(s) {
			return nil
		}
		props := allProperties(s)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := props[k]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: property %q is not declared", where, k))
				continue
			}
			problems = append(problems, undeclaredProperties(where+"."+k, x[k], p)...)
		}
	case []any:
		items := s.Items
		if items == nil {
			for _, sub := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
				if sub.Value != nil && sub.Value.Items != nil {
					items = sub.Value.Items
					break
				}
			}
		}
		for i, e := range x {
			problems = append(problems, undeclaredProperties(fmt.Sprintf("%s[%d]", where, i), e, items)...)
		}
	}
	return problems
}

// describe formats what the server saw for a failure message.
func (r seen) String() string {
	op := r.operationID
	if op == "" {
		op = "(no operation)"
	}
	if r.body != "" && strings.HasPrefix(r.body, "{") || strings.HasPrefix(r.body, "[") {
		return fmt.Sprintf("%s %s %s -> %s", r.method, r.target, r.body, op)
	}
	return fmt.Sprintf("%s %s -> %s", r.method, r.target, op)
}
