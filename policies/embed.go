// Package policies holds LookCard's compliance rules as Rego (v1): one
// package per rule under rules/, shared helpers in lib/, the conftest entry
// point in main.rego, and the exceptions in exceptions.yaml. They are
// embedded so that `lookcard check` works from any directory; the CLI
// prefers the repository's working copy when it has one.
package policies

import "embed"

// FS holds every policy file: *.rego (tests included) and exceptions.yaml.
// The rules' case files (rules/<area>/<rule>_test.yaml) stay out: only the
// Go tests read them, from the working copy.
//
//go:embed main.rego main_test.rego lib rules/*/*.rego exceptions.yaml
var FS embed.FS

// ExceptionsFile is the exceptions file's name in FS.
const ExceptionsFile = "exceptions.yaml"
