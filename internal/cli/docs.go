package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/docs"
	"github.com/lookcard/infrastructure/internal/gitinfo"
)

func newDocsCmd(o *options) *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "Regenerate module READMEs, the README's environment matrix and docs/architecture.md",
		Long: `docs writes the sections that have a source of truth in the repository:
each module's inputs, outputs and resources (from its HCL), the environment
matrix (from the tfvars files) and the service table (from the catalog).
Hand-written text outside the generated markers is kept. --check only reports.`,
		Example: "  lookcard docs\n  lookcard docs --check",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := gitinfo.Read(cmd.Context(), o.workdir())
			if err != nil {
				return err
			}
			files, err := docs.Generate(g.Root)
			if err != nil {
				return err
			}
			stale := docs.Stale(files)
			if check {
				if len(stale) > 0 {
					return fmt.Errorf("generated documentation is stale: %s; run `make docs` (lookcard docs)", strings.Join(stale, ", "))
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Generated documentation is current (%d files checked).\n", len(files))
				return nil
			}
			if err := docs.Write(files); err != nil {
				return err
			}
			for _, f := range stale {
				fmt.Fprintln(cmd.OutOrStdout(), "updated", f)
			}
			if len(stale) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "Generated documentation is current (%d files checked); nothing to update.\n", len(files))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "fail when any generated section is stale")
	return cmd
}
