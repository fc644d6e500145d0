# Guarantees of the Redis module, planned against the real AWS provider
# schema (endpoints and ARNs are unknown at plan time).

provider "aws" {
  region = "ap-southeast-1"
}

variables {
  name_prefix           = "lookcard-test"
  account_id            = "123456789012"
  region                = "ap-southeast-1"
  subnet_group_name     = "lookcard-test-cache"
  security_group_id     = "sg-0aaaaaaaaaaaaaaa1"
  kms_key_arn           = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
  logs_kms_key_arn      = "arn:aws:kms:ap-southeast-1:123456789012:key/33333333-3333-3333-3333-333333333333"
  log_retention_in_days = 365
  availability_zones    = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
}

run "single_node_without_failover_by_default" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.num_cache_clusters == 1 && aws_elasticache_replication_group.this.preferred_cache_cluster_azs == tolist(["ap-southeast-1a"])
    error_message = "By default there is one node, in the first AZ."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled == false && aws_elasticache_replication_group.this.multi_az_enabled == false
    error_message = "A single node has nothing to fail over to: failover and Multi-AZ must be off."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.engine == "redis" && aws_elasticache_replication_group.this.engine_version == "7.1" && aws_elasticache_replication_group.this.node_type == "cache.t4g.micro"
    error_message = "The default is Redis 7.1 on cache.t4g.micro."
  }

  assert {
    condition     = aws_elasticache_parameter_group.this.family == "redis7" && aws_elasticache_replication_group.this.parameter_group_name == aws_elasticache_parameter_group.this.name
    error_message = "The replication group must use the module's redis7 parameter group."
  }

  assert {
    condition     = can(regex("^lookcard-test-redis7-[0-9a-f]{8}$", aws_elasticache_parameter_group.this.name))
    error_message = "The parameter group is created before the one it replaces (the replication group uses it), and ElastiCache has no name_prefix: its name must carry a hash of what forces a replacement (<name_prefix>-redis7-<hash>), not a fixed name that would collide."
  }
}

run "two_replicas_with_multi_az_span_three_azs_with_failover" {
  command = plan

  variables {
    redis = { replicas = 2, multi_az = true }
  }

  assert {
    condition     = aws_elasticache_replication_group.this.num_cache_clusters == 3
    error_message = "Two replicas make three nodes."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.preferred_cache_cluster_azs == tolist(["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"])
    error_message = "The three nodes must be in the three distinct AZs, primary first."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled == true && aws_elasticache_replication_group.this.multi_az_enabled == true
    error_message = "With replicas and multi_az, automatic failover and Multi-AZ must be on."
  }
}

run "encrypted_at_rest_with_the_data_key_and_tls_required" {
  command = plan

  assert {
    condition     = tobool(aws_elasticache_replication_group.this.at_rest_encryption_enabled) && aws_elasticache_replication_group.this.kms_key_id == var.kms_key_arn
    error_message = "Nodes and snapshots must be encrypted at rest with the data key."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_enabled == true && aws_elasticache_replication_group.this.transit_encryption_mode == "required"
    error_message = "In-transit encryption must be on and required: no plain-text connections."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.auth_token == null
    error_message = "No AUTH token: access goes through RBAC users."
  }
}

run "services_authenticate_as_an_iam_user_in_the_group" {
  command = plan

  assert {
    condition     = aws_elasticache_user.app.authentication_mode[0].type == "iam" && aws_elasticache_user.app.user_id == aws_elasticache_user.app.user_name
    error_message = "The app user must authenticate with IAM (which needs user ID = user name)."
  }

  assert {
    condition     = aws_elasticache_user.app.passwords == null && aws_elasticache_user.app.passwords_wo == null && aws_elasticache_user.default.passwords == null && aws_elasticache_user.default.passwords_wo == null
    error_message = "No user may carry a password."
  }

  assert {
    condition     = aws_elasticache_user_group.this.user_ids == toset(["lookcard-test-default", "lookcard-test-app"])
    error_message = "The user group must hold exactly the replacement default user and the app user."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.user_group_ids == toset(["lookcard-test-redis"])
    error_message = "The replication group must use the module's user group."
  }

  assert {
    condition     = strcontains(aws_elasticache_user.app.access_string, "-@admin") && startswith(aws_elasticache_user.app.access_string, "on ")
    error_message = "The app user is enabled and may not run administrative commands."
  }
}

