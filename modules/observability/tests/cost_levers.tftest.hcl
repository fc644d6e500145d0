# Cost levers of the observability module: the overview dashboard only when
# monitoring.cluster_dashboards is false; no RDS Proxy alarms without a proxy.

provider "aws" {
  region = "ap-southeast-1"
}

run "overview_dashboard_only_when_cluster_dashboards_are_off" {
  command = plan

  variables {
    monitoring     = { level = "reduced", cluster_dashboards = false }
    rds_proxy_name = null
  }

  assert {
    condition     = keys(output.dashboard_names) == ["overview"]
    error_message = "cluster_dashboards = false must leave only the overview dashboard."
  }

  assert {
    condition     = length([for k, a in aws_cloudwatch_metric_alarm.this : k if strcontains(k, "rds-proxy")]) == 0
    error_message = "Without a proxy there must be no RDS Proxy alarm."
  }
}
