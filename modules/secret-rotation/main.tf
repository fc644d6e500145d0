# One rotation function for every secret the platform generates itself. It
# runs in the private subnets, reaches only the Secrets Manager interface
# endpoint, and is invoked by Secrets Manager for exactly the given secrets.
# With no secret to rotate, nothing is created.

locals {
  enabled = length(var.secrets) > 0

  name = "${var.name_prefix}-secret-rotation"

  # Built from known parts so that they are known at plan time. The role ARN
  # must not depend on var.secrets: the root puts it in the readers of the
  # very secrets whose ARNs it passes in here, and a dependency would be a
  # cycle.
  role_name = local.name
  role_arn  = "arn:${var.partition}:iam::${var.account_id}:role/${local.role_name}"

  log_group_name = "/aws/lambda/${local.name}"
  log_group_arn  = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_name}"

  secret_arns         = sort([for s in values(var.secrets) : s.arn])
  secret_kms_key_arns = sort(distinct([for s in values(var.secrets) : s.kms_key_arn]))

  # Lambda permission statement IDs allow letters, digits, '-' and '_'; keys
  # have no '_', so replacing '/' keeps them distinct.
  statement_ids = { for k in keys(var.secrets) : k => "SecretsManagerRotates-${replace(k, "/", "_")}" }

  package = "${path.module}/function.zip"
}

resource "aws_cloudwatch_log_group" "this" {
  count = local.enabled ? 1 : 0

  # Created here (not by Lambda on first write) so that the retention and
  # the KMS key apply from the first log line.
  name              = local.log_group_name
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = { Name = local.log_group_name }
}

resource "aws_lambda_function" "this" {
  count = local.enabled ? 1 : 0

  function_name = local.name
  description   = "Secrets Manager rotation of the secrets the platform generates itself"
  role          = module.role[0].arn

  filename         = local.package
  source_code_hash = filebase64sha256(local.package)
  handler          = "index.handler"
  runtime          = var.runtime
  architectures    = [var.architecture]
  timeout          = var.timeout
  memory_size      = var.memory_size

  # -1 is Lambda's "no reservation" (the function uses the unreserved pool).
  reserved_concurrent_executions = var.reserved_concurrent_executions == null ? -1 : var.reserved_concurrent_executions

  # Environment variables are encrypted at rest with this key (Lambda uses a
  # grant it creates at deployment, not the execution role). They hold
  # settings only, never a secret.
  kms_key_arn = var.environment_kms_key_arn

  environment {
    variables = {
      PASSWORD_LENGTH     = tostring(var.password.length)
      EXCLUDE_PUNCTUATION = tostring(var.password.exclude_punctuation)
    }
  }

  vpc_config {
    subnet_ids         = var.network.subnet_ids
    security_group_ids = [aws_security_group.this[0].id]
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.this[0].name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  tags = { Name = local.name }

  # The log group must exist (or Lambda creates one without retention or
  # KMS), and the role must hold its permissions before Lambda creates the
  # network interfaces and the first invocation writes its logs.
  depends_on = [
    aws_cloudwatch_log_group.this,
    module.role,
  ]

  lifecycle {
    # Lambda refuses (at apply) a reservation that leaves the account fewer
    # than 10 unreserved concurrent executions. Only this function's own
    # reservation can be checked here; other reservations in the account
    # lower the room further.
    precondition {
      condition     = var.reserved_concurrent_executions == null ? true : var.reserved_concurrent_executions <= var.account_concurrency_quota - 10
      error_message = "reserved_concurrent_executions (${coalesce(var.reserved_concurrent_executions, 0)}) would leave fewer than 10 of the account's ${var.account_concurrency_quota} concurrent executions unreserved, which Lambda refuses: set it to null (no reservation), or raise the quota (Service Quotas L-B99A9384) and pass the new account_concurrency_quota."
    }
  }
}

# --- Network -----------------------------------------------------------------

resource "aws_security_group" "this" {
  count = local.enabled ? 1 : 0

  # A prefix, not a fixed name: a replacement is created before the old group
  # (still attached to the function's network interfaces) is deleted.
  name_prefix = "${local.name}-"
  description = "Secret rotation function: HTTPS to the VPC endpoints only, no ingress"
  vpc_id      = var.network.vpc_id

  # Managed as empty: nothing ever connects to the function, and an ingress
  # rule added outside Terraform shows up as drift. Egress is a separate rule
  # resource below (the inline egress is left unmanaged).
  ingress = []

  tags = { Name = local.name }

  lifecycle {
    create_before_destroy = true
  }
}

# Secrets Manager is reached through its interface endpoint (private DNS), so
# the function's only destination is the endpoints' security group. CloudWatch
# Logs and X-Ray segments are delivered by the Lambda service itself, and DNS
# goes to the VPC resolver, which security groups do not filter.
resource "aws_vpc_security_group_egress_rule" "endpoints_https" {
  count = local.enabled ? 1 : 0

  security_group_id            = aws_security_group.this[0].id
  description                  = "HTTPS to the interface VPC endpoints (Secrets Manager)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.network.endpoint_security_group_id

  tags = { Name = "${local.name}-endpoints-https" }
}

# --- Rotation ----------------------------------------------------------------

# Secrets Manager may invoke the function only for these secrets, and only
# on behalf of this account (no confused deputy).
resource "aws_lambda_permission" "secretsmanager" {
  for_each = var.secrets

  statement_id   = local.statement_ids[each.key]
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this[0].function_name
  principal      = "secretsmanager.amazonaws.com"
  source_arn     = each.value.arn
  source_account = var.account_id
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = var.secrets

  secret_id           = each.value.arn
  rotation_lambda_arn = aws_lambda_function.this[0].arn

  # The secrets module creates empty containers, and a generated secret has
  # no owner who would seed it: the first rotation, at creation, gives it its
  # first value (the function writes a plain string when there is no
  # AWSCURRENT yet), so services that read it can start the same day instead
  # of at the first scheduled rotation, 30 to 90 days later. The provider
  # calls RotateSecret again only when the rotation configuration changes
  # (function or schedule), which rotates once more; readers accept
  # AWSCURRENT and AWSPREVIOUS, so a rotation is always safe for them.
  rotate_immediately = true

  rotation_rules {
    automatically_after_days = var.rotation_days
  }

  # Secrets Manager invokes the function as soon as rotation is configured:
  # it must be allowed to, hold its permissions, log, and reach the endpoint
  # (the root makes this module wait for the network, endpoints included).
  depends_on = [
    aws_lambda_permission.secretsmanager,
    aws_vpc_security_group_egress_rule.endpoints_https,
    module.role,
  ]

  lifecycle {
    precondition {
      condition     = split(":", each.value.arn)[1] == var.partition && split(":", each.value.arn)[3] == var.region && split(":", each.value.arn)[4] == var.account_id
      error_message = "secrets[\"${each.key}\"].arn must be a secret of account ${var.account_id} in ${var.region}: Secrets Manager invokes rotation functions in the secret's own region, and the function's role is scoped to this account."
    }

    precondition {
      condition     = split(":", each.value.kms_key_arn)[1] == var.partition && split(":", each.value.kms_key_arn)[3] == var.region && split(":", each.value.kms_key_arn)[4] == var.account_id
      error_message = "secrets[\"${each.key}\"].kms_key_arn must be a key of account ${var.account_id} in ${var.region}: Secrets Manager encrypts a secret only with a key of its own region."
    }
  }
}
