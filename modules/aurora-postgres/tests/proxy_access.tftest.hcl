# What the proxy role may connect as and what services are given to connect
# with. The resource IDs and the master secret ARN exist only after apply, so
# mock values make the policy and the connect ARNs assertable, in mocked
# applies (Terraform, unlike OpenTofu, leaves mocked computed values unknown
# in a plan).

mock_provider "aws" {
  mock_resource "aws_rds_cluster" {
    defaults = {
      cluster_resource_id = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
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

run "proxy_uses_end_to_end_iam_auth_and_no_secret" {
  command = apply

  assert {
    condition     = aws_db_proxy.this[0].default_auth_scheme == "IAM_AUTH" && aws_db_proxy.this[0].require_tls == true
    error_message = "RDS Proxy must use end-to-end IAM authentication over TLS, so each service's session is its own database user."
  }

  assert {
    condition     = length(aws_db_proxy.this[0].auth) == 0
    error_message = "RDS Proxy must have no auth block: the master user secret (or any secret) must not back proxy sessions."
  }

  assert {
    condition     = aws_db_proxy.this[0].role_arn == module.proxy_role[0].arn
    error_message = "RDS Proxy must connect with the module's proxy role."
  }
}

run "proxy_role_connects_only_as_this_clusters_database_users" {
  command = apply

  assert {
    condition = [for s in jsondecode(module.proxy_role[0].inline_policies["connect-as-database-users"]).Statement : { action = s.Action, resource = s.Resource } if s.Effect == "Allow"] == [
      { action = "rds-db:connect", resource = "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/*" }
    ]
    error_message = "The proxy role may only rds-db:connect, and only as the database users of this cluster (arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/*)."
  }

  assert {
    condition = [for s in jsondecode(module.proxy_role[0].inline_policies["connect-as-database-users"]).Statement : { action = s.Action, resource = s.Resource } if s.Effect == "Deny"] == [
      { action = "rds-db:connect", resource = "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/lookcard_admin" }
    ]
    error_message = "The proxy role must be denied rds-db:connect as the master user lookcard_admin: it is for administrators and migrations, directly against the cluster."
  }

  assert {
    condition     = alltrue([for s in jsondecode(module.proxy_role[0].inline_policies["connect-as-database-users"]).Statement : !can(s.NotAction) && !can(s.NotResource) && !can(s.Condition)])
    error_message = "The proxy role policy must be plain statements (no NotAction/NotResource/Condition)."
  }
}

run "proxy_role_has_no_secrets_manager_or_kms_permission" {
  command = apply

  assert {
    condition = length([for a in flatten([for s in jsondecode(module.proxy_role[0].inline_policies["connect-as-database-users"]).Statement : s.Action]) : a
    if startswith(lower(a), "secretsmanager:") || startswith(lower(a), "kms:") || a == "*"]) == 0
    error_message = "With end-to-end IAM authentication the proxy role must not read any secret nor use any KMS key (no secretsmanager:*, kms:* or * action)."
  }

  assert {
    condition     = !strcontains(module.proxy_role[0].inline_policies["connect-as-database-users"], "secretsmanager") && !strcontains(module.proxy_role[0].inline_policies["connect-as-database-users"], var.kms_key_arns.secrets)
    error_message = "The proxy role policy must not name Secrets Manager, the master user secret or the secrets key at all."
  }
}

run "master_user_secret_stays_rds_managed_for_administrators" {
  command = apply

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password == true && output.master_user_secret_arn == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!cluster-0123-AbCdEf"
    error_message = "The master user password must stay RDS-managed and master_user_secret_arn must be that RDS-managed secret."
  }
}

run "connect_arn_prefixes_name_the_cluster_and_the_proxy" {
  command = apply

  assert {
    condition     = output.db_connect_arn_prefix == "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    error_message = "db_connect_arn_prefix must be arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>."
  }

  assert {
    condition     = output.proxy_db_connect_arn_prefix == "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0"
    error_message = "proxy_db_connect_arn_prefix must be arn:aws:rds-db:<region>:<account>:dbuser:<proxy resource id>."
  }
}
