/**
 * Forgejo install (handbook 3.1.3.1: "deployed with Helm, internal user database first, then
 * OIDC with Keycloak"): the Forgejo Helm chart at a pinned version, an admin from a generated
 * Secret, readiness checked with kubectl, and an end-to-end check through Forgejo's API over a
 * port-forward: version, an API token, a repository, a pushed commit read back.
 *
 * The API is reached with `kubectl port-forward`, which works the same on a laptop and on a CI
 * runner; it needs no ingress controller (bootstrap installs none) and no DNS for a host name.
 * With --oidc, and Keycloak of the CNOE reference implementation running, Forgejo also offers
 * "Sign in with keycloak".
 */
import {isDeepStrictEqual} from 'node:util';
import YAML from 'yaml';
import {
  clusterReachable,
  curl,
  defineRunbook,
  docker,
  dockerEngineReachable,
  fieldAt,
  generateSecret,
  git,
  gitWithCredentials,
  helm,
  httpRequest,
  kubeContextOf,
  kubectl,
  posixQuote,
  pushFileChange,
  readSecret,
  StepAssertionError,
  StepSkipped,
  withPrefix,
  type EnvCredential,
  type HttpRequest,
  type HttpResponse,
  type RunOptions,
  type Shell,
  type StepContext,
} from '../src/runbook';

/**
 * Chart 15.0.3 installs Forgejo 13.0.3 (the chart revision the reference notes read). Chart 14
 * removed the PostgreSQL and Valkey subcharts (SQLite is the default); 15 moved to Forgejo 13,
 * with a random admin password unless one is set.
 */
export const CHART = 'oci://code.forgejo.org/forgejo-helm/forgejo';
export const CHART_VERSION = '15.0.3';
export const RELEASE = 'forgejo';
export const NAMESPACE = 'forgejo';
export const ADMIN_SECRET = 'forgejo-admin';
/** Not `admin`: Forgejo reserves that name and the chart's init container fails on it. */
export const ADMIN_USER = 'forgeadmin';
const RESERVED_USERS = ['admin', 'api', 'user', 'login'];
/** Local end of the port-forward; the values file's ROOT_URL names it too. */
export const FORWARD_PORT = 13000;
const BASE_URL = `http://127.0.0.1:${FORWARD_PORT}`;
export const SMOKE_REPOSITORY = 'runbook-smoke';
const SMOKE_FILE = 'runbook-check.md';
const TOKEN_NAME = 'edf-runbook';
const TOKEN_SCOPES = ['write:repository', 'write:user'];

/** The admin Secret (with its namespace, which must exist before the chart is installed). */
export function adminSecretManifest(password: string): string {
  return [
    {apiVersion: 'v1', kind: 'Namespace', metadata: {name: NAMESPACE}},
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {name: ADMIN_SECRET, namespace: NAMESPACE},
      type: 'Opaque',
      stringData: {username: ADMIN_USER, password},
    },
  ]
    .map((object) => YAML.stringify(object))
    .join('---\n');
}

// ---------------------------------------------------------------------------------------------
// Keycloak (--oidc)

const KEYCLOAK_URL = 'https://cnoe.localtest.me:8443/keycloak';
const KEYCLOAK_CLIENT = 'forgejo';
const OAUTH_SECRET = 'forgejo-oauth';
const NO_KEYCLOAK =
  'Keycloak of the CNOE reference implementation is not installed (npm run runbook -- cnoe-showtime installs it)';

function skipWithoutOidc(options: RunOptions): string | false {
  return options.values.oidc === 'true' ? false : 'no --oidc: Forgejo keeps its own user database';
}

/** A token of Keycloak's admin (cnoe-admin, password from the reference implementation's Secret keycloak-config). */
async function keycloakAdminToken(ctx: StepContext): Promise<string> {
  const config = await readSecret(ctx, 'keycloak', 'keycloak-config', {secret: ['KEYCLOAK_ADMIN_PASSWORD']});
  if (!config?.KEYCLOAK_ADMIN_PASSWORD) throw new StepSkipped(NO_KEYCLOAK);
  const url = `${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`;
  const response = await httpRequest(ctx, {
    method: 'POST',
    url,
    insecure: true,
    secretResponse: true,
    form: {
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'cnoe-admin',
      password: {variable: 'KEYCLOAK_ADMIN_PASSWORD', value: config.KEYCLOAK_ADMIN_PASSWORD},
    },
  });
  expectStatus(response, `POST ${url}`, [200]);
  return response.secretField('access_token');
}

