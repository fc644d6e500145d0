package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/graph"
	"github.com/lookcard/infrastructure/internal/workspace"
)

func newGraphCmd(o *options) *cobra.Command {
	var format, output, planPath string
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Draw the saved plan: an interactive offline HTML page, Graphviz DOT or Mermaid",
		Long: `graph reads the plan that 'lookcard plan' saved for the environment
(.lookcard/plans/<stack>.json online, <stack>.offline.json offline; it must
be of the current commit) and draws the planned
infrastructure: one node per managed resource, grouped by module, coloured
by its planned action (create, update, replace, delete, no-op), classified by
tier and placed in its ECS service and cluster; one arrow per reference from a
resource to a resource it uses, resolved across module calls, variables,
outputs, locals and data sources.

--format html (the default) writes ONE self-contained page, by default
.lookcard/graph-<stack>.html: no network is needed to view it. Search by name
or address, filter by module, cluster, action or tier, click a module to open
it and a resource to see its planned attributes (sensitive values are shown as
"(sensitive)", never their value), and pick a service to highlight everything
it depends on and everything that depends on it.

--format dot and --format mermaid print the same graph for Graphviz and for
Markdown documentation, sorted so that two plans diff line by line.`,
		Example: `  lookcard plan --env production && lookcard graph --env production
  lookcard graph --env staging --output /tmp/staging.html
  lookcard graph --env develop --format dot | dot -Tsvg > develop.svg
  lookcard graph --env production --format mermaid --output docs/production-graph.mmd
  lookcard graph --plan .lookcard/plans/sandbox.offline.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !validFormat(format) {
				return fmt.Errorf("unknown --format %q: use one of %s", format, strings.Join(graph.Formats, ", "))
			}
			in, err := graphInput(cmd.Context(), o, planPath)
			if err != nil {
				return err
			}
			raw, err := os.ReadFile(in.plan)
			if err != nil {
				return fmt.Errorf("reading the plan JSON: %w", err)
			}
			g, err := graph.Build(raw, graph.Options{Title: in.stack, ConfigDir: in.root})
			if err != nil {
				return fmt.Errorf("%s: %w", in.plan, err)
			}
			for _, w := range append(in.notes, g.Warnings...) {
				fmt.Fprintln(cmd.ErrOrStderr(), "note:", w)
			}
			var buf bytes.Buffer
			if err := g.Render(&buf, format); err != nil {
				return err
			}
			dest := output
			if dest == "" && format == graph.FormatHTML {
				dest = filepath.Join(in.root, workspace.Dir, "graph-"+in.stack+".html")
			}
			if dest == "" || dest == "-" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(o.workdir(), dest)
			}
			if err := writeFileAtomic(dest, buf.Bytes()); err != nil {
				return err
			}
			if o.json {
				return writeJSON(cmd.OutOrStdout(), map[string]any{
					"stack": in.stack, "plan_json": in.plan, "format": format, "output": dest,
					"resources": len(g.Nodes), "references": len(g.Edges), "modules": len(g.Groups),
				})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: %d resources, %d references in %d modules, from %s.\n",
				dest, len(g.Nodes), len(g.Edges), len(g.Groups), in.plan)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", graph.FormatHTML, "output format: "+strings.Join(graph.Formats, ", "))
	f.StringVarP(&output, "output", "o", "", "file to write (default .lookcard/graph-<stack>.html for html, standard output for dot and mermaid; - for standard output)")
	f.StringVar(&planPath, "plan", "", "plan JSON to draw instead of the environment's saved plan (tofu show -json of a plan file)")
	return cmd
}

func validFormat(f string) bool {
	for _, x := range graph.Formats {
		if f == x {
			return true
		}
	}
	return false
}

type graphSource struct {
	root  string // repository root: module sources (for locals) and the catalog
	stack string
	plan  string
	notes []string
}

// graphInput finds the plan JSON to draw: --plan, else the plan saved for
// the environment in the session's mode, through the readers' one lookup.
func graphInput(ctx context.Context, o *options, planPath string) (graphSource, error) {
	if planPath != "" {
		if !filepath.IsAbs(planPath) {
			planPath = filepath.Join(o.workdir(), planPath)
		}
		root := o.workdir()
		if g, err := gitinfo.Read(ctx, root); err == nil {
			root = g.Root
		}
		stack := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(planPath), ".json"), ".offline")
		return graphSource{root: root, stack: stack, plan: planPath}, nil
	}
	s, err := resolve(ctx, o)
	if err != nil {
		return graphSource{}, err
	}
	p, err := lookupPlan(s.git, s.target, s.offline)
	if err != nil {
		return graphSource{}, err
	}
	return graphSource{root: s.git.Root, stack: s.target.Stack(), plan: p.JSON(),
		notes: []string{p.describe(s.git.Root, time.Now())}}, nil
}

func relTo(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil {
		return r
	}
	return path
}

func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
