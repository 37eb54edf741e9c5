/**
 * The `velero` CLI (v1.18): install, uninstall, backup/restore/schedule create and delete, with
 * Velero's "An error occurred: ..." errors (exit 1). As the real CLI, `backup create --wait` and
 * `restore create --wait` exit 0 whatever the outcome (PartiallyFailed, Failed): they only print
 * it. `--backup-location-config` is parsed as Velero's map flag (one CSV record of `k=v` entries).
 *
 * Sources (vmware-tanzu/velero at v1.18.1, commit 26ef8fa): `pkg/cmd/errors.go` CheckError ("An
 * error occurred: %v", exit 1), `pkg/cmd/cli/version/version.go` printVersion,
 * `pkg/cmd/cli/install/install.go` (flags, "Velero is installed! ⛵ ..."), `pkg/install/install.go`
 * (the "attempting to create resource" / "already exists, proceeding" / "created" lines),
 * `pkg/cmd/cli/backup/create.go` and `restore/create.go` (the `--wait` messages, `return nil`
 * whatever the phase), `schedule/create.go`, `backup/delete.go`, `schedule/delete.go`,
 * `pkg/cmd/cli/uninstall/uninstall.go`, `pkg/cmd/util/flag/map.go` (the map flag). Each function
 * below names what it takes from which file.
 */
import path from 'node:path';
import type {KubeObject} from '../../kube';
import {fail, flag, flagValues, ok, parseArgs, type ParsedArgs} from '../args';
import {secretObject, type SimCluster} from '../cluster';
import type {SimAnswer} from '../process';
import {TERMINAL_PHASES, VELERO_NAMESPACE, veleroInstalled} from '../servers/velero';
import type {SimCli, SimWorld} from '../world';

const VALUE_FLAGS = [
  '--kubecontext',
  '--kubeconfig',
  '-n',
  '--namespace',
  '--provider',
  '--plugins',
  '--bucket',
  '--secret-file',
  '--backup-location-config',
  '--image',
  '--prefix',
  '--include-namespaces',
  '--schedule',
  '--from-backup',
  '--ttl',
  '-o',
  '--output',
];

// The most simulated API reads a `--wait` polls before it gives up printing dots (the real CLI waits forever).
const WAIT_POLLS = 50;

const error = (message: string) => fail(`An error occurred: ${message}\n`);

export const velero: SimCli = ({argv, cwd, stdin}, world) => {
  const args = parseArgs(argv.slice(1), VALUE_FLAGS);
  const [command, subcommand, name] = args.positional;
  // printVersion: the version and FormattedGitSHA of the build; the commit is v1.18.1's (the pinned release).
  if (command === 'version')
    return ok(
      `Client:\n\tVersion: v${world.installed.get('velero')}\n\tGit commit: 26ef8fa7df68dfa9ab8aa4669b8ac47340b0c510\n`,
    );
  const context = flag(args, '--kubecontext') ?? world.currentContext;
  const cluster = world.clusterOfContext(context);
  if (!context)
    return error(
      'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
    );
  if (!cluster || !world.docker.running)
    return error(
      'Get "https://127.0.0.1:35627/api?timeout=32s": dial tcp 127.0.0.1:35627: connect: connection refused',
    );
  cluster.tick();
  const request = {args, name: name ?? '', cluster, world};
  if (command === 'install') return install(request, cwd, stdin);
  if (command === 'uninstall') return uninstall(request);
  if (!veleroInstalled(cluster))
    return error(`the server could not find the requested resource (post ${command}s.velero.io)`);
  switch (`${command} ${subcommand}`) {
    case 'backup create':
      return createAndWait(request, 'Backup', backupSpec(args));
    case 'restore create':
      return createAndWait(request, 'Restore', {backupName: flag(args, '--from-backup') ?? ''});
    case 'schedule create':
      return createSchedule(request);
    case 'backup delete':
    case 'restore delete':
    case 'schedule delete':
      return remove(request, command === 'backup' ? 'Backup' : command === 'restore' ? 'Restore' : 'Schedule');
    default:
      return fail(`Error: unknown command "${args.positional.join(' ')}" for "velero"\n`);
  }
};

