/**
 * `idpbuilder` v0.10.1 as the runbooks meet it. Logs go to stderr as `Jan  2 15:04:05 INFO <msg>
 * k=v`, the success banner and the kind config dump to stdout; every error exits 1 (there is no
 * other exit code); `version` prints through cobra's Println, which writes to stderr. `create`
 * checks that every `-p` path exists, reuses an existing cluster, refuses flags that differ from
 * the Localbuild, writes the kube context, installs its CRDs, the core packages and the `-p`
 * packages, and exits without waiting for package applications to be healthy, but only once
 * every CustomPackage carries this run's start time. `get secrets -o json` prints the array the
 * current CLI prints (core entries with username/password/token, others under `data`).
 *
 * Sources (cnoe-io/idpbuilder at v0.10.1): `pkg/cmd/root.go`, `pkg/cmd/create/root.go` (flags,
 * validate), `pkg/cmd/helpers/validation.go` (ParsePackageStrings), `pkg/logger/handler.go` (log
 * format), `pkg/build/build.go` (start time, "Adding CRDs to the cluster", kubeconfig),
 * `pkg/controllers/localbuild/controller.go` (ReconcileArgoAppsWithGitea, shouldShutDown,
 * postProcessReconcile: "Checking if we should shutdown", "Shutting Down"), `pkg/kind/resources/kind.yaml.tmpl`,
 * `pkg/cmd/get/secrets.go` and `pkg/printer/types/internal_types.go` (secrets).
 */
import type {KubeObject} from '../../kube';
import {fail, flag, flagValues, ok, parseArgs} from '../args';
import {columns} from '../columns';
import {sortedLikeGoMap} from '../go-json';
import type {SimAnswer} from '../process';
import {
  addIdpbuilderCrds,
  existingSettings,
  installCore,
  installPackage,
  recordCliStart,
  shouldShutDown,
  type BuildSettings,
} from '../servers/idpbuilder-core';
import {resolvePackage, type StackPackage} from '../servers/stacks';
import type {SimCli, SimWorld} from '../world';
import {DOCKER_DOWN} from './docker';
import {createKindCluster} from './kind';

const VALUE_FLAGS = [
  '--name',
  '-p',
  '--package',
  '--host',
  '--port',
  '--protocol',
  '-o',
  '--output',
  '-l',
  '--log-level',
  '--kube-version',
  '--kind-config',
  '--extra-ports',
  '-c',
  '--package-custom-file',
];

/** The kind config idpbuilder renders (pkg/kind/resources/kind.yaml.tmpl): HTTPS and Gitea SSH on the host. */
const KIND_TEMPLATE = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  image: "kindest/node:v1.33.1"
  labels:
    ingress-ready: "true"
  extraPortMappings:
  - containerPort: 443
    hostPort: 8443
    protocol: TCP
  - containerPort: 32222
    hostPort: 32222
    protocol: TCP
