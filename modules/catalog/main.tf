# The catalog module validates catalog/services.yaml and resolves it for one
# environment. It creates nothing: every other module reads its outputs.

locals {
  # The one list of environments: capacity may be overridden for each, and
  # rules.tf checks every service's capacity in each.
  environments = ["develop", "testing", "staging", "production", "sandbox"]

  clusters = ["core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"]

  # Capacity by service and environment: the environment's override, else
  # capacity.default. Resolved for the environment planned too, so that a
  # misspelt one reaches its precondition rather than an index error.
  capacity = { for n, s in var.services : n => {
    for e in distinct(concat(local.environments, [var.environment])) : e => {
      for f in ["cpu", "memory", "desired", "min", "max"] : f => coalesce(try(s.capacity[e][f], null), s.capacity["default"][f])
    }
  } }

  services = { for n, s in var.services : n => merge(s, {
    name     = n
    capacity = local.capacity[n][var.environment]
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
