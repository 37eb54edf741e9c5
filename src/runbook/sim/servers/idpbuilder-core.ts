/**
 * What `idpbuilder create` (v0.10.1) leaves in the cluster: its CRDs, the Localbuild with the flags
 * it was created with and this run's start time, the core packages (ingress-nginx, Gitea, ArgoCD
 * with its CRDs, and their Applications argocd, gitea, nginx), the admin secrets `get secrets`
 * reads, Gitea behind the ingress on the host's port 8443, and, per package, a CustomPackage, a
 * Gitea repository for each `cnoe://` source and an ArgoCD Application.
 *
 * Sources (cnoe-io/idpbuilder at v0.10.1): `pkg/controllers/resources/*.yaml` (its CRDs),
 * `pkg/controllers/localbuild/resources/argo/install.yaml` (ArgoCD's CRDs), `pkg/util/gitea.go`
 * GiteaBaseUrl and `pkg/controllers/localbuild/gitea.go` (the Gitea URL written into
 * Applications), `pkg/controllers/localbuild/controller.go` (getCustomPackageName, the
 * cli-start-time annotations, shouldShutDown), `pkg/controllers/custompackage/controller.go`
 * localRepoName, `pkg/build/build.go` (the start time, RFC 3339 with nanoseconds).
 */
import path from 'node:path';
import type {KubeObject} from '../../kube';
import {generateSecret} from '../../generate';
import {secretObject, type SimCluster} from '../cluster';
import type {SimBackend} from '../network';
import type {SimWorld} from '../world';
import {deploysAlso} from './argocd';
import {SimGitHost} from './git-host';
import type {StackPackage} from './stacks';

export const CORE_APPLICATIONS = ['argocd', 'gitea', 'nginx'] as const;
export const GITEA_ADMIN = 'giteaAdmin';
const PACKAGE_NAMESPACE = 'idpbuilder-localdev';
/** api/v1alpha1/localbuild_types.go: the start time of the CLI run that last touched an object. */
export const CLI_START_TIME = 'cnoe.io/cli-start-time';
const LAST_OBSERVED_CLI_START_TIME = 'cnoe.io/last-observed-cli-start-time';

export const IDPBUILDER_CRDS = [
  'custompackages.idpbuilder.cnoe.io',
  'gitrepositories.idpbuilder.cnoe.io',
  'localbuilds.idpbuilder.cnoe.io',
];
const ARGOCD_CRDS = ['applications.argoproj.io', 'applicationsets.argoproj.io', 'appprojects.argoproj.io'];

/** The flags a Localbuild remembers; re-running with other values fails. */
export interface BuildSettings {
  host: string;
  port: string;
  protocol: string;
  usePathRouting: boolean;
}

/** GiteaBaseUrl: with path routing `https://cnoe.localtest.me:8443/gitea`, else `https://gitea.cnoe.localtest.me:8443`. */
export function giteaBaseUrl({protocol, host, port, usePathRouting}: BuildSettings): string {
  return usePathRouting ? `${protocol}://${host}:${port}/gitea` : `${protocol}://gitea.${host}:${port}`;
}

/** "Adding CRDs to the cluster": idpbuilder's own, before any controller runs. */
export function addIdpbuilderCrds(cluster: SimCluster): void {
  for (const crd of IDPBUILDER_CRDS) cluster.crds.add(crd);
}

export function existingSettings(cluster: SimCluster): BuildSettings | undefined {
  return cluster.find('Localbuild', 'localdev')?.spec?.buildCustomization as BuildSettings | undefined;
}

const CORE_WORKLOADS: Array<[namespace: string, kind: 'Deployment' | 'StatefulSet', name: string]> = [
  ['ingress-nginx', 'Deployment', 'ingress-nginx-controller'],
  ['gitea', 'Deployment', 'my-gitea'],
  ['argocd', 'Deployment', 'argocd-server'],
  ['argocd', 'Deployment', 'argocd-repo-server'],
  ['argocd', 'StatefulSet', 'argocd-application-controller'],
];

/** The Localbuild carries the start time of the latest CLI run (build.go sets it on every create). */
export function recordCliStart(cluster: SimCluster, settings: BuildSettings, startTime: string): void {
  const existing = cluster.find('Localbuild', 'localdev');
  const annotations = {
    ...((existing?.metadata.annotations as Record<string, string> | undefined) ?? {}),
    [CLI_START_TIME]: startTime,
  };
  if (existing) existing.metadata.annotations = annotations;
  else
    cluster.upsert({
      apiVersion: 'idpbuilder.cnoe.io/v1alpha1',
      kind: 'Localbuild',
      metadata: {name: 'localdev', annotations},
      spec: {buildCustomization: settings},
    });
}

/**
 * shouldShutDown: the CLI exits only when every CustomPackage that carries a start time carries
 * this run's. Nothing updates a package this run did not name, so one from an earlier run with
 * another package set keeps the CLI running forever.
 */
export function shouldShutDown(cluster: SimCluster, startTime: string): boolean {
  return cluster.objects
    .filter((object) => object.kind === 'CustomPackage')
    .map((object) => (object.metadata.annotations as Record<string, string> | undefined)?.[CLI_START_TIME])
    .every((stamp) => stamp === undefined || stamp === startTime);
}