async function keycloakClientId(ctx: StepContext, auth: HttpRequest['auth']): Promise<string | undefined> {
  const url = `${KEYCLOAK_URL}/admin/realms/cnoe/clients?clientId=${KEYCLOAK_CLIENT}`;
  const response = await httpRequest(ctx, {url, auth, insecure: true});
  expectStatus(response, `GET ${url}`, [200]);
  return (JSON.parse(response.body) as Array<{id: string}>)[0]?.id;
}

/** values.yaml, with values-oidc.yaml merged in (comments kept) when Forgejo should offer Keycloak. */
async function valuesFor(ctx: StepContext): Promise<string> {
  const base = ctx.asset('values.yaml');
  if (skipWithoutOidc(ctx.options) || !(await readSecret(ctx, NAMESPACE, OAUTH_SECRET))) return base;
  const document = YAML.parseDocument(base);
  const merge = (path: string[], value: unknown): void => {
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [key, inner] of Object.entries(value)) merge([...path, key], inner);
    else document.setIn(path, value);
  };
  merge([], YAML.parse(ctx.asset('values-oidc.yaml')));
  return document.toString();
}

// ---------------------------------------------------------------------------------------------

function helmCli(ctx: StepContext): Shell {
  return withPrefix(ctx.$, ['helm', '--kube-context', ctx.kubeContext]);
}

interface Admin {
  username: string;
  password: string;
}

async function admin(ctx: StepContext): Promise<Admin> {
  const data = await readSecret(ctx, NAMESPACE, ADMIN_SECRET, {plain: ['username'], secret: ['password']});
  if (!data?.username || !data.password)
    throw new StepAssertionError(
      `Secret ${ADMIN_SECRET} in ${NAMESPACE} has no username and password.`,
      'Run the admin-secret step again.',
    );
  return {username: data.username, password: data.password};
}

function basicAuth(user: Admin): HttpRequest['auth'] {
  return {user: user.username, password: {variable: 'FORGEJO_PASSWORD', value: user.password}};
}

/** The API token as the variable commands read it from (the push uses it as its password too). */
function tokenCredential(token: string): EnvCredential {
  return {variable: 'FORGEJO_TOKEN', value: token};
}

function tokenAuth(token: string): HttpRequest['auth'] {
  return {scheme: 'token', credential: tokenCredential(token)};
}

function messageOf(response: HttpResponse): string {
  try {
    return String((JSON.parse(response.body) as {message?: string}).message ?? response.body.trim());
  } catch {
    return response.body.trim().split('\n')[0] ?? '';
  }
}

/** Fails with Forgejo's own message unless the status is one the caller expects. */
function expectStatus(response: HttpResponse, request: string, expected: number[], hint?: string): void {
  if (expected.includes(response.status)) return;
  throw new StepAssertionError(
    `Forgejo answered ${request} with HTTP ${response.status}: ${messageOf(response)}`,
    hint,
  );
}

function tokenFile(ctx: StepContext): string {
  return `${ctx.workDir}/api-token`;
}

async function apiToken(ctx: StepContext): Promise<string> {
  return ctx.secret((await ctx.files.read(tokenFile(ctx))).trim());
}

function cloneDir(ctx: StepContext): string {
  return `${ctx.workDir}/${SMOKE_REPOSITORY}`;
}

