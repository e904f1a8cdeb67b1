package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"reflect"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/pagination"
)

// sdkMethod is one exported method of one service of a clerk.Client.
type sdkMethod struct {
	service string // the Client field, e.g. "Users"
	name    string
	fn      reflect.Value // bound to the service
}

func (m sdkMethod) label() string { return m.service + "." + m.name }

// sdkMethods lists, by reflection, every exported method of every service
// field of c (pointer fields whose type has exported methods).
func sdkMethods(c *clerk.Client) []sdkMethod {
	var out []sdkMethod
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type.NumMethod() == 0 {
			continue
		}
		svc := v.Field(i)
		for j := 0; j < f.Type.NumMethod(); j++ {
			m := f.Type.Method(j)
			out = append(out, sdkMethod{service: f.Name, name: m.Name, fn: svc.Method(j)})
		}
	}
	return out
}

// tableByMethod indexes the operation table by "Service.Method".
func tableByMethod() map[string][]openapi.Operation {
	out := map[string][]openapi.Operation{}
	for _, o := range openapi.Operations() {
		k := o.Service + "." + o.Method
		out[k] = append(out[k], o)
	}
	return out
}

// specOperation finds an operation of doc by method and path template.
func specOperation(doc *openapi3.T, method, path string) *openapi3.Operation {
	item := doc.Paths.Value(path)
	if item == nil {
		return nil
	}
	return item.GetOperation(strings.ToUpper(method))
}

// sampleKID is the string given to arguments beyond the path's
// placeholders, such as JWKS.Key's kid; the validating server's key set
// carries a key with this id.
const sampleKID = "ins_2abcDEF3ghiJKL4mnoPQR5stuVW"

// sampleID is a realistic identifier for a path placeholder.
func sampleID(placeholder string) string {
	prefix := map[string]string{
		"user_id":                       "user_",
		"organization_id":               "org_",
		"invitation_id":                 "orginv_",
		"session_id":                    "sess_",
		"identifier_id":                 "alid_",
		"external_account_id":           "eac_",
		"passkey_identification_id":     "idn_",
		"web3_wallet_identification_id": "idn_",
		"trusted_device_id":             "td_",
		"email_address_id":              "idn_",
		"phone_number_id":               "idn_",
		"client_id":                     "client_",
		"sign_in_token_id":              "sit_",
		"actor_token_id":                "act_",
		"agent_task_id":                 "agtask_",
		"domain_id":                     "dmn_",
		"template_id":                   "jtmp_",
		"waitlist_entry_id":             "wle_",
		"machine_id":                    "mch_",
		"other_machine_id":              "mch_",
	}
	switch placeholder {
	case "template_name":
		return "my-template"
	case "provider":
		return "oauth_google"
	case "adminPortalLinkTokenID":
		return "aplt_0123456789abcdef0123456789abcdef"
	case "apiKeyID": // the spec's pattern: ak_ and 32 hex digits
		return "ak_3beecc9c60adb5f9b850e91a8ee1e992"
	case "m2m_token_id": // mt_ and 32 hex digits
		return "mt_f7f0ba8c3b4843ce7d85fcdd5e71853e"
	}
	p, ok := prefix[placeholder]
	if !ok {
		p = "id_"
	}
	return p + "2abcDEF3ghiJKL4mnoPQR5stuVW"
}

func placeholders(template string) []string {
	var out []string
	for rest := template; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, rest[i+1:i+j])
		rest = rest[i+j+1:]
	}
}

// tinyPNG is a valid 1x1 PNG, for profile image and logo uploads.
func tinyPNG() []byte {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
}

// argFiller builds a call's arguments from the spec: path ids for the
// string arguments, every query parameter and body property the params
// struct has, filled with values valid for the spec's schema.
type argFiller struct {
	op *openapi3.Operation
	// skip names query parameters and body properties to leave unset
	// (see exclusiveInputs).
	skip  map[string]bool
	ids   []string
	query map[string]*openapi3.Parameter
	body  *openapi3.SchemaRef
	// deprecated lists params fields left unset because the spec marks
	// their parameter or property deprecated.
	deprecated []string
	// opts are given as the method's trailing request options.
	opts []clerk.RequestOption
}

func newArgFiller(op *openapi3.Operation, path string) *argFiller {
	f := &argFiller{op: op, query: map[string]*openapi3.Parameter{}}
	for _, name := range placeholders(path) {
		f.ids = append(f.ids, sampleID(name))
	}
	for _, p := range op.Parameters {
		if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
			f.query[p.Value.Name] = p.Value
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, ct := range []string{"application/json", "multipart/form-data"} {
			if mt := op.RequestBody.Value.Content.Get(ct); mt != nil && mt.Schema != nil {
				f.body = mt.Schema
				break
			}
		}
	}
	return f
}

