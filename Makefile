# LookCard infrastructure. `make plan` and `make test` are the two commands;
# everything they need is built here from the Go module proxy.

SHELL        := /bin/bash
TOFU_VERSION := 1.10.6
ENV          ?=

# Where the offline provider finds aws.json and cloudflare.json. Override it
# (or export it) on machines where the schemas live elsewhere.
LOOKCARD_PROVIDER_SCHEMAS ?= $(abspath $(wildcard ../shared/provider-schemas))
export LOOKCARD_PROVIDER_SCHEMAS

# The engines and the offline provider are Go programs that allocate hard while
# they plan: a profile of a root plan showed about a third of its CPU in the
# garbage collector. Collecting at 400 % heap growth instead of 100 % cuts the
# engines' CPU by about 30 % for about 2.5x the memory (a full-root native test
# file: 66 -> 46 CPU s, 230 -> 540 MB peak). Set GOGC yourself to override it.
GOGC ?= 400
export GOGC

BIN       := $(CURDIR)/bin
TOFU_PIN  := $(BIN)/tofu-$(TOFU_VERSION)
# TOFU=/path/to/tofu or TF_BINARY=terraform runs your own engine instead.
TF_BINARY ?=
TOFU      ?= $(if $(TF_BINARY),$(TF_BINARY),$(BIN)/tofu)
export TOFU

GO_SOURCES := $(shell find cmd internal -name '*.go' 2>/dev/null) go.mod go.sum
LOOKCARD   := $(BIN)/lookcard
PROVIDER   := $(BIN)/providers/terraform-provider-offline
ENV_FLAG    = $(if $(ENV),--env $(ENV))

.PHONY: all tools init plan apply refresh fmt validate docs cost check graph scan test test-quick test-profile bench clean

all: tools

tools: $(BIN)/tofu $(LOOKCARD) $(PROVIDER)

# Rebuilt only when the pin changes: the binary's name carries the version.
$(TOFU_PIN):
	@scripts/build-tofu.sh $(TOFU_VERSION) $@

$(BIN)/tofu: $(TOFU_PIN)
	@ln -sfn $(notdir $(TOFU_PIN)) $@

$(LOOKCARD): $(GO_SOURCES)
	@go build -o $@ ./cmd/lookcard

# One binary serves both providers; it picks its schema from the name it runs as.
$(PROVIDER): $(GO_SOURCES)
	@go build -o $@ ./cmd/terraform-provider-offline
	@ln -sfn terraform-provider-offline $(BIN)/providers/terraform-provider-aws
	@ln -sfn terraform-provider-offline $(BIN)/providers/terraform-provider-cloudflare

init plan apply refresh validate: tools
	@$(LOOKCARD) $@ $(ENV_FLAG) $(ARGS)

fmt: tools
	@$(LOOKCARD) fmt

cost: tools
	@$(LOOKCARD) cost $(ENV_FLAG) $(ARGS)

check: tools
	@$(LOOKCARD) check $(ENV_FLAG) $(ARGS)

graph: tools
	@$(LOOKCARD) graph $(ENV_FLAG) $(ARGS)

docs: tools
	@$(LOOKCARD) docs

# Trivy's misconfiguration checks over the HCL (part of make test).
scan:
	@scripts/scan.sh $(ENV)

test: tools
	@scripts/test.sh

# The inner loop (under a minute warm): gofmt, vet, tofu fmt, Go unit tests
# (-short) and the native tests of the modules with uncommitted changes
# (MODULES="kms ecr" names others, MODULES=none skips them).
test-quick: tools
	@scripts/test.sh --quick

# Wall and CPU seconds per Go package, suite test and module test (on each
# engine), as a table for the README. ARGS narrows it, e.g.
# ARGS="--modules kms,ecr --engines opentofu --packages ./internal/cost".
test-profile: tools
	@scripts/test-profile.sh $(ARGS)

bench: tools
	@scripts/bench.sh

clean:
	@rm -rf bin .lookcard .terraform