interface Request {
  args: ParsedArgs;
  name: string;
  cluster: SimCluster;
  world: SimWorld;
}

function put(cluster: SimCluster, world: SimWorld, object: KubeObject): void {
  cluster.upsert(object);
  world.react(cluster, object);
}

/**
 * Velero's map flag, velero v1.18.1 `pkg/cmd/util/flag/map.go` `Set`: the value is read as one CSV
 * record (Go's encoding/csv with comma as separator), and each entry is split at its first `=`, so
 * `=` may appear in a value but a comma only inside a quoted entry (`"k=a,b"`). pflag wraps the
 * error as `invalid argument %q for "--flag" flag: %v`. Checked against upstream's own cases
 * (`map_test.go` TestSetOfMap) in tests/unit/runbook/sim-upstream-output.test.ts.
 */
function parseMap(text: string, flagName = '--backup-location-config'): Record<string, string> | string {
  const invalid = (reason: string) => `invalid argument ${JSON.stringify(text)} for "${flagName}" flag: ${reason}`;
  const entries = csvRecord(text);
  if (typeof entries === 'string') return invalid(`error parsing ${JSON.stringify(text)}: ${entries}`);
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const index = entry.indexOf('=');
    if (index < 0) return invalid(`error parsing ${JSON.stringify(entry)}`);
    map[entry.slice(0, index)] = entry.slice(index + 1);
  }
  return map;
}

/**
 * The first record of a one-line CSV text as Go's encoding/csv `Reader.Read` returns it (defaults:
 * no lazy quotes, leading spaces kept): a field that starts with `"` is quoted, may hold commas and
 * writes a quote as `""`; a quote anywhere else is an error. Errors are ParseError's text, with
 * its 1-based column. Not modelled: records over several lines, `\r\n`, other separators.
 */
function csvRecord(line: string): string[] | string {
  if (line === '') return 'EOF';
  const parseError = (column: number, what: string) => `parse error on line 1, column ${column}: ${what}`;
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] !== '"') {
      const end = line.indexOf(',', at);
      const field = line.slice(at, end < 0 ? undefined : end);
      if (field.includes('"')) return parseError(at + field.indexOf('"') + 1, 'bare " in non-quoted-field');
      fields.push(field);
      if (end < 0) return fields;
      at = end + 1;
      continue;
    }
    let field = '';
    at++;
    for (;;) {
      const quote = line.indexOf('"', at);
      if (quote < 0) return parseError(line.length + 1, 'extraneous or missing " in quoted-field');
      field += line.slice(at, quote);
      const after = line[quote + 1];
      if (after === '"') {
        field += '"';
        at = quote + 2;
        continue;
      }
      if (after !== undefined && after !== ',') return parseError(quote + 1, 'extraneous or missing " in quoted-field');
      fields.push(field);
      if (after === undefined) return fields;
      at = quote + 2;
      break;
    }
  }
}

/**
 * The custom resource types `velero install` creates first and `velero uninstall` removes after the
 * namespace: velero v1.18.1 `pkg/install/resources.go` `AllCRDs()` over `config/crd/v1/bases/` and
 * `config/crd/v2alpha1/bases/`; `pkg/cmd/cli/uninstall/uninstall.go` ("Uninstall Velero along with
 * the CRDs").
 */
const VELERO_CRDS = [
  'backuprepositories',
  'backups',
  'backupstoragelocations',
  'deletebackuprequests',
  'downloadrequests',
  'podvolumebackups',
  'podvolumerestores',
  'restores',
  'schedules',
  'serverstatusrequests',
  'volumesnapshotlocations',
  'datadownloads',
  'datauploads',
].map((plural) => `${plural}.velero.io`);

