#!/usr/bin/env python3
"""Checks contrib/kubernetes/daemonset.yaml without a cluster (Docker and Kubernetes are not
available where fastoomd is built): the YAML parses, the DaemonSet has what fastoomd needs and
nothing more (hostPID, the host's /proc and /sys/fs/cgroup read-only, exactly the four
capabilities, system-node-critical, resources), the ConfigMap's policy.json is accepted by
fastoomd's own configuration loader, and contrib/Dockerfile builds the product the README names.

    python3 scripts/check_deployment.py [path/to/fastoomd]     # default .build/debug/fastoomd
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    print("check_deployment: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/fastoomd")
    with open(os.path.join(ROOT, "contrib/kubernetes/daemonset.yaml")) as file:
        documents = [d for d in yaml.safe_load_all(file) if d]
    kinds = {d["kind"]: d for d in documents}
    if sorted(kinds) != ["ConfigMap", "DaemonSet", "Namespace"]:
        fail("expected a Namespace, a ConfigMap and a DaemonSet, got %s" % sorted(kinds))

    pod = kinds["DaemonSet"]["spec"]["template"]["spec"]
    if pod.get("hostPID") is not True:
        fail("hostPID must be true: fastoomd signals the host's PIDs")
    if pod.get("priorityClassName") != "system-node-critical":
        fail("priorityClassName must be system-node-critical")
    (container,) = pod["containers"]
    security = container["securityContext"]
    capabilities = security["capabilities"]
    if capabilities.get("drop") != ["ALL"]:
        fail("drop ALL capabilities first")
    if sorted(capabilities.get("add", [])) != ["IPC_LOCK", "KILL", "SYS_PTRACE", "SYS_RESOURCE"]:
        fail("capabilities: %s" % capabilities.get("add"))
    if security.get("privileged") or security.get("allowPrivilegeEscalation") is not False:
        fail("the container must not be privileged nor escalate")
    if not {"requests", "limits"} <= set(container.get("resources", {})):
        fail("resources need requests and limits")

    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    for host, inside in [("/proc", "/host/proc"), ("/sys/fs/cgroup", "/host/sys/fs/cgroup")]:
        mount = mounts.get(inside)
        if not mount or not mount.get("readOnly"):
            fail("%s must be mounted read-only at %s" % (host, inside))
        if volumes[mount["name"]]["hostPath"]["path"] != host:
            fail("%s is not the host's %s" % (inside, host))
    args = container["args"]
    if "--proc-root=/host/proc" not in args or "--sys-root=/host/sys" not in args:
        fail("run needs --proc-root=/host/proc and --sys-root=/host/sys: %s" % args)

    policy = kinds["ConfigMap"]["data"]["policy.json"]
    json.loads(policy)
    if os.path.exists(binary):
        # A directory of our own (mode 0700): fastoomd refuses a configuration in a directory
        # others can write, such as /tmp itself.
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "policy.json")
            with open(path, "w") as file:
                file.write(policy)
            os.chmod(path, 0o644)
            trace = os.path.join(ROOT, "Tests/Fixtures/traces/burst-free-fast-s1.jsonl.gz")
            result = subprocess.run([binary, "replay", trace, "--config", path], capture_output=True, text=True)
            if result.returncode != 0:
                fail("fastoomd refuses the ConfigMap's policy.json:\n" + result.stderr)
    else:
        print("check_deployment: %s not built; the ConfigMap's policy.json was only parsed as JSON" % binary)

    with open(os.path.join(ROOT, "contrib/Dockerfile")) as file:
        dockerfile = file.read()
    if "--static-swift-stdlib --product fastoomd" not in dockerfile:
        fail("the Dockerfile must build the static fastoomd product")
    print("check_deployment: daemonset.yaml and Dockerfile look right")


if __name__ == "__main__":
    main()
