# Guarantees of the ecs-service module, planned against the real AWS provider
# schema. One run per guarantee; the negative runs prove the inputs that must
# be refused are refused.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed attribute must be known for an assertion: a
# computed attribute that the configuration leaves unset takes these defaults,
# one that the configuration sets keeps its configured value.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:ap-southeast-1:123456789012:lookcard-test-settlement-job-dlq"
    }
  }

  mock_resource "aws_ecs_task_definition" {
    defaults = {
      arn = "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/lookcard-test-settlement-job:1"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/lookcard-test-settlement-job-scheduler"
    }
  }

  mock_resource "aws_service_discovery_service" {
    defaults = {
      arn = "arn:aws:servicediscovery:ap-southeast-1:123456789012:service/srv-0123456789abcdef"
    }
  }
}

variables {
  name_prefix = "lookcard-test"
  account_id  = "123456789012"
  region      = "ap-southeast-1"

  service = {
    name         = "card-api"
    cluster      = "core-application"
    kind         = "api"
    port         = 8080
    health_check = "/health"
    exposure     = "public"
    capacity     = { cpu = 512, memory = 1024, desired = 2, min = 2, max = 6 }
    database     = true
    redis        = true
  }

  cluster = {
    arn  = "arn:aws:ecs:ap-southeast-1:123456789012:cluster/lookcard-test-core-application"
    name = "lookcard-test-core-application"
  }

  network = {
    subnet_ids        = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_group_id = "sg-0123456789abcdef0"
  }

  image = {
    repository_url = "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard/card-api"
    tag            = "3f2c1a9b7d4e"
  }

  logs = {
    kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    retention_in_days = 365
  }

  secrets = {
    "reap-api-key" = { arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/reap-api-key-AbCdEf" }
  }
  secrets_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"

  environment_variables = {
    IDEMPOTENCY_TABLE = "lookcard-test-card-api-idempotency-keys"
    DATABASE_HOST     = "lookcard-test-aurora-proxy.proxy-abcdefghijkl.ap-southeast-1.rds.amazonaws.com"
  }

  permissions = {
    dynamodb_arns             = ["arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-idempotency-keys"]
    kms_key_arns              = ["arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333"]
    rds_db_connect_arn_prefix = "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0"
  }
}

run "task_definition_is_fargate_awsvpc_arm64_with_catalog_capacity" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.this.requires_compatibilities == toset(["FARGATE"]) && aws_ecs_task_definition.this.network_mode == "awsvpc"
    error_message = "The task definition must be Fargate-only with awsvpc networking."
  }

  assert {
    condition     = aws_ecs_task_definition.this.runtime_platform[0].cpu_architecture == "ARM64" && aws_ecs_task_definition.this.runtime_platform[0].operating_system_family == "LINUX"
    error_message = "Tasks run on Linux ARM64 by default."
  }

  assert {
    condition     = aws_ecs_task_definition.this.cpu == "512" && aws_ecs_task_definition.this.memory == "1024"
    error_message = "Task cpu and memory must be the catalog capacity's."
  }

  assert {
    condition     = aws_ecs_task_definition.this.family == "lookcard-test-card-api" && output.task_definition_family == "lookcard-test-card-api"
    error_message = "The family is lookcard-<env>-<service>."
  }
}

run "app_container_has_read_only_root_and_non_root_user" {
  command = plan

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem == true
    error_message = "The app container's root filesystem must be read-only."
  }

  assert {
    condition     = !contains(["", "0", "root"], split(":", jsondecode(aws_ecs_task_definition.this.container_definitions)[0].user)[0])
    error_message = "The app container must run as a non-root user."
  }

  assert {
    condition = (
      contains([for m in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].mountPoints : m.containerPath if m.sourceVolume == "tmp"], "/tmp") &&
      contains([for v in aws_ecs_task_definition.this.volume : v.name], "tmp")
    )
    error_message = "With a read-only root, /tmp must be a writable task volume named tmp."
  }
}

run "image_is_repository_url_and_tag" {
  command = plan

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].image == "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard/card-api:3f2c1a9b7d4e"
    error_message = "The app image must be <repository_url>:<tag>."
  }
}

