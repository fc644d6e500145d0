# The catalog module validates catalog/services.yaml and resolves it for one
# environment. It creates nothing: every other module reads its outputs.

locals {
  clusters = ["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"]

  services = { for n, s in var.services : n => merge(s, {
    name     = n
    capacity = { for f in ["cpu", "memory", "desired", "min", "max"] : f => coalesce(try(s.capacity[var.environment][f], null), s.capacity["default"][f]) }
    # Everything that listens gets a port; workers and jobs have none.
    listens = s.port != null
  }) }

  ecs_services = { for n, s in local.services : n => s if s.cluster != "app-runner" }

  # Secrets are shared by name: each is read by the services that list it.
  secrets = { for sec in distinct(flatten([for s in local.services : s.secrets])) :
    sec => sort([for n, s in local.services : n if contains(s.secrets, sec)])
  }

  tables = merge([for n, s in local.services : { for t, spec in s.tables : "${n}/${t}" => merge(spec, { service = n, table = t }) }]...)
}
