# Dashboards built from the same inputs as the alarms: one overview of the
# environment (traffic, errors, latency, saturation per cluster, data tier)
# and one per ECS cluster with a row of widgets per service. Bodies are
# jsonencode'd, so a new service appears without touching this file.

locals {
  alb = var.alb_arn_suffix

  # One metric line: [namespace, name, dim, value, ..., {options}].
  # Dimensions are passed as a list of [name, value] pairs to keep their order.

  ecs_dims = { for n, s in local.long_running : n => ["ClusterName", s.cluster_name, "ServiceName", s.service_name] }
  alb_dims = { for n, s in local.exposed : n => ["LoadBalancer", local.alb, "TargetGroup", s.target_group_arn_suffix] }

  services_by_cluster = { for c in var.clusters : c => sort([for n, s in var.services : n if s.cluster_name == c]) }

  # --- Overview --------------------------------------------------------------

  overview_metric_widgets = concat(
    [for w in [
      {
        title   = "Requests per service (ALB)"
        stat    = "Sum"
        metrics = [for n in sort(keys(local.exposed)) : concat(["AWS/ApplicationELB", "RequestCount"], local.alb_dims[n], [{ label = n }])]
      },
      {
        title   = "Target 5xx per service (ALB)"
        stat    = "Sum"
        metrics = [for n in sort(keys(local.exposed)) : concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb_dims[n], [{ label = n }])]
      },
      {
        title   = "p99 target response time per service (s)"
        stat    = "p99"
        metrics = [for n in sort(keys(local.exposed)) : concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb_dims[n], [{ label = n }])]
      },
    ] : w if length(local.exposed) > 0],

    flatten([for g in var.api_gateway[*] : [
      {
        title   = "API Gateway requests and errors"
        stat    = "Sum"
        metrics = [for m in ["Count", "4XXError", "5XXError"] : ["AWS/ApiGateway", m, "ApiName", g.api_name, "Stage", g.stage, { label = m }]]
      },
      {
        title   = "API Gateway p99 latency (ms)"
        stat    = "p99"
        metrics = [for m in ["Latency", "IntegrationLatency"] : ["AWS/ApiGateway", m, "ApiName", g.api_name, "Stage", g.stage, { label = m }]]
      },
    ]]),

    # Saturation per cluster: service-level CPU and memory (Fargate has no
    # cluster-level utilization in AWS/ECS).
    flatten([for c in var.clusters : [
      for m in ["CPUUtilization", "MemoryUtilization"] : {
        title   = "${m == "CPUUtilization" ? "CPU" : "Memory"} % per service: ${c}"
        stat    = "Average"
        metrics = [for n in local.services_by_cluster[c] : concat(["AWS/ECS", m], local.ecs_dims[n], [{ label = n }]) if contains(keys(local.long_running), n)]
      }
    ]]),

    flatten([for a in var.aurora[*] : [
      {
        title = "Aurora CPU % and capacity (ACU)"
        stat  = "Maximum"
        metrics = [
          ["AWS/RDS", "CPUUtilization", "DBClusterIdentifier", a.cluster_identifier, { label = "CPU %" }],
          ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", a.cluster_identifier, { label = "ACU (max ${a.max_capacity})", yAxis = "right" }],
        ]
      },
      {
        title   = "Aurora connections"
        stat    = "Maximum"
        metrics = [["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", a.cluster_identifier, { label = "connections" }]]
      },
    ]]),

    [for w in [
      {
        title   = "Redis engine CPU % per node"
        stat    = "Average"
        metrics = [for node in local.redis_nodes : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", node, { label = node }]]
      },
      {
        title   = "Redis memory % per node"
        stat    = "Average"
        metrics = [for node in local.redis_nodes : ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", node, { label = node }]]
      },
      {
        title   = "DynamoDB read and write throttle events per table"
        stat    = "Sum"
        metrics = [for p in setproduct(var.dynamodb_table_names, ["ReadThrottleEvents", "WriteThrottleEvents"]) : ["AWS/DynamoDB", p[1], "TableName", p[0], { label = "${p[0]} ${p[1]}" }]]
      },
      {
        title   = "NAT port allocation errors"
        stat    = "Sum"
        metrics = [for k, id in local.nat_gateways : ["AWS/NATGateway", "ErrorPortAllocation", "NatGatewayId", id, { label = k }]]
      },
    ] : w if length(w.metrics) > 0],
  )

  # --- Per cluster: a row per service ------------------------------------------

  cluster_metric_widgets = { for c in var.clusters : c => flatten([for n in local.services_by_cluster[c] : concat(
    flatten([for k, s in local.long_running : [
      {
        title = "${n}: CPU and memory %"
        stat  = "Average"
        metrics = [
          concat(["AWS/ECS", "CPUUtilization"], local.ecs_dims[n], [{ label = "CPU %" }]),
          concat(["AWS/ECS", "MemoryUtilization"], local.ecs_dims[n], [{ label = "Memory %" }]),
        ]
      },
      {
        title = "${n}: tasks"
        stat  = var.container_insights ? "Average" : "SampleCount"
        metrics = concat(
          [for m in ["RunningTaskCount", "DesiredTaskCount"] : concat(["ECS/ContainerInsights", m], local.ecs_dims[n], [{ label = m }]) if var.container_insights],
          [for m in ["CPUUtilization"] : concat(["AWS/ECS", m], local.ecs_dims[n], [{ label = "tasks reporting" }]) if !var.container_insights],
        )
      },
    ] if k == n]),
    flatten([for k, s in local.exposed : [
      {
        title = "${n}: requests and target 5xx (ALB)"
        stat  = "Sum"
        metrics = [
          concat(["AWS/ApplicationELB", "RequestCount"], local.alb_dims[n], [{ label = "requests" }]),
          concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb_dims[n], [{ label = "5xx", yAxis = "right" }]),
        ]
      },
      {
        title   = "${n}: p99 target response time (s)"
        stat    = "p99"
        metrics = [concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb_dims[n], [{ label = "p99" }])]
      },
    ] if k == n]),
    [for k, s in local.jobs : {
      title   = "${n}: failed invocations in the dead-letter queue"
      stat    = "Maximum"
      metrics = [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", s.dead_letter_queue_name, { label = "dead letters" }]]
    } if k == n],
  )]) }

  dashboard_names = merge(
    { overview = "${var.name_prefix}-overview" },
    { for c in var.clusters : c => startswith(c, "${var.name_prefix}-") ? c : "${var.name_prefix}-${c}" if var.monitoring.cluster_dashboards },
  )

  # A markdown header across the top, then metric widgets two per row.
  dashboard_bodies = { for k, widgets in merge({ overview = local.overview_metric_widgets }, local.cluster_metric_widgets) : k => jsonencode({
    widgets = concat(
      [{
        type   = "text"
        x      = 0
        y      = 0
        width  = 24
        height = 2
        properties = {
          markdown = k == "overview" ? "# ${var.name_prefix}: overview\nTraffic, errors and latency of the exposed services, saturation per ECS cluster, and the data tier. Alarms notify the ${var.name_prefix}-alerts-critical and -warning topics." : "# ${k}\nServices: ${join(", ", local.services_by_cluster[k])}"
        }
      }],
      [for i, w in [for w in widgets : w if length(w.metrics) > 0] : {
        type   = "metric"
        x      = (i % 2) * 12
        y      = 2 + floor(i / 2) * 6
        width  = 12
        height = 6
        properties = {
          title   = w.title
          region  = var.region
          view    = "timeSeries"
          stacked = false
          stat    = w.stat
          period  = 60
          metrics = w.metrics
        }
      }],
    )
  }) }
}

resource "aws_cloudwatch_dashboard" "this" {
  for_each = local.dashboard_names

  dashboard_name = each.value
  dashboard_body = local.dashboard_bodies[each.key]

  lifecycle {
    precondition {
      condition     = alltrue([for s in values(var.services) : contains(var.clusters, s.cluster_name)])
      error_message = "Every service's cluster_name must be listed in clusters (one dashboard per cluster): ${join(", ", distinct([for s in values(var.services) : s.cluster_name if !contains(var.clusters, s.cluster_name)]))}."
    }
  }
}
