package compliance

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Formats the report can be written in.
var Formats = []string{"table", "json", "sarif", "html"}

// Report gathers the results of one or more environments.
type Report struct {
	Generated  time.Time
	Rules      []Rule
	Exceptions []Exception
	Results    []*Result
}

// NewReport builds a report; results keep their order.
func NewReport(p *Policies, results []*Result, generated time.Time) *Report {
	return &Report{Generated: generated.UTC(), Rules: p.Rules, Exceptions: p.Exceptions, Results: results}
}

// Denies counts the findings that fail the check, over every environment.
func (r *Report) Denies() int {
	n := 0
	for _, res := range r.Results {
		n += res.Count(Deny)
	}
	return n
}

// Warnings counts the warnings over every environment.
func (r *Report) Warnings() int {
	n := 0
	for _, res := range r.Results {
		n += res.Count(Warn)
	}
	return n
}

// Write renders the report in a format (table, json, sarif or html).
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "table", "":
		return r.WriteTable(w)
	case "json":
		return r.WriteJSON(w)
	case "sarif":
		return r.WriteSARIF(w)
	case "html":
		return r.WriteHTML(w)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// WriteTable writes the findings of each environment for people.
func (r *Report) WriteTable(w io.Writer) error {
	ew := &errWriter{w: w}
	for i, res := range r.Results {
		if i > 0 {
			ew.printf("\n")
		}
		na := 0
		for _, c := range res.Controls {
			if c.Status == NotApplicable {
				na++
			}
		}
		unverified := 0
		for _, f := range res.Findings {
			if f.Unverified {
				unverified++
			}
		}
		ew.printf("%s (%s): %d rules (%d not applicable here), %d deny, %d warn (%d of them unverifiable from the plan), %d suppressed by exceptions\n",
			res.Label(), res.Plan, len(res.Controls), na, res.Count(Deny), res.Count(Warn), unverified, len(res.Suppressed))
		if res.State != "" {
			ew.printf("  values computed at apply time read from %s\n", res.State)
		}
		if len(res.Findings)+len(res.Suppressed) > 0 {
			tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  SEVERITY\tRULE\tRESOURCE\tFINDING")
			for _, f := range res.Findings {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", f.Severity, f.RuleID, f.Address, f.Message)
			}
			for _, f := range res.Suppressed {
				fmt.Fprintf(tw, "  excepted\t%s\t%s\t%s (exception %s)\n", f.RuleID, f.Address, f.Message, f.Exception)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
	}
	for _, id := range r.unused() {
		ew.printf("\nNote: exception %s matched no finding in the checked plans (its resource may not exist yet, or the deviation is gone).\n", id)
	}
	switch d, wn := r.Denies(), r.Warnings(); {
	case d > 0:
		ew.printf("\nFAIL: %d finding(s) must be fixed (or excepted with a justification and an expiry in policies/exceptions.yaml), %d warning(s).\n", d, wn)
	case wn > 0:
		ew.printf("\nPASS with %d warning(s).\n", wn)
	default:
		ew.printf("\nPASS.\n")
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// jsonReport is the JSON form: stable keys for tools.
type jsonReport struct {
	Version      int             `json:"version"`
	Generated    string          `json:"generated"`
	Denies       int             `json:"denies"`
	Warnings     int             `json:"warnings"`
	Rules        []Rule          `json:"rules"`
	Exceptions   []jsonException `json:"exceptions"`
	Environments []*Result       `json:"environments"`
}

type jsonException struct {
	Exception
	Expired bool `json:"expired"`
}

// WriteJSON writes the whole report as JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	out := jsonReport{Version: 1, Generated: r.Generated.Format(time.RFC3339), Denies: r.Denies(), Warnings: r.Warnings(),
		Rules: r.Rules, Exceptions: []jsonException{}, Environments: r.Results}
	for _, e := range r.Exceptions {
		out.Exceptions = append(out.Exceptions, jsonException{Exception: e, Expired: e.Expired(r.Generated)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// unused lists the exceptions that matched nothing in every result.
func (r *Report) unused() []string {
	count := map[string]int{}
	for _, res := range r.Results {
		for _, id := range res.Unused {
			count[id]++
		}
	}
	var out []string
	for _, e := range r.Exceptions {
		if len(r.Results) > 0 && count[e.ID] == len(r.Results) {
			out = append(out, e.ID)
		}
	}
	return out
}
