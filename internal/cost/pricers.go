package cost

import (
	"encoding/json"
	"fmt"
	"strings"
)

// pricer prices one resource into rc (or sets rc.unpriced).
type pricer func(c *calc, r *Resource, rc *ResourceCost)

// pricers maps each priced resource type to its pricer. A type missing here
// must be listed as free in the price book or it is reported NOT PRICED.
var pricers = map[string]pricer{
	// Compute
	"aws_ecs_service":                           priceECSService,
	"aws_scheduler_schedule":                    priceSchedule,
	"aws_ecs_cluster":                           priceECSCluster,
	"aws_appautoscaling_policy":                 priceScalingPolicy,
	"aws_apprunner_service":                     priceAppRunner,
	"aws_apprunner_observability_configuration": priceAppRunnerTracing,
	"aws_instance":                              priceInstance,
	"aws_ebs_volume":                            priceEBSVolume,
	"aws_lambda_function":                       priceLambda,
	"aws_ecr_repository":                        priceECR,
	// Data
	"aws_rds_cluster":                   priceAuroraCluster,
	"aws_rds_cluster_instance":          priceAuroraInstance,
	"aws_db_proxy":                      priceDBProxy,
	"aws_db_proxy_endpoint":             priceDBProxyEndpoint,
	"aws_elasticache_replication_group": priceElastiCache,
	"aws_elasticache_cluster":           priceElastiCache,
	"aws_dynamodb_table":                priceDynamoDB,
	"aws_s3_bucket":                     priceS3,
	"aws_sqs_queue":                     priceSQS,
	"aws_sns_topic":                     priceSNS,
	// Network and edge
	"aws_nat_gateway":             priceNAT,
	"aws_eip":                     priceEIP,
	"aws_vpc_endpoint":            priceVPCEndpoint,
	"aws_lb":                      priceLB,
	"aws_api_gateway_rest_api":    priceRESTAPI,
	"aws_apigatewayv2_api":        priceHTTPAPI,
	"aws_cloudfront_distribution": priceCloudFront,
	"aws_route53_zone":            priceRoute53Zone,
	"aws_service_discovery_private_dns_namespace": priceCloudMapNamespace,
	"aws_service_discovery_service":               priceCloudMapService,
	// Security
	"aws_kms_key":                       priceKMSKey,
	"aws_secretsmanager_secret":         priceSecret,
	"aws_wafv2_web_acl":                 priceWebACL,
	"aws_guardduty_detector":            priceGuardDuty,
	"aws_securityhub_account":           priceSecurityHub,
	"aws_config_configuration_recorder": priceConfigRecorder,
	// Observability
	"aws_cloudwatch_log_group":       priceLogGroup,
	"aws_cloudwatch_metric_alarm":    priceMetricAlarm,
	"aws_cloudwatch_composite_alarm": priceCompositeAlarm,
	"aws_cloudwatch_dashboard":       priceDashboard,
	"aws_cloudtrail":                 priceCloudTrail,
}

