package jwt

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// KeySource hands the verifier the public key for a token's "kid" header.
//
// An implementation returns an error matching [ErrUnknownKey] when it does
// not know kid, and any other error (it is reported as [ErrKeyUnavailable])
// when it cannot answer at all. It must be safe for concurrent use and
// should return the same key value for the same key across calls, so the
// verified-token cache can tell that a key is still in the set cheaply.
//
// [*KeySet] and [*JWKSCache] are KeySources.
type KeySource interface {
	Key(ctx context.Context, kid string) (crypto.PublicKey, error)
}

// Supported algorithms. The key type pins the algorithm: a token may only
// name the one algorithm its key's type allows.
const (
	algRS256 = "RS256"
	algES256 = "ES256"
	algEdDSA = "EdDSA"
)

// minRSABits is the smallest RSA modulus accepted.
const minRSABits = 2048

// keyAlg returns the one algorithm a public key verifies, or an error when
// the key is not supported (type, curve or size).
func keyAlg(key crypto.PublicKey) (string, error) {
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", errors.New("nil RSA key")
		}
		if n := k.N.BitLen(); n < minRSABits {
			return "", fmt.Errorf("RSA key of %d bits; at least %d required", n, minRSABits)
		}
		if k.E < 3 || k.E&1 == 0 {
			return "", errors.New("RSA key with an invalid public exponent")
		}
		return algRS256, nil
	case *ecdsa.PublicKey:
		if k == nil || k.Curve != elliptic.P256() {
			return "", errors.New("EC key not on P-256")
		}
		return algES256, nil
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return "", errors.New("Ed25519 key of the wrong size")
		}
		return algEdDSA, nil
	default:
		return "", fmt.Errorf("unsupported key type %T", key)
	}
}

// sameKey reports whether a and b are the same public key. Identical
// pointers answer at once; otherwise the keys' Equal methods decide.
func sameKey(a, b crypto.PublicKey) bool {
	switch ka := a.(type) {
	case *rsa.PublicKey:
		kb, ok := b.(*rsa.PublicKey)
		return ok && kb != nil && (ka == kb || ka.Equal(kb))
	case *ecdsa.PublicKey:
		kb, ok := b.(*ecdsa.PublicKey)
		return ok && kb != nil && (ka == kb || ka.Equal(kb))
	case ed25519.PublicKey:
		return ka.Equal(b)
	}
	return false
}

// KeySet is an immutable set of public keys indexed by key id. It is a
// [KeySource]; build one with [ParseJWKS] or [NewKeySet].
type KeySet struct {
	keys map[string]crypto.PublicKey
}

// NewKeySet builds a KeySet from public keys indexed by key id. Every key
// must be an *rsa.PublicKey of at least 2048 bits, an *ecdsa.PublicKey on
// P-256 or an ed25519.PublicKey.
func NewKeySet(keys map[string]crypto.PublicKey) (*KeySet, error) {
	if len(keys) == 0 {
		return nil, errors.New("jwt: empty key set")
	}
	m := make(map[string]crypto.PublicKey, len(keys))
	for kid, k := range keys {
		if _, err := keyAlg(k); err != nil {
			return nil, fmt.Errorf("jwt: key %q: %w", kid, err)
		}
		m[kid] = k
	}
	return &KeySet{keys: m}, nil
}

// Key returns the key with id kid, or an [*UnknownKeyError].
func (s *KeySet) Key(_ context.Context, kid string) (crypto.PublicKey, error) {
	if k, ok := s.keys[kid]; ok {
		return k, nil
	}
	return nil, newUnknownKeyError(kid)
}

// KIDs returns the key ids in the set, sorted.
func (s *KeySet) KIDs() []string {
	kids := make([]string, 0, len(s.keys))
	for kid := range s.keys {
		kids = append(kids, kid)
	}
	slices.Sort(kids)
	return kids
}

// Len returns the number of keys in the set.
func (s *KeySet) Len() int { return len(s.keys) }

// singleKey is the key source for one key configured with a PEM: Clerk's
// networkless verification uses the instance's key whatever the "kid".
type singleKey struct{ key crypto.PublicKey }

func (s singleKey) Key(context.Context, string) (crypto.PublicKey, error) { return s.key, nil }

