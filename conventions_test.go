package clerk_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/openapi"
)

// The rules of CONTRIBUTING.md that a program can check, over every
// method of the operation table. A new service that breaks them fails
// here.

var (
	ctxType     = reflect.TypeFor[context.Context]()
	errType     = reflect.TypeFor[error]()
	optionsType = reflect.TypeFor[[]core.RequestOption]()
	deletedType = reflect.TypeFor[*core.DeletedObject]()
)

// serviceMethods maps "Service.Method" to the method's type (receiver
// bound), for every service field of Client.
func serviceMethods(t *testing.T) map[string]reflect.Type {
	t.Helper()
	c, err := clerk.NewClient("sk_test_conventions")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]reflect.Type{}
	v := reflect.ValueOf(c).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
			continue
		}
		for j := 0; j < f.Type.NumMethod(); j++ {
			m := f.Type.Method(j)
			out[f.Name+"."+m.Name] = v.Field(i).Method(j).Type()
		}
	}
	return out
}

func TestConventionsHoldForEveryOperation(t *testing.T) {
	t.Parallel()
	methods := serviceMethods(t)
	seen := map[string]bool{}
	for _, op := range openapi.Operations() {
		name := op.Service + "." + op.Method
		if seen[name] {
			continue
		}
		seen[name] = true
		ft, ok := methods[name]
		if !ok {
			t.Errorf("%s: in the operation table but not a method of Client.%s", name, op.Service)
			continue
		}
		for _, problem := range conventionProblems(op.Method, ft, methods, op.Service) {
			t.Errorf("%s: %s", name, problem)
		}
	}
	if len(seen) == 0 {
		t.Fatal("empty operation table")
	}
}

// fixedSignatures are methods whose signature another interface fixes:
// JWKS.Key and JWKS.Refresh make the service a jwt.KeySource (and a
// refresher), which carries no request options.
var fixedSignatures = map[string]bool{"JWKS.Key": true, "JWKS.Refresh": true}

// conventionProblems lists how a method breaks the shape rules.
func conventionProblems(method string, ft reflect.Type, all map[string]reflect.Type, service string) []string {
	if fixedSignatures[service+"."+method] {
		return nil
	}
	var out []string
	if ft.NumIn() == 0 || ft.In(0) != ctxType {
		out = append(out, "the first parameter must be context.Context")
	}
	if !ft.IsVariadic() || ft.In(ft.NumIn()-1) != optionsType {
		out = append(out, "the last parameter must be opts ...core.RequestOption")
	}
	for i := 1; i < ft.NumIn()-1; i++ {
		in := ft.In(i)
		switch {
		case in.Kind() == reflect.String, in.Kind() == reflect.Slice:
		case in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct:
			if !strings.HasSuffix(in.Elem().Name(), "Params") {
				out = append(out, "params types are named ...Params, not "+in.Elem().Name())
			}
		default:
			out = append(out, "parameters are IDs (string), a *...Params, or a slice for bulk calls; got "+in.String())
		}
	}
	iterator := ft.NumOut() == 1 && ft.Out(0).Kind() == reflect.Func
	if !iterator && (ft.NumOut() == 0 || ft.Out(ft.NumOut()-1) != errType) {
		out = append(out, "the last result must be error (or the method returns an iterator)")
	}
	switch {
	case method == "Get":
		// Get(ctx, id, opts...); a singleton (the instance, the key set)
		// has no id: Get(ctx, opts...).
		byID := ft.NumIn() == 3 && ft.In(1).Kind() == reflect.String
		if !byID && ft.NumIn() != 2 {
			out = append(out, "Get takes (ctx, id, opts...): lookups by other keys are their own method (GetBySlug)")
		}
	case strings.HasPrefix(method, "All"):
		if !iterator || !isSeq2(ft.Out(0)) {
			out = append(out, "All... returns iter.Seq2[*T, error]")
		}
		if _, ok := all[service+".List"+strings.TrimPrefix(method, "All")]; !ok {
			out = append(out, "All... has a List... beside it that returns one page")
		}
	case strings.HasPrefix(method, "List"):
		page := ft.NumOut() == 2 && ft.Out(0).Kind() == reflect.Pointer && strings.HasPrefix(ft.Out(0).Elem().Name(), "Page[")
		// A list the API does not page (a bare array with no limit) may
		// return the slice itself.
		slice := ft.NumOut() == 2 && ft.Out(0).Kind() == reflect.Slice
		if !page && !slice {
			out = append(out, "List... returns (*pagination.Page[T], error), or ([]*T, error) for an unpaged list")
		}
	case strings.HasPrefix(method, "Count"):
		if ft.NumOut() != 2 || ft.Out(0).Kind() != reflect.Int64 {
			out = append(out, "Count... returns (int64, error)")
		}
	case method == "Delete":
		if ft.NumOut() != 2 || (ft.Out(0) != deletedType && ft.Out(0).Kind() != reflect.Pointer) {
			out = append(out, "Delete returns (*core.DeletedObject, error) or the resource the API answers")
		}
	}
	for _, old := range []string{"BulkLimit", "SetProfileImage", "CreateInvitations", "AdjustBillingCredits"} {
		if method == old {
			out = append(out, "old name "+old+": see CONTRIBUTING.md")
		}
	}
	if strings.Contains(method, "Many") && !iterator {
		if ft.NumOut() != 2 || ft.Out(0).Kind() != reflect.Slice {
			out = append(out, "bulk calls return ([]*T, error) with a *core.BulkError")
		}
	}
	return out
}

// isSeq2 reports whether t is iter.Seq2[*T, error].
func isSeq2(t reflect.Type) bool {
	if t.Kind() != reflect.Func || t.NumIn() != 1 {
		return false
	}
	y := t.In(0)
	return y.Kind() == reflect.Func && y.NumIn() == 2 && y.In(0).Kind() == reflect.Pointer && y.In(1) == errType &&
		y.NumOut() == 1 && y.Out(0).Kind() == reflect.Bool
}
