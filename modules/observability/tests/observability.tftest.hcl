# Guarantees of the observability module, planned against the real AWS
# provider schema. One run per guarantee; the negative runs prove the inputs
# that must be refused are refused. Topic ARNs are built from known parts, so
# alarm actions are assertable without mocks.

provider "aws" {
  region = "ap-southeast-1"
}

# --- Alarms --------------------------------------------------------------------

run "every_service_has_cpu_and_memory_alarms" {
  command = plan

  assert {
    condition = alltrue(flatten([for n in ["card-api", "user-api", "crypto-listener"] : [
      aws_cloudwatch_metric_alarm.this["${n}-cpu"].metric_name == "CPUUtilization",
      aws_cloudwatch_metric_alarm.this["${n}-memory"].metric_name == "MemoryUtilization",
      aws_cloudwatch_metric_alarm.this["${n}-cpu"].namespace == "AWS/ECS",
      aws_cloudwatch_metric_alarm.this["${n}-cpu"].dimensions == tomap({ ClusterName = var.services[n].cluster_name, ServiceName = var.services[n].service_name }),
    ]]))
    error_message = "Every long-running service must have CPU and memory alarms on AWS/ECS ClusterName/ServiceName."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["card-api-cpu"].threshold == 80 && aws_cloudwatch_metric_alarm.this["card-api-memory"].threshold == 85
    error_message = "Default thresholds are 80% CPU and 85% memory."
  }
}

run "every_exposed_service_has_5xx_rate_and_p99_latency_alarms" {
  command = plan

  assert {
    condition = toset([for k, a in aws_cloudwatch_metric_alarm.this : k if endswith(k, "-5xx-rate") || endswith(k, "-p99-latency")]) == toset([
      "card-api-5xx-rate", "card-api-p99-latency", "user-api-5xx-rate", "user-api-p99-latency",
      "api-gateway-5xx-rate", "api-gateway-p99-latency",
    ])
    error_message = "Exactly the exposed services (and the API) must have 5xx and latency alarms."
  }

  assert {
    condition = (
      [for q in aws_cloudwatch_metric_alarm.this["card-api-5xx-rate"].metric_query : q.expression if q.return_data] == ["IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"] &&
      toset([for q in aws_cloudwatch_metric_alarm.this["card-api-5xx-rate"].metric_query : q.metric[0].metric_name if !q.return_data]) == toset(["HTTPCode_Target_5XX_Count", "RequestCount"]) &&
      alltrue([for q in aws_cloudwatch_metric_alarm.this["card-api-5xx-rate"].metric_query : q.metric[0].dimensions == tomap({ LoadBalancer = "app/lookcard-test/0123456789abcdef", TargetGroup = "targetgroup/lookcard-test-card-api/0123456789abcdef" }) if !q.return_data]) &&
      aws_cloudwatch_metric_alarm.this["card-api-5xx-rate"].threshold == 5
    )
    error_message = "The 5xx alarm must be the rate 100 * target 5xx / requests of the service's target group, against 5%."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["card-api-p99-latency"].metric_name == "TargetResponseTime" &&
      aws_cloudwatch_metric_alarm.this["card-api-p99-latency"].extended_statistic == "p99" &&
      aws_cloudwatch_metric_alarm.this["card-api-p99-latency"].threshold == 2
    )
    error_message = "The latency alarm must watch the target group's p99 TargetResponseTime against 2 s."
  }
}

run "every_alarm_notifies_its_severity_topic_and_has_a_runbook" {
  command = plan

  assert {
    condition = alltrue([for a in aws_cloudwatch_metric_alarm.this :
      length(a.alarm_actions) == 1 && a.alarm_actions == a.ok_actions &&
      contains(values(output.topic_arns), one(a.alarm_actions)) &&
      one(a.alarm_actions) == output.topic_arns[a.tags["Severity"]]
    ])
    error_message = "Every alarm must notify (alarm and OK) exactly the SNS alert topic of its severity."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : strcontains(a.alarm_description, "Runbook: ") && length(a.alarm_description) <= 1024])
    error_message = "Every alarm description must carry a runbook hint (\"Runbook: ...\") and fit CloudWatch's 1024 characters."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : contains(["breaching", "notBreaching", "missing"], a.treat_missing_data)])
    error_message = "Every alarm must say how missing data is treated."
  }

  assert {
    condition     = output.topic_arns == { critical = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-critical", warning = "arn:aws:sns:ap-southeast-1:123456789012:lookcard-test-alerts-warning" }
    error_message = "The alert topics are <name_prefix>-alerts-critical and -warning."
  }
}

