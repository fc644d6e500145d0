package suite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/awsrules"
)

// planned is one managed resource of a saved offline plan.
type planned struct {
	Address string
	Type    string
	After   map[string]any
	Unknown map[string]any // after_unknown: true where the value is known only after apply
}

// set reports whether attribute k is configured: a known non-null value, or
// one that is known only after apply (such as a KMS key ARN).
func (p planned) set(k string) bool {
	if v, ok := p.After[k]; ok && v != nil && v != "" {
		return true
	}
	return p.Unknown[k] == true
}

// loadPlan reads a saved plan's managed resources the way the AWS rules
// read them (through internal/planfile); resources the plan deletes are left
// out.
func loadPlan(t *testing.T, path string) []planned {
	t.Helper()
	p, err := awsrules.LoadPlan(path)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]planned, 0, len(p.Resources))
	for _, r := range p.Resources {
		out = append(out, planned{r.Address, r.Type, r.After, r.Unknown})
	}
	return out
}

func ofType(ps []planned, typ string) []planned {
	var out []planned
	for _, p := range ps {
		if p.Type == typ {
			out = append(out, p)
		}
	}
	return out
}

func first(v any) map[string]any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

// guarantee is one rule an environment's plan must satisfy.
type guarantee struct {
	name  string
	envs  []string // empty: every environment
	check func(ps []planned) error
}