// args returns the arguments for a method of type ft (bound: no receiver).
func (f *argFiller) args(ctx context.Context, ft reflect.Type) []reflect.Value {
	out := make([]reflect.Value, ft.NumIn())
	nextID := 0
	for i := 0; i < ft.NumIn(); i++ {
		at := ft.In(i)
		switch {
		case ft.IsVariadic() && i == ft.NumIn()-1 && at == reflect.TypeFor[[]clerk.RequestOption]():
			out[i] = reflect.ValueOf(f.opts)
		case at == reflect.TypeFor[context.Context]():
			out[i] = reflect.ValueOf(ctx)
		case at.Kind() == reflect.String:
			// Path ids in order; a string beyond the placeholders (a key
			// id, a name) gets a plain value and the wire check judges.
			id := sampleKID
			if nextID < len(f.ids) {
				id = f.ids[nextID]
			}
			nextID++
			out[i] = reflect.ValueOf(id).Convert(at)
		case at.Kind() == reflect.Slice && at.Elem().Kind() == reflect.String:
			// Bulk calls by id (BanMany): two ids.
			s := reflect.MakeSlice(at, 2, 2)
			s.Index(0).SetString(sampleID("user_id"))
			s.Index(1).SetString(strings.Replace(sampleID("user_id"), "2abc", "9xyz", 1))
			out[i] = s
		case at.Kind() == reflect.Pointer && at.Elem().Kind() == reflect.Struct:
			p := reflect.New(at.Elem())
			f.fillStruct(p.Elem(), f.body, "")
			out[i] = p
		case at.Kind() == reflect.Slice && at.Elem().Kind() == reflect.Pointer && at.Elem().Elem().Kind() == reflect.Struct:
			// Bulk creates: two items of the body array's item schema.
			var items *openapi3.SchemaRef
			if f.body != nil && f.body.Value != nil {
				items = f.body.Value.Items
			}
			s := reflect.MakeSlice(at, 2, 2)
			for k := 0; k < 2; k++ {
				p := reflect.New(at.Elem().Elem())
				f.fillStruct(p.Elem(), items, fmt.Sprintf("[%d]", k))
				s.Index(k).Set(p)
			}
			out[i] = s
		default:
			out[i] = reflect.Zero(at)
		}
	}
	return out
}

// fillStruct sets every exported field of v: query-tagged fields from the
// operation's parameters, json-tagged fields from body (the schema of the
// object v encodes), and untagged ones by Go type (metadata, files).
func (f *argFiller) fillStruct(v reflect.Value, body *openapi3.SchemaRef, where string) {
	var props map[string]*openapi3.SchemaRef
	if body != nil && body.Value != nil {
		props = allProperties(body.Value)
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			f.fillStruct(fv, body, where)
			continue
		}
		if name, ok := tagName(sf, "query"); ok && f.skip[name] {
			continue
		}
		if name, ok := tagName(sf, "json"); ok && f.skip[name] {
			continue
		}
		if f.skip[snakeCase(sf.Name)] {
			continue
		}
		if name, ok := tagName(sf, "query"); ok {
			p := f.query[name]
			if p != nil && p.Deprecated {
				// A realistic call leaves deprecated parameters out
				// (Prism flags them); the field stays settable.
				f.deprecated = append(f.deprecated, fmt.Sprintf("%s%s (query %q)", where, sf.Name, name))
				continue
			}
			if p == nil {
				// Sent as is: the server reports an undeclared parameter
				// if the SDK puts it on the wire.
				setGeneric(fv)
				continue
			}
			f.setFromSchema(fv, p.Schema, name)
			continue
		}
		if name, ok := tagName(sf, "json"); ok {
			p := props[name]
			if p != nil && p.Value != nil && p.Value.Deprecated {
				f.deprecated = append(f.deprecated, fmt.Sprintf("%s%s (body %q)", where, sf.Name, name))
				continue
			}
			if p == nil {
				setGeneric(fv)
				continue
			}
			if (fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeFor[time.Time]()) || (fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Struct && fv.Type().Elem() != reflect.TypeFor[time.Time]()) {
				if fv.Kind() == reflect.Pointer {
					fv.Set(reflect.New(fv.Type().Elem()))
					fv = fv.Elem()
				}
				f.fillStruct(fv, p, where+name+".")
				continue
			}
			f.setFromSchema(fv, p, name)
			continue
		}
		// Untagged fields (bodies built by hand): match the spec property
		// by the field's snake_case name.
		if p := props[snakeCase(sf.Name)]; p != nil && fv.Kind() != reflect.Interface {
			f.setFromSchema(fv, p, snakeCase(sf.Name))
			continue
		}
		setGeneric(fv)
	}
}

