# The Next.js web app on App Runner: image from private ECR (pulled with an
# access role), all egress through a VPC connector, X-Ray tracing, the
# service encrypted with a customer-managed key, and an instance role that
# reads exactly the service's secrets.

locals {
  service_name = "${var.name_prefix}-${var.service_name}"

  # App Runner auto scaling and observability configuration names are
  # limited to 32 characters, VPC connector and service names to 40.
  short_name = "${var.name_prefix}-web"

  access_role_name   = "${local.service_name}-access"
  instance_role_name = "${local.service_name}-instance"

  tags = { Service = var.service_name }

  # Secret ARNs without the optional :<json-key>:<stage>:<version> suffix:
  # what IAM evaluates.
  secret_arns = sort(distinct([for v in values(var.secrets) : regex("^(arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:[^:]+)", v)[0]]))

  instance_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      length(local.secret_arns) == 0 ? [] : [{
        Sid      = "ReadTheServiceSecrets"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = local.secret_arns
      }],
      length(local.secret_arns) == 0 ? [] : [{
        Sid      = "DecryptTheServiceSecretsThroughSecretsManager"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.secrets_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.${var.region}.amazonaws.com" }
        }
      }],
      [{
        # X-Ray has no resource-level permissions for these actions.
        Sid    = "WriteTraces"
        Effect = "Allow"
        Action = [
          "xray:PutTraceSegments", "xray:PutTelemetryRecords",
          "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
        ]
        Resource = "*"
      }],
    )
  })
}

# ── Configurations ────────────────────────────────────────────────────────
# Each is immutable in App Runner: a change creates a new revision under the
# same name before the old one is let go.

resource "aws_apprunner_auto_scaling_configuration_version" "this" {
  auto_scaling_configuration_name = local.short_name

  min_size        = var.scaling.min_size
  max_size        = var.scaling.max_size
  max_concurrency = var.scaling.max_concurrency

  tags = merge(local.tags, { Name = local.short_name })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = length(local.short_name) <= 32
      error_message = "App Runner auto scaling configuration names are at most 32 characters; \"${local.short_name}\" has ${length(local.short_name)}. Use a shorter name_prefix (preview slug)."
    }
  }
}

resource "aws_apprunner_observability_configuration" "this" {
  observability_configuration_name = local.short_name

  trace_configuration {
    vendor = "AWSXRAY"
  }

  tags = merge(local.tags, { Name = local.short_name })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = length(local.short_name) <= 32
      error_message = "App Runner observability configuration names are at most 32 characters; \"${local.short_name}\" has ${length(local.short_name)}. Use a shorter name_prefix (preview slug)."
    }
  }
}

resource "aws_apprunner_vpc_connector" "this" {
  vpc_connector_name = local.short_name
  subnets            = var.vpc_connector.subnet_ids
  security_groups    = var.vpc_connector.security_group_ids

  tags = merge(local.tags, { Name = local.short_name })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = length(local.short_name) <= 40
      error_message = "App Runner VPC connector names are at most 40 characters; \"${local.short_name}\" has ${length(local.short_name)}."
    }
  }
}

# ── Roles ─────────────────────────────────────────────────────────────────
# Access role: App Runner's build service pulls the image from private ECR.
module "access_role" {
  source = "../iam-role"

  name                     = local.access_role_name
  description              = "App Runner pulls the ${local.service_name} image from ECR"
  permissions_boundary_arn = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AppRunnerBuild"
      Effect    = "Allow"
      Principal = { Service = "build.apprunner.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  managed_policy_arns = { ecr-access = "arn:${var.partition}:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess" }

  tags = merge(local.tags, { Name = local.access_role_name })
}

# Instance role: what the running app may call.
module "instance_role" {
  source = "../iam-role"

  name                     = local.instance_role_name
  description              = "Runtime permissions of the ${local.service_name} App Runner service"
  permissions_boundary_arn = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AppRunnerTasks"
      Effect    = "Allow"
      Principal = { Service = "tasks.apprunner.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  # Keyed by a stable label (its address in state); the IAM name is the one
  # the policy always had.
  inline_policies     = { runtime = local.instance_policy }
  inline_policy_names = { runtime = "${local.service_name}-runtime" }

  tags = merge(local.tags, { Name = local.instance_role_name })
}

# ── Service ───────────────────────────────────────────────────────────────
resource "aws_apprunner_service" "this" {
  service_name                   = local.service_name
  auto_scaling_configuration_arn = aws_apprunner_auto_scaling_configuration_version.this.arn

  source_configuration {
    auto_deployments_enabled = false

    authentication_configuration {
      access_role_arn = module.access_role.arn
    }

    image_repository {
      image_identifier      = "${var.image.repository_url}:${var.image.tag}"
      image_repository_type = "ECR"

      image_configuration {
        port                          = tostring(var.port)
        runtime_environment_variables = length(var.environment_variables) == 0 ? null : var.environment_variables
        runtime_environment_secrets   = length(var.secrets) == 0 ? null : var.secrets
      }
    }
  }

  instance_configuration {
    cpu               = var.size.cpu
    memory            = var.size.memory
    instance_role_arn = module.instance_role.arn
  }

  network_configuration {
    egress_configuration {
      egress_type       = "VPC"
      vpc_connector_arn = aws_apprunner_vpc_connector.this.arn
    }

    # Public so that CloudFront can reach it (see README).
    ingress_configuration {
      is_publicly_accessible = true
    }
  }

  health_check_configuration {
    protocol = "HTTP"
    path     = var.health_check_path
  }

  encryption_configuration {
    kms_key = var.kms_key_arn
  }

  observability_configuration {
    observability_enabled           = true
    observability_configuration_arn = aws_apprunner_observability_configuration.this.arn
  }

  tags = merge(local.tags, { Name = local.service_name })

  # The roles hold their permissions before App Runner first pulls and
  # starts: the modules' arn outputs wait for the policies.

  lifecycle {
    precondition {
      condition     = length(var.secrets) == 0 || var.secrets_kms_key_arn != null
      error_message = "secrets_kms_key_arn must name the key of the secrets when secrets is not empty: App Runner reads them with the instance role, which needs kms:Decrypt on that key."
    }

    precondition {
      condition     = length(local.service_name) <= 40
      error_message = "App Runner service names are at most 40 characters; \"${local.service_name}\" has ${length(local.service_name)}."
    }

    precondition {
      condition     = length(setintersection(keys(var.environment_variables), keys(var.secrets))) == 0
      error_message = "A name may be an environment variable or a secret, not both: ${join(", ", setintersection(keys(var.environment_variables), keys(var.secrets)))}."
    }
  }
}
