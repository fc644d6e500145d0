package cost

// Pricers of the compute tier: ECS services, scheduled jobs and clusters,
// App Runner, EC2 (the bastion), Lambda and ECR. pricers.go maps resource
// types to them.

import (
	"fmt"
	"strings"
)

func priceECSService(c *calc, r *Resource, rc *ResourceCost) {
	u := c.ecs[r.Address]
	if u.unpriced != "" {
		rc.unpriced = u.unpriced
		return
	}
	what := ""
	if u.hoursWhy != "" {
		what = " (" + u.hoursWhy + ")"
	}
	c.fargate(rc, u, Hourly, what)
	traces := lookup(c.usage.XRay.Services, u.service, c.usage.XRay.TracesMillionsPerService)
	if traces > 0 {
		c.add(rc, "xray_traces_recorded_million", "X-Ray traces recorded", UsageBased, traces,
			fmt.Sprintf("%s million traces (xray)", n(traces)))
	}
}

func priceSchedule(c *calc, r *Resource, rc *ResourceCost) {
	expr := str(r.Values, "schedule_expression")
	runs, err := runsPerMonth(expr)
	if err != nil {
		rc.unpriced = err.Error()
		return
	}
	c.add(rc, "scheduler_invocation_million", "Scheduler invocations", UsageBased, runs/1e6,
		fmt.Sprintf("%s runs a month (%s)", n(runs), expr))
	u := c.ecs[r.Address]
	if u == nil {
		return
	}
	if u.unpriced != "" {
		rc.unpriced = u.unpriced
		return
	}
	c.fargate(rc, u, UsageBased, fmt.Sprintf(" (%s runs × %s min, ecs.job_minutes)", n(u.runs), n(u.minutes)))
}

func priceECSCluster(c *calc, r *Resource, rc *ResourceCost) {
	mode := "disabled"
	for _, s := range blocks(r.Values, "setting") {
		if str(s, "name") == "containerInsights" {
			mode = str(s, "value")
		}
	}
	if mode == "disabled" || mode == "" {
		rc.Notes = append(rc.Notes, "Container Insights disabled: the cluster itself has no charge")
		return
	}
	key := rc.Cluster
	ci := c.usage.ContainerInsights
	services, tasks := float64(c.clusterServices[key]), c.clusterTasks[key]
	metrics := ci.MetricsPerCluster + ci.MetricsPerService*services
	formula := fmt.Sprintf("%s per cluster + %s per service × %s services", n(ci.MetricsPerCluster), n(ci.MetricsPerService), n(services))
	if mode == "enhanced" {
		metrics += ci.MetricsPerTaskEnhanced * tasks
		formula += fmt.Sprintf(" + %s per task × %s tasks (enhanced)", n(ci.MetricsPerTaskEnhanced), n(tasks))
	}
	c.add(rc, "cloudwatch_metric_month", "Container Insights metrics", Hourly, metrics, formula+" (container_insights)")
	if gb := ci.LogGBPerTaskPerDay * tasks * daysPerMonth; gb > 0 {
		c.add(rc, "cloudwatch_logs_ingest_gb", "Container Insights performance logs", UsageBased, gb,
			fmt.Sprintf("%s GB/day per task × %s tasks × %s days", n(ci.LogGBPerTaskPerDay), n(tasks), n(daysPerMonth)))
	}
}

func priceScalingPolicy(c *calc, r *Resource, rc *ResourceCost) {
	if str(r.Values, "policy_type") != "TargetTrackingScaling" {
		rc.Notes = append(rc.Notes, "step scaling: its alarms are separate aws_cloudwatch_metric_alarm resources")
		return
	}
	c.add(rc, "cloudwatch_alarm_month", "Target-tracking alarms (high and low)", Hourly, 2,
		"Application Auto Scaling creates 2 alarms per target-tracking policy")
}

// appRunnerSize parses "1024" / "1 vCPU" and "2048" / "2 GB".
func appRunnerSize(v string, perUnit float64) (float64, bool) {
	f := strings.Fields(v)
	if len(f) == 0 {
		return 0, false
	}
	var x float64
	if _, err := fmt.Sscan(f[0], &x); err != nil {
		return 0, false
	}
	if len(f) == 1 {
		return x / perUnit, true
	}
	return x, true
}

