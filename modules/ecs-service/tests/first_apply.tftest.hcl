# What the first apply in an empty account needs from this module, beyond
# what the provider schema checks (issue 18): rules that only AWS or an apply
# evaluates. The apply runs use a mock provider, so that every precondition is
# evaluated with known values, as in a real apply, and nothing is created.

provider "aws" {
  region = "ap-southeast-1"
}

mock_provider "aws" {
  alias = "mock"
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
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if s.Sid == "OwnDatabaseUserOnly"] == [
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
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if contains(flatten([s.Action]), "kms:Decrypt") && strcontains(s.Sid, "EcsExec")] == [
      "arn:aws:kms:ap-southeast-1:123456789012:key/55555555-5555-5555-5555-555555555555"
    ]
    error_message = "The task role must decrypt ECS Exec sessions with the cluster's exec key, and only that key."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if contains(flatten([s.Action]), "logs:DescribeLogGroups")] == [
      "arn:aws:logs:ap-southeast-1:123456789012:log-group:*"
    ]
    error_message = "The SSM agent must be able to find the exec log group (and check its encryption) in this account and region."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : "${join(" ", sort(flatten([s.Action])))} on ${s.Resource}" if contains(flatten([s.Action]), "logs:PutLogEvents")] == [
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

  expect_failures = [aws_iam_role_policy.task]
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
    condition     = length([for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s if strcontains(s.Sid, "EcsExec")]) == 0
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
    condition = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : "${join(" ", sort(flatten([s.Action])))} on ${s.Resource}" if s.Sid == "PullGuardDutyRuntimeAgent"] == [
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
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource if s.Sid == "PullGuardDutyRuntimeAgent"] == ["arn:aws:ecr:ap-southeast-1:111122223333:repository/aws-guardduty-agent-fargate"]
    error_message = "An explicit guardduty_agent_repository_arn must be used as given."
  }
}

run "rejects_a_region_whose_guardduty_agent_repository_is_unknown" {
  command = plan

  variables {
    region = "ap-east-9"
  }

  expect_failures = [aws_iam_role_policy.execution]
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
