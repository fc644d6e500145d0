# Guarantees of the Aurora PostgreSQL module, planned against the real AWS
# provider schema (computed values such as ARNs and endpoints are unknown).

provider "aws" {
  region = "ap-southeast-1"
}

# For the one run that needs terraform_data's value (a mocked apply).
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_rds_cluster" {
    defaults = {
      master_user_secret = [{
        secret_arn    = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!cluster-0123-AbCdEf"
        kms_key_id    = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
        secret_status = "active"
      }]
    }
  }

  mock_resource "aws_db_proxy" {
    defaults = {
      arn = "arn:aws:rds:ap-southeast-1:123456789012:db-proxy:prx-0123456789abcdef0"
    }
  }
}

run "engine_is_aurora_postgresql_16_provisioned_serverless" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.engine == "aurora-postgresql" && aws_rds_cluster.this.engine_mode == "provisioned"
    error_message = "The cluster must be Aurora PostgreSQL in provisioned (Serverless v2) mode."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.instance_class == "db.serverless" && i.engine == "aurora-postgresql"])
    error_message = "Every instance must be a db.serverless Aurora PostgreSQL instance."
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql16"
    error_message = "The cluster parameter group must be of family aurora-postgresql16."
  }
}

run "capacity_defaults_to_half_to_eight_acu" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0.5 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity == 8
    error_message = "Serverless v2 capacity must default to 0.5-8 ACU."
  }
}

run "capacity_is_passed_through" {
  command = plan

  variables {
    cluster = { min_capacity = 2, max_capacity = 64.5 }
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 2 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity == 64.5
    error_message = "Serverless v2 capacity must be the one asked for."
  }
}

run "writer_only_by_default" {
  command = plan

  assert {
    condition     = toset(keys(aws_rds_cluster_instance.this)) == toset(["writer"])
    error_message = "With no readers asked for there must be exactly one instance, the writer."
  }

  assert {
    condition     = aws_rds_cluster_instance.this["writer"].availability_zone == "ap-southeast-1a" && aws_rds_cluster_instance.this["writer"].promotion_tier == 0
    error_message = "The writer goes to the first AZ with promotion tier 0."
  }

  assert {
    condition     = output.instance_availability_zones == { writer = "ap-southeast-1a" }
    error_message = "instance_availability_zones must map each instance to its AZ at plan time."
  }
}

run "two_readers_make_three_instances_in_three_distinct_azs" {
  command = plan

  variables {
    cluster = { reader_count = 2 }
  }

  assert {
    condition     = toset(keys(aws_rds_cluster_instance.this)) == toset(["writer", "reader-1", "reader-2"])
    error_message = "reader_count = 2 must give the instances writer, reader-1 and reader-2."
  }

  assert {
    condition     = toset([for i in aws_rds_cluster_instance.this : i.availability_zone]) == toset(["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"])
    error_message = "The three instances must be in the three distinct AZs."
  }

  assert {
    condition     = aws_rds_cluster_instance.this["reader-1"].availability_zone == "ap-southeast-1b" && aws_rds_cluster_instance.this["reader-2"].availability_zone == "ap-southeast-1c"
    error_message = "Reader i must be in AZ i+1 (the writer holds the first)."
  }

  assert {
    condition     = alltrue([for k, i in aws_rds_cluster_instance.this : i.promotion_tier <= 1])
    error_message = "Readers must be in promotion tier 0-1 so that they scale with the writer and can take over."
  }
}

run "storage_snapshots_and_performance_insights_use_the_data_key" {
  command = plan

  variables {
    cluster = { reader_count = 1 }
  }

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted == true && aws_rds_cluster.this.kms_key_id == var.kms_key_arns.data
    error_message = "Cluster storage must be encrypted with the data key."
  }

  assert {
    condition = alltrue([for i in aws_rds_cluster_instance.this :
    i.performance_insights_enabled && i.performance_insights_kms_key_id == var.kms_key_arns.data && i.performance_insights_retention_period == 7])
    error_message = "Performance Insights must be on for every instance, encrypted with the data key, kept 7 days by default."
  }
}

run "iam_database_authentication_is_on" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.iam_database_authentication_enabled == true
    error_message = "IAM database authentication must be enabled."
  }
}

run "master_password_is_managed_by_rds" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password == true && aws_rds_cluster.this.master_user_secret_kms_key_id == var.kms_key_arns.secrets
    error_message = "RDS must manage the master password in Secrets Manager, encrypted with the secrets key."
  }

  assert {
    condition     = aws_rds_cluster.this.master_password == null && aws_rds_cluster.this.master_password_wo == null && aws_rds_cluster.this.master_username == "lookcard_admin"
    error_message = "No password may be passed anywhere: the master user lookcard_admin gets its password from RDS."
  }
}

