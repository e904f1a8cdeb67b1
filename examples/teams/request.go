package main

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
)

// jsonContentType returns a 415 problem unless r says Content-Type
// application/json.
func jsonContentType(r *http.Request) *problem {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &problem{Status: http.StatusUnsupportedMediaType, Error: "bad_request", Reason: "unsupported_media_type",
			Message: "state-changing requests must be sent with Content-Type: application/json"}
	}
	return nil
}

// requireJSON answers 415 to a state-changing request (any method but
// GET, HEAD and OPTIONS) without Content-Type application/json, body or
// no body. A page on another site can send a cross-site form POST without
// a CORS preflight, but not one with this content type: this is a second
// CSRF defence behind the middleware's origin check of cookie requests.
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if p := jsonContentType(r); p != nil {
				writeProblem(w, p)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// maxBodySize caps request bodies: every body of this API is a few fields.
const maxBodySize = 64 << 10

// decodeJSON reads r's JSON body into v. It demands Content-Type
// application/json, which an HTML form on another site cannot send
// without a CORS preflight, caps the size and refuses trailing data.
//
// Unknown fields are ignored, not refused: each body type holds only the
// fields its handler reads, so an "org_id", "user_id" or "role" slipped in
// by a client has nowhere to go. Authorization never looks at the body.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) *problem {
	if p := jsonContentType(r); p != nil {
		return p
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodySize))
	if err := dec.Decode(v); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return &problem{Status: http.StatusRequestEntityTooLarge, Error: "bad_request", Reason: "body_too_large",
				Message: "the body is too large"}
		}
		return badRequest("malformed_json", "the body is not a valid JSON object for this endpoint")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("malformed_json", "the body must hold a single JSON object")
	}
	return nil
}
