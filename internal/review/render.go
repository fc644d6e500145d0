package review

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/cost"
)

// CommentLimit is the most characters GitHub accepts in an issue or
// pull-request comment body (and an issue body).
const CommentLimit = 65536

// Marker identifies the sticky comment of one stack, so the next run of the
// workflow updates it instead of adding another.
func Marker(stack string) string { return "<!-- lookcard-review:" + stack + " -->" }

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encoding the review of %s: %w", r.Stack, err)
	}
	return nil
}

// Markdown is the whole report: every change, finding and cost line.
func (r *Report) Markdown() string { return r.markdown(-1, "") }

// Comment is the report sized for a GitHub comment: when the whole report
// is longer than limit characters, the lists are shortened (the stateful
// destroys first, which are listed before anything else) and a note says
// where the full report is (artifact).
func (r *Report) Comment(limit int, artifact string) string {
	full := r.markdown(-1, "")
	if len(full) <= limit { // bytes >= characters: within the limit either way
		return full
	}
	// The longest list length that fits.
	lo, hi := 0, r.longestList()
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if len(r.markdown(mid, artifact)) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	s := r.markdown(lo, artifact)
	if len(s) > limit { // even the headings alone do not fit: cut on a line
		note := "\n\n… cut to GitHub's comment limit; the full report is " + artifact + ".\n"
		s = s[:limit-len(note)]
		if i := strings.LastIndexByte(s, '\n'); i > 0 {
			s = s[:i]
		}
		s += note
	}
	return s
}

func (r *Report) longestList() int {
	n := max(len(r.Changes), len(r.Guarded), len(r.Groups))
	if r.Compliance != nil {
		n = max(n, len(r.Compliance.New), len(r.Compliance.Fixed))
	}
	if r.Cost != nil {
		n = max(n, len(r.Cost.Services))
	}
	return n
}

