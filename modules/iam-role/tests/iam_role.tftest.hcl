# Guarantees of the iam-role module, planned against the real AWS provider
# schema; one mocked apply shows the outputs.

provider "aws" {
  region = "ap-southeast-1"
}

mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_iam_role" {
    defaults = {
      id        = "lookcard-test-flow-logs"
      arn       = "arn:aws:iam::123456789012:role/lookcard-test-flow-logs"
      unique_id = "AROAEXAMPLEEXAMPLE123"
    }
  }
}

variables {
  name                     = "lookcard-test-flow-logs"
  description              = "Delivers lookcard-test VPC flow logs to CloudWatch Logs."
  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  # Literal JSON: test files may not call functions.
  assume_role_policy = <<-JSON
    {"Version":"2012-10-17","Statement":[{"Sid":"VpcFlowLogsOfThisAccount","Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}
  JSON
  inline_policies = {
    write-flow-log-group = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:/aws/vpc/lookcard-test/flow-logs:*\"}]}"
  }
  managed_policy_arns = { enhanced-monitoring = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }
  tags                = { Name = "lookcard-test-flow-logs" }
}

run "role_keeps_name_description_boundary_and_tags" {
  command = plan

  assert {
    condition     = aws_iam_role.this.name == "lookcard-test-flow-logs" && aws_iam_role.this.description == var.description
    error_message = "The role must carry the given name and description."
  }

  assert {
    condition     = aws_iam_role.this.permissions_boundary == "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
    error_message = "Every role must carry the environment's workload boundary."
  }

  assert {
    condition     = aws_iam_role.this.tags == tomap({ Name = "lookcard-test-flow-logs" })
    error_message = "The role must carry the given tags."
  }

  assert {
    condition     = aws_iam_role.this.max_session_duration == null || aws_iam_role.this.max_session_duration == 3600
    error_message = "Without max_session_duration the role must keep IAM's default (null in the plan; the real provider fills in 3600)."
  }
}

run "a_given_trust_policy_is_used_verbatim" {
  command = plan

  assert {
    condition     = aws_iam_role.this.assume_role_policy == var.assume_role_policy
    error_message = "A trust policy given alone must be used as it is, so that a role moved into the module keeps its document."
  }
}

run "trusted_services_get_the_source_account_condition" {
  command = plan

  variables {
    assume_role_policy     = null
    trusted_services       = ["ecs-tasks.amazonaws.com"]
    trusted_source_account = "123456789012"
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service == ["ecs-tasks.amazonaws.com"]
    error_message = "The trust policy must name the trusted service."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "The trusted services must act for the given account only (confused deputy)."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role.this.assume_role_policy).Statement) == 1
    error_message = "Trusted services alone give exactly one statement."
  }
}

run "trusted_services_without_an_account_have_no_condition" {
  command = plan

  variables {
    assume_role_policy = null
    trusted_services   = ["tasks.apprunner.amazonaws.com", "build.apprunner.amazonaws.com"]
  }

  assert {
    condition     = sort(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service) == sort(["build.apprunner.amazonaws.com", "tasks.apprunner.amazonaws.com"])
    error_message = "Several trusted services share one statement."
  }

  assert {
    condition     = !contains(keys(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0]), "Condition")
    error_message = "Without trusted_source_account the statement has no condition."
  }
}

run "a_trust_policy_and_services_are_combined" {
  command = plan

  variables {
    trusted_services       = ["ec2.amazonaws.com"]
    trusted_source_account = null
  }

  assert {
    condition     = [for st in jsondecode(aws_iam_role.this.assume_role_policy).Statement : st.Sid] == ["VpcFlowLogsOfThisAccount", "TrustedServices"]
    error_message = "The given statements come first, then the trusted services' statement."
  }
}

