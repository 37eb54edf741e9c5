#!/usr/bin/env bash
# Installs the pinned CLIs the runbooks drive, on a CI runner that has a Docker engine (GitHub or
# Forgejo Actions). One place for the versions: tests check them against src/runbook/tools.ts.
# Every download is checked against the checksum file its project publishes before anything is
# installed. Sourced (as the tests do), the script only defines its functions.
set -euo pipefail

KIND_VERSION=v0.30.0
KUBECTL_VERSION=v1.34.1
HELM_VERSION=v3.19.0
IDPBUILDER_VERSION=v0.10.1
VELERO_VERSION=v1.18.1

# fetch_verified <url> <checksum-url>: downloads <url> into the working directory under its own
# file name and checks it with `sha256sum -c` against that file's line in <checksum-url>. A
# checksum file holds either sha256sum lines "<hash>  <file>" or only the bare hash (kubectl's
# .sha256). A missing download, a missing line or a different hash fails, naming the file, and
# removes the download.
fetch_verified() {
  local url=$1 sums_url=$2 file=${1##*/} sums line
  curl -fsSL -o "$file" "$url" || { echo "install-tools: cannot download $file from $url" >&2; return 1; }
  sums=$(curl -fsSL "$sums_url") || { rm -f "$file"; echo "install-tools: cannot download the checksum file $sums_url for $file" >&2; return 1; }
  if [[ $sums =~ ^[[:space:]]*([0-9a-fA-F]{64})[[:space:]]*$ ]]; then
    line="${BASH_REMATCH[1]}  $file"
  else
    line=$(awk -v file="$file" '$2 == file || $2 == "*" file' <<<"$sums")
  fi
  if [[ -z $line ]]; then
    rm -f "$file"
    echo "install-tools: $sums_url has no checksum line for $file" >&2
    return 1
  fi
  if ! sha256sum --check --quiet --strict <<<"$line" >&2; then
    rm -f "$file"
    echo "install-tools: checksum mismatch for $file (downloaded from $url, expected by $sums_url)" >&2
    return 1
  fi
}

install_tools() {
  local bin=${BIN_DIR:-$HOME/.local/bin}
  mkdir -p "$bin"
  bin=$(cd "$bin" && pwd) # absolute: the staging below changes directory, and GITHUB_PATH needs it
  # Staged inside $bin (same file system, a folder PATH never runs from), so nothing is installed
  # until every download has passed its check, and each binary then arrives by one rename.
  staging=$(mktemp -d "$bin/.install-tools.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  cd "$staging"

  # kind: hack/release/build/cross.sh (v0.30.0) writes `shasum -a 256 kind-<os>-<arch>` into
  # kind-<os>-<arch>.sha256sum, released next to the binary. kind.sigs.k8s.io/dl/v* redirects
  # to these GitHub release assets (site/layouts/index.redirects).
  local kind_release="https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}"
  fetch_verified "$kind_release/kind-linux-amd64" "$kind_release/kind-linux-amd64.sha256sum"
  # kubectl: the bare hash in kubectl.sha256 next to the binary, checked as the Kubernetes docs
  # do (kubernetes/website content/en/docs/tasks/tools/install-kubectl-linux.md).
  local kubectl_dl="https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64"
  fetch_verified "$kubectl_dl/kubectl" "$kubectl_dl/kubectl.sha256"
  # helm: `make checksum` (Makefile, v3.19.0) writes <tarball>.sha256sum in shasum format.
  local helm_tarball="https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz"
  fetch_verified "$helm_tarball" "$helm_tarball.sha256sum"
  # idpbuilder: .goreleaser.yaml (v0.10.1) names the archive {{ProjectName}}-{{Os}}-{{Arch}}
  # (binary at its root) and lists every archive in checksums.txt. Its hack/install.sh picks old
  # releases (its regex skips two-digit versions): pin the download.
  local idpbuilder_release="https://github.com/cnoe-io/idpbuilder/releases/download/${IDPBUILDER_VERSION}"
  fetch_verified "$idpbuilder_release/idpbuilder-linux-amd64.tar.gz" "$idpbuilder_release/checksums.txt"
  # velero: .goreleaser.yml (v1.18.1) releases to owner velero-io (commit 36dde0f8), names the
  # archive {{ProjectName}}-{{Tag}}-{{Os}}-{{Arch}} wrapped in that directory, and lists every
  # archive in CHECKSUM.
  local velero_release="https://github.com/velero-io/velero/releases/download/${VELERO_VERSION}"
  fetch_verified "$velero_release/velero-${VELERO_VERSION}-linux-amd64.tar.gz" "$velero_release/CHECKSUM"

  tar -xzf "helm-${HELM_VERSION}-linux-amd64.tar.gz" linux-amd64/helm
  tar -xzf idpbuilder-linux-amd64.tar.gz idpbuilder
  tar -xzf "velero-${VELERO_VERSION}-linux-amd64.tar.gz" "velero-${VELERO_VERSION}-linux-amd64/velero"
  chmod +x kind-linux-amd64 kubectl linux-amd64/helm idpbuilder "velero-${VELERO_VERSION}-linux-amd64/velero"
  mv -f kind-linux-amd64 "$bin/kind"
  mv -f kubectl "$bin/kubectl"
  mv -f linux-amd64/helm "$bin/helm"
  mv -f idpbuilder "$bin/idpbuilder"
  mv -f "velero-${VELERO_VERSION}-linux-amd64/velero" "$bin/velero"

  # kind nodes watch many files; the defaults make kubelet fail with "too many open files".
  if command -v sudo >/dev/null; then sudo sysctl -q fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512; fi
  [ -n "${GITHUB_PATH:-}" ] && echo "$bin" >> "$GITHUB_PATH"
  "$bin/kind" version
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then install_tools; fi
