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
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/environment"
)

// Exit codes, documented in `lookcard --help`.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitChanges     = 2   // plan --detailed-exitcode: changes present
	ExitInterrupted = 130 // Ctrl-C (SIGINT), as shells report it
)

// errInterrupted marks a run stopped by Ctrl-C.
var errInterrupted = errors.New("interrupted")

// interrupted is the one line a Ctrl-C ends with. applying says whether
// the engine may already have changed infrastructure.
func interrupted(what string, applying bool) error {
	if applying {
		return fmt.Errorf("%w — %s stopped: the engine finished the changes in flight, saved them to the state and released the lock; run `lookcard plan` to see what remains", errInterrupted, what)
	}
	return fmt.Errorf("%w — %s stopped: nothing was applied, state unchanged, lock released", errInterrupted, what)
}

// errChanges signals exit code 2 without printing an error.
var errChanges = errors.New("changes present")

// options are the global flags.
type options struct {
	env     string
	offline bool
	json    bool
	schemas string
	dir     string
	full    bool // plan: the whole diff on the terminal (else it goes to a file)
}

// noJSON lists the commands that have no machine-readable output: --json
// is refused there rather than silently ignored (apply and destroy refuse
// it themselves, after their --offline rehearsal's own refusal).
var noJSON = map[string]bool{"docs": true, "fmt": true, "schemas": true, "init": true, "refresh": true}

// Main runs the CLI and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// The Ctrl-C notice is written from its own goroutine (context.AfterFunc).
	stderr = &lockedWriter{w: stderr}
	cmd := NewRoot(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err != nil && ctx.Err() != nil && !errors.Is(err, errInterrupted) {
		// Whatever the engine said as it stopped, the user needs one line.
		what := "lookcard"
		if sub, _, ferr := cmd.Find(args); ferr == nil && sub != cmd {
			what += " " + sub.Name()
		}
		err = interrupted(what, false)
	}
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errChanges):
		return ExitChanges
	case errors.Is(err, errInterrupted):
		fmt.Fprintf(stderr, "lookcard: %v\n", err)
		return ExitInterrupted
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

Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode),
130 interrupted (Ctrl-C: the engine is stopped and the state lock released).`,
		Example: `  lookcard env
  lookcard plan                      # the branch's environment
  lookcard plan --env production     # offline when no credentials are configured
  lookcard apply --env develop`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if f := cmd.Flags().Lookup("env"); f != nil && f.Changed && strings.TrimSpace(o.env) == "" {
				return fmt.Errorf("--env is empty: name one of %s, or drop --env to use the git branch's environment", strings.Join(environment.Names, ", "))
			}
			if o.json && noJSON[cmd.Name()] {
				return fmt.Errorf("--json is not supported by %s (it has no machine-readable output); drop --json", cmd.CommandPath())
			}
			return nil
		},
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
		newValidateCmd(o), newFmtCmd(o), newOutputCmd(o), newDestroyCmd(o), newSchemasCmd(o), newDocsCmd(o), newCostCmd(o), newPricesCmd(o), newGraphCmd(o), newCheckCmd(o), newDoctorCmd(o),
		newReviewCmd(o), newDriftCmd(o),
		newStateCmd(o),
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

// lockedWriter serialises writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
