# X-Ray: one sampling rule with the environment's fixed rate (one request a
# second is always traced, reservoir 1), a group per service to find its
# traces and Insights, one group of every trace with an error or fault, and
# KMS encryption of traces when a key is given.

resource "aws_xray_sampling_rule" "this" {
  rule_name      = local.short_names["sampling"]
  priority       = 1000
  version        = 1
  reservoir_size = 1
  fixed_rate     = var.xray.sampling_rate
  service_name   = "*"
  service_type   = "*"
  host           = "*"
  http_method    = "*"
  url_path       = "*"
  resource_arn   = "*"

  tags = { Name = local.short_names["sampling"] }
}

resource "aws_xray_group" "service" {
  for_each = var.services

  group_name        = local.short_names[each.key]
  filter_expression = "service(\"${each.key}\")"

  tags = { Name = local.short_names[each.key], Service = each.key }
}

resource "aws_xray_group" "errors" {
  group_name        = local.short_names["errors"]
  filter_expression = "fault = true OR error = true"

  tags = { Name = local.short_names["errors"] }
}

# Account-wide: the account holds one encryption setting, so exactly one
# stack per account manages it (xray.manage_encryption, like the audit
# module's once-per-account resources): previews share the sandbox account
# and would overwrite the sandbox's setting, and reset it on destroy. Where
# managed it is always managed (NONE is X-Ray's default encryption) because
# the key ARN is usually unknown until apply and cannot decide whether the
# resource exists.
resource "aws_xray_encryption_config" "this" {
  count = var.xray.manage_encryption ? 1 : 0

  type   = var.xray.kms_key_arn == null ? "NONE" : "KMS"
  key_id = var.xray.kms_key_arn
}