// ── Compute ────────────────────────────────────────────────────────────────

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
	if _, ok := c.book.price(key); !ok {
		rc.unpriced = fmt.Sprintf("instance type %s has no price in the book (add %s)", it, key)
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

// ── Data ───────────────────────────────────────────────────────────────────

func priceAuroraCluster(c *calc, r *Resource, rc *ResourceCost) {
	if e := str(r.Values, "engine"); !strings.HasPrefix(e, "aurora") {
		rc.unpriced = "engine " + e + " (only Aurora is priced)"
		return
	}
	if st := str(r.Values, "storage_type"); st == "aurora-iopt1" {
		rc.unpriced = "Aurora I/O-Optimized storage is not in the price book"
		return
	}
	a := c.usage.Aurora
	c.add(rc, "aurora_storage_gb_month", "Aurora storage", UsageBased, a.StorageGB, fmt.Sprintf("%s GB (aurora.storage_gb)", n(a.StorageGB)))
	c.add(rc, "aurora_io_million", "Aurora I/O", UsageBased, a.IOMillionsPerMonth, fmt.Sprintf("%s million (aurora.io_millions_per_month)", n(a.IOMillionsPerMonth)))
	if a.BackupGBBeyondFree > 0 {
		days, _ := num(r.Values, "backup_retention_period")
		c.add(rc, "aurora_backup_gb_month", "Aurora backups beyond the free allowance", UsageBased, a.BackupGBBeyondFree,
			fmt.Sprintf("%s GB (aurora.backup_gb_beyond_free, %s-day retention)", n(a.BackupGBBeyondFree), n(days)))
	}
	if boolean(r.Values, "manage_master_user_password") {
		c.add(rc, "secretsmanager_secret_month", "RDS-managed master user secret", Hourly, 1, "1 secret")
	}
	if exports := list(r.Values, "enabled_cloudwatch_logs_exports"); len(exports) > 0 && a.LogGBPerDay > 0 {
		gb := a.LogGBPerDay * daysPerMonth
		c.add(rc, "cloudwatch_logs_ingest_gb", "Exported database logs (ingestion)", UsageBased, gb,
			fmt.Sprintf("%s GB/day (aurora.log_gb_per_day) × %s days", n(a.LogGBPerDay), n(daysPerMonth)))
		stored := a.LogGBPerDay * c.usage.Logs.NeverExpireDays * c.usage.Logs.StoredFraction
		c.add(rc, "cloudwatch_logs_storage_gb_month", "Exported database logs (storage)", UsageBased, stored,
			fmt.Sprintf("%s GB/day × %s days kept (logs.never_expire_days: RDS creates the group without retention) × %s stored (logs.stored_fraction)",
				n(a.LogGBPerDay), n(c.usage.Logs.NeverExpireDays), n(c.usage.Logs.StoredFraction)))
	}
}

func priceAuroraInstance(c *calc, r *Resource, rc *ResourceCost) {
	class := str(r.Values, "instance_class")
	if class != "db.serverless" {
		rc.unpriced = "provisioned instance class " + class + " is not in the price book (only Serverless v2)"
		return
	}
	avg, lo, why := c.averageACU(r)
	c.add(rc, "aurora_serverless_v2_acu_hour", "Aurora capacity (minimum)", Hourly, lo*c.hours,
		fmt.Sprintf("%s ACU min_capacity × %s h", n(lo), n(c.hours)))
	if avg > lo {
		c.add(rc, "aurora_serverless_v2_acu_hour", "Aurora capacity above the minimum", UsageBased, (avg-lo)*c.hours,
			fmt.Sprintf("(%s average ACU (%s) − %s) × %s h", n(avg), why, n(lo), n(c.hours)))
	}
	if boolean(r.Values, "performance_insights_enabled") {
		if days, _ := num(r.Values, "performance_insights_retention_period"); days > 7 {
			c.add(rc, "rds_database_insights_acu_hour", fmt.Sprintf("Performance Insights, %s-day retention", n(days)), UsageBased, avg*c.hours,
				fmt.Sprintf("%s average ACU × %s h", n(avg), n(c.hours)))
		}
	}
	if iv, _ := num(r.Values, "monitoring_interval"); iv > 0 && c.usage.Aurora.EnhancedMonitoringGBPerDayPerInstance > 0 {
		gb := c.usage.Aurora.EnhancedMonitoringGBPerDayPerInstance * daysPerMonth
		c.add(rc, "cloudwatch_logs_ingest_gb", "Enhanced Monitoring (RDSOSMetrics logs)", UsageBased, gb,
			fmt.Sprintf("%s GB/day (aurora.enhanced_monitoring_gb_per_day_per_instance) × %s days", n(c.usage.Aurora.EnhancedMonitoringGBPerDayPerInstance), n(daysPerMonth)))
	}
}

func priceDBProxy(c *calc, r *Resource, rc *ResourceCost) {
	acu, ok := c.auroraACU[r.ModuleAddress]
	if !ok {
		for _, v := range c.auroraACU {
			acu += v
		}
	}
	if acu == 0 {
		rc.unpriced = "no Aurora Serverless v2 instance in the plan to size the proxy (provisioned targets are priced per vCPU, not in the book)"
		return
	}
	floor := c.book.USD("rds_proxy_min_acu")
	c.add(rc, "rds_proxy_acu_hour", "RDS Proxy (billed minimum)", Hourly, floor*c.hours,
		fmt.Sprintf("%s ACU minimum × %s h", n(floor), n(c.hours)))
	if acu > floor {
		c.add(rc, "rds_proxy_acu_hour", "RDS Proxy above the minimum", UsageBased, (acu-floor)*c.hours,
			fmt.Sprintf("(%s ACU of the database − %s) × %s h", n(acu), n(floor), n(c.hours)))
	} else {
		rc.Notes = append(rc.Notes, fmt.Sprintf("the database averages %s ACU, below the proxy's %s-ACU billing minimum", n(acu), n(floor)))
	}
}

func priceDBProxyEndpoint(c *calc, r *Resource, rc *ResourceCost) {
	subnets := float64(len(list(r.Values, "vpc_subnet_ids")))
	if subnets == 0 {
		subnets = 1
	}
	c.add(rc, "vpc_interface_endpoint_hour", "Proxy endpoint (PrivateLink, per subnet)", Hourly, subnets*c.hours,
		fmt.Sprintf("%s subnets × %s h; additional proxy endpoints are billed as interface endpoints", n(subnets), n(c.hours)))
}

func priceElastiCache(c *calc, r *Resource, rc *ResourceCost) {
	nt := str(r.Values, "node_type")
	key := "elasticache_node_hour/" + nt
	if _, ok := c.book.price(key); !ok {
		rc.unpriced = fmt.Sprintf("node type %s has no price in the book (add %s)", nt, key)
		return
	}
	nodes, why := 1.0, "a single node"
	if v, ok := num(r.Values, "num_cache_clusters"); ok && v > 0 {
		nodes, why = v, "num_cache_clusters"
	} else if v, ok := num(r.Values, "num_cache_nodes"); ok && v > 0 {
		nodes, why = v, "num_cache_nodes"
	} else if g, ok := num(r.Values, "num_node_groups"); ok && g > 0 {
		rep, _ := num(r.Values, "replicas_per_node_group")
		nodes, why = g*(rep+1), "num_node_groups × (replicas_per_node_group + 1)"
	}
	c.add(rc, key, "ElastiCache "+nt+" nodes", Hourly, nodes*c.hours,
		fmt.Sprintf("%s %s (%s) × %s h", n(nodes), plural(nodes, "node", "nodes"), why, n(c.hours)))
}

func priceDynamoDB(c *calc, r *Resource, rc *ResourceCost) {
	if bm := str(r.Values, "billing_mode"); bm == "PROVISIONED" {
		rc.unpriced = "provisioned capacity is not in the price book (on-demand only)"
		return
	}
	if tc := str(r.Values, "table_class"); tc == "STANDARD_INFREQUENT_ACCESS" {
		rc.unpriced = "Standard-IA table class is not in the price book"
		return
	}
	key := r.indexKey()
	t := c.usage.table(key)
	src := "dynamodb.default"
	if _, ok := c.usage.DynamoDB.Tables[key]; ok {
		src = "dynamodb.tables[" + key + "]"
	}
	c.add(rc, "dynamodb_write_million", "DynamoDB writes", UsageBased, t.WritesMillions, fmt.Sprintf("%s million WRU (%s)", n(t.WritesMillions), src))
	c.add(rc, "dynamodb_read_million", "DynamoDB reads", UsageBased, t.ReadsMillions, fmt.Sprintf("%s million RRU (%s)", n(t.ReadsMillions), src))
	c.add(rc, "dynamodb_storage_gb_month", "DynamoDB storage", UsageBased, t.StorageGB, fmt.Sprintf("%s GB (%s)", n(t.StorageGB), src))
	if pitr := block(r.Values, "point_in_time_recovery"); boolean(pitr, "enabled") {
		c.add(rc, "dynamodb_pitr_gb_month", "Point-in-time recovery", UsageBased, t.StorageGB, fmt.Sprintf("%s GB table size", n(t.StorageGB)))
	}
	if boolean(r.Values, "stream_enabled") && t.StreamReadsMillions > 0 {
		c.add(rc, "dynamodb_stream_read_100k", "Stream reads", UsageBased, t.StreamReadsMillions*10,
			fmt.Sprintf("%s million (%s) = %s × 100k", n(t.StreamReadsMillions), src, n(t.StreamReadsMillions*10)))
	}
}

func priceS3(c *calc, r *Resource, rc *ResourceCost) {
	s := c.usage.S3
	c.add(rc, "s3_standard_gb_month", "S3 Standard storage", UsageBased, s.StorageGBPerBucket, fmt.Sprintf("%s GB (s3.storage_gb_per_bucket)", n(s.StorageGBPerBucket)))
	c.add(rc, "s3_put_1k", "S3 PUT/LIST requests", UsageBased, s.PutThousandsPerBucket, fmt.Sprintf("%s thousand (s3.put_thousands_per_bucket)", n(s.PutThousandsPerBucket)))
	c.add(rc, "s3_get_1k", "S3 GET requests", UsageBased, s.GetThousandsPerBucket, fmt.Sprintf("%s thousand (s3.get_thousands_per_bucket)", n(s.GetThousandsPerBucket)))
}

func priceSQS(c *calc, r *Resource, rc *ResourceCost) {
	q := c.usage.SQS.RequestsMillionsPerQueue
	c.add(rc, "sqs_million", "SQS requests", UsageBased, q, fmt.Sprintf("%s million (sqs.requests_millions_per_queue)", n(q)))
}

func priceSNS(c *calc, r *Resource, rc *ResourceCost) {
	p := c.usage.SNS.PublishesMillionsPerTopic
	c.add(rc, "sns_publish_million", "SNS publishes", UsageBased, p, fmt.Sprintf("%s million (sns.publishes_millions_per_topic)", n(p)))
}

// ── Network and edge ───────────────────────────────────────────────────────

func priceNAT(c *calc, r *Resource, rc *ResourceCost) {
	if str(r.Values, "connectivity_type") == "private" {
		rc.Notes = append(rc.Notes, "private NAT gateway: priced like a public one")
	}
	c.add(rc, "nat_gateway_hour", "NAT gateway", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
	gws := float64(c.count["aws_nat_gateway"])
	gb := c.usage.Network.NATGBPerMonth / gws
	c.add(rc, "nat_gateway_gb", "NAT data processed", UsageBased, gb,
		fmt.Sprintf("%s GB (network.nat_gb_per_month) / %s gateways", n(c.usage.Network.NATGBPerMonth), n(gws)))
}

func priceEIP(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "public_ipv4_hour", "Public IPv4 address", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
}

func priceVPCEndpoint(c *calc, r *Resource, rc *ResourceCost) {
	switch t := str(r.Values, "vpc_endpoint_type"); strings.ToLower(t) {
	case "gateway":
		rc.Notes = append(rc.Notes, "gateway endpoint ("+str(r.Values, "service_name")+"): no charge")
	case "interface":
		azs := float64(len(list(r.Values, "subnet_ids")))
		why := "subnet_ids"
		if azs == 0 {
			azs, why = 1, "no subnet_ids in the plan: 1 assumed"
		}
		c.add(rc, "vpc_interface_endpoint_hour", "Interface endpoint", Hourly, azs*c.hours,
			fmt.Sprintf("%s %s (%s) × %s h", n(azs), plural(azs, "AZ", "AZs"), why, n(c.hours)))
		total := c.usage.Network.InterfaceEndpointGBPerMonth
		c.add(rc, "vpc_interface_endpoint_gb", "Interface endpoint data processed", UsageBased, total/float64(c.interfaceEPs),
			fmt.Sprintf("%s GB (network.interface_endpoint_gb_per_month) / %d interface endpoints", n(total), c.interfaceEPs))
	default:
		rc.unpriced = "endpoint type " + t + " is not in the price book"
	}
}

func priceLB(c *calc, r *Resource, rc *ResourceCost) {
	switch t := orDefault(str(r.Values, "load_balancer_type"), "application"); t {
	case "application":
		c.add(rc, "alb_hour", "Application Load Balancer", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
		l := c.usage.Traffic.ALBLCUPerHour
		c.add(rc, "alb_lcu_hour", "ALB capacity units", UsageBased, l*c.hours, fmt.Sprintf("%s LCU (traffic.alb_lcu_per_hour) × %s h", n(l), n(c.hours)))
	case "network":
		c.add(rc, "nlb_hour", "Network Load Balancer", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
		l := c.usage.Traffic.NLBNLCUPerHour
		c.add(rc, "nlb_nlcu_hour", "NLB capacity units", UsageBased, l*c.hours, fmt.Sprintf("%s NLCU (traffic.nlb_nlcu_per_hour) × %s h", n(l), n(c.hours)))
	default:
		rc.unpriced = "load balancer type " + t + " is not in the price book"
	}
}

func priceRESTAPI(c *calc, r *Resource, rc *ResourceCost) {
	apis := float64(c.count["aws_api_gateway_rest_api"])
	m := c.usage.Traffic.APIRequestsMillions / apis
	c.add(rc, "api_gateway_rest_million", "REST API requests", UsageBased, m,
		fmt.Sprintf("%s million (traffic.api_requests_millions) / %s REST APIs", n(c.usage.Traffic.APIRequestsMillions), n(apis)))
}

func priceHTTPAPI(c *calc, r *Resource, rc *ResourceCost) {
	if p := str(r.Values, "protocol_type"); p != "HTTP" {
		rc.unpriced = "API Gateway " + p + " APIs are not in the price book"
		return
	}
	apis := float64(c.count["aws_apigatewayv2_api"])
	m := c.usage.Traffic.APIRequestsMillions / apis
	c.add(rc, "api_gateway_http_million", "HTTP API requests", UsageBased, m,
		fmt.Sprintf("%s million (traffic.api_requests_millions) / %s HTTP APIs", n(c.usage.Traffic.APIRequestsMillions), n(apis)))
}

func priceCloudFront(c *calc, r *Resource, rc *ResourceCost) {
	d := float64(c.count["aws_cloudfront_distribution"])
	t := c.usage.Traffic
	c.add(rc, "cloudfront_asia_gb", "CloudFront data out (Asia Pacific)", UsageBased, t.WebGBOut/d,
		fmt.Sprintf("%s GB (traffic.web_gb_out) / %s distributions", n(t.WebGBOut), n(d)))
	c.add(rc, "cloudfront_https_10k", "CloudFront HTTPS requests", UsageBased, t.WebRequestsMillions*100/d,
		fmt.Sprintf("%s million (traffic.web_requests_millions) = %s × 10k / %s distributions", n(t.WebRequestsMillions), n(t.WebRequestsMillions*100), n(d)))
}

func priceRoute53Zone(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "route53_zone_month", "Hosted zone", Hourly, 1, "1 zone")
	q := c.usage.Route53.QueriesMillionsPerZone
	if len(blocks(r.Values, "vpc")) > 0 {
		rc.Notes = append(rc.Notes, "private zone: queries from the VPC are free")
		return
	}
	c.add(rc, "route53_query_million", "DNS queries", UsageBased, q, fmt.Sprintf("%s million (route53.queries_millions_per_zone)", n(q)))
}

func priceCloudMapNamespace(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "route53_zone_month", "Private hosted zone of the namespace", Hourly, 1, "1 zone (queries from the VPC are free)")
}

func priceCloudMapService(c *calc, r *Resource, rc *ResourceCost) {
	i := c.usage.CloudMap.InstancesPerService
	c.add(rc, "cloudmap_instance_month", "Registered instances", UsageBased, i, fmt.Sprintf("%s instances (cloud_map.instances_per_service)", n(i)))
}

// ── Security ───────────────────────────────────────────────────────────────

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
	if rj := str(r.Values, "rule_json"); rj != "" {
		var parsed []any
		if err := json.Unmarshal([]byte(rj), &parsed); err != nil {
			rc.unpriced = "rule_json is not a JSON list of rules: " + err.Error()
			return
		}
		rules, why = float64(len(parsed)), "rules in rule_json"
	}
	c.add(rc, "waf_rule_month", "Rules and rule groups", Hourly, rules, fmt.Sprintf("%s %s", n(rules), why))
	q := c.usage.WAF.RequestsMillionsPerACL
	c.add(rc, "waf_request_million", "Requests inspected", UsageBased, q, fmt.Sprintf("%s million (waf.requests_millions_per_acl)", n(q)))
}

func priceGuardDuty(c *calc, r *Resource, rc *ResourceCost) {
	if v, ok := r.Values["enable"].(bool); ok && !v {
		rc.Notes = append(rc.Notes, "detector disabled")
		return
	}
	g := c.usage.GuardDuty
	c.add(rc, "guardduty_cloudtrail_million", "CloudTrail event analysis", UsageBased, g.CloudTrailEventsMillions, fmt.Sprintf("%s million events (guardduty)", n(g.CloudTrailEventsMillions)))
	c.add(rc, "guardduty_logs_gb", "Flow and DNS log analysis", UsageBased, g.LogGB, fmt.Sprintf("%s GB (guardduty.log_gb)", n(g.LogGB)))
	if g.RuntimeVCPUs > 0 {
		c.add(rc, "guardduty_runtime_vcpu_month", "Runtime monitoring (Fargate)", UsageBased, g.RuntimeVCPUs, fmt.Sprintf("%s vCPUs (guardduty.runtime_vcpus)", n(g.RuntimeVCPUs)))
	}
}

func priceSecurityHub(c *calc, r *Resource, rc *ResourceCost) {
	k := c.usage.SecurityHub.ChecksPerMonth
	c.add(rc, "securityhub_check", "Security checks", UsageBased, k, fmt.Sprintf("%s checks (security_hub.checks_per_month)", n(k)))
}

func priceConfigRecorder(c *calc, r *Resource, rc *ResourceCost) {
	k := c.usage.Config.ItemsPerMonth
	c.add(rc, "config_item", "Configuration items recorded", UsageBased, k, fmt.Sprintf("%s items (config.items_per_month)", n(k)))
}

// ── Observability ──────────────────────────────────────────────────────────

func priceLogGroup(c *calc, r *Resource, rc *ResourceCost) {
	name := str(r.Values, "name")
	if class := str(r.Values, "log_group_class"); class != "" && class != "STANDARD" {
		rc.unpriced = "log group class " + class + " is not in the price book"
		return
	}
	gb, rule := c.usage.logGBPerDay(name)
	c.add(rc, "cloudwatch_logs_ingest_gb", "Log ingestion", UsageBased, gb*daysPerMonth,
		fmt.Sprintf("%s GB/day (logs: %s) × %s days", n(gb), rule, n(daysPerMonth)))
	days, ok := num(r.Values, "retention_in_days")
	kept := "retention_in_days"
	if !ok || days == 0 {
		days, kept = c.usage.Logs.NeverExpireDays, "never expires: logs.never_expire_days"
	}
	f := c.usage.Logs.StoredFraction
	c.add(rc, "cloudwatch_logs_storage_gb_month", "Log storage (steady state)", UsageBased, gb*days*f,
		fmt.Sprintf("%s GB/day × %s days kept (%s) × %s stored after compression (logs.stored_fraction)", n(gb), n(days), kept, n(f)))
}

func priceMetricAlarm(c *calc, r *Resource, rc *ResourceCost) {
	metrics := 0.0
	for _, q := range blocks(r.Values, "metric_query") {
		if block(q, "metric") != nil {
			metrics++
		}
	}
	why := "1 metric"
	if metrics == 0 {
		metrics = 1
	} else {
		why = fmt.Sprintf("%s metrics in metric_query", n(metrics))
	}
	key, what := "cloudwatch_alarm_month", "standard resolution"
	if p, ok := num(r.Values, "period"); ok && p < 60 {
		key, what = "cloudwatch_alarm_high_resolution_month", "high resolution"
	}
	c.add(rc, key, "Alarm ("+what+")", Hourly, metrics, why)
}

func priceCompositeAlarm(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "cloudwatch_composite_alarm_month", "Composite alarm", Hourly, 1, "1 alarm")
}

