package cost

import "fmt"

// pricer prices one resource into rc (or sets rc.unpriced).
type pricer func(c *calc, r *Resource, rc *ResourceCost)

// pricers maps each priced resource type to its pricer, kept in one file per
// tier (pricers_<tier>.go). A type missing here must be listed as free in the
// price book or it is reported NOT PRICED.
var pricers = map[string]pricer{
	// Compute (pricers_compute.go)
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
	// Data (pricers_data.go)
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
	// AWS Backup (pricers_backup.go)
	"aws_backup_selection": priceBackupSelection,
	// Network (pricers_network.go)
	"aws_nat_gateway":  priceNAT,
	"aws_vpc":          priceVPCDataTransfer,
	"aws_eip":          priceEIP,
	"aws_vpc_endpoint": priceVPCEndpoint,
	"aws_service_discovery_private_dns_namespace": priceCloudMapNamespace,
	"aws_service_discovery_service":               priceCloudMapService,
	// Edge (pricers_edge.go)
	"aws_lb":                      priceLB,
	"aws_api_gateway_rest_api":    priceRESTAPI,
	"aws_apigatewayv2_api":        priceHTTPAPI,
	"aws_cloudfront_distribution": priceCloudFront,
	"aws_route53_zone":            priceRoute53Zone,
	// Security (pricers_security.go)
	"aws_kms_key":                       priceKMSKey,
	"aws_secretsmanager_secret":         priceSecret,
	"aws_wafv2_web_acl":                 priceWebACL,
	"aws_guardduty_detector":            priceGuardDuty,
	"aws_guardduty_detector_feature":    priceGuardDutyFeature,
	"aws_securityhub_account":           priceSecurityHub,
	"aws_config_configuration_recorder": priceConfigRecorder,
	// Observability (pricers_observability.go)
	"aws_cloudwatch_log_group":       priceLogGroup,
	"aws_cloudwatch_metric_alarm":    priceMetricAlarm,
	"aws_cloudwatch_composite_alarm": priceCompositeAlarm,
	"aws_cloudwatch_dashboard":       priceDashboard,
	"aws_cloudtrail":                 priceCloudTrail,
}

// inBook reports whether the price book has key; if not, it marks the
// resource NOT PRICED: "<what> has no price in the book (add <key>)".
func (c *calc) inBook(rc *ResourceCost, key, what string) bool {
	if _, ok := c.book.price(key); !ok {
		rc.unpriced = fmt.Sprintf("%s has no price in the book (add %s)", what, key)
		return false
	}
	return true
}

// addUsage adds a usage-based component whose quantity is read as it is
// from the usage file's field: "<qty> <unit> (<field>)".
func (c *calc) addUsage(rc *ResourceCost, key, name string, qty float64, unit, field string) {
	c.add(rc, key, name, UsageBased, qty, fmt.Sprintf("%s %s (%s)", n(qty), unit, field))
}
