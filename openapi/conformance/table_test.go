package conformance_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/openapi/internal/coverage"
	"github.com/clerkgo/clerk/openapi/internal/specscan"
)

// Every row of the operation table names a real operation, with the
// spec's method and path, and every SDK method has a row.
func TestTableMatchesSpec(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	byID := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			byID[op.OperationID] = method + " " + path
		}
	}
	rows := openapi.Operations()
	if len(rows) == 0 {
		t.Fatal("the operation table is empty")
	}
	for _, o := range rows {
		want, ok := byID[o.OperationID]
		switch {
		case !ok:
			t.Errorf("%s: the spec has no operation %q", o, o.OperationID)
		case want != o.HTTPMethod+" "+o.Path:
			t.Errorf("%s: the spec has %s (%s)", o, want, o.OperationID)
		}
		if specOperation(doc, o.HTTPMethod, o.Path) == nil {
			t.Errorf("%s: the spec has no %s %s", o, o.HTTPMethod, o.Path)
		}
	}

	c := newClient(t, "https://api.clerk.com/v1", testSecretKey)
	table := tableByMethod()
	methods := map[string]bool{}
	for _, m := range sdkMethods(c) {
		methods[m.label()] = true
		if len(table[m.label()]) == 0 {
			t.Errorf("%s has no row in the operation table: end its doc comment with \"// API: METHOD /path (OperationId)\" and run go generate ./openapi", m.label())
		}
	}
	for label := range table {
		if !methods[label] {
			t.Errorf("the operation table names %s, which clerk.Client does not have: run go generate ./openapi", label)
		}
	}
}

// The SDK covers every non-deprecated operation of the tags it promises
// (the table go run ./openapi/cmd/coverage -markdown prints).
func TestCoverageIsComplete(t *testing.T) {
	t.Parallel()
	f, err := os.Open(specPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	spec, err := specscan.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	rep := coverage.Compute(spec, openapi.Operations(), coverage.Tags())
	if !rep.Complete() {
		var b strings.Builder
		_ = rep.WriteText(&b)
		t.Errorf("coverage is not complete:\n%s", b.String())
	}
}

// The main module's dependency-free spec scanner (used by the coverage
// command) must see exactly what kin-openapi sees.
func TestScannerAgreesWithKinOpenAPI(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	f, err := os.Open(specPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scanned, err := specscan.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var want []specscan.Operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			tags := op.Tags
			if len(tags) == 0 {
				tags = nil
			}
			want = append(want, specscan.Operation{
				Path: path, Method: strings.ToUpper(method), OperationID: op.OperationID,
				Tags: tags, Deprecated: op.Deprecated,
			})
		}
	}
	got := scanned.Operations
	less := func(s []specscan.Operation) func(i, j int) bool {
		return func(i, j int) bool { return s[i].Method+" "+s[i].Path < s[j].Method+" "+s[j].Path }
	}
	sort.Slice(want, less(want))
	sort.Slice(got, less(got))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("specscan differs from kin-openapi (-kin +scan):\n%s", diff)
	}
	if len(got) < 200 {
		t.Errorf("only %d operations scanned", len(got))
	}
}
