/**
 * `kubectl` (v1.34.1) against the simulated clusters: get (JSON, name or table), describe, apply and
 * delete, create namespace, version and `get --raw`. Errors carry kubectl's own wording and go
 * to stderr with exit code 1; every call that reaches a cluster lets simulated time pass.
 *
 * Sources (kubernetes/kubectl and kubernetes/cli-runtime at tag kubernetes-1.34.1):
 * - unknown resource types: cli-runtime `pkg/resource/builder.go` `mappingFor` returns "the server
 *   doesn't have a resource type %q" when discovery has no match, and kubectl `pkg/cmd/util/helpers.go`
 *   `checkErr` prints it with "error: " and exits 1 (DefaultErrorExitCode);
 * - `get --ignore-not-found`: kubectl `pkg/cmd/get/get.go` ignores only `apierrors.IsNotFound`, so it
 *   does not cover an unknown resource type;
 * - applying a custom resource without its CRD: cli-runtime `pkg/resource/mapper.go` "resource
 *   mapping not found for name: ... ensure CRDs are installed first", with apimachinery's
 *   `no matches for kind %q in version %q` (`pkg/api/meta/errors.go`).
 */
import YAML from 'yaml';
import {conditionStatus, type KubeObject} from '../../kube';
import {fail, flag, ok, parseArgs, type ParsedArgs} from '../args';
import {secretObject, type SimCluster} from '../cluster';
import {columns} from '../columns';
import type {SimAnswer} from '../process';
import {fileOnVolume, podSpec, volumeFiles} from '../servers/storage';
import type {SimCli, SimWorld} from '../world';

interface KindInfo {
  kind: string;
  plural: string;
  group: string;
  namespaced: boolean;
  short?: string[];
}