run "critical_alarms_are_the_customer_facing_ones" {
  command = plan

  assert {
    condition = toset([for k, a in aws_cloudwatch_metric_alarm.this : k if a.tags["Severity"] == "critical"]) == toset([
      "card-api-running-tasks", "user-api-running-tasks", "crypto-listener-running-tasks",
      "card-api-5xx-rate", "user-api-5xx-rate", "api-gateway-5xx-rate",
      "aurora-cpu", "settlement-job-dead-letters",
    ])
    error_message = "Critical alarms are running tasks below desired, 5xx rates, Aurora CPU and failed scheduled jobs; the rest are warnings."
  }
}

# The topics, their encryption, policy and subscriptions are the alert-topics
# module's and asserted by its own tests (modules/alert-topics/tests); here
# only the wiring: the nested module builds this environment's topics and
# every alarm notifies them.

run "alert_topics_are_this_environments_nested_module" {
  command = plan

  assert {
    condition     = output.topic_arns == module.alert_topics.topic_arns && output.topic_names == module.alert_topics.topic_names
    error_message = "topic_arns and topic_names are the nested alert-topics module's."
  }

  assert {
    condition     = output.topic_names == { critical = "lookcard-test-alerts-critical", warning = "lookcard-test-alerts-warning" }
    error_message = "The nested module gets this module's name_prefix: topics are <name_prefix>-alerts-critical and -warning."
  }

  assert {
    condition     = alltrue([for a in values(output.topic_arns) : startswith(a, "arn:aws:sns:ap-southeast-1:123456789012:")])
    error_message = "The nested module gets this module's partition, region and account: the topics are this environment's."
  }
}

run "alert_topics_follow_the_region_and_account" {
  command = plan

  variables {
    region     = "eu-west-1"
    account_id = "210987654321"
    alerting = {
      kms_key_arn = "arn:aws:kms:eu-west-1:210987654321:key/11111111-1111-1111-1111-111111111111"
    }
  }

  assert {
    condition     = output.topic_arns["critical"] == "arn:aws:sns:eu-west-1:210987654321:lookcard-test-alerts-critical"
    error_message = "The topics' region and account come from this module's region and account_id."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : one(a.alarm_actions) == output.topic_arns[a.tags["Severity"]]])
    error_message = "Alarms notify the topics of their own region and account."
  }
}

run "full_monitoring" {
  command = plan

  assert {
    condition     = length(output.alarm_names) == length(aws_cloudwatch_metric_alarm.this) && contains(output.alarm_names, "lookcard-test-card-api-cpu")
    error_message = "alarm_names must list every alarm as <name_prefix>-<alarm>."
  }

  # 3 long-running services (5 + 5 + 3), 1 job, Aurora 5, RDS Proxy 2,
  # Redis 2 nodes x 4, DynamoDB 2 tables x 2, API Gateway 2, NAT 2.
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 37
    error_message = "Full monitoring of the test environment is 37 alarms."
  }
}

run "reduced_monitoring_creates_fewer_alarms_and_only_critical_ones" {
  command = plan

  variables {
    monitoring = { level = "reduced" }
  }

  assert {
    condition     = length(output.alarm_names) < 37 && alltrue([for a in aws_cloudwatch_metric_alarm.this : a.tags["Severity"] == "critical"])
    error_message = "Reduced monitoring must create fewer alarms than full monitoring (37), all of them critical."
  }

  assert {
    condition = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset([
      "card-api-running-tasks", "user-api-running-tasks", "crypto-listener-running-tasks",
      "card-api-5xx-rate", "user-api-5xx-rate", "api-gateway-5xx-rate", "aurora-cpu",
    ])
    error_message = "Reduced monitoring keeps exactly running tasks below desired, the 5xx rates and Aurora CPU."
  }
}

