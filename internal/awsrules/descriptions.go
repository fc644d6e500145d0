package awsrules

import (
	"fmt"
	"regexp"
	"sort"
)

// descriptionRule is what an API accepts in a resource's description: the
// providers check only the length, so anything else fails at apply.
type descriptionRule struct {
	attr    string
	pattern *regexp.Regexp
	allowed string // said in the violation
}

var (
	// WAFv2's EntityDescription (CreateWebACL, CreateIPSet, ...).
	wafDescription = descriptionRule{"description", regexp.MustCompile(`^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$`),
		"letters, digits, spaces and + = : # @ / - , . (no parentheses, quotes or apostrophes), 2 characters or more"}
	// EC2 security group and security group rule descriptions.
	ec2Description = descriptionRule{"description", regexp.MustCompile(`^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]{0,255}$`),
		"letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ * (no quotes or apostrophes), at most 255"}

	// DescriptionRules maps resource types to what their API accepts.
	DescriptionRules = map[string]descriptionRule{
		"aws_wafv2_web_acl":                   wafDescription,
		"aws_wafv2_ip_set":                    wafDescription,
		"aws_wafv2_rule_group":                wafDescription,
		"aws_wafv2_regex_pattern_set":         wafDescription,
		"aws_security_group":                  ec2Description,
		"aws_security_group_rule":             ec2Description,
		"aws_vpc_security_group_ingress_rule": ec2Description,
		"aws_vpc_security_group_egress_rule":  ec2Description,
	}
)

// CheckDescriptions: every description the plan sends is one the API
// accepts (a known value; unknown ones are left to the rehearsal's state).
func CheckDescriptions(p *Plan) []Violation {
	types := make([]string, 0, len(DescriptionRules))
	for t := range DescriptionRules {
		types = append(types, t)
	}
	sort.Strings(types)
	var vs []Violation
	for _, typ := range types {
		rule := DescriptionRules[typ]
		for _, r := range p.OfType(typ) {
			d, ok := r.After[rule.attr].(string)
			if !ok || d == "" || rule.pattern.MatchString(d) {
				continue
			}
			vs = append(vs, Violation{RuleDescriptions, r.Address, fmt.Sprintf("%s %q is refused by the API: allowed are %s", rule.attr, d, rule.allowed)})
		}
	}
	return sortViolations(vs)
}
