// Package coverage compares the SDK's operation table with the spec's
// operations, per tag.
package coverage

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/openapi/internal/specscan"
)

// Tags returns the spec tags the SDK promises to cover, in report order.
func Tags() []string {
	return []string{
		"Users",
		"Organizations",
		"Organization Memberships",
		"Organization Invitations",
		"Invitations",
		"Sessions",
		"Allow-list / Block-list",
		"JWKS",
		"Organization Roles",
		"Organization Permissions",
		"Role Sets",
		"Organization Domains",
		"Enterprise Connections",
		"SCIM Directories",
		"Directories",
		"OAuth Applications",
		"Billing",
		"Email Addresses",
		"Phone Numbers",
		"Sign Ups",
		"Clients",
		"Sign-in Tokens",
		"Actor Tokens",
		"Testing Tokens",
		"Admin Portal Link Tokens",
		"Agent Tasks",
		"Instance Settings",
		"Beta Features",
		"Miscellaneous",
		"Domains",
		"Proxy Checks",
		"Redirect URLs",
		"JWT Templates",
		"Waitlist Entries",
		"Webhooks",
		"API Keys",
		"M2M Tokens",
		"Machines",
		"OAuth Access Tokens",
	}
}

// TagReport is the coverage of one tag. Deprecated operations are left out
// of Total and Missing.
type TagReport struct {
	Tag     string
	Covered int
	Total   int
	// Missing are the tag's non-deprecated operations no SDK method calls.
	Missing []specscan.Operation
}

// Mismatch is a table row whose operationId is in the spec with another
// method or path.
type Mismatch struct {
	Row  openapi.Operation
	Spec specscan.Operation
}

// Report is the result of Compute.
type Report struct {
	Tags []TagReport
	// Unknown rows name an operationId the spec does not have.
	Unknown []openapi.Operation
	// Mismatched rows name a known operationId with the wrong method or path.
	Mismatched []Mismatch
	// Covered and Total count the distinct operations of all the tags.
	Covered, Total int
}

// Complete reports 100% coverage of every tag, with no unknown or
// mismatched rows.
func (r *Report) Complete() bool {
	for _, t := range r.Tags {
		if t.Covered != t.Total {
			return false
		}
	}
	return len(r.Unknown) == 0 && len(r.Mismatched) == 0
}

// Compute checks table against spec for tags. An operation counts as
// covered when a row names its operationId with the same method and path.
// An operation with several tags counts under each of them.
func Compute(spec *specscan.Spec, table []openapi.Operation, tags []string) *Report {
	byID := make(map[string]specscan.Operation, len(spec.Operations))
	for _, o := range spec.Operations {
		byID[o.OperationID] = o
	}
	covered := map[string]bool{}
	r := &Report{}
	seenBad := map[string]bool{}
	for _, row := range table {
		so, ok := byID[row.OperationID]
		switch {
		case !ok:
			if !seenBad[row.String()] {
				r.Unknown = append(r.Unknown, row)
			}
			seenBad[row.String()] = true
		case so.Method != row.HTTPMethod || so.Path != row.Path:
			if !seenBad[row.String()] {
				r.Mismatched = append(r.Mismatched, Mismatch{Row: row, Spec: so})
			}
			seenBad[row.String()] = true
		default:
			covered[row.OperationID] = true
		}
	}
	counted := map[string]bool{}
	for _, tag := range tags {
		tr := TagReport{Tag: tag}
		for _, o := range spec.Operations {
			if o.Deprecated || !hasTag(o, tag) {
				continue
			}
			tr.Total++
			if key := o.Method + " " + o.Path; !counted[key] {
				counted[key] = true
				r.Total++
				if covered[o.OperationID] {
					r.Covered++
				}
			}
			if covered[o.OperationID] {
				tr.Covered++
			} else {
				tr.Missing = append(tr.Missing, o)
			}
		}
		r.Tags = append(r.Tags, tr)
	}
	return r
}

func hasTag(o specscan.Operation, tag string) bool {
	for _, t := range o.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

func percent(covered, total int) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d%%", covered*100/total)
}

// WriteText prints a plain report: one line per tag and the missing
// operations under it, then unknown and mismatched rows.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	width := 0
	for _, t := range r.Tags {
		width = max(width, len(t.Tag))
	}
	for _, t := range r.Tags {
		ew.printf("%-*s  %3d/%-3d %5s\n", width, t.Tag, t.Covered, t.Total, percent(t.Covered, t.Total))
		for _, m := range t.Missing {
			ew.printf("%*s  missing: %s %s (%s)\n", width, "", m.Method, m.Path, m.OperationID)
		}
	}
	ew.printf("%-*s  %3d/%-3d %5s\n", width, "all", r.Covered, r.Total, percent(r.Covered, r.Total))
	r.writeProblems(ew, "")
	return ew.err
}

// WriteMarkdown prints a table the README can carry.
func (r *Report) WriteMarkdown(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("| Spec tag | Covered | Missing operations |\n|---|---:|---|\n")
	for _, t := range r.Tags {
		missing := make([]string, len(t.Missing))
		for i, m := range t.Missing {
			missing[i] = fmt.Sprintf("`%s %s`", m.Method, m.Path)
		}
		cell := strings.Join(missing, ", ")
		if cell == "" {
			cell = "none"
		}
		ew.printf("| %s | %d/%d (%s) | %s |\n", t.Tag, t.Covered, t.Total, percent(t.Covered, t.Total), cell)
	}
	ew.printf("| **all** | %d/%d (%s) | |\n", r.Covered, r.Total, percent(r.Covered, r.Total))
	r.writeProblems(ew, "- ")
	return ew.err
}

func (r *Report) writeProblems(ew *errWriter, bullet string) {
	if len(r.Unknown) == 0 && len(r.Mismatched) == 0 {
		return
	}
	ew.printf("\n")
	unknown := append([]openapi.Operation(nil), r.Unknown...)
	sort.Slice(unknown, func(i, j int) bool { return unknown[i].String() < unknown[j].String() })
	for _, u := range unknown {
		ew.printf("%sunknown operationId: %s\n", bullet, u)
	}
	for _, m := range r.Mismatched {
		ew.printf("%smismatch: %s; the spec has %s %s\n", bullet, m.Row, m.Spec.Method, m.Spec.Path)
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
