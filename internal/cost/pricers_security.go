package cost

// Pricers of security services: KMS keys, secrets, WAF web ACLs, GuardDuty,
// Security Hub and AWS Config. pricers.go maps resource types to them.

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

func priceKMSKey(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "kms_key_month", "Customer managed key", Hourly, 1, "1 key")
	req := lookup(c.usage.KMS.Keys, r.indexKey(), c.usage.KMS.RequestsPerKey)
	c.add(rc, "kms_request_10k", "KMS requests", UsageBased, req/1e4, fmt.Sprintf("%s requests (kms) / 10k", n(req)))
}

func priceSecret(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "secretsmanager_secret_month", "Secret", Hourly, 1, "1 secret")
	calls := c.usage.SecretsManager.APICallsPerSecret
	c.add(rc, "secretsmanager_api_10k", "Secrets Manager API calls", UsageBased, calls/1e4,
		fmt.Sprintf("%s calls (secrets_manager.api_calls_per_secret) / 10k", n(calls)))
}

func priceWebACL(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "waf_web_acl_month", "Web ACL", Hourly, 1, "1 web ACL")
	rules := float64(len(list(r.Values, "rule")))
	why := "rule blocks"
	rj := str(r.Values, "rule_json")
	if rj == "" && r.unknown("rule_json") {
		// Known only after apply (it references an IP set ARN): the rehearsal
		// state resolves it; otherwise the rules are a range, never zero.
		if v, ok := c.state[r.Address]["rule_json"].(string); ok && v != "" {
			rj = v
			rc.Notes = append(rc.Notes, "rule_json unknown in the plan: rules counted in the offline rehearsal's state")
		} else {
			lo, hi, src := wafRuleRange(c.plan)
			c.add(rc, "waf_rule_month", "Rules and rule groups (unknown: low end)", Hourly, lo, fmt.Sprintf("%s rules at least (%s)", n(lo), src))
			rc.Unknown = fmt.Sprintf("rule_json is unknown until apply: %s–%s rules (%s)", n(lo), n(hi), src)
			rc.UnknownExtra = (hi - lo) * c.book.USD("waf_rule_month")
			q := c.usage.WAF.RequestsMillionsPerACL
			c.addUsage(rc, "waf_request_million", "Requests inspected", q, "million", "waf.requests_millions_per_acl")
			return
		}
	}
	if rj != "" {
		var parsed []any
		if err := json.Unmarshal([]byte(rj), &parsed); err != nil {
			rc.unpriced = "rule_json is not a JSON list of rules: " + err.Error()
			return
		}
		rules, why = float64(len(parsed)), "rules in rule_json"
	}
	c.add(rc, "waf_rule_month", "Rules and rule groups", Hourly, rules, fmt.Sprintf("%s %s", n(rules), why))
	q := c.usage.WAF.RequestsMillionsPerACL
	c.addUsage(rc, "waf_request_million", "Requests inspected", q, "million", "waf.requests_millions_per_acl")
}

// wafRuleRange bounds a web ACL's rule count from the configuration: the
// managed rule groups the root's waf variable declares, plus up to the two
// rate-based rules and the allow list the waf module adds.
func wafRuleRange(p *Plan) (lo, hi float64, src string) {
	w, _ := p.Variables["waf"].(map[string]any)
	groups, _ := w["managed_rule_groups"].(map[string]any)
	lo = float64(len(groups))
	if lo == 0 {
		lo = 1
	}
	return lo, lo + 3, fmt.Sprintf("%d managed rule groups declared in var.waf, plus up to 3 rules of the module", len(groups))
}

func priceGuardDuty(c *calc, r *Resource, rc *ResourceCost) {
	if v, ok := r.Values["enable"].(bool); ok && !v {
		rc.Notes = append(rc.Notes, "detector disabled")
		return
	}
	g := c.usage.GuardDuty
	c.addUsage(rc, "guardduty_cloudtrail_million", "CloudTrail event analysis", g.CloudTrailEventsMillions, "million events", "guardduty")
	c.addUsage(rc, "guardduty_logs_gb", "Flow and DNS log analysis", g.LogGB, "GB", "guardduty.log_gb")
	if g.RuntimeVCPUs > 0 && c.count["aws_guardduty_detector_feature"] == 0 {
		c.addUsage(rc, "guardduty_runtime_vcpu_month", "Runtime monitoring (Fargate)", g.RuntimeVCPUs, "vCPUs", "guardduty.runtime_vcpus")
	}
}

// priceGuardDutyFeature prices every enabled protection plan; a feature the
// book has no price for is NOT PRICED, never free.
func priceGuardDutyFeature(c *calc, r *Resource, rc *ResourceCost) {
	name := str(r.Values, "name")
	if st := str(r.Values, "status"); st != "ENABLED" {
		rc.Notes = append(rc.Notes, name+" "+strings.ToLower(orDefault(st, "unknown status")))
		return
	}
	g := c.usage.GuardDuty
	switch name {
	case "S3_DATA_EVENTS":
		c.add(rc, "guardduty_s3_events_million", "S3 Protection (data events analysed)", UsageBased, g.S3DataEventsMillions,
			fmt.Sprintf("%s million S3 data events (guardduty.s3_data_events_millions)", n(g.S3DataEventsMillions)))
	case "RDS_LOGIN_EVENTS":
		acu := 0.0
		for _, k := range slices.Sorted(maps.Keys(c.auroraACU)) {
			v := c.auroraACU[k]
			acu += v
		}
		c.add(rc, "guardduty_rds_acu_month", "RDS Protection (Aurora Serverless v2 login activity)", UsageBased, acu,
			fmt.Sprintf("%s average ACU of the Serverless v2 instances (aurora usage)", n(acu)))
	case "RUNTIME_MONITORING", "ECS_RUNTIME_MONITORING":
		vcpus := 0.0
		for _, k := range slices.Sorted(maps.Keys(c.ecs)) {
			u := c.ecs[k]
			if u.unpriced == "" {
				vcpus += u.tasks * u.vcpu * u.hours / c.hours
			}
		}
		why := "average Fargate vCPUs running (ECS services and jobs)"
		if g.RuntimeVCPUs > 0 {
			vcpus, why = g.RuntimeVCPUs, "guardduty.runtime_vcpus"
		}
		c.add(rc, "guardduty_runtime_vcpu_month", "Runtime Monitoring (Fargate)", UsageBased, vcpus, fmt.Sprintf("%s vCPUs (%s)", n(vcpus), why))
	case "LAMBDA_NETWORK_LOGS", "EBS_MALWARE_PROTECTION", "EKS_AUDIT_LOGS", "EKS_RUNTIME_MONITORING":
		rc.unpriced = "GuardDuty feature " + name + " has no price in the book"
	default:
		rc.unpriced = "unknown GuardDuty feature " + name
	}
}

func priceSecurityHub(c *calc, r *Resource, rc *ResourceCost) {
	c.addUsage(rc, "securityhub_check", "Security checks", c.usage.SecurityHub.ChecksPerMonth, "checks", "security_hub.checks_per_month")
}

func priceConfigRecorder(c *calc, r *Resource, rc *ResourceCost) {
	c.addUsage(rc, "config_item", "Configuration items recorded", c.usage.Config.ItemsPerMonth, "items", "config.items_per_month")
}