run "running_tasks_compare_container_insights_with_desired" {
  command = plan

  assert {
    condition = (
      toset([for q in aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].metric_query : q.metric[0].metric_name if !q.return_data]) == toset(["RunningTaskCount", "DesiredTaskCount"]) &&
      alltrue([for q in aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].metric_query : q.metric[0].namespace == "ECS/ContainerInsights" if !q.return_data]) &&
      [for q in aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].metric_query : q.expression if q.return_data] == ["IF(desired < 2, desired, 2) - running"] &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].treat_missing_data == "breaching"
    )
    error_message = "With Container Insights the alarm fires when RunningTaskCount stays below the desired count (capped at the baseline); no data is a breach."
  }
}

run "running_tasks_count_cpu_samples_without_container_insights" {
  command = plan

  variables {
    container_insights = false
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].namespace == "AWS/ECS" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].metric_name == "CPUUtilization" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].statistic == "SampleCount" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].comparison_operator == "LessThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].threshold == 2 &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].treat_missing_data == "breaching"
    )
    error_message = "Without Container Insights the alarm counts the tasks reporting CPUUtilization against desired; no data (no task) is a breach."
  }

  assert {
    condition     = !strcontains(aws_cloudwatch_dashboard.this["lookcard-test-core-application"].dashboard_body, "ContainerInsights")
    error_message = "Without Container Insights no dashboard may graph its metrics."
  }
}

run "running_tasks_do_not_page_at_night_where_services_scale_to_zero" {
  command = plan

  variables {
    container_insights = false
    services = {
      card-api = {
        cluster_name   = "lookcard-test-core-application", service_name = "lookcard-test-card-api", kind = "api",
        exposed        = true, desired = 2, target_group_arn_suffix = "targetgroup/lookcard-test-card-api/0123456789abcdef",
        scales_to_zero = true
      }
      crypto-listener = {
        cluster_name = "lookcard-test-listener", service_name = "lookcard-test-crypto-listener", kind = "listener",
        exposed      = false, desired = 1
      }
    }
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].treat_missing_data == "notBreaching"
    error_message = "A service scheduled to scale to zero reports no CPU samples at night: without Container Insights its running-task alarm must treat missing data as no breach, or it pages a critical alarm every night."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].comparison_operator == "LessThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].threshold == 2 &&
      one(aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].alarm_actions) == output.topic_arns["critical"]
    )
    error_message = "While tasks report, fewer than desired still raises the critical alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["crypto-listener-running-tasks"].treat_missing_data == "breaching"
    error_message = "A service that always runs still treats no data (no task at all) as a breach."
  }
}

run "running_tasks_with_container_insights_do_not_page_at_night_either" {
  command = plan

  variables {
    services = {
      card-api = {
        cluster_name   = "lookcard-test-core-application", service_name = "lookcard-test-card-api", kind = "api",
        exposed        = true, desired = 2, target_group_arn_suffix = "targetgroup/lookcard-test-card-api/0123456789abcdef",
        scales_to_zero = true
      }
    }
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["card-api-running-tasks"].treat_missing_data == "notBreaching"
    error_message = "A service scheduled to scale to zero must not breach on missing data at night."
  }
}

run "jobs_get_no_service_alarms_but_a_dead_letter_alarm" {
  command = plan

  assert {
    condition     = length([for k in keys(aws_cloudwatch_metric_alarm.this) : k if startswith(k, "settlement-job-")]) == 1
    error_message = "A job has no ECS service: its only alarm is its dead-letter queue."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["settlement-job-dead-letters"].namespace == "AWS/SQS" &&
      aws_cloudwatch_metric_alarm.this["settlement-job-dead-letters"].metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.this["settlement-job-dead-letters"].dimensions == tomap({ QueueName = "lookcard-test-settlement-job-dlq" }) &&
      aws_cloudwatch_metric_alarm.this["settlement-job-dead-letters"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["settlement-job-dead-letters"].threshold == 0
    )
    error_message = "A job alarms as soon as its scheduler dead-letter queue holds a message."
  }
}