// snakeCase turns a Go field name into the API's style: RedirectURL ->
// redirect_url, UserIDs -> user_ids.
func snakeCase(name string) string {
	name = strings.NewReplacer("IDs", "Ids", "URLs", "Urls").Replace(name)
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z'
			if (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9') || ((prev >= 'A' && prev <= 'Z') && nextLower) {
				b.WriteByte('_')
			}
		}
		if upper {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tagName returns a field's name in tag key; "-" and absent tags report
// false.
func tagName(sf reflect.StructField, key string) (string, bool) {
	tag, ok := sf.Tag.Lookup(key)
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || name == "" {
		return "", false
	}
	return name, true
}

// queryValue is a realistic value for well-known query parameters whose
// schema alone would give a poor one.
func queryValue(name string) (any, bool) {
	switch name {
	case "limit":
		return 20, true // larger than any mock page, so walks end
	case "offset":
		return 10, true // zero is never sent
	}
	return nil, false
}

// setFromSchema fills fv with a value valid for schema, through JSON so
// that the Go type decides the shape: a scalar parameter feeds a slice
// field (repeated keys), an array feeds a scalar field its first item.
// When the Go type cannot hold the spec's value at all, the field is
// filled by type and the wire check judges what the SDK sends.
func (f *argFiller) setFromSchema(fv reflect.Value, schema *openapi3.SchemaRef, name string) {
	var val any
	if v, ok := queryValue(name); ok && fv.Kind() == reflect.Pointer {
		val = v
	} else {
		val = newInstance(schema, full)
		if val == nil {
			setGeneric(fv)
			return
		}
	}
	val = realisticFor(name, val)
	target := fv.Type()
	for target.Kind() == reflect.Pointer {
		target = target.Elem()
	}
	arr, isArr := val.([]any)
	switch {
	case target.Kind() == reflect.Slice && target.Elem().Kind() != reflect.Uint8 && !isArr:
		val = []any{val, val}
	case target.Kind() == reflect.Slice && isArr && len(arr) == 1 && (schema.Value == nil || !schema.Value.UniqueItems):
		// Filters take several values: send two to show the key repeats.
		val = append(arr, arr[0])
	case target.Kind() != reflect.Slice && target.Kind() != reflect.Interface && isArr && len(arr) > 0:
		val = arr[0]
	}
	b, err := json.Marshal(val)
	if err != nil {
		setGeneric(fv)
		return
	}
	p := reflect.New(fv.Type())
	if err := json.Unmarshal(b, p.Interface()); err != nil {
		setGeneric(fv)
		return
	}
	fv.Set(p.Elem())
	// Durations are seconds on the wire (JWT lifetimes, clock skews).
	if d := reflect.Indirect(fv); d.IsValid() && d.Type() == reflect.TypeFor[time.Duration]() {
		d.SetInt(d.Int() * int64(time.Second))
	}
}

// realisticFor replaces the generator's unconstrained placeholder string
// ("value") with a value that looks like what the named field holds, so
// requests read like real ones (and Prism sees plausible data).
func realisticFor(name string, v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = realisticFor(name, e)
		}
		return out
	case float64:
		// Unix-millisecond bounds (created_at_after, ...).
		if x == 1 && strings.Contains(name, "_at") {
			return float64(1715500000000)
		}
		return v
	case string:
		if x != "value" {
			return x
		}
	default:
		return v
	}
	switch {
	case name == "order_by":
		return "-created_at"
	case name == "starting_after" || strings.HasSuffix(name, "user_id"):
		return sampleID("user_id")
	case strings.HasSuffix(name, "organization_id"):
		return sampleID("organization_id")
	case name == "client_id":
		return "client_2abcDEF3ghiJKL4mnoPQR5stuVW"
	case name == "provider_user_id" || name == "external_id":
		return "ext-4711"
	case strings.HasSuffix(name, "_id"):
		return sampleID(name)
	case name == "from_email_address":
		return "auth" // the local part only
	case strings.Contains(name, "email"):
		return "ada@example.com"
	case strings.Contains(name, "phone"):
		return "+15555550100"
	case strings.Contains(name, "web3_wallet"):
		return "0x0123456789abcdef0123456789abcdef01234567"
	case strings.Contains(name, "query") || strings.Contains(name, "username") || strings.HasSuffix(name, "_name"):
		return "ada"
	case name == "role":
		return "org:member"
	case name == "provider":
		return "oauth_google"
	case strings.HasSuffix(name, "url"):
		return "https://example.com/welcome"
	case strings.Contains(name, "password"):
		return "correct-horse-battery-staple"
	case name == "code":
		return "123456"
	case name == "name":
		return "Acme"
	case name == "slug":
		return "acme"
	}
	return v
}

