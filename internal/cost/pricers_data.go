package cost

// Pricers of the data tier: Aurora and its proxy, ElastiCache, DynamoDB, S3,
// SQS and SNS. pricers.go maps resource types to them.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

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
	c.addUsage(rc, "aurora_storage_gb_month", "Aurora storage", a.StorageGB, "GB", "aurora.storage_gb")
	c.addUsage(rc, "aurora_io_million", "Aurora I/O", a.IOMillionsPerMonth, "million", "aurora.io_millions_per_month")
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
		for _, k := range slices.Sorted(maps.Keys(c.auroraACU)) {
			v := c.auroraACU[k]
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
	if !c.inBook(rc, key, "node type "+nt) {
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
	if b, ok := s.Buckets[r.ModuleAddress]; ok {
		field := "s3.buckets[" + r.ModuleAddress + "]"
		c.addUsage(rc, "s3_standard_gb_month", "S3 Standard storage", b.StorageGB, "GB", field+".storage_gb")
		c.addUsage(rc, "s3_put_1k", "S3 PUT/LIST requests", b.PutThousands, "thousand", field+".put_thousands")
		c.addUsage(rc, "s3_get_1k", "S3 GET requests", b.GetThousands, "thousand", field+".get_thousands")
		return
	}
	c.addUsage(rc, "s3_standard_gb_month", "S3 Standard storage", s.StorageGBPerBucket, "GB", "s3.storage_gb_per_bucket")
	c.addUsage(rc, "s3_put_1k", "S3 PUT/LIST requests", s.PutThousandsPerBucket, "thousand", "s3.put_thousands_per_bucket")
	c.addUsage(rc, "s3_get_1k", "S3 GET requests", s.GetThousandsPerBucket, "thousand", "s3.get_thousands_per_bucket")
}

func priceSQS(c *calc, r *Resource, rc *ResourceCost) {
	c.addUsage(rc, "sqs_million", "SQS requests", c.usage.SQS.RequestsMillionsPerQueue, "million", "sqs.requests_millions_per_queue")
}

func priceSNS(c *calc, r *Resource, rc *ResourceCost) {
	c.addUsage(rc, "sns_publish_million", "SNS publishes", c.usage.SNS.PublishesMillionsPerTopic, "million", "sns.publishes_millions_per_topic")
}