run "aurora_alarms_with_replica_lag_only_with_readers" {
  command = plan

  assert {
    condition = toset([for k in keys(aws_cloudwatch_metric_alarm.this) : k if startswith(k, "aurora-")]) == toset([
      "aurora-cpu", "aurora-acu", "aurora-connections", "aurora-freeable-memory", "aurora-replica-lag",
    ])
    error_message = "Aurora must have CPU, ACU, connections and freeable-memory alarms, and replica lag with readers."
  }

  assert {
    condition = (
      [for q in aws_cloudwatch_metric_alarm.this["aurora-acu"].metric_query : q.expression if q.return_data] == ["100 * acu / 8"] &&
      [for q in aws_cloudwatch_metric_alarm.this["aurora-acu"].metric_query : q.metric[0].metric_name if !q.return_data] == ["ServerlessDatabaseCapacity"] &&
      aws_cloudwatch_metric_alarm.this["aurora-acu"].threshold == 90
    )
    error_message = "The ACU alarm must be ServerlessDatabaseCapacity as a percent of max_capacity, against 90%."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["aurora-replica-lag"].metric_name == "AuroraReplicaLag" && aws_cloudwatch_metric_alarm.this["aurora-replica-lag"].threshold == 30000
    error_message = "AuroraReplicaLag is in milliseconds: 30 s is 30000."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["rds-proxy-auth-failures"].metric_name == "ClientConnectionsSetupFailedAuth" &&
      aws_cloudwatch_metric_alarm.this["rds-proxy-database-connection-failures"].metric_name == "DatabaseConnectionsSetupFailed" &&
      aws_cloudwatch_metric_alarm.this["rds-proxy-auth-failures"].dimensions == tomap({ ProxyName = "lookcard-test-proxy" })
    )
    error_message = "RDS Proxy must alarm on failed client authentication and failed database connections."
  }
}

run "no_replica_lag_alarms_without_replicas" {
  command = plan

  variables {
    aurora = { cluster_identifier = "lookcard-test-aurora", max_capacity = 8 }
    redis  = { replication_group_id = "lookcard-test-redis" }
  }

  assert {
    condition     = length([for k in keys(aws_cloudwatch_metric_alarm.this) : k if strcontains(k, "replica-lag") || strcontains(k, "replication-lag")]) == 0
    error_message = "Without Aurora readers or Redis replicas there is no lag to watch."
  }
}

run "redis_alarms_per_node" {
  command = plan

  assert {
    condition = toset([for k in keys(aws_cloudwatch_metric_alarm.this) : k if startswith(k, "redis-")]) == toset(flatten([
      for n in ["001", "002"] : [for m in ["engine-cpu", "memory", "evictions", "replication-lag"] : "redis-${n}-${m}"]
    ]))
    error_message = "Every Redis node must have engine CPU, memory, evictions and (with replicas) replication lag alarms."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["redis-002-engine-cpu"].dimensions == tomap({ CacheClusterId = "lookcard-test-redis-002" }) &&
      aws_cloudwatch_metric_alarm.this["redis-001-memory"].metric_name == "DatabaseMemoryUsagePercentage" &&
      aws_cloudwatch_metric_alarm.this["redis-001-evictions"].threshold == 100 &&
      aws_cloudwatch_metric_alarm.this["redis-001-engine-cpu"].threshold == 75
    )
    error_message = "Redis alarms watch each member cluster (<replication group>-00N) with the default thresholds."
  }
}

