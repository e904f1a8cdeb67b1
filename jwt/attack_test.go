package jwt

import (
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"
)

var errorsIs = errors.Is

// claimsText is the JSON text of the typical v2 claims, for hand-made tokens.
func claimsText() string { return jsonText(v2Claims()) }

const rsHeader = `{"alg":"RS256","kid":"ins_rsa","typ":"JWT"}`

// segments splits a well-formed test token (never untrusted input).
func segments(tok string) (h, p, s string) {
	parts := strings.Split(tok, ".")
	return parts[0], parts[1], parts[2]
}

// flipSignatureBit flips one bit of the decoded signature.
func flipSignatureBit(tok string) string {
	h, p, s := segments(tok)
	sig, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	sig[len(sig)/2] ^= 0x01
	return h + "." + p + "." + b64u(sig)
}

// nonCanonicalLastChar changes the unused low bits of a segment's last
// character, which a lax decoder maps to the same bytes.
func nonCanonicalLastChar(seg string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	if len(seg)%4 < 2 {
		panic("segment has no unused bits")
	}
	last := strings.IndexByte(alphabet, seg[len(seg)-1])
	return seg[:len(seg)-1] + string(alphabet[last^1])
}

// ecdsaZeroSigToken is an ES256 token whose signature is r = s = 0.
func ecdsaZeroSigToken() string {
	input := b64u([]byte(`{"alg":"ES256","kid":"ins_ec","typ":"JWT"}`)) + "." + b64u([]byte(claimsText()))
	return input + "." + b64u(make([]byte, 64))
}

// ecdsaOrderSigToken is an ES256 token whose signature is r = s = n (the
// group order), which is 0 modulo n.
func ecdsaOrderSigToken() string {
	input := b64u([]byte(`{"alg":"ES256","kid":"ins_ec","typ":"JWT"}`)) + "." + b64u([]byte(claimsText()))
	n := keyring().ec.Curve.Params().N.FillBytes(make([]byte, 32))
	return input + "." + b64u(append(n, n...))
}

