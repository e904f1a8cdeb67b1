package jwt

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// defaultMaxSize is the default size cap of a token, in bytes.
const defaultMaxSize = 8 << 10

// b64 is strict unpadded base64url: no padding, no '+' or '/', and the
// unused bits of the last character must be zero. Line breaks, which the
// decoder would skip, are rejected before decoding.
var b64 = base64.RawURLEncoding.Strict()

// Structural failures are common under attack; they are preallocated so a
// rejection costs nothing.
var (
	errTooLarge     = malformed("token exceeds the size limit")
	errOneSegment   = malformed("want 3 segments, got 1")
	errTwoSegments  = malformed("want 3 segments, got 2")
	errManySegments = malformed("want 3 segments, got more")
	errLineBreak    = malformed("line break in token")
	errB64Header    = malformed("header is not canonical base64url")
	errB64Payload   = malformed("payload is not canonical base64url")
	errB64Signature = malformed("signature is not canonical base64url")
)

// parsedToken is a compact JWS split and decoded, not yet verified.
type parsedToken struct {
	alg, kid     string
	typ, cat     string // "" when absent
	signingInput []byte // "<header>.<payload>" as sent
	signature    []byte
	claimsJSON   string // decoded payload; parsed only after the signature verified
}

// parseToken splits a compact JWS, decodes its three segments and parses
// its protected header. It never splits on untrusted input: it finds exactly
// two dots and stops at a third. All decoded bytes share one allocation.
func parseToken(token string, maxSize int) (parsedToken, error) {
	var p parsedToken
	if len(token) > maxSize {
		return p, errTooLarge
	}
	d1 := strings.IndexByte(token, '.')
	if d1 < 0 {
		return p, errOneSegment
	}
	d2 := strings.IndexByte(token[d1+1:], '.')
	if d2 < 0 {
		return p, errTwoSegments
	}
	d2 += d1 + 1
	if strings.IndexByte(token[d2+1:], '.') >= 0 {
		return p, errManySegments
	}
	if strings.IndexByte(token, '\n') >= 0 || strings.IndexByte(token, '\r') >= 0 {
		return p, errLineBreak
	}

	hdrN := b64.DecodedLen(d1)
	payN := b64.DecodedLen(d2 - d1 - 1)
	sigN := b64.DecodedLen(len(token) - d2 - 1)
	buf := make([]byte, len(token)+hdrN+payN+sigN)
	copy(buf, token)
	dec := buf[len(token):]

	n, err := b64.Decode(dec[:hdrN], buf[:d1])
	if err != nil || n != hdrN {
		return p, errB64Header
	}
	n, err = b64.Decode(dec[hdrN:hdrN+payN], buf[d1+1:d2])
	if err != nil || n != payN {
		return p, errB64Payload
	}
	n, err = b64.Decode(dec[hdrN+payN:], buf[d2+1:len(token)])
	if err != nil || n != sigN {
		return p, errB64Signature
	}

	text := string(dec[:hdrN+payN]) // header and claims share one string
	p.signingInput = buf[:d2]
	p.signature = dec[hdrN+payN:]
	p.claimsJSON = text[hdrN:]
	if err := p.parseHeader(text[:hdrN]); err != nil {
		return p, err
	}
	return p, nil
}

// parseHeader reads the JOSE header strictly. It keeps "alg" and "kid",
// checks "typ", "cty", "crit" and Clerk's "cat", and ignores everything
// else, notably "jku", "x5u", "jwk" and "x5c": keys never come from the
// token itself.
func (p *parsedToken) parseHeader(s string) error {
	r := jsonReader{s: s}
	if err := r.openObject(); err != nil {
		return malformed("header: " + err.Error())
	}
	var (
		seen                    memberSet
		hasAlg, hasCty, hasCrit bool
		hasTyp                  bool
		err                     error
	)
	for first := true; ; first = false {
		name, done, err2 := r.nextMember(&seen, first)
		if err2 != nil {
			return malformed("header: " + err2.Error())
		}
		if done {
			break
		}
		switch name {
		case "alg":
			p.alg, err = r.readString()
			hasAlg = true
		case "kid":
			p.kid, err = r.readString()
		case "typ":
			p.typ, err = r.readString()
			hasTyp = true
		case "cat":
			p.cat, err = r.readString()
			if err == nil && p.cat == "" {
				err = errJSONType
			}
		case "cty":
			hasCty = true
			err = r.skipValue()
		case "crit":
			hasCrit = true
			err = r.skipValue()
		default:
			err = r.skipValue()
		}
		if err != nil {
			return malformed("header " + strconv.Quote(truncate(name, 32)) + ": " + err.Error())
		}
	}
	if err := r.end(); err != nil {
		return malformed("header: " + err.Error())
	}
	switch {
	case !hasAlg:
		return malformed(`header "alg" missing`)
	case hasCrit:
		// No extension is understood, so any critical one is unknown.
		return fmt.Errorf(`%w: "crit" header names an unsupported extension`, ErrUnsupportedTokenType)
	case hasCty:
		return fmt.Errorf(`%w: "cty" header present (nested tokens are not accepted)`, ErrUnsupportedTokenType)
	case hasTyp && !strings.EqualFold(p.typ, "JWT") && !isOAuthTyp(p.typ):
		return fmt.Errorf(`%w: "typ" is %q, want JWT or at+jwt`, ErrUnsupportedTokenType, truncate(p.typ, 32))
	}
	switch p.cat {
	case "", catSession, catIgnore, catM2M:
	case catTemplate:
		return fmt.Errorf(`%w: "cat" %q marks a JWT template token`, ErrUnsupportedTokenType, p.cat)
	default:
		return fmt.Errorf(`%w: unknown "cat" %q`, ErrUnsupportedTokenType, truncate(p.cat, 32))
	}
	switch p.alg {
	case algRS256, algES256, algEdDSA:
		return nil
	}
	return fmt.Errorf("%w: %q", ErrUnsupportedAlgorithm, truncate(p.alg, 32))
}
