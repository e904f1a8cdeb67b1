package clerktest

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authenticate checks the bearer key (every route, GET /jwks included) and
// the API version the client asks for.
func (s *Server) authenticate(r *http.Request) *apiError {
	h := r.Header.Get("Authorization")
	if h == "" {
		return newError(http.StatusUnauthorized, "authentication_invalid", "Unauthorized request",
			"The request has no Authorization header. Send \"Authorization: Bearer <secret key>\".")
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	// The one exception: the M2M token operations may carry a machine's
	// secret key, which their handlers check under the state lock.
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.SecretKey)) != 1 && !machineBearerRoute(r, token) {
		return newError(http.StatusUnauthorized, "clerk_key_invalid", "Secret Key is invalid",
			"The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.")
	}
	v := r.Header.Get("Clerk-API-Version")
	if v != "" && r.URL.Query().Has("__clerk_api_version") {
		return newError(http.StatusBadRequest, "request_invalid", "invalid request",
			"Send the API version either as the Clerk-API-Version header or as the __clerk_api_version query parameter, not both.")
	}
	if v == "" {
		v = r.URL.Query().Get("__clerk_api_version")
	}
	if v != "" && !knownVersion(v) {
		return newError(http.StatusBadRequest, "api_version_invalid", "invalid API version",
			"Unknown Clerk API version "+v+".")
	}
	return nil
}

// knownVersion: the Clerk-API-Version values the real API knows.
func knownVersion(v string) bool {
	switch v {
	case "2021-02-05", "2024-10-01", "2025-04-10", "2025-11-10", "2026-05-12":
		return true
	}
	return false
}
