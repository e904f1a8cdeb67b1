package users_test

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

var apiLine = regexp.MustCompile(`^API: (GET|POST|PUT|PATCH|DELETE) (/\S+) \((\w+)\)$`)

type apiOp struct{ Method, Path, OperationID string }

// serviceOps reads the "API:" lines of every exported method of *Service.
func serviceOps(t *testing.T) map[string][]apiOp {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	ops := map[string][]apiOp{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if id, ok := star.X.(*ast.Ident); !ok || id.Name != "Service" {
				continue
			}
			if fn.Doc == nil {
				t.Errorf("%s has no doc comment", fn.Name.Name)
				continue
			}
			lines := strings.Split(strings.TrimSpace(fn.Doc.Text()), "\n")
			// Trailing "API:" lines, one per operation.
			var found []apiOp
			for i := len(lines) - 1; i >= 0; i-- {
				m := apiLine.FindStringSubmatch(lines[i])
				if m == nil {
					break
				}
				found = append(found, apiOp{m[1], m[2], m[3]})
			}
			if len(found) == 0 {
				t.Errorf("%s: last doc line %q is not `API: METHOD /path (OperationId)`", fn.Name.Name, lines[len(lines)-1])
			}
			ops[fn.Name.Name] = found
		}
	}
	return ops
}

// TestEveryUsersOperationIsCovered: each non-deprecated operation of the
// spec's Users tag, except the bans package's, has a method.
func TestEveryUsersOperationIsCovered(t *testing.T) {
	t.Parallel()
	want := []string{
		"AdjustUserBillingCreditBalance", "CreateUser", "DeleteBackupCode", "DeleteExternalAccount",
		"DeleteTOTP", "DeleteUser", "DeleteUserProfileImage", "DisableMFA", "GetOAuthAccessToken", "GetUser",
		"GetUserBillingCreditBalance", "GetUserBillingSubscription", "GetUserList", "GetUsersCount",
		"ListUserTrustedDevices", "RemoveUserPassword", "ReplaceUserMetadata", "RevokeUserTrustedDevice",
		"SetUserPasswordCompromised", "SetUserProfileImage", "UnsetUserPasswordCompromised", "UpdateUser",
		"UpdateUserMetadata", "UserPasskeyDelete", "UserWeb3WalletDelete", "UsersGetOrganizationInvitations",
		"UsersGetOrganizationMemberships", "VerifyPassword", "VerifyTOTP",
	}
	seen := map[string]bool{}
	for _, ops := range serviceOps(t) {
		for _, op := range ops {
			seen[op.OperationID] = true
		}
	}
	var got []string
	for id := range seen {
		got = append(got, id)
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("covered operations (-want +got):\n%s", diff)
	}
}

// TestAPILinesMatchSpec checks each "API:" line against the spec's path
// template, method and operationId, when the spec is beside the repository.
func TestAPILinesMatchSpec(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../../shared/openapi/clerk-bapi-2026-05-12.yml")
	if err != nil {
		t.Skipf("spec not available: %v", err)
	}
	defer f.Close()
	// operationId -> "METHOD path", read from the YAML layout: paths at
	// two spaces of indent, methods at four, operationId at six.
	spec := map[string]string{}
	var path, method string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inPaths := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "paths:":
			inPaths = true
		case inPaths && len(line) > 0 && line[0] != ' ':
			inPaths = false
		case inPaths && strings.HasPrefix(line, "  /") && strings.HasSuffix(line, ":"):
			path = strings.TrimSuffix(strings.TrimSpace(line), ":")
		case inPaths && strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "     ") && strings.HasSuffix(line, ":"):
			method = strings.ToUpper(strings.TrimSuffix(strings.TrimSpace(line), ":"))
		case inPaths && strings.HasPrefix(line, "      operationId: "):
			spec[strings.TrimPrefix(line, "      operationId: ")] = method + " " + path
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(spec) < 100 {
		t.Fatalf("read only %d operations from the spec", len(spec))
	}
	for name, ops := range serviceOps(t) {
		for _, op := range ops {
			if got, want := op.Method+" "+op.Path, spec[op.OperationID]; got != want {
				t.Errorf("%s: API line says %q for %s, spec says %q", name, got, op.OperationID, want)
			}
		}
	}
}

// TestAPIListsEveryMethod: the API interface has every exported method of
// *Service, so a fake can stand in for all of it.
func TestAPIListsEveryMethod(t *testing.T) {
	t.Parallel()
	svc := reflect.TypeOf((*users.Service)(nil))
	api := reflect.TypeOf((*users.API)(nil)).Elem()
	var missing []string
	for i := 0; i < svc.NumMethod(); i++ {
		if _, ok := api.MethodByName(svc.Method(i).Name); !ok {
			missing = append(missing, svc.Method(i).Name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("API lacks %v", missing)
	}
}
