// Package gentable builds the SDK's operation table from source: it finds
// the service fields of clerk.Client, parses each service package with
// go/parser, and reads the "API: METHOD /path (OperationId)" lines that end
// the doc comment of every exported method. The generator command writes
// the table to openapi/operations_gen.go; the openapi tests compare that
// file with a fresh rendering so it cannot go stale.
package gentable

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Entry is one row of the table: one SDK method and one API operation it
// calls. A method that calls two operations has two rows.
type Entry struct {
	// Service is the clerk.Client field that holds the service, e.g. "Users".
	Service string
	// Method is the Go method name, e.g. "UpdateMetadata".
	Method      string
	HTTPMethod  string
	Path        string
	OperationID string
	// Dir is the service package's directory (not rendered).
	Dir string
}

// Problem is a method whose doc comment breaks the "API:" convention.
type Problem struct {
	Pos     string // file:line
	Service string
	Method  string
	Reason  string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s.%s: %s", p.Pos, p.Service, p.Method, p.Reason)
}

// Result is what Scan found.
type Result struct {
	Entries []Entry
	// Problems lists methods without (or with malformed) "API:" lines. A
	// Service type must have none; the generator refuses to write then.
	Problems []Problem
}

// Err joins the problems into one error, or returns nil.
func (r *Result) Err() error {
	if len(r.Problems) == 0 {
		return nil
	}
	errs := make([]error, len(r.Problems))
	for i, p := range r.Problems {
		errs[i] = errors.New(p.String())
	}
	return errors.Join(errs...)
}

// apiLine is the only accepted form of an "API:" line.
func apiLine() *regexp.Regexp {
	return regexp.MustCompile(`^API: (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (/[^\s()]*) \(([A-Za-z][A-Za-z0-9_]*)\)$`)
}

// Scan reads the module rooted at root (the directory of go.mod).
func Scan(root string) (*Result, error) {
	modPath, err := modulePath(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	fields, err := clientFields(root, modPath)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	re := apiLine()
	for _, f := range fields {
		methods, err := exportedMethods(root, f)
		if err != nil {
			return nil, err
		}
		for _, m := range methods {
			entries, problem := readAPILines(re, f, m)
			if problem != "" {
				// Non-Service types (e.g. a key source) may carry helper
				// methods that call nothing; only lines that are there
				// but malformed count against them.
				if f.typeName == "Service" || len(entries) > 0 || m.hasAPIPrefix {
					res.Problems = append(res.Problems, Problem{Pos: m.pos, Service: f.field, Method: m.name, Reason: problem})
				}
				continue
			}
			res.Entries = append(res.Entries, entries...)
		}
	}
	return res, nil
}

// field is one service field of clerk.Client.
type field struct {
	field    string // Client field name
	dir      string // package directory
	typeName string
}

type method struct {
	name         string
	pos          string
	doc          []string
	hasAPIPrefix bool
}

func modulePath(goMod string) (string, error) {
	b, err := os.ReadFile(goMod)
	if err != nil {
		return "", fmt.Errorf("gentable: %w", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("gentable: no module line in %s", goMod)
}

// parseDir parses the non-test Go files of dir that build on this platform.
func parseDir(fset *token.FileSet, dir string) ([]*ast.File, error) {
	bp, err := build.Default.ImportDir(dir, 0)
	if err != nil {
		return nil, fmt.Errorf("gentable: %s: %w", dir, err)
	}
	names := append([]string(nil), bp.GoFiles...)
	sort.Strings(names)
	files := make([]*ast.File, 0, len(names))
	for _, n := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("gentable: %w", err)
		}
		files = append(files, f)
	}
	return files, nil
}

// clientFields lists the exported fields of the root package's Client
// struct whose type is a pointer to a named type of another package of the
// module (*users.Service, ...), in declaration order.
func clientFields(root, modPath string) ([]field, error) {
	fset := token.NewFileSet()
	files, err := parseDir(fset, root)
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		imports := map[string]string{} // local name -> import path
		for _, is := range file.Imports {
			p, _ := strconv.Unquote(is.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if is.Name != nil {
				name = is.Name.Name
			}
			imports[name] = p
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if ts.Name.Name != "Client" || !ok {
					continue
				}
				var out []field
				for _, fl := range st.Fields.List {
					f, ok := serviceField(fl.Type, imports, modPath, root)
					if !ok {
						continue
					}
					for _, n := range fl.Names {
						if n.IsExported() {
							f.field = n.Name
							out = append(out, f)
						}
					}
				}
				return out, nil
			}
		}
	}
	return nil, fmt.Errorf("gentable: no Client struct in %s", root)
}

