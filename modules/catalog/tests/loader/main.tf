# Test helper: hands the real catalog file to the catalog module's tests
# (a test file's variables block cannot call functions).
output "services" {
  value = yamldecode(file("${path.module}/../../../../catalog/services.yaml")).services
}

output "rotating_secrets" {
  value = try(yamldecode(file("${path.module}/../../../../catalog/services.yaml")).rotating_secrets, [])
}