// markdown renders the report with each list cut to at most limit items
// (-1: all); a cut list ends with a line naming the artifact.
func (r *Report) markdown(limit int, artifact string) string {
	var b strings.Builder
	more := func(total int) {
		if limit >= 0 && total > limit {
			fmt.Fprintf(&b, "\n… and %d more, left out to fit GitHub's comment limit: the full report is %s.\n", total-limit, artifact)
		}
	}
	take := func(n int) int {
		if limit >= 0 && n > limit {
			return limit
		}
		return n
	}
	verdict := "✅ passes"
	if r.Failed() {
		verdict = "❌ fails"
	}
	fmt.Fprintf(&b, "%s\n## lookcard review: %s — %s\n\n", Marker(r.Stack), r.Stack, verdict)
	fmt.Fprintf(&b, "Base `%s` (%s), head %s. %s\n", r.Base.Ref, short(r.Base.Commit), short(r.Head.Commit), r.Mode)

	if len(r.Guarded) > 0 {
		fmt.Fprintf(&b, "\n### ⛔ Stateful resources destroyed or replaced: %d\n\n", len(r.Guarded))
		b.WriteString("Data, keys or identity would be lost. Keep the address with a `moved` block, or name each one with " +
			"`--allow-destroy <address>` if that is really intended.\n\n| action | address | type |\n| --- | --- | --- |\n")
		for _, c := range r.Guarded[:take(len(r.Guarded))] {
			fmt.Fprintf(&b, "| **%s** | `%s` | %s |\n", c.Action, c.Address, c.Type)
		}
		more(len(r.Guarded))
	}
	if len(r.Allowed) > 0 {
		fmt.Fprintf(&b, "\n### Allowed by --allow-destroy: %d\n\n", len(r.Allowed))
		for _, c := range r.Allowed[:take(len(r.Allowed))] {
			fmt.Fprintf(&b, "- %s `%s`\n", c.Action, c.Address)
		}
		more(len(r.Allowed))
	}
	if len(r.UnusedAllow) > 0 {
		fmt.Fprintf(&b, "\n⚠️ `--allow-destroy` names what this change does not destroy: %s\n", codeList(r.UnusedAllow))
	}

	b.WriteString("\n### Resources\n\n")
	fmt.Fprintf(&b, "**%s** (%d unchanged)\n", r.countLine(), r.Unchanged)
	if len(r.Groups) > 0 {
		b.WriteString("\n| module | service | add | change | replace | destroy | move |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, g := range r.Groups[:take(len(r.Groups))] {
			fmt.Fprintf(&b, "| `%s` | %s |", g.Module, g.Service)
			for _, a := range Actions {
				fmt.Fprintf(&b, " %s |", countCell(g.Counts[a]))
			}
			b.WriteString("\n")
		}
		more(len(r.Groups))
		fmt.Fprintf(&b, "\n<details><summary>All %d changes</summary>\n\n| action | address |\n| --- | --- |\n", len(r.Changes))
		for _, c := range r.Changes[:take(len(r.Changes))] {
			addr := "`" + c.Address + "`"
			if c.PreviousAddress != "" {
				addr += " (from `" + c.PreviousAddress + "`)"
			}
			fmt.Fprintf(&b, "| %s | %s |\n", c.Action, addr)
		}
		more(len(r.Changes))
		b.WriteString("\n</details>\n")
	}

	if c := r.Cost; c != nil {
		fmt.Fprintf(&b, "\n### Monthly cost\n\n%s → %s (**%s**)", cost.Money(c.Base), cost.Money(c.Head), signedMoney(c.Delta))
		if c.NotPriced > 0 {
			fmt.Fprintf(&b, "; not included: %d resource(s) of the head the price book does not price (`lookcard cost` lists them)", c.NotPriced)
		}
		b.WriteString("\n")
		if len(c.Services) > 0 {
			b.WriteString("\n| service | base | head | change |\n| --- | ---: | ---: | ---: |\n")
			for _, g := range c.Services[:take(len(c.Services))] {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", g.Name, cost.Money(g.Base), cost.Money(g.Head), signedMoney(g.Delta))
			}
			more(len(c.Services))
		}
	}

	if c := r.Compliance; c != nil {
		fmt.Fprintf(&b, "\n### Compliance (PCI DSS v4.0, SOC 2)\n\n%d new (%d failing), %d fixed; %d still open (%d failing) that this change neither adds nor fixes (`lookcard check` lists them).\n",
			len(c.New), c.NewDenials(), len(c.Fixed), c.Open, c.OpenDenials)
		section := func(title string, fs []Finding) {
			if len(fs) == 0 {
				return
			}
			fmt.Fprintf(&b, "\n**%s**\n\n| severity | rule | address | finding |\n| --- | --- | --- | --- |\n", title)
			for _, f := range fs[:take(len(fs))] {
				fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", f.Severity, f.Rule, f.Address, cell(f.Message))
			}
			more(len(fs))
		}
		section("New", c.New)
		section("Fixed", c.Fixed)
	}
	return b.String()
}

func (r *Report) countLine() string {
	words := map[Action]string{Create: "to add", Update: "to change", Replace: "to replace", Destroy: "to destroy", Move: "moved"}
	parts := make([]string, 0, len(Actions))
	for _, a := range Actions {
		parts = append(parts, fmt.Sprintf("%d %s", r.Counts[a], words[a]))
	}
	return strings.Join(parts, ", ")
}

