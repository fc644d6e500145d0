package cost

import "testing"

// observabilityExamples are the hand-calculated examples of the observability
// tier (pricers_observability.go), run by TestPricedExamples.
func observabilityExamples() []pricedCase {
	days := 730.0 / 24
	return []pricedCase{
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
}
