# Zoolens: one entry point for building, testing and running the whole system.
# `make test` is the README's test command and what .ci/run calls; `make up` the start command.

SHELL := /bin/bash
export TF_CPP_MIN_LOG_LEVEL ?= 2
# TensorFlow's oneDNN kernels: much faster inference on AVX2-only CPUs, where TensorFlow (2.10 and 2.16) leaves them off
# (docs/benchmarks.md). Read by the native library at load time, so it must be in the environment.
export TF_ENABLE_ONEDNN_OPTS ?= 1
MVN := ./mvnw -B -ntp
# Build, test and run on the newest JDK 21+ when one is installed (Temurin 25 here): api-service then handles
# requests on virtual threads. The code stays Java 17 bytecode; without a newer JDK everything runs on 17.
export JAVA_HOME := $(or $(JAVA_HOME),$(shell bash -c 'source scripts/stack/lib.sh && java_home'))

.PHONY: api-types audit help test prerequisites test-images model java-test frontend-test stack-test bench bench-inference bench-training bench-training-api bench-smoke soak bench-memory build up down status logs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-15s %s\n", $$1, $$2 }'

# ---- tests ---------------------------------------------------------------------------------------------------
# Order matters: the stack tests run the jars and frontend/dist the steps before them build.
test: prerequisites test-images java-test frontend-test audit stack-test bench-smoke ## run every test (Java, frontend, dependency audit, image builds, whole stack, browser, benchmarks)

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

api-types: ## after an api change: rewrite frontend/src/services/openapi.json from the api (OpenApiDocumentIT) and regenerate openapi.d.ts
	$(MVN) verify -pl api-service -am -Dzoolens.openapi.write=true -Dit.test=OpenApiDocumentIT -Dtest=none \
		-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
	cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run api:generate

audit: ## dependency audit: SBOMs in target/audit; npm audit and OWASP dependency-check where reachable (docs/security.md)
	scripts/audit-dependencies.sh

stack-test: prerequisites ## the images' builds (emulated, offline); a test stack on free ports: gateway, TLS, failover and the frontend's browser tests against it
	$(MVN) verify -pl stack-tests -am

# ---- benchmarks (bench/README.md; numbers for docs/benchmarks.md; run on a quiet machine) ---------------------
# Extra settings reach the harness as BENCH_ARGS, e.g. make bench BENCH_ARGS='-Dbench.runs=5 -Dbench.classifier.duration=20s'
BENCH_ARGS ?=
# BENCH_SMOKE=1 runs the JMH side (bench-inference) with batch 1, one thread and one measured 1 s iteration.
BENCH_SMOKE ?=
# Where the JMH side writes its results and the harness reads them; bench-smoke keeps its own apart.
BENCH_RESULTS ?= target/bench/results
BENCH_INFERENCE_ARGS = -Dbench.results=$(BENCH_RESULTS) $(if $(BENCH_SMOKE),-Dbench.smoke=true -Dbench.warmupIterations=0) $(BENCH_ARGS)
# The bench modules build only with -Pbench. bench-inference installs model-support, bench/jmh-support and their
# parent pom for its later steps into a local repository of its own, made afresh each run, that shares every other artifact with ~/.m2/repository
# (scripts/maven-repo-view.sh): it starts without any Zoolens artifact, as on a fresh machine, and leaves none
# behind in ~/.m2.
BENCH_REPO := target/bench/m2
BENCH_MVN = $(MVN) -Dmaven.repo.local=$(CURDIR)/$(BENCH_REPO)
# exec:exec, not exec:java: JMH's forks take the launching JVM's class path.
EXEC_PLUGIN := org.codehaus.mojo:exec-maven-plugin:3.6.4
, := ,

bench: test-images bench-inference ## (1)-(5) of issue 7: in-process JMH, classifier over HTTP, whole stack, memory -> docs/benchmarks.md
	bench/run.sh full -Dbench.results=$(BENCH_RESULTS) $(BENCH_ARGS)

# One JMH main in its module: $(call bench_jmh,<module>,<main class>[,<settings before BENCH_ARGS>]).
bench_jmh = $(BENCH_MVN) -q -Pbench $(EXEC_PLUGIN):exec -pl $(1) -Dexec.executable=java \
	-Dexec.args="$(3) $(BENCH_INFERENCE_ARGS) -cp %classpath $(2)"

