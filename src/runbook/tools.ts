/**
 * The CLIs our runbooks use, with the oldest versions they were written for and how to get
 * them. One catalogue, so every runbook asks for kind the same way and the verification
 * workflow can be checked against it.
 */
import {onlyWithKind, type Tool} from './model';

const SEMVER = /(\d+\.\d+\.\d+)/;

function firstSemver(output: string): string | undefined {
  return SEMVER.exec(output)?.[1];
}

export const docker: Tool = {
  name: 'docker',
  minVersion: '20.10.0',
  // The client prints its own version even when the engine is down (and then exits 1).
  versionArgs: ['version', '--format', '{{.Client.Version}}'],
  parseVersion: firstSemver,
  install: 'Install Docker Engine or Docker Desktop: https://docs.docker.com/engine/install/',
  skip: onlyWithKind,
};

export const kind: Tool = {
  name: 'kind',
  // kindest/node v1.34 images are built for kind v0.30 and later.
  minVersion: '0.30.0',
  versionArgs: ['version'],
  parseVersion: firstSemver,
  install:
    'curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.30.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind',
  skip: onlyWithKind,
};

export const kubectl: Tool = {
  name: 'kubectl',
  minVersion: '1.28.0',
  versionArgs: ['version', '--client'],
  parseVersion: firstSemver,
  install: 'https://kubernetes.io/docs/tasks/tools/#kubectl (any version within one minor of the cluster)',
};

export const helm: Tool = {
  name: 'helm',
  // OCI chart references (oci://) without the experimental flag.
  minVersion: '3.8.0',
  versionArgs: ['version', '--short'],
  parseVersion: firstSemver,
  install: 'https://helm.sh/docs/intro/install/',
};

export const idpbuilder: Tool = {
  name: 'idpbuilder',
  // -p/--package replaced --package-dir in v0.7.0; `get secrets -o json` as parsed here since v0.9.
  minVersion: '0.10.0',
  versionArgs: ['version'],
  parseVersion: firstSemver,
  install:
    'Download a pinned release (hack/install.sh picks old versions): curl -fsSL https://github.com/cnoe-io/idpbuilder/releases/download/v0.10.1/idpbuilder-linux-amd64.tar.gz | tar xz && sudo mv idpbuilder /usr/local/bin/',
};

export const velero: Tool = {
  name: 'velero',
  minVersion: '1.17.0',
  versionArgs: ['version', '--client-only'],
  parseVersion: firstSemver,
  install: 'https://velero.io/docs/main/basic-install/#install-the-cli (v1.18 pairs with velero-plugin-for-aws v1.14)',
};

export const git: Tool = {
  name: 'git',
  minVersion: '2.30.0',
  versionArgs: ['--version'],
  parseVersion: firstSemver,
  install: 'Install git from your distribution (apt-get install git).',
};

export const curl: Tool = {
  name: 'curl',
  minVersion: '7.68.0',
  versionArgs: ['--version'],
  parseVersion: firstSemver,
  install: 'Install curl from your distribution (apt-get install curl).',
};
