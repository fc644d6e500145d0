package cost

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Money formats dollars with thousands separators: $1,234.56, -$3.10.
func Money(v float64) string {
	v = round2(v)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole := int64(v)
	cents := int64(math.Round((v - float64(whole)) * 100))
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	s := fmt.Sprint(whole)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return fmt.Sprintf("%s$%s.%02d", sign, b.String(), cents)
}

// signed formats a delta with an explicit sign.
func signed(v float64) string {
	if round2(v) > 0 {
		return "+" + Money(v)
	}
	return Money(v)
}

func unitPrice(v float64) string {
	if v == 0 {
		return "$0"
	}
	return "$" + n6(v)
}

func n6(v float64) string {
	s := fmt.Sprintf("%.10f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// WriteTable writes the human-readable breakdown.
func WriteTable(w io.Writer, bd *Breakdown) error {
	var buf strings.Builder
	if err := writeTable(&buf, bd); err != nil {
		return err
	}
	return writeTrimmed(w, buf.String())
}

// writeTrimmed drops the blanks tabwriter leaves at the end of lines.
func writeTrimmed(w io.Writer, s string) error {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

func writeTable(w io.Writer, bd *Breakdown) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	p("Monthly estimate of %s — %s, %s (list prices, on demand)\n", orDefault(bd.Environment, "(unknown environment)"), bd.Region, bd.Currency)
	p("  plan\t%s\n  prices\t%s\n  usage\t%s\n\n", bd.Plan, bd.PriceBook, bd.UsageFile)
	p("TOTAL\t%12s\t/ month\n", Money(bd.Monthly))
	p("  hourly (provisioned, fixed by the plan)\t%12s\n", Money(bd.Hourly))
	p("  usage-based (from the usage file)\t%12s\n", Money(bd.Usage))
	p("  priced from estimated figures\t%11.0f%%\tof the total (see confidence in the price book)\n", 100*bd.EstimatedShare)
	if bd.MonthlyHigh > bd.Monthly+0.005 {
		p("  with unknowns at their high end\t%12s\tunknown at plan time: a range, not a zero (see UNKNOWN below)\n", Money(bd.MonthlyHigh))
	}
	if un := bd.Unsourced(); len(un) > 0 {
		keys := make([]string, 0, len(un))
		for _, d := range un {
			keys = append(keys, fmt.Sprintf("%s %s", d.Key, Money(d.Monthly)))
		}
		p("  estimated entries above $%.0f\t%12d\t%s\n", DriverThreshold, len(un), strings.Join(keys, ", "))
	}
	if bd.Budget > 0 {
		status := fmt.Sprintf("within budget (%.0f%%)", 100*bd.MonthlyHigh/bd.Budget)
		if bd.OverBudget() {
			status = fmt.Sprintf("OVER BUDGET by %s", Money(bd.MonthlyHigh-bd.Budget))
		}
		p("BUDGET\t%12s\t/ month (tfvars budget.monthly_usd): %s\n", Money(bd.Budget), status)
	}
	if len(bd.NotPriced) > 0 {
		k := 0
		for _, np := range bd.NotPriced {
			k += len(np.Addresses)
		}
		p("  NOT PRICED\t%12d\tresources are NOT in the total (listed below)\n", k)
	}
	groups := func(title string, gs []Group) {
		p("\n%s\tmonthly\thourly\tusage\tresources\n", title)
		for _, g := range gs {
			p("  %s\t%12s\t%12s\t%12s\t%d\n", g.Name, Money(g.Monthly), Money(g.Hourly), Money(g.Usage), g.Resources)
		}
	}
	groups("BY CATEGORY (cost drivers)", bd.Categories)
	groups("BY MODULE", bd.Modules)
	groups("BY CLUSTER", bd.Clusters)
	groups("BY SERVICE", bd.Services)
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nRESOURCES (%d priced)\n", len(bd.Resources))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range bd.Resources {
		fmt.Fprintf(tw, "  %s\t%12s\t\t\t\n", r.Address, Money(r.Monthly))
		for _, cp := range r.Components {
			est := ""
			if cp.Estimated {
				est = " (estimated price)"
			}
			fmt.Fprintf(tw, "      %s\t%12s\t%s\t%s %s × %s%s\t%s\n", cp.Name, Money(cp.Monthly), cp.Kind, n(cp.Quantity), cp.Unit, unitPrice(cp.UnitPrice), est, cp.Formula)
		}
		for _, note := range r.Notes {
			fmt.Fprintf(tw, "      \t\t\t\tnote: %s\n", note)
		}
		if r.Unknown != "" {
			fmt.Fprintf(tw, "      UNKNOWN\t+%11s\t\t\tat the high end: %s\n", Money(r.UnknownExtra), r.Unknown)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	total := 0
	for _, f := range bd.Free {
		total += f.Count
	}
	fmt.Fprintf(w, "\nFREE (%d resources of %d types with no charge of their own, reviewed in the price book)\n", total, len(bd.Free))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range bd.Free {
		fmt.Fprintf(tw, "  %s\t×%d\t%s\n", f.Type, f.Count, f.Reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writeNotPriced(w, bd.NotPriced)
	writeWarnings(w, bd.Warnings)
	return nil
}

func writeNotPriced(w io.Writer, nps []NotPriced) {
	if len(nps) == 0 {
		fmt.Fprintln(w, "\nNOT PRICED: none — every resource is priced or reviewed as free.")
		return
	}
	fmt.Fprintln(w, "\n!!! NOT PRICED — these resources are NOT in the total:")
	for _, np := range nps {
		fmt.Fprintf(w, "  %s (%d): %s\n", np.Type, len(np.Addresses), np.Reason)
		for _, a := range np.Addresses {
			fmt.Fprintf(w, "    - %s\n", a)
		}
	}
}

func writeWarnings(w io.Writer, ws []string) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintln(w, "\nWARNINGS")
	for _, s := range ws {
		fmt.Fprintf(w, "  ! %s\n", s)
	}
}

// WriteSummary writes one line per environment and the grand total.
func WriteSummary(w io.Writer, bds []*Breakdown) error {
	var buf strings.Builder
	if err := writeSummary(&buf, bds); err != nil {
		return err
	}
	return writeTrimmed(w, buf.String())
}

func writeSummary(w io.Writer, bds []*Breakdown) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tmonthly\thigh end\tbudget\tstatus\thourly\tusage\tnot priced\testimated\ttop cost drivers")
	total := 0.0
	for _, bd := range bds {
		budget, status := "none", "no budget"
		if bd.Budget > 0 {
			budget, status = Money(bd.Budget), "within"
			if bd.OverBudget() {
				status = "OVER"
			}
		}
		k := 0
		for _, np := range bd.NotPriced {
			k += len(np.Addresses)
		}
		var top []string
		for i, g := range bd.Categories {
			if i == 3 {
				break
			}
			top = append(top, fmt.Sprintf("%s %s", g.Name, Money(g.Monthly)))
		}
		fmt.Fprintf(tw, "%s\t%12s\t%12s\t%12s\t%s\t%12s\t%12s\t%d\t%.0f%%\t%s\n", bd.Environment, Money(bd.Monthly), Money(bd.MonthlyHigh), budget, status, Money(bd.Hourly), Money(bd.Usage), k, 100*bd.EstimatedShare, strings.Join(top, ", "))
		total += bd.Monthly
	}
	fmt.Fprintf(tw, "all\t%12s\n", Money(total))
	return tw.Flush()
}

// WriteDiffTable writes a diff like `infracost diff`.
func WriteDiffTable(w io.Writer, d *Diff) error {
	var buf strings.Builder
	if err := writeDiffTable(&buf, d); err != nil {
		return err
	}
	return writeTrimmed(w, buf.String())
}

func writeDiffTable(w io.Writer, d *Diff) error {
	fmt.Fprintf(w, "Cost diff: %s (%s) → %s (%s)\n\n", orDefault(d.BaseEnvironment, "base"), d.BasePlan, orDefault(d.HeadEnvironment, "head"), d.HeadPlan)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(d.Resources) == 0 {
		fmt.Fprintln(tw, "  no resource changed cost")
	}
	for _, r := range d.Resources {
		mark := map[string]string{"added": "+", "removed": "-", "changed": "~"}[r.Change]
		fmt.Fprintf(tw, "%s %s\t%12s\t(%s → %s)\n", mark, r.Address, signed(r.Delta), Money(r.Base), Money(r.Head))
	}
	if len(d.Categories) > 0 {
		fmt.Fprintln(tw, "\nBY CATEGORY")
		for _, g := range d.Categories {
			fmt.Fprintf(tw, "  %s\t%12s\t(%s → %s)\n", g.Name, signed(g.Delta), Money(g.Base), Money(g.Head))
		}
	}
	if len(d.Services) > 0 {
		fmt.Fprintln(tw, "\nBY SERVICE")
		for _, g := range d.Services {
			fmt.Fprintf(tw, "  %s\t%12s\t(%s → %s)\n", g.Name, signed(g.Delta), Money(g.Base), Money(g.Head))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	pct := ""
	if d.Base > 0 {
		pct = fmt.Sprintf(", %+.1f%%", 100*d.Delta/d.Base)
	}
	fmt.Fprintf(w, "\nMonthly total: %s → %s (%s%s)\n", Money(d.Base), Money(d.Head), signed(d.Delta), pct)
	writeNotPriced(w, d.NotPriced)
	writeWarnings(w, d.Warnings)
	return nil
}

// WriteJSON writes any report value as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteHTML writes a self-contained HTML report of one or more breakdowns
// (no external stylesheet, script or font).
func WriteHTML(w io.Writer, bds []*Breakdown) error {
	return htmlReport.Execute(w, bds)
}

// htmlTemplate is the HTML report (report.html.tmpl), like compliance's and
// graph's pages kept as a file of its own.
//
//go:embed report.html.tmpl
var htmlTemplate string

var htmlReport = template.Must(template.New("cost").Funcs(template.FuncMap{
	"money": Money, "n": n, "price": unitPrice,
	"pct": func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
	"groups": func(title string, gs []Group) any {
		return struct {
			Title  string
			Groups []Group
		}{title, gs}
	},
	"count": func(nps []NotPriced) int {
		k := 0
		for _, np := range nps {
			k += len(np.Addresses)
		}
		return k
	},
}).Parse(htmlTemplate))
