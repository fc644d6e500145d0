# Every alarm of the environment, derived from the inputs: a table of what is
# watched (alarm_subjects) with the alarms each gets, expanded into one map of
# specifications and one aws_cloudwatch_metric_alarm per entry. An alarm is
# either a single metric (namespace, metric_name, dimensions, statistic or
# extended_statistic) or metric math (queries, one of which returns data).
#
# Severity: critical alarms mean customers are affected or money movement
# failed (running tasks below desired, ALB and API Gateway 5xx rate, Aurora
# CPU, a scheduled job's dead letters); everything else is a warning.
# monitoring.level = "reduced" keeps only the alarms marked reduced: running
# tasks, the 5xx rates and Aurora CPU.
#
# Alarm keys (and so the addresses in state) are "<subject key>-<suffix>":
# renaming a subject key or a suffix destroys and recreates alarms.

locals {
  # What a table row does not say. A row names its window and threshold;
  # namespace and dimensions come from its subject unless the row overrides
  # them (metric math reads them in its queries instead).
  alarm_defaults = {
    when               = true # false drops the row (e.g. no readers, no replicas)
    severity           = "warning"
    reduced            = false
    metric_name        = null
    statistic          = null
    extended_statistic = null
    comparison         = "GreaterThanThreshold"
    treat_missing_data = "notBreaching"
    math               = null
  }

  # Evaluation windows, named as the descriptions state them: levels must hold
  # for 15 minutes, customer-facing rates and latency are judged per minute,
  # and events (failed logins, evictions, dead letters) alarm at once.
  alarm_windows = {
    "15 minutes"          = { period = 300, evaluation_periods = 3, datapoints_to_alarm = 3 }
    "twice in 15 minutes" = { period = 300, evaluation_periods = 3, datapoints_to_alarm = 2 }
    "5 minutes"           = { period = 60, evaluation_periods = 5, datapoints_to_alarm = 5 }
    "3 of 5 minutes"      = { period = 60, evaluation_periods = 5, datapoints_to_alarm = 3 }
    "any 5 minutes"       = { period = 300, evaluation_periods = 1, datapoints_to_alarm = 1 }
  }

  # The DynamoDB operations whose ThrottledRequests and SystemErrors are
  # summed: CloudWatch publishes both per TableName and Operation, and an
  # alarm's metric math may read at most 10 metrics.
  dynamodb_operations = [
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
    "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
  ]

  # The table. A subject is one thing watched: key (prefix of its alarm keys),
  # label (start of every description), service (Service tag, null for shared
  # infrastructure), the namespace and dimensions of its metrics, and its
  # alarms. A row's description is "<label>: <text>"; text ends with the
  # runbook hint. math = { metrics, stat, id, label, expression } reads each
  # metric with the subject's dimensions (plus the metric's own) and period,
  # and returns the expression.
  #
  # var.x[*] is [] for null and [var.x] otherwise: optional subjects are
  # built by iterating over it, so that nothing reads an attribute of null.
  alarm_subjects = concat(
    # --- ECS services (not jobs) ---------------------------------------------
    [for n, s in local.long_running : {
      key       = n, label = n, service = n
      namespace = "AWS/ECS", dimensions = { ClusterName = s.cluster_name, ServiceName = s.service_name }
      alarms = [
        {
          suffix = "cpu", window = "15 minutes", metric_name = "CPUUtilization", statistic = "Average", threshold = local.thresholds.cpu_percent
          text   = "average CPU above ${local.thresholds.cpu_percent}% for 15 minutes. Runbook: check autoscaling (at max capacity?) and the service's recent deployments; raise capacity.max or cpu in the catalog if the load is real."
        },
        {
          suffix = "memory", window = "15 minutes", metric_name = "MemoryUtilization", statistic = "Average", threshold = local.thresholds.memory_percent
          text   = "average memory above ${local.thresholds.memory_percent}% for 15 minutes. Runbook: look for a leak in the service's logs and X-Ray group, compare with the last deployment; raise memory in the catalog if the usage is real."
        },
        # With Container Insights the alarm compares running tasks with the
        # desired count, capped at the baseline: it follows autoscaling and
        # scheduled scale-to-zero and still fires when tasks keep failing.
        # Without it there is no desired-count metric: the tasks reporting
        # CPUUtilization (its SampleCount) are compared with the baseline.
        # No data at all means no task is running: a breach for a service
        # that always runs, but the normal night of one scheduled to scale to
        # zero (it would page a critical alarm every night), so there missing
        # data is no breach. Trade-off, in the environments that scale to
        # zero only: a service with every task down reports nothing and does
        # not alarm here (the ALB and API 5xx alarms still see exposed ones).
        {
          suffix      = "running-tasks", when = s.desired > 0, severity = "critical", reduced = true, window = "5 minutes", treat_missing_data = s.scales_to_zero ? "notBreaching" : "breaching"
          text        = "fewer tasks running than desired (${s.desired}) for 5 minutes. Runbook: read the service's events (aws ecs describe-services) for failing health checks, image pulls or missing capacity; roll back the last deployment if it is the cause."
          metric_name = "CPUUtilization", statistic = "SampleCount" # without Container Insights
          comparison  = var.container_insights ? "GreaterThanThreshold" : "LessThanThreshold"
          threshold   = var.container_insights ? 0 : s.desired
          math = !var.container_insights ? null : {
            namespace = "ECS/ContainerInsights", stat = "Average"
            metrics = [
              { id = "running", label = "Running tasks", metric_name = "RunningTaskCount" },
              { id = "desired", label = "Desired tasks", metric_name = "DesiredTaskCount" },
            ]
            id = "missing", label = "Tasks missing", expression = "IF(desired < ${s.desired}, desired, ${s.desired}) - running"
          }
        },
      ]
    }],

    # --- Exposed services: their target group on the public ALB -------------
    [for n, s in local.exposed : {
      key       = n, label = n, service = n
      namespace = "AWS/ApplicationELB", dimensions = { LoadBalancer = var.alb_arn_suffix, TargetGroup = s.target_group_arn_suffix }
      alarms = [
        {
          suffix = "5xx-rate", severity = "critical", reduced = true, window = "3 of 5 minutes", threshold = local.thresholds.alb_5xx_rate_percent
          text   = "more than ${local.thresholds.alb_5xx_rate_percent}% of ALB requests answered 5xx by the targets in 3 of 5 minutes. Runbook: check the service's logs and X-Ray faults group, its dependencies (Aurora, Redis) and the last deployment; roll back if it is the cause."
          math = {
            stat = "Sum"
            metrics = [
              { id = "errors", label = "Target 5xx", metric_name = "HTTPCode_Target_5XX_Count" },
              { id = "requests", label = "Requests", metric_name = "RequestCount" },
            ]
            id = "rate", label = "5xx rate (%)", expression = "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"
          }
        },
        {
          suffix = "p99-latency", window = "3 of 5 minutes", metric_name = "TargetResponseTime", extended_statistic = "p99", threshold = local.thresholds.p99_latency_seconds
          text   = "p99 target response time above ${local.thresholds.p99_latency_seconds}s in 3 of 5 minutes. Runbook: find the slow segments in the service's X-Ray group (database, Redis, third parties) and check CPU and autoscaling."
        },
      ]
    }],

    # --- Scheduled jobs: the scheduler's dead-letter queue ------------------
    [for n, s in local.jobs : {
      key       = n, label = n, service = n
      namespace = "AWS/SQS", dimensions = { QueueName = s.dead_letter_queue_name }
      alarms = [
        {
          suffix = "dead-letters", severity = "critical", window = "any 5 minutes", metric_name = "ApproximateNumberOfMessagesVisible", statistic = "Maximum", threshold = 0
          text   = "the scheduled job failed to start (a message in ${coalesce(s.dead_letter_queue_name, "-")}). Runbook: read the message's error attributes, fix the cause (task definition, capacity, IAM), run the job once by hand and purge the queue."
        },
      ]
    }],

    # --- Aurora ----------------------------------------------------------------
    [for a in var.aurora[*] : {
      key       = "aurora", label = "Aurora ${a.cluster_identifier}", service = null
      namespace = "AWS/RDS", dimensions = { DBClusterIdentifier = a.cluster_identifier }
      alarms = [
        {
          suffix = "cpu", severity = "critical", reduced = true, window = "15 minutes", treat_missing_data = "missing", metric_name = "CPUUtilization", statistic = "Maximum", threshold = local.thresholds.aurora_cpu_percent
          text   = "CPU above ${local.thresholds.aurora_cpu_percent}% for 15 minutes. Runbook: find the top queries in Performance Insights, check ACU against max_capacity, kill runaway sessions; raise max_capacity if the load is real."
        },
        {
          suffix = "acu", window = "15 minutes", treat_missing_data = "missing", threshold = local.thresholds.aurora_acu_percent
          text   = "capacity above ${local.thresholds.aurora_acu_percent}% of max_capacity (${a.max_capacity} ACU) for 15 minutes. Runbook: check Performance Insights for the load; raise aurora max_capacity in tfvars before it saturates."
          math = {
            stat    = "Maximum"
            metrics = [{ id = "acu", label = "ACU", metric_name = "ServerlessDatabaseCapacity" }]
            id      = "acu_percent", label = "ACU (% of max)", expression = "100 * acu / ${a.max_capacity}"
          }
        },
        {
          suffix = "connections", window = "15 minutes", treat_missing_data = "missing", metric_name = "DatabaseConnections", statistic = "Maximum", threshold = local.thresholds.aurora_connections
          text   = "more than ${local.thresholds.aurora_connections} connections on an instance for 15 minutes. Runbook: check RDS Proxy pinning and the services' pool sizes; look for connection leaks after the last deployment."
        },
        {
          suffix = "freeable-memory", window = "15 minutes", treat_missing_data = "missing", metric_name = "FreeableMemory", statistic = "Minimum", comparison = "LessThanThreshold", threshold = local.thresholds.freeable_memory_bytes
          text   = "freeable memory below ${local.thresholds.freeable_memory_bytes} bytes for 15 minutes. Runbook: check connections and work_mem-heavy queries; raise min_capacity so instances keep more memory."
        },
        # AuroraReplicaLag is in milliseconds; the READER role aggregates the
        # readers of the cluster.
        {
          suffix     = "replica-lag", when = a.readers > 0, window = "15 minutes", treat_missing_data = "missing", metric_name = "AuroraReplicaLag", statistic = "Maximum", threshold = local.thresholds.replica_lag_seconds * 1000
          text       = "a reader more than ${local.thresholds.replica_lag_seconds}s behind the writer for 15 minutes. Runbook: check write volume and long transactions on the writer and the reader's CPU; reads from the reader endpoint are stale meanwhile."
          dimensions = { DBClusterIdentifier = a.cluster_identifier, Role = "READER" }
        },
      ]
    }],

    # --- RDS Proxy (failed logins and connections are events, not a level) ---
    [for p in var.rds_proxy_name[*] : {
      key       = "rds-proxy", label = "RDS Proxy ${p}", service = null
      namespace = "AWS/RDS", dimensions = { ProxyName = p }
      alarms = [
        {
          suffix = "auth-failures", window = "any 5 minutes", metric_name = "ClientConnectionsSetupFailedAuth", statistic = "Sum", threshold = local.thresholds.proxy_auth_failures
          text   = "more than ${local.thresholds.proxy_auth_failures} client connections failed authentication in 5 minutes. Runbook: check which service's IAM token is refused (proxy logs), its task role's rds-db:connect and the database user; rule out credential stuffing."
        },
        {
          suffix = "database-connection-failures", window = "any 5 minutes", metric_name = "DatabaseConnectionsSetupFailed", statistic = "Sum", threshold = local.thresholds.proxy_db_connection_failures
          text   = "the proxy failed to open database connections (more than ${local.thresholds.proxy_db_connection_failures} in 5 minutes). Runbook: check Aurora's state and max_connections, the proxy's secret and security groups."
        },
      ]
    }],

    # --- Redis, per node (redis-001 is the first member cluster) -------------
    [for i, node in local.redis_nodes : {
      key       = format("redis-%03d", i + 1), label = "Redis ${node}", service = null
      namespace = "AWS/ElastiCache", dimensions = { CacheClusterId = node }
      alarms = [
        {
          suffix = "engine-cpu", window = "15 minutes", metric_name = "EngineCPUUtilization", statistic = "Average", threshold = local.thresholds.redis_cpu_percent
          text   = "engine CPU above ${local.thresholds.redis_cpu_percent}% for 15 minutes. Runbook: look for slow commands in the slow-log log group and hot keys; move to a larger node type if the load is real."
        },
        {
          suffix = "memory", window = "15 minutes", metric_name = "DatabaseMemoryUsagePercentage", statistic = "Average", threshold = local.thresholds.redis_memory_percent
          text   = "memory above ${local.thresholds.redis_memory_percent}% of maxmemory for 15 minutes. Runbook: check key growth and missing TTLs; evictions follow. Move to a larger node type if the data is meant to stay."
        },
        {
          suffix = "evictions", window = "any 5 minutes", metric_name = "Evictions", statistic = "Sum", threshold = local.thresholds.evictions
          text   = "more than ${local.thresholds.evictions} keys evicted in 5 minutes. Runbook: memory is full; check memory usage and key TTLs, then scale the node type."
        },
        # Only replicas report ReplicationLag, and after a failover any node
        # may be one: every node is watched, and a primary's missing data is
        # no breach.
        {
          suffix = "replication-lag", when = length(local.redis_nodes) > 1, window = "15 minutes", metric_name = "ReplicationLag", statistic = "Maximum", threshold = local.thresholds.replica_lag_seconds
          text   = "replica more than ${local.thresholds.replica_lag_seconds}s behind the primary for 15 minutes. Runbook: check the primary's write load and network; reads from the reader endpoint are stale meanwhile."
        },
      ]
    }],

    # --- DynamoDB tables (sum over the operations, see dynamodb_operations) --
    [for t in var.dynamodb_table_names : {
      key       = "dynamodb-${trimprefix(t, "${var.name_prefix}-")}", label = "DynamoDB ${t}", service = null
      namespace = "AWS/DynamoDB", dimensions = { TableName = t }
      alarms = [
        {
          suffix = "throttles", window = "twice in 15 minutes", threshold = local.thresholds.dynamodb_throttled_requests
          text   = "more than ${local.thresholds.dynamodb_throttled_requests} throttled requests in 5 minutes, twice in 15 minutes. Runbook: find the hot partition key (CloudWatch Contributor Insights) and the calling service; on-demand tables throttle on sudden spikes above twice the previous peak."
          math = {
            stat    = "Sum"
            metrics = [for i, op in local.dynamodb_operations : { id = "t${i}", label = op, metric_name = "ThrottledRequests", dimensions = { Operation = op } }]
            id      = "throttled", label = "Throttled requests", expression = join(" + ", [for i, op in local.dynamodb_operations : "FILL(t${i}, 0)"])
          }
        },
        {
          suffix = "system-errors", window = "any 5 minutes", threshold = local.thresholds.dynamodb_system_errors
          text   = "more than ${local.thresholds.dynamodb_system_errors} requests failed with a DynamoDB internal error (HTTP 500) in 5 minutes. Runbook: check the AWS Health Dashboard for DynamoDB in this region; clients retry, so watch the callers' 5xx rate."
          math = {
            stat    = "Sum"
            metrics = [for i, op in local.dynamodb_operations : { id = "e${i}", label = op, metric_name = "SystemErrors", dimensions = { Operation = op } }]
            id      = "errors", label = "System errors", expression = join(" + ", [for i, op in local.dynamodb_operations : "FILL(e${i}, 0)"])
          }
        },
      ]
    }],

    # --- API Gateway (the public REST API's stage) ---------------------------
    [for g in var.api_gateway[*] : {
      key       = "api-gateway", label = "API Gateway ${g.api_name}/${g.stage}", service = null
      namespace = "AWS/ApiGateway", dimensions = { ApiName = g.api_name, Stage = g.stage }
      alarms = [
        # 5XXError's Average is the fraction of requests that failed with 5xx.
        {
          suffix = "5xx-rate", severity = "critical", reduced = true, window = "3 of 5 minutes", metric_name = "5XXError", statistic = "Average", threshold = local.thresholds.api_5xx_rate_percent / 100
          text   = "more than ${local.thresholds.api_5xx_rate_percent}% of requests answered 5xx in 3 of 5 minutes. Runbook: check the execution logs and the integration (VPC link, ALB, the services' 5xx alarms); roll back the last deployment if it is the cause."
        },
        {
          suffix = "p99-latency", window = "3 of 5 minutes", metric_name = "Latency", extended_statistic = "p99", threshold = local.thresholds.api_p99_latency_ms
          text   = "p99 latency above ${local.thresholds.api_p99_latency_ms} ms in 3 of 5 minutes. Runbook: compare Latency with IntegrationLatency; if the integration is slow, follow the services' latency alarms and X-Ray."
        },
      ]
    }],

    # --- NAT gateways (nat-1 is the first in nat_gateway_ids) ----------------
    [for k, id in local.nat_gateways : {
      key       = k, label = "NAT gateway ${k} (${id})", service = null
      namespace = "AWS/NATGateway", dimensions = { NatGatewayId = id }
      alarms = [
        {
          suffix = "port-allocation-errors", window = "any 5 minutes", metric_name = "ErrorPortAllocation", statistic = "Sum", threshold = local.thresholds.nat_port_allocation_errors
          text   = "more than ${local.thresholds.nat_port_allocation_errors} port allocation errors in 5 minutes; outbound connections are failing. Runbook: find the service opening many connections to one destination (VPC flow logs), enable keep-alive or pooling, or add NAT gateways / IPs."
        },
      ]
    }],
  )

  # Every row of the table with its defaults, subject and window filled in.
  alarm_rows = flatten([for s in local.alarm_subjects : [for r in s.alarms : merge(
    local.alarm_defaults,
    { service = s.service, namespace = s.namespace, dimensions = s.dimensions },
    local.alarm_windows[r.window],
    r,
    { key = "${s.key}-${r.suffix}", description = "${s.label}: ${r.text}" },
  )]])

  # The specifications the alarm resource reads, by key. A duplicate key is
  # an error here rather than one alarm silently replacing another.
  all_alarms = { for a in local.alarm_rows : a.key => {
    service             = a.service
    severity            = a.severity
    reduced             = a.reduced
    description         = a.description
    comparison          = a.comparison
    threshold           = a.threshold
    period              = a.period
    evaluation_periods  = a.evaluation_periods
    datapoints_to_alarm = a.datapoints_to_alarm
    treat_missing_data  = a.treat_missing_data

    # A metric math alarm names its metrics only in its queries.
    namespace          = a.math == null ? a.namespace : null
    metric_name        = a.math == null ? a.metric_name : null
    dimensions         = a.math == null ? a.dimensions : null
    statistic          = a.math == null ? a.statistic : null
    extended_statistic = a.math == null ? a.extended_statistic : null
    queries = flatten([for m in a.math[*] : concat(
      [for q in m.metrics : {
        id         = q.id, expression = null, label = q.label, return_data = false,
        namespace  = lookup(m, "namespace", a.namespace), metric_name = q.metric_name,
        dimensions = merge(a.dimensions, lookup(q, "dimensions", {})), stat = m.stat, period = a.period
      }],
      [{ id = m.id, expression = m.expression, label = m.label, return_data = true, namespace = null, metric_name = null, dimensions = null, stat = null, period = null }],
    )])
  } if a.when }

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
