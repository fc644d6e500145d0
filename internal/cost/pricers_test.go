package cost

import (
	"strings"
	"testing"
)

// testUsage is the usage every hand-calculated example below reads.
const testUsage = `
environment: develop
traffic: {api_requests_millions: 6, web_requests_millions: 2, web_gb_out: 50, alb_lcu_per_hour: 2, nlb_nlcu_per_hour: 0.5}
ecs: {scheduled_hours_per_month: 200, job_minutes_per_run: 10, job_minutes: {settle: 20}}
container_insights: {metrics_per_cluster: 8, metrics_per_service: 10, metrics_per_task_enhanced: 12, log_gb_per_task_per_day: 0.01}
logs:
  default_gb_per_day: 0.1
  groups: [{match: "/ecs/*/*", gb_per_day: 0.25}]
  stored_fraction: 0.2
  never_expire_days: 365
network: {nat_gb_per_month: 100, interface_endpoint_gb_per_month: 40}
aurora: {writer_average_acu: 2.5, reader_average_acu: 0.25, storage_gb: 60, io_millions_per_month: 250, backup_gb_beyond_free: 80, log_gb_per_day: 0.5, enhanced_monitoring_gb_per_day_per_instance: 0.005}
dynamodb:
  default: {reads_millions: 5, writes_millions: 2, storage_gb: 3, stream_reads_millions: 4}
  tables: {"card-api/keys": {reads_millions: 10, writes_millions: 10, storage_gb: 1, stream_reads_millions: 0}}
app_runner: {active_instance_hours: 1000, extra_instance_hours: 100, traces_millions: 0.5}
kms: {requests_per_key: 300000, keys: {data: 3000000}}
secrets_manager: {api_calls_per_secret: 20000}
xray: {traces_millions_per_service: 0.1, services: {card-api: 0.6}, scanned_millions: 2}
ecr: {storage_gb_per_repository: 1.5, repositories: {big: 10}}
ec2: {hours_per_month: 730, root_volume_gb: 8}
sqs: {requests_millions_per_queue: 3}
sns: {publishes_millions_per_topic: 2}
route53: {queries_millions_per_zone: 20}
cloud_map: {instances_per_service: 2}
s3: {storage_gb_per_bucket: 200, put_thousands_per_bucket: 1000, get_thousands_per_bucket: 2000}
cloudtrail: {management_events_millions: 3, data_events_millions: 10}
guardduty: {cloudtrail_events_millions: 3, log_gb: 150, runtime_vcpus: 14}
security_hub: {checks_per_month: 40000}
config: {items_per_month: 30000}
waf: {requests_millions_per_acl: 50}
lambda: {requests_millions_per_function: 0.1, gb_seconds_per_function: 20000}
`

// ecsModule is an ECS service's module instance: its task definition, the
// service, and optionally an autoscaling target naming its cluster.
func ecsModule(key, arch string, cpu, mem, desired float64, extra ...*Resource) []*Resource {
	mod := `module.ecs_service["` + key + `"]`
	rs := []*Resource{
		res(mod, "aws_ecs_task_definition", "this", nil, m{"cpu": n(cpu), "memory": n(mem),
			"runtime_platform": l(m{"cpu_architecture": arch, "operating_system_family": "LINUX"})}),
		res(mod, "aws_ecs_service", "this", 0, m{"desired_count": desired, "capacity_provider_strategy": l(),
			"tags_all": m{"Service": key}}),
		res(mod, "aws_appautoscaling_target", "this", 0, m{"resource_id": "service/lookcard-develop-core/lookcard-develop-" + key,
			"min_capacity": 1.0, "max_capacity": 10.0}),
	}
	for _, r := range extra {
		r.ModuleAddress = mod
		r.Address = mod + "." + r.Address
		rs = append(rs, r)
	}
	return rs
}

func cluster(key string, insights string, strategy ...any) []*Resource {
	name := "lookcard-develop-" + key
	return []*Resource{
		res("module.ecs_clusters", "aws_ecs_cluster", "this", key, m{"name": name, "setting": l(m{"name": "containerInsights", "value": insights})}),
		res("module.ecs_clusters", "aws_ecs_cluster_capacity_providers", "this", key, m{"cluster_name": name, "default_capacity_provider_strategy": l(strategy...)}),
	}
}

