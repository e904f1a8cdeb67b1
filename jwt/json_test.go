package jwt

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestJSONReaderValidity checks the strict reader against the grammar on
// hand-picked documents, and against encoding/json: whatever it accepts
// must be valid JSON.
func TestJSONReaderValidity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		doc  string
		want error // nil: accepted
	}{
		{`{}`, nil},
		{` { "a" : 1 , "b" : [ ] , "c" : { } } `, nil},
		{`{"a":[1,-0,0.5,1e3,1E-3,-1.5e+2,true,false,null,"x",{"b":{}}]}`, nil},
		{`{"a":"\"\\\/\b\f\n\r\t\u0041\ud83d\ude00"}`, nil},
		{"{\"a\":\"\u00e9\u4e16\U0001F600\"}", nil},
		{`{"a":1,"a":2}`, errJSONDuplicate},
		{`{"a":1,"\u0061":2}`, errJSONDuplicate},
		{`{"x":{"a":1,"a":1}}`, errJSONDuplicate},
		{`{"x":[{"a":1,"a":1}]}`, errJSONDuplicate},
		{`{"a":1,}`, errJSONSyntax},
		{`{"a":[1,]}`, errJSONSyntax},
		{`{,"a":1}`, errJSONSyntax},
		{`{"a" 1}`, errJSONSyntax},
		{`{"a":01}`, errJSONSyntax},
		{`{"a":1.}`, errJSONSyntax},
		{`{"a":.5}`, errJSONSyntax},
		{`{"a":1e}`, errJSONSyntax},
		{`{"a":-}`, errJSONSyntax},
		{`{"a":+1}`, errJSONSyntax},
		{`{"a":NaN}`, errJSONSyntax},
		{`{"a":tru}`, errJSONSyntax},
		{`{"a":'x'}`, errJSONSyntax},
		{`{a:1}`, errJSONSyntax},
		{`{"a":"\x"}`, errJSONSyntax},
		{`{"a":"\u12"}`, errJSONSyntax},
		{`{"a":"\ud800"}`, errJSONUTF8},
		{`{"a":"\udc00"}`, errJSONUTF8},
		{`{"a":"\ud800\u0041"}`, errJSONUTF8},
		{"{\"a\":\"\xff\"}", errJSONUTF8},
		{"{\"a\":\"\xc0\xaf\"}", errJSONUTF8},     // overlong
		{"{\"a\":\"\xed\xa0\x80\"}", errJSONUTF8}, // encoded surrogate
		{"{\"\xff\":1}", errJSONUTF8},
		{"{\"a\":\"\t\"}", errJSONSyntax},
		{`{"a":"x`, errJSONSyntax},
		{`{"a":1`, errJSONSyntax},
		{`{"a":1}}`, errJSONSyntax},
		{`{"a":1} x`, errJSONSyntax},
		{"\ufeff{}", errJSONType},
		{`[]`, errJSONType},
		{``, errJSONType},
		{`{"a":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, errJSONDepth},
	}
	for _, tt := range tests {
		r := jsonReader{s: tt.doc}
		err := r.openObject()
		if err == nil {
			err = r.skipObjectBody()
		}
		if err == nil {
			err = r.end()
		}
		if !errors.Is(err, tt.want) {
			t.Errorf("%q: err = %v, want %v", tt.doc, err, tt.want)
		}
		if err == nil && !json.Valid([]byte(tt.doc)) {
			t.Errorf("%q accepted but encoding/json finds it invalid", tt.doc)
		}
	}
}

// skipObjectBody reads the members of an object already opened.
func (r *jsonReader) skipObjectBody() error {
	var seen memberSet
	for first := true; ; first = false {
		_, done, err := r.nextMember(&seen, first)
		if err != nil || done {
			return err
		}
		if err := r.skipValue(); err != nil {
			return err
		}
	}
}

func TestMemberSetSpill(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("{")
	for i := range 40 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%02d":1`, i)
	}
	ok := b.String() + "}"
	dup := b.String() + `,"k00":2}`
	lateDup := b.String() + `,"k39":2}`
	for doc, want := range map[string]error{ok: nil, dup: errJSONDuplicate, lateDup: errJSONDuplicate} {
		r := jsonReader{s: doc}
		err := r.skipValue()
		if !errors.Is(err, want) {
			t.Errorf("err = %v, want %v", err, want)
		}
	}
}

func TestReadNumericDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lit     string
		want    time.Time
		wantErr bool
	}{
		{"0", time.Unix(0, 0), false},
		{"1750000000", time.Unix(1750000000, 0), false},
		{"-1", time.Unix(-1, 0), false},
		{"1.5", time.Unix(1, 5e8), false},
		{"1e3", time.Unix(1000, 0), false},
		{"1099511627776", time.Unix(1<<40, 0), false},
		{"1099511627777", time.Time{}, true},
		{"1e300", time.Time{}, true},
		{"9223372036854775807", time.Time{}, true},
		{"-9223372036854775808", time.Time{}, true},
		{"99999999999999999999", time.Time{}, true},
		{`"1"`, time.Time{}, true},
	}
	for _, tt := range tests {
		r := jsonReader{s: tt.lit}
		got, err := r.readNumericDate()
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v", tt.lit, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.lit, got, tt.want)
		}
	}
}
