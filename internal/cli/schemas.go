package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/gitinfo"
)

func newSchemasCmd(o *options) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "schemas",
		Short: "Write the real providers' schemas as a bundle for offline runs (needs the provider registry)",
		Long: `schemas installs the providers versions.tf requires from the registry and
writes their 'providers schema -json' output as aws.json and cloudflare.json,
the bundle that LOOKCARD_PROVIDER_SCHEMAS points offline runs at.`,
		Example: `  lookcard schemas --out .lookcard/schemas
  export LOOKCARD_PROVIDER_SCHEMAS=$PWD/.lookcard/schemas`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := gitinfo.Read(cmd.Context(), o.workdir())
			if err != nil {
				return err
			}
			e, err := engine.Locate(cmd.Context(), g.Root)
			if err != nil {
				return err
			}
			files, err := engine.ExportSchemas(cmd.Context(), e, filepath.Join(g.Root, "versions.tf"), out)
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(cmd.OutOrStdout(), f)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", ".lookcard/schemas", "directory to write <type>.json files into")
	return cmd
}
