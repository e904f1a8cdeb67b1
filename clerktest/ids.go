package clerktest

import (
	"crypto/rand"
	"encoding/hex"
)

// base62 is the alphabet of Clerk's IDs (user_2Nq…).
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// randomString returns n random base62 characters.
func randomString(n int) string {
	buf := make([]byte, n)
	// crypto/rand.Read never fails on supported platforms (Go 1.24+).
	_, _ = rand.Read(buf)
	out := make([]byte, n)
	for i, b := range buf {
		// 248 = 4*62: drop the modulo bias by re-drawing rare values.
		for b >= 248 {
			var one [1]byte
			_, _ = rand.Read(one[:])
			b = one[0]
		}
		out[i] = base62[int(b)%62]
	}
	return string(out)
}

func randomHex(nBytes int) string {
	buf := make([]byte, nBytes)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

// newID returns a Clerk-style ID: a type prefix and 27 base62 characters.
func newID(prefix string) string { return prefix + "_" + randomString(27) }
