# One DynamoDB table per catalog entry, named <name_prefix>-<service>-<table>:
# encrypted with the data key, point-in-time recovery on, TTL and a stream
# only where the catalog declares them.

locals {
  table_names = { for k, t in var.tables : k => "${var.name_prefix}-${t.service}-${t.table}" }

  # Built from known parts so that IAM policies elsewhere are known at plan time.
  table_arns = { for k, name in local.table_names : k => "arn:${var.partition}:dynamodb:${var.region}:${var.account_id}:table/${name}" }
}

resource "aws_dynamodb_table" "this" {
  for_each = var.tables

  name           = local.table_names[each.key]
  billing_mode   = each.value.billing_mode
  read_capacity  = each.value.billing_mode == "PROVISIONED" ? each.value.read_capacity : null
  write_capacity = each.value.billing_mode == "PROVISIONED" ? each.value.write_capacity : null
  hash_key       = each.value.hash_key
  range_key      = each.value.range_key

  attribute {
    name = each.value.hash_key
    type = "S"
  }

  dynamic "attribute" {
    for_each = each.value.range_key == null ? [] : [each.value.range_key]
    content {
      name = attribute.value
      type = "S"
    }
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  dynamic "ttl" {
    for_each = each.value.ttl == null ? [] : [each.value.ttl]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  stream_enabled   = each.value.stream
  stream_view_type = each.value.stream ? "NEW_AND_OLD_IMAGES" : null

  deletion_protection_enabled = var.deletion_protection

  tags = {
    Name               = local.table_names[each.key]
    Service            = each.value.service
    DataClassification = "restricted"
  }

  lifecycle {
    # services and tables are separate inputs (both straight from the catalog
    # module), so their consistency is checked here rather than in a validation.
    precondition {
      condition     = contains(var.services, each.value.service)
      error_message = "table ${each.key} is declared by service ${each.value.service} which is not in the catalog: add the service to services or fix the table's service."
    }
  }
}