run "dynamodb_api_gateway_and_nat_alarms" {
  command = plan

  assert {
    condition = toset([for k in keys(aws_cloudwatch_metric_alarm.this) : k if startswith(k, "dynamodb-")]) == toset([
      "dynamodb-card-api-idempotency-keys-throttles", "dynamodb-card-api-idempotency-keys-system-errors",
      "dynamodb-crypto-listener-chain-cursors-throttles", "dynamodb-crypto-listener-chain-cursors-system-errors",
    ])
    error_message = "Every table must have a throttled-requests and a system-errors alarm."
  }

  assert {
    condition = (
      length([for q in aws_cloudwatch_metric_alarm.this["dynamodb-card-api-idempotency-keys-throttles"].metric_query : q if !q.return_data]) == 10 &&
      alltrue([for q in aws_cloudwatch_metric_alarm.this["dynamodb-card-api-idempotency-keys-throttles"].metric_query : q.metric[0].metric_name == "ThrottledRequests" && q.metric[0].dimensions["TableName"] == "lookcard-test-card-api-idempotency-keys" if !q.return_data])
    )
    error_message = "The throttle alarm sums ThrottledRequests of the table over the (at most 10) data-plane operations."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["api-gateway-5xx-rate"].metric_name == "5XXError" &&
      aws_cloudwatch_metric_alarm.this["api-gateway-5xx-rate"].threshold == 0.05 &&
      aws_cloudwatch_metric_alarm.this["api-gateway-p99-latency"].extended_statistic == "p99" &&
      aws_cloudwatch_metric_alarm.this["api-gateway-p99-latency"].threshold == 2000
    )
    error_message = "API Gateway must alarm on its 5xx rate (5XXError average, 5%) and p99 Latency (2000 ms)."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["nat-1-port-allocation-errors"].dimensions == tomap({ NatGatewayId = "nat-0123456789abcdef0" }) &&
      aws_cloudwatch_metric_alarm.this["nat-2-port-allocation-errors"].dimensions == tomap({ NatGatewayId = "nat-0123456789abcdef1" }) &&
      aws_cloudwatch_metric_alarm.this["nat-1-port-allocation-errors"].metric_name == "ErrorPortAllocation"
    )
    error_message = "Every NAT gateway must have a port allocation error alarm."
  }
}

run "no_data_tier_alarms_without_data_tier_inputs" {
  command = plan

  variables {
    aurora               = null
    rds_proxy_name       = null
    redis                = null
    dynamodb_table_names = []
    api_gateway          = null
    nat_gateway_ids      = []
  }

  assert {
    condition     = length([for k in keys(aws_cloudwatch_metric_alarm.this) : k if length(regexall("^(aurora|rds-proxy|redis|dynamodb|api-gateway|nat)-", k)) > 0]) == 0
    error_message = "Alarms exist only for the parts the inputs name."
  }
}

run "thresholds_pass_through" {
  command = plan

  variables {
    monitoring = {
      level      = "full"
      thresholds = { cpu_percent = 70, alb_5xx_rate_percent = 2, aurora_connections = 900, evictions = 0 }
    }
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["card-api-cpu"].threshold == 70 &&
      aws_cloudwatch_metric_alarm.this["card-api-5xx-rate"].threshold == 2 &&
      aws_cloudwatch_metric_alarm.this["aurora-connections"].threshold == 900 &&
      aws_cloudwatch_metric_alarm.this["redis-001-evictions"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["card-api-memory"].threshold == 85
    )
    error_message = "Given thresholds must be used, the others keep their defaults."
  }
}

# --- Dashboards ----------------------------------------------------------------

run "dashboards_overview_and_one_per_cluster_with_widgets_per_service" {
  command = plan

  assert {
    condition = output.dashboard_names == {
      overview                         = "lookcard-test-overview"
      "lookcard-test-core-application" = "lookcard-test-core-application"
      "lookcard-test-listener"         = "lookcard-test-listener"
      "lookcard-test-cronjob"          = "lookcard-test-cronjob"
    }
    error_message = "There must be one overview dashboard and one per ECS cluster."
  }

  assert {
    condition = toset([for w in jsondecode(aws_cloudwatch_dashboard.this["lookcard-test-core-application"].dashboard_body).widgets : w.properties.title if w.type == "metric"]) == toset([
      "card-api: CPU and memory %", "card-api: tasks", "card-api: requests and target 5xx (ALB)", "card-api: p99 target response time (s)",
      "user-api: CPU and memory %", "user-api: tasks", "user-api: requests and target 5xx (ALB)", "user-api: p99 target response time (s)",
    ])
    error_message = "A cluster dashboard must have CPU/memory and task widgets per service, plus traffic and latency for exposed ones."
  }

  assert {
    condition     = [for w in jsondecode(aws_cloudwatch_dashboard.this["lookcard-test-cronjob"].dashboard_body).widgets : w.properties.title if w.type == "metric"] == ["settlement-job: failed invocations in the dead-letter queue"]
    error_message = "A job's widget is its dead-letter queue."
  }

  assert {
    condition = alltrue([for t in [
      "Requests per service (ALB)", "Target 5xx per service (ALB)", "p99 target response time per service (s)",
      "CPU % per service: lookcard-test-core-application", "Memory % per service: lookcard-test-listener",
      "Aurora CPU % and capacity (ACU)", "Redis engine CPU % per node", "API Gateway requests and errors",
    ] : contains([for w in jsondecode(aws_cloudwatch_dashboard.this["overview"].dashboard_body).widgets : try(w.properties.title, "")], t)])
    error_message = "The overview must show traffic, errors, latency, saturation per cluster and the data tier."
  }

  assert {
    condition = alltrue(flatten([for d in aws_cloudwatch_dashboard.this : [
      for w in jsondecode(d.dashboard_body).widgets : w.x + w.width <= 24 && (w.type == "text" || (try(w.properties.region, null) == "ap-southeast-1" && length(try(w.properties.metrics, [])) > 0))
    ]]))
    error_message = "Widgets must fit the 24-column grid and every metric widget must have a region and at least one metric."
  }
}

