package offline

import (
	"strings"
)

// special answers the top-level string attributes whose shape AWS fixes per
// resource type: ids, ARNs, endpoints. ok is false where the generic rule by
// attribute name is good enough.
func (g *generator) special(attr string) (string, bool) {
	t, r, a := g.typeName, g.id.region, g.id.account
	n := g.name()
	switch attr {
	case "name":
		return n, true
	case "id":
		return g.resourceID(), true
	case "arn":
		return g.resourceARN(), true
	}
	id := g.known["id"]
	arn := g.known["arn"]
	switch t {
	case "aws_lb":
		kind := "app"
		if g.known["load_balancer_type"] == "network" {
			kind = "net"
		}
		switch attr {
		case "arn_suffix":
			return kind + "/" + n + "/" + g.hexN("lb", 16), true
		case "dns_name":
			prefix := ""
			if v := g.attrs["internal"]; v.IsKnown() && !v.IsNull() {
				var internal bool
				_ = v.As(&internal)
				if internal {
					prefix = "internal-"
				}
			}
			return prefix + n + "-" + g.hexN("dns", 10) + ".elb." + r + ".amazonaws.com", true
		case "zone_id":
			return "Z1LMS91P8CMLE5", true
		}
	case "aws_lb_target_group":
		if attr == "arn_suffix" {
			return "targetgroup/" + n + "/" + g.hexN("tg", 16), true
		}
	case "aws_lambda_function":
		switch attr {
		case "invoke_arn":
			return "arn:" + g.id.partition + ":apigateway:" + r + ":lambda:path/2015-03-31/functions/" + arn + "/invocations", true
		case "qualified_arn":
			return arn + ":$LATEST", true
		case "qualified_invoke_arn":
			return "arn:" + g.id.partition + ":apigateway:" + r + ":lambda:path/2015-03-31/functions/" + arn + ":$LATEST/invocations", true
		case "version":
			return "$LATEST", true
		}
	case "aws_ecr_repository":
		switch attr {
		case "repository_url":
			return a + ".dkr.ecr." + r + ".amazonaws.com/" + n, true
		case "registry_id":
			return a, true
		}
	case "aws_rds_cluster":
		switch attr {
		case "endpoint":
			return n + ".cluster-" + g.hexN("ep", 12) + "." + r + ".rds.amazonaws.com", true
		case "reader_endpoint":
			return n + ".cluster-ro-" + g.hexN("ep", 12) + "." + r + ".rds.amazonaws.com", true
		case "cluster_resource_id":
			return "cluster-" + g.alnum("res", 26, true), true
		case "hosted_zone_id":
			return "Z2G0U3KFCY8NZ5", true
		}
	case "aws_rds_cluster_instance":
		switch attr {
		case "endpoint", "address":
			return n + "." + g.hexN("ep", 12) + "." + r + ".rds.amazonaws.com", true
		case "dbi_resource_id":
			return "db-" + g.alnum("res", 26, true), true
		}
	case "aws_db_proxy":
		if attr == "endpoint" {
			return n + ".proxy-" + g.hexN("ep", 12) + "." + r + ".rds.amazonaws.com", true
		}
	case "aws_db_proxy_endpoint":
		if attr == "endpoint" {
			return n + ".endpoint.proxy-" + g.hexN("ep", 12) + "." + r + ".rds.amazonaws.com", true
		}
	case "aws_elasticache_replication_group":
		switch attr {
		case "primary_endpoint_address":
			return "master." + n + "." + g.hexN("ep", 6) + "." + shortRegion(r) + ".cache.amazonaws.com", true
		case "reader_endpoint_address":
			return "replica." + n + "." + g.hexN("ep", 6) + "." + shortRegion(r) + ".cache.amazonaws.com", true
		case "configuration_endpoint_address":
			return "clustercfg." + n + "." + g.hexN("ep", 6) + "." + shortRegion(r) + ".cache.amazonaws.com", true
		}
	case "aws_dynamodb_table":
		if attr == "stream_arn" {
			return arn + "/stream/2026-01-01T00:00:00.000", true
		}
		if attr == "stream_label" {
			return "2026-01-01T00:00:00.000", true
		}
	case "aws_sqs_queue":
		if attr == "url" {
			return "https://sqs." + r + ".amazonaws.com/" + a + "/" + n, true
		}
	case "aws_api_gateway_rest_api":
		switch attr {
		case "root_resource_id":
			return g.alnum("root", 10, false), true
		case "execution_arn":
			return g.arn("execute-api", r, id), true
		}
	case "aws_api_gateway_stage":
		switch attr {
		case "execution_arn":
			return g.arn("execute-api", r, g.known["rest_api_id"]+"/"+g.known["stage_name"]), true
		case "invoke_url":
			return "https://" + g.known["rest_api_id"] + ".execute-api." + r + ".amazonaws.com/" + g.known["stage_name"], true
		}
	case "aws_api_gateway_domain_name":
		switch attr {
		case "regional_domain_name":
			return "d-" + g.alnum("d", 10, false) + ".execute-api." + r + ".amazonaws.com", true
		case "regional_zone_id":
			return "ZL327KTPIQFUL", true
		}
	case "aws_cloudfront_distribution":
		switch attr {
		case "domain_name":
			return "d" + g.alnum("cf", 13, false) + ".cloudfront.net", true
		case "hosted_zone_id":
			return "Z2FDTNDATAQYW2", true
		}
	case "aws_apprunner_service":
		switch attr {
		case "service_id":
			return g.hexN("svc", 32), true
		case "service_url":
			return g.alnum("url", 10, false) + "." + r + ".awsapprunner.com", true
		}
	case "aws_route53_record":
		if attr == "fqdn" {
			return strings.TrimSuffix(g.known["name"], "."), true
		}
	case "aws_kms_key":
		if attr == "key_id" {
			return g.resourceID(), true
		}
	case "aws_kms_alias":
		if attr == "target_key_arn" {
			return g.arn("kms", r, "key/"+g.known["target_key_id"]), true
		}
	case "aws_secretsmanager_secret_version":
		if attr == "version_id" {
			return g.uuid("version"), true
		}
	case "aws_iam_role":
		if attr == "unique_id" {
			return "AROA" + g.alnum("uid", 17, true), true
		}
	case "aws_service_discovery_private_dns_namespace":
		if attr == "hosted_zone" {
			return "Z" + g.alnum("zone", 13, true), true
		}
	}
	return "", false
}

