# Guarantees of the App Runner module, planned against the real AWS provider schema.

provider "aws" {
  region = "ap-southeast-1"
}

# Used only where a computed ARN must be known for an assertion, in a mocked
# apply: Terraform (unlike OpenTofu) leaves mocked computed values unknown in
# a plan.
mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_apprunner_vpc_connector" {
    defaults = {
      arn = "arn:aws:apprunner:ap-southeast-1:123456789012:vpcconnector/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    }
  }

  mock_resource "aws_apprunner_observability_configuration" {
    defaults = {
      arn = "arn:aws:apprunner:ap-southeast-1:123456789012:observabilityconfiguration/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    }
  }

  mock_resource "aws_apprunner_auto_scaling_configuration_version" {
    defaults = {
      arn = "arn:aws:apprunner:ap-southeast-1:123456789012:autoscalingconfiguration/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/lookcard-test-web-app-mock"
    }
  }
}

variables {
  name_prefix = "lookcard-test"
  account_id  = "123456789012"
  region      = "ap-southeast-1"
  image = {
    repository_url = "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard-test/web-app"
    tag            = "3f9c2e1"
  }
  size    = { cpu = "1024", memory = "2048" }
  scaling = { min_size = 2, max_size = 10 }
  vpc_connector = {
    subnet_ids         = ["subnet-0aaa0000000000001", "subnet-0bbb0000000000002", "subnet-0ccc0000000000003"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
  kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  logs        = { kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444", retention_in_days = 90 }
  environment_variables = {
    NEXT_PUBLIC_API_URL = "https://api.test.lookcard.io"
    NODE_ENV            = "production"
  }
  secrets = {
    NEXTAUTH_SECRET = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/web-app/nextauth-secret-AbC123"
    DATABASE_URL    = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/web-app/database-DeF456:url::"
  }
  secrets_kms_key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/66666666-7777-8888-9999-000000000000"
}

run "image_identifier_is_repository_url_and_tag" {
  command = plan

  assert {
    condition     = aws_apprunner_service.this.source_configuration[0].image_repository[0].image_identifier == "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/lookcard-test/web-app:3f9c2e1"
    error_message = "The image identifier must be <repository_url>:<tag>."
  }

  assert {
    condition = (
      aws_apprunner_service.this.source_configuration[0].image_repository[0].image_repository_type == "ECR" &&
      aws_apprunner_service.this.source_configuration[0].auto_deployments_enabled == false &&
      aws_apprunner_service.this.source_configuration[0].image_repository[0].image_configuration[0].port == "3000"
    )
    error_message = "The image must come from private ECR on port 3000, with automatic deployments off."
  }

  assert {
    condition     = aws_apprunner_service.this.service_name == "lookcard-test-web-app"
    error_message = "The service must be named <name_prefix>-<service_name>."
  }
}

run "service_is_encrypted_with_the_key" {
  command = plan

  assert {
    condition     = aws_apprunner_service.this.encryption_configuration[0].kms_key == "arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    error_message = "The service must be encrypted with the given key."
  }
}

run "health_check_path_is_passed_through" {
  command = plan

  variables {
    health_check_path = "/healthz"
  }

  assert {
    condition = (
      aws_apprunner_service.this.health_check_configuration[0].protocol == "HTTP" &&
      aws_apprunner_service.this.health_check_configuration[0].path == "/healthz"
    )
    error_message = "The health check must be HTTP on the given path."
  }
}

run "instance_role_reads_only_the_given_secrets" {
  command = plan

  assert {
    condition = toset(flatten([for s in jsondecode(module.instance_role.inline_policies["lookcard-test-web-app-runtime"]).Statement : s.Resource if contains(flatten([s.Action]), "secretsmanager:GetSecretValue")])) == toset([
      "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/web-app/database-DeF456",
      "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/web-app/nextauth-secret-AbC123",
    ])
    error_message = "The instance role may read exactly the given secrets (JSON-key suffixes stripped), nothing else."
  }

  assert {
    condition     = alltrue([for s in jsondecode(module.instance_role.inline_policies["lookcard-test-web-app-runtime"]).Statement : !anytrue([for a in flatten([s.Action]) : strcontains(a, "*")]) && s.Effect == "Allow"])
    error_message = "The instance role may hold no wildcard action."
  }

  assert {
    condition = one([for s in jsondecode(module.instance_role.inline_policies["lookcard-test-web-app-runtime"]).Statement : s if s.Sid == "DecryptTheServiceSecretsThroughSecretsManager"]) == {
      Sid       = "DecryptTheServiceSecretsThroughSecretsManager"
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "arn:aws:kms:ap-southeast-1:123456789012:key/66666666-7777-8888-9999-000000000000"
      Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.ap-southeast-1.amazonaws.com" } }
    }
    error_message = "The instance role may decrypt with the secrets key only, and only through Secrets Manager."
  }

  assert {
    condition     = aws_apprunner_service.this.source_configuration[0].image_repository[0].image_configuration[0].runtime_environment_secrets["NEXTAUTH_SECRET"] == "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:lookcard-test/web-app/nextauth-secret-AbC123"
    error_message = "Secrets must reach the service as runtime environment secrets."
  }

  assert {
    condition     = jsondecode(module.instance_role.assume_role_policy).Statement[0].Principal.Service == "tasks.apprunner.amazonaws.com"
    error_message = "Only App Runner tasks may assume the instance role."
  }
}

run "no_secret_statements_without_secrets" {
  command = plan

  variables {
    secrets             = {}
    secrets_kms_key_arn = null
  }

  assert {
    condition     = [for s in jsondecode(module.instance_role.inline_policies["lookcard-test-web-app-runtime"]).Statement : s.Sid] == ["WriteTraces"]
    error_message = "Without secrets the instance role may only write traces."
  }

  assert {
    condition     = aws_apprunner_service.this.source_configuration[0].image_repository[0].image_configuration[0].runtime_environment_secrets == null
    error_message = "Without secrets the service gets no runtime environment secrets."
  }
}

run "access_role_pulls_from_ecr_for_app_runner_build" {
  command = plan

  assert {
    condition     = jsondecode(module.access_role.assume_role_policy).Statement[0].Principal.Service == "build.apprunner.amazonaws.com"
    error_message = "Only App Runner's build service may assume the access role."
  }

  assert {
    condition     = toset(module.access_role.managed_policy_arns) == toset(["arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess"])
    error_message = "The access role must carry the App Runner ECR access managed policy."
  }

  assert {
    condition     = output.access_role_arn == "arn:aws:iam::123456789012:role/lookcard-test-web-app-access" && output.instance_role_arn == "arn:aws:iam::123456789012:role/lookcard-test-web-app-instance"
    error_message = "Role ARNs must be known at plan."
  }
}

run "rejects_a_size_app_runner_does_not_offer" {
  command = plan

  variables {
    size = { cpu = "256", memory = "4096" }
  }

  expect_failures = [var.size]
}

run "rejects_min_above_max" {
  command = plan

  variables {
    scaling = { min_size = 3, max_size = 2 }
  }

  expect_failures = [var.scaling]
}

run "rejects_a_secret_looking_environment_variable" {
  command = plan

  variables {
    environment_variables = { API_TOKEN = "x" }
  }

  expect_failures = [var.environment_variables]
}

run "rejects_secrets_without_their_key" {
  command = plan

  variables {
    secrets_kms_key_arn = null
  }

  expect_failures = [aws_apprunner_service.this]
}

run "rejects_names_longer_than_app_runner_allows" {
  command = plan

  variables {
    name_prefix = "lookcard-sandbox-preview-abcdef"
  }

  expect_failures = [
    aws_apprunner_auto_scaling_configuration_version.this,
    aws_apprunner_observability_configuration.this,
  ]
}

# --- Log groups App Runner creates ---------------------------------------------

run "no_log_group_is_adopted_before_app_runner_created_any" {
  command = plan

  override_data {
    target = data.aws_cloudwatch_log_groups.aws_created
    values = {
      log_group_names = []
    }
  }

  assert {
    condition     = length(aws_cloudwatch_log_group.aws_created) == 0 && length(output.aws_created_log_groups) == 0
    error_message = "Before the service exists there is nothing to adopt: creating the groups first is impossible (their names hold the service ID) and would collide with App Runner's."
  }

  assert {
    condition     = data.aws_cloudwatch_log_groups.aws_created.log_group_name_prefix == "/aws/apprunner/lookcard-test-web-app/" && output.log_group_name_prefix == "/aws/apprunner/lookcard-test-web-app/"
    error_message = "The groups are looked up under /aws/apprunner/<service name>/ only (the trailing slash keeps another service's groups out)."
  }
}

run "app_runners_log_groups_get_the_logs_key_and_retention_once_they_exist" {
  command = plan

  override_data {
    target = data.aws_cloudwatch_log_groups.aws_created
    values = {
      log_group_names = [
        "/aws/apprunner/lookcard-test-web-app/0123456789abcdef0123456789abcdef/application",
        "/aws/apprunner/lookcard-test-web-app/0123456789abcdef0123456789abcdef/service",
      ]
    }
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_log_group.aws_created)) == toset(["0123456789abcdef0123456789abcdef/application", "0123456789abcdef0123456789abcdef/service"])
    error_message = "Each log group App Runner created for the service (application and service) is managed by the module."
  }

  assert {
    condition = alltrue([for k, g in aws_cloudwatch_log_group.aws_created :
      g.name == "/aws/apprunner/lookcard-test-web-app/${k}" &&
      g.kms_key_id == "arn:aws:kms:ap-southeast-1:123456789012:key/44444444-4444-4444-4444-444444444444" &&
      g.retention_in_days == 90
    ])
    error_message = "App Runner's log groups must be encrypted with the logs key and expire after the environment's retention, like every other log group."
  }

  assert {
    condition     = output.aws_created_log_groups["0123456789abcdef0123456789abcdef/service"] == "/aws/apprunner/lookcard-test-web-app/0123456789abcdef0123456789abcdef/service"
    error_message = "aws_created_log_groups gives the root the import ID (the group's name) of each group by its key."
  }
}

run "rejects_an_unencrypted_log_group_key" {
  command = plan

  variables {
    logs = { kms_key_arn = "alias/aws/logs", retention_in_days = 90 }
  }

  expect_failures = [var.logs]
}

# Runs that need computed ARNs: a mocked apply (no cloud), last so that their
# state does not reach the plan-only runs above.

run "egress_goes_through_the_vpc_connector" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = (
      aws_apprunner_service.this.network_configuration[0].egress_configuration[0].egress_type == "VPC" &&
      aws_apprunner_service.this.network_configuration[0].egress_configuration[0].vpc_connector_arn == "arn:aws:apprunner:ap-southeast-1:123456789012:vpcconnector/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    )
    error_message = "All egress must leave through the module's VPC connector."
  }

  assert {
    condition = (
      aws_apprunner_vpc_connector.this.subnets == toset(["subnet-0aaa0000000000001", "subnet-0bbb0000000000002", "subnet-0ccc0000000000003"]) &&
      aws_apprunner_vpc_connector.this.security_groups == toset(["sg-0123456789abcdef0"])
    )
    error_message = "The VPC connector must use the given subnets and security groups."
  }
}