# --- X-Ray ---------------------------------------------------------------------

run "xray_sampling_rate_passes_through" {
  command = plan

  variables {
    xray = { sampling_rate = 0.25 }
  }

  assert {
    condition     = aws_xray_sampling_rule.this.fixed_rate == 0.25 && aws_xray_sampling_rule.this.reservoir_size == 1
    error_message = "The sampling rule must sample the given fixed rate with a reservoir of one trace a second."
  }

  assert {
    condition     = aws_xray_encryption_config.this[0].type == "NONE" && aws_xray_encryption_config.this[0].key_id == null
    error_message = "Without a key X-Ray keeps its default encryption."
  }
}

run "xray_groups_per_service_and_for_errors" {
  command = plan

  assert {
    condition = (
      aws_xray_group.service["card-api"].filter_expression == "service(\"card-api\")" &&
      length(aws_xray_group.service) == 4 &&
      aws_xray_group.errors.filter_expression == "fault = true OR error = true"
    )
    error_message = "Every service must have an X-Ray group filtering on its name, plus one group of errors and faults."
  }

  assert {
    condition     = length(output.xray_group_names) == 5 && contains(output.xray_group_names, "lookcard-test-card-api")
    error_message = "xray_group_names must list the five groups."
  }
}

run "xray_encrypts_with_the_key_when_given" {
  command = plan

  variables {
    xray = { sampling_rate = 0.05, kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333" }
  }

  assert {
    condition     = aws_xray_encryption_config.this[0].type == "KMS" && aws_xray_encryption_config.this[0].key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333"
    error_message = "With a key, X-Ray must encrypt traces with it."
  }
}

run "previews_leave_the_accounts_xray_encryption_to_the_environment" {
  command = plan

  variables {
    xray = { sampling_rate = 0.05, kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333", manage_encryption = false }
  }

  assert {
    condition     = length(aws_xray_encryption_config.this) == 0
    error_message = "The X-Ray encryption setting is one per account: a stack sharing the account (a sandbox preview) must not manage it, or it overwrites the environment's and resets it on destroy."
  }
}

run "the_environment_manages_the_accounts_xray_encryption_once" {
  command = plan

  assert {
    condition     = length(aws_xray_encryption_config.this) == 1
    error_message = "The environment's own stack manages the account's X-Ray encryption by default."
  }
}

run "names_fit_aws_limits_with_a_long_prefix" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-feature-x1y2"
    services = {
      authentication-api = {
        cluster_name = "lookcard-sandbox-feature-x1y2-core-application", service_name = "lookcard-sandbox-feature-x1y2-authentication-api",
        kind         = "api", exposed = true, desired = 1, target_group_arn_suffix = "targetgroup/lookcard-sbx-authentication/0123456789abcdef"
      }
    }
    clusters = ["lookcard-sandbox-feature-x1y2-core-application"]
  }

  assert {
    condition     = alltrue([for g in concat(values(aws_xray_group.service), [aws_xray_group.errors]) : length(g.group_name) <= 32]) && length(aws_xray_sampling_rule.this.rule_name) <= 32
    error_message = "X-Ray group and sampling rule names must fit 32 characters."
  }

  assert {
    condition     = aws_xray_group.service["authentication-api"].group_name != aws_xray_group.errors.group_name && startswith(aws_xray_group.service["authentication-api"].group_name, substr("lookcard-sandbox-feature-x1y2-authentication-api", 0, 23)) && aws_xray_group.service["authentication-api"].group_name == "lookcard-sandbox-featur-${substr(sha1("lookcard-sandbox-feature-x1y2-authentication-api"), 0, 8)}"
    error_message = "A name too long for X-Ray is its first 23 characters and 8 of its SHA-1, so names stay distinct."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : length(a.alarm_name) <= 255]) && alltrue([for d in aws_cloudwatch_dashboard.this : length(d.dashboard_name) <= 255])
    error_message = "Alarm and dashboard names must fit 255 characters."
  }
}