func join(groups ...[]*Resource) []*Resource {
	var out []*Resource
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

type pricedCase struct {
	name    string
	rs      []*Resource
	outputs map[string]any
	addr    string
	want    func(t *testing.T) float64
}

// TestPricedExamples prices a hand-made example of every priced resource
// type and checks it against the arithmetic written out in the test, with
// figures read from the price book.
func TestPricedExamples(t *testing.T) {
	const h = 730.0
	days := 730.0 / 24
	weekdayHours := 12 * 5 * days / 7 // cron(0 8 ? * MON-FRI *) → cron(0 20 ? * MON-FRI *)

	cases := []pricedCase{
		{name: "ECS service, x86 on demand, 2 tasks of 0.25 vCPU / 0.5 GB, all month",
			rs:   join(cluster("core", "disabled"), ecsModule("svc", "X86_64", 256, 512, 2)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				return 2*h*(0.25*p(t, "fargate_x86_vcpu_hour")+0.5*p(t, "fargate_x86_gb_hour")) + 0.1*p(t, "xray_traces_recorded_million") // default X-Ray traces of a service
			}},
		{name: "ECS service, ARM64, scheduled scaling to weekday working hours",
			rs: join(cluster("core", "disabled"), ecsModule("card-api", "ARM64", 512, 1024, 1,
				res("", "aws_appautoscaling_scheduled_action", "scale_down", 0, m{"service_namespace": "ecs", "schedule": "cron(0 20 ? * MON-FRI *)",
					"scalable_target_action": l(m{"min_capacity": "0", "max_capacity": "0"})}),
				res("", "aws_appautoscaling_scheduled_action", "scale_up", 0, m{"service_namespace": "ecs", "schedule": "cron(0 8 ? * MON-FRI *)",
					"scalable_target_action": l(m{"min_capacity": "1", "max_capacity": "2"})}))),
			addr: `module.ecs_service["card-api"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				return 1*weekdayHours*(0.5*p(t, "fargate_arm_vcpu_hour")+1*p(t, "fargate_arm_gb_hour")) + 0.6*p(t, "xray_traces_recorded_million")
			}},
		{name: "ECS service, x86, cluster strategy FARGATE 1 : FARGATE_SPOT 4, 5 tasks → 1 on demand, 4 on Spot",
			rs: join(cluster("core", "disabled", m{"capacity_provider": "FARGATE", "base": 0.0, "weight": 1.0}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 4.0}),
				ecsModule("svc", "X86_64", 256, 512, 5)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				task := h * (0.25*p(t, "fargate_x86_vcpu_hour") + 0.5*p(t, "fargate_x86_gb_hour"))
				return 1*task + 4*task*(1-p(t, "fargate_spot_discount")) + 0.1*p(t, "xray_traces_recorded_million")
			}},
		{name: "ECS service, x86, base 2 on FARGATE then 1:1, 4 tasks → 3 on demand, 1 on Spot",
			rs: join(cluster("core", "disabled", m{"capacity_provider": "FARGATE", "base": 2.0, "weight": 1.0}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 1.0}),
				ecsModule("svc", "X86_64", 1024, 2048, 4)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				task := h * (1*p(t, "fargate_x86_vcpu_hour") + 2*p(t, "fargate_x86_gb_hour"))
				return 3*task + 1*task*(1-p(t, "fargate_spot_discount")) + 0.1*p(t, "xray_traces_recorded_million")
			}},
		{name: "ECS service, ARM64 under a Spot strategy: Spot does not run ARM64, all on demand",
			rs: join(cluster("core", "disabled", m{"capacity_provider": "FARGATE", "base": 0.0, "weight": 1.0}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 4.0}),
				ecsModule("svc", "ARM64", 256, 512, 5)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				return 5*h*(0.25*p(t, "fargate_arm_vcpu_hour")+0.5*p(t, "fargate_arm_gb_hour")) + 0.1*p(t, "xray_traces_recorded_million")
			}},
		{name: "scheduled job: daily cron, 20-minute runs of 0.5 vCPU / 1 GB ARM64, plus invocations",
			rs: []*Resource{
				res(`module.ecs_service["settle"]`, "aws_ecs_task_definition", "this", nil, m{"cpu": "512", "memory": "1024", "runtime_platform": l(m{"cpu_architecture": "ARM64"})}),
				res(`module.ecs_service["settle"]`, "aws_scheduler_schedule", "this", 0, m{"schedule_expression": "cron(0 2 * * ? *)",
					"target": l(m{"ecs_parameters": l(m{"task_count": 1.0, "launch_type": "FARGATE", "capacity_provider_strategy": l()})})}),
			},
			addr: `module.ecs_service["settle"].aws_scheduler_schedule.this[0]`,
			want: func(t *testing.T) float64 {
				runs := days // once a day
				return runs*(20.0/60)*(0.5*p(t, "fargate_arm_vcpu_hour")+1*p(t, "fargate_arm_gb_hour")) + runs/1e6*p(t, "scheduler_invocation_million")
			}},
		{name: "ECS cluster with enhanced Container Insights: 1 service of 2 tasks",
			rs:   join(cluster("core", "enhanced"), ecsModule("svc", "ARM64", 256, 512, 2)),
			addr: `module.ecs_clusters.aws_ecs_cluster.this["core"]`,
			want: func(t *testing.T) float64 {
				metrics := 8 + 10*1 + 12*2.0
				return metrics*p(t, "cloudwatch_metric_month") + 0.01*2*days*p(t, "cloudwatch_logs_ingest_gb")
			}},
		{name: "ECS cluster without Container Insights costs nothing",
			rs: cluster("core", "disabled"), addr: `module.ecs_clusters.aws_ecs_cluster.this["core"]`,
			want: func(t *testing.T) float64 { return 0 }},
		{name: "target-tracking scaling policy: two alarms",
			rs:   []*Resource{res("", "aws_appautoscaling_policy", "cpu", nil, m{"policy_type": "TargetTrackingScaling"})},
			addr: "aws_appautoscaling_policy.cpu",
			want: func(t *testing.T) float64 { return 2 * p(t, "cloudwatch_alarm_month") }},
		{name: "App Runner: 2 provisioned 1 vCPU / 2 GB instances, scale-out and active hours",
			rs: []*Resource{
				res("module.web_app", "aws_apprunner_service", "this", nil, m{"instance_configuration": l(m{"cpu": "1 vCPU", "memory": "2048"})}),
				res("module.web_app", "aws_apprunner_auto_scaling_configuration_version", "this", nil, m{"min_size": 2.0}),
			},
			addr: "module.web_app.aws_apprunner_service.this",
			want: func(t *testing.T) float64 {
				return 2*2*h*p(t, "apprunner_gb_hour") + 100*2*p(t, "apprunner_gb_hour") + 1000*1*p(t, "apprunner_vcpu_hour")
			}},
		{name: "App Runner X-Ray tracing: web app traces and all scans",
			rs:   []*Resource{res("module.web_app", "aws_apprunner_observability_configuration", "this", nil, m{"trace_configuration": l(m{"vendor": "AWSXRAY"})})},
			addr: "module.web_app.aws_apprunner_observability_configuration.this",
			want: func(t *testing.T) float64 {
				return 0.5*p(t, "xray_traces_recorded_million") + 2*p(t, "xray_traces_scanned_million")
			}},
		{name: "bastion: t4g.micro all month with an 8 GB gp3 root volume of unknown size",
			rs:   []*Resource{res("module.bastion", "aws_instance", "this", 0, m{"instance_type": "t4g.micro", "root_block_device": l(m{"volume_type": "gp3"})})},
			addr: "module.bastion.aws_instance.this[0]",
			want: func(t *testing.T) float64 { return h*p(t, "ec2_instance_hour/t4g.micro") + 8*p(t, "ebs_gp3_gb_month") }},
		{name: "EBS gp3 volume of 20 GB",
			rs: []*Resource{res("", "aws_ebs_volume", "data", nil, m{"type": "gp3", "size": 20.0})}, addr: "aws_ebs_volume.data",
			want: func(t *testing.T) float64 { return 20 * p(t, "ebs_gp3_gb_month") }},
		{name: "Lambda function",
			rs: []*Resource{res("", "aws_lambda_function", "rotate", nil, m{})}, addr: "aws_lambda_function.rotate",
			want: func(t *testing.T) float64 { return 0.1*p(t, "lambda_request_million") + 20000*p(t, "lambda_gb_second") }},
		{name: "ECR repository with a per-repository override",
			rs: []*Resource{res("module.ecr", "aws_ecr_repository", "this", "big", m{})}, addr: `module.ecr.aws_ecr_repository.this["big"]`,
			want: func(t *testing.T) float64 { return 10 * p(t, "ecr_storage_gb_month") }},
		{name: "Aurora cluster: storage, I/O, backups, managed secret, exported logs",
			rs: []*Resource{res("module.aurora", "aws_rds_cluster", "this", nil, m{"engine": "aurora-postgresql", "backup_retention_period": 35.0,
				"manage_master_user_password": true, "enabled_cloudwatch_logs_exports": l("postgresql")})},
			addr: "module.aurora.aws_rds_cluster.this",
			want: func(t *testing.T) float64 {
				return 60*p(t, "aurora_storage_gb_month") + 250*p(t, "aurora_io_million") + 80*p(t, "aurora_backup_gb_month") +
					1*p(t, "secretsmanager_secret_month") + 0.5*days*p(t, "cloudwatch_logs_ingest_gb") + 0.5*365*0.2*p(t, "cloudwatch_logs_storage_gb_month")
			}},
		{name: "Aurora Serverless v2 writer: 0.5 ACU minimum, 2.5 average, 31-day Performance Insights, Enhanced Monitoring",
			rs: []*Resource{
				res("module.aurora", "aws_rds_cluster", "this", nil, m{"engine": "aurora-postgresql", "serverlessv2_scaling_configuration": l(m{"min_capacity": 0.5, "max_capacity": 8.0})}),
				res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless", "performance_insights_enabled": true,
					"performance_insights_retention_period": 31.0, "monitoring_interval": 60.0}),
				res("module.aurora", "aws_rds_cluster_instance", "this", "reader-1", m{"instance_class": "db.serverless"}),
			},
			addr: `module.aurora.aws_rds_cluster_instance.this["writer"]`,
			want: func(t *testing.T) float64 {
				acu := p(t, "aurora_serverless_v2_acu_hour")
				return 0.5*h*acu + (2.5-0.5)*h*acu + 2.5*h*p(t, "rds_database_insights_acu_hour") + 0.005*days*p(t, "cloudwatch_logs_ingest_gb")
			}},
		{name: "Aurora Serverless v2 reader: an average below the minimum is raised to it",
			rs: []*Resource{
				res("module.aurora", "aws_rds_cluster", "this", nil, m{"engine": "aurora-postgresql", "serverlessv2_scaling_configuration": l(m{"min_capacity": 0.5, "max_capacity": 8.0})}),
				res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless"}),
				res("module.aurora", "aws_rds_cluster_instance", "this", "reader-1", m{"instance_class": "db.serverless"}),
			},
			addr: `module.aurora.aws_rds_cluster_instance.this["reader-1"]`,
			want: func(t *testing.T) float64 { return 0.5 * h * p(t, "aurora_serverless_v2_acu_hour") }},
		{name: "RDS Proxy: 2.5 + 0.5 ACU is under the 8-ACU minimum",
			rs: []*Resource{
				res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless"}),
				res("module.aurora", "aws_rds_cluster_instance", "this", "reader-1", m{"instance_class": "db.serverless"}),
				res("module.aurora", "aws_db_proxy", "this", nil, m{"engine_family": "POSTGRESQL"}),
			},
			addr: "module.aurora.aws_db_proxy.this",
			want: func(t *testing.T) float64 { return p(t, "rds_proxy_min_acu") * h * p(t, "rds_proxy_acu_hour") }},
		{name: "RDS Proxy endpoint in 3 subnets",
			rs:   []*Resource{res("module.aurora", "aws_db_proxy_endpoint", "read_only", 0, m{"vpc_subnet_ids": l("a", "b", "c")})},
			addr: "module.aurora.aws_db_proxy_endpoint.read_only[0]",
			want: func(t *testing.T) float64 { return 3 * h * p(t, "vpc_interface_endpoint_hour") }},
		{name: "ElastiCache replication group of 3 cache.t4g.medium nodes",
			rs:   []*Resource{res("module.redis", "aws_elasticache_replication_group", "this", nil, m{"node_type": "cache.t4g.medium", "num_cache_clusters": 3.0})},
			addr: "module.redis.aws_elasticache_replication_group.this",
			want: func(t *testing.T) float64 { return 3 * h * p(t, "elasticache_node_hour/cache.t4g.medium") }},
		{name: "ElastiCache cluster of 2 cache.t4g.micro nodes",
			rs:   []*Resource{res("", "aws_elasticache_cluster", "memo", nil, m{"node_type": "cache.t4g.micro", "num_cache_nodes": 2.0})},
			addr: "aws_elasticache_cluster.memo",
			want: func(t *testing.T) float64 { return 2 * h * p(t, "elasticache_node_hour/cache.t4g.micro") }},
		{name: "DynamoDB on-demand table with PITR and a stream (table override)",
			rs: []*Resource{res("module.dynamodb", "aws_dynamodb_table", "this", "card-api/keys", m{"billing_mode": "PAY_PER_REQUEST",
				"point_in_time_recovery": l(m{"enabled": true}), "stream_enabled": true})},
			addr: `module.dynamodb.aws_dynamodb_table.this["card-api/keys"]`,
			want: func(t *testing.T) float64 {
				return 10*p(t, "dynamodb_write_million") + 10*p(t, "dynamodb_read_million") + 1*p(t, "dynamodb_storage_gb_month") + 1*p(t, "dynamodb_pitr_gb_month")
			}},
		{name: "DynamoDB table on the default usage, stream read 4 million",
			rs:   []*Resource{res("module.dynamodb", "aws_dynamodb_table", "this", "other", m{"billing_mode": "PAY_PER_REQUEST", "stream_enabled": true})},
			addr: `module.dynamodb.aws_dynamodb_table.this["other"]`,
			want: func(t *testing.T) float64 {
				return 2*p(t, "dynamodb_write_million") + 5*p(t, "dynamodb_read_million") + 3*p(t, "dynamodb_storage_gb_month") + 4*10*p(t, "dynamodb_stream_read_100k")
			}},
		{name: "S3 bucket",
			rs: []*Resource{res("", "aws_s3_bucket", "logs", nil, m{})}, addr: "aws_s3_bucket.logs",
			want: func(t *testing.T) float64 {
				return 200*p(t, "s3_standard_gb_month") + 1000*p(t, "s3_put_1k") + 2000*p(t, "s3_get_1k")
			}},
		{name: "SQS queue", rs: []*Resource{res("", "aws_sqs_queue", "dlq", nil, m{})}, addr: "aws_sqs_queue.dlq",
			want: func(t *testing.T) float64 { return 3 * p(t, "sqs_million") }},
		{name: "SNS topic", rs: []*Resource{res("", "aws_sns_topic", "alerts", nil, m{})}, addr: "aws_sns_topic.alerts",
			want: func(t *testing.T) float64 { return 2 * p(t, "sns_publish_million") }},
		{name: "NAT gateway, one of two sharing 100 GB",
			rs:   []*Resource{res("module.network", "aws_nat_gateway", "this", "a", m{}), res("module.network", "aws_nat_gateway", "this", "b", m{})},
			addr: `module.network.aws_nat_gateway.this["a"]`,
			want: func(t *testing.T) float64 { return h*p(t, "nat_gateway_hour") + 100.0/2*p(t, "nat_gateway_gb") }},
		{name: "Elastic IP", rs: []*Resource{res("", "aws_eip", "nat", nil, m{"domain": "vpc"})}, addr: "aws_eip.nat",
			want: func(t *testing.T) float64 { return h * p(t, "public_ipv4_hour") }},
		{name: "interface endpoint in 3 AZs, one of 2 interface endpoints sharing 40 GB",
			rs: []*Resource{
				res("module.network", "aws_vpc_endpoint", "interface", "kms", m{"vpc_endpoint_type": "Interface", "subnet_ids": l(nil, nil, nil)}),
				res("module.network", "aws_vpc_endpoint", "interface", "logs", m{"vpc_endpoint_type": "Interface", "subnet_ids": l(nil)}),
				res("module.network", "aws_vpc_endpoint", "gateway", "s3", m{"vpc_endpoint_type": "Gateway"}),
			},
			addr: `module.network.aws_vpc_endpoint.interface["kms"]`,
			want: func(t *testing.T) float64 {
				return 3*h*p(t, "vpc_interface_endpoint_hour") + 40.0/2*p(t, "vpc_interface_endpoint_gb")
			}},
		{name: "gateway endpoint has no charge",
			rs:   []*Resource{res("module.network", "aws_vpc_endpoint", "gateway", "s3", m{"vpc_endpoint_type": "Gateway"})},
			addr: `module.network.aws_vpc_endpoint.gateway["s3"]`,
			want: func(t *testing.T) float64 { return 0 }},
		{name: "Application Load Balancer at 2 LCU",
			rs: []*Resource{res("", "aws_lb", "public", nil, m{"load_balancer_type": "application"})}, addr: "aws_lb.public",
			want: func(t *testing.T) float64 { return h*p(t, "alb_hour") + 2*h*p(t, "alb_lcu_hour") }},
		{name: "Network Load Balancer at 0.5 NLCU",
			rs: []*Resource{res("", "aws_lb", "nlb", nil, m{"load_balancer_type": "network"})}, addr: "aws_lb.nlb",
			want: func(t *testing.T) float64 { return h*p(t, "nlb_hour") + 0.5*h*p(t, "nlb_nlcu_hour") }},
		{name: "REST API with all 6 million API requests",
			rs: []*Resource{res("", "aws_api_gateway_rest_api", "api", nil, m{})}, addr: "aws_api_gateway_rest_api.api",
			want: func(t *testing.T) float64 { return 6 * p(t, "api_gateway_rest_million") }},
		{name: "HTTP API with all 6 million API requests",
			rs: []*Resource{res("", "aws_apigatewayv2_api", "api", nil, m{"protocol_type": "HTTP"})}, addr: "aws_apigatewayv2_api.api",
			want: func(t *testing.T) float64 { return 6 * p(t, "api_gateway_http_million") }},
		{name: "CloudFront distribution: 50 GB and 2 million HTTPS requests",
			rs: []*Resource{res("", "aws_cloudfront_distribution", "web", nil, m{})}, addr: "aws_cloudfront_distribution.web",
			want: func(t *testing.T) float64 {
				return 50*p(t, "cloudfront_asia_gb") + 2e6/1e4*p(t, "cloudfront_https_10k")
			}},
		{name: "public hosted zone with 20 million queries",
			rs: []*Resource{res("", "aws_route53_zone", "public", nil, m{})}, addr: "aws_route53_zone.public",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") + 20*p(t, "route53_query_million") }},
		{name: "private hosted zone: queries from the VPC are free",
			rs: []*Resource{res("", "aws_route53_zone", "private", nil, m{"vpc": l(m{"vpc_id": "v"})})}, addr: "aws_route53_zone.private",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") }},
		{name: "Cloud Map private DNS namespace",
			rs:   []*Resource{res("", "aws_service_discovery_private_dns_namespace", "this", nil, m{})},
			addr: "aws_service_discovery_private_dns_namespace.this",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") }},
		{name: "Cloud Map service with 2 registered tasks",
			rs: []*Resource{res("", "aws_service_discovery_service", "card", nil, m{})}, addr: "aws_service_discovery_service.card",
			want: func(t *testing.T) float64 { return 2 * p(t, "cloudmap_instance_month") }},
		{name: "KMS key with a per-key request override",
			rs: []*Resource{res("module.kms", "aws_kms_key", "this", "data", m{})}, addr: `module.kms.aws_kms_key.this["data"]`,
			want: func(t *testing.T) float64 { return p(t, "kms_key_month") + 3e6/1e4*p(t, "kms_request_10k") }},
		{name: "Secrets Manager secret",
			rs: []*Resource{res("module.secrets", "aws_secretsmanager_secret", "this", "app/x", m{})}, addr: `module.secrets.aws_secretsmanager_secret.this["app/x"]`,
			want: func(t *testing.T) float64 {
				return p(t, "secretsmanager_secret_month") + 20000/1e4*p(t, "secretsmanager_api_10k")
			}},
		{name: "WAF web ACL with 5 rules in rule_json",
			rs:   []*Resource{res("", "aws_wafv2_web_acl", "regional", nil, m{"rule_json": `[{"Name":"a"},{"Name":"b"},{"Name":"c"},{"Name":"d"},{"Name":"e"}]`})},
			addr: "aws_wafv2_web_acl.regional",
			want: func(t *testing.T) float64 {
				return p(t, "waf_web_acl_month") + 5*p(t, "waf_rule_month") + 50*p(t, "waf_request_million")
			}},
		{name: "GuardDuty detector",
			rs: []*Resource{res("", "aws_guardduty_detector", "this", nil, m{"enable": true})}, addr: "aws_guardduty_detector.this",
			want: func(t *testing.T) float64 {
				return 3*p(t, "guardduty_cloudtrail_million") + 150*p(t, "guardduty_logs_gb") + 14*p(t, "guardduty_runtime_vcpu_month")
			}},
		{name: "Security Hub", rs: []*Resource{res("", "aws_securityhub_account", "this", nil, m{})}, addr: "aws_securityhub_account.this",
			want: func(t *testing.T) float64 { return 40000 * p(t, "securityhub_check") }},
		{name: "Config recorder", rs: []*Resource{res("", "aws_config_configuration_recorder", "this", nil, m{})}, addr: "aws_config_configuration_recorder.this",
			want: func(t *testing.T) float64 { return 30000 * p(t, "config_item") }},
		{name: "service log group: 0.25 GB/day kept 365 days",
			rs:   []*Resource{res(`module.ecs_service["card-api"]`, "aws_cloudwatch_log_group", "this", nil, m{"name": "/ecs/lookcard-develop/card-api", "retention_in_days": 365.0})},
			addr: `module.ecs_service["card-api"].aws_cloudwatch_log_group.this`,
			want: func(t *testing.T) float64 {
				return 0.25*days*p(t, "cloudwatch_logs_ingest_gb") + 0.25*365*0.2*p(t, "cloudwatch_logs_storage_gb_month")
			}},
		{name: "log group that never expires, default ingestion",
			rs:   []*Resource{res("", "aws_cloudwatch_log_group", "other", nil, m{"name": "/other", "retention_in_days": 0.0})},
			addr: "aws_cloudwatch_log_group.other",
			want: func(t *testing.T) float64 {
				return 0.1*days*p(t, "cloudwatch_logs_ingest_gb") + 0.1*365*0.2*p(t, "cloudwatch_logs_storage_gb_month")
			}},
		{name: "standard alarm", rs: []*Resource{res("", "aws_cloudwatch_metric_alarm", "cpu", nil, m{"period": 300.0})}, addr: "aws_cloudwatch_metric_alarm.cpu",
			want: func(t *testing.T) float64 { return p(t, "cloudwatch_alarm_month") }},
		{name: "high-resolution alarm", rs: []*Resource{res("", "aws_cloudwatch_metric_alarm", "fast", nil, m{"period": 10.0})}, addr: "aws_cloudwatch_metric_alarm.fast",
			want: func(t *testing.T) float64 { return p(t, "cloudwatch_alarm_high_resolution_month") }},
		{name: "metric-math alarm over 2 metrics",
			rs:   []*Resource{res("", "aws_cloudwatch_metric_alarm", "ratio", nil, m{"metric_query": l(m{"metric": l(m{})}, m{"metric": l(m{})}, m{"expression": "m1/m2"})})},
			addr: "aws_cloudwatch_metric_alarm.ratio",
			want: func(t *testing.T) float64 { return 2 * p(t, "cloudwatch_alarm_month") }},
		{name: "composite alarm", rs: []*Resource{res("", "aws_cloudwatch_composite_alarm", "page", nil, m{})}, addr: "aws_cloudwatch_composite_alarm.page",
			want: func(t *testing.T) float64 { return p(t, "cloudwatch_composite_alarm_month") }},
		{name: "dashboard", rs: []*Resource{res("", "aws_cloudwatch_dashboard", "overview", nil, m{})}, addr: "aws_cloudwatch_dashboard.overview",
			want: func(t *testing.T) float64 { return p(t, "cloudwatch_dashboard_month") }},
		{name: "CloudTrail trail with data events (management events' first copy free)",
			rs:   []*Resource{res("", "aws_cloudtrail", "main", nil, m{"event_selector": l(m{"data_resource": l(m{"type": "AWS::S3::Object"})})})},
			addr: "aws_cloudtrail.main",
			want: func(t *testing.T) float64 { return 10 * 10 * p(t, "cloudtrail_data_100k") }},
	}
	u := mustUsage(t, testUsage)
	tested := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bd := priceAll(t, u, c.outputs, c.rs...)
			rc, ok := find(bd, c.addr)
			if !ok {
				t.Fatalf("%s not priced; not priced: %+v", c.addr, bd.NotPriced)
			}
			tested[rc.Type] = true
			if want := c.want(t); !near(rc.Monthly, want) {
				t.Errorf("%s = %.6f, want %.6f\ncomponents: %+v", c.addr, rc.Monthly, want, rc.Components)
			}
		})
	}
	for _, typ := range PricedTypes() {
		if !tested[typ] {
			t.Errorf("priced type %s has no hand-calculated example", typ)
		}
	}
}

// TestUnpricedConfigurations: a priced type whose configuration has no price
// is reported NOT PRICED with the reason, never silently zero.
func TestUnpricedConfigurations(t *testing.T) {
	u := mustUsage(t, testUsage)
	cases := []struct {
		r    *Resource
		want string
	}{
		{res("", "aws_instance", "big", nil, m{"instance_type": "m7g.large"}), "instance type m7g.large has no price"},
		{res("", "aws_elasticache_replication_group", "r", nil, m{"node_type": "cache.r7g.large"}), "node type cache.r7g.large has no price"},
		{res("", "aws_rds_cluster_instance", "p", nil, m{"instance_class": "db.r6g.large"}), "provisioned instance class db.r6g.large"},
		{res("", "aws_dynamodb_table", "t", nil, m{"billing_mode": "PROVISIONED"}), "provisioned capacity"},
		{res("", "aws_apigatewayv2_api", "ws", nil, m{"protocol_type": "WEBSOCKET"}), "WEBSOCKET"},
		{res("", "aws_lb", "gw", nil, m{"load_balancer_type": "gateway"}), "load balancer type gateway"},
		{res("", "aws_db_proxy", "orphan", nil, m{}), "no Aurora Serverless v2 instance"},
		{res("", "aws_some_new_thing", "x", nil, m{}), "no pricer for this resource type"},
		{res("", "aws_ecs_service", "orphan", nil, m{"desired_count": 1.0}), "no aws_ecs_task_definition"},
	}
	for _, c := range cases {
		bd := priceAll(t, u, nil, c.r)
		if _, priced := find(bd, c.r.Address); priced {
			t.Errorf("%s was priced", c.r.Address)
		}
		if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, c.want) || bd.NotPriced[0].Addresses[0] != c.r.Address {
			t.Errorf("%s: NOT PRICED = %+v, want a reason with %q", c.r.Address, bd.NotPriced, c.want)
		}
		var out strings.Builder
		if err := WriteTable(&out, bd); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "NOT PRICED") || !strings.Contains(out.String(), c.r.Address) {
			t.Errorf("the table does not list %s loudly:\n%s", c.r.Address, out.String())
		}
	}
}

func TestUnknownDesiredCountIsNotPriced(t *testing.T) {
	mod := `module.ecs_service["x"]`
	bd := priceAll(t, mustUsage(t, testUsage), nil,
		res(mod, "aws_ecs_task_definition", "this", nil, m{"cpu": "256", "memory": "512"}),
		res(mod, "aws_ecs_service", "this", 0, m{}))
	if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, "desired_count is unknown") {
		t.Errorf("NOT PRICED = %+v", bd.NotPriced)
	}
}

func TestSpotShare(t *testing.T) {
	od := strategy{provider: "FARGATE", weight: 1}
	spot := strategy{provider: "FARGATE_SPOT", weight: 4}
	cases := []struct {
		name  string
		st    []strategy
		tasks float64
		want  float64
	}{
		{"no strategy", nil, 3, 0},
		{"1:4 weights", []strategy{od, spot}, 5, 4.0 / 5},
		{"base 2 on FARGATE, 1:1 after", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 1}}, 4, 1.0 / 4},
		{"base covers every task", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 1}}, 2, 0},
		{"production: spot weight 0", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 0}}, 3, 0},
		{"all Spot", []strategy{{provider: "FARGATE_SPOT", weight: 1}}, 1, 1},
		{"zero tasks", []strategy{od, spot}, 0, 0},
	}
	for _, c := range cases {
		if got := spotShare(c.st, c.tasks); !near(got, c.want) {
			t.Errorf("%s: spotShare = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestArm64SpotIsWarnedOnce(t *testing.T) {
	rs := join(cluster("core", "disabled", m{"capacity_provider": "FARGATE", "base": 0.0, "weight": 1.0}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 4.0}),
		ecsModule("a", "ARM64", 256, 512, 1), ecsModule("b", "ARM64", 256, 512, 1))
	bd := priceAll(t, mustUsage(t, testUsage), nil, rs...)
	if len(bd.Warnings) != 1 || !strings.Contains(bd.Warnings[0], "2 ECS services/jobs run ARM64 tasks") || !strings.Contains(bd.Warnings[0], "a, b") {
		t.Errorf("warnings = %q", bd.Warnings)
	}
}