`;

export const idpbuilder: SimCli = ({argv, cwd}, world) => {
  const args = parseArgs(argv.slice(1), VALUE_FLAGS);
  const [command, object] = args.positional;
  if (command === 'version') return ok('', `idpbuilder ${world.installed.get('idpbuilder')} go1.24.6 linux/amd64\n`);
  if (command === 'create') {
    return create(world, {
      cwd,
      name: flag(args, '--name') ?? 'localdev',
      packages: flagValues(args, '-p', '--package'),
      noExit: flag(args, '-n', '--no-exit') === 'true',
      settings: {
        host: flag(args, '--host') ?? 'cnoe.localtest.me',
        port: flag(args, '--port') ?? '8443',
        protocol: flag(args, '--protocol') ?? 'https',
        usePathRouting: flag(args, '--use-path-routing') === 'true',
      },
    });
  }
  if (command === 'get' && object === 'secrets')
    return getSecrets(world, flagValues(args, '-p', '--packages'), flag(args, '-o', '--output'));
  return fail(
    `Error: unknown command "${args.positional.join(' ')}" for "idpbuilder"\nRun 'idpbuilder --help' for usage.\n`,
  );
};

/** idpbuilder's log handler: Go's time.Stamp, the level, the message and key=value pairs. */
class IdpLog {
  private readonly lines: string[] = [];
  private seconds = 0;

  write(level: 'INFO' | 'ERROR', message: string, fields: Record<string, string> = {}): this {
    const at = new Date(Date.UTC(2026, 0, 2, 15, 4, 5 + this.seconds++));
    const stamp = `${at.toLocaleString('en-US', {month: 'short', timeZone: 'UTC'})} ${String(at.getUTCDate()).padStart(2, ' ')} ${at.toISOString().slice(11, 19)}`;
    this.lines.push(
      [stamp, level, message, ...Object.entries(fields).map(([key, value]) => `${key}=${value}`)].join(' '),
    );
    return this;
  }

  text(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }
}

interface CreateRequest {
  cwd: string;
  name: string;
  packages: string[];
  noExit: boolean;
  settings: BuildSettings;
}

const CONTROLLER = {controller: 'localbuild', controllerGroup: 'idpbuilder.cnoe.io', controllerKind: 'Localbuild'};

/** build.go: `time.Now().Format(time.RFC3339Nano)`, unique per run (two runs never share a start time). */
let runs = 0;
function cliStartTime(world: SimWorld): string {
  return new Date(world.clock.now()).toISOString().replace('Z', `${String(++runs).padStart(6, '0')}Z`);
}

function create(world: SimWorld, request: CreateRequest): SimAnswer {
  // validate() in create/root.go parses every -p before anything else happens.
  const resolved: StackPackage[] = [];
  const pending: Array<{spec: string; error: string}> = [];
  for (const spec of request.packages) {
    const found = resolvePackage(world, spec, request.cwd);
    if ('package' in found) resolved.push(found.package);
    else if (found.neverExits) pending.push({spec, error: found.error});
    else return fail(`Error: ${found.error}\n`);
  }
  const startTime = cliStartTime(world);
  const log = new IdpLog().write('INFO', 'Creating kind cluster', {logger: 'setup'});
  if (!world.docker.running) {
    const error = `failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1`;
    log.write('ERROR', 'Error starting kind cluster', {err: error});
    return fail(`${log.text()}Error: ${error}\nCommand Output: ${DOCKER_DOWN}`);
  }
  log.write('INFO', 'Runtime detected', {logger: 'setup', provider: 'docker'});
  let stdout = '';
  if (world.clusters.has(request.name)) {
    log.write('INFO', 'Cluster already exists', {logger: 'setup', cluster: request.name});
  } else {
    stdout += `########################### Our kind config ############################\n${KIND_TEMPLATE}#########################   config end    ############################\n`;
    const created = createKindCluster(world, KIND_TEMPLATE, request.name, '-', undefined);
    if (created.exitCode !== 0) return fail(`${log.text()}${created.stderr}`, 1, stdout);
  }
  const cluster = world.clusters.get(request.name)!;
  // The kubeconfig always goes to ~/.kube/config, whatever $KUBECONFIG says, and becomes current.
  world.contexts.set(`kind-${request.name}`, request.name);
  world.currentContext = `kind-${request.name}`;
  for (const step of [
    'Adding CRDs to the cluster',
    'Setting up CoreDNS',
    'Setting up TLS certificate',
    'Creating localbuild resource',
  ])
    log.write('INFO', step, {logger: 'setup'});
  addIdpbuilderCrds(cluster);

  const previous = existingSettings(cluster);
  if (previous && JSON.stringify(previous) !== JSON.stringify(request.settings)) {
    return fail(
      `${log.text()}Error: provided command flags and existing configurations are incompatible. please recreate the cluster\n`,
      1,
      stdout,
    );
  }
  recordCliStart(cluster, request.settings, startTime);
  const stuck = world.faults.idpbuilderStuckOn;
  if (stuck) {
    // idpbuilder #430: the localbuild controller waits for a core Deployment every 30 s, forever.
    for (let attempt = 0; attempt < 3; attempt++)
      log.write('INFO', `Waiting for Deployment ${stuck} to become ready`, {...CONTROLLER, name: request.name});
    return {running: true, stdout, stderr: log.text()};
  }
  installCore(world, cluster, request.settings);
  log.write('INFO', 'installing bootstrap apps to ArgoCD', {...CONTROLLER, name: request.name});
  for (const stack of resolved) installPackage(world, cluster, stack, startTime);
  if (pending.length) {
    // The reconcile returns the error and is requeued, forever: the CLI never reaches shouldShutDown.
    for (let attempt = 0; attempt < 3; attempt++)
      log.write('ERROR', 'Reconciler error', {...CONTROLLER, name: request.name, err: pending[0]!.error});
    return {running: true, stdout, stderr: log.text()};
  }
  log.write('INFO', 'Checking if we should shutdown', {...CONTROLLER, name: request.name});
  if (request.noExit || !shouldShutDown(cluster, startTime)) {
    // Every reconcile asks again and the answer does not change; only a time limit or Ctrl-C ends it.
    for (let attempt = 0; attempt < 2; attempt++)
      log.write('INFO', 'Checking if we should shutdown', {...CONTROLLER, name: request.name});
    return {running: true, stdout, stderr: log.text()};
  }
  log.write('INFO', 'Shutting Down', {...CONTROLLER, name: request.name});
  const {host, port, protocol, usePathRouting} = request.settings;
  const argocd = usePathRouting ? `${protocol}://${host}:${port}/argocd` : `${protocol}://argocd.${host}:${port}/`;
  stdout +=
    '########################### Finished Creating IDP Successfully! ############################\n\n\n' +
    `Can Access ArgoCD at ${argocd}\nUsername: admin\nPassword can be retrieved by running: idpbuilder get secrets -p argocd\n`;
  return ok(stdout, log.text());
}

