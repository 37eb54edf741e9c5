/**
 * What the simulated idpbuilder finds when it clones packages from cnoe-io/stacks: the ArgoCD
 * applications of `basic/package1` and of `ref-implementation` (names, destinations and sources as
 * in the stacks tree the reference notes describe), and the objects each application deploys.
 * Applications with `cnoe://` sources get a Gitea repository with these files; the others point
 * at upstream repositories and Helm charts.
 */
import YAML from 'yaml';
import type {KubeObject} from '../../kube';
import {secretObject} from '../cluster';
import {generateSecret} from '../../generate';

export interface StackApplication {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  /** A `cnoe://<dir>` source: idpbuilder pushes these files to Gitea repo idpbuilder-localdev-<app>-<dir>. */
  local?: {dir: string; path: string; files: Record<string, string>};
  /** An upstream source, applied unchanged. */
  upstream?: {repoURL: string; targetRevision: string; path?: string; chart?: string};
  /** What the application deploys besides the files of its local source. */
  objects?(): KubeObject[];
}

export interface StackPackage {
  /** The package's path in the repository. */
  path: string;
  applications: StackApplication[];
}

const STACKS_REPO = 'https://github.com/cnoe-io/stacks';

function deployment(name: string, namespace: string, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace},
    spec: {replicas: 1, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name, image}]}}},
  };
}

const ALPINE = YAML.stringify(deployment('alpine', 'my-app', 'alpine:3.20')).replace('namespace: my-app\n', '');

const PACKAGES: StackPackage[] = [
  {
    path: 'basic/package1',
    applications: [{name: 'my-app', namespace: 'my-app', labels: {example: 'basic'}, local: {dir: 'manifests', path: '.', files: {'alpine.yaml': ALPINE}}}],
  },
  {
    path: 'ref-implementation',
    applications: [
      {name: 'argo-workflows', namespace: 'argo', local: {dir: 'argo-workflows', path: 'dev', files: {}}, objects: () => [deployment('argo-server', 'argo', 'quay.io/argoproj/argocli')]},
      {name: 'backstage', namespace: 'backstage', local: {dir: 'backstage', path: 'manifests', files: {}}, objects: () => [deployment('backstage', 'backstage', 'ghcr.io/cnoe-io/backstage-app')]},
      {name: 'backstage-templates', namespace: 'backstage', local: {dir: 'backstage-templates', path: 'entities', files: {}}},
      {name: 'external-secrets', namespace: 'external-secrets', local: {dir: 'external-secrets', path: 'manifests', files: {}}, objects: () => [deployment('external-secrets', 'external-secrets', 'ghcr.io/external-secrets/external-secrets')]},
      {
        name: 'keycloak',
        namespace: 'keycloak',
        local: {dir: 'keycloak', path: 'manifests', files: {}},
        // The ExternalSecret keycloak-config, generated on first sync, is what `idpbuilder get secrets` lists.
        objects: () => [
          deployment('keycloak', 'keycloak', 'quay.io/keycloak/keycloak'),
          secretObject(
            'keycloak',
            'keycloak-config',
            {KEYCLOAK_ADMIN_PASSWORD: generateSecret(), USER_PASSWORD: generateSecret(), KC_DB_USERNAME: 'keycloak', POSTGRES_DB: 'keycloak', POSTGRES_USER: 'keycloak', POSTGRES_PASSWORD: generateSecret()},
            {'cnoe.io/cli-secret': 'true', 'cnoe.io/package-name': 'keycloak'},
          ),
        ],
      },
      {name: 'metric-server', namespace: 'kube-system', upstream: {repoURL: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', targetRevision: '3.12.1'}, objects: () => [deployment('metrics-server', 'kube-system', 'registry.k8s.io/metrics-server/metrics-server')]},
      {name: 'spark-operator', namespace: 'spark-operator', upstream: {repoURL: 'https://kubeflow.github.io/spark-operator', chart: 'spark-operator', targetRevision: '1.1.27'}, objects: () => [deployment('spark-operator', 'spark-operator', 'docker.io/kubeflow/spark-operator')]},
    ],
  },
];

export interface ResolvedPackage {
  package: StackPackage;
  ref?: string;
}

/** A `-p` value in kustomize remote form, `https://github.com/cnoe-io/stacks//<path>?ref=<ref>`. */
export function resolvePackage(spec: string): ResolvedPackage | undefined {
  const [location = '', query = ''] = spec.split('?');
  const cut = location.lastIndexOf('//');
  if (location.slice(0, cut) !== STACKS_REPO) return undefined;
  const path = location.slice(cut + 2).replace(/\/$/, '');
  const found = PACKAGES.find((candidate) => candidate.path === path);
  return found ? {package: found, ref: new URLSearchParams(query).get('ref') ?? undefined} : undefined;
}
