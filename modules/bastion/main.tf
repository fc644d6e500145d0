# An administrative host reached only through SSM Session Manager: no public
# IP, no SSH key, no inbound rule, sessions logged to an encrypted log group.

locals {
  count = var.enabled ? 1 : 0
  name  = "${var.name_prefix}-bastion"

  # The partition comes from the validated KMS ARN (arn:<partition>:kms:...).
  partition = split(":", var.logs_kms_key_arn)[1]

  log_group_name        = "/aws/ssm/${var.name_prefix}/sessions"
  log_group_arn         = "arn:${local.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_name}"
  session_document_name = "${var.name_prefix}-session-preferences"
  ssm_core_policy_arn   = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"

  # Built from known ARNs so that the policy reaches the plan as real JSON.
  session_logs_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteSessionLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = [local.log_group_arn, "${local.log_group_arn}:*"]
      },
      {
        # The SSM agent looks the group up (DescribeLogGroups, a list call that
        # IAM scopes to log-group:* only) to check that it is KMS-encrypted;
        # without it every session fails with cloudWatchEncryptionEnabled.
        Sid      = "FindSessionLogGroup"
        Effect   = "Allow"
        Action   = "logs:DescribeLogGroups"
        Resource = "arn:${local.partition}:logs:${var.region}:${var.account_id}:log-group:*"
      },
      {
        Sid      = "EncryptSessions"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = var.logs_kms_key_arn
      },
    ]
  })
}

data "aws_ssm_parameter" "ami" {
  count = local.count

  name = var.ami_ssm_parameter
}

# --- Session logging ---------------------------------------------------------

resource "aws_cloudwatch_log_group" "sessions" {
  count = local.count

  name              = local.log_group_name
  kms_key_id        = var.logs_kms_key_arn
  retention_in_days = var.log_retention_in_days

  tags = {
    Name = local.log_group_name
  }

  lifecycle {
    precondition {
      condition     = split(":", var.logs_kms_key_arn)[3] == var.region && split(":", var.logs_kms_key_arn)[4] == var.account_id
      error_message = "logs_kms_key_arn must be a key of account ${var.account_id} in ${var.region}: CloudWatch Logs encrypts only with a key in the log group's region."
    }
  }
}

# A named Session document rather than AWS's account-wide default
# (SSM-SessionManagerRunShell): operators start sessions with
# --document-name <session_document_name>, and their IAM policies should allow
# ssm:StartSession only with this document.
resource "aws_ssm_document" "session_preferences" {
  count = local.count

  name            = local.session_document_name
  document_type   = "Session"
  document_format = "JSON"

  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Session Manager preferences for ${local.name}: KMS-encrypted sessions logged to CloudWatch Logs."
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName                = ""
      s3KeyPrefix                 = ""
      s3EncryptionEnabled         = true
      cloudWatchLogGroupName      = aws_cloudwatch_log_group.sessions[0].name
      cloudWatchEncryptionEnabled = true
      cloudWatchStreamingEnabled  = true
      kmsKeyId                    = var.logs_kms_key_arn
      runAsEnabled                = false
      runAsDefaultUser            = ""
      # PCI DSS 8.2.8: re-authenticate after at most 15 idle minutes.
      idleSessionTimeout = "15"
      maxSessionDuration = "60"
      shellProfile = {
        linux   = ""
        windows = ""
      }
    }
  })

  tags = {
    Name = local.session_document_name
  }
}

# --- Instance role -----------------------------------------------------------

module "role" {
  source = "../iam-role"
  count  = local.count

  name                     = local.name
  description              = "Instance role of ${local.name}: SSM Session Manager and session logging only."
  permissions_boundary_arn = var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  # Exactly these, enforced by the module's exclusive guards.
  managed_policy_arns = { ssm-core = local.ssm_core_policy_arn }
  inline_policies     = { session-logs = local.session_logs_policy }

  tags = {
    Name = local.name
  }
}

resource "aws_iam_instance_profile" "this" {
  count = local.count

  name = local.name
  role = module.role[0].name

  tags = {
    Name = local.name
  }
}

# --- Network -----------------------------------------------------------------

resource "aws_security_group" "this" {
  count = local.count

  name        = local.name
  description = "${local.name}: no inbound at all; outbound HTTPS to the VPC endpoints and the listed CIDRs only"
  vpc_id      = var.vpc_id

  # Explicitly empty: an inbound rule added outside Terraform is removed on the
  # next apply. Outbound rules are the separate resources below (the provider
  # removes AWS's default allow-all egress rule when it creates the group).
  ingress = []

  tags = {
    Name = local.name
  }
}

resource "aws_vpc_security_group_egress_rule" "vpc_https" {
  count = local.count

  security_group_id = aws_security_group.this[0].id
  description       = "HTTPS to the VPC interface endpoints (ssm, ssmmessages, logs, kms)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.vpc_cidr

  tags = {
    Name = "${local.name}-vpc-https"
  }
}

resource "aws_vpc_security_group_egress_rule" "extra" {
  for_each = var.enabled ? var.egress_cidrs : {}

  security_group_id = aws_security_group.this[0].id
  description       = each.value.description
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr

  tags = {
    Name = "${local.name}-${each.key}"
  }
}

# --- Instance ----------------------------------------------------------------

resource "aws_instance" "this" {
  count = local.count

  # The public parameter holds an AMI ID, not a secret.
  ami                         = data.aws_ssm_parameter.ami[0].insecure_value
  instance_type               = var.instance_type
  subnet_id                   = var.subnet_id
  vpc_security_group_ids      = [aws_security_group.this[0].id]
  associate_public_ip_address = false
  iam_instance_profile        = aws_iam_instance_profile.this[0].name
  monitoring                  = true
  # No key_name: access is through Session Manager only.

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  root_block_device {
    encrypted             = true
    volume_type           = "gp3"
    kms_key_id            = var.ebs_kms_key_arn
    delete_on_termination = true

    tags = {
      Name = "${local.name}-root"
    }
  }

  tags = {
    Name = local.name
  }

  # The agent registers as soon as it boots; give it its permissions first.
  depends_on = [module.role]

  lifecycle {
    precondition {
      condition     = var.ebs_kms_key_arn == null || try(split(":", var.ebs_kms_key_arn)[3] == var.region, false)
      error_message = "ebs_kms_key_arn must be a key in ${var.region}: EBS encrypts only with a key in the volume's region."
    }
  }
}
