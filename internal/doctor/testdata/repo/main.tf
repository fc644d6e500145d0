module "secret_rotation" {
  source = "./modules/secret-rotation"

  rotation_days                  = var.secrets.rotation_days
  reserved_concurrent_executions = var.secrets.rotation_reserved_concurrency
}