function install({args, cluster, world}: Request, cwd: string, stdin: string): SimAnswer {
  const provider = flag(args, '--provider');
  const bucket = flag(args, '--bucket');
  const secretFile = flag(args, '--secret-file');
  if (!provider) return error('--provider is required');
  if (!bucket) return error('--bucket is required');
  if (!secretFile) return error('--secret-file is required (or --no-secret)');
  // os.ReadFile of the path (pkg/cmd/cli/install/install.go): /dev/stdin reads what was piped in.
  const credentials = secretFile === '/dev/stdin' ? {content: stdin} : world.files.get(path.resolve(cwd, secretFile));
  if (!credentials) return error(`open ${secretFile}: no such file or directory`);
  // Without the flag the map stays empty; only a given value is parsed (pflag calls Set per use).
  const configFlag = flag(args, '--backup-location-config');
  const config = configFlag === undefined ? {} : parseMap(configFlag);
  if (typeof config === 'string') return error(config);
  const version = `v${world.installed.get('velero')}`;
  const plugins = flagValues(args, '--plugins').flatMap((value) => value.split(','));
  const objects: KubeObject[] = [
    {apiVersion: 'v1', kind: 'Namespace', metadata: {name: VELERO_NAMESPACE}},
    secretObject(VELERO_NAMESPACE, 'cloud-credentials', {cloud: credentials.content}),
    {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'velero', namespace: VELERO_NAMESPACE}},
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'velero', namespace: VELERO_NAMESPACE},
      // Selector and pod labels of velero v1.18.1 `pkg/install/deployment.go` and `daemonset.go`.
      spec: {
        replicas: 1,
        selector: {matchLabels: {deploy: 'velero'}},
        template: {
          metadata: {labels: {component: 'velero', deploy: 'velero'}},
          spec: {
            initContainers: plugins.map((image) => ({name: image.split('/').pop()!.split(':')[0], image})),
            containers: [{name: 'velero', image: `velero/velero:${version}`}],
          },
        },
      },
    },
    ...(flag(args, '--use-node-agent') === 'true'
      ? [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            metadata: {name: 'node-agent', namespace: VELERO_NAMESPACE},
            spec: {
              selector: {matchLabels: {name: 'node-agent'}},
              template: {
                metadata: {labels: {component: 'velero', name: 'node-agent'}},
                spec: {containers: [{name: 'node-agent', image: `velero/velero:${version}`}]},
              },
            },
          },
        ]
      : []),
    {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: {name: 'default', namespace: VELERO_NAMESPACE},
      spec: {
        provider,
        default: true,
        objectStorage: {bucket, ...(flag(args, '--prefix') ? {prefix: flag(args, '--prefix')} : {})},
        config,
      },
    },
  ];
  const lines: string[] = [];
  for (const crd of VELERO_CRDS) {
    lines.push(
      `CustomResourceDefinition/${crd}: attempting to create resource`,
      `CustomResourceDefinition/${crd}: ${cluster.crds.has(crd) ? 'already exists, proceeding' : 'created'}`,
    );
    cluster.crds.add(crd);
  }
  for (const object of objects) {
    const label = `${object.kind}/${object.metadata.name}`;
    lines.push(`${label}: attempting to create resource`, `${label}: attempting to create resource client`);
    // `velero install` never changes what exists; it says so and moves on.
    if (cluster.find(object.kind ?? '', object.metadata.name, object.metadata.namespace)) {
      lines.push(`${label}: already exists, proceeding`);
      continue;
    }
    put(cluster, world, object);
    lines.push(`${label}: created`);
  }
  lines.push("Velero is installed! ⛵ Use 'kubectl logs deployment/velero -n velero' to view the status.");
  return ok(`${lines.join('\n')}\n`);
}

function uninstall({args, cluster, world}: Request): SimAnswer {
  if (flag(args, '--force') !== 'true') return fail('You must specify --force to run this command non-interactively\n');
  const namespace = cluster.find('Namespace', VELERO_NAMESPACE);
  if (!namespace)
    return ok(`Velero namespace "${VELERO_NAMESPACE}" does not exist, skipping.\nVelero uninstalled ⛵\n`);
  cluster.remove('Namespace', VELERO_NAMESPACE);
  world.react(cluster, namespace, 'deleted');
  for (const crd of VELERO_CRDS) cluster.crds.delete(crd);
  return ok(
    `Waiting for velero namespace "${VELERO_NAMESPACE}" to be deleted\n............\nVelero namespace "${VELERO_NAMESPACE}" deleted\nVelero uninstalled ⛵\n`,
  );
}