// resourceID is the "id" AWS (through the provider) gives the resource.
func (g *generator) resourceID() string {
	t := g.typeName
	if p, ok := idPrefixes[t]; ok {
		return p + g.hexN("id", 17)
	}
	if nameIDs[t] {
		return g.name()
	}
	switch t {
	case "aws_kms_key", "aws_wafv2_web_acl", "aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set", "aws_cloudfront_response_headers_policy",
		"aws_cloudfront_cache_policy", "aws_cloudfront_origin_request_policy":
		return g.uuid("id")
	case "aws_api_gateway_rest_api", "aws_api_gateway_resource", "aws_api_gateway_deployment", "aws_api_gateway_vpc_link",
		"aws_api_gateway_usage_plan", "aws_api_gateway_api_key", "aws_api_gateway_authorizer":
		return g.alnum("id", 10, false)
	case "aws_cloudfront_distribution", "aws_cloudfront_origin_access_control":
		return "E" + g.alnum("id", 13, true)
	case "aws_route53_zone":
		return "Z" + g.alnum("id", 20, true)
	case "aws_service_discovery_private_dns_namespace":
		return "ns-" + g.alnum("id", 16, false)
	case "aws_service_discovery_service":
		return "srv-" + g.alnum("id", 16, false)
	case "aws_guardduty_detector":
		return g.hexN("id", 32)
	case "aws_securityhub_account":
		return g.id.account
	case "aws_secretsmanager_secret", "aws_sns_topic", "aws_acm_certificate", "aws_lb", "aws_lb_target_group",
		"aws_lb_listener", "aws_lb_listener_rule", "aws_ecs_cluster", "aws_ecs_service", "aws_apprunner_service",
		"aws_apprunner_auto_scaling_configuration_version", "aws_apprunner_vpc_connector", "aws_iam_policy",
		"aws_iam_openid_connect_provider", "aws_sns_topic_subscription", "aws_xray_group":
		return g.resourceARN()
	case "aws_sqs_queue":
		return "https://sqs." + g.id.region + ".amazonaws.com/" + g.id.account + "/" + g.name()
	case "aws_route53_record":
		return g.known["zone_id"] + "_" + g.known["name"] + "_" + g.known["type"]
	case "aws_db_proxy_endpoint":
		return g.known["db_proxy_name"] + "/" + g.name()
	}
	if strings.HasPrefix(t, "cloudflare_") {
		return g.hexN("id", 32)
	}
	if g.known["name"] != "" {
		return g.known["name"]
	}
	return strings.TrimPrefix(t, "aws_") + "-" + g.hexN("id", 17)
}

