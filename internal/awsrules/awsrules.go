// Package awsrules checks the rules AWS's APIs enforce at apply time that no
// provider schema expresses, over a saved plan (`tofu show -json`) and over
// the HCL of the repository. Each rule guards a class of first-apply failure
// found in issue 18:
//
//	principals        every principal a key, bucket, secret, topic, queue or trust
//	                  policy names exists: created by the plan, by bootstrap/, an
//	                  AWS service, or listed once in Prerequisites
//	self-trust        no IAM role's trust policy names the role itself
//	lambda-quota      reserved Lambda concurrency leaves >= 10 unreserved
//	minor-pin         no RDS/Aurora/ElastiCache minor pin with auto minor upgrades
//	listener-order    ECS services and ALBRequestCountPerTarget policies wait for
//	                  the listener (rule) that attaches their target group
//	budget-topic-order  AWS Budgets' notifications wait for the SNS topic
//	                  policy that lets Budgets publish
//	fixed-name-cbd    no fixed unique name with create_before_destroy
//	aws-log-groups    every log group AWS would create on its own is managed
//	descriptions      WAF and security group descriptions use only the
//	                  characters their APIs accept
//
// The plan rules take a *Plan (LoadPlan); the HCL rules take a *tfconfig.Config
// (tfconfig.Load). Each returns the violations it found, sorted; none means pass.
package awsrules

import (
	"fmt"
	"sort"
	"strings"
)

// Rule names, as Violation.Rule reports them.
const (
	RulePrincipals    = "principals"
	RuleSelfTrust     = "self-trust"
	RuleLambdaQuota   = "lambda-quota"
	RuleMinorPin      = "minor-pin"
	RuleListenerOrder = "listener-order"
	RuleBudgetOrder   = "budget-topic-order"
	RuleFixedNameCBD  = "fixed-name-cbd"
	RuleAWSLogGroups  = "aws-log-groups"
	RuleDescriptions  = "descriptions"
)

// Violation is one breach of a rule by one resource.
type Violation struct {
	Rule    string
	Address string // resource address in the plan, or file:line for HCL rules
	Message string
}

func (v Violation) String() string { return fmt.Sprintf("[%s] %s: %s", v.Rule, v.Address, v.Message) }

func sortViolations(vs []Violation) []Violation {
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].Rule != vs[j].Rule {
			return vs[i].Rule < vs[j].Rule
		}
		if vs[i].Address != vs[j].Address {
			return vs[i].Address < vs[j].Address
		}
		return vs[i].Message < vs[j].Message
	})
	return vs
}

// Format renders violations one a line, for a test failure.
func Format(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString("  ")
		b.WriteString(v.String())
		b.WriteByte('\n')
	}
	return b.String()
}