run "secrets_are_injected_from_secrets_manager_and_never_as_environment" {
  command = plan

  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets == [{
      name      = "REAP_API_KEY"
      valueFrom = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/reap-api-key-AbCdEf"
    }]
    error_message = "Each secret must be injected through secrets as its upper-snake name with valueFrom = the secret ARN."
  }

  assert {
    condition     = !contains([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name], "REAP_API_KEY")
    error_message = "A secret must never appear in the plain environment."
  }

  assert {
    condition     = alltrue([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : !strcontains(e.value, "secretsmanager")])
    error_message = "No environment value may reference a secret."
  }
}

run "xray_sidecar_is_present_read_only_and_non_root" {
  command = plan

  assert {
    condition = anytrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) :
      c.name == "xray-daemon" && c.image == "public.ecr.aws/xray/aws-xray-daemon:3.3.14" && c.readonlyRootFilesystem == true && c.user == "1337" &&
      contains([for p in c.portMappings : "${p.containerPort}/${p.protocol}"], "2000/udp")
    ])
    error_message = "The X-Ray daemon sidecar must be present, read-only, non-root and listening on 2000/udp."
  }

  assert {
    condition     = contains([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : "${e.name}=${e.value}"], "AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000")
    error_message = "The app must send traces to the sidecar."
  }
}

run "logs_go_to_own_kms_encrypted_log_group_with_retention" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_log_group.this.name == "/ecs/lookcard-test/card-api" &&
      aws_cloudwatch_log_group.this.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111" &&
      aws_cloudwatch_log_group.this.retention_in_days == 365
    )
    error_message = "The log group must be /ecs/<prefix>/<service>, encrypted with the logs key and retained as asked."
  }

  assert {
    condition = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) :
      c.logConfiguration.logDriver == "awslogs" && c.logConfiguration.options["awslogs-group"] == "/ecs/lookcard-test/card-api"
    ])
    error_message = "Every container must log through awslogs to the module's log group."
  }

  assert {
    condition     = toset([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.logConfiguration.options["awslogs-stream-prefix"]]) == toset(["app", "xray"])
    error_message = "The app and the sidecar must log under their own stream prefixes."
  }
}

run "no_container_health_check_unless_the_catalog_states_one" {
  command = plan

  assert {
    condition     = try(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck, null) == null
    error_message = "Without a container_health_check in the catalog the container must have no health check (no tool such as curl may be assumed in the image)."
  }
}

run "service_has_no_public_ip_and_rolls_back_failed_deployments" {
  command = plan

  assert {
    condition = (
      aws_ecs_service.this[0].network_configuration[0].assign_public_ip == false &&
      aws_ecs_service.this[0].network_configuration[0].security_groups == toset(["sg-0123456789abcdef0"]) &&
      aws_ecs_service.this[0].network_configuration[0].subnets == toset(["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"])
    )
    error_message = "Tasks must run in the given private subnets with the service's security group and no public IP."
  }

  assert {
    condition     = aws_ecs_service.this[0].deployment_circuit_breaker[0].enable == true && aws_ecs_service.this[0].deployment_circuit_breaker[0].rollback == true
    error_message = "Failed deployments must be stopped and rolled back."
  }

  assert {
    condition     = length(aws_ecs_service.this[0].capacity_provider_strategy) == 0
    error_message = "The service must take the cluster's default capacity provider strategy (neither launch type nor strategy of its own)."
  }

  assert {
    condition = (
      aws_ecs_service.this[0].name == "lookcard-test-card-api" && output.service_name == "lookcard-test-card-api" &&
      aws_ecs_service.this[0].desired_count == 2 && aws_ecs_service.this[0].propagate_tags == "SERVICE" &&
      aws_ecs_service.this[0].health_check_grace_period_seconds == null
    )
    error_message = "Service name, desired count, tag propagation, or grace period (only with a load balancer) is wrong."
  }
}

run "ecs_exec_is_off_by_default" {
  command = plan

  assert {
    condition     = aws_ecs_service.this[0].enable_execute_command == false
    error_message = "ECS Exec must be off unless asked for."
  }

  assert {
    condition     = !strcontains(module.task_role.inline_policies["task"], "ssmmessages")
    error_message = "Without ECS Exec the task role must not open SSM channels."
  }
}