const KINDS: KindInfo[] = [
  {kind: 'Node', plural: 'nodes', group: '', namespaced: false, short: ['no']},
  {kind: 'Namespace', plural: 'namespaces', group: '', namespaced: false, short: ['ns']},
  {kind: 'Pod', plural: 'pods', group: '', namespaced: true, short: ['po']},
  {kind: 'Event', plural: 'events', group: '', namespaced: true, short: ['ev']},
  {kind: 'Service', plural: 'services', group: '', namespaced: true, short: ['svc']},
  {kind: 'Secret', plural: 'secrets', group: '', namespaced: true},
  {kind: 'ConfigMap', plural: 'configmaps', group: '', namespaced: true, short: ['cm']},
  {kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', group: '', namespaced: true, short: ['pvc']},
  {kind: 'PersistentVolume', plural: 'persistentvolumes', group: '', namespaced: false, short: ['pv']},
  {kind: 'ServiceAccount', plural: 'serviceaccounts', group: '', namespaced: true, short: ['sa']},
  {kind: 'Deployment', plural: 'deployments', group: 'apps', namespaced: true, short: ['deploy']},
  {kind: 'StatefulSet', plural: 'statefulsets', group: 'apps', namespaced: true, short: ['sts']},
  {kind: 'Job', plural: 'jobs', group: 'batch', namespaced: true},
  {kind: 'Ingress', plural: 'ingresses', group: 'networking.k8s.io', namespaced: true, short: ['ing']},
  {kind: 'Application', plural: 'applications', group: 'argoproj.io', namespaced: true, short: ['app', 'apps']},
  {kind: 'Backup', plural: 'backups', group: 'velero.io', namespaced: true},
  {kind: 'Restore', plural: 'restores', group: 'velero.io', namespaced: true},
  {kind: 'Schedule', plural: 'schedules', group: 'velero.io', namespaced: true},
  {
    kind: 'BackupStorageLocation',
    plural: 'backupstoragelocations',
    group: 'velero.io',
    namespaced: true,
    short: ['bsl'],
  },
  {kind: 'DeleteBackupRequest', plural: 'deletebackuprequests', group: 'velero.io', namespaced: true},
  {kind: 'PodVolumeBackup', plural: 'podvolumebackups', group: 'velero.io', namespaced: true},
  {kind: 'PodVolumeRestore', plural: 'podvolumerestores', group: 'velero.io', namespaced: true},
  {kind: 'DaemonSet', plural: 'daemonsets', group: 'apps', namespaced: true, short: ['ds']},
  {kind: 'Localbuild', plural: 'localbuilds', group: 'idpbuilder.cnoe.io', namespaced: false},
  {kind: 'CustomPackage', plural: 'custompackages', group: 'idpbuilder.cnoe.io', namespaced: true},
  {kind: 'GitRepository', plural: 'gitrepositories', group: 'idpbuilder.cnoe.io', namespaced: true},
];

/** API groups the API server serves without any CRD; every other group is a custom resource. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'networking.k8s.io']);

/** `<plural>.<group>` of a custom resource type (the name of its CRD), or undefined for built-in types. */
export function crdNameOf(info: KindInfo): string | undefined {
  return BUILT_IN_GROUPS.has(info.group) ? undefined : `${info.plural}.${info.group}`;
}

/** kubectl's answer when discovery does not know a resource type (yet): exit 1, whatever the flags. */
function unknownResourceType(cluster: SimCluster, info: KindInfo, typed: string) {
  const crd = crdNameOf(info);
  if (!crd || cluster.crds.has(crd)) return undefined;
  return fail(`error: the server doesn't have a resource type "${typed.split('/')[0]!.split('.')[0]}"\n`);
}

export function kindInfo(name: string): KindInfo {
  const bare = name.split('.')[0]!.toLowerCase();
  const known = KINDS.find(
    (info) => info.kind.toLowerCase() === bare || info.plural === bare || info.short?.includes(bare),
  );
  return (
    known ?? {
      kind: bare.charAt(0).toUpperCase() + bare.slice(1).replace(/s$/, ''),
      plural: bare.endsWith('s') ? bare : `${bare}s`,
      group: '',
      namespaced: true,
    }
  );
}

function kindOfObject(object: KubeObject): KindInfo {
  return kindInfo(object.kind ?? '');
}

const VALUE_FLAGS = [
  '--context',
  '-c',
  '--container',
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-f',
  '--filename',
  '--sort-by',
  '--raw',
  '-l',
  '--selector',
  '--timeout',
  '--for',
  '--type',
  '-p',
  '--patch',
  '--kubeconfig',
];

export const kubectl: SimCli = ({argv, stdin}, world) => {
  // Words after `--` belong to the container command (`exec ... -- cat FILE`), as cobra's ArgsLenAtDash keeps them.
  const dashes = argv.indexOf('--');
  const args = parseArgs(dashes < 0 ? argv.slice(1) : argv.slice(1, dashes), VALUE_FLAGS);
  const containerCommand = dashes < 0 ? [] : argv.slice(dashes + 1);
  const [command, ...rest] = args.positional;
  const clientVersion = `v${world.installed.get('kubectl')}`;
  if (command === 'version' && flag(args, '--client'))
    return ok(`Client Version: ${clientVersion}\nKustomize Version: v5.7.1\n`);
  if (command === 'config' && rest[0] === 'get-contexts' && flag(args, '-o', '--output') === 'name')
    return ok([...world.contexts.keys()].map((name) => `${name}\n`).join(''));
  if (command === 'config' && rest[0] === 'current-context')
    return world.currentContext ? ok(`${world.currentContext}\n`) : fail('error: current-context is not set\n');

  // An empty --context is no context at all: kubectl uses the kubeconfig's current-context.
  // cli-runtime v0.34.1 pkg/genericclioptions/config_flags.go copies the flag into
  // overrides.CurrentContext even when it is "", and client-go v0.34.1 tools/clientcmd/
  // client_config.go getContextName() takes the override only when it is not empty, else the
  // kubeconfig's CurrentContext (the Go modules of Kubernetes v1.34.1).
  const contextName = flag(args, '--context') || world.currentContext;
  if (!contextName)
    return fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
  if (!world.contexts.has(contextName))
    return fail(`Error in configuration: context was not found for specified context: ${contextName}\n`);
  const cluster = world.clusterOfContext(contextName);
  if (!cluster || !world.docker.running) {
    const refused =
      'The connection to the server 127.0.0.1:35627 was refused - did you specify the right host or port?\n';
    return command === 'version'
      ? fail(refused, 1, `${JSON.stringify({clientVersion: {gitVersion: clientVersion}}, null, 2)}\n`)
      : fail(refused);
  }
  cluster.tick();
  const request = {args, rest, stdin, cluster, world, containerCommand};
  switch (command) {
    case 'version':
      return ok(
        `${JSON.stringify({clientVersion: {gitVersion: clientVersion}, serverVersion: {gitVersion: cluster.kubernetesVersion}}, null, 2)}\n`,
      );
    case 'get':
      return flag(args, '--raw') === '/readyz' ? ok('ok') : get(request);
    case 'describe':
      return describe(request);
    case 'apply':
      return apply(request);
    case 'delete':
      return remove(request);
    case 'create':
      return rest[0] === 'namespace' || rest[0] === 'ns'
        ? createNamespace(request)
        : fail(`sim: kubectl create ${rest[0]} is not simulated\n`);
    case 'annotate':
      return annotate(request);
    case 'patch':
      return patch(request);
    case 'port-forward':
      return portForward(request);
    case 'exec':
      return exec(request);
    default:
      return fail(`error: unknown command "${command}" for "kubectl"\n`);
  }
};

interface Request {
  args: ParsedArgs;
  rest: string[];
  stdin: string;
  cluster: SimCluster;
  world: SimWorld;
  /** What follows `--`. */
  containerCommand: string[];
}

/** `kind/name`, `kind name`, or `kind` (a list); `unknown` is kubectl's error while the type has no CRD. */
function target(
  rest: string[],
  cluster: SimCluster,
): {info: KindInfo; name?: string; unknown?: ReturnType<typeof fail>} {
  const [first = '', second] = rest;
  const [kindName, slashName] = first.split('/');
  const info = kindInfo(kindName!);
  return {info, name: slashName ?? second, unknown: unknownResourceType(cluster, info, first)};
}

function scopeOf(args: ParsedArgs): {all: boolean; namespace: string} {
  return {
    all: flag(args, '-A', '--all-namespaces') === 'true',
    namespace: flag(args, '-n', '--namespace') ?? 'default',
  };
}

function inScope(object: KubeObject, info: KindInfo, scope: {all: boolean; namespace: string}): boolean {
  return !info.namespaced || scope.all || object.metadata.namespace === scope.namespace;
}

function notFound(info: KindInfo, name: string) {
  return fail(
    `Error from server (NotFound): ${info.plural}${info.group ? `.${info.group}` : ''} "${name}" not found\n`,
  );
}

function get({args, rest, cluster}: Request) {
  const {info, name, unknown} = target(rest, cluster);
  if (unknown) return unknown;
  const scope = scopeOf(args);
  const output = flag(args, '-o', '--output');
  if (output?.startsWith('jsonpath') || output?.startsWith('go-template'))
    return fail(`sim: -o ${output} is not simulated; read -o json instead\n`);
  if (info.kind === 'Event') return events(cluster, scope, output);
  const items = cluster.objects.filter(
    (object) => object.kind === info.kind && inScope(object, info, scope) && (!name || object.metadata.name === name),
  );
  if (name && !items.length) return flag(args, '--ignore-not-found') === 'true' ? ok() : notFound(info, name);
  if (output === 'json')
    return ok(`${JSON.stringify(name ? items[0] : {apiVersion: 'v1', kind: 'List', items}, null, 2)}\n`);
  if (output === 'name')
    return ok(
      items
        .map((object) => `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${object.metadata.name}\n`)
        .join(''),
    );
  if (!items.length)
    return ok(
      '',
      info.namespaced && !scope.all ? `No resources found in ${scope.namespace} namespace.\n` : 'No resources found\n',
    );
  return ok(table(info, items, scope.all && info.namespaced));
}

function table(info: KindInfo, items: KubeObject[], withNamespace: boolean): string {
  const columns: Array<[string, (object: KubeObject) => string]> = [['NAME', (object) => object.metadata.name]];
  if (withNamespace) columns.unshift(['NAMESPACE', (object) => object.metadata.namespace ?? '']);
  const status = (path: string) => (object: KubeObject) =>
    String(
      (path
        .split('.')
        .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object.status) as
        | string
        | undefined) ?? '',
    );
  if (info.kind === 'Node')
    columns.push(
      ['STATUS', (object) => (conditionStatus(object, 'Ready') === 'True' ? 'Ready' : 'NotReady')],
      ['ROLES', () => 'control-plane'],
      ['AGE', () => '2m'],
      ['VERSION', status('nodeInfo.kubeletVersion')],
    );
  else if (info.kind === 'Pod')
    columns.push(
      ['READY', (object) => (object.status?.phase === 'Running' ? '1/1' : '0/1')],
      ['STATUS', status('phase')],
      ['RESTARTS', () => '0'],
      ['AGE', () => '2m'],
    );
  else if (info.kind === 'Application')
    columns.push(['SYNC STATUS', status('sync.status')], ['HEALTH STATUS', status('health.status')]);
  else if (info.kind === 'Namespace') columns.push(['STATUS', status('phase')], ['AGE', () => '2m']);
  else columns.push(['AGE', () => '2m']);
  return formatTable(
    columns.map(([title]) => title),
    items.map((object) => columns.map(([, cell]) => cell(object))),
  );
}

