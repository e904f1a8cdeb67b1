package reliability_test

import (
	"context"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
)

// argVariant says how TestSecretHygiene fills a method's arguments.
type argVariant int

const (
	zeroArgs  argVariant = iota // "" ids, nil params: refused before sending
	plainArgs                   // "user_x" ids, empty params
	oddArgs                     // ids with path characters, empty params
)

// TestSecretHygiene calls every exported method of every service, with
// empty, plain and odd arguments, against an API that answers only with
// faults and errors. No returned error, panic value or debug log line may
// show the secret key, and no method may panic.
func TestSecretHygiene(t *testing.T) {
	t.Parallel()
	servers := []struct {
		name string
		mix  mix
	}{
		{"fault mix", mix{fault429: 15, fault503: 15, fault502HTMLAfter: 20, faultResetBefore: 10, faultResetAfter: 15, faultTruncatedAfter: 15, faultSlowBody: 10}},
		{"plain answers (404s for unknown routes)", mix{faultNone: 100}},
	}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			api := newFakeAPI(t, s.mix)
			defer api.Close()
			api.latency = time.Millisecond
			logs := newSecretScanner()
			logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, tr := newClient(t, api.URL, clerk.WithLogger(logger))
			defer tr.CloseIdleConnections()
			services := map[string]reflect.Value{
				"Users": reflect.ValueOf(c.Users), "Organizations": reflect.ValueOf(c.Organizations),
				"Invitations": reflect.ValueOf(c.Invitations), "Sessions": reflect.ValueOf(c.Sessions),
				"Bans": reflect.ValueOf(c.Bans),
			}
			calls, errs := 0, 0
			for name, svc := range services {
				for i := range svc.NumMethod() {
					m := svc.Method(i)
					method := name + "." + svc.Type().Method(i).Name
					for _, v := range []argVariant{zeroArgs, plainArgs, oddArgs} {
						calls++
						for _, res := range callMethod(m, v) {
							errs++
							if res.panicked {
								t.Errorf("%s (%v args) panicked: %v", method, v, res.value)
							}
							if shows(res.value) {
								t.Errorf("%s (%v args) shows the key: %v", method, v, res.value)
							}
						}
					}
				}
			}
			lines, _, leaks := logs.result()
			if len(leaks) > 0 {
				t.Errorf("debug log shows the key: %q", leaks)
			}
			t.Logf("%d calls of every service method, %d errors and %d log lines scanned", calls, errs, lines)
			if errs < calls/2 || lines == 0 {
				t.Errorf("only %d errors from %d calls and %d log lines: the error paths were not reached", errs, calls, lines)
			}
		})
	}
}

// outcome is an error a call returned, or a value it panicked with.
type outcome struct {
	value    any
	panicked bool
}

// callMethod calls m with arguments of the given variant and returns its
// errors (one per call; an iterator's yielded error) and any panic.
func callMethod(m reflect.Value, v argVariant) (out []outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = append(out, outcome{value: r, panicked: true})
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	mt := m.Type()
	in := make([]reflect.Value, mt.NumIn())
	for i := range in {
		in[i] = argOf(mt.In(i), v, ctx)
	}
	call := m.Call
	if mt.IsVariadic() {
		// The trailing request options arrive as one slice.
		call = m.CallSlice
	}
	for _, r := range call(in) {
		if r.Type().Implements(reflect.TypeFor[error]()) && !r.IsNil() {
			out = append(out, outcome{value: r.Interface()})
		}
		if r.Kind() == reflect.Func && r.Type().NumIn() == 1 && !r.IsNil() {
			// An iter.Seq2[*T, error]: range a few items.
			n := 0
			for _, e := range r.Seq2() {
				if !e.IsNil() {
					out = append(out, outcome{value: e.Interface()})
					break
				}
				if n++; n == 3 {
					break
				}
			}
		}
	}
	return out
}

func argOf(t reflect.Type, v argVariant, ctx context.Context) reflect.Value {
	if t == reflect.TypeFor[context.Context]() {
		return reflect.ValueOf(ctx)
	}
	if v == zeroArgs {
		return reflect.Zero(t)
	}
	switch t.Kind() {
	case reflect.String:
		if v == oddArgs {
			return reflect.ValueOf("../x/%2F?q=#frag é").Convert(t)
		}
		return reflect.ValueOf("user_x").Convert(t)
	case reflect.Pointer:
		return reflect.New(t.Elem())
	case reflect.Slice:
		s := reflect.MakeSlice(t, 2, 2)
		for i := range 2 {
			s.Index(i).Set(argOf(t.Elem(), v, ctx))
		}
		return s
	}
	return reflect.Zero(t)
}

func (v argVariant) String() string { return [...]string{"zero", "plain", "odd"}[v] }
