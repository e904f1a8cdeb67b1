// Command coverage prints how much of Clerk's Backend API the SDK covers:
// for each spec tag the SDK promises (Users, Organizations, ...), the
// number of non-deprecated operations some SDK method calls, and the ones
// it does not. It reads the spec from ../shared/openapi/ next to the
// repository root (or -spec) and the SDK's generated operation table.
//
//	go run ./openapi/cmd/coverage             # plain text
//	go run ./openapi/cmd/coverage -markdown   # the README's table
//	go run ./openapi/cmd/coverage -strict     # exit 1 below 100%
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/openapi/internal/coverage"
	"github.com/clerkgo/clerk/openapi/internal/specfile"
	"github.com/clerkgo/clerk/openapi/internal/specscan"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	specPath := fs.String("spec", "", "spec file (default: "+specfile.RelPath+" from the repository root)")
	markdown := fs.Bool("markdown", false, "print a markdown table")
	strict := fs.Bool("strict", false, "exit 1 unless every tag is 100% covered and every row matches the spec")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	path := *specPath
	if path == "" {
		p, err := specfile.Find(".")
		if err != nil {
			fmt.Fprintln(stderr, "coverage:", err)
			if errors.Is(err, specfile.ErrNotFound) {
				fmt.Fprintln(stderr, specfile.Hint)
			}
			return 1
		}
		path = p
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "coverage:", err)
		fmt.Fprintln(stderr, specfile.Hint)
		return 1
	}
	defer f.Close()
	spec, err := specscan.Parse(f)
	if err != nil {
		fmt.Fprintln(stderr, "coverage:", err)
		return 1
	}
	rep := coverage.Compute(spec, openapi.Operations(), coverage.Tags())
	if *markdown {
		err = rep.WriteMarkdown(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "coverage:", err)
		return 1
	}
	if *strict && !rep.Complete() {
		return 1
	}
	return 0
}