func priceDashboard(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "cloudwatch_dashboard_month", "Dashboard", Hourly, 1, "1 dashboard (the account's 3 free dashboards are not netted)")
}

func priceCloudTrail(c *calc, r *Resource, rc *ResourceCost) {
	t := c.usage.CloudTrail
	if c.count["aws_cloudtrail"] > 1 && t.ManagementEventsMillions > 0 {
		c.add(rc, "cloudtrail_management_100k", "Management events (additional trail copy)", UsageBased, t.ManagementEventsMillions*10,
			fmt.Sprintf("%s million (cloudtrail.management_events_millions) × 10", n(t.ManagementEventsMillions)))
	} else {
		rc.Notes = append(rc.Notes, "the first copy of management events is free")
	}
	dataEvents := false
	for _, s := range blocks(r.Values, "event_selector") {
		if len(blocks(s, "data_resource")) > 0 {
			dataEvents = true
		}
	}
	if len(blocks(r.Values, "advanced_event_selector")) > 0 {
		dataEvents = true
	}
	if dataEvents {
		c.add(rc, "cloudtrail_data_100k", "Data events", UsageBased, t.DataEventsMillions*10,
			fmt.Sprintf("%s million (cloudtrail.data_events_millions) × 10", n(t.DataEventsMillions)))
	}
}
