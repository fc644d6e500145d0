# The task definition: the app container (read-only root filesystem, non-root
# user, secrets only through Secrets Manager) and the X-Ray daemon sidecar.

locals {
  app_log_prefix  = "app"
  xray_log_prefix = "xray"

  # Writable scratch space: the root filesystem is read-only. ECS Exec's agent
  # also needs writable state and log directories (it is officially
  # unsupported on read-only root filesystems; these mounts are the known
  # workaround), so they are added only when ECS Exec is on.
  scratch_volumes = merge(
    { tmp = "/tmp" },
    var.enable_execute_command ? {
      ssm-state      = "/var/lib/amazon/ssm"
      ssm-logs       = "/var/log/amazon/ssm"
      managed-agents = "/managed-agents"
    } : {},
  )

  app_environment = merge(
    var.environment_variables,
    { AWS_XRAY_DAEMON_ADDRESS = "127.0.0.1:2000" },
    local.database_user_arn == null ? {} : { DATABASE_USER = local.database_user },
  )

  # The catalog's container_health_check: none, "CMD <exe> <args...>" (exec
  # form, no shell) or "CMD-SHELL <line>". No default command: a tool such as
  # curl may not be in the image, and an ALB target group already probes
  # health_check for public services.
  container_health_check = var.service.container_health_check
  health_check_command = (
    local.container_health_check == "none" ? null :
    startswith(local.container_health_check, "CMD-SHELL ") ? tolist(["CMD-SHELL", trimprefix(local.container_health_check, "CMD-SHELL ")]) :
    concat(["CMD"], split(" ", trimprefix(local.container_health_check, "CMD ")))
  )

  app_container = merge(
    {
      name                   = local.app_container_name
      image                  = "${var.image.repository_url}:${var.image.tag}"
      essential              = true
      readonlyRootFilesystem = true
      user                   = "10001"
      linuxParameters        = { initProcessEnabled = true }

      portMappings = local.listens ? [{
        name          = "${var.service.name}-${var.service.port}"
        containerPort = var.service.port
        hostPort      = var.service.port
        protocol      = "tcp"
      }] : []

      environment = [for k in sort(keys(local.app_environment)) : { name = k, value = local.app_environment[k] }]
      secrets     = [for k in sort(keys(var.secrets)) : { name = local.secret_env_names[k], valueFrom = var.secrets[k].arn }]

      mountPoints = [for v in sort(keys(local.scratch_volumes)) : {
        sourceVolume  = v
        containerPath = local.scratch_volumes[v]
        readOnly      = false
      }]
      volumesFrom = []

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = local.log_group_name
          awslogs-region        = var.region
          awslogs-stream-prefix = local.app_log_prefix
        }
      }
    },
    local.health_check_command == null ? {} : {
      healthCheck = {
        command     = local.health_check_command
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = min(var.health_check_grace_period_seconds, 300)
      }
    },
  )

  # Not essential: losing traces must not take the service down; ECS restarts it.
  xray_container = {
    name                   = local.xray_container_name
    image                  = var.xray.image
    essential              = false
    readonlyRootFilesystem = true
    user                   = "1337"
    cpu                    = var.xray.cpu
    memory                 = var.xray.memory
    restartPolicy          = { enabled = true }

    portMappings = [{
      containerPort = 2000
      hostPort      = 2000
      protocol      = "udp"
    }]
    environment = []
    mountPoints = []
    volumesFrom = []

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = local.log_group_name
        awslogs-region        = var.region
        awslogs-stream-prefix = local.xray_log_prefix
      }
    }
  }
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.task_definition_family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.service.capacity.cpu)
  memory                   = tostring(var.service.capacity.memory)
  execution_role_arn       = module.execution_role.arn
  task_role_arn            = module.task_role.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([local.app_container, local.xray_container])

  dynamic "volume" {
    for_each = sort(keys(local.scratch_volumes))
    content {
      name = volume.value
    }
  }

  tags = local.tags

  lifecycle {
    # What the roles' policies need (they live in modules/iam-role).
    precondition {
      condition     = length(var.secrets) == 0 || var.secrets_kms_key_arn != null
      error_message = "Service ${var.service.name} reads secrets: set secrets_kms_key_arn to the key that encrypts them."
    }

    precondition {
      condition     = local.guardduty_agent_repository_arn != null
      error_message = "The module does not know GuardDuty's Fargate agent repository in ${var.region}: set guardduty_agent_repository_arn from the GuardDuty User Guide (ECR repository for GuardDuty agent on AWS Fargate)."
    }

    precondition {
      condition     = var.permissions.rds_db_connect_arn_prefix == null || var.service.database
      error_message = "permissions.rds_db_connect_arn_prefix is set but the catalog entry of ${var.service.name} does not declare database = true."
    }

    precondition {
      condition     = !var.enable_execute_command || var.execute_command_configuration != null
      error_message = "ECS Exec is on for ${var.service.name}: set execute_command_configuration to the cluster's exec KMS key and log group, or every execute-command fails on the task role's missing permissions."
    }

    precondition {
      condition     = length(var.permissions.elasticache_arns) == 0 || var.service.redis
      error_message = "permissions.elasticache_arns is set but the catalog entry of ${var.service.name} does not declare redis = true."
    }

    precondition {
      condition     = !local.is_job || var.scheduled_job != null
      error_message = "Service ${var.service.name} is a job: set scheduled_job (at least dead_letter_kms_key_arn) so that its schedule has a retry policy and an encrypted dead-letter queue."
    }

    precondition {
      condition     = var.load_balancer == null || (local.listens && !local.is_job)
      error_message = "load_balancer needs a service that listens (service.port) and is not a job."
    }

    precondition {
      condition     = local.database_user_arn == null || !contains(keys(var.environment_variables), "DATABASE_USER")
      error_message = "environment_variables must not set DATABASE_USER for ${var.service.name}: the module sets it to the database user it grants rds-db:connect on (${local.database_user})."
    }

    precondition {
      condition     = length(setintersection(keys(var.environment_variables), values(local.secret_env_names))) == 0
      error_message = "environment_variables and secrets both define ${join(", ", setintersection(keys(var.environment_variables), values(local.secret_env_names)))}: a secret must come only from secrets."
    }

    precondition {
      condition     = var.xray.cpu < var.service.capacity.cpu && var.xray.memory < var.service.capacity.memory
      error_message = "The X-Ray sidecar (cpu ${var.xray.cpu}, memory ${var.xray.memory}) must leave room for the app in the task (cpu ${var.service.capacity.cpu}, memory ${var.service.capacity.memory}): lower xray or raise the catalog capacity."
    }
  }
}
