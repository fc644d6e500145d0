package compliance

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule catalogue as a Markdown table: id, title,
// severity and where it applies, requirements and the policy file.
func RulesMarkdown(rules []Rule) string {
	var b strings.Builder
	b.WriteString("| Id | Control | Severity | Where | Applies to | PCI DSS v4.0 | SOC 2 | Security Hub / Checkov | Policy |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | [%s](%s) |\n",
			r.ID, mdCell(r.Title), r.Severity, r.Scope(), "`"+strings.Join(r.AppliesTo, "`, `")+"`",
			strings.Join(r.PCI, ", "), strings.Join(r.SOC2, ", "), mdCell(equivalents(r)), r.File, r.File)
	}
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// equivalents lists the Security Hub and Checkov ids of the same control.
func equivalents(r Rule) string {
	var ids []string
	ids = append(ids, r.Equivalents["security_hub"]...)
	ids = append(ids, r.Equivalents["checkov"]...)
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}
