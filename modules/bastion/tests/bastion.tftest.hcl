# Guarantees of the bastion module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed attribute must be known for an assertion: a
# computed attribute that the configuration leaves unset takes these defaults,
# one that the configuration sets keeps its configured value.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_instance" {
    defaults = {
      key_name = null
    }
  }

  mock_data "aws_ssm_parameter" {
    defaults = {
      insecure_value = "ami-0123456789abcdef0"
    }
  }
}

variables {
  name_prefix           = "lookcard-test"
  account_id            = "123456789012"
  region                = "ap-southeast-1"
  enabled               = true
  vpc_id                = "vpc-0123456789abcdef0"
  vpc_cidr              = "10.20.0.0/16"
  subnet_id             = "subnet-0123456789abcdef0"
  logs_kms_key_arn      = "arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  log_retention_in_days = 365
  egress_cidrs = {
    postgres = { port = 5432, cidr = "10.20.32.0/20", description = "Aurora PostgreSQL in the database subnets" }
  }
}

run "no_public_ip" {
  command = plan

  assert {
    condition     = aws_instance.this[0].associate_public_ip_address == false
    error_message = "The bastion must never get a public IP address."
  }

  assert {
    condition     = aws_instance.this[0].subnet_id == "subnet-0123456789abcdef0"
    error_message = "The bastion must run in the given private subnet."
  }
}

run "ami_comes_from_the_public_ssm_parameter" {
  command = plan

  assert {
    condition     = data.aws_ssm_parameter.ami[0].name == "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
    error_message = "The AMI must come from the public Amazon Linux 2023 arm64 parameter."
  }

  assert {
    condition     = aws_instance.this[0].ami == data.aws_ssm_parameter.ami[0].insecure_value
    error_message = "The instance must use the AMI the parameter names."
  }
}

run "imdsv2_required" {
  command = plan

  assert {
    condition     = aws_instance.this[0].metadata_options[0].http_tokens == "required"
    error_message = "IMDSv2 (session tokens) must be required."
  }

  assert {
    condition     = aws_instance.this[0].metadata_options[0].http_endpoint == "enabled" && aws_instance.this[0].metadata_options[0].http_put_response_hop_limit == 1
    error_message = "The metadata endpoint must be on (the SSM agent needs it) with a hop limit of 1."
  }
}

run "root_volume_encrypted_gp3" {
  command = plan

  assert {
    condition     = aws_instance.this[0].root_block_device[0].encrypted == true && aws_instance.this[0].root_block_device[0].volume_type == "gp3"
    error_message = "The root volume must be an encrypted gp3 volume."
  }
}

run "detailed_monitoring_on" {
  command = plan

  assert {
    condition     = aws_instance.this[0].monitoring == true
    error_message = "Detailed monitoring must be on."
  }
}

run "security_group_has_no_ingress" {
  command = plan

  assert {
    condition     = length(aws_security_group.this[0].ingress) == 0
    error_message = "The bastion's security group must have no inbound rule at all."
  }
}

run "egress_only_to_the_vpc_and_listed_cidrs" {
  command = plan

  assert {
    condition = alltrue([for r in concat(aws_vpc_security_group_egress_rule.vpc_https, values(aws_vpc_security_group_egress_rule.extra)) :
      contains(["10.20.0.0/16", "10.20.32.0/20"], r.cidr_ipv4) && r.ip_protocol == "tcp" && r.cidr_ipv6 == null && r.prefix_list_id == null && r.referenced_security_group_id == null
    ])
    error_message = "Every egress rule must be TCP to the VPC or to a listed CIDR."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.vpc_https[0].cidr_ipv4 == "10.20.0.0/16" && aws_vpc_security_group_egress_rule.vpc_https[0].from_port == 443 && aws_vpc_security_group_egress_rule.vpc_https[0].to_port == 443
    error_message = "HTTPS to the VPC (the SSM endpoints) must always be allowed."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.extra["postgres"].from_port == 5432 && aws_vpc_security_group_egress_rule.extra["postgres"].to_port == 5432 && aws_vpc_security_group_egress_rule.extra["postgres"].cidr_ipv4 == "10.20.32.0/20"
    error_message = "A listed egress rule must open exactly its port to exactly its CIDR."
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.vpc_https) + length(aws_vpc_security_group_egress_rule.extra) == 2
    error_message = "There must be no egress rule beyond HTTPS to the VPC and the listed ones."
  }
}