# --- Inputs that must be refused ---------------------------------------------

run "rejects_a_cpu_threshold_above_100" {
  command = plan

  variables {
    monitoring = { level = "full", thresholds = { cpu_percent = 150 } }
  }

  expect_failures = [var.monitoring]
}

run "rejects_negative_evictions" {
  command = plan

  variables {
    monitoring = { level = "full", thresholds = { evictions = -1 } }
  }

  expect_failures = [var.monitoring]
}

run "rejects_an_unknown_monitoring_level" {
  command = plan

  variables {
    monitoring = { level = "minimal" }
  }

  expect_failures = [var.monitoring]
}

run "rejects_an_sms_subscription" {
  command = plan

  variables {
    alerting = {
      kms_key_arn   = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      subscriptions = { phone = { protocol = "sms", endpoint = "+6590000000", severity = "critical" } }
    }
  }

  expect_failures = [var.alerting]
}

run "rejects_an_email_subscription_to_a_url" {
  command = plan

  variables {
    alerting = {
      kms_key_arn   = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      subscriptions = { oncall = { protocol = "email", endpoint = "https://events.example.com/x", severity = "critical" } }
    }
  }

  expect_failures = [var.alerting]
}

run "rejects_an_unknown_severity" {
  command = plan

  variables {
    alerting = {
      kms_key_arn   = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      subscriptions = { oncall = { protocol = "email", endpoint = "oncall@example.com", severity = "info" } }
    }
  }

  expect_failures = [var.alerting]
}

run "rejects_a_sampling_rate_above_1" {
  command = plan

  variables {
    xray = { sampling_rate = 2 }
  }

  expect_failures = [var.xray]
}

run "rejects_an_exposed_service_without_a_target_group" {
  command = plan

  variables {
    services = {
      card-api = { cluster_name = "lookcard-test-core-application", service_name = "lookcard-test-card-api", kind = "api", exposed = true, desired = 1 }
    }
  }

  expect_failures = [var.services]
}

run "rejects_a_job_without_its_dead_letter_queue" {
  command = plan

  variables {
    services = {
      settlement-job = { cluster_name = "lookcard-test-cronjob", kind = "job", exposed = false, desired = 0 }
    }
  }

  expect_failures = [var.services]
}

run "rejects_exposed_services_without_the_alb" {
  command = plan

  variables {
    alb_arn_suffix = null
  }

  expect_failures = [aws_cloudwatch_metric_alarm.this]
}

run "rejects_a_service_in_an_unlisted_cluster" {
  command = plan

  variables {
    clusters = ["lookcard-test-core-application", "lookcard-test-listener"]
  }

  expect_failures = [aws_cloudwatch_dashboard.this]
}

run "routes_findings_to_the_alert_topics_when_asked" {
  command = plan

  variables {
    alerting = {
      kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      routes      = ["guardduty-high", "securityhub-high", "config-noncompliant", "root-activity"]
    }
  }

  assert {
    condition     = toset(keys(module.alert_topics.route_rule_names)) == toset(["config-noncompliant", "guardduty-high", "root-activity", "securityhub-high"])
    error_message = "alerting.routes must reach the alert-topics module: one EventBridge rule per route."
  }
}
