package cost

import (
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
	fmt.Fprintln(tw, "ENVIRONMENT\tmonthly\thourly\tusage\tnot priced\ttop cost drivers")
	total := 0.0
	for _, bd := range bds {
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
		fmt.Fprintf(tw, "%s\t%12s\t%12s\t%12s\t%d\t%s\n", bd.Environment, Money(bd.Monthly), Money(bd.Hourly), Money(bd.Usage), k, strings.Join(top, ", "))
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
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>LookCard monthly cost estimate</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1d2733;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f5}tr:nth-child(even) td{background:#f8f9fb}td.m{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.total{font-size:1.6rem;font-weight:600}.muted{color:#667}.est{color:#a05a00}
.np{background:#fde8e8;border:2px solid #c0392b;padding:.5rem 1rem}.np h2{color:#c0392b;border:0}
.warn{background:#fff6dd;border:1px solid #e0b000;padding:.5rem 1rem}
details{margin:.2rem 0}summary{cursor:pointer}
</style></head><body>
<h1>LookCard monthly cost estimate</h1>
{{range .}}
<section>
<h2>{{.Environment}} — {{.Region}}, {{.Currency}}</h2>
<p class="total">{{money .Monthly}} <span class="muted">/ month</span></p>
<p>hourly (provisioned) {{money .Hourly}} · usage-based {{money .Usage}} · {{pct .EstimatedShare}} priced from estimated figures</p>
<p class="muted">plan {{.Plan}} · prices {{.PriceBook}} · usage {{.UsageFile}}</p>
{{if .NotPriced}}<div class="np"><h2>NOT PRICED — {{count .NotPriced}} resources are not in the total</h2><ul>
{{range .NotPriced}}<li><b>{{.Type}}</b>: {{.Reason}}<ul>{{range .Addresses}}<li><code>{{.}}</code></li>{{end}}</ul></li>{{end}}
</ul></div>{{else}}<p>NOT PRICED: none — every resource is priced or reviewed as free.</p>{{end}}
{{if .Warnings}}<div class="warn"><b>Warnings</b><ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul></div>{{end}}
{{template "groups" (groups "Cost drivers" .Categories)}}
{{template "groups" (groups "By module" .Modules)}}
{{template "groups" (groups "By cluster" .Clusters)}}
{{template "groups" (groups "By service" .Services)}}
<h3>Resources</h3>
<table><tr><th>resource / component</th><th>monthly</th><th>kind</th><th>quantity × price</th><th>how</th></tr>
{{range .Resources}}<tr><td><code>{{.Address}}</code>{{range .Notes}}<br><span class="muted">{{.}}</span>{{end}}</td><td class="m"><b>{{money .Monthly}}</b></td><td></td><td></td><td></td></tr>
{{range .Components}}<tr><td>&nbsp;&nbsp;{{.Name}}</td><td class="m">{{money .Monthly}}</td><td>{{.Kind}}</td><td>{{n .Quantity}} {{.Unit}} × {{price .UnitPrice}}{{if .Estimated}} <span class="est">(estimated)</span>{{end}}</td><td class="muted">{{.Formula}}</td></tr>
{{end}}{{end}}</table>
<details><summary>Free resources ({{len .Free}} types)</summary><table><tr><th>type</th><th>count</th><th>why free</th></tr>
{{range .Free}}<tr><td><code>{{.Type}}</code></td><td class="m">{{.Count}}</td><td>{{.Reason}}</td></tr>{{end}}</table></details>
</section>
{{end}}
</body></html>
{{define "groups"}}<h3>{{.Title}}</h3><table><tr><th>name</th><th>monthly</th><th>hourly</th><th>usage</th><th>resources</th></tr>
{{range .Groups}}<tr><td>{{.Name}}</td><td class="m">{{money .Monthly}}</td><td class="m">{{money .Hourly}}</td><td class="m">{{money .Usage}}</td><td class="m">{{.Resources}}</td></tr>{{end}}</table>{{end}}
`))
