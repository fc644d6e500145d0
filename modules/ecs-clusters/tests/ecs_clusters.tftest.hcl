# Guarantees of the ECS clusters module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix        = "lookcard-test"
  clusters           = ["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"]
  container_insights = "disabled"
  capacity_strategy  = { fargate_weight = 1, spot_weight = 0 }
  logs = {
    kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    retention_in_days = 365
  }
}

run "exactly_six_clusters_named_lookcard_env_cluster" {
  command = plan

  assert {
    condition = toset([for c in aws_ecs_cluster.this : c.name]) == toset([
      "lookcard-test-core-application", "lookcard-test-composite-application", "lookcard-test-listener",
      "lookcard-test-administrative", "lookcard-test-cronjob", "lookcard-test-supabase",
    ]) && length(aws_ecs_cluster.this) == 6
    error_message = "There must be exactly six clusters, named lookcard-<env>-<cluster>."
  }

  assert {
    condition     = output.clusters["listener"].name == "lookcard-test-listener" && length(output.clusters) == 6
    error_message = "The clusters output must map every short name to its full name, known at plan."
  }

  assert {
    condition     = length(aws_ecs_cluster_capacity_providers.this) == 6 && alltrue([for p in aws_ecs_cluster_capacity_providers.this : p.capacity_providers == toset(["FARGATE", "FARGATE_SPOT"])])
    error_message = "Every cluster must have FARGATE and FARGATE_SPOT attached."
  }
}

run "container_insights_disabled_is_passed_through" {
  command = plan

  assert {
    condition     = alltrue([for c in aws_ecs_cluster.this : c.setting == toset([{ name = "containerInsights", value = "disabled" }])])
    error_message = "Every cluster must carry the containerInsights value asked for (disabled)."
  }
}

run "no_container_insights_log_group_when_disabled" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_log_group.container_insights) == 0
    error_message = "With Container Insights disabled there is no performance log group to pre-create."
  }
}

run "container_insights_log_groups_are_ours_encrypted_and_expiring" {
  command = plan

  variables {
    container_insights = "enabled"
  }

  assert {
    condition = toset([for g in aws_cloudwatch_log_group.container_insights : g.name]) == toset([
      for c in ["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"] :
      "/aws/ecs/containerinsights/lookcard-test-${c}/performance"
    ])
    error_message = "Each cluster's Container Insights log group (/aws/ecs/containerinsights/<cluster>/performance) must be created by us, not left to ECS."
  }

  assert {
    condition = alltrue([for g in aws_cloudwatch_log_group.container_insights :
    g.kms_key_id == var.logs.kms_key_arn && g.retention_in_days == 365])
    error_message = "Container Insights log groups must use the logs key and the environment's retention."
  }
}

run "container_insights_enhanced_in_a_production_like_run" {
  command = plan

  variables {
    container_insights = "enhanced"
    capacity_strategy  = { fargate_base = 2, fargate_weight = 1, spot_weight = 0 }
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
      retention_in_days = 3653
    }
  }

  assert {
    condition     = alltrue([for c in aws_ecs_cluster.this : c.setting == toset([{ name = "containerInsights", value = "enhanced" }])])
    error_message = "Every cluster must carry the containerInsights value asked for (enhanced)."
  }

  assert {
    condition     = aws_cloudwatch_log_group.exec.retention_in_days == 3653
    error_message = "The exec log retention must be the one asked for."
  }
}

run "spot_heavy_strategy_when_weights_ask_for_it" {
  command = plan

  variables {
    capacity_strategy = { fargate_weight = 1, spot_weight = 4 }
  }

  assert {
    condition = alltrue([for p in aws_ecs_cluster_capacity_providers.this : p.default_capacity_provider_strategy == toset([
      { capacity_provider = "FARGATE", base = 1, weight = 1 },
      { capacity_provider = "FARGATE_SPOT", base = 0, weight = 4 },
    ])])
    error_message = "With weights 1:4 every cluster must default to FARGATE base 1 weight 1 and FARGATE_SPOT weight 4."
  }
}

run "no_spot_entry_when_spot_weight_is_zero" {
  command = plan

  assert {
    condition = alltrue([for p in aws_ecs_cluster_capacity_providers.this : p.default_capacity_provider_strategy == toset([
      { capacity_provider = "FARGATE", base = 1, weight = 1 },
    ])])
    error_message = "With spot_weight 0 the default strategy must be FARGATE only (base 1, weight 1)."
  }
}

run "exec_logging_is_encrypted_with_the_given_key" {
  command = plan

  assert {
    condition = alltrue([for c in aws_ecs_cluster.this :
      c.configuration[0].execute_command_configuration[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" &&
      c.configuration[0].execute_command_configuration[0].logging == "OVERRIDE" &&
      c.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_encryption_enabled &&
      c.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name == "/ecs/lookcard-test/exec"
    ])
    error_message = "Every cluster must encrypt exec sessions with the given key and log them, encrypted, to /ecs/<name_prefix>/exec."
  }

  assert {
    condition     = aws_cloudwatch_log_group.exec.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" && output.exec_log_group_name == "/ecs/lookcard-test/exec"
    error_message = "The exec log group must be encrypted with the given key."
  }
}

run "rejects_a_seventh_cluster" {
  command = plan

  variables {
    clusters = ["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase", "web-app"]
  }

  expect_failures = [var.clusters]
}

run "rejects_container_insights_on" {
  command = plan

  variables {
    container_insights = "on"
  }

  expect_failures = [var.container_insights]
}

run "rejects_both_weights_zero" {
  command = plan

  variables {
    capacity_strategy = { fargate_weight = 0, spot_weight = 0 }
  }

  expect_failures = [var.capacity_strategy]
}

run "rejects_retention_not_allowed_by_cloudwatch" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
      retention_in_days = 42
    }
  }

  expect_failures = [var.logs]
}
