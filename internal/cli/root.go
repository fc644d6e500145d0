// Package cli implements the lookcard command: one entry point for
// init/plan/apply/refresh/fmt/validate against real AWS or, with no
// credentials, offline through the offline provider.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes, documented in `lookcard --help`.
const (
	ExitOK      = 0
	ExitError   = 1
	ExitChanges = 2 // plan --detailed-exitcode: changes present
)

// errChanges signals exit code 2 without printing an error.
var errChanges = errors.New("changes present")

// options are the global flags.
type options struct {
	env     string
	offline bool
	json    bool
	schemas string
	dir     string
}

// Main runs the CLI and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := NewRoot(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errChanges):
		return ExitChanges
	}
	fmt.Fprintf(stderr, "lookcard: %v\n", err)
	return ExitError
}

// NewRoot builds the command tree.
func NewRoot(stdout, stderr io.Writer) *cobra.Command {
	o := &options{}
	root := &cobra.Command{
		Use:   "lookcard",
		Short: "Operate LookCard's infrastructure: plan, apply and inspect each environment",
		Long: `lookcard drives the pinned OpenTofu (or $TOFU / $TF_BINARY) over this repository.

The environment comes from the git branch: develop, testing, staging,
production and sandbox map to themselves; any other branch is a sandbox
preview with its own state and names. With no AWS credentials, plan runs
OFFLINE through the offline provider and the schemas in
$LOOKCARD_PROVIDER_SCHEMAS; nothing is ever applied offline.

On a terminal, engine runs fold their per-resource lines into one progress
line and headings are coloured; NO_COLOR (any value) or TERM=dumb turns
colour off. Pipes, files, CI logs and --json get the full plain output.

Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode).`,
		Example: `  lookcard env
  lookcard plan                      # the branch's environment
  lookcard plan --env production     # offline when no credentials are configured
  lookcard apply --env develop`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVarP(&o.env, "env", "e", "", "environment (default: from the git branch)")
	pf.BoolVar(&o.offline, "offline", false, "use the offline provider even when AWS credentials exist")
	pf.BoolVar(&o.json, "json", false, "machine-readable output")
	pf.StringVar(&o.schemas, "schemas", "", "directory of provider schemas for offline runs (default $LOOKCARD_PROVIDER_SCHEMAS)")
	pf.StringVarP(&o.dir, "chdir", "C", "", "repository directory (default: the current one)")

	root.AddCommand(
		newEnvCmd(o), newInitCmd(o), newPlanCmd(o), newApplyCmd(o), newRefreshCmd(o),
		newValidateCmd(o), newFmtCmd(o), newOutputCmd(o), newDestroyCmd(o), newSchemasCmd(o), newDocsCmd(o), newCostCmd(o), newGraphCmd(o), newCheckCmd(o),
	)
	return root
}

func (o *options) workdir() string {
	if o.dir != "" {
		return o.dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}
