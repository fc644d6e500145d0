package cost

import "testing"

// securityExamples are the hand-calculated examples of security services
// (pricers_security.go), run by TestPricedExamples.
func securityExamples() []pricedCase {
	return []pricedCase{
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
		{name: "GuardDuty S3 Protection", rs: []*Resource{res("", "aws_guardduty_detector_feature", "s3", nil, m{"name": "S3_DATA_EVENTS", "status": "ENABLED"})},
			addr: "aws_guardduty_detector_feature.s3", want: func(t *testing.T) float64 { return 7 * p(t, "guardduty_s3_events_million") }},
		{name: "GuardDuty RDS Protection over a 2.5-ACU writer",
			rs: []*Resource{
				res("module.aurora", "aws_rds_cluster_instance", "this", "writer", m{"instance_class": "db.serverless"}),
				res("", "aws_guardduty_detector_feature", "rds", nil, m{"name": "RDS_LOGIN_EVENTS", "status": "ENABLED"}),
			},
			addr: "aws_guardduty_detector_feature.rds", want: func(t *testing.T) float64 { return 2.5 * p(t, "guardduty_rds_acu_month") }},
		{name: "GuardDuty Runtime Monitoring (usage override)", rs: []*Resource{res("", "aws_guardduty_detector_feature", "rt", nil, m{"name": "RUNTIME_MONITORING", "status": "ENABLED"})},
			addr: "aws_guardduty_detector_feature.rt", want: func(t *testing.T) float64 { return 14 * p(t, "guardduty_runtime_vcpu_month") }},
		{name: "Security Hub", rs: []*Resource{res("", "aws_securityhub_account", "this", nil, m{})}, addr: "aws_securityhub_account.this",
			want: func(t *testing.T) float64 { return 40000 * p(t, "securityhub_check") }},
		{name: "Config recorder", rs: []*Resource{res("", "aws_config_configuration_recorder", "this", nil, m{})}, addr: "aws_config_configuration_recorder.this",
			want: func(t *testing.T) float64 { return 30000 * p(t, "config_item") }},
	}
}