run "ecs_exec_is_on_when_asked_and_adds_only_the_session_permissions" {
  command = plan

  variables {
    enable_execute_command = true
    execute_command_configuration = {
      kms_key_arn    = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      log_group_name = "/ecs/lookcard-test/exec"
    }
  }

  assert {
    condition     = aws_ecs_service.this[0].enable_execute_command == true
    error_message = "ECS Exec must be on when asked for."
  }

  assert {
    condition = toset(flatten([for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Action if strcontains(s.Sid, "EcsExec")])) == toset([
      "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
      "kms:Decrypt", "logs:DescribeLogGroups", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents",
    ])
    error_message = "ECS Exec must add exactly the four ssmmessages channel actions and the session key and log permissions."
  }

  assert {
    condition = alltrue([for s in jsondecode(module.task_role.inline_policies["task"]).Statement :
      alltrue([for a in flatten([s.Action]) : startswith(a, "xray:") || startswith(a, "ssmmessages:")]) if contains(flatten([s.Resource]), "*")
    ])
    error_message = "Only X-Ray and ssmmessages actions may have Resource \"*\"."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem == true
    error_message = "ECS Exec must not turn the root filesystem writable."
  }
}

run "execution_role_reads_exactly_its_secrets_and_decrypts_only_with_the_secrets_key" {
  command = plan

  assert {
    condition = [for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : s.Resource if contains(flatten([s.Action]), "secretsmanager:GetSecretValue")] == [
      ["arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/reap-api-key-AbCdEf"]
    ]
    error_message = "The execution role must read exactly the service's secrets."
  }

  assert {
    condition = [for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : [s.Resource, s.Condition.StringEquals["kms:ViaService"]] if contains(flatten([s.Action]), "kms:Decrypt")] == [
      ["arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222", "secretsmanager.ap-southeast-1.amazonaws.com"]
    ]
    error_message = "The execution role may decrypt only with the secrets key, and only through Secrets Manager."
  }

  assert {
    condition = alltrue([for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement :
      flatten([s.Action]) == ["ecr:GetAuthorizationToken"] if contains(flatten([s.Resource]), "*")
    ])
    error_message = "Only ecr:GetAuthorizationToken may have Resource \"*\" in the execution role."
  }

  assert {
    condition = toset([for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : s.Resource if contains(flatten([s.Action]), "ecr:BatchGetImage")]) == toset([
      "arn:aws:ecr:ap-southeast-1:123456789012:repository/lookcard/card-api",
      "arn:aws:ecr:ap-southeast-1:174946120834:repository/aws-guardduty-agent-fargate",
    ])
    error_message = "The execution role may pull only from the service's own repository and GuardDuty's runtime agent repository."
  }

  assert {
    condition = [for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : s.Resource if contains(flatten([s.Action]), "logs:PutLogEvents")] == [
      "arn:aws:logs:ap-southeast-1:123456789012:log-group:/ecs/lookcard-test/card-api:*"
    ]
    error_message = "The execution role may write only to the service's log group."
  }

  assert {
    condition     = jsondecode(module.execution_role.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "Only ECS tasks of this account may assume the execution role."
  }
}

run "execution_role_omits_secret_statements_without_secrets" {
  command = plan

  variables {
    secrets             = {}
    secrets_kms_key_arn = null
  }

  assert {
    condition     = !strcontains(module.execution_role.inline_policies["execution"], "secretsmanager") && !strcontains(module.execution_role.inline_policies["execution"], "kms:")
    error_message = "Without secrets the execution role must neither read secrets nor decrypt."
  }
}

run "task_role_has_no_wildcard_action_and_no_wildcard_resource_but_xray" {
  command = plan

  assert {
    condition = alltrue([for a in flatten([for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Action]) :
      a != "*" && !endswith(a, ":*")
    ])
    error_message = "The task role must not grant a \"*\" action."
  }

  assert {
    condition = alltrue([for s in jsondecode(module.task_role.inline_policies["task"]).Statement :
      alltrue([for a in flatten([s.Action]) : startswith(a, "xray:")]) if contains(flatten([s.Resource]), "*")
    ])
    error_message = "Only X-Ray statements may have Resource \"*\" in the task role."
  }

  assert {
    condition = toset(flatten([for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if anytrue([for a in flatten([s.Action]) : startswith(a, "dynamodb:")])])) == toset([
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-idempotency-keys",
      "arn:aws:dynamodb:ap-southeast-1:123456789012:table/lookcard-test-card-api-idempotency-keys/stream/*",
    ])
    error_message = "DynamoDB access must be the service's own tables and their streams only."
  }

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if contains(flatten([s.Action]), "kms:Decrypt")] == [
      ["arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333"]
    ]
    error_message = "KMS use must be limited to the service's keys."
  }
}