run "xray_tracing_is_on" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = aws_apprunner_observability_configuration.this.trace_configuration[0].vendor == "AWSXRAY"
    error_message = "Tracing must go to AWS X-Ray."
  }

  assert {
    condition = (
      aws_apprunner_service.this.observability_configuration[0].observability_enabled &&
      aws_apprunner_service.this.observability_configuration[0].observability_configuration_arn == "arn:aws:apprunner:ap-southeast-1:123456789012:observabilityconfiguration/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    )
    error_message = "The service must enable observability with the module's X-Ray configuration."
  }

  assert {
    condition     = contains(one([for s in jsondecode(module.instance_role.inline_policies["lookcard-test-web-app-runtime"]).Statement : s if s.Sid == "WriteTraces"]).Action, "xray:PutTraceSegments")
    error_message = "The instance role must be allowed to write traces."
  }
}

run "scaling_bounds_are_passed_through" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition = (
      aws_apprunner_auto_scaling_configuration_version.this.min_size == 2 &&
      aws_apprunner_auto_scaling_configuration_version.this.max_size == 10 &&
      aws_apprunner_auto_scaling_configuration_version.this.max_concurrency == 100 &&
      aws_apprunner_auto_scaling_configuration_version.this.auto_scaling_configuration_name == "lookcard-test-web"
    )
    error_message = "Auto scaling must be lookcard-<env>-web with min 2, max 10 and the default concurrency 100."
  }

  assert {
    condition     = aws_apprunner_service.this.auto_scaling_configuration_arn == "arn:aws:apprunner:ap-southeast-1:123456789012:autoscalingconfiguration/lookcard-test-web/1/0123456789abcdef0123456789abcdef"
    error_message = "The service must use the module's auto scaling configuration."
  }

  assert {
    condition     = aws_apprunner_service.this.instance_configuration[0].cpu == "1024" && aws_apprunner_service.this.instance_configuration[0].memory == "2048"
    error_message = "The instance size must be the one asked for."
  }
}

run "roles_carry_the_workload_permissions_boundary" {
  command = plan

  variables {
    permissions_boundary_arn = "arn:aws:iam::123456789012:policy/lookcard-test-workload-boundary"
  }

  assert {
    condition     = module.access_role.permissions_boundary_arn == var.permissions_boundary_arn && module.instance_role.permissions_boundary_arn == var.permissions_boundary_arn
    error_message = "Both App Runner roles must carry the workload permissions boundary (the deploy role may create a role only with it)."
  }
}
