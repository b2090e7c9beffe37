# Zoolens: one entry point for building, testing and running the whole system.
# `make test` is the README's test command and what .ci/run calls.

SHELL := /bin/bash
export TF_CPP_MIN_LOG_LEVEL ?= 2
MVN := ./mvnw -B -ntp

.PHONY: test prerequisites test-images model java-test

test: prerequisites test-images java-test ## run every test: Java modules (unit + integration)

prerequisites:
	scripts/prerequisites.sh

test-images:
	scripts/fetch-test-images.sh

java-test:
	$(MVN) verify