run "default_user_is_switched_off_and_may_run_nothing" {
  command = plan

  assert {
    condition     = aws_elasticache_user.default.user_name == "default" && aws_elasticache_user.default.access_string == "off -@all"
    error_message = "The default user every connection starts as must be off and allowed no command."
  }

  assert {
    condition     = aws_elasticache_user.default.user_id == "lookcard-test-default" && aws_elasticache_user.default.no_password_required == true && alltrue([for m in aws_elasticache_user.default.authentication_mode : m.type != "password"])
    error_message = "The replacement default user needs no secret: it is off, so no password is set for it."
  }
}

run "slow_and_engine_logs_go_to_encrypted_log_groups_with_retention" {
  command = plan

  assert {
    condition = toset([for l in aws_elasticache_replication_group.this.log_delivery_configuration : "${l.log_type}>${l.destination}"]) == toset([
      "slow-log>/aws/elasticache/lookcard-test/slow-log",
      "engine-log>/aws/elasticache/lookcard-test/engine-log",
    ])
    error_message = "The slow log and the engine log must each go to their own log group."
  }

  assert {
    condition     = alltrue([for l in aws_elasticache_replication_group.this.log_delivery_configuration : l.destination_type == "cloudwatch-logs" && l.log_format == "json"])
    error_message = "Logs must be delivered to CloudWatch Logs as JSON."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.kms_key_id == var.logs_kms_key_arn && g.retention_in_days == 365]) && length(aws_cloudwatch_log_group.this) == 2
    error_message = "Both log groups must be encrypted with the logs key and keep logs for the asked retention."
  }
}

run "no_snapshots_by_default" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.snapshot_retention_limit == 0
    error_message = "Snapshots are off unless asked for."
  }
}

run "snapshots_retained_when_asked" {
  command = plan

  variables {
    redis = { snapshot_retention_days = 7, snapshot_window = "17:00-18:00" }
  }

  assert {
    condition     = aws_elasticache_replication_group.this.snapshot_retention_limit == 7 && aws_elasticache_replication_group.this.snapshot_window == "17:00-18:00"
    error_message = "Snapshots must be kept for the asked number of days, in the asked window."
  }
}

run "minor_versions_upgrade_automatically" {
  command = plan

  assert {
    condition     = tobool(aws_elasticache_replication_group.this.auto_minor_version_upgrade) && aws_elasticache_replication_group.this.maintenance_window == "sun:20:00-sun:21:00"
    error_message = "Minor versions must be upgraded automatically in the maintenance window."
  }
}

run "connect_arns_are_known_at_plan" {
  command = plan

  assert {
    condition = output.connect_arns == [
      "arn:aws:elasticache:ap-southeast-1:123456789012:replicationgroup:lookcard-test-redis",
      "arn:aws:elasticache:ap-southeast-1:123456789012:user:lookcard-test-app",
    ]
    error_message = "connect_arns must be the replication group and the app user, known at plan time."
  }

  assert {
    condition     = output.user_id == "lookcard-test-app" && output.user_name == "lookcard-test-app" && output.port == 6379 && output.replication_group_id == "lookcard-test-redis"
    error_message = "Services connect as lookcard-<env>-app on 6379 to lookcard-<env>-redis."
  }
}

run "data_store_is_tagged_restricted" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.tags["DataClassification"] == "restricted" && aws_elasticache_replication_group.this.tags["Name"] == "lookcard-test-redis"
    error_message = "The replication group must be tagged Name and DataClassification = restricted."
  }
}

# Rejections.

run "rejects_unknown_node_family" {
  command = plan

  variables {
    redis = { node_type = "cache.x1.huge" }
  }

  expect_failures = [var.redis]
}

run "rejects_multi_az_without_replicas" {
  command = plan

  variables {
    redis = { multi_az = true }
  }

  expect_failures = [var.redis]
}

run "rejects_snapshot_retention_of_42_days" {
  command = plan

  variables {
    redis = { snapshot_retention_days = 42 }
  }

  expect_failures = [var.redis]
}

run "rejects_six_replicas" {
  command = plan

  variables {
    redis = { replicas = 6 }
  }

  expect_failures = [var.redis]
}

run "rejects_redis_6" {
  command = plan

  variables {
    redis = { engine_version = "6.2" }
  }

  expect_failures = [var.redis]
}

run "rejects_more_nodes_than_azs" {
  command = plan

  variables {
    availability_zones = ["ap-southeast-1a", "ap-southeast-1b"]
    redis              = { replicas = 2 }
  }

  expect_failures = [aws_elasticache_replication_group.this]
}

run "rejects_log_retention_cloudwatch_does_not_offer" {
  command = plan

  variables {
    log_retention_in_days = 100
  }

  expect_failures = [var.log_retention_in_days]
}
