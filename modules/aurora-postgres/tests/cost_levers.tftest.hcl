# The per-environment cost levers: no RDS Proxy (services connect to the
# writer with IAM auth), minimum 0 ACU with auto-pause, and reader promotion
# tiers. Plans only, against the real provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

run "without_proxy_services_reach_the_writer_with_iam_auth" {
  command = plan

  variables {
    cluster = {
      min_capacity             = 0
      max_capacity             = 4
      seconds_until_auto_pause = 1800
      proxy                    = { enabled = false }
    }
  }

  assert {
    condition     = length(aws_db_proxy.this) == 0 && length(module.proxy_role) == 0 && length(aws_db_proxy_target.this) == 0 && length(aws_cloudwatch_log_group.proxy) == 0
    error_message = "proxy.enabled = false must create no proxy, proxy role, target or proxy log group."
  }

  assert {
    condition     = aws_rds_cluster.this.iam_database_authentication_enabled == true
    error_message = "Direct connections still authenticate with IAM."
  }

  assert {
    condition     = aws_rds_cluster.this.vpc_security_group_ids == toset(["sg-0aaaaaaaaaaaaaaa1", "sg-0bbbbbbbbbbbbbbb2"])
    error_message = "Without the proxy the cluster must carry the proxy's security group, whose rules admit the services."
  }

  assert {
    condition     = output.proxy_endpoint == null && output.proxy_db_connect_arn_prefix == null
    error_message = "No proxy outputs without a proxy."
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].seconds_until_auto_pause == 1800
    error_message = "min_capacity 0 must set seconds_until_auto_pause."
  }
}

run "with_proxy_the_cluster_keeps_its_own_group" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.vpc_security_group_ids == toset(["sg-0aaaaaaaaaaaaaaa1"]) && length(aws_db_proxy.this) == 1
    error_message = "With the proxy (the default) the cluster admits only its own group's sources."
  }
}

run "auto_pause_is_refused_behind_a_proxy" {
  command = plan

  variables {
    cluster = { min_capacity = 0, max_capacity = 4 }
  }

  expect_failures = [var.cluster]
}

run "reader_promotion_tiers_are_per_reader" {
  command = plan

  variables {
    cluster = { reader_count = 2, reader_promotion_tiers = [1, 2] }
  }

  assert {
    condition     = aws_rds_cluster_instance.this["writer"].promotion_tier == 0 && aws_rds_cluster_instance.this["reader-1"].promotion_tier == 1 && aws_rds_cluster_instance.this["reader-2"].promotion_tier == 2
    error_message = "reader-1 stays in tier 1 (scales with the writer, the failover target); reader-2 in tier 2 scales with its own load."
  }
}

run "reader_promotion_tiers_must_match_reader_count" {
  command = plan

  variables {
    cluster = { reader_count = 2, reader_promotion_tiers = [2] }
  }

  expect_failures = [var.cluster]
}
