package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
(.lookcard/plans/<stack>.json, or <stack>.offline.json) and draws the planned
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
// the environment (online or offline, whichever the session would use
// first, then the other).
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
	stack := s.target.Stack()
	candidates := []workspace.Layout{s.layout, workspace.For(s.git.Root, stack, !s.offline)}
	var looked []string
	for _, l := range candidates {
		if _, err := os.Stat(l.PlanJSON); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return graphSource{}, fmt.Errorf("reading saved plan: %w", err)
			}
			looked = append(looked, relTo(s.git.Root, l.PlanJSON))
			continue
		}
		src := graphSource{root: s.git.Root, stack: stack, plan: l.PlanJSON}
		if note := planAge(s, l); note != "" {
			src.notes = append(src.notes, note)
		}
		return src, nil
	}
	return graphSource{}, fmt.Errorf("no saved plan for %s (looked for %s): run `lookcard plan --env %s` first",
		stack, strings.Join(looked, " and "), s.target.Environment)
}

// planAge says when the saved plan is not of the current commit.
func planAge(s *session, l workspace.Layout) string {
	b, err := os.ReadFile(metaPath(l.PlanFile))
	if err != nil {
		return ""
	}
	var m planMeta
	if json.Unmarshal(b, &m) != nil || m.Commit == "" || m.Commit == s.git.Commit {
		return ""
	}
	return fmt.Sprintf("the saved plan was made from commit %.12s, HEAD is %.12s: run `lookcard plan --env %s` to draw the current configuration",
		m.Commit, s.git.Commit, s.target.Environment)
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