// setGeneric fills a field by its Go type alone.
func setGeneric(fv reflect.Value) {
	t := fv.Type()
	switch {
	case t == reflect.TypeFor[io.Reader]():
		fv.Set(reflect.ValueOf(bytes.NewReader(tinyPNG())))
	case t.Kind() == reflect.Interface && t.NumMethod() == 0:
		fv.Set(reflect.ValueOf(map[string]any{"plan": "pro", "seats": 3}))
	case t == reflect.TypeFor[json.RawMessage]():
		fv.Set(reflect.ValueOf(json.RawMessage(`{"plan":"pro"}`)))
	case t.Kind() == reflect.String:
		fv.SetString("avatar.png")
	case t.Kind() == reflect.Bool:
		fv.SetBool(true)
	case t == reflect.TypeFor[time.Duration]():
		// A day: a whole number of days and of seconds, within every
		// API range of a lifetime (the shortest maximum is a day).
		fv.Set(reflect.ValueOf(24 * time.Hour))
	case fv.CanInt():
		fv.SetInt(1)
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		setGeneric(p.Elem())
		fv.Set(p)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		fv.Set(reflect.ValueOf([]string{"a", "b"}).Convert(t))
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
		m := reflect.MakeMap(t)
		e := reflect.New(t.Elem()).Elem()
		setGeneric(e)
		m.SetMapIndex(reflect.ValueOf("X-Forwarded-For").Convert(t.Key()), e)
		fv.Set(m)
	case t == reflect.TypeFor[time.Time]():
		fv.Set(reflect.ValueOf(time.Date(2026, 5, 12, 10, 0, 0, 0, time.UTC)))
	}
}

// callResult is what one SDK call returned.
type callResult struct {
	err   error
	items int // items yielded by an iterator, or -1
}

// maxWalk bounds iterator walks: mock servers answer every page alike.
const maxWalk = 3

// invoke calls fn with args and unpacks its results: an error last, or an
// iter.Seq2[*T, error] that is ranged over (at most maxWalk items).
func invoke(fn reflect.Value, args []reflect.Value) (res callResult) {
	res.items = -1
	defer func() {
		if r := recover(); r != nil {
			res.err = fmt.Errorf("panic: %v", r)
		}
	}()
	var out []reflect.Value
	if fn.Type().IsVariadic() {
		// The trailing ...core.RequestOption: args holds a nil slice.
		out = fn.CallSlice(args)
	} else {
		out = fn.Call(args)
	}
	if len(out) == 0 {
		return res
	}
	last := out[len(out)-1]
	if last.Type() == reflect.TypeFor[error]() {
		if !last.IsNil() {
			res.err = last.Interface().(error)
		}
		return res
	}
	if len(out) == 1 && last.Kind() == reflect.Func && last.Type().NumIn() == 1 {
		res.items = 0
		// iter.Seq2[*T, error]: call it with a yield that stops at the
		// first error or after maxWalk items.
		yt := last.Type().In(0)
		if yt.NumIn() != 2 || yt.In(1) != reflect.TypeFor[error]() {
			res.err = fmt.Errorf("unexpected iterator type %s", last.Type())
			return res
		}
		yield := reflect.MakeFunc(yt, func(in []reflect.Value) []reflect.Value {
			if !in[1].IsNil() {
				if err := in[1].Interface().(error); res.items > 0 && errors.Is(err, pagination.ErrCursorStuck) {
					// The mock answers every page alike, so a cursor
					// walk (Users.All) sees its first page again and
					// stops before yielding it twice: the walk worked.
					return []reflect.Value{reflect.ValueOf(false)}
				}
				res.err = in[1].Interface().(error)
				return []reflect.Value{reflect.ValueOf(false)}
			}
			res.items++
			return []reflect.Value{reflect.ValueOf(res.items < maxWalk)}
		})
		last.Call([]reflect.Value{yield})
	}
	return res
}
