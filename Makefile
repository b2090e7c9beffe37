# Zoolens: one entry point for building, testing and running the whole system.
# `make test` is the README's test command and what .ci/run calls; `make up` the start command.

SHELL := /bin/bash
export TF_CPP_MIN_LOG_LEVEL ?= 2
MVN := ./mvnw -B -ntp

.PHONY: help test prerequisites test-images model java-test frontend-test stack-test bench-classifier build up down status logs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-15s %s\n", $$1, $$2 }'

# ---- tests ---------------------------------------------------------------------------------------------------
# Order matters: the stack tests run the jars and frontend/dist the steps before them build.
test: prerequisites test-images java-test frontend-test stack-test ## run every test (Java, frontend, whole stack, browser)

prerequisites: ## install the Debian packages the tests and the native stack need (when root)
	scripts/prerequisites.sh

test-images: ## fetch the test photos into .cache/test-images
	scripts/fetch-test-images.sh

model: ## fetch and import the default model into models/
	scripts/fetch-default-model.sh

java-test: ## the service modules: unit tests, integration tests, formatting (also builds their jars)
	$(MVN) verify -pl '!stack-tests'

frontend-test: ## the frontend: clean install, build (type-check, lint, bundle) and unit tests
	cd frontend && npm ci --no-audit --no-fund && npm run build && npm run test:unit

stack-test: prerequisites ## start a test stack on free ports; gateway, TLS, failover and the frontend's browser tests against it
	$(MVN) verify -pl stack-tests

# ---- benchmarks (numbers for docs/benchmarks.md; run on a quiet machine) -----------------------------------------
bench-classifier: test-images ## latency and throughput of the default model through the packaged classifier
	$(MVN) -q install -DskipTests -Dspotless.check.skip=true -pl classifier-service -am
	$(MVN) -q exec:java -pl classifier-service -Dexec.classpathScope=test \
		-Dexec.mainClass=io.zoolens.classifier.bench.ClassifierBenchmark

# ---- the native stack (no Docker) ------------------------------------------------------------------------------
build: ## build the jars and the frontend without running tests
	$(MVN) -q package -DskipTests -Dspotless.check.skip=true -Dzoolens.fetch-model.skip=true -pl '!stack-tests'
	cd frontend && npm ci --no-audit --no-fund && npm run build

up: ## start everything (builds what is missing, fetches the model): https://localhost:8443
	@scripts/stack/up.sh

down: ## stop what `make up` started (data stays in var/)
	@scripts/stack/down.sh

status: ## which services run, and whether they are healthy
	@scripts/stack/status.sh

logs: ## follow the services' logs (var/log/)
	@tail -n 20 -F var/log/*.log
