package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/engine"
)

func newEnvCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "env",
		Short: "Show the resolved environment: branch, state key, var file, online or offline, tool versions",
		Example: `  lookcard env
  lookcard env --env production --json`,
		Args: cobra.NoArgs,
		RunE: withSession(o, func(cmd *cobra.Command, s *session) error {
			info := map[string]any{
				"branch": s.target.Branch, "environment": s.target.Environment, "stack": s.target.Stack(),
				"preview": s.target.Preview, "state_key": s.target.StateKey, "var_file": s.target.VarFile,
				"commit": s.git.ShortCommit(), "dirty": s.git.Dirty, "offline": s.offline, "credentials": s.why,
				"backend_config": BackendConfig(s.target),
			}
			if e, err := engine.Locate(cmd.Context(), s.git.Root); err == nil {
				info["engine"] = e.String()
				info["backend_config"] = BackendConfig(s.target, e)
			} else {
				info["engine"] = "unavailable: " + err.Error()
			}
			if d, err := engine.SchemaDir(o.schemas); err == nil {
				info["schemas"] = d
			} else {
				info["schemas"] = "unavailable: " + err.Error()
			}
			out := cmd.OutOrStdout()
			if o.json {
				return writeJSON(out, info)
			}
			for _, k := range []string{"branch", "environment", "stack", "preview", "state_key", "var_file", "commit", "dirty", "offline", "credentials", "engine", "schemas", "backend_config"} {
				fmt.Fprintf(out, "%-15s %v\n", k, info[k])
			}
			return nil
		}),
	}
}
