# What the proxy role may read and what services are given to connect with.
# The master secret ARN and the resource IDs exist only after apply, so mock
# values make the policy and the connect ARNs assertable.

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

variables {
  name_prefix          = "lookcard-test"
  account_id           = "123456789012"
  region               = "ap-southeast-1"
  db_subnet_group_name = "lookcard-test-database"
  proxy_subnet_ids     = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  security_group_ids = {
    cluster = "sg-0aaaaaaaaaaaaaaa1"
    proxy   = "sg-0bbbbbbbbbbbbbbb2"
  }
  kms_key_arns = {
    data    = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-1111-1111-1111-111111111111"
    secrets = "arn:aws:kms:ap-southeast-1:123456789012:key/22222222-2222-2222-2222-222222222222"
  }
  availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
}

run "proxy_authenticates_with_the_rds_managed_master_secret" {
  command = plan

  assert {
    condition     = [for a in aws_db_proxy.this.auth : a.secret_arn] == ["arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!cluster-0123-AbCdEf"]
    error_message = "The proxy must use the master user secret that RDS manages."
  }

  assert {
    condition     = output.master_user_secret_arn == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!cluster-0123-AbCdEf"
    error_message = "master_user_secret_arn must be the RDS-managed secret."
  }
}

run "proxy_role_reads_only_the_master_secret" {
  command = plan

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.proxy.policy).Statement : s.Resource if s.Action == "secretsmanager:GetSecretValue"] == [
      "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!cluster-0123-AbCdEf"
    ]
    error_message = "The proxy role may read the master user secret and no other."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.proxy.policy).Statement) == 2 && alltrue([for s in jsondecode(aws_iam_role_policy.proxy.policy).Statement : s.Resource != "*"])
    error_message = "The proxy role policy has exactly two statements and no wildcard resource."
  }
}

run "proxy_role_decrypts_only_through_secrets_manager" {
  command = plan

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.proxy.policy).Statement : s if s.Action == "kms:Decrypt"]).Resource == var.kms_key_arns.secrets
    error_message = "The proxy role may decrypt with the secrets key only."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.proxy.policy).Statement : s if s.Action == "kms:Decrypt"]).Condition.StringEquals["kms:ViaService"] == "secretsmanager.ap-southeast-1.amazonaws.com"
    error_message = "The proxy role may decrypt only through Secrets Manager in this region."
  }
}

run "connect_arn_prefixes_name_the_cluster_and_the_proxy" {
  command = plan

  assert {
    condition     = output.db_connect_arn_prefix == "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    error_message = "db_connect_arn_prefix must be arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>."
  }

  assert {
    condition     = output.proxy_db_connect_arn_prefix == "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:prx-0123456789abcdef0"
    error_message = "proxy_db_connect_arn_prefix must be arn:aws:rds-db:<region>:<account>:dbuser:<proxy resource id>."
  }
}
