/**
 * Forgejo (v13) behind its `<release>-http` Service. The Deployment turns available only when
 * its configure-gitea init container can create the admin user: the Secret must exist and the
 * name must not be reserved (`admin`). The admin password is set at first start and synced from
 * the Secret only when the pod starts again (passwordMode keepUpdated), so a Secret changed
 * later is not what Forgejo checks. The API answers as Forgejo does for the calls the runbooks
 * make: version, access tokens (Basic auth only), repositories, branches and raw files.
 *
 * Read from Forgejo's source (a recent snapshot through code search, mirror live-clones/forgejo;
 * the v13.0.3 tag itself was not available): Makefile, routers/api/v1/api.go,
 * routers/api/v1/user/app.go, routers/api/v1/repo/repo.go, services/context/api.go,
 * models/db/name.go. The chart side is in forgejo-chart.ts.
 */
import {randomBytes} from 'node:crypto';
import type {KubeObject} from '../../kube';
import {envValue, podSpecOf, secretValue, setCondition, type SimCluster} from '../cluster';
import type {SimHttpRequest, SimHttpResponse} from '../network';
import type {SimController} from '../world';
import {head, SimGitHost, type SimGitUser} from './git-host';

const START_READS = 2;
// Some of models/user/user.go reservedUsernames; creating one fails with models/db/name.go
// ErrNameReserved "name is reserved [name: <name>]" (the CLI's prefix to it was not re-read).
const RESERVED_NAMES = ['admin', 'api', 'assets', 'explore', 'user', 'login', 'org', 'repo'];

export class SimForgejo {
  readonly git = new SimGitHost();
  /** Names of the OAuth2 login sources the init container configured (`gitea admin auth add-oauth`). */
  oauthSources: string[] = [];

  constructor(readonly version: string) {}

  http(request: SimHttpRequest): SimHttpResponse {
    const route = `${request.method} ${request.path}`;
    let match: RegExpExecArray | null;
    // Makefile: the API version is FORGEJO_VERSION+GITEA_COMPATIBILITY (gitea-1.22.0).
    if (route === 'GET /api/v1/version') return {status: 200, body: {version: `${this.version}+gitea-1.22.0`}};
    if (route === 'GET /api/healthz') return {status: 200, body: {status: 'pass'}};
    if (route === 'GET /user/login') return {status: 200, body: this.loginPage()};
    if ((match = /^(POST|DELETE) \/api\/v1\/users\/([^/]+)\/tokens(?:\/([^/]+))?$/.exec(route)))
      return this.tokens(request, match[2]!, match[3]);
    if (route === 'POST /api/v1/user/repos') return this.createRepository(request);
    if ((match = /^GET \/api\/v1\/repos\/([^/]+)\/([^/]+)\/branches\/([^/]+)$/.exec(route)))
      return this.branch(match[1]!, match[2]!);
    if ((match = /^GET \/api\/v1\/repos\/([^/]+)\/([^/]+)\/raw\/(.+)$/.exec(route)))
      return this.raw(match[1]!, match[2]!, match[3]!);
    return notFound();
  }

  private loginPage(): string {
    const providers = this.oauthSources
      .map((name) => `<a class="ui button" href="/user/oauth2/${name}">Sign in with ${name}</a>`)
      .join('\n');
    return `<!DOCTYPE html>\n<html><body><form action="/user/login" method="post"><input name="user_name"><input name="password" type="password"></form>\n${providers}\n</body></html>\n`;
  }

  /**
   * Token management accepts Basic auth with the user's password only, not with a token (Forgejo's rule):
   * api.go reqBasicOrRevProxyAuth answers 401 "auth required", apiAuth 401 "invalid username, password
   * or token". user/app.go: create answers 201 with the token in `sha1`, 400 for a used name; delete
   * takes an ID or a name, 404 when none matches, 204 when deleted.
   */
  private tokens(request: SimHttpRequest, name: string, tokenName: string | undefined): SimHttpResponse {
    const [scheme = '', encoded = ''] = (request.headers.authorization ?? '').split(' ');
    if (!/^basic$/i.test(scheme)) return {status: 401, body: {message: 'auth required'}};
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const user = this.git.users.get(name);
    if (!user || decoded !== `${name}:${user.password}`)
      return {status: 401, body: {message: 'invalid username, password or token'}};
    if (request.method === 'DELETE') {
      const index = user.tokens.findIndex((token) => token.name === tokenName);
      if (index < 0) return notFound();
      user.tokens.splice(index, 1);
      return {status: 204};
    }
    const body = JSON.parse(request.body || '{}') as {name?: string; scopes?: string[]};
    if (user.tokens.some((token) => token.name === body.name))
      return {status: 400, body: {message: 'access token name has been used already'}};
    const sha = randomBytes(20).toString('hex');
    user.tokens.push({name: body.name ?? '', sha, scopes: body.scopes ?? []});
    return {
      status: 201,
      body: {
        id: user.tokens.length,
        name: body.name,
        sha1: sha,
        token_last_eight: sha.slice(-8),
        scopes: body.scopes ?? [],
      },
    };
  }

  /** api.go reqToken (401 "token is required") and tokenRequiresScopes (403, the scopes printed with %v). */
  private tokenUser(request: SimHttpRequest, scope: string): SimGitUser | SimHttpResponse {
    const user = this.git.authenticate(request.headers.authorization);
    if (!user) return {status: 401, body: {message: 'token is required'}};
    if (user === 'invalid') return {status: 401, body: {message: 'invalid username, password or token'}};
    const token = user.tokens.find((candidate) => request.headers.authorization?.endsWith(candidate.sha));
    if (token && !token.scopes.includes(scope) && !token.scopes.includes('all'))
      return {status: 403, body: {message: `token does not have at least one of required scope(s): [${scope}]`}};
    return user;
  }