func priceAppRunner(c *calc, r *Resource, rc *ResourceCost) {
	ic := block(r.Values, "instance_configuration")
	vcpu, ok1 := appRunnerSize(orDefault(str(ic, "cpu"), "1024"), 1024)
	gb, ok2 := appRunnerSize(orDefault(str(ic, "memory"), "2048"), 1024)
	if !ok1 || !ok2 {
		rc.unpriced = "instance_configuration cpu/memory unreadable"
		return
	}
	minSize := 1.0
	for _, o := range c.byModule[r.ModuleAddress] {
		if o.Type == "aws_apprunner_auto_scaling_configuration_version" {
			if v, ok := num(o.Values, "min_size"); ok {
				minSize = v
			}
		}
	}
	u := c.usage.AppRunner
	c.add(rc, "apprunner_gb_hour", "App Runner provisioned memory", Hourly, minSize*gb*c.hours,
		fmt.Sprintf("%s min instances × %s GB × %s h", n(minSize), n(gb), n(c.hours)))
	if u.ExtraInstanceHours > 0 {
		c.add(rc, "apprunner_gb_hour", "App Runner memory above min_size", UsageBased, u.ExtraInstanceHours*gb,
			fmt.Sprintf("%s instance-hours (app_runner.extra_instance_hours) × %s GB", n(u.ExtraInstanceHours), n(gb)))
	}
	if u.ActiveInstanceHours > 0 {
		c.add(rc, "apprunner_vcpu_hour", "App Runner active vCPU", UsageBased, u.ActiveInstanceHours*vcpu,
			fmt.Sprintf("%s active instance-hours (app_runner.active_instance_hours) × %s vCPU", n(u.ActiveInstanceHours), n(vcpu)))
	}
}

func priceAppRunnerTracing(c *calc, r *Resource, rc *ResourceCost) {
	tc := block(r.Values, "trace_configuration")
	if tc != nil && str(tc, "vendor") != "" && str(tc, "vendor") != "AWSXRAY" {
		rc.Notes = append(rc.Notes, "traces go to "+str(tc, "vendor")+", outside this estimate")
		return
	}
	if t := c.usage.AppRunner.TracesMillions; t > 0 {
		c.add(rc, "xray_traces_recorded_million", "X-Ray traces recorded (web app)", UsageBased, t,
			fmt.Sprintf("%s million traces (app_runner.traces_millions)", n(t)))
	}
	if s := c.usage.XRay.ScannedMillions; s > 0 {
		c.add(rc, "xray_traces_scanned_million", "X-Ray traces scanned (all services)", UsageBased, s,
			fmt.Sprintf("%s million traces (xray.scanned_millions)", n(s)))
	}
}

func priceInstance(c *calc, r *Resource, rc *ResourceCost) {
	it := str(r.Values, "instance_type")
	key := "ec2_instance_hour/" + it
	if !c.inBook(rc, key, "instance type "+it) {
		return
	}
	hours := c.usage.EC2.HoursPerMonth
	if hours <= 0 {
		hours = c.hours
	}
	c.add(rc, key, "EC2 "+it, Hourly, hours, fmt.Sprintf("%s h", n(hours)))
	root := block(r.Values, "root_block_device")
	vt := orDefault(str(root, "volume_type"), "gp3")
	size, ok := num(root, "volume_size")
	why := "root_block_device.volume_size"
	if !ok {
		size, why = c.usage.EC2.RootVolumeGB, "ec2.root_volume_gb (size unknown in the plan)"
	}
	if vt != "gp3" {
		rc.unpriced = "root volume type " + vt + " has no price in the book (only gp3)"
		return
	}
	c.add(rc, "ebs_gp3_gb_month", "Root volume (gp3)", Hourly, size, fmt.Sprintf("%s GB (%s)", n(size), why))
}

func priceEBSVolume(c *calc, r *Resource, rc *ResourceCost) {
	vt := orDefault(str(r.Values, "type"), "gp3")
	if vt != "gp3" {
		rc.unpriced = "volume type " + vt + " has no price in the book (only gp3)"
		return
	}
	size, ok := num(r.Values, "size")
	if !ok {
		rc.unpriced = "volume size unknown in the plan"
		return
	}
	c.add(rc, "ebs_gp3_gb_month", "EBS gp3", Hourly, size, fmt.Sprintf("%s GB", n(size)))
}

func priceLambda(c *calc, r *Resource, rc *ResourceCost) {
	u := c.usage.Lambda
	if u.RequestsMillionsPerFunction > 0 {
		c.add(rc, "lambda_request_million", "Lambda requests", UsageBased, u.RequestsMillionsPerFunction,
			fmt.Sprintf("%s million (lambda.requests_millions_per_function)", n(u.RequestsMillionsPerFunction)))
	}
	if u.GBSecondsPerFunction > 0 {
		c.add(rc, "lambda_gb_second", "Lambda compute", UsageBased, u.GBSecondsPerFunction,
			fmt.Sprintf("%s GB-s (lambda.gb_seconds_per_function)", n(u.GBSecondsPerFunction)))
	}
	if len(rc.Components) == 0 {
		rc.Notes = append(rc.Notes, "no Lambda usage assumed")
	}
}

func priceECR(c *calc, r *Resource, rc *ResourceCost) {
	gb := lookup(c.usage.ECR.Repositories, r.indexKey(), c.usage.ECR.StorageGBPerRepository)
	c.add(rc, "ecr_storage_gb_month", "ECR image storage", UsageBased, gb,
		fmt.Sprintf("%s GB (ecr.storage_gb_per_repository)", n(gb)))
}
