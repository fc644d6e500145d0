package cost

import "testing"

// computeExamples are the hand-calculated examples of the compute tier
// (pricers_compute.go), run by TestPricedExamples.
func computeExamples() []pricedCase {
	const h = 730.0
	days := 730.0 / 24
	weekdayHours := 12 * 5 * days / 7 // cron(0 8 ? * MON-FRI *) → cron(0 20 ? * MON-FRI *)
	return []pricedCase{
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
			rs: join(cluster("core", "disabled", providers(0, 1, 4)...),
				ecsModule("svc", "X86_64", 256, 512, 5)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				task := h * (0.25*p(t, "fargate_x86_vcpu_hour") + 0.5*p(t, "fargate_x86_gb_hour"))
				return 1*task + 4*task*(1-p(t, "fargate_spot_discount")) + 0.1*p(t, "xray_traces_recorded_million")
			}},
		{name: "ECS service, x86, base 2 on FARGATE then 1:1, 4 tasks → 3 on demand, 1 on Spot",
			rs: join(cluster("core", "disabled", providers(2, 1, 1)...),
				ecsModule("svc", "X86_64", 1024, 2048, 4)),
			addr: `module.ecs_service["svc"].aws_ecs_service.this[0]`,
			want: func(t *testing.T) float64 {
				task := h * (1*p(t, "fargate_x86_vcpu_hour") + 2*p(t, "fargate_x86_gb_hour"))
				return 3*task + 1*task*(1-p(t, "fargate_spot_discount")) + 0.1*p(t, "xray_traces_recorded_million")
			}},
		{name: "ECS service, ARM64 under a Spot strategy: Spot does not run ARM64, all on demand",
			rs: join(cluster("core", "disabled", providers(0, 1, 4)...),
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
	}
}

// providers is a cluster's capacity provider strategy: FARGATE with a base and
// a weight, then FARGATE_SPOT with a weight.
func providers(base, weight, spotWeight float64) []any {
	return []any{m{"capacity_provider": "FARGATE", "base": base, "weight": weight}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": spotWeight}}
}