export default defineRunbook({
  id: 'forgejo-install',
  title: 'Forgejo: Helm install, admin from a Secret, API and git push checked',
  summary: `Installs the Forgejo Helm chart ${CHART_VERSION} into the namespace ${NAMESPACE} with a generated admin, waits until it is available, and checks the API, a repository and a pushed commit through a port-forward.`,
  useCases: ['UC-4'],
  needs: ['bootstrap'],
  tools: [docker, kubectl, helm, git, curl],
  options: [
    {
      name: 'oidc',
      flag: true,
      description:
        'Let users log in with Keycloak of the CNOE reference implementation (skipped when it is not installed)',
    },
  ],
  preflight: [dockerEngineReachable, clusterReachable],
  steps: [
    {
      id: 'admin-secret',
      title: `Create the admin credentials in the Secret ${ADMIN_SECRET}`,
      why: `The chart reads the admin user from gitea.admin.existingSecret. The password is generated once and kept: Forgejo sets it when the pod starts, and a new one would lock the runbook out.`,
      expect: `kubectl -n ${NAMESPACE} get secret ${ADMIN_SECRET} shows the keys username and password.`,
      async check(ctx) {
        const existing = await readSecret(ctx, NAMESPACE, ADMIN_SECRET, {plain: ['username']});
        if (existing && RESERVED_USERS.includes((existing.username ?? '').toLowerCase())) {
          throw new StepAssertionError(
            `Secret ${ADMIN_SECRET} names the admin "${existing.username}", a name Forgejo reserves: its init container would fail and Forgejo would never start.`,
            `kubectl -n ${NAMESPACE} delete secret ${ADMIN_SECRET}, then run again (the runbook creates ${ADMIN_USER}).`,
          );
        }
        return Boolean(existing);
      },
      async action(ctx) {
        await ctx.kubectl({input: adminSecretManifest(ctx.secret(generateSecret(32)))})`apply -f -`;
      },
    },
    {
      id: 'oidc-client',
      title: 'Register Forgejo as a Keycloak client (with --oidc)',
      why: "Users of the platform log in to Forgejo with their Keycloak account. The runbook registers the client forgejo in the realm cnoe through Keycloak's admin API and keeps its secret in the Secret forgejo-oauth for the chart.",
      expect: `The Keycloak admin console (realm cnoe, Clients) lists ${KEYCLOAK_CLIENT}; kubectl -n ${NAMESPACE} get secret ${OAUTH_SECRET} exists.`,
      skip: skipWithoutOidc,
      async action(ctx) {
        const auth: HttpRequest['auth'] = {
          scheme: 'Bearer',
          credential: {variable: 'KEYCLOAK_TOKEN', value: await keycloakAdminToken(ctx)},
        };
        let id = await keycloakClientId(ctx, auth);
        if (!id) {
          const url = `${KEYCLOAK_URL}/admin/realms/cnoe/clients`;
          const client = {
            clientId: KEYCLOAK_CLIENT,
            name: 'Forgejo',
            protocol: 'openid-connect',
            publicClient: false,
            standardFlowEnabled: true,
            directAccessGrantsEnabled: false,
            redirectUris: [`${BASE_URL}/user/oauth2/keycloak/callback`],
            webOrigins: [BASE_URL],
          };
          expectStatus(
            await httpRequest(ctx, {method: 'POST', url, auth, insecure: true, json: client}),
            `POST ${url}`,
            [201, 409],
          );
          id = await keycloakClientId(ctx, auth);
        }
        const url = `${KEYCLOAK_URL}/admin/realms/cnoe/clients/${id}/client-secret`;
        const response = await httpRequest(ctx, {url, auth, insecure: true, secretResponse: true});
        expectStatus(response, `GET ${url}`, [200]);
        const secret = response.secretField('value');
        const manifest = YAML.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {name: OAUTH_SECRET, namespace: NAMESPACE},
          type: 'Opaque',
          stringData: {key: KEYCLOAK_CLIENT, secret},
        });
        // Read from Keycloak's answer, not generated: pasted, the request above keeps it in the variable.
        await ctx.kubectl({
          input: manifest,
          credentials: [{variable: 'KEYCLOAK_CLIENT_SECRET', value: secret}],
        })`apply -f -`;
      },
    },
    {
      id: 'install-chart',
      title: `Install the Forgejo chart ${CHART_VERSION} with Helm`,
      why: 'helm upgrade --install converges: it installs, or upgrades when the pinned version or the values file changed. Readiness is checked with kubectl next, not with helm --wait.',
      note: "Forgejo is the team's forge; Helm installs it with the admin taken from a Kubernetes Secret, so no password sits in a values file.",
      expect: `helm status ${RELEASE} -n ${NAMESPACE} shows STATUS deployed.`,
      async check(ctx) {
        const status = await helmCli(ctx)`status ${RELEASE} -n ${NAMESPACE} -o json`.nothrow();
        if (status.exitCode !== 0) return false;
        const release = JSON.parse(status.stdout) as {
          info?: {status?: string};
          chart?: {metadata?: {version?: string}};
        };
        if (release.info?.status !== 'deployed' || release.chart?.metadata?.version !== CHART_VERSION) return false;
        const values = await helmCli(ctx)`get values ${RELEASE} -n ${NAMESPACE} -o json`;
        // helm prints the values as a Go map (keys sorted), so only a comparison that ignores key
        // order can find them unchanged.
        return isDeepStrictEqual(JSON.parse(values.stdout), YAML.parse(await valuesFor(ctx)));
      },
      async action(ctx) {
        const installed = await helmCli(ctx)({
          input: await valuesFor(ctx),
          timeout: '10m',
        })`upgrade --install ${RELEASE} ${CHART} --version ${CHART_VERSION} -n ${NAMESPACE} -f -`.nothrow();
        if (installed.exitCode === 0) return;
        const said = installed.stderr.trim().split('\n').pop() ?? '';
        // No exit code: helm was stopped (at its time limit, which the engine adds to the message).
        const ended = installed.exitCode === null ? 'stopped' : `exit ${installed.exitCode}`;
        throw new StepAssertionError(
          `helm could not install ${CHART}:${CHART_VERSION} (${ended})${said ? `: ${said}` : '.'}`,
          /failed to do request|no such host|server misbehaving|i\/o timeout/.test(said)
            ? 'The chart registry code.forgejo.org is not reachable from here: check the network or proxy (HTTPS_PROXY), then run again.'
            : 'Read the error above; helm status and helm history show what was installed before.',
        );
      },
    },
    {
      id: 'forgejo-ready',
      title: 'Wait until the Forgejo Deployment is available',
      why: 'The pod starts only after its init containers wrote app.ini and created the admin user; an error there (a missing Secret, a reserved user name) keeps it from becoming available.',
      expect: `kubectl -n ${NAMESPACE} get deploy ${RELEASE} shows 1/1 READY.`,
      verify: (ctx) =>
        ctx.kube.waitForCondition(`deployment/${RELEASE}`, 'Available', {namespace: NAMESPACE, timeout: '10m'}),
    },
    {
      id: 'port-forward',
      title: `Forward ${BASE_URL} to Forgejo's HTTP service`,
      why: 'kubectl port-forward reaches the Service on a laptop and on a CI runner alike. It keeps running in the background until the run ends, then the runbook stops it.',
      expect: `kubectl prints "Forwarding from 127.0.0.1:${FORWARD_PORT} -> 3000".`,
      async action(ctx) {
        if (!(await ctx.isPortFree(FORWARD_PORT))) {
          throw new StepAssertionError(
            `Port ${FORWARD_PORT} on this machine is in use.`,
            `Find what listens there (ss -ltnp 'sport = :${FORWARD_PORT}') and stop it; an earlier port-forward may still run.`,
          );
        }
        const forward = ctx.kubectl`port-forward -n ${NAMESPACE} svc/${RELEASE}-http ${FORWARD_PORT}:3000`;
        await ctx.background(`kubectl port-forward to ${RELEASE}-http`, forward, {
          ready: new RegExp(`Forwarding from 127\\.0\\.0\\.1:${FORWARD_PORT}`),
          timeout: '30s',
        });
      },
    },
    {
      id: 'api-version',
      title: 'Ask the API for its version',
      why: 'GET /api/v1/version needs no login: it proves the HTTP server and the API are up.',
      expect: 'The API answers {"version":"13.0.3+gitea-…"}.',
      async verify(ctx) {
        let version = '';
        await ctx.waitFor(
          'the Forgejo API to answer GET /api/v1/version',
          async () => {
            const response = await httpRequest(ctx, {url: `${BASE_URL}/api/v1/version`});
            if (response.status !== 200) return `HTTP ${response.status}`;
            version = String((JSON.parse(response.body) as {version?: string}).version);
            return true;
          },
          {timeout: '1m', interval: '2s'},
        );
        ctx.note(`Forgejo ${version} answers on ${BASE_URL}.`);
      },
    },
    {
      id: 'api-token',
      title: `Create the API token ${TOKEN_NAME} for the admin`,
      why: 'Automation talks to Forgejo with a scoped token, not the password. An old token of the same name is deleted first, and this one is revoked when the run ends.',
      expect: `POST /api/v1/users/${ADMIN_USER}/tokens answers 201 with the token (masked in all output).`,
      async action(ctx) {
        const user = await admin(ctx);
        const tokensUrl = `${BASE_URL}/api/v1/users/${user.username}/tokens`;
        const refused = `The Secret ${ADMIN_SECRET} was changed after Forgejo set the password; Forgejo takes the new one when the pod starts (passwordMode keepUpdated): kubectl -n ${NAMESPACE} rollout restart deployment/${RELEASE}`;
        const old = await httpRequest(ctx, {
          method: 'DELETE',
          url: `${tokensUrl}/${TOKEN_NAME}`,
          auth: basicAuth(user),
        });
        expectStatus(old, `DELETE ${tokensUrl}/${TOKEN_NAME}`, [204, 404], old.status === 401 ? refused : undefined);
        const created = await httpRequest(ctx, {
          method: 'POST',
          url: tokensUrl,
          auth: basicAuth(user),
          json: {name: TOKEN_NAME, scopes: TOKEN_SCOPES},
          secretResponse: true,
        });
        expectStatus(created, `POST ${tokensUrl}`, [201], created.status === 401 ? refused : undefined);
        const token = created.secretField('sha1');
        const file = tokenFile(ctx);
        // Both run when the run ends, the revoke first (while the port-forward still runs).
        ctx.defer(`delete ${file}`, (cleanup) => cleanup.files.remove(file));
        ctx.defer(`revoke the API token ${TOKEN_NAME}`, (cleanup) =>
          httpRequest(cleanup, {method: 'DELETE', url: `${tokensUrl}/${TOKEN_NAME}`, auth: basicAuth(user)}),
        );
        await ctx.files.write(file, token, 0o600);
      },
    },
    {
      id: 'create-repository',
      title: `Create the repository ${SMOKE_REPOSITORY} through the API`,
      why: 'POST /api/v1/user/repos with the token: 201 creates it, 409 means it exists from an earlier run, which is fine.',
      expect: `The repository shows at ${BASE_URL}/${ADMIN_USER}/${SMOKE_REPOSITORY}.`,
      async action(ctx) {
        const url = `${BASE_URL}/api/v1/user/repos`;
        const response = await httpRequest(ctx, {
          method: 'POST',
          url,
          auth: tokenAuth(await apiToken(ctx)),
          json: {
            name: SMOKE_REPOSITORY,
            auto_init: true,
            default_branch: 'main',
            description: 'Written by the forgejo-install runbook',
          },
        });
        expectStatus(
          response,
          `POST ${url}`,
          [201, 409],
          response.status === 401
            ? 'Forgejo refused the API token: it may have been revoked or expired; run again to create a new one.'
            : undefined,
        );
        ctx.note(
          response.status === 201
            ? `Created ${ADMIN_USER}/${SMOKE_REPOSITORY}.`
            : `${ADMIN_USER}/${SMOKE_REPOSITORY} exists already (409).`,
        );
      },
    },
    {
      id: 'push-commit',
      title: `Push a commit to ${SMOKE_REPOSITORY} over HTTP`,
      why: 'Clone, commit and push with the token as the password, from the environment: what a developer and a CI job do.',
      expect: 'git push ends with "HEAD -> main".',
      async action(ctx) {
        const user = await admin(ctx);
        const dir = cloneDir(ctx);
        const forgejo = gitWithCredentials(ctx, {user: user.username, password: tokenCredential(await apiToken(ctx))});
        await pushFileChange(ctx, forgejo, {
          url: `${BASE_URL}/${user.username}/${SMOKE_REPOSITORY}.git`,
          dir,
          file: SMOKE_FILE,
          content: `# Runbook check\n\nPushed by the forgejo-install runbook, check ${generateSecret(16)}.\n`,
          message: 'Check from the forgejo-install runbook',
        });
      },
    },
    {
      id: 'read-back',
      title: 'Read the commit back through the API',
      why: 'The branch head Forgejo reports must be the commit just pushed, and the file must have the pushed content.',
      note: 'A running pod proves little: the commit pushed over git and read back through the API proves the forge does its job.',
      expect: `GET /api/v1/repos/${ADMIN_USER}/${SMOKE_REPOSITORY}/branches/main names the pushed commit.`,
      async verify(ctx) {
        const dir = cloneDir(ctx);
        const pushed = (await ctx.$`git -C ${dir} rev-parse HEAD`).stdout.trim();
        const auth = tokenAuth(await apiToken(ctx));
        const repository = `${BASE_URL}/api/v1/repos/${ADMIN_USER}/${SMOKE_REPOSITORY}`;
        const branch = await httpRequest(ctx, {url: `${repository}/branches/main`, auth});
        expectStatus(branch, `GET ${repository}/branches/main`, [200]);
        const head = String(fieldAt(JSON.parse(branch.body), '.commit.id') ?? '');
        if (head !== pushed)
          throw new StepAssertionError(
            `Forgejo's main is at ${head.slice(0, 12) || 'nothing'}, not at the pushed commit ${pushed.slice(0, 12)}.`,
          );
        const file = await httpRequest(ctx, {url: `${repository}/raw/${SMOKE_FILE}?ref=main`, auth});
        expectStatus(file, `GET ${repository}/raw/${SMOKE_FILE}`, [200]);
        if (file.body !== (await ctx.files.read(`${dir}/${SMOKE_FILE}`)))
          throw new StepAssertionError(`${SMOKE_FILE} in Forgejo differs from the pushed file.`);
        ctx.note(`Forgejo serves commit ${pushed.slice(0, 12)} of ${ADMIN_USER}/${SMOKE_REPOSITORY}.`);
      },
    },
    {
      id: 'oidc-login',
      title: 'Check that the login page offers Keycloak (with --oidc)',
      why: "The chart's init container adds the login source when the pod starts; the login page shows whether it did.",
      expect: `${BASE_URL}/user/login shows "Sign in with keycloak".`,
      skip: skipWithoutOidc,
      async verify(ctx) {
        if (!(await readSecret(ctx, NAMESPACE, OAUTH_SECRET))) throw new StepSkipped(NO_KEYCLOAK);
        const page = await httpRequest(ctx, {url: `${BASE_URL}/user/login`});
        expectStatus(page, `GET ${BASE_URL}/user/login`, [200]);
        if (!page.body.includes('/user/oauth2/keycloak')) {
          throw new StepAssertionError(
            "Forgejo's login page offers no Keycloak login.",
            `kubectl -n ${NAMESPACE} logs deployment/${RELEASE} -c configure-gitea shows what the init container did with gitea.oauth.`,
          );
        }
        ctx.note(
          `Forgejo offers "Sign in with keycloak" at ${BASE_URL}/user/login (users of the realm cnoe, e.g. user1).`,
        );
      },
    },
  ],
  down: [
    {
      id: 'uninstall-chart',
      title: `Uninstall the Helm release ${RELEASE}`,
      why: 'Removes Forgejo. The chart keeps its data volume (helm.sh/resource-policy: keep); the next step deletes it with the namespace.',
      expect: `helm status ${RELEASE} -n ${NAMESPACE} says "release: not found".`,
      check: async (ctx) => (await helmCli(ctx)`status ${RELEASE} -n ${NAMESPACE}`.nothrow()).exitCode !== 0,
      action: async (ctx) => void (await helmCli(ctx)`uninstall ${RELEASE} -n ${NAMESPACE}`),
    },
    {
      id: 'delete-namespace',
      title: `Delete the namespace ${NAMESPACE} with the repositories and the admin Secret`,
      why: 'The repositories live on the volume in this namespace: deleting it deletes them, so it asks first.',
      expect: `kubectl get namespace ${NAMESPACE} says NotFound.`,
      check: async (ctx) => !(await ctx.kube.get(`namespace/${NAMESPACE}`)),
      async action(ctx) {
        if (!(await ctx.confirm(`Delete the namespace ${NAMESPACE} and every repository in it?`))) {
          throw new StepAssertionError(
            'Deletion was not confirmed; nothing was deleted.',
            'Run again and answer yes, or pass --yes.',
          );
        }
        await ctx.kubectl`delete namespace ${NAMESPACE} --ignore-not-found`;
      },
    },
  ],
  next: (options) => [
    `Forgejo runs in the namespace ${NAMESPACE}: kubectl --context ${posixQuote(kubeContextOf(options))} -n ${NAMESPACE} port-forward svc/${RELEASE}-http ${FORWARD_PORT}:3000, then ${BASE_URL} (user ${ADMIN_USER})`,
    `Password: kubectl --context ${posixQuote(kubeContextOf(options))} -n ${NAMESPACE} get secret ${ADMIN_SECRET} -o jsonpath='{.data.password}' | base64 -d`,
    'Remove it again with npm run runbook -- forgejo-install --down',
  ],
});
