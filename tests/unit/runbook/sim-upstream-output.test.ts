/**
 * The simulated CLIs print what upstream prints, checked against output upstream pins in its
 * own tests or source (tests/fixtures/upstream/README.md names each source).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {secretObject} from '../../../src/runbook/sim/cluster';
import {createKindCluster} from '../../../src/runbook/sim/clis/kind';
import {CHART as FORGEJO_CHART, CHART_VERSION} from '../../../runbooks/forgejo-install';
import {ROOT} from './support';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'tests/fixtures/upstream', name), 'utf8');
type Printed = {exitCode: number; stdout: string; stderr: string};
const run = (world: SimWorld, ...argv: string[]) => world.handle({argv, env: {}, stdin: '', cwd: ''});

describe('simulated output against upstream', () => {
  it('idpbuilder get secrets -o json prints the bytes idpbuilder v0.10.1 prints for its TestOutput secrets', async () => {
    const world = createSimWorld();
    createKindCluster(world, '', 'localdev', undefined, undefined);
    const cluster = world.clusters.get('localdev')!;
    cluster.upsert(secretObject('argocd', 'argocd-initial-admin-secret', {username: 'admin', password: 'abc'}));
    cluster.upsert(secretObject('gitea', 'gitea-credential', {username: 'admin', password: 'abc'}));
    // Stored in another key order than printed: encoding/json sorts map keys.
    for (const [name, namespace] of [
      ['name1', 'ns1'],
      ['name2', 'ns2'],
    ] as const)
      cluster.upsert(secretObject(namespace, name, {data2: 'data2', data1: 'data1'}, {'cnoe.io/cli-secret': 'true'}));
    expect(await run(world, 'idpbuilder', 'get', 'secrets', '-o', 'json')).toEqual({
      exitCode: 0,
      stdout: fixture('idpbuilder-get-secrets.json'),
      stderr: '',
    });
  });

  it('idpbuilder get secrets prints "no secrets found" on stdout and exits 0 when nothing matches (pkg/cmd/get/secrets.go)', async () => {
    const world = createSimWorld();
    createKindCluster(world, '', 'localdev', undefined, undefined);
    expect(await run(world, 'idpbuilder', 'get', 'secrets', '-p', 'keycloak', '-o', 'json')).toEqual({
      exitCode: 0,
      stdout: 'no secrets found\n',
      stderr: '',
    });
  });

  it('kind get clusters: names on stdout, or "No kind clusters found." on stderr with exit 0 (kind v0.30.0 pkg/cmd/kind/get/clusters/clusters.go)', async () => {
    const world = createSimWorld();
    expect(await run(world, 'kind', 'get', 'clusters')).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: 'No kind clusters found.\n',
    });
    createKindCluster(world, '', 'localdev', undefined, undefined);
    expect(await run(world, 'kind', 'get', 'clusters')).toEqual({exitCode: 0, stdout: 'localdev\n', stderr: ''});
  });

  it('helm get values -o json prints the values as a Go map: one compact line, keys sorted at every level (helm v3.19.0 cmd/helm/get_values.go, testdata/output/values.json)', async () => {
    const world = createSimWorld();
    createKindCluster(world, '', 'localdev', undefined, undefined);
    const values = fs.readFileSync(path.join(ROOT, 'runbooks/assets/forgejo-install/values.yaml'), 'utf8');
    const install = (await world.handle({
      argv: [
        'helm',
        'upgrade',
        '--install',
        'forgejo',
        FORGEJO_CHART,
        '--version',
        CHART_VERSION,
        '-n',
        'forgejo',
        '--create-namespace',
        '-f',
        '-',
      ],
      env: {},
      stdin: values,
      cwd: '',
    })) as Printed;
    expect(install.exitCode).toBe(0);
    const printed = (await run(world, 'helm', 'get', 'values', 'forgejo', '-n', 'forgejo', '-o', 'json')) as Printed;
    expect(printed.stdout).toBe(`${JSON.stringify(sortedKeys(YAML.parse(values)))}\n`);
    expect(Object.keys(JSON.parse(printed.stdout) as object)).toEqual([
      'gitea',
      'ingress',
      'persistence',
      'service',
      'strategy',
    ]);
  });

  it.each(
    JSON.parse(fixture('velero-map-flag.json')) as Array<{
      name: string;
      input: string;
      error: boolean;
      expected?: Record<string, string>;
    }>,
  )(
    'velero install --backup-location-config reads $input as velero v1.18.1 does (map_test.go: $name)',
    async ({input, error, expected}) => {
      const world = createSimWorld();
      createKindCluster(world, '', 'localdev', undefined, undefined);
      world.files.set('/creds', {content: '[default]\n', mode: 0o600});
      const install = (await run(
        world,
        'velero',
        'install',
        '--provider',
        'aws',
        '--bucket',
        'velero',
        '--secret-file',
        '/creds',
        '--backup-location-config',
        input,
      )) as Printed;
      const location = world.clusters.get('localdev')!.find('BackupStorageLocation', 'default', 'velero');
      if (error) {
        expect(install.exitCode).toBe(1);
        expect(install.stderr).toMatch(
          new RegExp(
            `^An error occurred: invalid argument ${escape(JSON.stringify(input))} for "--backup-location-config" flag: error parsing `,
          ),
        );
        expect(location).toBeUndefined();
      } else {
        expect(install.exitCode).toBe(0);
        expect(location?.spec?.config).toEqual(expected);
      }
    },
  );
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A deep copy with object keys in code-unit order, written out here independently of the sim's helper. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