run "rds_connect_only_as_own_database_user" {
  command = plan

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if contains(flatten([s.Action]), "rds-db:connect")] == [
      "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0/card_api"
    ]
    error_message = "rds-db:connect must be granted only on the service's own database user (its name with - replaced by _)."
  }
}

run "rejects_database_access_for_a_service_without_database" {
  command = plan

  variables {
    service = {
      name         = "card-api"
      cluster      = "core-application"
      kind         = "api"
      port         = 8080
      health_check = "/health"
      exposure     = "public"
      capacity     = { cpu = 512, memory = 1024, desired = 2, min = 2, max = 6 }
      database     = false
      redis        = true
    }
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "autoscaling_follows_capacity_with_cpu_and_memory_policies" {
  command = plan

  assert {
    condition = (
      aws_appautoscaling_target.this[0].min_capacity == 2 && aws_appautoscaling_target.this[0].max_capacity == 6 &&
      aws_appautoscaling_target.this[0].resource_id == "service/lookcard-test-core-application/lookcard-test-card-api"
    )
    error_message = "The scalable target must span capacity.min to capacity.max of this service."
  }

  assert {
    condition = toset([for p in aws_appautoscaling_policy.this : p.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type]) == toset([
      "ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization",
    ])
    error_message = "Without an ALB label the service must track exactly CPU and memory."
  }

  assert {
    condition     = aws_appautoscaling_policy.this["cpu"].target_tracking_scaling_policy_configuration[0].target_value == 60 && aws_appautoscaling_policy.this["memory"].target_tracking_scaling_policy_configuration[0].target_value == 70
    error_message = "Default targets are 60% CPU and 70% memory."
  }
}

run "no_scheduled_scaling_unless_asked" {
  command = plan

  assert {
    condition     = length(aws_appautoscaling_scheduled_action.scale_down) == 0 && length(aws_appautoscaling_scheduled_action.scale_up) == 0
    error_message = "Scheduled scaling must not exist unless asked for."
  }
}

run "scheduled_scaling_scales_to_zero_and_back_when_asked" {
  command = plan

  variables {
    autoscaling = {
      scheduled_scaling = {}
    }
  }

  assert {
    condition = (
      aws_appautoscaling_scheduled_action.scale_down[0].schedule == "cron(0 20 ? * MON-FRI *)" &&
      aws_appautoscaling_scheduled_action.scale_down[0].timezone == "Asia/Singapore" &&
      aws_appautoscaling_scheduled_action.scale_down[0].scalable_target_action[0].min_capacity == "0" &&
      aws_appautoscaling_scheduled_action.scale_down[0].scalable_target_action[0].max_capacity == "0"
    )
    error_message = "Scale-down must take the service to 0/0 at 20:00 Singapore time on weekdays."
  }

  assert {
    condition = (
      aws_appautoscaling_scheduled_action.scale_up[0].schedule == "cron(0 8 ? * MON-FRI *)" &&
      aws_appautoscaling_scheduled_action.scale_up[0].timezone == "Asia/Singapore" &&
      aws_appautoscaling_scheduled_action.scale_up[0].scalable_target_action[0].min_capacity == "2" &&
      aws_appautoscaling_scheduled_action.scale_up[0].scalable_target_action[0].max_capacity == "6"
    )
    error_message = "Scale-up must restore capacity.min/max at 08:00 Singapore time on weekdays."
  }
}

run "load_balancer_with_alb_label_adds_request_count_policy" {
  command = plan

  variables {
    load_balancer = {
      target_group_arn   = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-card-api/0123456789abcdef"
      listener_rule_arn  = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:listener-rule/app/lookcard-test/0123456789abcdef/fedcba9876543210/0011223344556677"
      alb_resource_label = "app/lookcard-test/0123456789abcdef/targetgroup/lookcard-test-card-api/0123456789abcdef"
    }
  }

  assert {
    condition = (
      aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ALBRequestCountPerTarget" &&
      aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].resource_label == "app/lookcard-test/0123456789abcdef/targetgroup/lookcard-test-card-api/0123456789abcdef" &&
      aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].target_value == 500
    )
    error_message = "With an ALB resource label the service must also track requests per target."
  }

  assert {
    condition = [for lb in aws_ecs_service.this[0].load_balancer : [lb.target_group_arn, lb.container_name, lb.container_port]] == [
      ["arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-card-api/0123456789abcdef", "card-api", 8080]
    ]
    error_message = "The app container port must be attached to the target group."
  }

  assert {
    condition     = aws_ecs_service.this[0].health_check_grace_period_seconds == 60
    error_message = "Behind a load balancer the health-check grace period applies."
  }
}