  private createRepository(request: SimHttpRequest): SimHttpResponse {
    const user = this.tokenUser(request, 'write:repository');
    if ('status' in user) return user;
    const body = JSON.parse(request.body || '{}') as {
      name?: string;
      auto_init?: boolean;
      default_branch?: string;
      private?: boolean;
    };
    const name = body.name ?? '';
    // repo/repo.go CreateUserRepo: IsErrRepoAlreadyExist → 409 with this message.
    if (this.git.repositories.has(`${user.name}/${name}`))
      return {status: 409, body: {message: 'The repository with the same name already exists.'}};
    const repository = this.git.createRepository(user.name, name, {
      private: body.private ?? false,
      defaultBranch: body.default_branch ?? 'main',
      files: body.auto_init ? {'README.md': `# ${name}\n`} : undefined,
    });
    return {
      status: 201,
      body: {
        id: this.git.repositories.size,
        name,
        full_name: `${user.name}/${name}`,
        default_branch: repository.defaultBranch,
        empty: !body.auto_init,
      },
    };
  }

  private branch(owner: string, name: string): SimHttpResponse {
    const repository = this.git.repositories.get(`${owner}/${name}`);
    const commit = repository && head(repository);
    if (!repository || !commit) return notFound();
    return {
      status: 200,
      body: {name: repository.defaultBranch, commit: {id: commit.sha, message: `${commit.message}\n`}},
    };
  }

  private raw(owner: string, name: string, file: string): SimHttpResponse {
    const repository = this.git.repositories.get(`${owner}/${name}`);
    const content = repository && head(repository)?.files[decodeURIComponent(file)];
    return content === undefined ? notFound() : {status: 200, body: content};
  }
}

/** services/context/api.go NotFound: this message and an `errors` list (and the swagger `url`, left out). */
function notFound(): SimHttpResponse {
  return {status: 404, body: {message: "The target couldn't be found.", errors: []}};
}

/** Forgejo servers by cluster and Service, kept across pod restarts. */
const servers = new WeakMap<SimCluster, Map<string, SimForgejo>>();

export const forgejoController: SimController = (cluster, object, _world, change) => {
  if (change === 'deleted' && object.kind === 'Namespace') return forget(cluster, object.metadata.name);
  if (
    change === 'deleted' ||
    object.kind !== 'Deployment' ||
    object.metadata.labels?.['app.kubernetes.io/name'] !== 'forgejo'
  )
    return;
  cluster.later(START_READS, () => start(cluster, object));
};

/** Deleting the namespace deletes the volume, and with it users and repositories. */
function forget(cluster: SimCluster, namespace: string): void {
  for (const key of [...(servers.get(cluster)?.keys() ?? [])]) {
    if (!key.startsWith(`${namespace}/`)) continue;
    servers.get(cluster)!.delete(key);
    cluster.backends.delete(key);
  }
}

/** What the pod's start does: the init container creates or syncs the admin, then Forgejo serves. */
function start(cluster: SimCluster, deployment: KubeObject): void {
  const namespace = deployment.metadata.namespace ?? 'default';
  const spec = podSpecOf(deployment);
  const configure = spec.initContainers?.find((container) => container.name === 'configure-gitea');
  const env = configure?.env;
  const missingSecret = env
    ?.map((variable) => variable.valueFrom?.secretKeyRef?.name)
    .find((name) => name && !cluster.find('Secret', name, namespace));
  const username = envValue(cluster, namespace, env, 'GITEA_ADMIN_USERNAME');
  const password = envValue(cluster, namespace, env, 'GITEA_ADMIN_PASSWORD');
  const problem = missingSecret
    ? {reason: 'CreateContainerConfigError', message: `Error: secret "${missingSecret}" not found`}
    : username && RESERVED_NAMES.includes(username.toLowerCase())
      ? {
          reason: 'CrashLoopBackOff',
          message: `configure-gitea: Error: CreateUser: name is reserved [name: ${username}]`,
        }
      : undefined;
  if (problem) {
    deployment.status = {replicas: 1, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 1};
    setCondition(
      deployment,
      'Available',
      'False',
      'MinimumReplicasUnavailable',
      'Deployment does not have minimum availability.',
    );
    cluster.event({
      namespace,
      type: 'Warning',
      reason: problem.reason === 'CrashLoopBackOff' ? 'BackOff' : 'Failed',
      object: `pod/${deployment.metadata.name}-7d9c8b6f5-x2x9k`,
      message: problem.message,
    });
    return;
  }
  const key = `${namespace}/${deployment.metadata.name}-http`;
  const version = /:(\d+\.\d+\.\d+)/.exec(spec.initContainers?.[0]?.image ?? '')?.[1] ?? '13.0.3';
  if (!servers.has(cluster)) servers.set(cluster, new Map());
  // The repositories and users live on the volume: a restarted pod finds them again.
  const forgejo = servers.get(cluster)!.get(key) ?? new SimForgejo(version);
  servers.get(cluster)!.set(key, forgejo);
  const admin = forgejo.git.users.get(username ?? '');
  const mode = envValue(cluster, namespace, env, 'GITEA_ADMIN_PASSWORD_MODE');
  if (!admin) forgejo.git.addUser(username ?? '', password ?? '', true);
  else if (mode === 'keepUpdated') admin.password = password ?? '';
  const script = secretValue(cluster, namespace, `${deployment.metadata.name}-init`, 'configure_gitea.sh') ?? '';
  forgejo.oauthSources = [...script.matchAll(/add-oauth --name '([^']+)'/g)].map((match) => match[1]!);
  cluster.backends.set(key, {git: forgejo.git, http: (request) => forgejo.http(request)});
}
