# The public API: a regional REST API served only on its custom domain, one
# resource tree for the catalog's public paths, and HTTP_PROXY integrations
# through a VPC link to the internal NLB, which passes TLS through to the
# public ALB that routes by path to the ECS services.

locals {
  # /v1/cards -> ["v1", "cards"]
  route_segments = { for n, r in var.routes : n => split("/", trimprefix(r.path, "/")) }

  # Every prefix of every route path, once: /v1 is shared by /v1/cards and
  # /v1/accounts and must exist once. Keyed by the prefix itself.
  path_prefixes = distinct(flatten([for segs in values(local.route_segments) : [
    for i in range(1, length(segs) + 1) : "/${join("/", slice(segs, 0, i))}"
  ]]))

  # A resource cannot reference its own instances, so the tree is built one
  # depth at a time (routes have 1-4 segments, see the validation).
  path_tree = { for d in range(1, 5) : d => { for p in local.path_prefixes : p => {
    part   = element(split("/", p), d)
    parent = d == 1 ? null : join("/", slice(split("/", p), 0, d))
  } if length(split("/", p)) - 1 == d } }

  resource_ids = merge(
    { for p, r in aws_api_gateway_resource.depth1 : p => r.id },
    { for p, r in aws_api_gateway_resource.depth2 : p => r.id },
    { for p, r in aws_api_gateway_resource.depth3 : p => r.id },
    { for p, r in aws_api_gateway_resource.depth4 : p => r.id },
  )

  api_key_required = { for n in keys(var.routes) : n => contains(var.api_key_routes, n) }

  # API Gateway connects through the VPC link whatever the URI's host; the
  # host is the TLS server name it verifies the ALB's certificate against and
  # the Host header the ALB sees. The NLB's own DNS name cannot be on a
  # certificate, so the URI names the API's custom domain.
  integration_uris = { for n, r in var.routes : n => {
    route = "https://${var.domain_name}${r.path}"
    proxy = "https://${var.domain_name}${r.path}/{proxy}"
  } }
}

resource "aws_api_gateway_rest_api" "this" {
  name        = "${var.name_prefix}-api"
  description = "LookCard public API (${var.name_prefix}), served only on https://${var.domain_name}."

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  # Only the custom domain (behind Cloudflare) serves traffic.
  disable_execute_api_endpoint = true
  api_key_source               = "HEADER"

  tags = { Name = "${var.name_prefix}-api" }
}

resource "aws_api_gateway_vpc_link" "this" {
  name        = "${var.name_prefix}-nlb"
  description = "Private integrations of ${var.name_prefix}-api to the internal NLB ${var.nlb.dns_name}."
  target_arns = [var.nlb.arn]

  tags = { Name = "${var.name_prefix}-nlb" }
}

# ── Resource tree ──────────────────────────────────────────────────────────

resource "aws_api_gateway_resource" "depth1" {
  for_each = local.path_tree[1]

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth2" {
  for_each = local.path_tree[2]

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth1[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth3" {
  for_each = local.path_tree[3]

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth2[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "depth4" {
  for_each = local.path_tree[4]

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth3[each.value.parent].id
  path_part   = each.value.part
}

# Everything below a route's path: /v1/cards/{proxy+}.
resource "aws_api_gateway_resource" "proxy" {
  for_each = var.routes

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = local.resource_ids[each.value.path]
  path_part   = "{proxy+}"
}

# ── Methods and integrations ───────────────────────────────────────────────
# Each route has two: the path itself (/v1/cards, e.g. POST to create) and
# everything below it (/v1/cards/{proxy+}). Authentication is the services'
# own (JWT); API keys identify reseller partners for their usage plans.

resource "aws_api_gateway_method" "route" {
  for_each = var.routes

  rest_api_id      = aws_api_gateway_rest_api.this.id
  resource_id      = local.resource_ids[each.value.path]
  http_method      = "ANY"
  authorization    = "NONE"
  api_key_required = local.api_key_required[each.key]
}

resource "aws_api_gateway_method" "proxy" {
  for_each = var.routes

  rest_api_id      = aws_api_gateway_rest_api.this.id
  resource_id      = aws_api_gateway_resource.proxy[each.key].id
  http_method      = "ANY"
  authorization    = "NONE"
  api_key_required = local.api_key_required[each.key]

  request_parameters = {
    "method.request.path.proxy" = true
  }
}

locals {
  # The secret header the ALB's web ACL admits (a static value, quoted).
  origin_verify_parameters = var.origin_verify_header_name == null ? {} : {
    "integration.request.header.${var.origin_verify_header_name}" = "'${var.origin_verify_header_value}'"
  }
}

resource "aws_api_gateway_integration" "route" {
  for_each = var.routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_method.route[each.key].resource_id
  http_method             = aws_api_gateway_method.route[each.key].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "ANY"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this.id
  uri                     = local.integration_uris[each.key].route
  timeout_milliseconds    = 29000

  request_parameters = local.origin_verify_parameters
}

resource "aws_api_gateway_integration" "proxy" {
  for_each = var.routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_method.proxy[each.key].resource_id
  http_method             = aws_api_gateway_method.proxy[each.key].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "ANY"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this.id
  uri                     = local.integration_uris[each.key].proxy
  timeout_milliseconds    = 29000

  request_parameters = merge(local.origin_verify_parameters, {
    "integration.request.path.proxy" = "method.request.path.proxy"
  })
}
