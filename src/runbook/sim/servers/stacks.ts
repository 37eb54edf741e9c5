/**
 * cnoe-io/stacks as the simulated idpbuilder meets it: the ArgoCD applications of `basic/package1`
 * and of `ref-implementation` (names, YAML file names, destinations and sources as in cnoe-io/stacks
 * at 4571105, the tip of main on 2025-10-24; identical at 6a2ec77 and in the PR-65 test merge
 * 45453d8 except for a keycloak job script), the objects each application deploys, and the
 * repository itself on https://github.com, so `git clone` and idpbuilder's own clone see the same
 * commits. Applications with `cnoe://` sources get a Gitea repository with their files; the others
 * point at upstream repositories and Helm charts.
 *
 * Not modelled: the ref-implementation manifests themselves (Backstage, Keycloak, ... are
 * represented by a Deployment each and keycloak's generated Secret), the other stacks folders,
 * and every commit of main but the two named above.
 */
import path from 'node:path';
import YAML from 'yaml';
import type {KubeObject} from '../../kube';
import {secretObject} from '../cluster';
import {generateSecret} from '../../generate';
import type {SimBackend} from '../network';
import type {SimWorld} from '../world';
import {SimGitHost, type SimRepository} from './git-host';

export interface StackApplication {
  name: string;
  /** The YAML file that declares the application, next to the package's other files (idpbuilder names the CustomPackage after it). */
  file: string;
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

export const STACKS_REPO = 'https://github.com/cnoe-io/stacks';
/** Commits of cnoe-io/stacks main that the simulation knows, oldest first (full SHAs from the repository). */
export const STACKS_MAIN_COMMITS = [
  {sha: '6a2ec77b7e8f3c1cda10f7a829af0304524b95a2', message: 'fix: vclusters argo cluster secret labels (#56)'},
  {
    sha: '4571105512777e7dc4e8aed3ce2811afac9e68e2',
    message: 'feat: cleanup caipe scripts and better error handling (#77)',
  },
];

function deployment(name: string, namespace: string, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: name}},
      template: {metadata: {labels: {app: name}}, spec: {containers: [{name, image}]}},
    },
  };
}

/** stacks basic/package1/manifests/alpine.yaml: a Pod busybox (image alpine:3.18) with an explicit namespace argocd. */
const BUSYBOX_POD = YAML.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'busybox', namespace: 'argocd', labels: {abc: 'ded', notused: 'remove-me'}},
  spec: {
    containers: [{image: 'alpine:3.18', command: ['sleep', '3600'], imagePullPolicy: 'IfNotPresent', name: 'busybox'}],
    restartPolicy: 'Always',
  },
});

