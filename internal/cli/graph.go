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
	var format, output, planPath, view, service, tier string
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Draw the saved plan: the architecture (HTML, SVG, PNG, Mermaid, DOT) or every resource",
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

The default --view architecture draws what a person names: the request paths
(Cloudflare, API Gateway, NLB, ALB; CloudFront, App Runner), the ECS clusters
with their services, and the stores, caches, queues and keys each service
uses, derived from the plan and the catalog. Security group rules, alarms,
policies and attachments fold into the thing they serve (click it on the
page). --service NAME draws one service (what calls it, what it calls, what
it reads and writes, its keys and alarms), --tier NAME one tier, --view diff
what the plan creates, updates, replaces or deletes. The HTML page holds
every view; svg and png (headless Chromium) export one; mermaid and dot print
one, and mermaid refuses a view over GitHub's limits (50,000 characters, 500
edges) and names a focused view instead. --view resources is the graph of
every resource (html, dot, mermaid): search by name or address, filter by
module, cluster, action or tier, click a resource for its planned attributes
(sensitive values are shown as "(sensitive)", never their value).`,
		Example: `  lookcard plan --env production && lookcard graph --env production
  lookcard graph --env production --service card-api --format svg -o card-api.svg
  lookcard graph --env production --format png -o architecture.png
  lookcard graph --env staging --view diff --format mermaid
  lookcard graph --env develop --tier data --format dot | dot -Tsvg > data.svg
  lookcard graph --env production --view resources --output /tmp/resources.html
  lookcard graph --plan .lookcard/plans/sandbox.offline.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !validFormat(format) {
				return fmt.Errorf("unknown --format %q: use one of %s", format, strings.Join(graphFormats, ", "))
			}
			view, err := graphView(view, service, tier)
			if err != nil {
				return err
			}
			if view == graph.ViewResources && (format == graph.FormatSVG || format == graph.FormatPNG) {
				return fmt.Errorf("--format %s draws one view of the architecture; the resource graph is html, dot or mermaid", format)
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
			var shown *graph.View
			if view == graph.ViewResources {
				if err := g.Render(&buf, format); err != nil {
					return err
				}
				if format == graph.FormatMermaid {
					if err := graph.CheckGitHub(view, buf.String(), len(g.Edges), "--view architecture, --service <name> or --tier <name>; --format dot or html draws every resource"); err != nil {
						return err
					}
				}
			} else if shown, err = renderView(cmd.Context(), &buf, g.Model(), view, service, tier, format); err != nil {
				return err
			}
			dest := output
			if dest == "" && format == graph.FormatHTML {
				name := "graph-" + in.stack + ".html"
				if view == graph.ViewResources {
					name = "graph-" + in.stack + "-resources.html"
				}
				dest = filepath.Join(in.root, workspace.Dir, name)
			}
			if dest == "" && format == graph.FormatPNG {
				return fmt.Errorf("--format png writes a file: name it with --output")
			}
			if dest == "" || dest == "-" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(o.workdir(), dest)
			}
			if err := writeAtomic(dest, buf.Bytes()); err != nil {
				return err
			}
			if o.json {
				return writeJSON(cmd.OutOrStdout(), map[string]any{
					"stack": in.stack, "plan_json": in.plan, "format": format, "output": dest,
					"resources": len(g.Nodes), "references": len(g.Edges), "modules": len(g.Groups), "view": viewID(shown, view),
				})
			}
			if shown != nil {
				fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: the %s view (%d things, %d relations; %d resources folded into them), from %s.\n",
					dest, shown.ID, len(shown.Nodes), len(shown.Edges), len(g.Nodes), in.plan)
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: %d resources, %d references in %d modules, from %s.\n",
				dest, len(g.Nodes), len(g.Edges), len(g.Groups), in.plan)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", graph.FormatHTML, "output format: "+strings.Join(graphFormats, ", "))
	f.StringVarP(&output, "output", "o", "", "file to write (default .lookcard/graph-<stack>.html for html, standard output for svg, dot and mermaid; - for standard output)")
	f.StringVar(&view, "view", graph.ViewArchitecture, "what to draw: "+strings.Join(graph.Views, ", "))
	f.StringVar(&service, "service", "", "draw one service (sets --view service)")
	f.StringVar(&tier, "tier", "", "draw one tier (sets --view tier): "+strings.Join(graph.Tiers, ", "))
	f.StringVar(&planPath, "plan", "", "plan JSON to draw instead of the environment's saved plan (tofu show -json of a plan file)")
	return cmd
}

var graphFormats = append(append([]string{}, graph.Formats...), graph.FormatSVG, graph.FormatPNG)

// graphView reconciles --view with --service and --tier.
func graphView(view, service, tier string) (string, error) {
	switch {
	case service != "" && tier != "":
		return "", fmt.Errorf("--service and --tier each choose a view: give one")
	case service != "":
		if view != graph.ViewArchitecture && view != graph.ViewService {
			return "", fmt.Errorf("--service draws the service view, not --view %s", view)
		}
		return graph.ViewService, nil
	case tier != "":
		if view != graph.ViewArchitecture && view != graph.ViewTier {
			return "", fmt.Errorf("--tier draws the tier view, not --view %s", view)
		}
		return graph.ViewTier, nil
	}
	for _, v := range graph.Views {
		if v == view {
			if v == graph.ViewService || v == graph.ViewTier {
				return "", fmt.Errorf("--view %s needs --%s NAME", v, v)
			}
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown --view %q: use one of %s", view, strings.Join(graph.Views, ", "))
}

// renderView draws one view of the model; html is the page of every view,
// opening on the chosen one.
func renderView(ctx context.Context, w *bytes.Buffer, m *graph.Model, view, service, tier, format string) (v *graph.View, err error) {
	defer func() {
		if err != nil {
			v = nil
		}
	}()
	switch view {
	case graph.ViewService:
		v, err = m.ServiceView(service)
	case graph.ViewTier:
		v, err = m.TierView(tier)
	case graph.ViewDiff:
		v = m.DiffView()
	default:
		v = m.Architecture()
	}
	if err != nil {
		return nil, err
	}
	switch format {
	case graph.FormatHTML:
		return v, m.ArchitectureHTMLAt(w, v.ID)
	case graph.FormatSVG:
		return v, v.SVG(w)
	case graph.FormatPNG:
		png, err := v.PNG(ctx)
		if err != nil {
			return nil, err
		}
		_, err = w.Write(png)
		return v, err
	case graph.FormatDOT:
		return v, v.DOT(w)
	}
	if err := v.Mermaid(w); err != nil {
		return nil, err
	}
	alt := "--service <name> (" + strings.Join(m.Services(), ", ") + ") or --tier <" + strings.Join(graph.Tiers, "|") + ">"
	return v, graph.CheckGitHub(v.ID, w.String(), len(v.Edges), alt)
}

func viewID(v *graph.View, view string) string {
	if v == nil {
		return view
	}
	return v.ID
}

func validFormat(f string) bool {
	for _, x := range graphFormats {
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
		return graphSource{root: root, stack: workspace.StackOfPlan(planPath), plan: planPath}, nil
	}
	s, err := resolve(ctx, o)
	if err != nil {
		return graphSource{}, err
	}
	p, err := s.savedPlan("")
	if err != nil {
		return graphSource{}, err
	}
	return graphSource{root: s.git.Root, stack: s.target.Stack(), plan: p.JSON(),
		notes: []string{p.describe(s.git.Root, time.Now())}}, nil
}