// WriteTerminal prints the report for a person at a terminal (colour only
// on a terminal, never with NO_COLOR).
func (r *Report) WriteTerminal(w io.Writer) error {
	st := console.For(w)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", st.Bold(fmt.Sprintf("Review of %s: base %s (%s), head %s", r.Stack, r.Base.Ref, short(r.Base.Commit), short(r.Head.Commit))))
	fmt.Fprintf(&b, "%s\n", r.Mode)
	if len(r.Guarded) > 0 {
		b.WriteString("\n" + st.Danger("!!! STATEFUL RESOURCES WOULD BE DESTROYED OR REPLACED — data may be lost:") + "\n")
		for _, c := range r.Guarded {
			b.WriteString(st.Danger(fmt.Sprintf("!!!   %-8s %s", strings.ToUpper(string(c.Action)), c.Address)) + "\n")
		}
		b.WriteString(st.Danger("!!! keep the address with a moved block, or name each with --allow-destroy <address>.") + "\n")
	}
	for _, c := range r.Allowed {
		fmt.Fprintf(&b, "allowed by --allow-destroy: %s %s\n", c.Action, c.Address)
	}
	if len(r.UnusedAllow) > 0 {
		fmt.Fprintf(&b, "warning: --allow-destroy names what this change does not destroy: %s\n", strings.Join(r.UnusedAllow, ", "))
	}
	fmt.Fprintf(&b, "\n%s (%d unchanged)\n", r.countLine(), r.Unchanged)
	if len(r.Groups) > 0 {
		b.WriteString(st.Bold(fmt.Sprintf("%-44s %-18s %6s %6s %7s %7s %5s", "MODULE", "SERVICE", "ADD", "CHANGE", "REPLACE", "DESTROY", "MOVE")) + "\n")
		for _, g := range r.Groups {
			fmt.Fprintf(&b, "%-44s %-18s %6d %6d %7d %7d %5d\n", g.Module, g.Service,
				g.Counts[Create], g.Counts[Update], g.Counts[Replace], g.Counts[Destroy], g.Counts[Move])
		}
		b.WriteString("\n")
		for _, c := range r.Changes {
			from := ""
			if c.PreviousAddress != "" {
				from = " (from " + c.PreviousAddress + ")"
			}
			fmt.Fprintf(&b, "  %-8s %s%s\n", c.Action, c.Address, from)
		}
	}
	if c := r.Cost; c != nil {
		fmt.Fprintf(&b, "\nMonthly cost: %s → %s (%s)\n", cost.Money(c.Base), cost.Money(c.Head), signedMoney(c.Delta))
		for _, g := range c.Services {
			fmt.Fprintf(&b, "  %-30s %12s\n", g.Name, signedMoney(g.Delta))
		}
	}
	if c := r.Compliance; c != nil {
		fmt.Fprintf(&b, "\nCompliance: %d new (%d failing), %d fixed, %d still open (%d failing)\n", len(c.New), c.NewDenials(), len(c.Fixed), c.Open, c.OpenDenials)
		for _, f := range c.New {
			line := fmt.Sprintf("  new   %-5s %s %s: %s", f.Severity, f.Rule, f.Address, f.Message)
			if f.Severity == "deny" {
				line = st.Danger(line)
			}
			b.WriteString(line + "\n")
		}
		for _, f := range c.Fixed {
			fmt.Fprintf(&b, "  fixed %-5s %s %s\n", f.Severity, f.Rule, f.Address)
		}
	}
	if r.Failed() {
		fmt.Fprintf(&b, "\n%s\n", st.Danger(fmt.Sprintf("REVIEW FAILS: %d guarded stateful destroy/replace, %d new failing compliance finding(s)", len(r.Guarded), r.Compliance.NewDenials())))
	} else {
		fmt.Fprintf(&b, "\nReview passes.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func short(commit string) string {
	if commit == "" {
		return "working tree"
	}
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

func countCell(n int) string {
	if n == 0 {
		return "·"
	}
	return fmt.Sprint(n)
}

func signedMoney(v float64) string {
	if v >= 0.005 {
		return "+" + cost.Money(v)
	}
	if v <= -0.005 {
		return "−" + cost.Money(-v)
	}
	return cost.Money(0)
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func codeList(ss []string) string {
	ss = append([]string(nil), ss...)
	sort.Strings(ss)
	return "`" + strings.Join(ss, "`, `") + "`"
}
