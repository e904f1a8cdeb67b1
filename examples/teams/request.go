package main

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
)

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
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &problem{Status: http.StatusUnsupportedMediaType, Error: "bad_request", Reason: "unsupported_media_type",
			Message: "the body must be JSON, sent with Content-Type: application/json"}
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
