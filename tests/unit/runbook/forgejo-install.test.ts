import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import cnoeShowtime from '../../../runbooks/cnoe-showtime';
import forgejoInstall, {
  ADMIN_SECRET,
  ADMIN_USER,
  adminSecretManifest,
  CHART_VERSION,
  FORWARD_PORT,
  SMOKE_REPOSITORY,
} from '../../../runbooks/forgejo-install';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {secretObject, secretValue} from '../../../src/runbook/sim/cluster';
import {runningSimCommands} from '../../../src/runbook/sim/process';
import {head} from '../../../src/runbook/sim/servers/git-host';
import {validateManifest} from './manifests';
import {everyStep, ROOT, requireSecret, runInSim, stepOutcomes} from './support';

const VALUES = path.join(ROOT, 'runbooks/assets/forgejo-install/values.yaml');

async function withCluster(world: SimWorld = createSimWorld()): Promise<SimWorld> {
  await runInSim(bootstrap, world);
  return world;
}

const cluster = (world: SimWorld) => world.clusters.get('localdev')!;
const forgejo = (world: SimWorld) => cluster(world).backends.get('forgejo/forgejo-http')!.git!;

describe('forgejo-install runbook on the simulated toolchain', () => {
  it('installs the pinned chart with the values file, and checks the API, a repository and a pushed commit', async () => {
    const world = await withCluster();
    const {result} = await runInSim(forgejoInstall, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toEqual({
      ...everyStep(forgejoInstall, 'passed'),
      'oidc-client': 'skipped',
      'oidc-login': 'skipped',
    });
    expect(world.ran('helm', '--kube-context', 'kind-localdev', 'upgrade')).toEqual([
      `helm --kube-context kind-localdev upgrade --install forgejo oci://code.forgejo.org/forgejo-helm/forgejo --version ${CHART_VERSION} -n forgejo -f -`,
    ]);
    expect(world.inputs.find((input) => input.call.startsWith('helm'))?.stdin).toBe(fs.readFileSync(VALUES, 'utf8'));

    const repository = forgejo(world).repositories.get(`${ADMIN_USER}/${SMOKE_REPOSITORY}`)!;
    expect(head(repository)?.message).toBe('Check from the forgejo-install runbook');
    expect(head(repository)?.files['runbook-check.md']).toMatch(/^# Runbook check/);
    expect(result.notes).toContain(
      `Forgejo serves commit ${head(repository)!.sha.slice(0, 12)} of ${ADMIN_USER}/${SMOKE_REPOSITORY}.`,
    );
    expect(result.notes).toContain('Forgejo 13.0.3+gitea-1.22.0 answers on http://127.0.0.1:13000.');
  });

  it('cleans up after itself: the token is revoked, its file deleted, the port-forward stopped', async () => {
    const world = await withCluster();
    const {result} = await runInSim(forgejoInstall, world);
    expect(forgejo(world).users.get(ADMIN_USER)?.tokens).toEqual([]);
    expect([...world.files.keys()].filter((file) => file.endsWith('forgejo-install/api-token'))).toEqual([]);
    expect(runningSimCommands().filter((command) => command.includes('port-forward'))).toEqual([]);
    expect(world.portsInUse.has(FORWARD_PORT)).toBe(false);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'Cleaned up: revoke the API token edf-runbook',
        'Cleaned up: stop kubectl port-forward to forgejo-http',
      ]),
    );
  });

  it('on Ctrl-C during the git push still revokes the token through its port-forward before stopping it', async () => {
    const world = await withCluster();
    const interrupt = new AbortController();
    world.intercept(
      (argv) => argv[0] === 'git' && argv.includes('push'),
      () => {
        interrupt.abort(new Error('Ctrl-C'));
        return 'hang';
      },
    );
    const {result} = await runInSim(forgejoInstall, world, {signal: interrupt.signal});
    expect(result.outcome).toBe('interrupted');
    // The port-forward is a background command: it stays up for the cleanups that need it.
    expect(result.notes).toContain('Cleaned up: revoke the API token edf-runbook');
    expect(result.notes.filter((note) => note.startsWith('Cleanup failed'))).toEqual([]);
    expect(runningSimCommands().filter((command) => command.includes('port-forward'))).toEqual([]);
  });

  it('keeps the admin password and the API token out of argv, events and the result', async () => {
    const world = await withCluster();
    let token = '';
    world.intercept(
      (argv) => argv[0] === 'git' && argv.includes('push'),
      async (invocation) => {
        token = forgejo(world).users.get(ADMIN_USER)!.tokens[0]!.sha;
        const {git} = await import('../../../src/runbook/sim/clis/git');
        return git(invocation, world);
      },
    );
    const {result, events} = await runInSim(forgejoInstall, world);
    const password = requireSecret(cluster(world), 'forgejo', ADMIN_SECRET, 'password');
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    const text = JSON.stringify({events, result});
    for (const secret of [password, token]) expect(text).not.toContain(secret);
    const curls = events.flatMap((event) =>
      event.type === 'command' && event.command.startsWith('curl') ? [event.command] : [],
    );
    expect(curls.filter((command) => command.includes('-u '))).toEqual(
      expect.arrayContaining([expect.stringContaining(`-u "${ADMIN_USER}:$FORGEJO_PASSWORD"`)]),
    );
    expect(curls).toContainEqual(expect.stringContaining('-H "Authorization: token $FORGEJO_TOKEN"'));
  });

  it('converges on a second run: nothing reinstalled, 409 for the repository, a new commit', async () => {
    const world = await withCluster();
    await runInSim(forgejoInstall, world);
    const first = head(forgejo(world).repositories.get(`${ADMIN_USER}/${SMOKE_REPOSITORY}`)!)!.sha;
    const {result} = await runInSim(forgejoInstall, world);
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toMatchObject({
      'admin-secret': 'already-done',
      'install-chart': 'already-done',
      'read-back': 'passed',
    });
    expect(world.ran('helm', '--kube-context', 'kind-localdev', 'upgrade')).toHaveLength(1);
    expect(result.notes).toContain(`${ADMIN_USER}/${SMOKE_REPOSITORY} exists already (409).`);
    expect(head(forgejo(world).repositories.get(`${ADMIN_USER}/${SMOKE_REPOSITORY}`)!)!.parent).toBe(first);
  });

  it('names the unreachable chart registry when the chart pull fails', async () => {
    const world = await withCluster();
    world.faults.chartRegistryUnreachable = true;
    const {result} = await runInSim(forgejoInstall, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('install-chart');
    expect(failed.failure?.message).toContain(
      `helm could not install oci://code.forgejo.org/forgejo-helm/forgejo:${CHART_VERSION} (exit 1): Error: failed to do request: Head "https://code.forgejo.org/v2/forgejo-helm/forgejo/manifests/${CHART_VERSION}"`,
    );
    expect(failed.failure?.message).toContain('The chart registry code.forgejo.org is not reachable from here');
    expect(stepOutcomes(result)['forgejo-ready']).toBe('not-run');
    expect(cluster(world).find('Deployment', 'forgejo', 'forgejo')).toBeUndefined();
  });

  it('says that helm ran into its 10-minute limit when it never finishes, not "exit null" with an empty cause (F5)', async () => {
    const world = await withCluster();
    world.intercept(
      (argv) => argv[0] === 'helm' && argv.includes('upgrade'),
      () => 'hang',
    );
    const {result} = await runInSim(forgejoInstall, world);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('install-chart');
    expect(failed.failure?.message).toBe(
      [
        `helm could not install oci://code.forgejo.org/forgejo-helm/forgejo:${CHART_VERSION} (stopped).`,
        `helm --kube-context kind-localdev upgrade --install forgejo oci://code.forgejo.org/forgejo-helm/forgejo --version ${CHART_VERSION} -n forgejo -f - did not finish within its time limit of 10m and was stopped.`,
        'What to do: Read the error above; helm status and helm history show what was installed before.',
      ].join('\n'),
    );
    expect(failed.durationMs).toBe(600_000);
  });

  it('reports HTTP 401 with the fix when Forgejo refuses the admin credentials (Secret changed after the start)', async () => {
    const world = await withCluster();
    await runInSim(forgejoInstall, world);
    // Someone rotates the Secret; the running pod keeps the password it set at start.
    // A made-up password of this test.
    const rotated = {username: ADMIN_USER, password: 'rotated-password-not-yet-synced'}; // secretlint-disable-line
    cluster(world).upsert(secretObject('forgejo', ADMIN_SECRET, rotated));
    const {result} = await runInSim(forgejoInstall, world);
    expect(result.exitCode).toBe(1);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('api-token');
    expect(failed.failure?.message).toContain('HTTP 401: invalid username, password or token');
    expect(failed.failure?.message).toContain('kubectl -n forgejo rollout restart deployment/forgejo');
    expect(stepOutcomes(result)['create-repository']).toBe('not-run');
    expect(runningSimCommands().filter((command) => command.includes('port-forward'))).toEqual([]);
  });

  it('refuses an existing admin Secret that names the reserved user admin, before installing anything', async () => {
    const world = await withCluster();
    cluster(world).upsert({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'forgejo'}});
    // A made-up password of this test.
    const reserved = {username: 'admin', password: 'some-password-of-the-test'}; // secretlint-disable-line
    cluster(world).upsert(secretObject('forgejo', ADMIN_SECRET, reserved));
    const {result} = await runInSim(forgejoInstall, world);
    expect(stepOutcomes(result)['admin-secret']).toBe('failed');
    expect(result.steps[0]?.failure?.message).toContain('names the admin "admin", a name Forgejo reserves');
    expect(world.ran('helm', '--kube-context', 'kind-localdev', 'upgrade')).toEqual([]);
  });

  it('fails readiness with the init container error in the diagnostics when Forgejo cannot start', async () => {
    const world = await withCluster();
    // The Secret disappears between the steps: the pod cannot start (CreateContainerConfigError).
    world.intercept(
      (argv) => argv[0] === 'helm' && argv.includes('upgrade'),
      async (invocation) => {
        cluster(world).remove('Secret', ADMIN_SECRET, 'forgejo');
        const {helm} = await import('../../../src/runbook/sim/clis/helm');
        return helm(invocation, world);
      },
    );
    const {result} = await runInSim(forgejoInstall, world);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('forgejo-ready');
    expect(failed.failure?.message).toContain('Timed out after 10m waiting for deployment/forgejo to be Available');
    expect(failed.diagnostics?.map((diagnostic) => diagnostic.output).join('\n')).toContain(
      'Error: secret "forgejo-admin" not found',
    );
  });

  it('says which port is taken when the port-forward cannot listen', async () => {
    const world = await withCluster();
    world.portsInUse.add(FORWARD_PORT);
    const {result} = await runInSim(forgejoInstall, world);
    const failed = result.steps.find((step) => step.outcome === 'failed')!;
    expect(failed.id).toBe('port-forward');
    expect(failed.failure?.message).toContain(`Port ${FORWARD_PORT} on this machine is in use.`);
  });

  it('stops in preflight with exit 3 when Docker is down, and changes nothing', async () => {
    const world = await withCluster();
    world.docker.running = false;
    const {result} = await runInSim(forgejoInstall, world);
    expect(result.exitCode).toBe(3);
    // A failed preflight starts no step (and records none).
    expect(result.steps).toEqual([]);
    expect(world.calls.filter((call) => call.startsWith('helm') && call.includes('upgrade'))).toEqual([]);
    expect(cluster(world).find('Namespace', 'forgejo')).toBeUndefined();
  });

  it('--down uninstalls the release and, once confirmed, deletes the namespace; a second --down has nothing to do', async () => {
    const world = await withCluster();
    await runInSim(forgejoInstall, world);
    const unconfirmed = await runInSim(forgejoInstall, world, {mode: 'down', options: {yes: false}});
    expect(stepOutcomes(unconfirmed.result)).toEqual({'uninstall-chart': 'passed', 'delete-namespace': 'failed'});
    expect(cluster(world).find('PersistentVolumeClaim', 'gitea-shared-storage', 'forgejo')).toBeDefined();
    const {result} = await runInSim(forgejoInstall, world, {mode: 'down'});
    expect(result.exitCode).toBe(0);
    expect(cluster(world).find('Namespace', 'forgejo')).toBeUndefined();
    const again = await runInSim(forgejoInstall, world, {mode: 'down'});
    expect(stepOutcomes(again.result)).toEqual({'uninstall-chart': 'already-done', 'delete-namespace': 'already-done'});
  });
});

