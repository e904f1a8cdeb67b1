package coverage_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/openapi/internal/coverage"
	"github.com/clerkgo/clerk/openapi/internal/specscan"
)

func fixture() (*specscan.Spec, []openapi.Operation) {
	spec := &specscan.Spec{Operations: []specscan.Operation{
		{Path: "/users", Method: "GET", OperationID: "GetUserList", Tags: []string{"Users"}},
		{Path: "/users/{user_id}", Method: "GET", OperationID: "GetUser", Tags: []string{"Users"}},
		{Path: "/users/{user_id}/billing", Method: "GET", OperationID: "GetBilling", Tags: []string{"Users", "Billing"}},
		{Path: "/users/old", Method: "GET", OperationID: "OldUsers", Tags: []string{"Users"}, Deprecated: true},
		{Path: "/jwks", Method: "GET", OperationID: "GetJWKS", Tags: []string{"JWKS"}},
		{Path: "/clients", Method: "GET", OperationID: "GetClientList", Tags: []string{"Clients"}},
	}}
	table := []openapi.Operation{
		{Service: "Users", Method: "List", HTTPMethod: "GET", Path: "/users", OperationID: "GetUserList"},
		{Service: "Users", Method: "All", HTTPMethod: "GET", Path: "/users", OperationID: "GetUserList"},
		{Service: "Users", Method: "Old", HTTPMethod: "GET", Path: "/users/old", OperationID: "OldUsers"},
		{Service: "Users", Method: "Get", HTTPMethod: "POST", Path: "/users/{user_id}", OperationID: "GetUser"},
		{Service: "Users", Method: "Ghost", HTTPMethod: "GET", Path: "/ghost", OperationID: "Ghost"},
	}
	return spec, table
}

func TestCompute(t *testing.T) {
	t.Parallel()
	spec, table := fixture()
	r := coverage.Compute(spec, table, []string{"Users", "JWKS"})
	type row struct {
		Tag            string
		Covered, Total int
		Missing        []string
	}
	var got []row
	for _, tr := range r.Tags {
		var missing []string
		for _, m := range tr.Missing {
			missing = append(missing, m.OperationID)
		}
		got = append(got, row{tr.Tag, tr.Covered, tr.Total, missing})
	}
	want := []row{
		// GetUser is mismatched (POST in the table), so it does not count;
		// the deprecated operation is out of the total.
		{"Users", 1, 3, []string{"GetUser", "GetBilling"}},
		{"JWKS", 0, 1, []string{"GetJWKS"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if r.Covered != 1 || r.Total != 4 {
		t.Errorf("totals = %d/%d, want 1/4", r.Covered, r.Total)
	}
	if len(r.Unknown) != 1 || r.Unknown[0].OperationID != "Ghost" {
		t.Errorf("Unknown = %v, want the Ghost row", r.Unknown)
	}
	if len(r.Mismatched) != 1 || r.Mismatched[0].Spec.Method != "GET" {
		t.Errorf("Mismatched = %v, want GetUser (spec: GET)", r.Mismatched)
	}
	if r.Complete() {
		t.Error("Complete() = true for a partial report")
	}
}

func TestCompleteReport(t *testing.T) {
	t.Parallel()
	spec := &specscan.Spec{Operations: []specscan.Operation{
		{Path: "/jwks", Method: "GET", OperationID: "GetJWKS", Tags: []string{"JWKS"}},
	}}
	table := []openapi.Operation{{Service: "JWKS", Method: "Get", HTTPMethod: "GET", Path: "/jwks", OperationID: "GetJWKS"}}
	r := coverage.Compute(spec, table, coverage.Tags())
	if !r.Complete() {
		t.Errorf("Complete() = false; report: %+v", r)
	}
}

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	spec, table := fixture()
	var b bytes.Buffer
	if err := coverage.Compute(spec, table, []string{"Users", "JWKS"}).WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	want := "| Spec tag | Covered | Missing operations |\n" +
		"|---|---:|---|\n" +
		"| Users | 1/3 (33%) | `GET /users/{user_id}`, `GET /users/{user_id}/billing` |\n" +
		"| JWKS | 0/1 (0%) | `GET /jwks` |\n" +
		"| **all** | 1/4 (25%) | |\n" +
		"\n" +
		"- unknown operationId: Users.Ghost: GET /ghost (Ghost)\n" +
		"- mismatch: Users.Get: POST /users/{user_id} (GetUser); the spec has GET /users/{user_id}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("markdown (-want +got):\n%s", diff)
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	spec, table := fixture()
	var b bytes.Buffer
	if err := coverage.Compute(spec, table, []string{"Users", "JWKS"}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Users    1/3     33%",
		"missing: GET /users/{user_id}/billing (GetBilling)",
		"JWKS     0/1      0%",
		"all      1/4     25%",
		"unknown operationId: Users.Ghost",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
}
