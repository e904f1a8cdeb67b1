package jwt

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	gjwt "github.com/golang-jwt/jwt/v5"
)

// FuzzVerify feeds arbitrary tokens to a verifier holding RSA, EC and
// Ed25519 keys. Whatever the input, Verify must not panic, must return
// either claims or an error, and every error must match exactly one
// sentinel. Seeds: testdata/fuzz/FuzzVerify plus valid tokens minted here.
func FuzzVerify(f *testing.F) {
	k := keyring()
	for _, tok := range []string{
		mint(f, gjwt.SigningMethodRS256, k.rsa, "ins_rsa", v2Claims()),
		mint(f, gjwt.SigningMethodES256, k.ec, "ins_ec", v2Claims()),
		mint(f, gjwt.SigningMethodEdDSA, k.ed, "ins_ed", v2Claims()),
		handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"org_id":"org_1","org_permissions":["a"]}`, nil),
	} {
		f.Add(tok)
	}
	v, err := NewVerifier(WithJWKS(testJWKS()), WithClock(fixedClock), WithTokenCacheSize(16))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, token string) {
		claims, err := v.Verify(context.Background(), token)
		if (claims == nil) == (err == nil) {
			t.Fatalf("Verify = %v, %v", claims, err)
		}
		if err != nil {
			matched := 0
			for _, s := range sentinels {
				if errors.Is(err, s) {
					matched++
				}
			}
			if matched != 1 {
				t.Fatalf("error %q matches %d sentinels", err, matched)
			}
			return
		}
		if claims.Subject == "" || claims.Expiry.IsZero() {
			t.Fatalf("accepted claims without sub or exp: %+v", claims)
		}
	})
}

// FuzzParse fuzzes the parser below the signature: the token splitter and
// header reader on the input as a token, and the claims decoder on the
// input as a claim set, checked against encoding/json.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		claimsText(),
		`{"sub":"user_1","exp":1750000060,"v":2,"fea":"o:x","o":{"id":"org_1","rol":"admin","per":"a,b","fpm":"3"}}`,
		`{"sub":"user_1","exp":1750000060,"act":{"sub":"user_2"},"fva":[1,-1],"aud":["a"]}`,
		`{"sub":"\ud83d\ude00","exp":1.5e9,"x":[{"y":null},true,false,-0.0e-1]}`,
		rsHeader + "." + `{"alg":"RS256"}`,
		mintRS256(f, v2Claims()),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		if p, err := parseToken(s, DefaultMaxTokenSize); err == nil {
			switch p.alg {
			case algRS256, algES256, algEdDSA:
			default:
				t.Fatalf("header accepted alg %q", p.alg)
			}
		} else if !errors.Is(err, ErrMalformedToken) && !errors.Is(err, ErrUnsupportedAlgorithm) &&
			!errors.Is(err, ErrUnsupportedTokenType) {
			t.Fatalf("parseToken error %v matches no parse sentinel", err)
		}

		c, err := decodeClaims(s)
		if err != nil {
			if !errors.Is(err, ErrMalformedToken) {
				t.Fatalf("decodeClaims error %v is not ErrMalformedToken", err)
			}
			return
		}
		if !utf8.ValidString(s) || !json.Valid(data) {
			t.Fatalf("decodeClaims accepted invalid JSON %q", s)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("decodeClaims accepted %q, encoding/json refuses: %v", s, err)
		}
		if sub, _ := m["sub"].(string); sub != c.Subject || sub == "" {
			t.Fatalf("sub %q, encoding/json reads %q", c.Subject, sub)
		}
		if c.Version != 2 {
			return // v1 permissions are the token's own list, taken as signed
		}
		for _, p := range c.OrgPermissions {
			if !strings.HasPrefix(p, "org:") {
				t.Fatalf("permission %q without the org: prefix", p)
			}
		}
	})
}

// FuzzDecodePermissions checks the fea/per/fpm decoder against a plain
// reference implementation built on math/big.
func FuzzDecodePermissions(f *testing.F) {
	for _, v := range [][3]string{
		{"o:reports,o:billing,u:dashboard", "read,manage", "3,1"},
		{"o:dashboard,o:impersonation", "read,manage", "3,2"},
		{"u:profile,o:dashboard,o:impersonation", "read,manage", "3,2"},
		{"ou:shared,o:x", "a,b,c", "5,7"},
		{"o:x", "a,b", "7"},
		{"o:x", "a,b", "0"},
		{"o:x", "a,b", "zz"},
		{"uo:x,o:", "a,,b", "18446744073709551619,1"},
	} {
		f.Add(v[0], v[1], v[2])
	}
	f.Fuzz(func(t *testing.T, fea, per, fpm string) {
		got := decodeOrgPermissions(fea, per, fpm)
		want := referencePermissions(fea, per, fpm)
		if len(got) != len(want) {
			t.Fatalf("decode(%q, %q, %q) = %q; reference %q", fea, per, fpm, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("decode(%q, %q, %q) = %q; reference %q", fea, per, fpm, got, want)
			}
		}
	})
}

// referencePermissions restates the decoding rules the slow, obvious way.
func referencePermissions(fea, per, fpm string) []string {
	if fea == "" || per == "" || fpm == "" {
		return nil
	}
	names := strings.Split(per, ",")
	if len(names) > 64 {
		names = names[:64]
	}
	masks := strings.Split(fpm, ",")
	values := make([]*big.Int, len(masks))
	for i, m := range masks {
		if m == "" || strings.Trim(m, "0123456789") != "" {
			return nil
		}
		values[i], _ = new(big.Int).SetString(m, 10)
	}
	entries := strings.Split(fea, ",")
	for _, entry := range entries {
		parts := strings.Split(entry, ":")
		if len(parts) != 2 || parts[1] == "" {
			return nil
		}
		switch parts[0] {
		case "o", "u", "ou", "uo":
		default:
			return nil
		}
	}
	var out []string
	k := 0
	for _, entry := range entries {
		scope, feature, _ := strings.Cut(entry, ":")
		if scope != "o" && scope != "ou" && scope != "uo" {
			continue
		}
		if k >= len(values) {
			break
		}
		mask := values[k]
		k++
		if feature == "" {
			continue
		}
		for j, name := range names {
			if name != "" && mask.Bit(j) == 1 {
				out = append(out, "org:"+feature+":"+name)
			}
		}
	}
	return out
}

// FuzzCustomClaims checks that strict custom-claims decoding never panics
// and, when it accepts, agrees with encoding/json on a case-exact reading.
func FuzzCustomClaims(f *testing.F) {
	for _, s := range []string{
		`{"role":"viewer"}`, `{"role":"viewer","ROLE":"admin"}`, `{"inner":{"tier":"x"},"list":[{"name":"a"}]}`,
		`{"Role":1}`, `{"m":{"a":1,"A":2}}`, `[]`, `null`, `{"role":null}`,
	} {
		f.Add(s)
	}
	type target struct {
		Role  string `json:"role"`
		Inner struct {
			Tier string `json:"tier"`
		} `json:"inner"`
		List []struct {
			Name string `json:"name"`
		} `json:"list"`
		M map[string]int `json:"m"`
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v target
		if err := decodeCustom(s, &v); err != nil {
			return
		}
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &m) != nil {
			return
		}
		if raw, ok := m["role"]; ok {
			var want *string
			if json.Unmarshal(raw, &want) == nil && want != nil && *want != v.Role {
				t.Fatalf("role %q, exact member says %q", v.Role, *want)
			}
		}
	})
}
