package awsrules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// logGroupARN extracts the log group name from a CloudWatch Logs ARN
// (arn:aws:logs:<region>:<account>:log-group:<name>[:*]).
var logGroupARN = regexp.MustCompile(`^arn:aws[a-z-]*:logs:[a-z0-9-]*:[0-9]*:log-group:([^:]+)(:\*)?$`)

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// firstBlock returns the first element of a nested block list attribute.
func firstBlock(r map[string]any, k string) map[string]any {
	if l := list(r[k]); len(l) > 0 {
		return obj(l[0])
	}
	return nil
}

// CheckAWSLogGroups finds log groups that AWS services create on their own
// (or write to) but the plan does not manage: such a group gets no KMS key
// and never expires, against the retention and encryption every managed
// group has (PCI DSS 10.5), and a later attempt to manage it fails with
// ResourceAlreadyExistsException. Each must exist as an
// aws_cloudwatch_log_group of the plan, created first:
//
//   - aws_rds_cluster enabled_cloudwatch_logs_exports: /aws/rds/cluster/<id>/<export>
//   - aws_db_instance enabled_cloudwatch_logs_exports: /aws/rds/instance/<id>/<export>
//   - aws_db_proxy: /aws/rds/proxy/<name> (RDS Proxy always logs there)
//   - aws_lambda_function: logging_config.log_group, else /aws/lambda/<function_name>
//   - aws_ecs_cluster: the ECS Exec log group, and with containerInsights
//     on, /aws/ecs/containerinsights/<cluster>/performance
//   - aws_cloudtrail, aws_api_gateway_stage access logs, aws_flow_log,
//     aws_wafv2_web_acl_logging_configuration, ElastiCache log delivery,
//     awslogs containers of aws_ecs_task_definition: the group they name
//     (skipped while known only after apply)
//   - aws_api_gateway_method_settings with logging on: API Gateway's
//     API-Gateway-Execution-Logs_<api id>/<stage>, which embeds an ID known
//     only after apply: an aws_cloudwatch_log_group in the same module whose
//     name has that prefix or is known only after apply
//   - aws_apprunner_service: /aws/apprunner/<service>/<service id>/... embeds
//     the service ID, assigned by CreateService, which creates both groups
//     before it returns: they cannot be created first. Instead the plan must
//     look them up (data aws_cloudwatch_log_groups with prefix
//     /aws/apprunner/<service>/ in the same module) and manage every group
//     found (adopted by import on the apply after the service's first).
func CheckAWSLogGroups(p *Plan) []Violation {
	managed := map[string]bool{}
	unknownByModule := map[string]int{}
	for _, g := range p.OfType("aws_cloudwatch_log_group") {
		if n := g.str("name"); n != "" {
			managed[n] = true
		} else if g.unknown("name") {
			unknownByModule[g.Module]++
		}
	}
	var vs []Violation
	need := func(r Resource, name, why string) {
		if name == "" || managed[name] {
			return
		}
		vs = append(vs, Violation{RuleAWSLogGroups, r.Address, fmt.Sprintf("%s writes to log group %s, which the plan does not manage: create it (KMS key, retention) before the resource that writes to it", why, name)})
	}
	needARN := func(r Resource, arn, why string) {
		if m := logGroupARN.FindStringSubmatch(arn); m != nil {
			need(r, m[1], why)
		}
	}

	for _, typ := range []string{"aws_rds_cluster", "aws_db_instance"} {
		idAttr, kind := "cluster_identifier", "cluster"
		if typ == "aws_db_instance" {
			idAttr, kind = "identifier", "instance"
		}
		for _, r := range p.OfType(typ) {
			exports := stringsOf(r.After["enabled_cloudwatch_logs_exports"])
			if len(exports) == 0 {
				continue
			}
			id := r.str(idAttr)
			if id == "" {
				vs = append(vs, Violation{RuleAWSLogGroups, r.Address, fmt.Sprintf("%s is known only after apply, so its log groups /aws/rds/%s/<id>/... cannot be created first: give a fixed identifier", idAttr, kind)})
				continue
			}
			for _, e := range exports {
				need(r, fmt.Sprintf("/aws/rds/%s/%s/%s", kind, id, e), "the "+e+" log export")
			}
		}
	}
	for _, r := range p.OfType("aws_db_proxy") {
		if n := r.str("name"); n != "" {
			need(r, "/aws/rds/proxy/"+n, "RDS Proxy")
		}
	}
	for _, r := range p.OfType("aws_lambda_function") {
		name := ""
		if lc := firstBlock(r.After, "logging_config"); lc != nil {
			name, _ = lc["log_group"].(string)
		}
		if name == "" && r.str("function_name") != "" {
			name = "/aws/lambda/" + r.str("function_name")
		}
		need(r, name, "the function")
	}
	for _, r := range p.OfType("aws_ecs_cluster") {
		if cfg := firstBlock(r.After, "configuration"); cfg != nil {
			if ecc := firstBlock(cfg, "execute_command_configuration"); ecc != nil {
				if lc := firstBlock(ecc, "log_configuration"); lc != nil {
					n, _ := lc["cloud_watch_log_group_name"].(string)
					need(r, n, "ECS Exec")
				}
			}
		}
		for _, s := range list(r.After["setting"]) {
			if m := obj(s); m["name"] == "containerInsights" && (m["value"] == "enabled" || m["value"] == "enhanced") && r.str("name") != "" {
				need(r, "/aws/ecs/containerinsights/"+r.str("name")+"/performance", "Container Insights")
			}
		}
	}
	for _, r := range p.OfType("aws_cloudtrail") {
		needARN(r, r.str("cloud_watch_logs_group_arn"), "CloudTrail")
	}
	for _, r := range p.OfType("aws_api_gateway_stage") {
		if a := firstBlock(r.After, "access_log_settings"); a != nil {
			s, _ := a["destination_arn"].(string)
			needARN(r, s, "API Gateway access logging")
		}
	}
	for _, r := range p.OfType("aws_flow_log") {
		if r.str("log_destination_type") == "" || r.str("log_destination_type") == "cloud-watch-logs" {
			needARN(r, r.str("log_destination"), "the flow log")
		}
	}
	for _, r := range p.OfType("aws_wafv2_web_acl_logging_configuration") {
		for _, d := range list(r.After["log_destination_configs"]) {
			s, _ := d.(string)
			needARN(r, s, "WAF logging")
		}
	}
	for _, typ := range []string{"aws_elasticache_replication_group", "aws_elasticache_cluster"} {
		for _, r := range p.OfType(typ) {
			for _, d := range list(r.After["log_delivery_configuration"]) {
				if m := obj(d); m["destination_type"] == "cloudwatch-logs" {
					n, _ := m["destination"].(string)
					need(r, n, "ElastiCache log delivery")
				}
			}
		}
	}
	for _, r := range p.OfType("aws_ecs_task_definition") {
		var defs []struct {
			Name             string `json:"name"`
			LogConfiguration *struct {
				LogDriver string            `json:"logDriver"`
				Options   map[string]string `json:"options"`
			} `json:"logConfiguration"`
		}
		if json.Unmarshal([]byte(r.str("container_definitions")), &defs) != nil {
			continue
		}
		for _, d := range defs {
			if d.LogConfiguration != nil && d.LogConfiguration.LogDriver == "awslogs" {
				need(r, d.LogConfiguration.Options["awslogs-group"], "container "+d.Name)
			}
		}
	}
	for _, r := range p.OfType("aws_api_gateway_method_settings") {
		s := firstBlock(r.After, "settings")
		if s == nil {
			continue
		}
		if lvl, _ := s["logging_level"].(string); lvl == "" || lvl == "OFF" {
			continue
		}
		found := unknownByModule[r.Module] > 0
		for n := range managed {
			if strings.HasPrefix(n, "API-Gateway-Execution-Logs_") {
				found = true
			}
		}
		if !found {
			vs = append(vs, Violation{RuleAWSLogGroups, r.Address, "execution logging is on but no log group API-Gateway-Execution-Logs_<rest api id>/<stage> is managed: create it from the API's id before the stage logs"})
		}
	}
	for _, r := range p.OfType("aws_apprunner_service") {
		name := r.str("service_name")
		prefix := "/aws/apprunner/" + name + "/"
		var lookup *DataSource
		for i, d := range p.DataSources {
			if d.Type == "aws_cloudwatch_log_groups" && d.Module == r.Module && d.Values["log_group_name_prefix"] == prefix {
				lookup = &p.DataSources[i]
			}
		}
		if lookup == nil {
			vs = append(vs, Violation{RuleAWSLogGroups, r.Address, fmt.Sprintf("App Runner creates %s<service id>/application and /service with the service; the module must look them up (data aws_cloudwatch_log_groups, prefix %q) and manage each one found", prefix, prefix)})
			continue
		}
		for _, n := range stringsOf(lookup.Values["log_group_names"]) {
			need(r, n, "App Runner (found by "+lookup.Address+")")
		}
	}
	return sortViolations(vs)
}
