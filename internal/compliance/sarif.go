package compliance

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// SARIF 2.1.0, the subset GitHub code scanning reads.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// ToolName names the tool in SARIF runs.
	ToolName = "lookcard-check"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool       `json:"tool"`
	AutomationDetails sarifAutomation `json:"automationDetails"`
	Results           []sarifResult   `json:"results"`
	Properties        map[string]any  `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	FullName       string      `json:"fullName"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations"`
}

type sarifPhysical struct {
	ArtifactLocation sarifAL     `json:"artifactLocation"`
	Region           sarifRegion `json:"region"`
}

type sarifAL struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Name               string `json:"name"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

func sarifLevel(l Level) string {
	if l == Deny {
		return "error"
	}
	return "warning"
}

// ruleName is the rule's title in PascalCase (SARIF's reportingDescriptor.name).
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func (r *Report) sarifRules() []sarifRule {
	out := make([]sarifRule, 0, len(r.Rules))
	for _, rule := range r.Rules {
		tags := []string{"security", "compliance"}
		for _, p := range rule.PCI {
			tags = append(tags, "PCI-DSS-4.0/"+p)
		}
		for _, s := range rule.SOC2 {
			tags = append(tags, "SOC2/"+s)
		}
		severity := "8.0"
		if rule.Severity == Warn {
			severity = "5.0"
		}
		help := fmt.Sprintf("%s\n\nRemediation: %s\n\nPCI DSS v4.0: %s. SOC 2: %s. Applies to: %s (%s).",
			rule.Description, rule.Remediation, strings.Join(rule.PCI, ", "), strings.Join(rule.SOC2, ", "), strings.Join(rule.AppliesTo, ", "), rule.Scope())
		md := fmt.Sprintf("**%s** (%s)\n\n%s\n\n**Remediation:** %s\n\n| PCI DSS v4.0 | SOC 2 | Applies to | Where |\n| --- | --- | --- | --- |\n| %s | %s | `%s` | %s |\n",
			rule.Title, rule.ID, rule.Description, rule.Remediation, strings.Join(rule.PCI, ", "), strings.Join(rule.SOC2, ", "), strings.Join(rule.AppliesTo, "`, `"), rule.Scope())
		out = append(out, sarifRule{
			ID: rule.ID, Name: ruleName(rule.Title),
			ShortDescription:     sarifText{Text: rule.Title},
			FullDescription:      sarifText{Text: rule.Description},
			Help:                 sarifText{Text: help, Markdown: md},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(rule.Severity)},
			Properties: map[string]any{"tags": tags, "precision": "high", "security-severity": severity,
				"pci-dss": rule.PCI, "soc2": rule.SOC2, "policy": rule.File},
		})
	}
	return out
}

func (r *Report) sarifResult(env string, index map[string]int, f Finding) sarifResult {
	loc := rootLocation // when the declaration is not found
	if f.Location != nil {
		loc = *f.Location
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{env, f.RuleID, f.Address, f.Message}, "\x00")))
	res := sarifResult{
		RuleID: f.RuleID, RuleIndex: index[f.RuleID], Level: sarifLevel(f.Severity),
		Message: sarifText{Text: fmt.Sprintf("%s: %s", f.Address, f.Message)},
		Locations: []sarifLocation{{
			PhysicalLocation: sarifPhysical{ArtifactLocation: sarifAL{URI: loc.File, URIBaseID: "%SRCROOT%"}, Region: sarifRegion{StartLine: loc.Line}},
			LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Address, Name: f.Address, Kind: "resource"}},
		}},
		PartialFingerprints: map[string]string{"lookcardFinding/v1": hex.EncodeToString(sum[:16])},
		Properties:          map[string]any{"environment": env},
	}
	return res
}

// WriteSARIF writes one SARIF run per environment (category
// lookcard-check/<environment>), with one rule per policy.
func (r *Report) WriteSARIF(w io.Writer) error {
	rules := r.sarifRules()
	index := map[string]int{}
	for i, rule := range rules {
		index[rule.ID] = i
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{}}
	for _, res := range r.Results {
		run := sarifRun{
			Tool: sarifTool{Driver: sarifDriver{Name: ToolName, FullName: "lookcard check: PCI DSS v4.0 and SOC 2 controls over OpenTofu plans",
				Version: "1", Rules: rules}},
			AutomationDetails: sarifAutomation{ID: ToolName + "/" + res.Label() + "/"},
			Results:           []sarifResult{},
			Properties:        map[string]any{"environment": res.Environment, "stack": res.Label(), "plan": res.Plan},
		}
		for _, f := range res.Findings {
			run.Results = append(run.Results, r.sarifResult(res.Label(), index, f))
		}
		for _, f := range res.Suppressed {
			sr := r.sarifResult(res.Label(), index, f)
			just := f.Exception
			for _, e := range r.Exceptions {
				if e.ID == f.Exception {
					just = fmt.Sprintf("%s (exception %s, owner %s, expires %s)", strings.TrimSpace(e.Justification), e.ID, e.Owner, e.Expires)
				}
			}
			sr.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: just}}
			run.Results = append(run.Results, sr)
		}
		log.Runs = append(log.Runs, run)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
