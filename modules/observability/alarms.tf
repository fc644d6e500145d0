# Every alarm of the environment, derived from the inputs, as one map of
# specifications and one aws_cloudwatch_metric_alarm per entry. An entry is
# either a single metric (namespace, metric_name, dimensions, statistic or
# extended_statistic) or metric math (queries, one of which returns data).
#
# Severity: critical alarms mean customers are affected or money movement
# failed (running tasks below desired, ALB and API Gateway 5xx rate, Aurora
# CPU, a scheduled job's dead letters); everything else is a warning.
# monitoring.level = "reduced" keeps only the alarms marked reduced: running
# tasks, the 5xx rates and Aurora CPU.

locals {
  # Defaults that every specification overrides where it differs, so that all
  # entries carry the same attributes.
  alarm_defaults = {
    service             = null
    severity            = "warning"
    reduced             = false
    namespace           = null
    metric_name         = null
    dimensions          = null
    statistic           = null
    extended_statistic  = null
    period              = 300
    queries             = []
    comparison          = "GreaterThanThreshold"
    evaluation_periods  = 3
    datapoints_to_alarm = 3
    treat_missing_data  = "notBreaching"
  }

  # The DynamoDB operations whose ThrottledRequests and SystemErrors are
  # summed: CloudWatch publishes both per TableName and Operation, and an
  # alarm's metric math may read at most 10 metrics.
  dynamodb_operations = [
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
    "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
  ]

  # --- ECS services ----------------------------------------------------------

  ecs_alarms = merge(
    { for n, s in local.long_running : "${n}-cpu" => merge(local.alarm_defaults, {
      service     = n
      description = "${n}: average CPU above ${local.thresholds.cpu_percent}% for 15 minutes. Runbook: check autoscaling (at max capacity?) and the service's recent deployments; raise capacity.max or cpu in the catalog if the load is real."
      namespace   = "AWS/ECS"
      metric_name = "CPUUtilization"
      dimensions  = { ClusterName = s.cluster_name, ServiceName = s.service_name }
      statistic   = "Average"
      threshold   = local.thresholds.cpu_percent
    }) },

    { for n, s in local.long_running : "${n}-memory" => merge(local.alarm_defaults, {
      service     = n
      description = "${n}: average memory above ${local.thresholds.memory_percent}% for 15 minutes. Runbook: look for a leak in the service's logs and X-Ray group, compare with the last deployment; raise memory in the catalog if the usage is real."
      namespace   = "AWS/ECS"
      metric_name = "MemoryUtilization"
      dimensions  = { ClusterName = s.cluster_name, ServiceName = s.service_name }
      statistic   = "Average"
      threshold   = local.thresholds.memory_percent
    }) },

    # With Container Insights the alarm compares running tasks with the
    # desired count, capped at the baseline: it follows autoscaling and
    # scheduled scale-to-zero and still fires when tasks keep failing.
    # Without it there is no desired-count metric: the tasks reporting
    # CPUUtilization (its SampleCount) are compared with the baseline, and no
    # data at all (no task running) is a breach.
    { for n, s in local.long_running : "${n}-running-tasks" => merge(local.alarm_defaults, {
      service             = n
      severity            = "critical"
      reduced             = true
      description         = "${n}: fewer tasks running than desired (${s.desired}) for 5 minutes. Runbook: read the service's events (aws ecs describe-services) for failing health checks, image pulls or missing capacity; roll back the last deployment if it is the cause."
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      treat_missing_data  = "breaching"
      namespace           = var.container_insights ? null : "AWS/ECS"
      metric_name         = var.container_insights ? null : "CPUUtilization"
      dimensions          = var.container_insights ? null : { ClusterName = s.cluster_name, ServiceName = s.service_name }
      statistic           = var.container_insights ? null : "SampleCount"
      comparison          = var.container_insights ? "GreaterThanThreshold" : "LessThanThreshold"
      threshold           = var.container_insights ? 0 : s.desired
      queries = [for q in [
        { id = "running", expression = null, label = "Running tasks", return_data = false, namespace = "ECS/ContainerInsights", metric_name = "RunningTaskCount", dimensions = { ClusterName = s.cluster_name, ServiceName = s.service_name }, stat = "Average", period = 60 },
        { id = "desired", expression = null, label = "Desired tasks", return_data = false, namespace = "ECS/ContainerInsights", metric_name = "DesiredTaskCount", dimensions = { ClusterName = s.cluster_name, ServiceName = s.service_name }, stat = "Average", period = 60 },
        { id = "missing", expression = "IF(desired < ${s.desired}, desired, ${s.desired}) - running", label = "Tasks missing", return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null },
      ] : q if var.container_insights]
    }) if s.desired > 0 },

    { for n, s in local.exposed : "${n}-5xx-rate" => merge(local.alarm_defaults, {
      service             = n
      severity            = "critical"
      reduced             = true
      description         = "${n}: more than ${local.thresholds.alb_5xx_rate_percent}% of ALB requests answered 5xx by the targets in 3 of 5 minutes. Runbook: check the service's logs and X-Ray faults group, its dependencies (Aurora, Redis) and the last deployment; roll back if it is the cause."
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      threshold           = local.thresholds.alb_5xx_rate_percent
      queries = [
        { id = "errors", expression = null, label = "Target 5xx", return_data = false, namespace = "AWS/ApplicationELB", metric_name = "HTTPCode_Target_5XX_Count", dimensions = { LoadBalancer = var.alb_arn_suffix, TargetGroup = s.target_group_arn_suffix }, stat = "Sum", period = 60 },
        { id = "requests", expression = null, label = "Requests", return_data = false, namespace = "AWS/ApplicationELB", metric_name = "RequestCount", dimensions = { LoadBalancer = var.alb_arn_suffix, TargetGroup = s.target_group_arn_suffix }, stat = "Sum", period = 60 },
        { id = "rate", expression = "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)", label = "5xx rate (%)", return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null },
      ]
    }) },

    { for n, s in local.exposed : "${n}-p99-latency" => merge(local.alarm_defaults, {
      service             = n
      description         = "${n}: p99 target response time above ${local.thresholds.p99_latency_seconds}s in 3 of 5 minutes. Runbook: find the slow segments in the service's X-Ray group (database, Redis, third parties) and check CPU and autoscaling."
      namespace           = "AWS/ApplicationELB"
      metric_name         = "TargetResponseTime"
      dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = s.target_group_arn_suffix }
      extended_statistic  = "p99"
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      threshold           = local.thresholds.p99_latency_seconds
    }) },

    { for n, s in local.jobs : "${n}-dead-letters" => merge(local.alarm_defaults, {
      service             = n
      severity            = "critical"
      description         = "${n}: the scheduled job failed to start (a message in ${coalesce(s.dead_letter_queue_name, "-")}). Runbook: read the message's error attributes, fix the cause (task definition, capacity, IAM), run the job once by hand and purge the queue."
      namespace           = "AWS/SQS"
      metric_name         = "ApproximateNumberOfMessagesVisible"
      dimensions          = { QueueName = s.dead_letter_queue_name }
      statistic           = "Maximum"
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      threshold           = 0
    }) },
  )

  # --- Aurora and RDS Proxy --------------------------------------------------

  # var.x[*] is [] for null and [var.x] otherwise: optional parts are built
  # by iterating over it, so that nothing reads an attribute of null.
  aurora_alarms = merge([for a in var.aurora[*] : merge(
    {
      aurora-cpu = merge(local.alarm_defaults, {
        severity           = "critical"
        reduced            = true
        description        = "Aurora ${a.cluster_identifier}: CPU above ${local.thresholds.aurora_cpu_percent}% for 15 minutes. Runbook: find the top queries in Performance Insights, check ACU against max_capacity, kill runaway sessions; raise max_capacity if the load is real."
        namespace          = "AWS/RDS"
        metric_name        = "CPUUtilization"
        dimensions         = { DBClusterIdentifier = a.cluster_identifier }
        statistic          = "Maximum"
        threshold          = local.thresholds.aurora_cpu_percent
        treat_missing_data = "missing"
      })

      aurora-acu = merge(local.alarm_defaults, {
        description        = "Aurora ${a.cluster_identifier}: capacity above ${local.thresholds.aurora_acu_percent}% of max_capacity (${a.max_capacity} ACU) for 15 minutes. Runbook: check Performance Insights for the load; raise aurora max_capacity in tfvars before it saturates."
        threshold          = local.thresholds.aurora_acu_percent
        treat_missing_data = "missing"
        queries = [
          { id = "acu", expression = null, label = "ACU", return_data = false, namespace = "AWS/RDS", metric_name = "ServerlessDatabaseCapacity", dimensions = { DBClusterIdentifier = a.cluster_identifier }, stat = "Maximum", period = 300 },
          { id = "acu_percent", expression = "100 * acu / ${a.max_capacity}", label = "ACU (% of max)", return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null },
        ]
      })

      aurora-connections = merge(local.alarm_defaults, {
        description        = "Aurora ${a.cluster_identifier}: more than ${local.thresholds.aurora_connections} connections on an instance for 15 minutes. Runbook: check RDS Proxy pinning and the services' pool sizes; look for connection leaks after the last deployment."
        namespace          = "AWS/RDS"
        metric_name        = "DatabaseConnections"
        dimensions         = { DBClusterIdentifier = a.cluster_identifier }
        statistic          = "Maximum"
        threshold          = local.thresholds.aurora_connections
        treat_missing_data = "missing"
      })

      aurora-freeable-memory = merge(local.alarm_defaults, {
        description        = "Aurora ${a.cluster_identifier}: freeable memory below ${local.thresholds.freeable_memory_bytes} bytes for 15 minutes. Runbook: check connections and work_mem-heavy queries; raise min_capacity so instances keep more memory."
        namespace          = "AWS/RDS"
        metric_name        = "FreeableMemory"
        dimensions         = { DBClusterIdentifier = a.cluster_identifier }
        statistic          = "Minimum"
        comparison         = "LessThanThreshold"
        threshold          = local.thresholds.freeable_memory_bytes
        treat_missing_data = "missing"
      })
    },
    { for k, v in {
      # AuroraReplicaLag is in milliseconds; the READER role aggregates the
      # readers of the cluster.
      aurora-replica-lag = merge(local.alarm_defaults, {
        description        = "Aurora ${a.cluster_identifier}: a reader more than ${local.thresholds.replica_lag_seconds}s behind the writer for 15 minutes. Runbook: check write volume and long transactions on the writer and the reader's CPU; reads from the reader endpoint are stale meanwhile."
        namespace          = "AWS/RDS"
        metric_name        = "AuroraReplicaLag"
        dimensions         = { DBClusterIdentifier = a.cluster_identifier, Role = "READER" }
        statistic          = "Maximum"
        threshold          = local.thresholds.replica_lag_seconds * 1000
        treat_missing_data = "missing"
      })
    } : k => v if a.readers > 0 },
  )]...)

  rds_proxy_alarms = merge([for p in var.rds_proxy_name[*] : {
    rds-proxy-auth-failures = merge(local.alarm_defaults, {
      description = "RDS Proxy ${p}: more than ${local.thresholds.proxy_auth_failures} client connections failed authentication in 5 minutes. Runbook: check which service's IAM token is refused (proxy logs), its task role's rds-db:connect and the database user; rule out credential stuffing."
      namespace   = "AWS/RDS"
      metric_name = "ClientConnectionsSetupFailedAuth"
      dimensions  = { ProxyName = p }
      statistic   = "Sum"
      threshold   = local.thresholds.proxy_auth_failures
      # One window is enough: failed logins are events, not a level.
      evaluation_periods  = 1
      datapoints_to_alarm = 1
    })

    rds-proxy-database-connection-failures = merge(local.alarm_defaults, {
      description         = "RDS Proxy ${p}: the proxy failed to open database connections (more than ${local.thresholds.proxy_db_connection_failures} in 5 minutes). Runbook: check Aurora's state and max_connections, the proxy's secret and security groups."
      namespace           = "AWS/RDS"
      metric_name         = "DatabaseConnectionsSetupFailed"
      dimensions          = { ProxyName = p }
      statistic           = "Sum"
      threshold           = local.thresholds.proxy_db_connection_failures
      evaluation_periods  = 1
      datapoints_to_alarm = 1
    })
  }]...)

  # --- Redis (per node) --------------------------------------------------------

  redis_alarms = merge(
    { for i, node in local.redis_nodes : "redis-${format("%03d", i + 1)}-engine-cpu" => merge(local.alarm_defaults, {
      description = "Redis ${node}: engine CPU above ${local.thresholds.redis_cpu_percent}% for 15 minutes. Runbook: look for slow commands in the slow-log log group and hot keys; move to a larger node type if the load is real."
      namespace   = "AWS/ElastiCache"
      metric_name = "EngineCPUUtilization"
      dimensions  = { CacheClusterId = node }
      statistic   = "Average"
      threshold   = local.thresholds.redis_cpu_percent
    }) },

    { for i, node in local.redis_nodes : "redis-${format("%03d", i + 1)}-memory" => merge(local.alarm_defaults, {
      description = "Redis ${node}: memory above ${local.thresholds.redis_memory_percent}% of maxmemory for 15 minutes. Runbook: check key growth and missing TTLs; evictions follow. Move to a larger node type if the data is meant to stay."
      namespace   = "AWS/ElastiCache"
      metric_name = "DatabaseMemoryUsagePercentage"
      dimensions  = { CacheClusterId = node }
      statistic   = "Average"
      threshold   = local.thresholds.redis_memory_percent
    }) },

    { for i, node in local.redis_nodes : "redis-${format("%03d", i + 1)}-evictions" => merge(local.alarm_defaults, {
      description         = "Redis ${node}: more than ${local.thresholds.evictions} keys evicted in 5 minutes. Runbook: memory is full; check memory usage and key TTLs, then scale the node type."
      namespace           = "AWS/ElastiCache"
      metric_name         = "Evictions"
      dimensions          = { CacheClusterId = node }
      statistic           = "Sum"
      threshold           = local.thresholds.evictions
      evaluation_periods  = 1
      datapoints_to_alarm = 1
    }) },

    # Only replicas report ReplicationLag, and after a failover any node may be
    # one: every node is watched, and a primary's missing data is no breach.
    { for i, node in local.redis_nodes : "redis-${format("%03d", i + 1)}-replication-lag" => merge(local.alarm_defaults, {
      description = "Redis ${node}: replica more than ${local.thresholds.replica_lag_seconds}s behind the primary for 15 minutes. Runbook: check the primary's write load and network; reads from the reader endpoint are stale meanwhile."
      namespace   = "AWS/ElastiCache"
      metric_name = "ReplicationLag"
      dimensions  = { CacheClusterId = node }
      statistic   = "Maximum"
      threshold   = local.thresholds.replica_lag_seconds
    }) if length(local.redis_nodes) > 1 },
  )

  # --- DynamoDB, API Gateway, NAT ---------------------------------------------

  dynamodb_alarms = merge(
    { for t in var.dynamodb_table_names : "dynamodb-${trimprefix(t, "${var.name_prefix}-")}-throttles" => merge(local.alarm_defaults, {
      description = "DynamoDB ${t}: more than ${local.thresholds.dynamodb_throttled_requests} throttled requests in 5 minutes, twice in 15 minutes. Runbook: find the hot partition key (CloudWatch Contributor Insights) and the calling service; on-demand tables throttle on sudden spikes above twice the previous peak."
      threshold   = local.thresholds.dynamodb_throttled_requests
      queries = concat(
        [for i, op in local.dynamodb_operations : { id = "t${i}", expression = null, label = op, return_data = false, namespace = "AWS/DynamoDB", metric_name = "ThrottledRequests", dimensions = { TableName = t, Operation = op }, stat = "Sum", period = 300 }],
        [{ id = "throttled", expression = join(" + ", [for i, op in local.dynamodb_operations : "FILL(t${i}, 0)"]), label = "Throttled requests", return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null }],
      )
      datapoints_to_alarm = 2
    }) },

    { for t in var.dynamodb_table_names : "dynamodb-${trimprefix(t, "${var.name_prefix}-")}-system-errors" => merge(local.alarm_defaults, {
      description = "DynamoDB ${t}: more than ${local.thresholds.dynamodb_system_errors} requests failed with a DynamoDB internal error (HTTP 500) in 5 minutes. Runbook: check the AWS Health Dashboard for DynamoDB in this region; clients retry, so watch the callers' 5xx rate."
      threshold   = local.thresholds.dynamodb_system_errors
      queries = concat(
        [for i, op in local.dynamodb_operations : { id = "e${i}", expression = null, label = op, return_data = false, namespace = "AWS/DynamoDB", metric_name = "SystemErrors", dimensions = { TableName = t, Operation = op }, stat = "Sum", period = 300 }],
        [{ id = "errors", expression = join(" + ", [for i, op in local.dynamodb_operations : "FILL(e${i}, 0)"]), label = "System errors", return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null }],
      )
      evaluation_periods  = 1
      datapoints_to_alarm = 1
    }) },
  )

  api_gateway_alarms = merge([for g in var.api_gateway[*] : {
    # 5XXError's Average is the fraction of requests that failed with 5xx.
    api-gateway-5xx-rate = merge(local.alarm_defaults, {
      severity            = "critical"
      reduced             = true
      description         = "API Gateway ${g.api_name}/${g.stage}: more than ${local.thresholds.api_5xx_rate_percent}% of requests answered 5xx in 3 of 5 minutes. Runbook: check the execution logs and the integration (VPC link, ALB, the services' 5xx alarms); roll back the last deployment if it is the cause."
      namespace           = "AWS/ApiGateway"
      metric_name         = "5XXError"
      dimensions          = { ApiName = g.api_name, Stage = g.stage }
      statistic           = "Average"
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      threshold           = local.thresholds.api_5xx_rate_percent / 100
    })

    api-gateway-p99-latency = merge(local.alarm_defaults, {
      description         = "API Gateway ${g.api_name}/${g.stage}: p99 latency above ${local.thresholds.api_p99_latency_ms} ms in 3 of 5 minutes. Runbook: compare Latency with IntegrationLatency; if the integration is slow, follow the services' latency alarms and X-Ray."
      namespace           = "AWS/ApiGateway"
      metric_name         = "Latency"
      dimensions          = { ApiName = g.api_name, Stage = g.stage }
      extended_statistic  = "p99"
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 3
      threshold           = local.thresholds.api_p99_latency_ms
    })
  }]...)

  nat_alarms = { for k, id in local.nat_gateways : "${k}-port-allocation-errors" => merge(local.alarm_defaults, {
    description         = "NAT gateway ${k} (${id}): more than ${local.thresholds.nat_port_allocation_errors} port allocation errors in 5 minutes; outbound connections are failing. Runbook: find the service opening many connections to one destination (VPC flow logs), enable keep-alive or pooling, or add NAT gateways / IPs."
    namespace           = "AWS/NATGateway"
    metric_name         = "ErrorPortAllocation"
    dimensions          = { NatGatewayId = id }
    statistic           = "Sum"
    threshold           = local.thresholds.nat_port_allocation_errors
    evaluation_periods  = 1
    datapoints_to_alarm = 1
  }) }

  all_alarms = merge(local.ecs_alarms, local.aurora_alarms, local.rds_proxy_alarms, local.redis_alarms, local.dynamodb_alarms, local.api_gateway_alarms, local.nat_alarms)

  alarms = { for k, a in local.all_alarms : k => a if !local.reduced || a.reduced }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  treat_missing_data  = each.value.treat_missing_data

  namespace          = each.value.namespace
  metric_name        = each.value.metric_name
  dimensions         = each.value.dimensions
  statistic          = each.value.statistic
  extended_statistic = each.value.extended_statistic
  period             = length(each.value.queries) == 0 ? each.value.period : null

  dynamic "metric_query" {
    for_each = each.value.queries

    content {
      id          = metric_query.value.id
      expression  = metric_query.value.expression
      label       = metric_query.value.label
      return_data = metric_query.value.return_data

      dynamic "metric" {
        for_each = metric_query.value.expression == null ? [metric_query.value] : []

        content {
          namespace   = metric.value.namespace
          metric_name = metric.value.metric_name
          dimensions  = metric.value.dimensions
          stat        = metric.value.stat
          period      = metric.value.period
        }
      }
    }
  }

  alarm_actions = [local.topic_arns[each.value.severity]]
  ok_actions    = [local.topic_arns[each.value.severity]]

  tags = merge(
    { Name = "${var.name_prefix}-${each.key}", Severity = each.value.severity },
    each.value.service == null ? {} : { Service = each.value.service },
  )

  # The actions name the topics by ARN; the topics and their policies must
  # exist before an alarm can publish.
  depends_on = [module.alert_topics]

  lifecycle {
    precondition {
      condition     = length([for n, s in var.services : n if s.exposed]) == 0 || var.alb_arn_suffix != null
      error_message = "Services ${join(", ", [for n, s in var.services : n if s.exposed])} are exposed but alb_arn_suffix is null: pass the public ALB's arn_suffix for their 5xx and latency alarms."
    }
  }
}
