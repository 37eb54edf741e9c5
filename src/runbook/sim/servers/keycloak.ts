/**
 * Keycloak of the CNOE reference implementation, behind idpbuilder's ingress at /keycloak: the
 * admin `cnoe-admin` (password KEYCLOAK_ADMIN_PASSWORD from the Secret keycloak-config) gets a
 * token from the master realm and manages clients of the realm `cnoe` through the admin API.
 *
 * The deployment is cnoe-io/stacks 4571105 ref-implementation/keycloak/manifests: install.yaml
 * (quay.io/keycloak/keycloak:22.0.3, KEYCLOAK_ADMIN=cnoe-admin, http-relative-path=keycloak,
 * Service keycloak:8080), secret-gen.yaml (keycloak-config with KEYCLOAK_ADMIN_PASSWORD),
 * keycloak-config.yaml (realm cnoe; its job logs in with client_id admin-cli, grant_type password).
 * The admin API answers follow Keycloak's services/.../resources/admin/ClientsResource.java
 * (409 `errorMessage` "Client <id> already exists"), read through code search at a newer
 * version than 22.0.3.
 */
import {createHash, randomBytes} from 'node:crypto';
import {secretValue, type SimCluster} from '../cluster';
import type {SimHttpRequest, SimHttpResponse} from '../network';
import type {SimController} from '../world';

const START_READS = 2;
export const KEYCLOAK_ADMIN = 'cnoe-admin';

interface SimClient {
  id: string;
  clientId: string;
  secret: string;
  redirectUris: string[];
}

export class SimKeycloak {
  readonly clients: SimClient[] = [];
  private readonly tokens = new Set<string>();

  constructor(private readonly adminPassword: () => string | undefined) {}

  http(request: SimHttpRequest): SimHttpResponse {
    const route = `${request.method} ${request.path}`;
    if (route === 'POST /realms/master/protocol/openid-connect/token') return this.login(request);
    if (!route.includes('/admin/'))
      return {status: 404, body: {error: 'Unable to find matching target resource method'}};
    if (!this.tokens.has((request.headers.authorization ?? '').replace(/^bearer /i, '')))
      return {status: 401, body: {error: 'HTTP 401 Unauthorized'}};
    let match: RegExpExecArray | null;
    if (route === 'GET /admin/realms/cnoe/clients')
      return {
        status: 200,
        body: this.clients
          .filter((client) => !request.query.get('clientId') || client.clientId === request.query.get('clientId'))
          .map(({id, clientId, redirectUris}) => ({id, clientId, redirectUris})),
      };
    if (route === 'POST /admin/realms/cnoe/clients') return this.createClient(request);
    if ((match = /^GET \/admin\/realms\/cnoe\/clients\/([^/]+)\/client-secret$/.exec(route))) {
      const client = this.clients.find((candidate) => candidate.id === match![1]);
      return client
        ? {status: 200, body: {type: 'secret', value: client.secret}}
        : {status: 404, body: {error: 'Could not find client'}};
    }
    return {status: 404, body: {error: 'Unable to find matching target resource method'}};
  }

  private login(request: SimHttpRequest): SimHttpResponse {
    const form = new URLSearchParams(request.body);
    if (
      form.get('grant_type') !== 'password' ||
      form.get('client_id') !== 'admin-cli' ||
      form.get('username') !== KEYCLOAK_ADMIN ||
      form.get('password') !== this.adminPassword()
    ) {
      return {status: 401, body: {error: 'invalid_grant', error_description: 'Invalid user credentials'}};
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.add(token);
    return {status: 200, body: {access_token: token, expires_in: 60, token_type: 'Bearer'}};
  }

  private createClient(request: SimHttpRequest): SimHttpResponse {
    const body = JSON.parse(request.body || '{}') as {clientId?: string; redirectUris?: string[]};
    if (this.clients.some((client) => client.clientId === body.clientId))
      return {status: 409, body: {errorMessage: `Client ${body.clientId} already exists`}};
    this.clients.push({
      id: clientUuid(body.clientId ?? ''),
      clientId: body.clientId ?? '',
      secret: randomBytes(16).toString('hex'),
      redirectUris: body.redirectUris ?? [],
    });
    return {status: 201};
  }
}

/**
 * Keycloak gives a new client a random UUID (`KeycloakModelUtils.generateId`, UUID.randomUUID).
 * The id is no secret, so it shows in the plan's URLs; the sim derives a UUID of the same shape
 * from the client's name, so a plan reads the same every time it is made.
 */
function clientUuid(clientId: string): string {
  const hex = createHash('sha256').update(`client:${clientId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const servers = new WeakMap<SimCluster, SimKeycloak>();

export const keycloakController: SimController = (cluster, object, _world, change) => {
  if (
    change === 'deleted' ||
    object.kind !== 'Deployment' ||
    object.metadata.name !== 'keycloak' ||
    object.metadata.namespace !== 'keycloak'
  )
    return;
  cluster.later(START_READS, () => {
    const keycloak =
      servers.get(cluster) ??
      new SimKeycloak(() => secretValue(cluster, 'keycloak', 'keycloak-config', 'KEYCLOAK_ADMIN_PASSWORD'));
    servers.set(cluster, keycloak);
    cluster.backends.set('keycloak/keycloak', {http: (request) => keycloak.http(request)});
  });
};