run "service_discovery_registers_multivalue_a_records" {
  # apply: the ARNs compared come from the mock, known at plan only on OpenTofu.
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    service_discovery = { namespace_id = "ns-0123456789abcdef" }
  }

  assert {
    condition = (
      aws_service_discovery_service.this[0].name == "card-api" &&
      aws_service_discovery_service.this[0].dns_config[0].routing_policy == "MULTIVALUE" &&
      aws_service_discovery_service.this[0].dns_config[0].dns_records[0].type == "A" &&
      aws_service_discovery_service.this[0].dns_config[0].dns_records[0].ttl == 10 &&
      length(aws_service_discovery_service.this[0].health_check_custom_config) == 1
    )
    error_message = "Cloud Map registration must be multivalue A records with TTL 10 and ECS-reported health."
  }

  assert {
    condition     = aws_ecs_service.this[0].service_registries[0].registry_arn == aws_service_discovery_service.this[0].arn && output.discovery_name == aws_service_discovery_service.this[0].arn
    error_message = "The service must register its tasks in the Cloud Map service."
  }
}

run "job_runs_on_a_singapore_schedule_with_retries_and_an_encrypted_dlq_and_no_service" {
  # apply: the ARNs compared come from the mock, known at plan only on OpenTofu.
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    service = {
      name     = "settlement-job"
      cluster  = "cronjob"
      kind     = "job"
      exposure = "none"
      schedule = "cron(0 2 * * ? *)"
      capacity = { cpu = 512, memory = 1024, desired = 0, min = 0, max = 1 }
      database = true
      redis    = false
    }
    cluster = {
      arn  = "arn:aws:ecs:ap-southeast-1:123456789012:cluster/lookcard-test-cronjob"
      name = "lookcard-test-cronjob"
    }
    image = {
      repository_url = "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard/settlement-job"
      tag            = "3f2c1a9b7d4e"
    }
    permissions = {
      rds_db_connect_arn_prefix = "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0"
    }
    scheduled_job = {
      dead_letter_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444"
    }
  }

  assert {
    condition     = length(aws_ecs_service.this) == 0 && length(aws_appautoscaling_target.this) == 0 && output.service_name == null
    error_message = "A job must have no ECS service and no autoscaling."
  }

  assert {
    condition = (
      aws_scheduler_schedule.this[0].schedule_expression == "cron(0 2 * * ? *)" &&
      aws_scheduler_schedule.this[0].schedule_expression_timezone == "Asia/Singapore" &&
      aws_scheduler_schedule.this[0].flexible_time_window[0].mode == "OFF" &&
      output.schedule_name == "lookcard-test-settlement-job"
    )
    error_message = "The job must run on its catalog schedule in Asia/Singapore time, without a flexible window."
  }

  assert {
    condition = (
      aws_scheduler_schedule.this[0].target[0].retry_policy[0].maximum_retry_attempts == 2 &&
      aws_scheduler_schedule.this[0].target[0].retry_policy[0].maximum_event_age_in_seconds == 3600 &&
      aws_scheduler_schedule.this[0].target[0].dead_letter_config[0].arn == aws_sqs_queue.dead_letter[0].arn
    )
    error_message = "The schedule must retry and dead-letter failed invocations to the job's queue."
  }

  assert {
    condition = (
      aws_sqs_queue.dead_letter[0].name == "lookcard-test-settlement-job-dlq" &&
      aws_sqs_queue.dead_letter[0].kms_master_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444" &&
      aws_sqs_queue.dead_letter[0].message_retention_seconds == 1209600
    )
    error_message = "The dead-letter queue must be KMS-encrypted with the given key and keep messages 14 days."
  }

  assert {
    condition = (
      aws_scheduler_schedule.this[0].target[0].arn == "arn:aws:ecs:ap-southeast-1:123456789012:cluster/lookcard-test-cronjob" &&
      aws_scheduler_schedule.this[0].target[0].ecs_parameters[0].launch_type == "FARGATE" &&
      aws_scheduler_schedule.this[0].target[0].ecs_parameters[0].task_definition_arn == aws_ecs_task_definition.this.arn &&
      aws_scheduler_schedule.this[0].target[0].ecs_parameters[0].network_configuration[0].assign_public_ip == false
    )
    error_message = "The schedule must run the job's task definition on Fargate in its cluster, without a public IP."
  }

  assert {
    condition = (
      [for s in jsondecode(module.scheduler_role[0].inline_policies["scheduler"]).Statement : [s.Resource, s.Condition.ArnEquals["ecs:cluster"]] if s.Action == "ecs:RunTask"] == [
        ["arn:aws:ecs:ap-southeast-1:123456789012:task-definition/lookcard-test-settlement-job:*", "arn:aws:ecs:ap-southeast-1:123456789012:cluster/lookcard-test-cronjob"]
      ] &&
      [for s in jsondecode(module.scheduler_role[0].inline_policies["scheduler"]).Statement : s.Resource if s.Action == "iam:PassRole"] == [
        ["arn:aws:iam::123456789012:role/lookcard-test-settlement-job-execution", "arn:aws:iam::123456789012:role/lookcard-test-settlement-job-task"]
      ]
    )
    error_message = "The scheduler may run only this family in this cluster and pass only the job's two roles."
  }

  assert {
    condition     = !contains(flatten([for s in jsondecode(module.scheduler_role[0].inline_policies["scheduler"]).Statement : s.Resource]), "*")
    error_message = "The scheduler role must not have a \"*\" resource."
  }
}