var guarantees = []guarantee{
	{"exactly six ECS clusters", nil, func(ps []planned) error {
		if n := len(ofType(ps, "aws_ecs_cluster")); n != 6 {
			return fmt.Errorf("%d clusters", n)
		}
		return nil
	}},
	{"22 or more ECS services and scheduled jobs", nil, func(ps []planned) error {
		n := len(ofType(ps, "aws_ecs_service")) + len(ofType(ps, "aws_scheduler_schedule"))
		if n < 22 {
			return fmt.Errorf("%d services and jobs", n)
		}
		return nil
	}},
	{"every log group is KMS-encrypted with a retention", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_cloudwatch_log_group") {
			if !p.set("kms_key_id") || !p.set("retention_in_days") {
				return fmt.Errorf("%s lacks kms_key_id or retention", p.Address)
			}
		}
		return nil
	}},
	{"Aurora is PostgreSQL 16 (major pinned, AWS upgrades minors), encrypted, IAM auth, never public", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_rds_cluster") {
			if p.After["engine"] != "aurora-postgresql" || p.After["engine_version"] != "16" || p.After["storage_encrypted"] != true || p.After["iam_database_authentication_enabled"] != true {
				return fmt.Errorf("%s: %v %v encrypted=%v iam=%v", p.Address, p.After["engine"], p.After["engine_version"], p.After["storage_encrypted"], p.After["iam_database_authentication_enabled"])
			}
		}
		for _, p := range ofType(ps, "aws_rds_cluster_instance") {
			if p.After["publicly_accessible"] != false || p.After["instance_class"] != "db.serverless" {
				return fmt.Errorf("%s: public=%v class=%v", p.Address, p.After["publicly_accessible"], p.After["instance_class"])
			}
		}
		return nil
	}},
	{"Redis encrypts at rest and in transit", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_elasticache_replication_group") {
			// The provider types at_rest_encryption_enabled as a string.
			if p.After["at_rest_encryption_enabled"] != "true" || p.After["transit_encryption_enabled"] != true || p.After["transit_encryption_mode"] != "required" {
				return fmt.Errorf("%s is not encrypted", p.Address)
			}
		}
		return nil
	}},
	{"every DynamoDB table has PITR and a customer-managed key", nil, func(ps []planned) error {
		tables := ofType(ps, "aws_dynamodb_table")
		if len(tables) < 5 {
			return fmt.Errorf("only %d tables", len(tables))
		}
		for _, p := range tables {
			pitr, sse := first(p.After["point_in_time_recovery"]), first(p.After["server_side_encryption"])
			if pitr["enabled"] != true || sse["enabled"] != true {
				return fmt.Errorf("%s: pitr=%v sse=%v", p.Address, pitr, sse)
			}
		}
		return nil
	}},
	{"no task gets a public IP", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_ecs_service") {
			if nc := first(p.After["network_configuration"]); nc["assign_public_ip"] != false {
				return fmt.Errorf("%s assigns a public IP", p.Address)
			}
		}
		return nil
	}},
	// The ALB is internal behind the NLB (issue 20): no port-80 listener, and a
	// listener on 80 that does not redirect would be refused here.
	{"the ALB listens on 443 with TLS 1.2+ and nothing listens on 80 but a redirect", nil, func(ps []planned) error {
		var https, http int
		for _, p := range ofType(ps, "aws_lb_listener") {
			switch p.After["port"] {
			case float64(443):
				if pol, _ := p.After["ssl_policy"].(string); p.After["protocol"] == "HTTPS" && !strings.HasPrefix(pol, "ELBSecurityPolicy-TLS13-") && !strings.HasPrefix(pol, "ELBSecurityPolicy-FS-1-2") {
					return fmt.Errorf("%s uses %v", p.Address, pol)
				}
				https++
			case float64(80):
				a := first(p.After["default_action"])
				if a["type"] != "redirect" || first(a["redirect"])["protocol"] != "HTTPS" {
					return fmt.Errorf("%s does not redirect to HTTPS", p.Address)
				}
				http++
			}
		}
		if https == 0 || http != 0 {
			return fmt.Errorf("%d listeners on 443, %d on 80 (the internal ALB needs none)", https, http)
		}
		return nil
	}},
	{"no load balancer faces the internet (API Gateway and CloudFront are the edges)", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_lb") {
			if p.After["internal"] != true {
				return fmt.Errorf("%s is internet-facing", p.Address)
			}
		}
		return nil
	}},
	{"every public ECS service has exactly one listener rule, one target group and an API route", nil, func(ps []planned) error {
		keys := func(typ string) map[string]int {
			out := map[string]int{}
			for _, p := range ofType(ps, typ) {
				if i := strings.Index(p.Address, `.service["`); i >= 0 {
					out[p.Address[i+len(`.service["`):strings.LastIndex(p.Address, `"]`)]]++
				}
			}
			return out
		}
		rules, tgs := keys("aws_lb_listener_rule"), keys("aws_lb_target_group")
		if len(rules) < 9 || fmt.Sprint(rules) != fmt.Sprint(tgs) {
			return fmt.Errorf("listener rules %v, target groups %v", rules, tgs)
		}
		for svc, n := range rules {
			if n != 1 {
				return fmt.Errorf("%s has %d listener rules", svc, n)
			}
		}
		if n := len(ofType(ps, "aws_api_gateway_integration")); n < len(rules) {
			return fmt.Errorf("%d API integrations for %d public services", n, len(rules))
		}
		return nil
	}},
	{"the API stage logs access in JSON and traces with X-Ray", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_api_gateway_stage") {
			logs := first(p.After["access_log_settings"])
			if f, _ := logs["format"].(string); !strings.HasPrefix(f, "{") || p.After["xray_tracing_enabled"] != true {
				return fmt.Errorf("%s: access log format %q, xray %v", p.Address, f, p.After["xray_tracing_enabled"])
			}
		}
		for _, p := range ofType(ps, "aws_api_gateway_domain_name") {
			if p.After["security_policy"] != "TLS_1_2" {
				return fmt.Errorf("%s: %v", p.Address, p.After["security_policy"])
			}
		}
		return nil
	}},
	{"CloudFront enforces HTTPS with TLS 1.2", nil, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_cloudfront_distribution") {
			if first(p.After["viewer_certificate"])["minimum_protocol_version"] != "TLSv1.2_2021" || first(p.After["default_cache_behavior"])["viewer_protocol_policy"] != "redirect-to-https" {
				return fmt.Errorf("%s does not enforce HTTPS/TLS 1.2", p.Address)
			}
		}
		return nil
	}},
	{"certificates validate through records in the DNS account", nil, func(ps []planned) error {
		if len(ofType(ps, "aws_acm_certificate_validation")) != 2 || len(ofType(ps, "aws_route53_record")) < 3 {
			return fmt.Errorf("%d validations, %d records", len(ofType(ps, "aws_acm_certificate_validation")), len(ofType(ps, "aws_route53_record")))
		}
		return nil
	}},
	{"every alarm notifies a topic", nil, func(ps []planned) error {
		alarms := ofType(ps, "aws_cloudwatch_metric_alarm")
		if len(alarms) < 22 {
			return fmt.Errorf("only %d alarms", len(alarms))
		}
		for _, p := range alarms {
			if !p.set("alarm_actions") {
				return fmt.Errorf("%s has no action", p.Address)
			}
		}
		return nil
	}},
	{"the trail is multi-region and validates log files", nil, func(ps []planned) error {
		trails := ofType(ps, "aws_cloudtrail")
		if len(trails) != 1 {
			return fmt.Errorf("%d trails", len(trails))
		}
		if trails[0].After["is_multi_region_trail"] != true || trails[0].After["enable_log_file_validation"] != true {
			return fmt.Errorf("%s is not multi-region with validation", trails[0].Address)
		}
		return nil
	}},
	{"production: GuardDuty, Security Hub and Config on", []string{"production"}, func(ps []planned) error {
		for _, typ := range []string{"aws_guardduty_detector", "aws_securityhub_account", "aws_config_configuration_recorder"} {
			if len(ofType(ps, typ)) != 1 {
				return fmt.Errorf("no %s", typ)
			}
		}
		return nil
	}},
	{"production and staging: WAF guards the ALB, the API stage and CloudFront", []string{"production", "staging"}, func(ps []planned) error {
		acls := ofType(ps, "aws_wafv2_web_acl")
		assoc := map[string]bool{}
		for _, p := range ofType(ps, "aws_wafv2_web_acl_association") {
			assoc[p.Address[strings.LastIndex(p.Address, "[")+1:]] = true
		}
		// Three ACLs: the API stage's, CloudFront's, and the origin guard on the
		// ALB and App Runner that admits only the edges (issue 20).
		if len(acls) != 3 || !assoc[`"alb"]`] || !assoc[`"api-stage"]`] || !assoc[`"app-runner"]`] {
			return fmt.Errorf("%d web ACLs, associations %v", len(acls), assoc)
		}
		for _, p := range ofType(ps, "aws_cloudfront_distribution") {
			if !p.set("web_acl_id") {
				return fmt.Errorf("%s has no web ACL", p.Address)
			}
		}
		for _, p := range ofType(ps, "aws_wafv2_web_acl_logging_configuration") {
			if !p.set("redacted_fields") {
				return fmt.Errorf("%s redacts nothing", p.Address)
			}
		}
		return nil
	}},
	{"WAF alarms: blocked spikes and each rate rule, notifying a topic in the ACL's region", []string{"production", "staging", "develop", "testing"}, func(ps []planned) error {
		found := map[string]int{}
		for _, p := range ofType(ps, "aws_cloudwatch_metric_alarm") {
			if p.After["namespace"] != "AWS/WAFV2" {
				continue
			}
			dims, _ := p.After["dimensions"].(map[string]any)
			actions, _ := p.After["alarm_actions"].([]any)
			if p.After["metric_name"] != "BlockedRequests" || len(actions) != 1 {
				return fmt.Errorf("%s: metric %v, actions %v", p.Address, p.After["metric_name"], actions)
			}
			topic, _ := actions[0].(string)
			// CloudFront ACL metrics live in us-east-1 without a Region dimension.
			regional := strings.HasPrefix(p.Address, "module.waf_regional.")
			wantTopic := map[bool]string{true: ":sns:ap-southeast-1:", false: ":sns:us-east-1:"}[regional]
			if _, hasRegion := dims["Region"]; hasRegion != regional || !strings.Contains(topic, wantTopic) {
				return fmt.Errorf("%s: dimensions %v, topic %s", p.Address, dims, topic)
			}
			found[map[bool]string{true: "regional", false: "cloudfront"}[regional]]++
		}
		if found["regional"] != 3 || found["cloudfront"] != 3 {
			return fmt.Errorf("WAF alarms per ACL: %v (want 3 each: all rules and the two rate rules)", found)
		}
		return nil
	}},
	{"production: Container Insights enhanced", []string{"production"}, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_ecs_cluster") {
			if s := first(p.After["setting"]); s["value"] != "enhanced" {
				return fmt.Errorf("%s: containerInsights %v", p.Address, s["value"])
			}
		}
		return nil
	}},
	{"production: a writer and two readers in three AZs", []string{"production"}, func(ps []planned) error {
		azs := map[any]bool{}
		for _, p := range ofType(ps, "aws_rds_cluster_instance") {
			azs[p.After["availability_zone"]] = true
		}
		if len(ofType(ps, "aws_rds_cluster_instance")) != 3 || len(azs) != 3 {
			return fmt.Errorf("instances in AZs %v", azs)
		}
		return nil
	}},
	{"production and staging: deletion protection and final snapshot", []string{"production", "staging"}, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_rds_cluster") {
			if p.After["deletion_protection"] != true || p.After["skip_final_snapshot"] != false {
				return fmt.Errorf("%s: deletion_protection=%v skip_final_snapshot=%v", p.Address, p.After["deletion_protection"], p.After["skip_final_snapshot"])
			}
		}
		return nil
	}},
	{"production: 35-day backups and table deletion protection", []string{"production"}, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_rds_cluster") {
			if p.After["backup_retention_period"] != float64(35) {
				return fmt.Errorf("%s keeps backups %v days", p.Address, p.After["backup_retention_period"])
			}
		}
		for _, p := range ofType(ps, "aws_dynamodb_table") {
			if p.After["deletion_protection_enabled"] != true {
				return fmt.Errorf("%s is not deletion-protected", p.Address)
			}
		}
		return nil
	}},
	{"production and staging: Redis multi-AZ with automatic failover", []string{"production", "staging"}, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_elasticache_replication_group") {
			if p.After["automatic_failover_enabled"] != true || p.After["multi_az_enabled"] != true {
				return fmt.Errorf("%s: failover=%v multi_az=%v", p.Address, p.After["automatic_failover_enabled"], p.After["multi_az_enabled"])
			}
		}
		return nil
	}},
	{"production: no ECS Exec and no scheduled scaling", []string{"production"}, func(ps []planned) error {
		for _, p := range ofType(ps, "aws_ecs_service") {
			if p.After["enable_execute_command"] == true {
				return fmt.Errorf("%s allows ECS Exec", p.Address)
			}
		}
		if n := len(ofType(ps, "aws_appautoscaling_scheduled_action")); n != 0 {
			return fmt.Errorf("%d scheduled scaling actions", n)
		}
		return nil
	}},
	{"generated secrets rotate within 90 days through an in-VPC, KMS-encrypted function", nil, func(ps []planned) error {
		rots := ofType(ps, "aws_secretsmanager_secret_rotation")
		if len(rots) == 0 {
			return fmt.Errorf("no secret rotates")
		}
		for _, r := range rots {
			if d, _ := first(r.After["rotation_rules"])["automatically_after_days"].(float64); d < 1 || d > 90 {
				return fmt.Errorf("%s rotates every %v days", r.Address, d)
			}
		}
		fns := ofType(ps, "aws_lambda_function")
		if len(fns) == 0 {
			return fmt.Errorf("no rotation function")
		}
		for _, f := range fns {
			if first(f.After["vpc_config"]) == nil || !f.set("kms_key_arn") || first(f.After["tracing_config"])["mode"] != "Active" {
				return fmt.Errorf("%s: vpc_config=%v kms_key_arn set=%v tracing=%v", f.Address, f.After["vpc_config"], f.set("kms_key_arn"), f.After["tracing_config"])
			}
		}
		return nil
	}},
	{"develop, testing, sandbox: services scale to zero outside working hours", []string{"develop", "testing", "sandbox"}, func(ps []planned) error {
		down := 0
		for _, p := range ofType(ps, "aws_appautoscaling_scheduled_action") {
			if a := first(p.After["scalable_target_action"]); a["max_capacity"] == "0" || a["max_capacity"] == float64(0) {
				if p.After["timezone"] != "Asia/Singapore" {
					return fmt.Errorf("%s is not in Singapore time", p.Address)
				}
				down++
			}
		}
		if services := len(ofType(ps, "aws_ecs_service")); down != services {
			return fmt.Errorf("%d scale-down actions for %d services", down, services)
		}
		return nil
	}},
}

func checkGuarantees(t *testing.T, env, planJSON string) {
	ps := loadPlan(t, planJSON)
	for _, g := range guarantees {
		if len(g.envs) > 0 && !strings.Contains(","+strings.Join(g.envs, ",")+",", ","+env+",") {
			continue
		}
		t.Run(g.name, func(t *testing.T) {
			if err := g.check(ps); err != nil {
				t.Errorf("%s: %v", env, err)
			}
		})
	}
}
