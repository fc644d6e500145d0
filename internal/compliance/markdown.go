package compliance

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule catalogue as a Markdown table: id, title,
// severity and where it applies, requirements and the policy file.
func RulesMarkdown(rules []Rule) string {
	var b strings.Builder
	b.WriteString("| Id | Control | Severity | Where | Applies to | PCI DSS v4.0 | SOC 2 | Policy |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | [%s](%s) |\n",
			r.ID, mdCell(r.Title), r.Severity, r.Scope(), "`"+strings.Join(r.AppliesTo, "`, `")+"`",
			strings.Join(r.PCI, ", "), strings.Join(r.SOC2, ", "), r.File, r.File)
	}
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