# --- Inputs that must be refused ---------------------------------------------

run "rejects_a_secret_looking_environment_variable" {
  command = plan

  variables {
    environment_variables = {
      DB_PASSWORD = "hunter2"
    }
  }

  expect_failures = [var.environment_variables]
}

run "rejects_an_image_tag_with_spaces_or_symbols" {
  command = plan

  variables {
    image = {
      repository_url = "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard/card-api"
      tag            = "bad tag!"
    }
  }

  expect_failures = [var.image]
}

run "rejects_a_cpu_target_above_100" {
  command = plan

  variables {
    autoscaling = {
      cpu_target = 150
    }
  }

  expect_failures = [var.autoscaling]
}

run "rejects_a_job_without_scheduled_job" {
  command = plan

  variables {
    service = {
      name     = "settlement-job"
      cluster  = "cronjob"
      kind     = "job"
      exposure = "none"
      schedule = "cron(0 2 * * ? *)"
      capacity = { cpu = 512, memory = 1024, desired = 0, min = 0, max = 1 }
      database = true
      redis    = false
    }
    permissions = {}
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_a_log_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
      retention_in_days = 42
    }
  }

  expect_failures = [var.logs]
}

run "rejects_an_environment_variable_that_shadows_a_secret" {
  command = plan

  variables {
    secrets = {
      "webhook-signing-key" = { arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/app/webhook-signing-key-AbCdEf" }
    }
    environment_variables = {
      WEBHOOK_SIGNING_KEY = "plain-text-value"
    }
  }

  expect_failures = [aws_ecs_task_definition.this]
}

# --- First apply in an empty account (issue 18) ------------------------------
# Rules that only AWS or an apply evaluates. The apply runs use the mock
# provider, so every precondition is evaluated with known values, as in a real
# apply, and nothing is created.

# --- Database user: one form, the PostgreSQL identifier --------------------

# The proxy's ARN is unknown at plan time, so only an apply evaluates the task
# policy's preconditions: this run applies with the real service name
# (card-api) and its real database user (card_api).
run "database_user_is_the_underscore_form_and_the_apply_accepts_it" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = output.database_user == "card_api"
    error_message = "The database user of card-api is card_api (a PostgreSQL identifier: - becomes _)."
  }

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if s.Sid == "OwnDatabaseUserOnly"] == [
      "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0/card_api"
    ]
    error_message = "rds-db:connect must be granted on <proxy prefix>/card_api, the user the service logs in as."
  }

  assert {
    condition     = contains([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : "${e.name}=${e.value}"], "DATABASE_USER=card_api")
    error_message = "DATABASE_USER must be the same user the task role may connect as."
  }
}

