package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/cost"
)

func newPricesCmd(o *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "prices",
		Short: "Maintain the price book (pricing/<region>.yaml)",
		Args:  cobra.NoArgs,
	}
	var from, region string
	var dryRun bool
	update := &cobra.Command{
		Use:   "update --from <offer file>",
		Short: "Refresh price-book entries from an AWS Price List bulk offer file",
		Long: `update reads an AWS Price List offer file (the region file of one offer,
e.g. https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRDS/current/ap-southeast-1/index.json)
and refreshes every price-book entry that names that offer and a usage_type:
usd (the SKU's first-tier on-demand USD price × the entry's scale), sku,
checked (the offer's publication date), source (the offer file's URL) and
confidence: sourced. An entry the file cannot resolve (no product, or several)
is an error and the book is left unchanged.`,
		Example: `  curl -sO https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRDS/current/ap-southeast-1/index.json
  lookcard prices update --from index.json
  lookcard prices update --from index.json --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" {
				return errors.New("--from <offer file> is required")
			}
			root, err := costRoot(o.workdir())
			if err != nil {
				return err
			}
			ob, err := os.ReadFile(from)
			if err != nil {
				return fmt.Errorf("reading the offer file: %w", err)
			}
			offer, err := cost.ParseOffer(ob)
			if err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			path := filepath.Join(root, "pricing", region+".yaml")
			book, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("reading the price book: %w", err)
			}
			out, changes, err := cost.UpdateFromOffer(book, offer)
			if err != nil {
				return fmt.Errorf("%s: %w", rel(root, path), err)
			}
			w := cmd.OutOrStdout()
			for _, c := range changes {
				fmt.Fprintf(w, "%-36s %12s → %-12s per %s (SKU %s)\n", c.Key, fmt.Sprint(c.Old), fmt.Sprint(c.New), c.Unit, c.SKU)
			}
			if dryRun {
				fmt.Fprintf(w, "dry run: %s not written\n", rel(root, path))
				return nil
			}
			if err := os.WriteFile(path, out, 0o644); err != nil {
				return fmt.Errorf("writing the price book: %w", err)
			}
			fmt.Fprintf(w, "%d entries of %s refreshed from %s %s: review the diff, then `go test ./internal/cost -update`\n", len(changes), rel(root, path), offer.OfferCode, offer.Version)
			return nil
		},
	}
	f := update.Flags()
	f.StringVar(&from, "from", "", "AWS Price List offer file (JSON) of one offer and region")
	f.StringVar(&region, "region", "ap-southeast-1", "the price book to update: pricing/<region>.yaml")
	f.BoolVar(&dryRun, "dry-run", false, "show the changes without writing the book")
	cmd.AddCommand(update)
	return cmd
}
