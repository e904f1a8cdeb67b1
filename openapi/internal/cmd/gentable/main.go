// Command gentable writes openapi/operations_gen.go, the SDK's operation
// table, from the "API:" lines of the service packages. Run it with
// `go generate ./openapi` from the repository root.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/clerkgo/clerk/openapi/internal/gentable"
)

func main() {
	root := flag.String("root", "..", "module root (the directory of go.mod)")
	out := flag.String("out", "operations_gen.go", "file to write")
	check := flag.Bool("check", false, "only report whether the file is up to date (exit 1 if not)")
	flag.Parse()
	if err := run(*root, *out, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gentable:", err)
		os.Exit(1)
	}
}

func run(root, out string, check bool) error {
	src, err := gentable.Generate(root)
	if err != nil {
		return err
	}
	if check {
		old, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(old, src) {
			return fmt.Errorf("%s is stale: run go generate ./openapi", out)
		}
		return nil
	}
	return os.WriteFile(out, src, 0o644)
}
