/**
 * `helm` v3 for OCI charts: `upgrade --install` (values from `-f -`), `status`, `get values`
 * and `uninstall`, with Helm's errors (exit 1) and its release records (Secrets
 * `sh.helm.release.v1.<release>.v<revision>`, labelled owner=helm). A chart registry that cannot
 * be reached fails the pull, as an offline or proxied machine does.
 *
 * Modelled on helm/helm v3.19.0 (commit 3d8990f): cmd/helm/{version,upgrade,install,status,
 * get_values,uninstall}.go, pkg/action/{history,uninstall}.go, pkg/kube/client.go,
 * pkg/registry/client.go, pkg/storage/driver/{driver,secrets}.go, pkg/release/release.go.
 */
import YAML from 'yaml';
import type {KubeObject} from '../../kube';
import {fail, flag, ok, parseArgs, type ParsedArgs} from '../args';
import {secretObject, type SimCluster} from '../cluster';
import {sortedLikeGoMap} from '../go-json';
import type {SimAnswer} from '../process';
import {
  deprecationFailure,
  FORGEJO_CHART,
  FORGEJO_CHART_VERSIONS,
  keptOnUninstall,
  renderForgejo,
  type ForgejoValues,
} from '../servers/forgejo-chart';
import type {SimCli, SimWorld} from '../world';

const VALUE_FLAGS = [
  '--version',
  '-n',
  '--namespace',
  '-f',
  '--values',
  '--kube-context',
  '--timeout',
  '-o',
  '--output',
];
const RELEASE_ANNOTATION = 'meta.helm.sh/release-name';

interface ReleaseRecord {
  chart: string;
  version: string;
  appVersion: string;
  revision: number;
  values: Record<string, unknown>;
}

export const helm: SimCli = ({argv, stdin}, world) => {
  const args = parseArgs(argv.slice(1), VALUE_FLAGS);
  const [command, ...rest] = args.positional;
  // cmd/helm/version.go formatVersion: `--short` prints `<version>+g<commit[:7]>`, the only form asked for.
  if (command === 'version') return ok(`v${world.installed.get('helm')}+g3d8990f\n`);
  const context = flag(args, '--kube-context') ?? world.currentContext;
  const cluster = world.clusterOfContext(context);
  // pkg/kube/client.go IsReachable ("Kubernetes cluster unreachable: ..."), which action.History.Run
  // checks before anything else, so `upgrade --install` fails here too; cobra errors exit 1.
  if (!cluster || !world.docker.running)
    return fail(
      'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:35627/version": dial tcp 127.0.0.1:35627: connect: connection refused\n',
    );
  cluster.tick();
  const namespace = flag(args, '-n', '--namespace') ?? 'default';
  const request = {args, cluster, world, namespace, release: rest[0] ?? ''};
  switch (command) {
    case 'upgrade':
      return upgrade(request, rest[1] ?? '', stdin);
    case 'status':
      return status(request);
    case 'get':
      return rest[0] === 'values'
        ? getValues({...request, release: rest[1] ?? ''})
        : fail(`Error: unknown command "get ${rest[0]}"\n`);
    case 'uninstall':
      return uninstall(request);
    default:
      return fail(`Error: unknown command "${command}" for "helm"\n`);
  }
};

interface Request {
  args: ParsedArgs;
  cluster: SimCluster;
  world: SimWorld;
  namespace: string;
  release: string;
}

function records(cluster: SimCluster, namespace: string, release: string): KubeObject[] {
  return cluster.objects
    .filter(
      (object) =>
        object.kind === 'Secret' &&
        object.metadata.namespace === namespace &&
        object.metadata.labels?.owner === 'helm' &&
        object.metadata.labels?.name === release,
    )
    .sort((a, b) => Number(a.metadata.labels?.version) - Number(b.metadata.labels?.version));
}

function latest(cluster: SimCluster, namespace: string, release: string): ReleaseRecord | undefined {
  const record = records(cluster, namespace, release).pop();
  const encoded = (record?.data as Record<string, string> | undefined)?.release;
  return encoded ? (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as ReleaseRecord) : undefined;
}