const PACKAGES: StackPackage[] = [
  {
    path: 'basic/package1',
    applications: [
      {
        name: 'my-app',
        file: 'app.yaml',
        namespace: 'my-app',
        labels: {example: 'basic'},
        local: {dir: 'manifests', path: '.', files: {'alpine.yaml': BUSYBOX_POD}},
      },
    ],
  },
  {
    path: 'ref-implementation',
    applications: [
      {
        name: 'argo-workflows',
        file: 'argo-workflows.yaml',
        namespace: 'argo',
        local: {dir: 'argo-workflows/manifests', path: 'dev', files: {}},
        objects: () => [deployment('argo-server', 'argo', 'quay.io/argoproj/argocli')],
      },
      {
        name: 'backstage',
        file: 'backstage.yaml',
        namespace: 'backstage',
        local: {dir: 'backstage/manifests', path: '.', files: {}},
        objects: () => [deployment('backstage', 'backstage', 'ghcr.io/cnoe-io/backstage-app')],
      },
      {
        name: 'backstage-templates',
        file: 'backstage-templates.yaml',
        namespace: 'backstage',
        local: {dir: 'backstage-templates/entities', path: '.', files: {}},
      },
      {
        name: 'external-secrets',
        file: 'external-secrets.yaml',
        namespace: 'external-secrets',
        local: {dir: 'external-secrets/manifests', path: '.', files: {}},
        objects: () => [
          deployment('external-secrets', 'external-secrets', 'ghcr.io/external-secrets/external-secrets'),
        ],
      },
      {
        name: 'keycloak',
        file: 'keycloak.yaml',
        namespace: 'keycloak',
        local: {dir: 'keycloak/manifests', path: '.', files: {}},
        // The ExternalSecret keycloak-config, generated on first sync, is what `idpbuilder get secrets` lists.
        objects: () => [
          deployment('keycloak', 'keycloak', 'quay.io/keycloak/keycloak'),
          secretObject(
            'keycloak',
            'keycloak-config',
            {
              KEYCLOAK_ADMIN_PASSWORD: generateSecret(),
              USER_PASSWORD: generateSecret(),
              KC_DB_USERNAME: 'keycloak',
              POSTGRES_DB: 'keycloak',
              POSTGRES_USER: 'keycloak',
              POSTGRES_PASSWORD: generateSecret(),
            },
            {'cnoe.io/cli-secret': 'true', 'cnoe.io/package-name': 'keycloak'},
          ),
        ],
      },
      {
        name: 'metric-server',
        file: 'metric-server.yaml',
        namespace: 'kube-system',
        upstream: {
          repoURL: 'https://kubernetes-sigs.github.io/metrics-server',
          chart: 'metrics-server',
          targetRevision: '3.12.1',
        },
        objects: () => [deployment('metrics-server', 'kube-system', 'registry.k8s.io/metrics-server/metrics-server')],
      },
      {
        name: 'spark-operator',
        file: 'spark-operator.yaml',
        namespace: 'spark-operator',
        upstream: {
          repoURL: 'https://kubeflow.github.io/spark-operator',
          chart: 'spark-operator',
          targetRevision: '1.1.27',
        },
        objects: () => [deployment('spark-operator', 'spark-operator', 'docker.io/kubeflow/spark-operator')],
      },
    ],
  },
];

/** The Application YAML a package folder holds for one application (the fields idpbuilder and ArgoCD read). */
function applicationYaml(application: StackApplication): string {
  const source = application.local
    ? {repoURL: `cnoe://${application.local.dir}`, targetRevision: 'HEAD', path: application.local.path}
    : application.upstream;
  return YAML.stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: application.name,
      namespace: 'argocd',
      ...(application.labels ? {labels: application.labels} : {}),
    },
    spec: {
      destination: {namespace: application.namespace, server: 'https://kubernetes.default.svc'},
      source,
      project: 'default',
      syncPolicy: {automated: {selfHeal: true}, syncOptions: ['CreateNamespace=true']},
    },
  });
}

/** Every file of the modelled folders, by path in the repository. */
function repositoryFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const stack of PACKAGES) {
    for (const application of stack.applications) {
      files[`${stack.path}/${application.file}`] = applicationYaml(application);
      const prefix = application.local
        ? `${stack.path}/${application.local.dir}/${application.local.path === '.' ? '' : `${application.local.path}/`}`
        : '';
      for (const [file, text] of Object.entries(application.local?.files ?? {})) files[`${prefix}${file}`] = text;
    }
  }
  return files;
}

/** github.com as git clients reach it: cnoe-io/stacks with the modelled commits of main. */
export function githubBackend(): SimBackend {
  const github = new SimGitHost();
  const repository = github.createRepository('cnoe-io', 'stacks');
  const files = repositoryFiles();
  let parent: string | undefined;
  for (const {sha, message} of STACKS_MAIN_COMMITS) {
    repository.commits.push({sha, parent, message, files});
    parent = sha;
  }
  return {git: github};
}

export type ResolvedPackage = {package: StackPackage} | {error: string; neverExits: boolean};