// TestVerifyRejects is the attack table: every input a session verifier
// must refuse, with the one sentinel error it must report.
func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	k := keyring()
	pubPEM := publicPEM(t, &k.rsa.PublicKey)
	claims := v2Claims()
	valid := mintRS256(t, claims)
	vh, vp, vs := segments(valid)

	tests := []struct {
		name  string
		token func(t *testing.T) string
		opts  []Option
		want  error
	}{
		// Algorithms.
		{"alg none, empty signature", func(*testing.T) string {
			return b64u([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + vp + "."
		}, nil, ErrUnsupportedAlgorithm},
		{"alg none via golang-jwt", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodNone, gjwt.UnsafeAllowNoneSignatureType, "ins_rsa", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"alg none with a signature", func(*testing.T) string {
			return b64u([]byte(`{"alg":"none","kid":"ins_rsa"}`)) + "." + vp + "." + vs
		}, nil, ErrUnsupportedAlgorithm},
		{"alg None (case)", func(*testing.T) string {
			return handToken(`{"alg":"None","kid":"ins_rsa"}`, claimsText(), nil)
		}, nil, ErrUnsupportedAlgorithm},
		{"HS256 keyed with the public key PEM", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodHS256, []byte(pubPEM), "ins_rsa", claims)
		}, []Option{WithPEM(pubPEM)}, ErrUnsupportedAlgorithm},
		{"RS512 with the right key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS512, k.rsa, "ins_rsa", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"PS256 with the right key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodPS256, k.rsa, "ins_rsa", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"ES256 naming the RSA key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodES256, k.ec, "ins_rsa", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"RS256 naming the EC key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_ec", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"RS256 naming the Ed25519 key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_ed", claims)
		}, nil, ErrUnsupportedAlgorithm},
		{"alg not a string", func(*testing.T) string {
			return handToken(`{"alg":["RS256"],"kid":"ins_rsa"}`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"alg missing", func(*testing.T) string {
			return handToken(`{"kid":"ins_rsa"}`, claimsText(), nil)
		}, nil, ErrMalformedToken},

		// Header extensions and token types.
		{"unknown crit", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","crit":["x-unknown"],"x-unknown":1}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"crit naming b64", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","b64":false,"crit":["b64"]}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"empty crit", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","crit":[]}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"typ at+jwt", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"at+jwt"}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"typ JWE", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"JWE"}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"typ not a string", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","typ":1}`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"cty JWT (nested token)", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","cty":"JWT"}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"cty null", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","cty":null}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"M2M token category", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"JWT","cat":"cl_B7d4PD222AAA"}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},
		{"OAuth token category", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","cat":"cl_B7d4PD444AAA"}`, claimsText(), nil)
		}, nil, ErrUnsupportedTokenType},

		// Structure.
		{"empty token", func(*testing.T) string { return "" }, nil, ErrMalformedToken},
		{"1 segment", func(*testing.T) string { return vh }, nil, ErrMalformedToken},
		{"2 segments", func(*testing.T) string { return vh + "." + vp }, nil, ErrMalformedToken},
		{"4 segments", func(*testing.T) string { return valid + "." + vs }, nil, ErrMalformedToken},
		{"5 segments (JWE shape)", func(*testing.T) string { return vh + "." + vp + "." + vs + "." + vs + "." + vs }, nil, ErrMalformedToken},
		{"trailing dot", func(*testing.T) string { return valid + "." }, nil, ErrMalformedToken},
		{"10,000 dots", func(*testing.T) string { return strings.Repeat(".", 10000) }, nil, ErrMalformedToken},
		{"10,000 dots under a raised size cap", func(*testing.T) string {
			return strings.Repeat(".", 10000)
		}, []Option{WithMaxTokenSize(1 << 20)}, ErrMalformedToken},
		{"oversize", func(*testing.T) string {
			return handToken(rsHeader, jsonText(with(claims, "pad", strings.Repeat("a", DefaultMaxTokenSize))), nil)
		}, nil, ErrMalformedToken},
		{"oversize by one byte", func(*testing.T) string {
			return valid + strings.Repeat("A", DefaultMaxTokenSize+1-len(valid))
		}, nil, ErrMalformedToken},
		{"empty header", func(*testing.T) string { return "." + vp + "." + vs }, nil, ErrMalformedToken},

		// base64url strictness.
		{"padding on the signature", func(*testing.T) string { return valid + "==" }, nil, ErrMalformedToken},
		{"padding on the header", func(*testing.T) string {
			return base64.URLEncoding.EncodeToString([]byte(rsHeader+" ")) + "." + vp + "." + vs
		}, nil, ErrMalformedToken},
		{"standard alphabet", func(*testing.T) string {
			sig, _ := base64.RawURLEncoding.DecodeString(vs)
			std := base64.RawStdEncoding.EncodeToString(sig)
			if std == vs {
				t.Skip("signature has no characters outside the shared alphabet")
			}
			return vh + "." + vp + "." + std
		}, nil, ErrMalformedToken},
		{"line feed inside the payload", func(*testing.T) string {
			return vh + "." + vp[:10] + "\n" + vp[10:] + "." + vs
		}, nil, ErrMalformedToken},
		{"carriage return inside the signature", func(*testing.T) string {
			return vh + "." + vp + "." + vs[:10] + "\r" + vs[10:]
		}, nil, ErrMalformedToken},
		{"space inside the payload", func(*testing.T) string {
			return vh + "." + vp[:10] + " " + vp[10:] + "." + vs
		}, nil, ErrMalformedToken},
		{"tab before the token", func(*testing.T) string { return "\t" + valid }, nil, ErrMalformedToken},
		{"non-canonical last character of the signature", func(*testing.T) string {
			return vh + "." + vp + "." + nonCanonicalLastChar(vs)
		}, nil, ErrMalformedToken},
		{"non-canonical last character of the header", func(*testing.T) string {
			hdr := rsHeader
			for len(hdr)%3 == 0 {
				hdr += " "
			}
			return nonCanonicalLastChar(b64u([]byte(hdr))) + "." + vp + "." + vs
		}, nil, ErrMalformedToken},
		{"impossible segment length", func(*testing.T) string {
			p := vp
			for len(p)%4 != 1 {
				p += "A"
			}
			return vh + "." + p + "." + vs
		}, nil, ErrMalformedToken},

		// Header JSON.
		{"duplicate alg in header", func(*testing.T) string {
			return handToken(`{"alg":"HS256","alg":"RS256","kid":"ins_rsa"}`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"duplicate kid in header", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_ec","kid":"ins_rsa"}`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"header not an object", func(*testing.T) string {
			return handToken(`["RS256"]`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"header with trailing data", func(*testing.T) string {
			return handToken(rsHeader+`{}`, claimsText(), nil)
		}, nil, ErrMalformedToken},
		{"invalid UTF-8 in header", func(*testing.T) string {
			return handToken("{\"alg\":\"RS256\",\"kid\":\"ins_rsa\",\"x\":\"\xff\"}", claimsText(), nil)
		}, nil, ErrMalformedToken},

		// Claims JSON (validly signed).
		{"duplicate sub", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_evil","exp":1750000060,"sub":"user_1"}`, nil)
		}, nil, ErrMalformedToken},
		{"duplicate exp", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1,"exp":1750000060}`, nil)
		}, nil, ErrMalformedToken},
		{"duplicate through an escape", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"\u0073ub":"user_evil"}`, nil)
		}, nil, ErrMalformedToken},
		{"duplicate inside o", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"v":2,"o":{"rol":"member","rol":"admin"}}`, nil)
		}, nil, ErrMalformedToken},
		{"duplicate in a custom claim", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"meta":{"a":1,"b":{"c":1,"c":2}}}`, nil)
		}, nil, ErrMalformedToken},
		{"invalid UTF-8 in a claim", func(*testing.T) string {
			return handToken(rsHeader, "{\"sub\":\"user_\xc3\x28\",\"exp\":1750000060}", nil)
		}, nil, ErrMalformedToken},
		{"invalid UTF-8 in a custom claim", func(*testing.T) string {
			return handToken(rsHeader, "{\"sub\":\"user_1\",\"exp\":1750000060,\"x\":[\"\xed\xa0\x80\"]}", nil)
		}, nil, ErrMalformedToken},
		{"lone surrogate escape", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_\ud800","exp":1750000060}`, nil)
		}, nil, ErrMalformedToken},
		{"control character in a string", func(*testing.T) string {
			return handToken(rsHeader, "{\"sub\":\"user\x01\",\"exp\":1750000060}", nil)
		}, nil, ErrMalformedToken},
		{"claims not an object", func(*testing.T) string {
			return handToken(rsHeader, `[1750000060]`, nil)
		}, nil, ErrMalformedToken},
		{"claims with trailing data", func(*testing.T) string {
			return handToken(rsHeader, claimsText()+`x`, nil)
		}, nil, ErrMalformedToken},
		{"claims nested too deeply", func(*testing.T) string {
			deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
			return handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"x":`+deep+`}`, nil)
		}, nil, ErrMalformedToken},
		{"exp missing", func(t *testing.T) string { return mintRS256(t, with(claims, "exp", nil)) }, nil, ErrMalformedToken},
		{"exp a string", func(t *testing.T) string {
			return mintRS256(t, with(claims, "exp", "1750000060"))
		}, nil, ErrMalformedToken},
		{"exp null", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":null}`, nil)
		}, nil, ErrMalformedToken},
		{"exp true", func(t *testing.T) string { return mintRS256(t, with(claims, "exp", true)) }, nil, ErrMalformedToken},
		{"exp out of range", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1e300}`, nil)
		}, nil, ErrMalformedToken},
		{"nbf so far ahead it would wrap", func(*testing.T) string {
			return handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"nbf":9223372036854775807}`, nil)
		}, nil, ErrMalformedToken},
		{"nbf a string", func(t *testing.T) string { return mintRS256(t, with(claims, "nbf", "0")) }, nil, ErrMalformedToken},
		{"sub missing", func(t *testing.T) string { return mintRS256(t, with(claims, "sub", nil)) }, nil, ErrMalformedToken},
		{"sub empty", func(t *testing.T) string { return mintRS256(t, with(claims, "sub", "")) }, nil, ErrMalformedToken},
		{"sub a number", func(t *testing.T) string { return mintRS256(t, with(claims, "sub", 42)) }, nil, ErrMalformedToken},
		{"azp an array", func(t *testing.T) string {
			return mintRS256(t, with(claims, "azp", []string{"https://app.example.com"}))
		}, nil, ErrMalformedToken},
		{"org role not a string", func(t *testing.T) string {
			return mintRS256(t, with(claims, "o", map[string]any{"id": "org_1", "rol": 1}))
		}, nil, ErrMalformedToken},
		{"fva of three numbers", func(t *testing.T) string {
			return mintRS256(t, with(claims, "fva", []int{1, 2, 3}))
		}, nil, ErrMalformedToken},

		// Time.
		{"expired", func(t *testing.T) string {
			return mintRS256(t, with(claims, "exp", testNow.Unix()-6))
		}, nil, ErrTokenExpired},
		{"expired long ago", func(t *testing.T) string {
			return mintRS256(t, with(claims, "exp", testNow.Unix()-86400))
		}, nil, ErrTokenExpired},
		{"expired at now with zero leeway", func(t *testing.T) string {
			return mintRS256(t, with(claims, "exp", testNow.Unix()))
		}, []Option{WithLeeway(0)}, ErrTokenExpired},
		{"nbf in the future beyond leeway", func(t *testing.T) string {
			return mintRS256(t, with(claims, "nbf", testNow.Unix()+6))
		}, nil, ErrTokenNotYetValid},
		{"iat in the future beyond leeway", func(t *testing.T) string {
			return mintRS256(t, with(claims, "iat", testNow.Unix()+6))
		}, nil, ErrTokenNotYetValid},
		{"iat one second ahead with zero leeway", func(t *testing.T) string {
			return mintRS256(t, with(claims, "iat", testNow.Unix()+1))
		}, []Option{WithLeeway(0)}, ErrTokenNotYetValid},

		// Issuer and party.
		{"wrong issuer", func(t *testing.T) string {
			return mintRS256(t, with(claims, "iss", "https://clerk.evil.example"))
		}, []Option{WithIssuer("https://clerk.example.com")}, ErrInvalidIssuer},
		{"issuer missing while configured", func(t *testing.T) string {
			return mintRS256(t, with(claims, "iss", nil))
		}, []Option{WithIssuer("https://clerk.example.com")}, ErrInvalidIssuer},
		{"issuer differing by a trailing slash", func(t *testing.T) string {
			return mintRS256(t, with(claims, "iss", "https://clerk.example.com/"))
		}, []Option{WithIssuer("https://clerk.example.com")}, ErrInvalidIssuer},
		{"azp wrong", func(t *testing.T) string {
			return mintRS256(t, with(claims, "azp", "https://evil.example"))
		}, []Option{WithAuthorizedParties("https://app.example.com")}, ErrUnauthorizedParty},
		{"azp missing while parties are set", func(t *testing.T) string {
			return mintRS256(t, with(claims, "azp", nil))
		}, []Option{WithAuthorizedParties("https://app.example.com")}, ErrUnauthorizedParty},
		{"azp empty while parties are set", func(t *testing.T) string {
			return mintRS256(t, with(claims, "azp", ""))
		}, []Option{WithAuthorizedParties("https://app.example.com")}, ErrUnauthorizedParty},

		// Keys and signatures.
		{"unknown kid", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_gone", claims)
		}, nil, ErrUnknownKey},
		{"kid missing with a JWKS", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsa, "", claims)
		}, nil, ErrUnknownKey},
		{"flipped signature bit", func(*testing.T) string { return flipSignatureBit(valid) }, nil, ErrInvalidSignature},
		{"empty signature", func(*testing.T) string { return vh + "." + vp + "." }, nil, ErrInvalidSignature},
		{"truncated signature", func(*testing.T) string {
			sig, _ := base64.RawURLEncoding.DecodeString(vs)
			return vh + "." + vp + "." + b64u(sig[:len(sig)-3])
		}, nil, ErrInvalidSignature},
		{"payload swapped under a valid signature", func(t *testing.T) string {
			_, p, _ := segments(mintRS256(t, with(claims, "sub", "user_admin")))
			return vh + "." + p + "." + vs
		}, nil, ErrInvalidSignature},
		{"signed by another key", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsaOther, "ins_rsa", claims)
		}, nil, ErrInvalidSignature},
		{"signed by another key with PEM", func(t *testing.T) string {
			return mint(t, gjwt.SigningMethodRS256, k.rsaOther, "ins_rsa", claims)
		}, []Option{WithPEM(pubPEM)}, ErrInvalidSignature},
		{"attacker key embedded as jwk header", func(*testing.T) string {
			other := jsonText(jwkOf("x", &k.rsaOther.PublicKey))
			return handToken(`{"alg":"RS256","kid":"ins_rsa","jwk":`+other+`}`, claimsText(), k.rsaOther)
		}, nil, ErrInvalidSignature},
		{"attacker jku header", func(*testing.T) string {
			return handToken(`{"alg":"RS256","kid":"ins_rsa","jku":"https://evil.example/jwks"}`, claimsText(), k.rsaOther)
		}, nil, ErrInvalidSignature},
		{"expired and badly signed: signature first", func(t *testing.T) string {
			return flipSignatureBit(mintRS256(t, with(claims, "exp", 1)))
		}, nil, ErrInvalidSignature},
		{"garbage claims and badly signed: signature first", func(*testing.T) string {
			return vh + "." + b64u([]byte(`{"sub":`)) + "." + vs
		}, nil, ErrInvalidSignature},
		{"ECDSA r = s = 0", func(*testing.T) string { return ecdsaZeroSigToken() }, nil, ErrInvalidSignature},
		{"ECDSA r = s = n", func(*testing.T) string { return ecdsaOrderSigToken() }, nil, ErrInvalidSignature},
		{"ECDSA signature of the wrong length", func(t *testing.T) string {
			h, p, s := segments(mint(t, gjwt.SigningMethodES256, k.ec, "ins_ec", claims))
			sig, _ := base64.RawURLEncoding.DecodeString(s)
			return h + "." + p + "." + b64u(append(sig, 0))
		}, nil, ErrInvalidSignature},
		{"ECDSA signature in ASN.1 form", func(t *testing.T) string {
			h, p, s := segments(mint(t, gjwt.SigningMethodES256, k.ec, "ins_ec", claims))
			sig, _ := base64.RawURLEncoding.DecodeString(s)
			r, ss := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			return h + "." + p + "." + b64u(asn1Sig(r, ss))
		}, nil, ErrInvalidSignature},
		{"EdDSA flipped signature", func(t *testing.T) string {
			return flipSignatureBit(mint(t, gjwt.SigningMethodEdDSA, k.ed, "ins_ed", claims))
		}, nil, ErrInvalidSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := tt.token(t)
			v := newTestVerifier(t, tt.opts...)
			claims, err := v.Verify(context.Background(), tok)
			if claims != nil {
				t.Errorf("Verify returned claims %+v with error %v", claims, err)
			}
			checkSentinel(t, err, tt.want)
		})
	}
}