run "rejects_a_database_user_set_outside_the_module" {
  command = plan

  variables {
    environment_variables = {
      DATABASE_USER = "card-api"
    }
  }

  expect_failures = [aws_ecs_task_definition.this]
}

# --- Target group before listener rule --------------------------------------

run "service_and_request_policy_reference_the_listener_rule_and_apply" {
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    load_balancer = {
      target_group_arn   = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-card-api/0123456789abcdef"
      listener_rule_arn  = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:listener-rule/app/lookcard-test/0123456789abcdef/fedcba9876543210/0011223344556677"
      alb_resource_label = "app/lookcard-test/0123456789abcdef/targetgroup/lookcard-test-card-api/0123456789abcdef"
    }
  }

  assert {
    condition     = aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ALBRequestCountPerTarget"
    error_message = "Behind the ALB the service must scale on requests per target once the listener rule exists."
  }

  assert {
    condition     = length(aws_ecs_service.this[0].load_balancer) == 1
    error_message = "The service must attach its container port to the target group."
  }
}

run "rejects_a_target_group_without_its_listener_rule" {
  command = plan

  variables {
    load_balancer = {
      target_group_arn   = "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/lookcard-test-card-api/0123456789abcdef"
      alb_resource_label = "app/lookcard-test/0123456789abcdef/targetgroup/lookcard-test-card-api/0123456789abcdef"
    }
  }

  expect_failures = [var.load_balancer]
}

# --- ECS Exec with the cluster's encrypted, logged configuration ------------

run "ecs_exec_task_role_may_decrypt_find_and_write_the_session_log" {
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    enable_execute_command = true
    execute_command_configuration = {
      kms_key_arn    = "arn:aws:kms:ap-southeast-1:123456789012:key/55555555-5555-5555-5555-555555555555"
      log_group_name = "/ecs/lookcard-test/exec"
    }
  }

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if contains(flatten([s.Action]), "kms:Decrypt") && strcontains(s.Sid, "EcsExec")] == [
      "arn:aws:kms:ap-southeast-1:123456789012:key/55555555-5555-5555-5555-555555555555"
    ]
    error_message = "The task role must decrypt ECS Exec sessions with the cluster's exec key, and only that key."
  }

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s.Resource if contains(flatten([s.Action]), "logs:DescribeLogGroups")] == [
      "arn:aws:logs:ap-southeast-1:123456789012:log-group:*"
    ]
    error_message = "The SSM agent must be able to find the exec log group (and check its encryption) in this account and region."
  }

  assert {
    condition = [for s in jsondecode(module.task_role.inline_policies["task"]).Statement : "${join(" ", sort(flatten([s.Action])))} on ${s.Resource}" if contains(flatten([s.Action]), "logs:PutLogEvents")] == [
      "logs:CreateLogStream logs:DescribeLogStreams logs:PutLogEvents on arn:aws:logs:ap-southeast-1:123456789012:log-group:/ecs/lookcard-test/exec:*"
    ]
    error_message = "The task role must write session logs to the cluster's exec log group only."
  }
}