/**
 * A `-p` value as idpbuilder v0.10.1 takes it (`pkg/cmd/helpers/validation.go` ParsePackageStrings):
 * a kustomize-style remote `https://github.com/cnoe-io/stacks//<path>?ref=<ref>`, else a local directory.
 */
export function resolvePackage(world: SimWorld, spec: string, cwd: string): ResolvedPackage {
  if (/^https?:\/\//.test(spec)) return resolveRemote(world, spec);
  return resolveLocal(world, path.resolve(cwd, spec));
}

function resolveRemote(world: SimWorld, spec: string): ResolvedPackage {
  const [location = '', query = ''] = spec.split('?');
  const cut = location.lastIndexOf('//');
  const repository =
    location.slice(0, cut) === STACKS_REPO
      ? world.listeners.get('https://github.com')?.()?.git?.repositoryAt('/cnoe-io/stacks')
      : undefined;
  // idpbuilder #385: a package it cannot clone is retried forever.
  if (!repository) return {error: `cloning repo, ${spec}: cloning repo: authentication required`, neverExits: true};
  const ref = new URLSearchParams(query).get('ref');
  if (ref && !canCheckOut(repository, ref)) {
    // localbuild/controller.go reconcileCustomPkgUrl: the error is returned, the controller requeues, and the CLI never shuts down.
    return {error: `cloning repo, ${spec}: checkout ${ref}: reference not found`, neverExits: true};
  }
  const found = PACKAGES.find((candidate) => candidate.path === location.slice(cut + 2).replace(/\/$/, ''));
  return found
    ? {package: found}
    : {error: `getting yaml files from repo, ${spec}: file does not exist`, neverExits: true};
}

/**
 * idpbuilder v0.10.1 `pkg/controllers/localbuild/controller.go` reconcileCustomPkgUrl clones at
 * depth 1 (`CloneRemoteRepoToDir(ctx, rs, 1, ...)`), which fetches branch tips and tags only; then
 * `pkg/util/git_repository.go` checkoutCommitOrRef tries the ref as a hash, as a tag, then as a
 * local branch (`refs/heads/<ref>`, which a clone creates for the default branch only). So a SHA
 * works only while it is a branch tip. The simulated repository has one branch and no tags.
 */
function canCheckOut(repository: SimRepository, ref: string): boolean {
  return ref === repository.defaultBranch || ref === repository.commits[repository.commits.length - 1]?.sha;
}

/**
 * A local directory: idpbuilder reads the YAML files directly in it (reconcileCustomPkgDir, not
 * recursive) and every ArgoCD Application among them becomes a package; `cnoe://` sources are
 * read from disk relative to the file. A missing directory fails validation before anything starts.
 */
function resolveLocal(world: SimWorld, dir: string): ResolvedPackage {
  const below = [...world.files.keys()].filter((file) => file.startsWith(`${dir}/`));
  if (!below.length)
    return {error: `failed to validate path ${dir} : stat ${dir}: no such file or directory`, neverExits: false};
  const declared = below
    .filter((file) => path.dirname(file) === dir && /\.ya?ml$/.test(file))
    .map((file) => ({
      file: path.basename(file),
      object: YAML.parse(world.files.get(file)!.content) as KubeObject | null,
    }))
    .filter((entry) => entry.object?.kind === 'Application');
  const applications = declared.flatMap(({file, object}) => {
    const known = PACKAGES.flatMap((stack) => stack.applications).find(
      (application) => application.name === object!.metadata.name,
    );
    if (!known) return [];
    if (!known.local) return [{...known, file}];
    const sourceDir = path.join(dir, known.local.dir, known.local.path === '.' ? '' : known.local.path);
    const files = Object.fromEntries(
      below
        .filter((file) => file.startsWith(`${sourceDir}/`))
        .map((file) => [path.relative(sourceDir, file), world.files.get(file)!.content]),
    );
    return [{...known, file, local: {...known.local, files}}];
  });
  return {package: {path: dir, applications}};
}