run "role_has_only_the_ssm_core_managed_policy" {
  command = plan

  assert {
    condition     = toset(module.role[0].managed_policy_arns) == toset(["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"])
    error_message = "AmazonSSMManagedInstanceCore must be the role's only managed policy (modules/iam-role enforces it exclusively)."
  }

  assert {
    condition     = jsondecode(module.role[0].assume_role_policy).Statement == [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
    error_message = "The role must trust ec2.amazonaws.com and nothing else."
  }

  assert {
    condition     = aws_iam_instance_profile.this[0].role == module.role[0].name && aws_instance.this[0].iam_instance_profile == aws_iam_instance_profile.this[0].name
    error_message = "The instance must run with this role's instance profile."
  }
}

run "inline_policy_is_scoped_to_the_session_log_group_and_logs_key" {
  command = plan

  assert {
    condition = one([for s in jsondecode(module.role[0].inline_policies["session-logs"]).Statement : s if s.Sid == "WriteSessionLogs"]).Resource == [
      "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/ssm/lookcard-test/sessions",
      "arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/ssm/lookcard-test/sessions:*",
    ]
    error_message = "Log writes must be limited to the session log group."
  }

  assert {
    condition     = one([for s in jsondecode(module.role[0].inline_policies["session-logs"]).Statement : s if s.Sid == "EncryptSessions"]).Resource == "arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "KMS use must be limited to the logs key."
  }

  assert {
    condition = alltrue(flatten([for s in jsondecode(module.role[0].inline_policies["session-logs"]).Statement : [
      for r in flatten([s.Resource]) : r != "*" && s.Effect == "Allow"
    ]]))
    error_message = "The inline policy must name resources, never \"*\"."
  }

  assert {
    condition     = toset(keys(module.role[0].inline_policies)) == toset(["session-logs"])
    error_message = "session-logs must be the role's only inline policy, enforced exclusively."
  }
}

run "session_log_group_encrypted_with_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.sessions[0].name == "/aws/ssm/lookcard-test/sessions"
    error_message = "The session log group must be /aws/ssm/<name_prefix>/sessions."
  }

  assert {
    condition     = aws_cloudwatch_log_group.sessions[0].kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The session log group must be encrypted with the logs key."
  }

  assert {
    condition     = aws_cloudwatch_log_group.sessions[0].retention_in_days == 365
    error_message = "The session log group must keep logs for the given retention."
  }
}

run "session_preferences_log_encrypted_with_timeouts" {
  command = plan

  assert {
    condition     = aws_ssm_document.session_preferences[0].name == "lookcard-test-session-preferences" && aws_ssm_document.session_preferences[0].document_type == "Session"
    error_message = "Session preferences must be a named Session document, not the account-wide default."
  }

  assert {
    condition     = output.session_document_name == "lookcard-test-session-preferences"
    error_message = "The module must output the session document's name."
  }

  assert {
    condition = jsondecode(aws_ssm_document.session_preferences[0].content).inputs == merge(jsondecode(aws_ssm_document.session_preferences[0].content).inputs, {
      cloudWatchLogGroupName      = "/aws/ssm/lookcard-test/sessions"
      cloudWatchEncryptionEnabled = true
      kmsKeyId                    = "arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      runAsEnabled                = false
      idleSessionTimeout          = "15"
      maxSessionDuration          = "60"
    })
    error_message = "Sessions must be logged to the encrypted group, encrypted with the logs key, run without run-as, time out after 15 idle minutes and last at most 60."
  }
}

run "outputs_are_known_names" {
  command = plan

  assert {
    condition     = output.role_arn == "arn:aws:iam::123456789012:role/lookcard-test-bastion"
    error_message = "role_arn must be the bastion role's ARN, known at plan time."
  }

  assert {
    condition     = output.session_log_group_name == "/aws/ssm/lookcard-test/sessions"
    error_message = "session_log_group_name must be the session log group."
  }
}

run "disabled_creates_nothing" {
  command = plan

  variables {
    enabled = false
  }

  assert {
    condition = (length(aws_instance.this) + length(aws_security_group.this) + length(aws_vpc_security_group_egress_rule.vpc_https)
      + length(aws_vpc_security_group_egress_rule.extra) + length(module.role)
      + length(aws_iam_instance_profile.this) + length(aws_cloudwatch_log_group.sessions) + length(aws_ssm_document.session_preferences)
    + length(data.aws_ssm_parameter.ami)) == 0
    error_message = "With enabled = false the module must create (and look up) nothing."
  }

  assert {
    condition     = output.instance_id == null && output.security_group_id == null && output.role_arn == null && output.session_document_name == null && output.session_document_arn == null && output.session_log_group_name == null
    error_message = "With enabled = false every output must be null."
  }
}

run "rejects_x86_instance_type" {
  command = plan

  variables {
    instance_type = "t3.micro"
  }

  expect_failures = [var.instance_type]
}

run "accepts_graviton_instance_types" {
  command = plan

  variables {
    instance_type = "m7gd.large"
  }

  assert {
    condition     = aws_instance.this[0].instance_type == "m7gd.large"
    error_message = "Graviton types with attribute letters (m7gd, c7gn) must be accepted."
  }
}

run "rejects_retention_that_cloudwatch_does_not_offer" {
  command = plan

  variables {
    log_retention_in_days = 42
  }

  expect_failures = [var.log_retention_in_days]
}

run "rejects_egress_to_the_internet" {
  command = plan

  variables {
    egress_cidrs = {
      anywhere = { port = 443, cidr = "0.0.0.0/0", description = "the internet" }
    }
  }

  expect_failures = [var.egress_cidrs]
}

run "rejects_logs_key_alias" {
  command = plan

  variables {
    logs_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:alias/lookcard-test-logs"
  }

  expect_failures = [var.logs_kms_key_arn]
}

run "rejects_logs_key_from_another_region" {
  command = plan

  variables {
    logs_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  expect_failures = [aws_cloudwatch_log_group.sessions]
}

# Mocked apply last, so that no plan run above starts from mocked state.
run "no_key_pair" {
  # Mocked apply: key_name is computed, so a plan cannot show it null.
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = aws_instance.this[0].key_name == null
    error_message = "The bastion must have no EC2 key pair: access is through Session Manager only."
  }
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.role[0].permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "Every role of the module must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
