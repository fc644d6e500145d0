package cost

import "testing"

// dataExamples are the hand-calculated examples of the data tier
// (pricers_data.go), run by TestPricedExamples.
func dataExamples() []pricedCase {
	const h = 730.0
	days := 730.0 / 24
	backup := func(copyRegion string) []*Resource {
		rule := m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)", "lifecycle": l(m{"delete_after": 35.0}), "copy_action": l()}
		if copyRegion != "" {
			rule["copy_action"] = l(m{"destination_vault_arn": "arn:aws:backup:" + copyRegion + ":111111111111:backup-vault:copy",
				"lifecycle": l(m{"delete_after": 14.0})})
		}
		return []*Resource{
			res("module.dynamodb", "aws_dynamodb_table", "this", "card-api/keys", m{"name": "lookcard-develop-card-api-keys"}),
			res("module.dynamodb", "aws_dynamodb_table", "this", "ledger/entries", m{"name": "lookcard-develop-ledger-entries"}),
			res("module.backup[0]", "aws_backup_plan", "this", nil, m{"rule": l(rule)}),
			res("module.backup[0]", "aws_backup_selection", "this", nil, m{"resources": l(
				"arn:aws:dynamodb:ap-southeast-1:111111111111:table/lookcard-develop-card-api-keys",
				"arn:aws:dynamodb:ap-southeast-1:111111111111:table/lookcard-develop-ledger-entries",
				"arn:aws:rds:ap-southeast-1:111111111111:cluster:lookcard-develop-aurora")}),
		}
	}
	return []pricedCase{
		{name: "AWS Backup, daily, 35 days: DynamoDB recovery points are full backups (1 GB table override + 3 GB default); Aurora's are priced on the cluster",
			rs:   backup(""),
			addr: "module.backup[0].aws_backup_selection.this",
			want: func(t *testing.T) float64 {
				// 365/12 runs a month ÷ 730/24 days a month = 1 a day, kept 35 days.
				return 35 * (1 + 3) * p(t, "backup_dynamodb_gb_month")
			}},
		{name: "AWS Backup with a daily copy to Sydney kept 14 days: transfer and full copies of the tables and the 60 GB Aurora volume",
			rs:   backup("ap-southeast-2"),
			addr: "module.backup[0].aws_backup_selection.this",
			want: func(t *testing.T) float64 {
				runs := 365.0 / 12
				return 35*4*p(t, "backup_dynamodb_gb_month") + runs*(4+60)*p(t, "data_transfer_inter_region_gb") +
					14*4*p(t, "backup_dynamodb_gb_month/ap-southeast-2") + 14*60*p(t, "aurora_backup_gb_month/ap-southeast-2")
			}},
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
		{name: "Aurora Serverless v2 reader in tier 2: an average below the minimum is raised to it",
			rs:   readerInTier(2),
			addr: `module.aurora.aws_rds_cluster_instance.this["reader-1"]`,
			want: func(t *testing.T) float64 { return 0.5 * h * p(t, "aurora_serverless_v2_acu_hour") }},
		{name: "Aurora Serverless v2 reader in tier 1 scales with the writer (2.5 ACU, not 0.25)",
			rs:   readerInTier(1),
			addr: `module.aurora.aws_rds_cluster_instance.this["reader-1"]`,
			want: func(t *testing.T) float64 { return 2.5 * h * p(t, "aurora_serverless_v2_acu_hour") }},
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
	}
}

// readerInTier is a Serverless v2 cluster (0.5–8 ACU) of a writer and
// reader-1 in a promotion tier.
func readerInTier(tier float64) []*Resource {
	return []*Resource{
		res("module.aurora", "aws_rds_cluster", "this", nil, m{"engine": "aurora-postgresql", "serverlessv2_scaling_configuration": l(m{"min_capacity": 0.5, "max_capacity": 8.0})}),
		res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless", "promotion_tier": 0.0}),
		res("module.aurora", "aws_rds_cluster_instance", "this", "reader-1", m{"instance_class": "db.serverless", "promotion_tier": tier}),
	}
}
