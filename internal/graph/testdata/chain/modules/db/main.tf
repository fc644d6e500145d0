# Fixture: module "db" has no locals.
variable "key" {}
