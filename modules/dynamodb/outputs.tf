output "tables" {
  description = "Tables by \"<service>/<table>\": name, arn (built from known parts, known at plan time), resource_arn (the provider's), stream_arn (null without a stream) and service."
  value = { for k, t in var.tables : k => {
    name         = local.table_names[k]
    arn          = local.table_arns[k]
    resource_arn = aws_dynamodb_table.this[k].arn
    stream_arn   = t.stream ? aws_dynamodb_table.this[k].stream_arn : null
    service      = t.service
  } }
}

output "table_arns_by_service" {
  description = "For every catalog service, the resources of its own tables for IAM policies, known at plan time: each table ARN, <arn>/index/* and, for tables with a stream, <arn>/stream/*. Services without tables map to an empty list."
  value = tomap({ for s in var.services : s => tolist(flatten([
    for k, t in var.tables : concat(
      [local.table_arns[k], "${local.table_arns[k]}/index/*"],
      t.stream ? ["${local.table_arns[k]}/stream/*"] : [],
    ) if t.service == s
  ])) })
}