run "inline_policies_are_exclusive" {
  command = plan

  assert {
    condition     = aws_iam_role_policy.this["write-flow-log-group"].name == "write-flow-log-group" && aws_iam_role_policy.this["write-flow-log-group"].role == "lookcard-test-flow-logs"
    error_message = "Each inline policy is put on the role under its name."
  }

  assert {
    condition     = aws_iam_role_policy.this["write-flow-log-group"].policy == var.inline_policies["write-flow-log-group"]
    error_message = "Each inline policy keeps its document."
  }

  assert {
    condition     = aws_iam_role_policies_exclusive.this.role_name == "lookcard-test-flow-logs" && aws_iam_role_policies_exclusive.this.policy_names == toset(["write-flow-log-group"])
    error_message = "The role's inline policies must be exactly the given ones (aws_iam_role_policies_exclusive)."
  }
}

run "an_inline_policy_may_carry_another_iam_name" {
  command = plan

  variables {
    inline_policy_names = { write-flow-log-group = "lookcard-test-vpc-flow-logs" }
  }

  assert {
    condition     = aws_iam_role_policy.this["write-flow-log-group"].name == "lookcard-test-vpc-flow-logs"
    error_message = "inline_policy_names gives the IAM name; the key stays the address in state."
  }

  assert {
    condition     = aws_iam_role_policies_exclusive.this.policy_names == toset(["lookcard-test-vpc-flow-logs"])
    error_message = "The exclusive guard must list the IAM names."
  }
}

run "managed_policies_are_exclusive" {
  command = plan

  assert {
    condition     = aws_iam_role_policy_attachment.this["enhanced-monitoring"].role == "lookcard-test-flow-logs" && aws_iam_role_policy_attachment.this["enhanced-monitoring"].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    error_message = "Each managed policy is attached to the role, keyed by its label."
  }

  assert {
    condition     = aws_iam_role_policy_attachments_exclusive.this.role_name == "lookcard-test-flow-logs" && aws_iam_role_policy_attachments_exclusive.this.policy_arns == toset(["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"])
    error_message = "The role's managed policies must be exactly the given ones (aws_iam_role_policy_attachments_exclusive)."
  }
}

run "a_role_without_policies_still_has_both_guards" {
  command = plan

  variables {
    inline_policies     = {}
    managed_policy_arns = {}
  }

  assert {
    condition     = length(aws_iam_role_policies_exclusive.this.policy_names) == 0 && length(aws_iam_role_policy_attachments_exclusive.this.policy_arns) == 0
    error_message = "A role without policies must have both guards with empty lists, so that nothing added outside Terraform stays."
  }
}

run "max_session_duration_is_passed_on" {
  command = plan

  variables {
    max_session_duration = 7200
  }

  assert {
    condition     = aws_iam_role.this.max_session_duration == 7200
    error_message = "The role must take the given max_session_duration."
  }
}

run "outputs_name_the_role" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = output.name == "lookcard-test-flow-logs" && output.id == "lookcard-test-flow-logs"
    error_message = "name and id must be the role's name."
  }

  assert {
    condition     = output.arn == "arn:aws:iam::123456789012:role/lookcard-test-flow-logs" && output.unique_id == "AROAEXAMPLEEXAMPLE123"
    error_message = "arn and unique_id must be the role's."
  }

  assert {
    condition     = toset(output.inline_policy_names) == toset(["write-flow-log-group"]) && toset(output.managed_policy_arns) == toset(["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"])
    error_message = "The outputs must list the role's policies."
  }

  assert {
    condition     = output.assume_role_policy == var.assume_role_policy && output.permissions_boundary_arn == var.permissions_boundary_arn && output.inline_policies == tomap(var.inline_policies)
    error_message = "The outputs must show the trust policy, the boundary and the inline policies."
  }
}

# --- What the module refuses ------------------------------------------------

run "rejects_a_name_over_64_characters" {
  command = plan

  variables {
    name = "lookcard-production-a-very-long-service-name-that-goes-on-execution"
  }

  expect_failures = [var.name]
}

run "rejects_a_name_with_other_characters" {
  command = plan

  variables {
    name = "lookcard-test/flow logs"
  }

  expect_failures = [var.name]
}

