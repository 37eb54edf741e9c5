#!/usr/bin/env bash
# Installs the pinned CLIs the runbooks drive, on a CI runner that has a Docker engine (GitHub or
# Forgejo Actions). One place for the versions: tests check them against src/runbook/tools.ts.
set -euo pipefail

KIND_VERSION=v0.30.0
KUBECTL_VERSION=v1.34.1
HELM_VERSION=v3.19.0
IDPBUILDER_VERSION=v0.10.1
VELERO_VERSION=v1.18.1

bin=${BIN_DIR:-$HOME/.local/bin}
mkdir -p "$bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

curl -fsSLo "$bin/kind" "https://kind.sigs.k8s.io/dl/${KIND_VERSION}/kind-linux-amd64"
curl -fsSLo "$bin/kubectl" "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl"
curl -fsSL "https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz" | tar -xz -C "$tmp"
mv "$tmp/linux-amd64/helm" "$bin/helm"
# idpbuilder's hack/install.sh picks old releases (its regex skips two-digit versions): pin the download.
curl -fsSL "https://github.com/cnoe-io/idpbuilder/releases/download/${IDPBUILDER_VERSION}/idpbuilder-linux-amd64.tar.gz" | tar -xz -C "$tmp"
mv "$tmp/idpbuilder" "$bin/idpbuilder"
curl -fsSL "https://github.com/vmware-tanzu/velero/releases/download/${VELERO_VERSION}/velero-${VELERO_VERSION}-linux-amd64.tar.gz" | tar -xz -C "$tmp"
mv "$tmp/velero-${VELERO_VERSION}-linux-amd64/velero" "$bin/velero"
chmod +x "$bin"/kind "$bin"/kubectl "$bin"/helm "$bin"/idpbuilder "$bin"/velero

# kind nodes watch many files; the defaults make kubelet fail with "too many open files".
if command -v sudo >/dev/null; then sudo sysctl -q fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512; fi
[ -n "${GITHUB_PATH:-}" ] && echo "$bin" >> "$GITHUB_PATH"
"$bin/kind" version
