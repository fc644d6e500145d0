package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/docs"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/graph"
)

func newDocsCmd(o *options) *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "Regenerate module READMEs, the README's environment matrix and docs/architecture.md",
		Long: `docs writes the sections that have a source of truth in the repository:
each module's inputs, outputs and resources (from its HCL), the environment
matrix (from the tfvars files) and the service table (from the catalog).
Hand-written text outside the generated markers is kept. --check only reports.

It also draws the architecture view of production's saved plan (lookcard
graph) into docs/architecture.svg and docs/architecture-diagram.md (Mermaid,
within GitHub's limits), which the README shows; without a saved production
plan those two are left as they are, with a note.`,
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
			pictures, note, err := architectureDocs(g.Root)
			if err != nil {
				return err
			}
			if note != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), "note:", note)
			}
			files = append(files, pictures...)
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

// architectureDocs draws the architecture view of production's saved plan
// for the README (graph.DocsFiles). No saved plan is a note, not an error.
func architectureDocs(root string) ([]docs.File, string, error) {
	drawn, err := graph.DocsFiles(root)
	if err != nil {
		return nil, "", err
	}
	if drawn == nil {
		return nil, "docs/architecture.svg and docs/architecture-diagram.md not redrawn: no saved production plan (lookcard plan --env production --offline)", nil
	}
	var out []docs.File
	for _, rel := range []string{filepath.Join("docs", "architecture.svg"), filepath.Join("docs", "architecture-diagram.md")} {
		out = append(out, docs.File{Path: filepath.Join(root, rel), Content: drawn[rel]})
	}
	return out, "", nil
}
