package jwt

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePublicKeyPEM(t *testing.T) {
	t.Parallel()
	k := keyring()
	std := publicPEM(t, &k.rsa.PublicKey)
	body := strings.Join(strings.Split(strings.TrimSpace(std), "\n")[1:len(strings.Split(strings.TrimSpace(std), "\n"))-1], "")
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)}))
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(k.rsa)
	if err != nil {
		t.Fatal(err)
	}
	private := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}))

	valid := []struct {
		name string
		in   string
		want crypto.PublicKey
	}{
		{"standard PEM", std, &k.rsa.PublicKey},
		{"surrounding white space", "\n  " + std + "\n\n", &k.rsa.PublicKey},
		{"literal \\n escapes", strings.ReplaceAll(std, "\n", `\n`), &k.rsa.PublicKey},
		{"one line with spaces", strings.ReplaceAll(strings.TrimSpace(std), "\n", " "), &k.rsa.PublicKey},
		{"one line without separators", "-----BEGIN PUBLIC KEY-----" + body + "-----END PUBLIC KEY-----", &k.rsa.PublicKey},
		{"bare base64 body", body, &k.rsa.PublicKey},
		{"PKCS #1", pkcs1, &k.rsa.PublicKey},
		{"EC P-256", publicPEM(t, &k.ec.PublicKey), &k.ec.PublicKey},
		{"Ed25519", publicPEM(t, k.ed.Public()), k.ed.Public()},
	}
	for _, tt := range valid {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePublicKeyPEM(tt.in)
			if err != nil {
				t.Fatalf("ParsePublicKeyPEM: %v", err)
			}
			if !sameKey(tt.want, got) {
				t.Errorf("parsed a different key")
			}
		})
	}

	invalid := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"garbage", "not a key"},
		{"private key", private},
		{"certificate label", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"},
		{"one line without END", "-----BEGIN PUBLIC KEY-----" + body},
		{"RSA 1024", publicPEM(t, &small.PublicKey)},
		{"EC P-384", publicPEM(t, &p384.PublicKey)},
		{"truncated body", body[:len(body)/2]},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if key, err := ParsePublicKeyPEM(tt.in); err == nil {
				t.Errorf("ParsePublicKeyPEM accepted it: %T", key)
			}
		})
	}
}

