/**
 * What `idpbuilder create` leaves in the cluster: the Localbuild with the flags it was created
 * with, the core packages (ingress-nginx, Gitea, ArgoCD and their Applications argocd, gitea,
 * nginx), the admin secrets `get secrets` reads, Gitea behind the ingress on the host's port 8443,
 * and, per package, a Gitea repository for each `cnoe://` source and an ArgoCD Application.
 */
import type {KubeObject} from '../../kube';
import {generateSecret} from '../../generate';
import {secretObject, type SimCluster} from '../cluster';
import type {SimBackend} from '../network';
import type {SimWorld} from '../world';
import {deploysAlso, GITEA_INTERNAL} from './argocd';
import {SimGitHost} from './git-host';
import type {StackPackage} from './stacks';

export const CORE_APPLICATIONS = ['argocd', 'gitea', 'nginx'] as const;
export const GITEA_ADMIN = 'giteaAdmin';
const PACKAGE_NAMESPACE = 'idpbuilder-localdev';

/** The flags a Localbuild remembers; re-running with other values fails. */
export interface BuildSettings {
  host: string;
  port: string;
  protocol: string;
  usePathRouting: boolean;
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

export function installCore(world: SimWorld, cluster: SimCluster, settings: BuildSettings): void {
  if (cluster.find('Localbuild', 'localdev')) return;
  cluster.upsert({apiVersion: 'idpbuilder.cnoe.io/v1alpha1', kind: 'Localbuild', metadata: {name: 'localdev'}, spec: {buildCustomization: settings}});
  for (const namespace of ['argocd', 'gitea', 'ingress-nginx', PACKAGE_NAMESPACE]) cluster.upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}, status: {phase: 'Active'}});
  for (const [namespace, kind, name] of CORE_WORKLOADS) {
    cluster.upsert({apiVersion: 'apps/v1', kind, metadata: {name, namespace}, spec: {replicas: 1}, status: {replicas: 1, readyReplicas: 1, availableReplicas: 1}});
  }
  cluster.upsert({apiVersion: 'v1', kind: 'Service', metadata: {name: 'my-gitea-http', namespace: 'gitea'}, spec: {ports: [{port: 3000}]}});
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
      spec: {project: 'default', source: {repoURL: `${GITEA_INTERNAL}/${GITEA_ADMIN}/idpbuilder-localdev-${name}.git`, path: '.'}, destination: {namespace: name}},
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
    world.listeners.set(`https://gitea.${settings.host}:${settings.port}`, () => (alive() ? {selfSigned: true, ...service('gitea/my-gitea-http')} : undefined));
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

/** Pushes the package's `cnoe://` sources to Gitea and creates (or updates) its Applications. */
export function installPackage(world: SimWorld, cluster: SimCluster, stack: StackPackage): void {
  const gitea = cluster.backends.get('gitea/my-gitea-http')?.git;
  if (!gitea) throw new Error('sim: Gitea is not installed');
  for (const application of stack.applications) {
    const source = application.local ? localSource(gitea, application.name, application.local) : application.upstream;
    const object: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {name: application.name, namespace: 'argocd', ...(application.labels ? {labels: application.labels} : {})},
      spec: {
        project: 'default',
        source,
        destination: {server: 'https://kubernetes.default.svc', namespace: application.namespace},
        syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: ['CreateNamespace=true']},
      },
    };
    if (application.objects) deploysAlso(cluster, application.name, application.objects);
    cluster.upsert({apiVersion: 'idpbuilder.cnoe.io/v1alpha1', kind: 'CustomPackage', metadata: {name: `app-${application.name}`, namespace: PACKAGE_NAMESPACE}, spec: {argoCD: {name: application.name, namespace: 'argocd'}}});
    if (cluster.upsert(object) !== 'unchanged') world.react(cluster, object);
  }
}

function localSource(gitea: SimGitHost, application: string, local: {dir: string; path: string; files: Record<string, string>}) {
  const name = `idpbuilder-localdev-${application}-${local.dir.replace(/\//g, '-')}`;
  if (!gitea.repositories.has(`${GITEA_ADMIN}/${name}`)) {
    const prefix = local.path === '.' ? '' : `${local.path}/`;
    gitea.createRepository(GITEA_ADMIN, name, {files: Object.fromEntries(Object.entries(local.files).map(([file, text]) => [`${prefix}${file}`, text]))});
  }
  return {repoURL: `${GITEA_INTERNAL}/${GITEA_ADMIN}/${name}.git`, targetRevision: 'HEAD', path: local.path};
}
