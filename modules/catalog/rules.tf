# The catalog's rules across fields, services and environments. Each is a
# list of offenders ("<service> (<what is wrong>)"), empty when the catalog
# keeps the rule; broken_rules says what is wrong and how to put it right,
# and the precondition of output "services" refuses the catalog unless it is
# empty. (A validation in variables.tf may not read locals on Terraform 1.7
# or OpenTofu 1.8.)

locals {
  # Fargate's CPU/memory pairs (MiB): 256 with 512-2048, 512 with 1-4 GiB,
  # 1024 with 2-8 GiB, 2048 with 4-16 GiB, 4096 with 8-30 GiB in 1 GiB steps;
  # 8192 with 16-60 GiB in 4 GiB steps; 16384 with 32-120 GiB in 8 GiB steps.
  fargate_memory_by_cpu = {
    "256"   = [512, 1024, 2048]
    "512"   = [for g in range(1, 5) : g * 1024]
    "1024"  = [for g in range(2, 9) : g * 1024]
    "2048"  = [for g in range(4, 17) : g * 1024]
    "4096"  = [for g in range(8, 31) : g * 1024]
    "8192"  = [for g in range(16, 61, 4) : g * 1024]
    "16384" = [for g in range(32, 121, 8) : g * 1024]
  }

  unknown_environment = contains(local.environments, var.environment) ? [] : [var.environment]

  capacity_keyed_by_unknown_environment = flatten([for n, s in var.services :
    [for e, _ in s.capacity : "${n} (capacity.${e})" if !contains(concat(["default"], local.environments), e)]
  ])

  public_without_one_route = [for n, s in var.services : n
    if s.exposure == "public" && (try(s.route.path, null) == null) == (try(s.route.host, null) == null)
  ]

  # Where a public service is reached: its host (default api) and path (default /).
  public_addresses = { for n, s in var.services : n => "${coalesce(try(s.route.host, null), "api")}${coalesce(try(s.route.path, null), "/")}" if s.exposure == "public" }
  shared_public_addresses = [for n, a in local.public_addresses : "${n} (${a})"
    if length([for m, b in local.public_addresses : m if b == a]) > 1
  ]

  listeners_without_port_or_health_check = [for n, s in var.services : n
    if contains(["api", "web"], s.kind) && !(s.port != null && can(regex("^/", s.health_check)))
  ]

  unknown_callers = flatten([for n, s in var.services :
    [for c in s.callers : "${n}.callers: ${c}" if !contains(keys(var.services), c) || c == n]
  ])

  schedule_not_on_a_job = [for n, s in var.services : n if(s.kind == "job") != (s.schedule != null)]

  capacity_out_of_order = flatten([for n, s in var.services : [for e in local.environments : "${n} (${e})"
    if !(local.capacity[n][e].min <= local.capacity[n][e].desired && local.capacity[n][e].desired <= local.capacity[n][e].max)
  ]])

  fargate_pairs_not_offered = flatten([for n, s in var.services : [for e in local.environments : "${n} (${e}: cpu ${local.capacity[n][e].cpu}, memory ${local.capacity[n][e].memory})"
    if s.cluster != "app-runner" && !contains(lookup(local.fargate_memory_by_cpu, tostring(local.capacity[n][e].cpu), []), local.capacity[n][e].memory)
  ]])

  # One sentence a broken rule: what is wrong, where, and how to put it right.
  broken_rules = concat(
    length(local.unknown_environment) == 0 ? [] : ["environment ${var.environment} is not one of ${join(", ", local.environments)}."],
    length(local.capacity_keyed_by_unknown_environment) == 0 ? [] : ["Capacity overrides may be keyed only by default or an environment (${join(", ", local.environments)}): ${join(", ", local.capacity_keyed_by_unknown_environment)}."],
    length(local.public_without_one_route) == 0 ? [] : ["A public service needs route.path or route.host (exactly one): ${join(", ", local.public_without_one_route)}."],
    length(local.shared_public_addresses) == 0 ? [] : ["Two public services share a host and path: ${join(", ", local.shared_public_addresses)}. Give each its own route."],
    length(local.listeners_without_port_or_health_check) == 0 ? [] : ["Services of kind api or web need a port and a health_check path starting with '/': ${join(", ", local.listeners_without_port_or_health_check)}."],
    length(local.unknown_callers) == 0 ? [] : ["Callers that are not services in the catalog (or a service calling itself): ${join(", ", local.unknown_callers)}. List only other services of the catalog."],
    length(local.schedule_not_on_a_job) == 0 ? [] : ["Scheduled jobs need a schedule, and only jobs may have one: ${join(", ", local.schedule_not_on_a_job)}."],
    length(local.capacity_out_of_order) == 0 ? [] : ["min <= desired <= max must hold in every environment (the override, else capacity.default) for: ${join(", ", local.capacity_out_of_order)}."],
    length(local.fargate_pairs_not_offered) == 0 ? [] : ["A Fargate CPU/memory pair that Fargate does not offer: ${join(", ", local.fargate_pairs_not_offered)}. See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size."],
  )
}
