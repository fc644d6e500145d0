# App Runner creates its two log groups itself, with the service:
# /aws/apprunner/<service name>/<service id>/service and .../application.
# The service ID exists only once the service does, and App Runner has
# already created both groups (without a key, never expiring) by the time
# CreateService returns, so they cannot be created first the way the other
# modules create theirs. Instead they are adopted: a plan finds the groups
# under the service's name, and this module manages each one found, with the
# logs key and the environment's retention. The root's import block (it must
# be in the root module) brings them into state, so the apply after the one
# that created the service encrypts them and sets their expiry; until then
# they hold only the first deployment's logs. Groups of an earlier service of
# the same name (a replaced service) are adopted too, so they expire as well.

locals {
  log_group_prefix = "/aws/apprunner/${local.service_name}/"

  # "<service id>/service" => full log group name. Known at plan time (a
  # data source read during the plan), as import blocks require.
  aws_created_log_groups = {
    for n in try(data.aws_cloudwatch_log_groups.aws_created.log_group_names, []) : trimprefix(n, local.log_group_prefix) => n
  }
}

data "aws_cloudwatch_log_groups" "aws_created" {
  log_group_name_prefix = local.log_group_prefix
}

resource "aws_cloudwatch_log_group" "aws_created" {
  for_each = local.aws_created_log_groups

  name              = each.value
  retention_in_days = var.logs.retention_in_days
  kms_key_id        = var.logs.kms_key_arn

  tags = merge(local.tags, { Name = each.value })
}