// jwk is the subset of RFC 7517 members this package reads.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	N   string `json:"n"`
	E   string `json:"e"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// ParseJWKS parses a JSON Web Key Set (RFC 7517), such as the answer of the
// Backend API's GET /jwks, into a [KeySet].
//
// It keeps RSA keys (RS256, at least 2048 bits), EC keys on P-256 (ES256)
// and OKP Ed25519 keys (EdDSA). Keys meant for encryption ("use" other than
// "sig"), of another type or curve, or whose "alg" names an algorithm other
// than the one their type pins are skipped. A malformed supported key, a
// duplicate "kid" or a set with no usable key is an error.
func ParseJWKS(doc []byte) (*KeySet, error) {
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(doc, &set); err != nil {
		return nil, fmt.Errorf("jwt: parse JWKS: %w", err)
	}
	keys := make(map[string]crypto.PublicKey, len(set.Keys))
	for i, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		var (
			pub     crypto.PublicKey
			err     error
			wantAlg string
		)
		switch {
		case k.Kty == "RSA":
			wantAlg = algRS256
			pub, err = rsaFromJWK(k)
		case k.Kty == "EC" && k.Crv == "P-256":
			wantAlg = algES256
			pub, err = ecFromJWK(k)
		case k.Kty == "OKP" && k.Crv == "Ed25519":
			wantAlg = algEdDSA
			var x []byte
			if x, err = decodeJWKField(k.X); err == nil {
				if len(x) != ed25519.PublicKeySize {
					err = errors.New("Ed25519 key of the wrong size")
				} else {
					pub = ed25519.PublicKey(x)
				}
			}
		default:
			continue
		}
		if k.Alg != "" && k.Alg != wantAlg {
			continue
		}
		if err == nil {
			_, err = keyAlg(pub)
		}
		if err != nil {
			return nil, fmt.Errorf("jwt: parse JWKS: key %d (kid %q): %w", i, truncate(k.Kid, 64), err)
		}
		if _, dup := keys[k.Kid]; dup {
			return nil, fmt.Errorf("jwt: parse JWKS: duplicate kid %q", truncate(k.Kid, 64))
		}
		keys[k.Kid] = pub
	}
	if len(keys) == 0 {
		return nil, errors.New("jwt: parse JWKS: no usable signing key")
	}
	return &KeySet{keys: keys}, nil
}

// decodeJWKField decodes a base64url JWK member, tolerating padding.
func decodeJWKField(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("missing key member")
	}
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

func rsaFromJWK(k jwk) (*rsa.PublicKey, error) {
	n, err := decodeJWKField(k.N)
	if err != nil {
		return nil, fmt.Errorf("RSA modulus: %w", err)
	}
	e, err := decodeJWKField(k.E)
	if err != nil {
		return nil, fmt.Errorf("RSA exponent: %w", err)
	}
	if len(e) > 4 {
		return nil, errors.New("RSA exponent too large")
	}
	var exp int
	for _, b := range e {
		exp = exp<<8 | int(b)
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}, nil
}

// p256SPKIPrefix is the DER SubjectPublicKeyInfo header of an uncompressed
// P-256 point; the key goes through crypto/x509, which checks the point.
var p256SPKIPrefix = []byte{
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
}

func ecFromJWK(k jwk) (*ecdsa.PublicKey, error) {
	x, err := decodeJWKField(k.X)
	if err != nil {
		return nil, fmt.Errorf("EC x: %w", err)
	}
	y, err := decodeJWKField(k.Y)
	if err != nil {
		return nil, fmt.Errorf("EC y: %w", err)
	}
	if len(x) != 32 || len(y) != 32 {
		return nil, errors.New("EC coordinates of the wrong size")
	}
	der := make([]byte, 0, len(p256SPKIPrefix)+64)
	der = append(der, p256SPKIPrefix...)
	der = append(der, x...)
	der = append(der, y...)
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("EC point: %w", err)
	}
	ec, ok := pub.(*ecdsa.PublicKey)
	if !ok {
		return nil, errors.New("EC point: not an ECDSA key")
	}
	return ec, nil
}

// ParsePublicKeyPEM parses a public key in PEM form, such as the instance's
// "PEM public key" from the Clerk dashboard (CLERK_JWT_KEY).
//
// It accepts a "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY"
// (PKCS #1) block, and also the forms environment variables tend to mangle
// it into: line breaks written as literal \n, the whole PEM on one line, or
// the bare base64 body without the BEGIN/END lines. The key must be one this
// package verifies with (RSA of at least 2048 bits, EC P-256 or Ed25519).
func ParsePublicKeyPEM(s string) (crypto.PublicKey, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, `\n`, "\n"))
	if s == "" {
		return nil, errors.New("jwt: empty PEM")
	}
	var der []byte
	pkcs1 := false
	if block, _ := pem.Decode([]byte(s)); block != nil {
		switch block.Type {
		case "PUBLIC KEY":
		case "RSA PUBLIC KEY":
			pkcs1 = true
		default:
			return nil, fmt.Errorf("jwt: PEM block %q is not a public key", block.Type)
		}
		der = block.Bytes
	} else {
		body := s
		if strings.HasPrefix(body, "-----BEGIN ") {
			// One-line PEM: drop the armor lines and keep the base64 between.
			head := strings.Index(body[len("-----BEGIN "):], "-----")
			if head < 0 {
				return nil, errors.New("jwt: malformed PEM header")
			}
			label := body[len("-----BEGIN ") : len("-----BEGIN ")+head]
			switch label {
			case "PUBLIC KEY":
			case "RSA PUBLIC KEY":
				pkcs1 = true
			default:
				return nil, fmt.Errorf("jwt: PEM block %q is not a public key", label)
			}
			body = body[len("-----BEGIN ")+head+len("-----"):]
			tail := strings.Index(body, "-----END ")
			if tail < 0 {
				return nil, errors.New("jwt: PEM without END line")
			}
			body = body[:tail]
		}
		body = strings.Join(strings.Fields(body), "")
		var err error
		if der, err = base64.StdEncoding.DecodeString(body); err != nil {
			return nil, fmt.Errorf("jwt: PEM body: %w", err)
		}
	}
	var (
		key crypto.PublicKey
		err error
	)
	if pkcs1 {
		key, err = x509.ParsePKCS1PublicKey(der)
	} else {
		key, err = x509.ParsePKIXPublicKey(der)
	}
	if err != nil {
		return nil, fmt.Errorf("jwt: parse public key: %w", err)
	}
	if _, err := keyAlg(key); err != nil {
		return nil, fmt.Errorf("jwt: public key: %w", err)
	}
	return key, nil
}
