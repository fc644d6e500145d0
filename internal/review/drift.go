package review

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/plansummary"
)

// Drift is what a plan against the real state found for one stack.
type Drift struct {
	Environment string    `json:"environment"`
	Stack       string    `json:"stack"`
	Commit      string    `json:"commit"`
	Checked     time.Time `json:"checked"`
	// Outside are the resources that changed outside of the engine (the
	// plan's resource_drift: a console edit, AWS itself).
	Outside []Change `json:"changed_outside"`
	// Pending is what an apply of the code would change now: the drift
	// undone, or code that was merged and not applied.
	Pending []Change `json:"pending"`
}

// BuildDrift reads a plan made against the real state.
func BuildDrift(env, stack, commit string, p *tfjson.Plan, checked time.Time) *Drift {
	d := &Drift{Environment: env, Stack: stack, Commit: commit, Checked: checked.UTC(), Outside: []Change{}, Pending: []Change{}}
	conv := func(rcs []*tfjson.ResourceChange) []Change {
		out := []Change{}
		for _, rc := range rcs {
			if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
				continue
			}
			act := plansummary.ActionOf(rc.Change.Actions)
			if act == plansummary.NoOp || act == plansummary.Read {
				continue
			}
			out = append(out, Change{Address: rc.Address, Module: rc.ModuleAddress, Service: ServiceOf(rc.Type), Type: rc.Type,
				Action: act, Stateful: IsStateful(rc.Type)})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
		return out
	}
	if p != nil {
		d.Outside, d.Pending = conv(p.ResourceDrift), conv(p.ResourceChanges)
	}
	return d
}

// HasDrift reports whether AWS and the code differ.
func (d *Drift) HasDrift() bool { return len(d.Outside) > 0 || len(d.Pending) > 0 }

// Markdown is the drift issue's body, within GitHub's limit; run links the
// workflow run that found it ("" for none).
func (d *Drift) Markdown(run string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n## Drift in %s\n\n", DriftMarker(d.Stack), d.Stack)
	fmt.Fprintf(&b, "A plan of commit %s against the real state of %s (read-only plan role, %s) differs from the code",
		short(d.Commit), d.Stack, d.Checked.Format(time.RFC3339))
	if run != "" {
		fmt.Fprintf(&b, " ([workflow run](%s))", run)
	}
	b.WriteString(". This issue is updated by every scheduled run and closed by the first one that finds no drift.\n")
	list := func(title string, cs []Change, budget int) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s: %d\n\n| action | address | stateful |\n| --- | --- | --- |\n", title, len(cs))
		for i, c := range cs {
			if b.Len() > budget {
				fmt.Fprintf(&b, "\n… and %d more (see the workflow run's log).\n", len(cs)-i)
				return
			}
			stateful := ""
			if c.Stateful {
				stateful = "yes"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s |\n", c.Action, c.Address, stateful)
		}
	}
	list("Changed outside of OpenTofu/Terraform", d.Outside, CommentLimit/2)
	list("An apply of the code would change", d.Pending, CommentLimit-2000)
	fmt.Fprintf(&b, "\nReproduce with `lookcard drift --env %s` (needs the plan role's credentials).\n", d.Environment)
	return b.String()
}

// WriteTerminal prints the drift for a person.
func (d *Drift) WriteTerminal(w io.Writer) error {
	var b strings.Builder
	if !d.HasDrift() {
		fmt.Fprintf(&b, "No drift: the real state of %s matches the code of %s.\n", d.Stack, short(d.Commit))
	} else {
		fmt.Fprintf(&b, "DRIFT in %s: %d resources changed outside of the engine, %d would change on apply.\n", d.Stack, len(d.Outside), len(d.Pending))
		for _, c := range d.Outside {
			fmt.Fprintf(&b, "  outside  %-8s %s\n", c.Action, c.Address)
		}
		for _, c := range d.Pending {
			fmt.Fprintf(&b, "  apply    %-8s %s\n", c.Action, c.Address)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