run "parameter_group_forces_tls_and_audits" {
  command = plan

  assert {
    condition     = one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"]) == "1"
    error_message = "rds.force_ssl must be 1: no plain-text connections."
  }

  assert {
    condition     = one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "log_connections"]) == "1" && one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "log_disconnections"]) == "1"
    error_message = "Connections and disconnections must be logged."
  }

  assert {
    condition     = one([for p in aws_rds_cluster_parameter_group.this.parameter : p if p.name == "shared_preload_libraries"]).value == "pg_stat_statements,pgaudit" && one([for p in aws_rds_cluster_parameter_group.this.parameter : p if p.name == "shared_preload_libraries"]).apply_method == "pending-reboot"
    error_message = "pg_stat_statements and pgaudit must be preloaded (pending-reboot)."
  }

  assert {
    condition     = one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "pgaudit.log"]) == "ddl,role,write" && one([for p in aws_rds_cluster_parameter_group.this.parameter : p.value if p.name == "log_min_duration_statement"]) == "500"
    error_message = "pgaudit must log ddl, role and write; statements slower than 500 ms are logged by default."
  }

  assert {
    condition     = aws_rds_cluster.this.enabled_cloudwatch_logs_exports == toset(["postgresql"])
    error_message = "The cluster must export its PostgreSQL log to CloudWatch."
  }
}

# --- Versions: never fight AWS's minor upgrades ---------------------------------

run "major_version_only_with_automatic_minor_upgrades" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.engine_version == "16" && alltrue([for i in aws_rds_cluster_instance.this : i.engine_version == "16"])
    error_message = "By default the cluster pins the major version only (\"16\"): AWS upgrades the minor, and a major-only version never asks an apply to downgrade."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.auto_minor_version_upgrade == true])
    error_message = "Automatic minor version upgrades are on by default."
  }
}

run "rejects_a_minor_pin_with_automatic_minor_upgrades" {
  command = plan

  variables {
    cluster = { engine_version = "16.6" }
  }

  expect_failures = [var.cluster]
}

run "a_minor_pin_needs_automatic_upgrades_off" {
  command = plan

  variables {
    cluster = { engine_version = "16.8", auto_minor_version_upgrade = false }
  }

  assert {
    condition     = aws_rds_cluster.this.engine_version == "16.8" && alltrue([for i in aws_rds_cluster_instance.this : i.auto_minor_version_upgrade == false])
    error_message = "A minor pin (a long-term-support minor) is kept with automatic minor upgrades off."
  }
}

# --- Replacements and repeated destroys -------------------------------------------

run "parameter_group_has_a_name_prefix_so_a_replacement_can_be_created_first" {
  command = plan

  assert {
    condition     = aws_rds_cluster_parameter_group.this.name_prefix == "lookcard-test-aurora-pg16-"
    error_message = "The cluster parameter group is created before destroy (the cluster uses it): it needs a name_prefix, a fixed name would collide with the group it replaces."
  }
}

# --- Log groups that RDS would otherwise create --------------------------------

run "postgresql_log_group_is_created_first_with_the_logs_key_and_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.postgresql.name == "/aws/rds/cluster/lookcard-test-aurora/postgresql"
    error_message = "The module creates RDS's export log group, /aws/rds/cluster/<cluster identifier>/postgresql, before the cluster exports to it."
  }

  assert {
    condition     = aws_cloudwatch_log_group.postgresql.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444" && aws_cloudwatch_log_group.postgresql.retention_in_days == 365
    error_message = "The postgresql log group must be encrypted with the logs key and expire after the environment's retention."
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.proxy[0].name == "/aws/rds/proxy/lookcard-test-rds-proxy" &&
      aws_cloudwatch_log_group.proxy[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444" &&
      aws_cloudwatch_log_group.proxy[0].retention_in_days == 365
    )
    error_message = "RDS Proxy's log group, /aws/rds/proxy/<proxy name>, is created first with the logs key and the retention."
  }
}

run "development_defaults_allow_teardown" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.deletion_protection == false && aws_rds_cluster.this.skip_final_snapshot == true && aws_rds_cluster.this.backup_retention_period == 7
    error_message = "By default there is no deletion protection, no final snapshot and 7 days of backups."
  }
}

run "deletion_protection_and_35_day_retention_when_asked" {
  command = plan

  variables {
    cluster = { deletion_protection = true, skip_final_snapshot = false, backup_retention_days = 35 }
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection == true && aws_rds_cluster.this.backup_retention_period == 35
    error_message = "Deletion protection and 35 days of backups must be applied when asked."
  }

  assert {
    condition     = aws_rds_cluster.this.skip_final_snapshot == false && aws_rds_cluster.this.copy_tags_to_snapshot == true
    error_message = "A final snapshot must be taken when asked, carrying the tags."
  }
}