export function installCore(world: SimWorld, cluster: SimCluster, settings: BuildSettings): void {
  if (cluster.find('Namespace', 'argocd')) return;
  for (const crd of ARGOCD_CRDS) cluster.crds.add(crd);
  for (const namespace of ['argocd', 'gitea', 'ingress-nginx', PACKAGE_NAMESPACE])
    cluster.upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}, status: {phase: 'Active'}});
  for (const [namespace, kind, name] of CORE_WORKLOADS) {
    cluster.upsert({
      apiVersion: 'apps/v1',
      kind,
      metadata: {name, namespace},
      spec: {replicas: 1},
      status: {replicas: 1, readyReplicas: 1, availableReplicas: 1},
    });
  }
  cluster.upsert({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {name: 'my-gitea-http', namespace: 'gitea'},
    spec: {ports: [{port: 3000}]},
  });
  const password = generateSecret();
  const token = generateSecret(40);
  cluster.upsert(secretObject('argocd', 'argocd-initial-admin-secret', {password: generateSecret(16)}));
  cluster.upsert(secretObject('gitea', 'gitea-credential', {username: GITEA_ADMIN, password, token}));
  const gitea = new SimGitHost();
  gitea.addUser(GITEA_ADMIN, password, true).tokens.push({name: 'idpbuilder', sha: token, scopes: ['all']});
  cluster.backends.set('gitea/my-gitea-http', {git: gitea});
  for (const name of CORE_APPLICATIONS) {
    cluster.upsert({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {name, namespace: 'argocd'},
      spec: {
        project: 'default',
        source: {repoURL: `${giteaBaseUrl(settings)}/${GITEA_ADMIN}/idpbuilder-localdev-${name}.git`, path: '.'},
        destination: {namespace: name},
      },
      // idpbuilder exits only once the core applications are healthy.
      status: {sync: {status: 'Synced'}, health: {status: 'Healthy'}},
    });
  }
  listenOnIngress(world, cluster, settings);
}

/** The node's port 8443 (kind maps it to the ingress): Gitea under /gitea, Keycloak under /keycloak once deployed. */
function listenOnIngress(world: SimWorld, cluster: SimCluster, settings: BuildSettings): void {
  const alive = () => world.docker.running && world.clusters.get(cluster.name) === cluster;
  const service = (key: string) => cluster.backends.get(key);
  if (!settings.usePathRouting) {
    world.listeners.set(`https://gitea.${settings.host}:${settings.port}`, () =>
      alive() ? {selfSigned: true, ...service('gitea/my-gitea-http')} : undefined,
    );
    return;
  }
  const ingress: SimBackend = {
    selfSigned: true,
    get routes() {
      return [
        ['/gitea', 'gitea/my-gitea-http'],
        ['/keycloak', 'keycloak/keycloak'],
      ].flatMap(([prefix, key]) => {
        const backend = service(key!);
        return backend ? [{prefix: prefix!, backend}] : [];
      });
    },
  };
  world.listeners.set(`https://${settings.host}:${settings.port}`, () => (alive() ? ingress : undefined));
}

/**
 * Pushes the package's `cnoe://` sources to Gitea and creates (or updates) its Applications and
 * CustomPackages, named `<yaml file basename>-<app>` and stamped with this run's start time.
 */
export function installPackage(world: SimWorld, cluster: SimCluster, stack: StackPackage, startTime: string): void {
  const gitea = cluster.backends.get('gitea/my-gitea-http')?.git;
  if (!gitea) throw new Error('sim: Gitea is not installed');
  const settings = existingSettings(cluster)!;
  for (const application of stack.applications) {
    const source = application.local
      ? localSource(gitea, giteaBaseUrl(settings), application.name, application.local)
      : application.upstream;
    const object: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: application.name,
        namespace: 'argocd',
        ...(application.labels ? {labels: application.labels} : {}),
      },
      spec: {
        project: 'default',
        source,
        destination: {server: 'https://kubernetes.default.svc', namespace: application.namespace},
        syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: ['CreateNamespace=true']},
      },
    };
    if (application.objects) deploysAlso(cluster, application.name, application.objects);
    const stamps = {[CLI_START_TIME]: startTime, [LAST_OBSERVED_CLI_START_TIME]: startTime};
    cluster.upsert({
      apiVersion: 'idpbuilder.cnoe.io/v1alpha1',
      kind: 'CustomPackage',
      metadata: {
        name: customPackageName(application.file, application.name),
        namespace: PACKAGE_NAMESPACE,
        annotations: stamps,
      },
      spec: {
        argoCD: {applicationFile: application.file, name: application.name, namespace: 'argocd', type: 'Application'},
      },
      status: {synced: true},
    });
    if (cluster.upsert(object) !== 'unchanged') world.react(cluster, object);
  }
}

/** getCustomPackageName: the YAML file's name up to its first dot, lower-cased, then the application. */
export function customPackageName(file: string, application: string): string {
  return `${path.basename(file).split('.')[0]!.toLowerCase()}-${application}`;
}

/** localRepoName: `<app>-<last folder of the cnoe:// path>`, in Gitea as `idpbuilder-localdev-<that>`. */
function localSource(
  gitea: SimGitHost,
  baseUrl: string,
  application: string,
  local: {dir: string; path: string; files: Record<string, string>},
) {
  const name = `idpbuilder-localdev-${application}-${path.basename(local.dir)}`;
  if (!gitea.repositories.has(`${GITEA_ADMIN}/${name}`)) {
    const prefix = local.path === '.' ? '' : `${local.path}/`;
    gitea.createRepository(GITEA_ADMIN, name, {
      files: Object.fromEntries(Object.entries(local.files).map(([file, text]) => [`${prefix}${file}`, text])),
    });
  }
  return {repoURL: `${baseUrl}/${GITEA_ADMIN}/${name}.git`, targetRevision: 'HEAD', path: local.path};
}