func TestParseJWKS(t *testing.T) {
	t.Parallel()
	k := keyring()
	rsaJWK := jwkOf("ins_rsa", &k.rsa.PublicKey)
	ecJWK := jwkOf("ins_ec", &k.ec.PublicKey)
	edJWK := jwkOf("ins_ed", k.ed.Public())
	set, err := ParseJWKS(testJWKS())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ins_ec", "ins_ed", "ins_rsa"}, set.KIDs()); diff != "" {
		t.Errorf("KIDs (-want +got):\n%s", diff)
	}
	if set.Len() != 3 {
		t.Errorf("Len = %d", set.Len())
	}
	for kid, want := range map[string]crypto.PublicKey{"ins_rsa": &k.rsa.PublicKey, "ins_ec": &k.ec.PublicKey, "ins_ed": k.ed.Public()} {
		got, err := set.Key(context.Background(), kid)
		if err != nil || !sameKey(want, got) {
			t.Errorf("Key(%q) = %v, %v", kid, got, err)
		}
	}
	if _, err := set.Key(context.Background(), "nope"); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("unknown kid: %v", err)
	}

	tests := []struct {
		name    string
		doc     []byte
		wantErr string   // "" for success
		kids    []string // on success
	}{
		{"skips encryption keys", jwksDoc(with(rsaJWK, "use", "enc"), ecJWK), "", []string{"ins_ec"}},
		{"skips other key types", jwksDoc(map[string]any{"kty": "oct", "k": "AAAA", "kid": "h"}, ecJWK), "", []string{"ins_ec"}},
		{"skips other curves", jwksDoc(with(ecJWK, "crv", "P-384", "kid", "p384"), with(edJWK, "crv", "X25519", "kid", "x"), rsaJWK), "", []string{"ins_rsa"}},
		{"skips keys whose alg differs from the pinned one", jwksDoc(with(rsaJWK, "alg", "RS512"), edJWK), "", []string{"ins_ed"}},
		{"accepts padded members", jwksDoc(with(edJWK, "x", b64u(k.ed.Public().(ed25519.PublicKey))+"=")), "", []string{"ins_ed"}},
		{"key without kid", jwksDoc(with(rsaJWK, "kid", nil)), "", []string{""}},
		{"not JSON", []byte(`{`), "parse JWKS", nil},
		{"no usable key", jwksDoc(with(rsaJWK, "use", "enc")), "no usable", nil},
		{"empty", []byte(`{"keys":[]}`), "no usable", nil},
		{"duplicate kid", jwksDoc(rsaJWK, with(ecJWK, "kid", "ins_rsa")), "duplicate kid", nil},
		{"RSA modulus missing", jwksDoc(with(rsaJWK, "n", nil)), "modulus", nil},
		{"RSA modulus too small", jwksDoc(with(rsaJWK, "n", b64u(k.rsa.N.Bytes()[:64]))), "bits", nil},
		{"RSA even exponent", jwksDoc(with(rsaJWK, "e", b64u([]byte{2}))), "exponent", nil},
		{"RSA huge exponent", jwksDoc(with(rsaJWK, "e", b64u([]byte{1, 0, 0, 0, 1}))), "exponent", nil},
		{"EC point off the curve", jwksDoc(with(ecJWK, "y", b64u(make([]byte, 32)))), "EC point", nil},
		{"EC short coordinate", jwksDoc(with(ecJWK, "x", b64u(make([]byte, 31)))), "size", nil},
		{"Ed25519 short key", jwksDoc(with(edJWK, "x", b64u(make([]byte, 31)))), "size", nil},
		{"bad base64", jwksDoc(with(edJWK, "x", "!!!")), "illegal", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set, err := ParseJWKS(tt.doc)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseJWKS = %v; want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.kids, set.KIDs()); diff != "" {
				t.Errorf("KIDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewKeySet(t *testing.T) {
	t.Parallel()
	k := keyring()
	set, err := NewKeySet(map[string]crypto.PublicKey{"a": &k.rsa.PublicKey, "b": k.ed.Public()})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := set.Key(context.Background(), "b"); err != nil || !sameKey(k.ed.Public(), got) {
		t.Errorf("Key(b) = %v, %v", got, err)
	}
	if _, err := NewKeySet(nil); err == nil {
		t.Error("empty set accepted")
	}
	if _, err := NewKeySet(map[string]crypto.PublicKey{"a": k.rsa}); err == nil {
		t.Error("private key accepted")
	}
}

func TestSameKey(t *testing.T) {
	t.Parallel()
	k := keyring()
	rsaCopy := k.rsa.PublicKey
	edCopy := append(ed25519.PublicKey(nil), k.ed.Public().(ed25519.PublicKey)...)
	tests := []struct {
		name string
		a, b crypto.PublicKey
		want bool
	}{
		{"same RSA pointer", &k.rsa.PublicKey, &k.rsa.PublicKey, true},
		{"equal RSA", &k.rsa.PublicKey, &rsaCopy, true},
		{"other RSA", &k.rsa.PublicKey, &k.rsaOther.PublicKey, false},
		{"RSA vs nil RSA", &k.rsa.PublicKey, (*rsa.PublicKey)(nil), false},
		{"RSA vs EC", &k.rsa.PublicKey, &k.ec.PublicKey, false},
		{"EC", &k.ec.PublicKey, &k.ec.PublicKey, true},
		{"EC vs nil EC", &k.ec.PublicKey, (*ecdsa.PublicKey)(nil), false},
		{"equal Ed25519", k.ed.Public(), edCopy, true},
		{"Ed25519 vs nil", k.ed.Public(), nil, false},
		{"unknown type", "x", "x", false},
	}
	for _, tt := range tests {
		if got := sameKey(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}