// resourceARN builds the ARN in the resource's real format.
func (g *generator) resourceARN() string {
	t, r, a := g.typeName, g.id.region, g.id.account
	n := g.name()
	id := g.known["id"]
	p := g.id.partition
	switch t {
	case "aws_backup_vault":
		return g.arn("backup", r, "backup-vault:"+n)
	case "aws_backup_plan":
		return g.arn("backup", r, "backup-plan:"+g.known["id"])
	case "aws_iam_role":
		return "arn:" + p + ":iam::" + a + ":role" + pathOr(g.known["path"]) + n
	case "aws_iam_policy":
		return "arn:" + p + ":iam::" + a + ":policy" + pathOr(g.known["path"]) + n
	case "aws_iam_instance_profile":
		return "arn:" + p + ":iam::" + a + ":instance-profile" + pathOr(g.known["path"]) + n
	case "aws_iam_openid_connect_provider":
		return "arn:" + p + ":iam::" + a + ":oidc-provider/" + strings.TrimPrefix(g.known["url"], "https://")
	case "aws_s3_bucket":
		return "arn:" + p + ":s3:::" + n
	case "aws_kms_key":
		return g.arn("kms", r, "key/"+id)
	case "aws_kms_alias":
		return g.arn("kms", r, n)
	case "aws_sns_topic":
		return g.arn("sns", r, n)
	case "aws_sns_topic_subscription":
		return g.known["topic_arn"] + ":" + g.uuid("sub")
	case "aws_sqs_queue":
		return g.arn("sqs", r, n)
	case "aws_cloudwatch_log_group":
		return g.arn("logs", r, "log-group:"+n)
	case "aws_cloudwatch_metric_alarm":
		return g.arn("cloudwatch", r, "alarm:"+n)
	case "aws_cloudwatch_dashboard":
		return "arn:" + p + ":cloudwatch::" + a + ":dashboard/" + n
	case "aws_lambda_function":
		return g.arn("lambda", r, "function:"+n)
	case "aws_ecs_cluster":
		return g.arn("ecs", r, "cluster/"+n)
	case "aws_ecs_service":
		cluster := g.known["cluster"]
		if i := strings.LastIndex(cluster, "/"); i >= 0 {
			cluster = cluster[i+1:]
		}
		return g.arn("ecs", r, "service/"+cluster+"/"+n)
	case "aws_ecs_task_definition":
		return g.arn("ecs", r, "task-definition/"+n+":1")
	case "aws_ecr_repository":
		return g.arn("ecr", r, "repository/"+n)
	case "aws_lb":
		kind := "app"
		if g.known["load_balancer_type"] == "network" {
			kind = "net"
		}
		return g.arn("elasticloadbalancing", r, "loadbalancer/"+kind+"/"+n+"/"+g.hexN("lb", 16))
	case "aws_lb_target_group":
		return g.arn("elasticloadbalancing", r, "targetgroup/"+n+"/"+g.hexN("tg", 16))
	case "aws_lb_listener":
		lb := g.known["load_balancer_arn"]
		if i := strings.Index(lb, ":loadbalancer/"); i >= 0 {
			return lb[:i] + ":listener/" + lb[i+len(":loadbalancer/"):] + "/" + g.hexN("l", 16)
		}
	case "aws_lb_listener_rule":
		l := g.known["listener_arn"]
		if i := strings.Index(l, ":listener/"); i >= 0 {
			return l[:i] + ":listener-rule/" + l[i+len(":listener/"):] + "/" + g.hexN("rule", 16)
		}
	case "aws_rds_cluster":
		return g.arn("rds", r, "cluster:"+n)
	case "aws_rds_cluster_instance":
		return g.arn("rds", r, "db:"+n)
	case "aws_db_proxy":
		return g.arn("rds", r, "db-proxy:prx-"+g.hexN("prx", 17))
	case "aws_db_proxy_endpoint":
		return g.arn("rds", r, "db-proxy-endpoint:prx-endpoint-"+g.hexN("prx", 17))
	case "aws_db_subnet_group":
		return g.arn("rds", r, "subgrp:"+n)
	case "aws_rds_cluster_parameter_group":
		return g.arn("rds", r, "cluster-pg:"+n)
	case "aws_db_parameter_group":
		return g.arn("rds", r, "pg:"+n)
	case "aws_elasticache_replication_group":
		return g.arn("elasticache", r, "replicationgroup:"+n)
	case "aws_elasticache_user":
		return g.arn("elasticache", r, "user:"+n)
	case "aws_elasticache_user_group":
		return g.arn("elasticache", r, "usergroup:"+n)
	case "aws_elasticache_subnet_group":
		return g.arn("elasticache", r, "subnetgroup:"+n)
	case "aws_elasticache_parameter_group":
		return g.arn("elasticache", r, "parametergroup:"+n)
	case "aws_dynamodb_table":
		return g.arn("dynamodb", r, "table/"+n)
	case "aws_secretsmanager_secret":
		return g.arn("secretsmanager", r, "secret:"+n+"-"+g.alnum("sfx", 6, false))
	case "aws_ssm_parameter":
		return g.arn("ssm", r, "parameter/"+strings.TrimPrefix(n, "/"))
	case "aws_cloudtrail":
		return g.arn("cloudtrail", r, "trail/"+n)
	case "aws_acm_certificate":
		return g.arn("acm", r, "certificate/"+g.uuid("cert"))
	case "aws_cloudfront_distribution":
		return "arn:" + p + ":cloudfront::" + a + ":distribution/" + id
	case "aws_cloudfront_origin_access_control":
		return "arn:" + p + ":cloudfront::" + a + ":origin-access-control/" + id
	case "aws_route53_zone":
		return "arn:" + p + ":route53:::hostedzone/" + id
	case "aws_wafv2_web_acl", "aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set":
		scope := "regional"
		if g.known["scope"] == "CLOUDFRONT" {
			scope = "global"
		}
		kind := map[string]string{"aws_wafv2_web_acl": "webacl", "aws_wafv2_ip_set": "ipset", "aws_wafv2_regex_pattern_set": "regexpatternset"}[t]
		return g.arn("wafv2", r, scope+"/"+kind+"/"+n+"/"+id)
	case "aws_apprunner_service":
		return g.arn("apprunner", r, "service/"+n+"/"+g.hexN("svc", 32))
	case "aws_apprunner_auto_scaling_configuration_version":
		return g.arn("apprunner", r, "autoscalingconfiguration/"+g.known["auto_scaling_configuration_name"]+"/1/"+g.hexN("asc", 32))
	case "aws_apprunner_vpc_connector":
		return g.arn("apprunner", r, "vpcconnector/"+g.known["vpc_connector_name"]+"/1/"+g.hexN("vc", 32))
	case "aws_apprunner_vpc_ingress_connection":
		return g.arn("apprunner", r, "vpcingressconnection/"+n+"/"+g.hexN("vic", 32))
	case "aws_api_gateway_rest_api":
		return "arn:" + p + ":apigateway:" + r + "::/restapis/" + id
	case "aws_api_gateway_stage":
		return "arn:" + p + ":apigateway:" + r + "::/restapis/" + g.known["rest_api_id"] + "/stages/" + g.known["stage_name"]
	case "aws_api_gateway_vpc_link":
		return "arn:" + p + ":apigateway:" + r + "::/vpclinks/" + id
	case "aws_api_gateway_usage_plan":
		return "arn:" + p + ":apigateway:" + r + "::/usageplans/" + id
	case "aws_api_gateway_api_key":
		return "arn:" + p + ":apigateway:" + r + "::/apikeys/" + id
	case "aws_api_gateway_domain_name":
		return "arn:" + p + ":apigateway:" + r + "::/domainnames/" + n
	case "aws_service_discovery_private_dns_namespace":
		return g.arn("servicediscovery", r, "namespace/"+id)
	case "aws_service_discovery_service":
		return g.arn("servicediscovery", r, "service/"+id)
	case "aws_guardduty_detector":
		return g.arn("guardduty", r, "detector/"+id)
	case "aws_securityhub_account":
		return g.arn("securityhub", r, "hub/default")
	case "aws_xray_group":
		return g.arn("xray", r, "group/"+g.known["group_name"]+"/"+g.alnum("grp", 32, true))
	case "aws_xray_sampling_rule":
		return g.arn("xray", r, "sampling-rule/"+g.known["rule_name"])
	case "aws_cloudwatch_event_rule":
		return g.arn("events", r, "rule/"+n)
	case "aws_scheduler_schedule":
		group := g.known["group_name"]
		if group == "" {
			group = "default"
		}
		return g.arn("scheduler", r, "schedule/"+group+"/"+n)
	case "aws_appautoscaling_target":
		return g.arn("application-autoscaling", r, "scalable-target/"+g.hexN("tgt", 32))
	case "aws_appautoscaling_policy":
		return g.arn("autoscaling", r, "scalingPolicy:"+g.uuid("pol")+":resource/"+g.known["resource_id"]+":policyName/"+n)
	case "aws_vpc", "aws_subnet", "aws_security_group", "aws_internet_gateway", "aws_nat_gateway", "aws_route_table",
		"aws_network_acl", "aws_vpc_endpoint", "aws_flow_log", "aws_instance", "aws_launch_template", "aws_eip",
		"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
		kind := map[string]string{"aws_vpc": "vpc", "aws_subnet": "subnet", "aws_security_group": "security-group",
			"aws_internet_gateway": "internet-gateway", "aws_nat_gateway": "natgateway", "aws_route_table": "route-table",
			"aws_network_acl": "network-acl", "aws_vpc_endpoint": "vpc-endpoint", "aws_flow_log": "vpc-flow-log",
			"aws_instance": "instance", "aws_launch_template": "launch-template", "aws_eip": "elastic-ip",
			"aws_vpc_security_group_ingress_rule": "security-group-rule", "aws_vpc_security_group_egress_rule": "security-group-rule"}[t]
		return g.arn("ec2", r, kind+"/"+id)
	}
	svc := serviceOf(t)
	kind := strings.TrimPrefix(strings.TrimPrefix(t, "aws_"), strings.ReplaceAll(svc, "-", "_")+"_")
	ident := n
	if id != "" {
		ident = id
	}
	return g.arn(svc, r, strings.ReplaceAll(kind, "_", "-")+"/"+ident)
}

func pathOr(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// shortRegion is ElastiCache's region code in endpoints (apse1).
func shortRegion(region string) string {
	return strings.TrimSuffix(zoneID(region, 1), "-az1")
}
