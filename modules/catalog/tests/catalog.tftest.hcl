# The catalog's guarantees, against the real catalog/services.yaml, and the
# bad input it must reject (each naming the service and the field).

variables {
  environment = "production"
}

# Applying the loader creates nothing: it only reads the file.
run "load_the_real_catalog" {
  command = apply

  module {
    source = "./tests/loader"
  }
}

run "the_real_catalog_has_22_or_more_ecs_services_on_six_clusters" {
  command = plan

  variables {
    services = run.load_the_real_catalog.services
  }

  assert {
    condition     = length(output.ecs_services) >= 22
    error_message = "The platform runs 22 or more ECS services and jobs."
  }

  assert {
    condition     = alltrue([for c, names in output.services_by_cluster : length(names) > 0]) && length(output.services_by_cluster) == 6
    error_message = "Each of the six clusters must run at least one service."
  }
}

run "required_services_are_on_their_clusters" {
  command = plan

  variables {
    services = run.load_the_real_catalog.services
  }

  assert {
    condition = alltrue([for n, c in {
      "account-api"      = "core-application", "card-api" = "core-application", "user-api" = "core-application",
      "verification-api" = "core-application", "crypto-api" = "core-application", "crypto-listener" = "listener",
      "crypto-processor" = "listener", "profile-api" = "composite-application", "data-api" = "composite-application",
      "config-api"       = "composite-application", "notification-api" = "composite-application", "webhook-api" = "composite-application",
      "reap-proxy"       = "composite-application", "authentication-api" = "core-application", "reseller-api" = "composite-application",
      "web-app"          = "app-runner",
    } : output.services[n].cluster == c])
    error_message = "Every service named by the product description must exist on its cluster."
  }
}

run "production_capacity_overrides_apply" {
  command = plan

  variables {
    services = run.load_the_real_catalog.services
  }

  assert {
    condition     = output.services["card-api"].capacity.desired == 3 && output.services["card-api"].capacity.cpu == 512
    error_message = "Production overrides (desired 3) must merge over the default (cpu 512)."
  }
}

run "develop_gets_the_default_capacity" {
  command = plan

  variables {
    services    = run.load_the_real_catalog.services
    environment = "develop"
  }

  assert {
    condition     = output.services["card-api"].capacity.desired == 1
    error_message = "Without an override an environment gets capacity.default."
  }
}

run "shared_secrets_list_every_reader" {
  command = plan

  variables {
    services = run.load_the_real_catalog.services
  }

  assert {
    condition     = output.secrets["reap-api-key"] == tolist(["card-api", "reap-proxy", "settlement-job"])
    error_message = "A secret's readers are exactly the services that declare it."
  }
}

# The control for the negative runs below: each differs from this one in one field.
run "accepts_a_minimal_service" {
  command = plan

  variables {
    services = { a-api = { cluster = "core-application", kind = "api", port = 80, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } } }
  }

  assert {
    condition     = output.services["a-api"].health_check == "/health" && output.services["a-api"].exposure == "none"
    error_message = "Defaults: health_check /health, exposure none."
  }
}

run "rejects_unknown_cluster" {
  command = plan

  variables {
    services = { x-api = { cluster = "core", kind = "api", port = 80, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } } }
  }

  expect_failures = [var.services]
}

run "rejects_two_services_on_one_public_path" {
  command = plan

  variables {
    services = {
      a-api = { cluster = "core-application", kind = "api", port = 80, exposure = "public", route = { path = "/v1/x" }, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } }
      b-api = { cluster = "core-application", kind = "api", port = 80, exposure = "public", route = { path = "/v1/x" }, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } }
    }
  }

  expect_failures = [var.services]
}

run "rejects_unknown_caller" {
  command = plan

  variables {
    services = { a-api = { cluster = "core-application", kind = "api", port = 80, callers = ["ghost-api"], capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } } }
  }

  expect_failures = [var.services]
}

run "rejects_fargate_pair_fargate_does_not_offer" {
  command = plan

  variables {
    services = { a-api = { cluster = "core-application", kind = "api", port = 80, capacity = { default = { cpu = 256, memory = 4096, desired = 1, min = 1, max = 1 } } } }
  }

  expect_failures = [var.services]
}

run "rejects_min_above_max" {
  command = plan

  variables {
    services = { a-api = { cluster = "core-application", kind = "api", port = 80, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 }, production = { min = 3 } } } }
  }

  expect_failures = [var.services]
}

run "rejects_job_without_schedule" {
  command = plan

  variables {
    services = { a-job = { cluster = "cronjob", kind = "job", capacity = { default = { cpu = 256, memory = 512, desired = 0, min = 0, max = 1 } } } }
  }

  expect_failures = [var.services]
}

run "rejects_name_that_is_not_a_dns_label" {
  command = plan

  variables {
    services = { "Card_API" = { cluster = "core-application", kind = "api", port = 80, capacity = { default = { cpu = 256, memory = 512, desired = 1, min = 1, max = 1 } } } }
  }

  expect_failures = [var.services]
}
