package compliance

import (
	_ "embed"
	"html/template"
	"io"
	"time"
)

//go:embed report.html.tmpl
var htmlTemplate string

var reportTemplate = template.Must(template.New("report").Parse(htmlTemplate))

// Areas name the rule families by their id's middle part.
var Areas = []struct{ Code, Name string }{
	{"ENC", "Encryption at rest"},
	{"TLS", "Encryption in transit"},
	{"NET", "Network security"},
	{"IAM", "Identity and access"},
	{"LOG", "Logging and monitoring"},
	{"RES", "Resilience and recovery"},
	{"SEC", "Secrets hygiene"},
	{"SUP", "Supply chain"},
	{"TAG", "Tagging and inventory"},
}

type htmlData struct {
	Generated  string
	Cols       int // matrix columns: control, title and one per environment
	Envs       []*Result
	Denies     int
	Warnings   int
	Areas      []htmlArea
	Exceptions []jsonException
}

type htmlArea struct {
	Code, Name string
	Rows       []htmlRow
}

type htmlRow struct {
	Rule  Rule
	Scope string
	Cells []htmlCell
}

type htmlCell struct {
	Env      string
	Control  Control
	Findings []Finding
	Excepted []Finding
}

// WriteHTML writes a self-contained auditor's report: a control ×
// environment matrix with pass, warn and fail counts, and for each control
// its requirements, remediation and the evidence of every environment (the
// resources that satisfy it, fail it, are excepted or cannot be verified
// from a plan). It references nothing outside itself.
func (r *Report) WriteHTML(w io.Writer) error {
	data := htmlData{Generated: r.Generated.Format(time.RFC3339), Cols: 2 + len(r.Results), Envs: r.Results, Denies: r.Denies(), Warnings: r.Warnings()}
	for _, e := range r.Exceptions {
		data.Exceptions = append(data.Exceptions, jsonException{Exception: e, Expired: e.Expired(r.Generated)})
	}
	for _, a := range Areas {
		area := htmlArea{Code: a.Code, Name: a.Name}
		for _, rule := range r.Rules {
			if rule.Area() != a.Code {
				continue
			}
			area.Rows = append(area.Rows, r.htmlRow(rule))
		}
		if len(area.Rows) > 0 {
			data.Areas = append(data.Areas, area)
		}
	}
	// Rules of an area not listed above still appear.
	other := htmlArea{Code: "OTHER", Name: "Other controls"}
	for _, rule := range r.Rules {
		known := false
		for _, a := range Areas {
			known = known || a.Code == rule.Area()
		}
		if !known {
			other.Rows = append(other.Rows, r.htmlRow(rule))
		}
	}
	if len(other.Rows) > 0 {
		data.Areas = append(data.Areas, other)
	}
	return reportTemplate.Execute(w, data)
}

func (r *Report) htmlRow(rule Rule) htmlRow {
	row := htmlRow{Rule: rule, Scope: rule.Scope()}
	for _, res := range r.Results {
		c, _ := res.Control(rule.ID)
		cell := htmlCell{Env: res.Label(), Control: c}
		for _, f := range res.Findings {
			if f.RuleID == rule.ID {
				cell.Findings = append(cell.Findings, f)
			}
		}
		for _, f := range res.Suppressed {
			if f.RuleID == rule.ID {
				cell.Excepted = append(cell.Excepted, f)
			}
		}
		row.Cells = append(row.Cells, cell)
	}
	return row
}

// Pass, Warn and Fail count the resources that satisfy the control, and
// that fail it at warn or deny level.
func (c htmlCell) Pass() int { return len(c.Control.Passed) }

func (c htmlCell) Warn() int {
	if c.Control.Status == Warning {
		return len(c.Control.Failed)
	}
	return 0
}

func (c htmlCell) Fail() int {
	if c.Control.Status == Fail {
		return len(c.Control.Failed)
	}
	return 0
}

// Empty: no resource in the plan is subject to the control.
func (c htmlCell) Empty() bool {
	x := c.Control
	return len(x.Passed)+len(x.Failed)+len(x.Unverified)+len(x.Excepted) == 0
}