bench-inference: test-images model ## (1) raw DJL (current and legacy engine), (5) TensorFlow Java and custom-model training in-process (JMH) -> target/bench/results/*.json
	scripts/maven-repo-view.sh $(BENCH_REPO)
	$(BENCH_MVN) -q -Pbench install -Dmaven.test.skip=true -Dspotless.check.skip=true -pl model-support,model-training,bench/jmh-support -am
	$(BENCH_MVN) -q -Pbench test-compile -Dspotless.check.skip=true -pl bench/djl,bench/tensorflow-java,bench/training
	$(BENCH_MVN) -q -Pbench $(EXEC_PLUGIN):exec -pl bench/djl -Dexec.executable=java \
		-Dexec.args="$(BENCH_INFERENCE_ARGS) -cp %classpath io.zoolens.bench.djl.RawInferenceBenchmark"
	@# The engine before issue 16 (DJL 0.28 + TensorFlow 2.10.1), same model and input: raw-djl-legacy.json
	$(BENCH_MVN) -q -Pbench -Dzoolens.engine=legacy $(EXEC_PLUGIN):exec -pl bench/djl -Dexec.executable=java \
		-Dexec.args="$(BENCH_INFERENCE_ARGS) -Dzoolens.engine=legacy -cp %classpath io.zoolens.bench.djl.RawInferenceBenchmark"
	$(BENCH_MVN) -q -Pbench $(EXEC_PLUGIN):exec -pl bench/tensorflow-java -Dexec.executable=java \
		-Dexec.args="$(BENCH_INFERENCE_ARGS) -cp %classpath io.zoolens.bench.tensorflowjava.TensorFlowJavaBenchmark"
	$(call bench_jmh,bench/training,io.zoolens.bench.training.FeatureExtractionBenchmark)
	$(call bench_jmh,bench/training,io.zoolens.bench.training.HeadTrainingBenchmark)

# Issue 14's figures alone: raw DJL at the trainer's batch sizes with one caller, then bench/training, then only the
# "Custom models" section of docs/benchmarks.md (no service is started).
bench-training: test-images model ## custom models: feature extraction vs raw DJL, head training times (JMH) -> docs/benchmarks.md
	scripts/maven-repo-view.sh $(BENCH_REPO)
	$(BENCH_MVN) -q -Pbench install -Dmaven.test.skip=true -Dspotless.check.skip=true -pl model-support,model-training,bench/jmh-support -am
	$(BENCH_MVN) -q -Pbench test-compile -Dspotless.check.skip=true -pl bench/djl,bench/training
	$(call bench_jmh,bench/djl,io.zoolens.bench.djl.RawInferenceBenchmark,-Dbench.batches=1$(,)8 -Dbench.threads=1)
	$(call bench_jmh,bench/training,io.zoolens.bench.training.FeatureExtractionBenchmark)
	$(call bench_jmh,bench/training,io.zoolens.bench.training.HeadTrainingBenchmark)
	bench/run.sh training -Dbench.results=$(BENCH_RESULTS) $(BENCH_ARGS)

# Issue 14's end-to-end figures alone (T11-T13; also part of make bench): one stack, models trained through the api.
bench-training-api: test-images ## custom models through the api: train from uploads, retrain, classification p99 during a training (~5 min) -> docs/benchmarks.md
	bench/run.sh training-api $(BENCH_ARGS)

# The JMH side in smoke mode first (so CI builds and runs it from a repository without Zoolens artifacts), then the
# harness, which reads those results.
bench-smoke: BENCH_SMOKE := 1
bench-smoke: BENCH_RESULTS := target/bench/smoke/results
bench-smoke: test-images bench-inference ## the benchmark harness end to end in seconds per scenario, JMH side included (proves it works; says nothing about speed)
	bench/run.sh smoke -Dbench.results=$(BENCH_RESULTS) $(BENCH_ARGS)

soak: test-images ## 20,000 mixed requests at concurrency 32 through the gateway -> docs/reliability.md (Load)
	bench/run.sh soak $(BENCH_ARGS)

bench-memory: test-images ## the classifier alone under load for 10 minutes, memory sampled -> docs/benchmarks.md
	bench/run.sh memory $(BENCH_ARGS)

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
