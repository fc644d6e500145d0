# WAF logs go to CloudWatch Logs. WAF requires the log group name to start
# with aws-waf-logs-; the group is in the web ACL's region (us-east-1 for
# CLOUDFRONT). Credentials and session cookies never reach the logs.

resource "aws_cloudwatch_log_group" "this" {
  count = var.enabled ? 1 : 0

  name              = "aws-waf-logs-${local.acl_name}"
  kms_key_id        = var.logs.kms_key_arn
  retention_in_days = var.logs.retention_in_days

  tags = { Name = "aws-waf-logs-${local.acl_name}" }
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  count = var.enabled ? 1 : 0

  resource_arn            = aws_wafv2_web_acl.this[0].arn
  log_destination_configs = [aws_cloudwatch_log_group.this[0].arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }

  # The origin secret never reaches the logs either.
  dynamic "redacted_fields" {
    for_each = local.origin_guard ? [lower(var.origin_verify.header_name)] : []
    content {
      single_header {
        name = redacted_fields.value
      }
    }
  }
}