run "rejects_ecs_exec_without_the_cluster_exec_configuration" {
  command = plan

  variables {
    enable_execute_command = true
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "no_exec_permissions_when_exec_is_off" {
  command = plan

  variables {
    execute_command_configuration = {
      kms_key_arn    = "arn:aws:kms:ap-southeast-1:123456789012:key/55555555-5555-5555-5555-555555555555"
      log_group_name = "/ecs/lookcard-test/exec"
    }
  }

  assert {
    condition     = length([for s in jsondecode(module.task_role.inline_policies["task"]).Statement : s if strcontains(s.Sid, "EcsExec")]) == 0
    error_message = "With ECS Exec off the task role must hold no exec permission."
  }
}

# --- GuardDuty Runtime Monitoring agent ------------------------------------

run "execution_role_may_pull_the_guardduty_agent_in_singapore" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = [for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : "${join(" ", sort(flatten([s.Action])))} on ${s.Resource}" if s.Sid == "PullGuardDutyRuntimeAgent"] == [
      "ecr:BatchCheckLayerAvailability ecr:BatchGetImage ecr:GetDownloadUrlForLayer on arn:aws:ecr:ap-southeast-1:174946120834:repository/aws-guardduty-agent-fargate"
    ]
    error_message = "The execution role must pull GuardDuty's Fargate agent from its ap-southeast-1 repository (174946120834/aws-guardduty-agent-fargate), and nothing else of that account."
  }
}

run "guardduty_agent_repository_can_be_given" {
  command = plan

  variables {
    guardduty_agent_repository_arn = "arn:aws:ecr:ap-southeast-1:111122223333:repository/aws-guardduty-agent-fargate"
  }

  assert {
    condition     = [for s in jsondecode(module.execution_role.inline_policies["execution"]).Statement : s.Resource if s.Sid == "PullGuardDutyRuntimeAgent"] == ["arn:aws:ecr:ap-southeast-1:111122223333:repository/aws-guardduty-agent-fargate"]
    error_message = "An explicit guardduty_agent_repository_arn must be used as given."
  }
}

run "rejects_a_region_whose_guardduty_agent_repository_is_unknown" {
  command = plan

  variables {
    region = "ap-east-9"
  }

  expect_failures = [aws_ecs_task_definition.this]
}

# --- Container health check: only what the catalog states ------------------

run "container_health_check_runs_the_catalog_command_without_a_shell" {
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    service = {
      name                   = "card-api"
      cluster                = "core-application"
      kind                   = "api"
      port                   = 8080
      health_check           = "/health"
      container_health_check = "CMD /app/healthcheck http://localhost:8080/health"
      exposure               = "public"
      capacity               = { cpu = 512, memory = 1024, desired = 2, min = 2, max = 6 }
      database               = true
      redis                  = true
    }
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command == ["CMD", "/app/healthcheck", "http://localhost:8080/health"]
    error_message = "A CMD health check must run the catalog's executable directly (exec form, no shell)."
  }
}

run "container_health_check_may_use_a_shell_when_the_catalog_says_so" {
  command = plan

  variables {
    service = {
      name                   = "card-api"
      cluster                = "core-application"
      kind                   = "api"
      port                   = 8080
      health_check           = "/health"
      container_health_check = "CMD-SHELL wget -q -O /dev/null http://localhost:8080/health || exit 1"
      exposure               = "public"
      capacity               = { cpu = 512, memory = 1024, desired = 2, min = 2, max = 6 }
      database               = true
      redis                  = true
    }
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command == ["CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/health || exit 1"]
    error_message = "A CMD-SHELL health check must pass the catalog's command line to the shell unchanged."
  }
}

run "rejects_a_bare_health_check_command" {
  command = plan

  variables {
    service = {
      name                   = "card-api"
      cluster                = "core-application"
      kind                   = "api"
      port                   = 8080
      health_check           = "/health"
      container_health_check = "curl -f http://localhost:8080/health"
      exposure               = "public"
      capacity               = { cpu = 512, memory = 1024, desired = 2, min = 2, max = 6 }
      database               = true
      redis                  = true
    }
  }

  expect_failures = [var.service]
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.execution_role.permissions_boundary_arn == var.permissions_boundary_arn && module.task_role.permissions_boundary_arn == var.permissions_boundary_arn && alltrue([for r in module.scheduler_role : r.permissions_boundary_arn == var.permissions_boundary_arn])
    error_message = "Every role of the module must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
