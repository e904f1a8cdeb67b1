// Package specscan reads the operations out of an OpenAPI 3 document in
// YAML without a YAML library: paths, methods, operationId, tags and
// deprecated. It understands the block-style subset that generated specs
// use (block mappings and sequences, plain, quoted and block scalars, flow
// sequences of scalars) and skips everything else by indentation. The
// conformance module checks its answer against kin-openapi's view of the
// real spec, so it cannot drift silently.
package specscan

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Operation is one operation of the spec.
type Operation struct {
	// Path is the path template, e.g. "/users/{user_id}".
	Path string
	// Method is the upper-case HTTP method.
	Method      string
	OperationID string
	Tags        []string
	Deprecated  bool
}

// Spec is what Parse found.
type Spec struct {
	// Operations in document order.
	Operations []Operation
}

// isHTTPMethod reports whether a path item key holds an operation.
func isHTTPMethod(key string) bool {
	switch key {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

// Parse reads an OpenAPI document and returns its operations.
func Parse(r io.Reader) (*Spec, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, err
	}
	root, err := parseBlock(lines)
	if err != nil {
		return nil, err
	}
	paths := root.child("paths")
	if paths == nil {
		return nil, fmt.Errorf("specscan: no top-level paths mapping")
	}
	spec := &Spec{}
	for _, item := range paths.kids {
		if item.key == "" || !strings.HasPrefix(item.key, "/") {
			return nil, fmt.Errorf("specscan: line %d: %q is not a path", item.line, item.key)
		}
		if item.child("$ref") != nil {
			return nil, fmt.Errorf("specscan: line %d: $ref path items are not supported", item.line)
		}
		for _, op := range item.kids {
			if !isHTTPMethod(op.key) {
				continue
			}
			o := Operation{Path: item.key, Method: strings.ToUpper(op.key)}
			if n := op.child("operationId"); n != nil {
				o.OperationID = n.value
			}
			if n := op.child("deprecated"); n != nil {
				o.Deprecated = n.value == "true"
			}
			if n := op.child("tags"); n != nil {
				tags, err := n.strings()
				if err != nil {
					return nil, err
				}
				o.Tags = tags
			}
			spec.Operations = append(spec.Operations, o)
		}
	}
	return spec, nil
}

type line struct {
	no     int
	indent int
	text   string // without indentation
}

func readLines(r io.Reader) ([]line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out []line
	for no := 1; sc.Scan(); no++ {
		raw := strings.TrimRight(sc.Text(), " \r")
		text := strings.TrimLeft(raw, " ")
		if strings.HasPrefix(text, "\t") {
			return nil, fmt.Errorf("specscan: line %d: tab indentation", no)
		}
		out = append(out, line{no: no, indent: len(raw) - len(text), text: text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("specscan: %w", err)
	}
	return out, nil
}

// node is a mapping entry (key set) or a sequence item (key empty), with an
// inline scalar value or children.
type node struct {
	line  int
	key   string
	value string
	// flow is the raw text of an inline flow collection ("[a, b]").
	flow string
	kids []*node
}

func (n *node) child(key string) *node {
	for _, k := range n.kids {
		if k.key == key {
			return k
		}
	}
	return nil
}

// strings returns a sequence of scalars, block or flow style.
func (n *node) strings() ([]string, error) {
	if n.flow != "" {
		return flowSeq(n.flow, n.line)
	}
	out := make([]string, 0, len(n.kids))
	for _, k := range n.kids {
		if k.key != "" || len(k.kids) > 0 {
			return nil, fmt.Errorf("specscan: line %d: expected a sequence of scalars", k.line)
		}
		out = append(out, k.value)
	}
	return out, nil
}

// frame is an open collection: its children sit at indent and are
// sequence items (seq) or mapping entries.
type frame struct {
	n      *node
	indent int // -1 until the first child fixes it
	seq    bool
}

// parseBlock builds the tree of block collections. A key with an inline
// value owns every following line indented deeper than itself (block
// scalars, folded plain scalars, multi-line flow collections), so those
// lines are skipped whatever they contain.
func parseBlock(lines []line) (*node, error) {
	root := &node{}
	stack := []frame{{n: root, indent: 0}}
	skipDeeper := -1 // skip lines indented more than this
	for _, ln := range lines {
		if ln.text == "" || strings.HasPrefix(ln.text, "#") {
			continue
		}
		if skipDeeper >= 0 && ln.indent > skipDeeper {
			continue
		}
		skipDeeper = -1
		if ln.indent == 0 && (ln.text == "---" || ln.text == "...") {
			continue
		}
		indent, text := ln.indent, ln.text
		for {
			dash := isDash(text)
			stack = closeFrames(stack, indent, dash)
			top := &stack[len(stack)-1]
			if indent != top.indent || dash != top.seq {
				return nil, fmt.Errorf("specscan: line %d: unexpected indentation or collection kind", ln.no)
			}
			if dash {
				item := &node{line: ln.no}
				top.n.kids = append(top.n.kids, item)
				rest := strings.TrimLeft(text[1:], " ")
				if rest == "" {
					stack = append(stack, frame{n: item, indent: -1})
					break
				}
				if isMappingEntry(rest) {
					// "- key: value": an item that is a mapping whose
					// first entry shares the dash's line.
					inner := indent + len(text) - len(rest)
					stack = append(stack, frame{n: item, indent: inner})
					indent, text = inner, rest
					continue
				}
				if err := setValue(item, rest, ln.no); err != nil {
					return nil, err
				}
				skipDeeper = indent
				break
			}
			key, rest, err := splitKey(text, ln.no)
			if err != nil {
				return nil, err
			}
			entry := &node{line: ln.no, key: key}
			top.n.kids = append(top.n.kids, entry)
			if rest == "" {
				stack = append(stack, frame{n: entry, indent: -1})
				break
			}
			if err := setValue(entry, rest, ln.no); err != nil {
				return nil, err
			}
			skipDeeper = indent
			break
		}
	}
	return root, nil
}

// closeFrames pops the collections a line at indent does not belong to,
// and fixes the indentation of a collection on its first child. A mapping
// entry's sequence may sit at the entry's own indentation ("tags:\n- a").
func closeFrames(stack []frame, indent int, dash bool) []frame {
	for len(stack) > 1 {
		top := &stack[len(stack)-1]
		if top.indent == -1 {
			parent := stack[len(stack)-2].indent
			if indent > parent || (indent == parent && dash && top.n.key != "") {
				top.indent, top.seq = indent, dash
				return stack
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if indent > top.indent || (indent == top.indent && dash == top.seq) {
			return stack
		}
		stack = stack[:len(stack)-1]
	}
	return stack
}

func isDash(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

func isMappingEntry(s string) bool {
	_, _, err := splitKey(s, 0)
	return err == nil
}

// splitKey splits "key: rest" (key plain or quoted); rest has no comment.
func splitKey(text string, no int) (key, rest string, err error) {
	if text[0] == '\'' || text[0] == '"' {
		q, after, err := quoted(text, no)
		if err != nil {
			return "", "", err
		}
		if !strings.HasPrefix(after, ":") {
			return "", "", fmt.Errorf("specscan: line %d: expected ':' after quoted key", no)
		}
		return q, stripComment(strings.TrimLeft(after[1:], " ")), nil
	}
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			return strings.TrimRight(text[:i], " "), stripComment(strings.TrimLeft(text[i+1:], " ")), nil
		}
		if text[i] == ' ' && i+1 < len(text) && text[i+1] == '#' {
			break
		}
	}
	return "", "", fmt.Errorf("specscan: line %d: expected 'key:' in %q", no, text)
}

func stripComment(s string) string {
	if strings.HasPrefix(s, "#") {
		return ""
	}
	if s == "" || s[0] == '\'' || s[0] == '"' {
		return s
	}
	if i := strings.Index(s, " #"); i >= 0 {
		return strings.TrimRight(s[:i], " ")
	}
	return s
}

// setValue stores an inline value: a scalar, or the raw text of a flow
// collection. Block scalar indicators keep their indicator as the value;
// nothing the scanner reads is a block scalar.
func setValue(n *node, s string, no int) error {
	switch s[0] {
	case '[', '{':
		n.flow = s
		return nil
	case '\'', '"':
		v, after, err := quoted(s, no)
		if err != nil {
			return err
		}
		if strings.TrimSpace(stripComment(after)) != "" {
			return fmt.Errorf("specscan: line %d: text after quoted scalar", no)
		}
		n.value = v
		return nil
	}
	n.value = s
	return nil
}

// quoted reads a quoted scalar at the start of s and returns it and what
// follows it.
func quoted(s string, no int) (string, string, error) {
	q := s[0]
	if q == '\'' {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				return b.String(), s[i+1:], nil
			}
			b.WriteByte(s[i])
		}
		return "", "", fmt.Errorf("specscan: line %d: unterminated quoted scalar", no)
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			v, err := strconv.Unquote(s[:i+1])
			if err != nil {
				return "", "", fmt.Errorf("specscan: line %d: bad double-quoted scalar: %v", no, err)
			}
			return v, s[i+1:], nil
		}
	}
	return "", "", fmt.Errorf("specscan: line %d: unterminated quoted scalar", no)
}

// flowSeq reads a one-line flow sequence of scalars: [a, 'b c', "d"].
func flowSeq(s string, no int) ([]string, error) {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("specscan: line %d: expected a one-line flow sequence, got %q", no, s)
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	var out []string
	for body != "" {
		var item string
		if body[0] == '\'' || body[0] == '"' {
			v, after, err := quoted(body, no)
			if err != nil {
				return nil, err
			}
			item, body = v, strings.TrimSpace(after)
		} else {
			end := strings.IndexByte(body, ',')
			if end < 0 {
				end = len(body)
			}
			item, body = strings.TrimSpace(body[:end]), body[end:]
		}
		out = append(out, item)
		if body == "" {
			break
		}
		if body[0] != ',' {
			return nil, fmt.Errorf("specscan: line %d: expected ',' in flow sequence", no)
		}
		body = strings.TrimSpace(body[1:])
	}
	return out, nil
}