function createAndWait(
  {args, name, cluster, world}: Request,
  kind: 'Backup' | 'Restore',
  spec: Record<string, unknown>,
): SimAnswer {
  const plural = `${kind.toLowerCase()}s.velero.io`;
  if (cluster.find(kind, name, VELERO_NAMESPACE)) return error(`${plural} "${name}" already exists`);
  const object: KubeObject = {apiVersion: 'velero.io/v1', kind, metadata: {name, namespace: VELERO_NAMESPACE}, spec};
  put(cluster, world, object);
  const noun = kind.toLowerCase();
  const submitted = `${kind} request "${name}" submitted successfully.\n`;
  if (flag(args, '--wait', '-w') !== 'true')
    return ok(
      `${submitted}Run \`velero ${noun} describe ${name}\` or \`velero ${noun} logs ${name}\` for more details.\n`,
    );
  let dots = '';
  for (let poll = 0; poll < WAIT_POLLS && !TERMINAL_PHASES.includes(String(object.status?.phase)); poll++) {
    cluster.tick();
    dots += '.';
  }
  const waiting = `${submitted}Waiting for ${noun} to complete. You may safely press ctrl-c to stop waiting - your ${noun} will continue in the background.\n${dots}\n`;
  const phase = String(object.status?.phase);
  if (!TERMINAL_PHASES.includes(phase)) return {running: true, stdout: waiting};
  // Exit 0 whatever the phase: the caller must look at it.
  return ok(
    `${waiting}${kind} completed with status: ${phase}. You may check for more information using the commands \`velero ${noun} describe ${name}\` and \`velero ${noun} logs ${name}\`.\n`,
  );
}

/**
 * The Backup spec that `backup create` and `schedule create` build from the same flags (velero
 * v1.18.1 `pkg/cmd/cli/backup/create.go` `BindFlags`, reused by `schedule/create.go`).
 * `--default-volumes-to-fs-backup` is an optional bool: alone it means true, and without it the
 * field stays unset (the server's default, false unless `velero install --default-volumes-to-fs-backup`).
 */
function backupSpec(args: ParsedArgs): Record<string, unknown> {
  const fsBackup = flag(args, '--default-volumes-to-fs-backup');
  return {
    includedNamespaces: flagValues(args, '--include-namespaces').flatMap((value) => value.split(',')),
    storageLocation: 'default',
    ttl: '720h0m0s',
    ...(fsBackup === undefined ? {} : {defaultVolumesToFsBackup: fsBackup === 'true'}),
  };
}

function createSchedule({args, name, cluster, world}: Request): SimAnswer {
  if (cluster.find('Schedule', name, VELERO_NAMESPACE)) return error(`schedules.velero.io "${name}" already exists`);
  const schedule = flag(args, '--schedule');
  if (!schedule) return error('--schedule is required');
  put(cluster, world, {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {name, namespace: VELERO_NAMESPACE},
    spec: {schedule, template: backupSpec(args)},
  });
  return ok(`Schedule "${name}" created successfully.\n`);
}

function remove({args, name, cluster, world}: Request, kind: 'Backup' | 'Restore' | 'Schedule'): SimAnswer {
  if (flag(args, '--confirm') !== 'true') return fail(`Are you sure you want to continue (Y/N)? Cancelled.\n`);
  const object = cluster.find(kind, name, VELERO_NAMESPACE);
  if (!object) return error(`${kind.toLowerCase()}s.velero.io "${name}" not found`);
  if (kind === 'Schedule') {
    cluster.remove(kind, name, VELERO_NAMESPACE);
    return ok(`Schedule deleted: ${name}\n`);
  }
  if (kind === 'Restore') {
    cluster.later(1, (c) => void c.remove('Restore', name, VELERO_NAMESPACE));
    return ok(
      `Request to delete restore "${name}" submitted successfully.\nThe restore will be fully deleted after all associated data (restore files in object storage) are removed.\n`,
    );
  }
  put(cluster, world, {
    apiVersion: 'velero.io/v1',
    kind: 'DeleteBackupRequest',
    metadata: {name: `${name}-delete`, namespace: VELERO_NAMESPACE},
    spec: {backupName: name},
  });
  return ok(
    `Request to delete backup "${name}" submitted successfully.\nThe backup will be fully deleted after all associated data (disk snapshots, backup files, restores) are removed.\n`,
  );
}