run "no_final_snapshot_identifier_when_the_snapshot_is_skipped" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.final_snapshot_identifier == null && length(terraform_data.final_snapshot_suffix) == 0
    error_message = "Without a final snapshot there is no identifier and no suffix to keep."
  }
}

run "no_instance_is_publicly_accessible" {
  command = plan

  variables {
    cluster = { reader_count = 2 }
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.publicly_accessible == false && i.db_subnet_group_name == var.db_subnet_group_name])
    error_message = "No instance may be publicly accessible; all live in the private DB subnet group."
  }

  assert {
    condition     = aws_rds_cluster.this.vpc_security_group_ids == toset([var.security_group_ids.cluster])
    error_message = "The cluster must carry the cluster security group only."
  }
}

run "enhanced_monitoring_uses_a_role_only_rds_monitoring_can_assume" {
  command = plan

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.monitoring_interval == 60])
    error_message = "Enhanced Monitoring must run every 60 seconds by default."
  }

  assert {
    condition     = jsondecode(module.monitoring_role[0].assume_role_policy).Statement[0].Principal == { Service = "monitoring.rds.amazonaws.com" } && jsondecode(module.monitoring_role[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "The monitoring role must trust RDS monitoring acting for this account only."
  }

  assert {
    condition     = toset(module.monitoring_role[0].managed_policy_arns) == toset(["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"])
    error_message = "The monitoring role must carry AmazonRDSEnhancedMonitoringRole."
  }
}

run "monitoring_off_creates_no_role" {
  command = plan

  variables {
    cluster = { monitoring_interval = 0 }
  }

  assert {
    condition     = length(module.monitoring_role) == 0 && alltrue([for i in aws_rds_cluster_instance.this : i.monitoring_interval == 0])
    error_message = "monitoring_interval = 0 must turn Enhanced Monitoring off and create no role."
  }
}

run "proxy_requires_tls_and_end_to_end_iam_auth" {
  command = plan

  assert {
    condition     = aws_db_proxy.this[0].require_tls == true && aws_db_proxy.this[0].engine_family == "POSTGRESQL"
    error_message = "RDS Proxy must be a PostgreSQL proxy that requires TLS."
  }

  assert {
    condition     = aws_db_proxy.this[0].default_auth_scheme == "IAM_AUTH"
    error_message = "RDS Proxy must use end-to-end IAM authentication (default_auth_scheme = IAM_AUTH), so each service connects to PostgreSQL as its own database user."
  }

  assert {
    condition     = length(aws_db_proxy.this[0].auth) == 0
    error_message = "RDS Proxy must have no auth block: no Secrets Manager secret (least of all the master user's) may back proxy sessions."
  }

  assert {
    condition     = aws_db_proxy.this[0].vpc_subnet_ids == toset(var.proxy_subnet_ids) && aws_db_proxy.this[0].vpc_security_group_ids == toset([var.security_group_ids.proxy])
    error_message = "RDS Proxy must live in the private subnets behind the proxy security group."
  }

  assert {
    condition     = jsondecode(module.proxy_role[0].assume_role_policy).Statement[0].Principal == { Service = "rds.amazonaws.com" }
    error_message = "The proxy role must be assumable by RDS only."
  }
}

run "proxy_pool_follows_the_settings" {
  command = plan

  variables {
    cluster = { proxy = { max_connections_percent = 75, idle_client_timeout = 900 } }
  }

  assert {
    condition = (
      aws_db_proxy_default_target_group.this[0].connection_pool_config[0].max_connections_percent == 75 &&
      aws_db_proxy_default_target_group.this[0].connection_pool_config[0].max_idle_connections_percent == 50 &&
      aws_db_proxy_default_target_group.this[0].connection_pool_config[0].connection_borrow_timeout == 120 &&
      aws_db_proxy.this[0].idle_client_timeout == 900
    )
    error_message = "The proxy pool must take the given values and the defaults for the rest."
  }

  assert {
    condition     = aws_db_proxy_target.this[0].db_cluster_identifier == "lookcard-test-aurora"
    error_message = "The proxy must target the cluster."
  }
}

run "no_read_only_proxy_endpoint_without_readers" {
  command = plan

  assert {
    condition     = length(aws_db_proxy_endpoint.read_only) == 0 && output.proxy_read_only_endpoint == null
    error_message = "Without readers there must be no read-only proxy endpoint."
  }
}

run "read_only_proxy_endpoint_exists_with_readers" {
  command = plan

  variables {
    cluster = { reader_count = 1 }
  }

  assert {
    condition     = length(aws_db_proxy_endpoint.read_only) == 1 && aws_db_proxy_endpoint.read_only[0].target_role == "READ_ONLY"
    error_message = "With readers there must be one READ_ONLY proxy endpoint."
  }
}

run "cluster_outputs_are_known_at_plan" {
  command = plan

  assert {
    condition     = output.cluster_arn == "arn:aws:rds:ap-southeast-1:123456789012:cluster:lookcard-test-aurora" && output.cluster_identifier == "lookcard-test-aurora"
    error_message = "The cluster ARN and identifier must be known at plan time."
  }

  assert {
    condition     = output.port == 5432 && output.database_name == "lookcard" && aws_rds_cluster.this.port == 5432
    error_message = "The cluster listens on 5432 and the initial database is lookcard."
  }
}

run "data_stores_are_tagged_restricted" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.tags["DataClassification"] == "restricted" && aws_rds_cluster.this.tags["Name"] == "lookcard-test-aurora" && alltrue([for i in aws_rds_cluster_instance.this : i.tags["DataClassification"] == "restricted"])
    error_message = "The cluster and its instances hold cardholder data and must be tagged DataClassification = restricted."
  }
}