interface PrintedSecret {
  IsCore: boolean;
  name: string;
  namespace: string;
  username?: string;
  password?: string;
  token?: string;
  data?: Record<string, string>;
}

const CORE_SECRETS: Record<string, [namespace: string, name: string]> = {
  argocd: ['argocd', 'argocd-initial-admin-secret'],
  gitea: ['gitea', 'gitea-credential'],
};

/** Reads through the current context of ~/.kube/config, like the real CLI (it has no --context). */
function getSecrets(world: SimWorld, packages: string[], output: string | undefined): SimAnswer {
  const cluster = world.clusterOfContext(world.currentContext);
  if (!world.currentContext)
    return fail(
      'Error: getting kube config: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable\n',
    );
  if (!cluster || !world.docker.running)
    return fail(
      'Error: listing secrets: Get "https://127.0.0.1:35627/api/v1/secrets?labelSelector=cnoe.io%2Fcli-secret%3Dtrue": dial tcp 127.0.0.1:35627: connect: connection refused\n',
    );
  cluster.tick();
  const wanted = packages.length ? packages : [...Object.keys(CORE_SECRETS), undefined];
  const printed: PrintedSecret[] = [];
  for (const name of wanted) {
    const core = name === undefined ? undefined : CORE_SECRETS[name];
    if (core) {
      const secret = cluster.find('Secret', core[1], core[0]);
      if (secret) printed.push(corePrinted(secret, name === 'argocd'));
      continue;
    }
    const labelled = cluster.objects.filter(
      (object) =>
        object.kind === 'Secret' &&
        object.metadata.labels?.['cnoe.io/cli-secret'] === 'true' &&
        (name === undefined || object.metadata.labels?.['cnoe.io/package-name'] === name),
    );
    printed.push(
      ...labelled.map((secret) => ({
        IsCore: false,
        name: secret.metadata.name,
        namespace: secret.metadata.namespace ?? '',
        data: decoded(secret),
      })),
    );
  }
  if (!printed.length) return ok('no secrets found\n');
  if (output === 'json') return ok(`${JSON.stringify(printed, null, 2)}\n`);
  if (output) return fail(`Error: output format ${output} is not supported\n`);
  return ok(table(printed));
}

/** A Secret's data as printed: decoded, a Go map (keys sorted). */
function decoded(secret: KubeObject): Record<string, string> {
  const entries = Object.entries((secret.data ?? {}) as Record<string, string>);
  return sortedLikeGoMap(
    Object.fromEntries(entries.map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')])),
  );
}

function corePrinted(secret: KubeObject, argocd: boolean): PrintedSecret {
  const data = decoded(secret);
  return {
    IsCore: true,
    name: secret.metadata.name,
    namespace: secret.metadata.namespace ?? '',
    username: argocd ? 'admin' : data.username,
    password: data.password,
    token: data.token,
  };
}

function table(secrets: PrintedSecret[]): string {
  const rows = secrets.map((secret) => [
    secret.name,
    secret.namespace,
    secret.username ?? '',
    secret.password ?? '',
    secret.token ?? '',
    Object.entries(secret.data ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(','),
  ]);
  return columns(['NAME', 'NAMESPACE', 'USERNAME', 'PASSWORD', 'TOKEN', 'DATA'], rows, 2);
}