// serviceField resolves a Client field type: a pointer to a named type of
// another package of the module (*users.Service), or of the root package
// itself (*JWKS). Internal packages are not services.
func serviceField(e ast.Expr, imports map[string]string, modPath, root string) (field, bool) {
	star, ok := e.(*ast.StarExpr)
	if !ok {
		return field{}, false
	}
	switch x := star.X.(type) {
	case *ast.Ident:
		return field{dir: root, typeName: x.Name}, x.IsExported()
	case *ast.SelectorExpr:
		pkgIdent, ok := x.X.(*ast.Ident)
		if !ok {
			return field{}, false
		}
		ip, ok := imports[pkgIdent.Name]
		rel, inModule := strings.CutPrefix(ip, modPath+"/")
		if !ok || !inModule || strings.Contains("/"+rel+"/", "/internal/") {
			return field{}, false
		}
		return field{dir: filepath.Join(root, filepath.FromSlash(rel)), typeName: x.Sel.Name}, true
	}
	return field{}, false
}

// exportedMethods lists the exported methods of f's type, sorted by name.
func exportedMethods(root string, f field) ([]method, error) {
	fset := token.NewFileSet()
	files, err := parseDir(fset, f.dir)
	if err != nil {
		return nil, err
	}
	var out []method
	for _, file := range files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || !fd.Name.IsExported() {
				continue
			}
			if receiverName(fd.Recv.List[0].Type) != f.typeName {
				continue
			}
			pos := fset.Position(fd.Pos())
			rel, err := filepath.Rel(root, pos.Filename)
			if err != nil {
				rel = pos.Filename
			}
			m := method{name: fd.Name.Name, pos: fmt.Sprintf("%s:%d", filepath.ToSlash(rel), pos.Line)}
			if fd.Doc != nil {
				m.doc = strings.Split(strings.TrimRight(fd.Doc.Text(), "\n"), "\n")
				for _, l := range m.doc {
					if strings.HasPrefix(strings.TrimSpace(l), "API:") {
						m.hasAPIPrefix = true
					}
				}
			}
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func receiverName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return receiverName(t.X)
	case *ast.IndexListExpr:
		return receiverName(t.X)
	}
	return ""
}

// readAPILines parses the trailing "API:" lines of m's doc comment. The
// convention: one or more such lines, and nothing after them.
func readAPILines(re *regexp.Regexp, f field, m method) ([]Entry, string) {
	if len(m.doc) == 0 || (len(m.doc) == 1 && m.doc[0] == "") {
		return nil, "no doc comment (it must end with an \"// API: METHOD /path (OperationId)\" line)"
	}
	var entries []Entry
	i := len(m.doc) - 1
	for ; i >= 0; i-- {
		l := strings.TrimSpace(m.doc[i])
		if !strings.HasPrefix(l, "API:") {
			break
		}
		g := re.FindStringSubmatch(l)
		if g == nil {
			return nil, fmt.Sprintf("malformed line %q (want \"API: METHOD /path/template (OperationId)\")", l)
		}
		entries = append(entries, Entry{Service: f.field, Method: m.name, HTTPMethod: g[1], Path: g[2], OperationID: g[3], Dir: f.dir})
	}
	for j := 0; j < i; j++ {
		if strings.HasPrefix(strings.TrimSpace(m.doc[j]), "API:") {
			return nil, fmt.Sprintf("\"API:\" line %q is not at the end of the doc comment", strings.TrimSpace(m.doc[j]))
		}
	}
	if len(entries) == 0 {
		return nil, "doc comment does not end with an \"// API: METHOD /path (OperationId)\" line"
	}
	// Back to comment order.
	for l, r := 0, len(entries)-1; l < r; l, r = l+1, r-1 {
		entries[l], entries[r] = entries[r], entries[l]
	}
	return entries, ""
}

// Render returns the formatted source of operations_gen.go.
func Render(entries []Entry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by openapi/internal/cmd/gentable from the \"API:\" lines of the service packages. DO NOT EDIT.\n\n")
	b.WriteString("package openapi\n\n")
	b.WriteString("// Operations returns the operation table: one row per SDK method and API\n")
	b.WriteString("// operation it calls, in clerk.Client field order, then by method name.\n")
	b.WriteString("// Each call returns a new slice that the caller may modify.\n")
	b.WriteString("func Operations() []Operation {\n\treturn []Operation{\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "\t\t{Service: %q, Method: %q, HTTPMethod: %q, Path: %q, OperationID: %q},\n",
			e.Service, e.Method, e.HTTPMethod, e.Path, e.OperationID)
	}
	b.WriteString("\t}\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gentable: formatting: %w", err)
	}
	return src, nil
}

// Generate scans root and renders the table; it fails on any problem.
func Generate(root string) ([]byte, error) {
	res, err := Scan(root)
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return Render(res.Entries)
}

// DeclaresTypePrefix reports whether the package in dir declares an
// exported type whose name starts with prefix.
func DeclaresTypePrefix(dir, prefix string) (bool, error) {
	files, err := parseDir(token.NewFileSet(), dir)
	if err != nil {
		return false, err
	}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok && strings.HasPrefix(ts.Name.Name, prefix) {
					return true, nil
				}
			}
		}
	}
	return false, nil
}
