# Compute tier: the six ECS clusters, one ECR repository and one ECS service
# (or scheduled job) per catalog entry, and the web app on App Runner.

locals {
  image_tag = coalesce(var.compute.image_tag, var.git_commit_hash)

  # Non-secret connection settings a service gets from what it declares.
  service_environment = { for n, s in module.catalog.ecs_services : n => merge(
    { SERVICE_NAME = n, ENVIRONMENT = var.environment, AWS_REGION = var.aws_region },
    # DATABASE_USER comes from modules/ecs-service, with the rds-db:connect
    # grant on the same user.
    s.database ? {
      DATABASE_HOST = module.aurora.client_endpoint
      DATABASE_PORT = tostring(module.aurora.port)
      DATABASE_NAME = module.aurora.database_name
    } : {},
    s.redis ? {
      REDIS_HOST = module.redis.primary_endpoint
      REDIS_PORT = tostring(module.redis.port)
      REDIS_USER = module.redis.user_name
    } : {},
    { for k, t in module.dynamodb.tables : "DYNAMODB_TABLE_${upper(replace(t.service == n ? split("/", k)[1] : "", "-", "_"))}" => t.name if t.service == n },
  ) }
}

module "ecs_clusters" {
  source = "./modules/ecs-clusters"

  name_prefix        = local.name_prefix
  clusters           = module.catalog.clusters
  container_insights = var.compute.container_insights
  capacity_strategy  = var.compute.capacity_strategy
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
}

module "ecr" {
  source = "./modules/ecr"

  name_prefix  = local.name_prefix
  account_id   = local.account_id
  region       = var.aws_region
  repositories = toset(keys(module.catalog.services))
  kms_key_arn  = module.kms.key_arns["data"]
}

module "ecs_service" {
  source   = "./modules/ecs-service"
  for_each = module.catalog.ecs_services

  name_prefix              = local.name_prefix
  permissions_boundary_arn = local.permissions_boundary_arn
  account_id               = local.account_id
  region                   = var.aws_region
  partition                = local.partition
  service                  = each.value
  cluster                  = module.ecs_clusters.clusters[each.value.cluster]
  network = {
    subnet_ids        = module.network.subnet_ids.private
    security_group_id = module.security_groups.service_security_group_ids[each.key]
  }
  image = {
    repository_url = module.ecr.repository_urls[each.key]
    tag            = local.image_tag
  }
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
  secrets               = { for name in each.value.secrets : name => { arn = module.secrets.arns["app/${name}"] } }
  secrets_kms_key_arn   = length(each.value.secrets) > 0 ? module.kms.key_arns["secrets"] : null
  environment_variables = local.service_environment[each.key]
  permissions = {
    dynamodb_arns             = [for t in values(module.dynamodb.tables) : t.arn if t.service == each.key]
    kms_key_arns              = [for k in each.value.kms : module.kms.key_arns[k]]
    rds_db_connect_arn_prefix = each.value.database ? module.aurora.client_db_connect_arn_prefix : null
    elasticache_arns          = each.value.redis ? module.redis.connect_arns : []
  }
  service_discovery = { namespace_id = module.service_discovery.namespace_id }
  # The listener rule comes with the target group: the service and its
  # requests-per-target policy are created only once the rule attaches it.
  load_balancer = contains(keys(local.public_ecs_services), each.key) ? {
    target_group_arn   = module.load_balancers.target_group_arns[each.key]
    listener_rule_arn  = module.load_balancers.listener_rule_arns[each.key]
    alb_resource_label = module.load_balancers.alb_resource_labels[each.key]
  } : null
  cpu_architecture       = var.compute.cpu_architecture
  enable_execute_command = var.compute.enable_execute_command
  execute_command_configuration = var.compute.enable_execute_command ? {
    kms_key_arn    = module.kms.key_arns["logs"]
    log_group_name = module.ecs_clusters.exec_log_group_name
  } : null
  autoscaling = {
    scheduled_scaling = var.compute.scheduled_scaling ? {} : null
  }
  scheduled_job = each.value.kind == "job" ? { dead_letter_kms_key_arn = module.kms.key_arns["data"] } : null
}

module "web_app" {
  source = "./modules/app-runner"

  permissions_boundary_arn = local.permissions_boundary_arn
  name_prefix              = local.name_prefix
  account_id               = local.account_id
  region                   = var.aws_region
  # App Runner creates its log groups itself; the module adopts them (the
  # import block in observability.tf) with the logs key and retention.
  logs = {
    kms_key_arn       = module.kms.key_arns["logs"]
    retention_in_days = var.logs.retention_in_days
  }
  image = {
    repository_url = module.ecr.repository_urls["web-app"]
    tag            = local.image_tag
  }
  port = module.catalog.services["web-app"].port
  size = {
    cpu    = tostring(module.catalog.services["web-app"].capacity.cpu)
    memory = tostring(module.catalog.services["web-app"].capacity.memory)
  }
  scaling = {
    min_size = module.catalog.services["web-app"].capacity.min
    max_size = module.catalog.services["web-app"].capacity.max
  }
  vpc_connector = {
    subnet_ids         = module.network.subnet_ids.private
    security_group_ids = [module.security_groups.app_runner_security_group_id]
  }
  kms_key_arn = module.kms.key_arns["data"]
}