run "rejects_a_name_outside_lookcard" {
  command = plan

  variables {
    name = "flow-logs"
  }

  expect_failures = [var.name]
}

run "rejects_an_empty_description" {
  command = plan

  variables {
    description = ""
  }

  expect_failures = [var.description]
}

run "rejects_a_description_iam_would_refuse" {
  command = plan

  variables {
    description = "Flow logs — to CloudWatch"
  }

  expect_failures = [var.description]
}

run "rejects_another_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  }

  expect_failures = [var.permissions_boundary_arn]
}

run "rejects_a_trust_policy_that_is_not_a_policy" {
  command = plan

  variables {
    assume_role_policy = "vpc-flow-logs.amazonaws.com"
  }

  expect_failures = [var.assume_role_policy]
}

run "rejects_a_role_without_trust" {
  command = plan

  variables {
    assume_role_policy = null
  }

  expect_failures = [aws_iam_role.this]
}

run "rejects_a_service_that_is_not_a_principal" {
  command = plan

  variables {
    trusted_services = ["ecs-tasks"]
  }

  expect_failures = [var.trusted_services]
}

run "rejects_a_source_account_that_is_not_an_account" {
  command = plan

  variables {
    trusted_services       = ["ecs-tasks.amazonaws.com"]
    trusted_source_account = "lookcard"
  }

  expect_failures = [var.trusted_source_account]
}