describe('forgejo-install --oidc', () => {
  it('skips the Keycloak steps with the reason when the reference implementation is not installed', async () => {
    const world = await withCluster();
    const {result} = await runInSim(forgejoInstall, world, {options: {values: {oidc: 'true'}}});
    expect(result.exitCode).toBe(0);
    for (const id of ['oidc-client', 'oidc-login']) {
      expect(result.steps.find((step) => step.id === id)).toMatchObject({
        outcome: 'skipped',
        reason:
          'Keycloak of the CNOE reference implementation is not installed (npm run runbook -- cnoe-showtime installs it)',
      });
    }
    expect(world.inputs.find((input) => input.call.startsWith('helm'))?.stdin).not.toContain('oauth:');
  });

  it('registers Forgejo in Keycloak, installs the chart with the OAuth source, and the login page offers Keycloak', async () => {
    const world = await withCluster();
    await runInSim(cnoeShowtime, world);
    const {result, events} = await runInSim(forgejoInstall, world, {options: {values: {oidc: 'true'}}});
    expect(result.exitCode).toBe(0);
    expect(stepOutcomes(result)).toMatchObject({'oidc-client': 'passed', 'oidc-login': 'passed'});
    const values = YAML.parse(world.inputs.find((input) => input.call.startsWith('helm'))!.stdin);
    expect(values.gitea.oauth).toEqual([
      expect.objectContaining({name: 'keycloak', provider: 'openidConnect', existingSecret: 'forgejo-oauth'}),
    ]);
    expect(values.gitea.admin.existingSecret).toBe(ADMIN_SECRET);
    expect(secretValue(cluster(world), 'forgejo', 'forgejo-oauth', 'key')).toBe('forgejo');
    const secrets = [
      requireSecret(cluster(world), 'forgejo', 'forgejo-oauth', 'secret'),
      requireSecret(cluster(world), 'keycloak', 'keycloak-config', 'KEYCLOAK_ADMIN_PASSWORD'),
    ];
    const text = JSON.stringify({events, result});
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(result.notes).toContain(
      'Forgejo offers "Sign in with keycloak" at http://127.0.0.1:13000/user/login (users of the realm cnoe, e.g. user1).',
    );

    const again = await runInSim(forgejoInstall, world, {options: {values: {oidc: 'true'}}});
    expect(stepOutcomes(again.result)).toMatchObject({
      'oidc-client': 'passed',
      'install-chart': 'already-done',
      'oidc-login': 'passed',
    });
    expect(
      world.ran('curl').filter((call) => call.includes(' -X POST ') && call.endsWith('/admin/realms/cnoe/clients')),
    ).toHaveLength(1);
  });
});