// asn1Sig encodes (r, s) as a DER ECDSA-Sig-Value.
func asn1Sig(r, s *big.Int) []byte {
	enc := func(x *big.Int) []byte {
		b := x.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return append([]byte{0x02, byte(len(b))}, b...)
	}
	body := append(enc(r), enc(s)...)
	return append([]byte{0x30, byte(len(body))}, body...)
}

// TestVerifyRejectsCheaply checks that hostile shapes are refused before any
// decoding work: no allocation beyond the error.
func TestVerifyRejectsCheaply(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	v := newTestVerifier(t, WithMaxTokenSize(1<<20))
	dots := strings.Repeat(".", 10000)
	huge := strings.Repeat("A", 2<<20)
	ctx := context.Background()
	for name, tok := range map[string]string{"10,000 dots": dots, "oversize": huge} {
		start := time.Now()
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := v.Verify(ctx, tok); !errors.Is(err, ErrMalformedToken) {
				t.Fatalf("%s: err = %v", name, err)
			}
		})
		if allocs > 0 {
			t.Errorf("%s: %v allocations per rejection; want none", name, allocs)
		}
		t.Logf("%s: %v allocs, %v for 101 runs", name, allocs, time.Since(start))
	}
}

// TestVerifyTimeBoundaries checks the leeway on each side.
func TestVerifyTimeBoundaries(t *testing.T) {
	t.Parallel()
	now := testNow.Unix()
	tests := []struct {
		name   string
		claims map[string]any
		leeway time.Duration
		want   error
	}{
		{"exp 4 s ago within the 5 s leeway", with(v2Claims(), "exp", now-4), DefaultLeeway, nil},
		{"exp exactly leeway ago", with(v2Claims(), "exp", now-5), DefaultLeeway, ErrTokenExpired},
		{"exp 1 s ahead, no leeway", with(v2Claims(), "exp", now+1), 0, nil},
		{"nbf 5 s ahead within leeway", with(v2Claims(), "nbf", now+5), DefaultLeeway, nil},
		{"nbf 6 s ahead", with(v2Claims(), "nbf", now+6), DefaultLeeway, ErrTokenNotYetValid},
		{"iat 5 s ahead within leeway", with(v2Claims(), "iat", now+5), DefaultLeeway, nil},
		{"nbf and iat absent", with(v2Claims(), "nbf", nil, "iat", nil), 0, nil},
		{"leeway of a minute", with(v2Claims(), "exp", now-59), time.Minute, nil},
		{"fractional exp", with(v2Claims(), "exp", float64(now)+0.5), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newTestVerifier(t, WithLeeway(tt.leeway))
			_, err := v.Verify(context.Background(), mintRS256(t, tt.claims))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			checkSentinel(t, err, tt.want)
		})
	}
}

// Compile-time checks of the key types the attack table relies on.
var (
	_ = (*rsa.PublicKey)(nil)
	_ = (*ecdsa.PublicKey)(nil)
)
