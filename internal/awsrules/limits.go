package awsrules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// DefaultLambdaConcurrencyQuota is AWS's concurrent-executions quota for a
// new account (regional); Lambda refuses any reservation that would leave
// fewer than MinUnreserved unreserved.
const (
	DefaultLambdaConcurrencyQuota = 10
	MinUnreserved                 = 10
	LambdaQuotaVariable           = "lambda_concurrency_quota"
)

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// LambdaQuota is the account's concurrent-executions quota as the plan's
// root variable lambda_concurrency_quota gives it, else the new-account
// default.
func LambdaQuota(p *Plan) int {
	if n, ok := number(p.Variable(LambdaQuotaVariable)); ok && n > 0 {
		return int(n)
	}
	return DefaultLambdaConcurrencyQuota
}

// CheckLambdaQuota sums reserved_concurrent_executions over every Lambda
// function of the plan and requires quota - sum >= MinUnreserved. The plan
// is one account; all its functions are summed together even when a
// provider alias puts one in another region (conservative: the quota is
// regional). Provisioned concurrency is not counted.
func CheckLambdaQuota(p *Plan, quota int) []Violation {
	sum := 0
	var parts []string
	var vs []Violation
	for _, r := range p.OfType("aws_lambda_function") {
		if r.unknown("reserved_concurrent_executions") {
			vs = append(vs, Violation{RuleLambdaQuota, r.Address, "reserved_concurrent_executions is known only after apply: it must be a plan-time value to be checked against the quota"})
			continue
		}
		if n, ok := number(r.After["reserved_concurrent_executions"]); ok && n > 0 {
			sum += int(n)
			parts = append(parts, fmt.Sprintf("%s=%d", r.Address, int(n)))
		}
	}
	if quota-sum < MinUnreserved {
		vs = append(vs, Violation{RuleLambdaQuota, "(account)", fmt.Sprintf(
			"reserved concurrency %d (%s) leaves %d unreserved of the quota %d (variable %s); Lambda requires at least %d unreserved: reserve less, or raise the quota with Service Quotas first and set the variable",
			sum, strings.Join(parts, ", "), quota-sum, quota, LambdaQuotaVariable, MinUnreserved)})
	}
	return sortViolations(vs)
}

var minorPin = regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9]+)?$`)

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// CheckMinorPins finds engine versions pinned below the major while AWS
// upgrades the minor automatically: after the first automatic upgrade the
// configured version is lower than the running one, and every apply tries
// to downgrade (an error), so pin the major ("16") or turn auto upgrades off.
//
//   - aws_rds_cluster (Aurora): engine_version x.y or x.y.z with
//     auto_minor_version_upgrade true on the cluster or on any of its
//     instances (aws_rds_cluster_instance in the same module whose
//     cluster_identifier is the cluster's or known only after apply);
//   - aws_db_instance: the same with its own auto_minor_version_upgrade
//     (AWS's default is true);
//   - aws_elasticache_replication_group / aws_elasticache_cluster: since
//     Redis OSS 6.0 (and for Valkey) ElastiCache offers one version per
//     minor and applies patches under it; the provider accepts only
//     <major>.<minor> there, and a minor upgrade of a self-designed cluster
//     is started by its owner (auto_minor_version_upgrade opts in to patch
//     campaigns). So <major>.<minor> is the pin AWS keeps, and only a
//     <major>.<minor>.<patch> pin with auto upgrades is flagged.
func CheckMinorPins(p *Plan) []Violation {
	var vs []Violation
	instances := p.OfType("aws_rds_cluster_instance")
	for _, c := range p.OfType("aws_rds_cluster") {
		v := c.str("engine_version")
		if !minorPin.MatchString(v) {
			continue
		}
		auto := truthy(c.After["auto_minor_version_upgrade"])
		var by []string
		if auto {
			by = append(by, c.Address)
		}
		for _, i := range instances {
			if i.Module != c.Module || !truthy(i.After["auto_minor_version_upgrade"]) {
				continue
			}
			if id := i.str("cluster_identifier"); id == "" || id == c.str("cluster_identifier") {
				by = append(by, i.Address)
			}
		}
		if len(by) > 0 {
			vs = append(vs, Violation{RuleMinorPin, c.Address, fmt.Sprintf(
				"engine_version %q pins a minor while auto_minor_version_upgrade is true on %s: pin the major (%q) or a documented LTS minor with auto upgrades off",
				v, strings.Join(by, ", "), strings.SplitN(v, ".", 2)[0])})
		}
	}
	for _, d := range p.OfType("aws_db_instance") {
		v := d.str("engine_version")
		auto, set := d.After["auto_minor_version_upgrade"]
		if minorPin.MatchString(v) && (!set || auto == nil || truthy(auto)) {
			vs = append(vs, Violation{RuleMinorPin, d.Address, fmt.Sprintf("engine_version %q pins a minor while auto_minor_version_upgrade is true: pin the major", v)})
		}
	}
	for _, typ := range []string{"aws_elasticache_replication_group", "aws_elasticache_cluster"} {
		for _, r := range p.OfType(typ) {
			v := r.str("engine_version")
			if strings.Count(v, ".") == 2 && minorPin.MatchString(v) && truthy(r.After["auto_minor_version_upgrade"]) {
				vs = append(vs, Violation{RuleMinorPin, r.Address, fmt.Sprintf("engine_version %q pins a patch release while auto_minor_version_upgrade is true: give <major>.<minor>", v)})
			}
		}
	}
	return sortViolations(vs)
}