function upgrade({args, cluster, world, namespace, release}: Request, chart: string, stdin: string): SimAnswer {
  if (flag(args, '--install') !== 'true') return fail('sim: only `helm upgrade --install` is simulated\n');
  const version = flag(args, '--version') ?? '';
  const reference = `${chart.replace(/^oci:\/\//, '')}:${version}`;
  const host = chart.replace(/^oci:\/\//, '').split('/')[0];
  if (world.faults.chartRegistryUnreachable) {
    return fail(
      `Error: failed to do request: Head "https://${host}/v2/${chart.replace(/^oci:\/\/[^/]+\//, '')}/manifests/${version}": dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving\n`,
    );
  }
  const appVersion = chart === FORGEJO_CHART ? FORGEJO_CHART_VERSIONS[version] : undefined;
  if (!appVersion) return fail(`Error: ${reference}: not found\n`);
  const valuesFile = flag(args, '-f', '--values');
  const values = (valuesFile === '-' ? (YAML.parse(stdin) ?? {}) : {}) as ForgejoValues & Record<string, unknown>;
  // A template `fail` surfaces as "execution error at (<template>:<line>:<col>): <message>".
  const deprecated = deprecationFailure(values);
  if (deprecated)
    return fail(
      `Error: UPGRADE FAILED: execution error at (forgejo/templates/gitea/deprecation.yaml:17:7): ${deprecated}\n`,
    );
  if (!cluster.find('Namespace', namespace)) {
    // pkg/storage/driver/secrets.go Create wraps the API error of the release record: "create: failed to create".
    if (flag(args, '--create-namespace') !== 'true')
      return fail(`Error: create: failed to create: namespaces "${namespace}" not found\n`);
    cluster.upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}, status: {phase: 'Active'}});
  }
  const previous = latest(cluster, namespace, release);
  const revision = (previous?.revision ?? 0) + 1;
  for (const object of renderForgejo(release, namespace, appVersion, values)) {
    object.metadata.annotations = {...(object.metadata.annotations as object), [RELEASE_ANNOTATION]: release};
    if (cluster.upsert(object) !== 'unchanged') world.react(cluster, object);
  }
  // The release record Secret, labelled as the Secrets storage driver labels it (name, owner, status, version).
  const record: ReleaseRecord = {chart: 'forgejo', version, appVersion, revision, values};
  cluster.upsert(
    secretObject(
      namespace,
      `sh.helm.release.v1.${release}.v${revision}`,
      {release: JSON.stringify(record)},
      {owner: 'helm', name: release, status: 'deployed', version: String(revision)},
    ),
  );
  // pkg/registry/client.go Pull prints Pulled/Digest to the registry client's writer, which
  // cmd/helm/root.go sets to os.Stderr; cmd/helm/upgrade.go prints the heading (table output only).
  const pulled = `Pulled: ${reference}\nDigest: sha256:5e7c2b7f0c2b4f7d8b0e3f9d3c1a6b2e4d9f8a7c6b5e4d3c2b1a0f9e8d7c6b5a\n`;
  const heading = previous
    ? `Release "${release}" has been upgraded. Happy Helming!\n`
    : `Release "${release}" does not exist. Installing it now.\n`;
  return ok(
    `${heading}NAME: ${release}\nLAST DEPLOYED: Fri Jan  2 15:04:05 2026\nNAMESPACE: ${namespace}\nSTATUS: deployed\nREVISION: ${revision}\n`,
    pulled,
  );
}

/** cmd/helm/status.go; `-o json` is the Release of pkg/release/release.go (name, info, chart, version, namespace). */
function status({args, cluster, namespace, release}: Request): SimAnswer {
  const record = latest(cluster, namespace, release);
  // pkg/storage/driver/driver.go ErrReleaseNotFound = "release: not found".
  if (!record) return fail('Error: release: not found\n');
  const json = {
    name: release,
    namespace,
    version: record.revision,
    info: {status: 'deployed'},
    chart: {metadata: {name: record.chart, version: record.version, appVersion: record.appVersion}},
  };
  return flag(args, '-o', '--output') === 'json'
    ? ok(`${JSON.stringify(json)}\n`)
    : ok(`NAME: ${release}\nNAMESPACE: ${namespace}\nSTATUS: deployed\nREVISION: ${record.revision}\n`);
}

function getValues({args, cluster, namespace, release}: Request): SimAnswer {
  const record = latest(cluster, namespace, release);
  if (!record) return fail('Error: release: not found\n');
  // helm v3.19.0 cmd/helm/get_values.go WriteJSON -> pkg/cli/output EncodeJSON: the values are a
  // Go map, so both formats come out with sorted keys (sigs.k8s.io/yaml marshals through JSON).
  const values = sortedLikeGoMap(record.values);
  return flag(args, '-o', '--output') === 'json'
    ? ok(`${JSON.stringify(values)}\n`)
    : ok(`USER-SUPPLIED VALUES:\n${YAML.stringify(values)}`);
}

/** pkg/action/uninstall.go ("uninstall: Release not loaded: <name>: ...", the kept resources) and cmd/helm/uninstall.go. */
function uninstall({cluster, world, namespace, release}: Request): SimAnswer {
  const history = records(cluster, namespace, release);
  if (!history.length) return fail(`Error: uninstall: Release not loaded: ${release}: release: not found\n`);
  const owned = cluster.objects.filter(
    (object) =>
      object.metadata.namespace === namespace &&
      (object.metadata.annotations as Record<string, string> | undefined)?.[RELEASE_ANNOTATION] === release,
  );
  const kept = owned.filter(keptOnUninstall);
  for (const object of [...owned.filter((object) => !keptOnUninstall(object)), ...history]) {
    cluster.remove(object.kind ?? '', object.metadata.name, namespace);
    world.react(cluster, object, 'deleted');
  }
  const keptLines = kept.map((object) => `${object.kind}/${object.metadata.name}`).join('\n');
  return ok(
    `${kept.length ? `These resources were kept due to the resource policy:\n[${keptLines}]\n\n` : ''}release "${release}" uninstalled\n`,
  );
}