describe('forgejo-install manifests and values', () => {
  // Top-level keys of the chart's values.yaml (forgejo-helm v15, code.forgejo.org/forgejo-helm/forgejo-helm).
  const CHART_KEYS = [
    'global',
    'namespaceOverride',
    'replicaCount',
    'strategy',
    'clusterDomain',
    'image',
    'imagePullSecrets',
    'podSecurityContext',
    'containerSecurityContext',
    'securityContext',
    'podDisruptionBudget',
    'service',
    'ingress',
    'httpRoute',
    'route',
    'resources',
    'schedulerName',
    'nodeSelector',
    'tolerations',
    'affinity',
    'topologySpreadConstraints',
    'dnsConfig',
    'priorityClassName',
    'deployment',
    'serviceAccount',
    'persistence',
    'extraContainers',
    'extraVolumes',
    'extraContainerVolumeMounts',
    'extraInitVolumeMounts',
    'extraVolumeMounts',
    'initPreScript',
    'initContainers',
    'signing',
    'gitea',
    'checkDeprecation',
    'test',
    'extraDeploy',
  ];
  const GITEA_KEYS = [
    'admin',
    'metrics',
    'ldap',
    'oauth',
    'additionalConfigSources',
    'additionalConfigFromEnvs',
    'podAnnotations',
    'ssh',
    'config',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
  ];
  const values = YAML.parse(fs.readFileSync(VALUES, 'utf8'));

  it('uses only keys the chart knows, none of the removed subcharts', () => {
    expect(Object.keys(values).filter((key) => !CHART_KEYS.includes(key))).toEqual([]);
    expect(Object.keys(values.gitea).filter((key) => !GITEA_KEYS.includes(key))).toEqual([]);
    for (const removed of [
      'postgresql',
      'postgresql-ha',
      'redis',
      'redis-cluster',
      'valkey',
      'valkey-cluster',
      'statefulset',
    ])
      expect(values).not.toHaveProperty(removed);
  });

  it('takes the admin from the runbook’s Secret, never as "admin", and keeps its password in sync', () => {
    expect(Object.keys(values.gitea.admin).sort()).toEqual(['email', 'existingSecret', 'passwordMode']);
    expect(values.gitea.admin.existingSecret).toBe(ADMIN_SECRET);
    expect(['initialOnlyNoReset', 'initialOnlyRequireReset', 'keepUpdated']).toContain(values.gitea.admin.passwordMode);
    const [, secret] = validateManifest(adminSecretManifest('generated-password-0123'));
    expect(secret?.kind).toBe('Secret');
    expect((secret as unknown as {stringData: Record<string, string>}).stringData.username).toBe(ADMIN_USER);
    expect(ADMIN_USER).not.toBe('admin');
  });

  it("adds, with --oidc, one OAuth source in the chart's array notation with keys the chart turns into add-oauth flags", () => {
    const oidc = YAML.parse(
      fs.readFileSync(path.join(ROOT, 'runbooks/assets/forgejo-install/values-oidc.yaml'), 'utf8'),
    );
    expect(Object.keys(oidc)).toEqual(['gitea']);
    expect(Object.keys(oidc.gitea).filter((key) => !GITEA_KEYS.includes(key))).toEqual([]);
    expect(Array.isArray(oidc.gitea.oauth)).toBe(true);
    const OAUTH_KEYS = [
      'name',
      'provider',
      'key',
      'secret',
      'existingSecret',
      'autoDiscoverUrl',
      'useCustomUrls',
      'customAuthUrl',
      'customTokenUrl',
      'customProfileUrl',
      'customEmailUrl',
      'iconUrl',
      'scopes',
      'requiredClaimName',
      'requiredClaimValue',
      'groupClaimName',
      'adminGroup',
      'restrictedGroup',
      'skipLocal2fa',
    ];
    for (const source of oidc.gitea.oauth)
      expect(Object.keys(source).filter((key) => !OAUTH_KEYS.includes(key))).toEqual([]);
    expect(oidc.gitea.oauth[0].autoDiscoverUrl).toMatch(
      /^http:\/\/keycloak\.keycloak\.svc\.cluster\.local:8080\/keycloak\/realms\/cnoe\/\.well-known\/openid-configuration$/,
    );
  });

  it('maps app.ini settings as gitea.config.<section>.<KEY> and serves ROOT_URL on the port-forward', () => {
    for (const [section, keys] of Object.entries(values.gitea.config as Record<string, Record<string, unknown>>)) {
      expect(section).toMatch(/^[a-z0-9_.-]+$/);
      for (const key of Object.keys(keys)) expect(key).toMatch(/^[A-Z0-9_]+$/);
    }
    expect(values.gitea.config.server.ROOT_URL).toBe(`http://127.0.0.1:${FORWARD_PORT}/`);
    expect(values.service.http.port).toBe(3000);
    expect(values.strategy).toEqual({type: 'Recreate'});
  });
});