function formatTable(header: string[], rows: string[][]): string {
  return columns(header, rows, 3);
}

function events(cluster: SimCluster, scope: {all: boolean; namespace: string}, output: string | undefined) {
  const items = cluster.events.filter((event) => scope.all || event.namespace === scope.namespace);
  if (output === 'json') {
    const json = items.map((event) => ({
      kind: 'Event',
      metadata: {namespace: event.namespace},
      type: event.type,
      reason: event.reason,
      message: event.message,
      involvedObject: {name: event.object},
    }));
    return ok(`${JSON.stringify({apiVersion: 'v1', kind: 'List', items: json}, null, 2)}\n`);
  }
  if (!items.length)
    return ok('', scope.all ? 'No resources found\n' : `No resources found in ${scope.namespace} namespace.\n`);
  const header = [...(scope.all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return ok(
    formatTable(
      header,
      items.map((event) => [
        ...(scope.all ? [event.namespace] : []),
        '30s',
        event.type,
        event.reason,
        event.object,
        event.message,
      ]),
    ),
  );
}

/** `describe kind/name`, or every object of a kind when no name is given. */
function describe({args, rest, cluster}: Request) {
  const {info, name, unknown} = target(rest, cluster);
  if (unknown) return unknown;
  const scope = scopeOf(args);
  const objects = cluster.objects.filter(
    (candidate) =>
      candidate.kind === info.kind && inScope(candidate, info, scope) && (!name || candidate.metadata.name === name),
  );
  if (name && !objects.length) return notFound(info, name);
  if (!objects.length) return ok('', 'No resources found\n');
  return ok(objects.map((object) => describeOne(cluster, object)).join('\n\n\n'));
}

function describeOne(cluster: SimCluster, object: KubeObject): string {
  const name = object.metadata.name;
  const labels = Object.entries(object.metadata.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  const lines = [`Name:         ${name}`];
  if (object.metadata.namespace) lines.push(`Namespace:    ${object.metadata.namespace}`);
  lines.push(`Labels:       ${labels.join('\n              ') || '<none>'}`);
  const conditions = (object.status?.conditions ?? []) as Array<{
    type: string;
    status: string;
    reason: string;
    message: string;
  }>;
  if (conditions.length) {
    lines.push(
      'Conditions:',
      formatTable(
        ['  Type', 'Status', 'Reason', 'Message'],
        conditions.map((c) => [`  ${c.type}`, c.status, c.reason, c.message]),
      ).trimEnd(),
    );
  } else if (object.status) {
    lines.push(`Status:       ${JSON.stringify(object.status)}`);
  }
  const related = cluster.events.filter((event) => event.object.endsWith(`/${name}`));
  lines.push(
    related.length
      ? `Events:\n${formatTable(
          ['  Type', 'Reason', 'Message'],
          related.map((e) => [`  ${e.type}`, e.reason, e.message]),
        ).trimEnd()}`
      : 'Events:       <none>',
  );
  return `${lines.join('\n')}\n`;
}

function apply({args, stdin, cluster, world}: Request) {
  const file = flag(args, '-f', '--filename');
  const text = file === '-' ? stdin : file ? world.files.get(file)?.content : undefined;
  if (text === undefined) return fail(`error: the path "${file}" does not exist\n`);
  const lines: string[] = [];
  for (const document of YAML.parseAllDocuments(text)) {
    const object = document.toJSON() as KubeObject | null;
    if (!object) continue;
    if (!object.kind || !object.apiVersion || !object.metadata?.name)
      return fail(
        'error: error validating data: [apiVersion not set, kind not set, metadata.name not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
      );
    const info = kindOfObject(object);
    if (info.namespaced) object.metadata.namespace ??= flag(args, '-n', '--namespace') ?? 'default';
    const crd = crdNameOf(info);
    if (crd && !cluster.crds.has(crd)) {
      const from = file === '-' ? 'STDIN' : file;
      return fail(
        `error: resource mapping not found for name: "${object.metadata.name}" namespace: "${info.namespaced ? object.metadata.namespace : ''}" from "${from}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first\n`,
        1,
        lines.length ? `${lines.join('\n')}\n` : '',
      );
    }
    if (object.kind === 'Secret') foldStringData(object);
    if (info.namespaced && !cluster.find('Namespace', object.metadata.namespace!)) {
      return fail(
        `Error from server (NotFound): error when creating "STDIN": namespaces "${object.metadata.namespace}" not found\n`,
      );
    }
    const outcome = cluster.upsert(object);
    // Controllers see the object as stored: on "configured" that keeps what they set before.
    if (outcome !== 'unchanged')
      world.react(cluster, cluster.find(object.kind, object.metadata.name, object.metadata.namespace) ?? object);
    lines.push(`${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${object.metadata.name} ${outcome}`);
  }
  return ok(`${lines.join('\n')}\n`);
}

function remove({args, rest, cluster, world}: Request) {
  const {info, name, unknown} = target(rest, cluster);
  if (unknown) return unknown;
  if (!name) return fail('error: resource(s) were provided, but no name was specified\n');
  const namespace = info.namespaced ? (flag(args, '-n', '--namespace') ?? 'default') : undefined;
  const object = cluster.find(info.kind, name, namespace);
  if (!object) return flag(args, '--ignore-not-found') === 'true' ? ok() : notFound(info, name);
  cluster.remove(info.kind, name, namespace);
  world.react(cluster, object, 'deleted');
  return ok(`${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''} "${name}" deleted\n`);
}

/** The object a command names (`kind/name` or `kind name`) in its namespace, or kubectl's NotFound. */
function named({
  args,
  rest,
  cluster,
}: Request): {object: KubeObject; info: KindInfo; label: string} | ReturnType<typeof fail> {
  const {info, name, unknown} = target(rest, cluster);
  if (unknown) return unknown;
  if (!name) return fail('error: resource(s) were provided, but no name was specified\n');
  const namespace = info.namespaced ? (flag(args, '-n', '--namespace') ?? 'default') : undefined;
  const object = cluster.find(info.kind, name, namespace);
  return object
    ? {object, info, label: `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name}`}
    : notFound(info, name);
}

/** `annotate kind/name key=value ... --overwrite` (controllers react, e.g. ArgoCD's refresh annotation). */
function annotate(request: Request) {
  const found = named(request);
  if ('exitCode' in found) return found;
  const annotations = (found.object.metadata.annotations ??= {}) as Record<string, string>;
  for (const pair of request.rest.slice(request.rest[0]?.includes('/') ? 1 : 2)) {
    const [key = '', value = ''] = pair.split('=');
    if (key in annotations && annotations[key] !== value && flag(request.args, '--overwrite') !== 'true') {
      return fail(
        `error: --overwrite is false but found the following declared annotation(s): '${key}' already has a value (${annotations[key]})\n`,
      );
    }
    annotations[key] = value;
  }
  request.world.react(request.cluster, found.object);
  return ok(`${found.label} annotated\n`);
}

/** `patch kind/name --type merge -p '<json>'`: a JSON merge patch. */
function patch(request: Request) {
  const found = named(request);
  if ('exitCode' in found) return found;
  if (flag(request.args, '--type') !== 'merge') return fail('sim: only --type merge patches are simulated\n');
  mergePatch(found.object, JSON.parse(flag(request.args, '-p', '--patch') ?? '{}') as Record<string, unknown>);
  request.world.react(request.cluster, found.object);
  return ok(`${found.label} patched\n`);
}

function mergePatch(target: Record<string, unknown>, change: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete target[key];
    else if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof target[key] === 'object' &&
      target[key] !== null
    )
      mergePatch(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}

/**
 * `port-forward -n ns svc/name LOCAL:REMOTE`: keeps running and makes the Service's backend
 * answer on http://127.0.0.1:LOCAL until it is stopped.
 */
function portForward({args, rest, cluster, world}: Request): SimAnswer {
  const [resource = '', ports = ''] = rest;
  const [kindName, name = ''] = resource.split('/');
  const namespace = flag(args, '-n', '--namespace') ?? 'default';
  const [local = '', remote = ''] = ports.split(':');
  if (kindInfo(kindName ?? '').kind !== 'Service')
    return fail('sim: port-forward is simulated for services (svc/name)\n');
  if (!cluster.find('Service', name, namespace))
    return fail(`Error from server (NotFound): services "${name}" not found\n`);
  const backend = cluster.backends.get(`${namespace}/${name}`);
  if (!backend) return fail('error: unable to forward port because pod is not running. Current status=Pending\n');
  const port = Number(local);
  if (world.portsInUse.has(port)) {
    return fail(
      `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${port}: bind: address already in use]\n` +
        `error: unable to listen on any of the requested ports: [{${port} ${remote}}]\n`,
    );
  }
  const origin = `http://127.0.0.1:${port}`;
  world.portsInUse.add(port);
  world.listeners.set(origin, () => cluster.backends.get(`${namespace}/${name}`));
  return {
    running: true,
    stdout: `Forwarding from 127.0.0.1:${port} -> ${remote}\nForwarding from [::1]:${port} -> ${remote}\n`,
    onStop() {
      world.portsInUse.delete(port);
      world.listeners.delete(origin);
    },
  };
}

/**
 * `exec [-i] pod/name [-c container] -- COMMAND`: kubectl v1.34.1 `pkg/cmd/exec/exec.go` refuses a
 * pod that has finished ("cannot exec into a container in a completed pod; current phase is %s")
 * and streams stdin only with `-i`. Inside the container the sim runs just what the runbooks
 * run on a persistent volume, with busybox's words: `cat FILE` and `sh -c 'cat > FILE'`.
 */
function exec(request: Request): SimAnswer {
  const found = named(request);
  if ('exitCode' in found) return found;
  const pod = found.object;
  const phase = String(pod.status?.phase ?? 'Pending');
  if (phase === 'Succeeded' || phase === 'Failed')
    return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
  if (phase !== 'Running')
    return fail(
      `error: unable to upgrade connection: container not found ("${podSpec(pod).containers?.[0]?.name ?? ''}")\n`,
    );
  const container = flag(request.args, '-c', '--container');
  const [program, ...words] = request.containerCommand;
  const redirect = program === 'sh' && words[0] === '-c' ? /^cat > (\S+)$/.exec(words[1] ?? '') : null;
  const file = redirect?.[1] ?? (program === 'cat' && words.length === 1 ? words[0] : undefined);
  if (!file)
    return fail(
      `sim: only "cat FILE" and "sh -c 'cat > FILE'" are simulated inside containers, not: ${request.containerCommand.join(' ')}\n`,
      126,
    );
  const onVolume = fileOnVolume(request.cluster, pod, container, file);
  if (!onVolume)
    return fail(
      `sim: ${file} is not on a persistent volume of pod ${pod.metadata.name}; only volume files are simulated\n`,
      126,
    );
  const files = volumeFiles(request.cluster, onVolume.volume);
  if (redirect) {
    files.set(onVolume.path, flag(request.args, '-i', '--stdin') === 'true' ? request.stdin : '');
    return ok();
  }
  const content = files.get(onVolume.path);
  return content === undefined
    ? fail(`cat: can't open '${file}': No such file or directory\ncommand terminated with exit code 1\n`)
    : ok(content);
}

/** The API server stores a Secret's `stringData` as base64 `data`. */
function foldStringData(object: KubeObject): void {
  const stringData = object.stringData as Record<string, string> | undefined;
  if (!stringData) return;
  delete object.stringData;
  const folded = secretObject(object.metadata.namespace ?? 'default', object.metadata.name, stringData).data as Record<
    string,
    string
  >;
  object.data = {...((object.data as Record<string, string> | undefined) ?? {}), ...folded};
}

function createNamespace({rest, cluster}: Request) {
  const name = rest[1];
  if (!name) return fail('error: exactly one NAME is required, got 0\n');
  if (cluster.find('Namespace', name))
    return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists\n`);
  cluster.objects.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name}, status: {phase: 'Active'}});
  return ok(`namespace/${name} created\n`);
}