# Rejections.

run "rejects_min_capacity_below_half_an_acu" {
  command = plan

  variables {
    cluster = { min_capacity = 0.25 }
  }

  expect_failures = [var.cluster]
}

run "rejects_min_capacity_above_max" {
  command = plan

  variables {
    cluster = { min_capacity = 16, max_capacity = 8 }
  }

  expect_failures = [var.cluster]
}

run "rejects_max_capacity_above_256" {
  command = plan

  variables {
    cluster = { max_capacity = 300 }
  }

  expect_failures = [var.cluster]
}

run "rejects_capacity_off_the_half_acu_grid" {
  command = plan

  variables {
    cluster = { max_capacity = 8.3 }
  }

  expect_failures = [var.cluster]
}

run "rejects_backup_retention_of_40_days" {
  command = plan

  variables {
    cluster = { backup_retention_days = 40 }
  }

  expect_failures = [var.cluster]
}

run "rejects_three_readers" {
  command = plan

  variables {
    cluster = { reader_count = 3 }
  }

  expect_failures = [var.cluster]
}

run "rejects_more_readers_than_spare_azs" {
  command = plan

  variables {
    availability_zones = ["ap-southeast-1a", "ap-southeast-1b"]
    cluster            = { reader_count = 2 }
  }

  expect_failures = [aws_rds_cluster.this]
}

run "rejects_performance_insights_retention_of_30_days" {
  command = plan

  variables {
    cluster = { performance_insights_retention_days = 30 }
  }

  expect_failures = [var.cluster]
}

run "rejects_monitoring_interval_of_20_seconds" {
  command = plan

  variables {
    cluster = { monitoring_interval = 20 }
  }

  expect_failures = [var.cluster]
}

run "rejects_engine_version_that_is_not_16_x" {
  command = plan

  variables {
    cluster = { engine_version = "17", auto_minor_version_upgrade = false }
  }

  expect_failures = [var.cluster]
}

run "rejects_a_malformed_engine_version" {
  command = plan

  variables {
    cluster = { engine_version = "16.x" }
  }

  expect_failures = [var.cluster]
}

run "rejects_an_unencrypted_postgresql_log_group" {
  command = plan

  variables {
    logs = {
      kms_key_arn       = "alias/aws/logs"
      retention_in_days = 365
    }
  }

  expect_failures = [var.logs]
}

run "rejects_kms_alias_instead_of_key_arn" {
  command = plan

  variables {
    kms_key_arns = {
      data    = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-data"
      secrets = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
    }
  }

  expect_failures = [var.kms_key_arns]
}

# --- Mocked apply, last so that no plan run above starts from mocked state ------
# The suffix is known only once terraform_data exists: Terraform (unlike
# OpenTofu) applies an override's values only at apply.

run "final_snapshot_identifier_is_new_for_each_environment_and_stable_between_plans" {
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    cluster = { skip_final_snapshot = false }
  }

  # The suffix is chosen once, when terraform_data is created (a timestamp).
  override_resource {
    target = terraform_data.final_snapshot_suffix
    values = {
      output = "20261207020000"
    }
  }

  assert {
    condition     = aws_rds_cluster.this.final_snapshot_identifier == "lookcard-test-aurora-final-20261207020000"
    error_message = "The final snapshot is <cluster>-final-<suffix chosen when the environment was created>: a fixed identifier exists after the first destroy and makes the next destroy fail."
  }

  assert {
    condition     = length(terraform_data.final_snapshot_suffix) == 1
    error_message = "One suffix per cluster, kept in state (not a timestamp evaluated at every plan)."
  }
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = length(module.proxy_role) + length(module.monitoring_role) > 0 && alltrue([for r in concat(module.proxy_role, module.monitoring_role) : r.permissions_boundary_arn == var.permissions_boundary_arn])
    error_message = "Every role of the module must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
