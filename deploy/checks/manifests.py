"""Rules the rendered Kubernetes overlays must keep, beyond schema validity (kubernetes-validate does that).

    python deploy/checks/manifests.py deploy/.rendered/dev.yaml deploy/.rendered/prod.yaml

- every service has a Deployment, a Service, a migration Job, an HPA and a PDB that fit together;
- the service containers probe /livez and /readyz, have requests and limits, run as non-root on a
  read-only root file system, and use a tagged image (not `latest`);
- ConfigMap/Secret keys carry the service's settings prefix (a typo would be ignored silently otherwise);
- the NetworkPolicies allow exactly the Common Ground calls between the services, on the pods' port:
  intake -> registers-adapter, routing, decision; decision -> intake; nothing else (the migration Jobs
  call no service);
- prod renders no Secret (real secrets are never in the repository)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

SERVICES = {
    "intake-api": "INTAKE_",
    "routing-api": "ROUTING_",
    "registers-adapter": "REGISTERS_",
    "decision-api": "DECISION_",
}
PORT = 8000
EXPECTED_CALLS = {
    ("intake-api", "registers-adapter"),
    ("intake-api", "routing-api"),
    ("intake-api", "decision-api"),
    ("decision-api", "intake-api"),
}


class Problems(list[str]):
    def check(self, condition: bool, message: str) -> None:
        if not condition:
            self.append(message)


def by_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


def matches(selector: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def peer_matches(peer: dict[str, Any], labels: dict[str, str], namespace: str) -> bool:
    """Does a NetworkPolicy peer admit a pod of this namespace with these labels?"""
    if "ipBlock" in peer:
        return False  # pod-to-pod traffic inside the namespace is governed by the selectors
    if "namespaceSelector" in peer:
        ns_labels = {"kubernetes.io/metadata.name": namespace}
        if not matches(peer["namespaceSelector"], ns_labels):
            return False
    return "podSelector" not in peer or matches(peer["podSelector"], labels)


def port_allowed(rule: dict[str, Any], port: int) -> bool:
    ports = rule.get("ports")
    return not ports or any(p.get("port") in (port, "http") and p.get("protocol", "TCP") == "TCP" for p in ports)


def allowed(policies: Iterable[dict[str, Any]], direction: str, pod: dict[str, str], other: dict[str, str],
            namespace: str) -> bool:  # fmt: skip
    """NetworkPolicy semantics: isolated in a direction once any policy of that type selects the pod; then
    some rule of some selecting policy must admit the peer and the port."""
    kind, field, peers = ("Ingress", "ingress", "from") if direction == "ingress" else ("Egress", "egress", "to")
    selecting = [
        p for p in policies if matches(p["spec"]["podSelector"], pod) and kind in p["spec"].get("policyTypes", [])
    ]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(field) or []:
            if not port_allowed(rule, PORT):
                continue
            rule_peers = rule.get(peers)
            if not rule_peers or any(peer_matches(peer, other, namespace) for peer in rule_peers):
                return True
    return False


def check_overlay(path: Path) -> list[str]:
    docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    overlay = path.stem
    problems = Problems()
    deployments, services = by_kind(docs, "Deployment"), by_kind(docs, "Service")
    jobs, hpas, pdbs = (
        by_kind(docs, "Job"),
        by_kind(docs, "HorizontalPodAutoscaler"),
        by_kind(docs, "PodDisruptionBudget"),
    )
    configmaps, secrets = by_kind(docs, "ConfigMap"), by_kind(docs, "Secret")
    policies = list(by_kind(docs, "NetworkPolicy").values())
    namespace = next((d["metadata"].get("namespace") for d in docs if d.get("kind") == "Deployment"), "default")

    for name, prefix in SERVICES.items():
        where = f"{overlay}/{name}"
        deployment = deployments.get(name)
        if deployment is None:
            problems.append(f"{where}: no Deployment")
            continue
        spec = deployment["spec"]["template"]["spec"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        [container] = [c for c in spec["containers"] if c["name"] == name]
        problems.check(
            container.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/livez",
            f"{where}: liveness is not /livez",
        )
        problems.check(
            container.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/readyz",
            f"{where}: readiness is not /readyz",
        )
        for c in [*spec.get("initContainers", []), *spec["containers"]]:
            resources = c.get("resources", {})
            for part in ("requests", "limits"):
                problems.check(
                    {"cpu", "memory"} <= set(resources.get(part, {})), f"{where}/{c['name']}: {part} lack cpu or memory"
                )
            security = c.get("securityContext", {})
            problems.check(
                security.get("readOnlyRootFilesystem") is True, f"{where}/{c['name']}: root file system is writable"
            )
            problems.check(
                security.get("allowPrivilegeEscalation") is False, f"{where}/{c['name']}: privilege escalation allowed"
            )
            image = c["image"]
            problems.check(
                ":" in image.rsplit("/", 1)[-1] or "@sha256:" in image, f"{where}/{c['name']}: image {image} has no tag"
            )
            problems.check(not image.endswith(":latest"), f"{where}/{c['name']}: image {image} is :latest")
        problems.check(spec.get("securityContext", {}).get("runAsNonRoot") is True, f"{where}: not runAsNonRoot")

        service = services.get(name)
        problems.check(service is not None and matches({"matchLabels": service["spec"]["selector"]}, labels),
                       f"{where}: no Service selecting the pods")  # fmt: skip
        job = jobs.get(f"{name}-migrate")
        if job is None:
            problems.append(f"{where}: no migration Job {name}-migrate")
        else:
            [migrate] = job["spec"]["template"]["spec"]["containers"]
            problems.check(migrate.get("args") == ["migrate"], f"{where}: the migration Job does not run `migrate`")
            problems.check(migrate["image"] == container["image"], f"{where}: the migration Job runs another image")
            problems.check(migrate.get("envFrom") == container.get("envFrom"), f"{where}: the Job's settings differ")
        hpa = hpas.get(name)
        problems.check(hpa is not None and hpa["spec"]["scaleTargetRef"]["name"] == name, f"{where}: no HPA")
        if hpa is not None:
            problems.check(hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], f"{where}: HPA min > max")
        pdb = pdbs.get(name)
        problems.check(pdb is not None and matches(pdb["spec"]["selector"], labels), f"{where}: no PDB for the pods")

        for source in container.get("envFrom", []):
            ref = source.get("configMapRef") or source.get("secretRef")
            store = configmaps if "configMapRef" in source else secrets
            for key in store.get(ref["name"], {}).get("data") or {}:
                problems.check(
                    key.startswith(prefix), f"{where}: setting {key} in {ref['name']} lacks the prefix {prefix}"
                )

    # The layering: who may call whom (pods of the four services and the migration Jobs).
    pods = {name: d["spec"]["template"]["metadata"]["labels"] for name, d in deployments.items() if name in SERVICES}
    pods |= {name: d["spec"]["template"]["metadata"]["labels"] for name, d in jobs.items()}
    calls = {
        (src, dst)
        for src, src_labels in pods.items()
        for dst, dst_labels in pods.items()
        if dst in SERVICES
        and src != dst
        and allowed(policies, "egress", src_labels, dst_labels, namespace)
        and allowed(policies, "ingress", dst_labels, src_labels, namespace)
    }
    problems.check(
        calls == EXPECTED_CALLS,
        f"{overlay}: the NetworkPolicies allow {sorted(calls)}, expected {sorted(EXPECTED_CALLS)}",
    )

    if overlay == "prod":
        problems.check(
            not secrets, f"prod renders Secrets {sorted(secrets)}: real secrets never live in the repository"
        )
    return problems


def main(paths: list[str]) -> int:
    problems = [p for path in paths for p in check_overlay(Path(path))]
    for problem in problems:
        print(f"manifests: {problem}", file=sys.stderr)
    if not problems:
        print(f"manifests: {len(paths)} overlays keep the rules (probes, resources, layering, jobs, HPA, PDB)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