run "rejects_an_inline_policy_name_iam_would_refuse" {
  command = plan

  variables {
    inline_policies = {
      "write flow logs" = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  expect_failures = [var.inline_policies]
}

run "rejects_an_inline_policy_iam_name_iam_would_refuse" {
  command = plan

  variables {
    inline_policy_names = { write-flow-log-group = "lookcard test: flow logs" }
  }

  expect_failures = [var.inline_policy_names]
}

run "rejects_an_inline_policy_that_is_not_a_policy" {
  command = plan

  variables {
    inline_policies = {
      write-flow-logs = "logs:PutLogEvents"
    }
  }

  expect_failures = [var.inline_policies]
}

run "rejects_inline_policies_over_the_quota" {
  command = plan

  variables {
    inline_policies = {
      # 16498 characters of JSON.
      large = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Statement0\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:0:*\"},{\"Sid\":\"Statement1\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:1:*\"},{\"Sid\":\"Statement2\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:2:*\"},{\"Sid\":\"Statement3\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:3:*\"},{\"Sid\":\"Statement4\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:4:*\"},{\"Sid\":\"Statement5\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:5:*\"},{\"Sid\":\"Statement6\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:6:*\"},{\"Sid\":\"Statement7\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:7:*\"},{\"Sid\":\"Statement8\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:8:*\"},{\"Sid\":\"Statement9\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:9:*\"},{\"Sid\":\"Statement10\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:10:*\"},{\"Sid\":\"Statement11\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:11:*\"},{\"Sid\":\"Statement12\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:12:*\"},{\"Sid\":\"Statement13\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:13:*\"},{\"Sid\":\"Statement14\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:14:*\"},{\"Sid\":\"Statement15\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:15:*\"},{\"Sid\":\"Statement16\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:16:*\"},{\"Sid\":\"Statement17\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:17:*\"},{\"Sid\":\"Statement18\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:18:*\"},{\"Sid\":\"Statement19\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:19:*\"},{\"Sid\":\"Statement20\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:20:*\"},{\"Sid\":\"Statement21\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:21:*\"},{\"Sid\":\"Statement22\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:22:*\"},{\"Sid\":\"Statement23\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:23:*\"},{\"Sid\":\"Statement24\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:24:*\"},{\"Sid\":\"Statement25\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:25:*\"},{\"Sid\":\"Statement26\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:26:*\"},{\"Sid\":\"Statement27\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:27:*\"},{\"Sid\":\"Statement28\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:28:*\"},{\"Sid\":\"Statement29\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:29:*\"},{\"Sid\":\"Statement30\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:30:*\"},{\"Sid\":\"Statement31\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:31:*\"},{\"Sid\":\"Statement32\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:32:*\"},{\"Sid\":\"Statement33\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:33:*\"},{\"Sid\":\"Statement34\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:34:*\"},{\"Sid\":\"Statement35\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:35:*\"},{\"Sid\":\"Statement36\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:36:*\"},{\"Sid\":\"Statement37\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:37:*\"},{\"Sid\":\"Statement38\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:38:*\"},{\"Sid\":\"Statement39\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:39:*\"},{\"Sid\":\"Statement40\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:40:*\"},{\"Sid\":\"Statement41\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:41:*\"},{\"Sid\":\"Statement42\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:42:*\"},{\"Sid\":\"Statement43\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:43:*\"},{\"Sid\":\"Statement44\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:44:*\"},{\"Sid\":\"Statement45\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:45:*\"},{\"Sid\":\"Statement46\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:46:*\"},{\"Sid\":\"Statement47\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:47:*\"},{\"Sid\":\"Statement48\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:48:*\"},{\"Sid\":\"Statement49\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:49:*\"},{\"Sid\":\"Statement50\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:50:*\"},{\"Sid\":\"Statement51\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:51:*\"},{\"Sid\":\"Statement52\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:52:*\"},{\"Sid\":\"Statement53\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:53:*\"},{\"Sid\":\"Statement54\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:54:*\"},{\"Sid\":\"Statement55\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:55:*\"},{\"Sid\":\"Statement56\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:56:*\"},{\"Sid\":\"Statement57\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:57:*\"},{\"Sid\":\"Statement58\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:58:*\"},{\"Sid\":\"Statement59\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:59:*\"},{\"Sid\":\"Statement60\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:60:*\"},{\"Sid\":\"Statement61\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:61:*\"},{\"Sid\":\"Statement62\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:62:*\"},{\"Sid\":\"Statement63\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:63:*\"},{\"Sid\":\"Statement64\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:64:*\"},{\"Sid\":\"Statement65\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:65:*\"},{\"Sid\":\"Statement66\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:66:*\"},{\"Sid\":\"Statement67\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:67:*\"},{\"Sid\":\"Statement68\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:68:*\"},{\"Sid\":\"Statement69\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:69:*\"},{\"Sid\":\"Statement70\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:70:*\"},{\"Sid\":\"Statement71\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:71:*\"},{\"Sid\":\"Statement72\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:72:*\"},{\"Sid\":\"Statement73\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:73:*\"},{\"Sid\":\"Statement74\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:74:*\"},{\"Sid\":\"Statement75\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:75:*\"},{\"Sid\":\"Statement76\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:76:*\"},{\"Sid\":\"Statement77\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:77:*\"},{\"Sid\":\"Statement78\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:78:*\"},{\"Sid\":\"Statement79\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:79:*\"},{\"Sid\":\"Statement80\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:80:*\"},{\"Sid\":\"Statement81\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:81:*\"},{\"Sid\":\"Statement82\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:82:*\"},{\"Sid\":\"Statement83\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:83:*\"},{\"Sid\":\"Statement84\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:84:*\"},{\"Sid\":\"Statement85\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:85:*\"},{\"Sid\":\"Statement86\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:86:*\"},{\"Sid\":\"Statement87\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:87:*\"},{\"Sid\":\"Statement88\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:88:*\"},{\"Sid\":\"Statement89\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:89:*\"},{\"Sid\":\"Statement90\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:90:*\"},{\"Sid\":\"Statement91\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:91:*\"},{\"Sid\":\"Statement92\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:92:*\"},{\"Sid\":\"Statement93\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:93:*\"},{\"Sid\":\"Statement94\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:94:*\"},{\"Sid\":\"Statement95\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:95:*\"},{\"Sid\":\"Statement96\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:96:*\"},{\"Sid\":\"Statement97\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:97:*\"},{\"Sid\":\"Statement98\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:98:*\"},{\"Sid\":\"Statement99\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:99:*\"},{\"Sid\":\"Statement100\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:100:*\"},{\"Sid\":\"Statement101\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:101:*\"},{\"Sid\":\"Statement102\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:102:*\"},{\"Sid\":\"Statement103\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:103:*\"},{\"Sid\":\"Statement104\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:104:*\"},{\"Sid\":\"Statement105\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:105:*\"},{\"Sid\":\"Statement106\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:106:*\"},{\"Sid\":\"Statement107\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:107:*\"},{\"Sid\":\"Statement108\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:108:*\"},{\"Sid\":\"Statement109\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:109:*\"},{\"Sid\":\"Statement110\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:110:*\"},{\"Sid\":\"Statement111\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:111:*\"},{\"Sid\":\"Statement112\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:112:*\"},{\"Sid\":\"Statement113\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:113:*\"},{\"Sid\":\"Statement114\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:114:*\"},{\"Sid\":\"Statement115\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:115:*\"},{\"Sid\":\"Statement116\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:116:*\"},{\"Sid\":\"Statement117\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:117:*\"},{\"Sid\":\"Statement118\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:118:*\"},{\"Sid\":\"Statement119\",\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"arn:aws:logs:ap-southeast-1:123456789012:log-group:119:*\"}]}"
    }
  }

  expect_failures = [var.inline_policies]
}

run "rejects_a_managed_policy_label_with_other_characters" {
  command = plan

  variables {
    managed_policy_arns = { "ssm core" = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }
  }

  expect_failures = [var.managed_policy_arns]
}

run "rejects_a_managed_policy_that_is_not_an_arn" {
  command = plan

  variables {
    managed_policy_arns = { ssm-core = "AmazonSSMManagedInstanceCore" }
  }

  expect_failures = [var.managed_policy_arns]
}

run "rejects_a_managed_policy_listed_twice" {
  command = plan

  variables {
    managed_policy_arns = {
      ssm-core   = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
      ssm-core-2 = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    }
  }

  expect_failures = [var.managed_policy_arns]
}

run "rejects_more_than_10_managed_policies" {
  command = plan

  variables {
    managed_policy_arns = {
      p0  = "arn:aws:iam::123456789012:policy/lookcard-test-0"
      p1  = "arn:aws:iam::123456789012:policy/lookcard-test-1"
      p2  = "arn:aws:iam::123456789012:policy/lookcard-test-2"
      p3  = "arn:aws:iam::123456789012:policy/lookcard-test-3"
      p4  = "arn:aws:iam::123456789012:policy/lookcard-test-4"
      p5  = "arn:aws:iam::123456789012:policy/lookcard-test-5"
      p6  = "arn:aws:iam::123456789012:policy/lookcard-test-6"
      p7  = "arn:aws:iam::123456789012:policy/lookcard-test-7"
      p8  = "arn:aws:iam::123456789012:policy/lookcard-test-8"
      p9  = "arn:aws:iam::123456789012:policy/lookcard-test-9"
      p10 = "arn:aws:iam::123456789012:policy/lookcard-test-10"
    }
  }

  expect_failures = [var.managed_policy_arns]
}

run "rejects_a_session_outside_iam_limits" {
  command = plan

  variables {
    max_session_duration = 900
  }

  expect_failures = [var.max_session_duration]
}

run "rejects_a_rename_of_a_policy_that_is_not_there" {
  command = plan

  variables {
    inline_policy_names = { deliver = "lookcard-test-deliver" }
  }

  expect_failures = [aws_iam_role_policies_exclusive.this]
}

run "rejects_two_inline_policies_under_one_iam_name" {
  command = plan

  variables {
    inline_policies = {
      logs  = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}"
      trail = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:CreateLogStream\",\"Resource\":\"*\"}]}"
    }
    inline_policy_names = { trail = "logs" }
  }

  expect_failures = [aws_iam_role_policy.this]
}
