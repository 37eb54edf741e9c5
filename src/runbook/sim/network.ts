/**
 * What simulated clients (curl, git) reach over the network: listeners on the machine (the kind
 * node's port 8443, a `kubectl port-forward`) lead to backends, the software running in the
 * cluster. A backend answers HTTP, serves git repositories, or routes by path prefix the way
 * idpbuilder's ingress routes `/gitea` with `--use-path-routing`.
 */
import type {SimGitHost} from './servers/git-host';

export interface SimHttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface SimHttpResponse {
  status: number;
  /** Objects are sent as JSON. */
  body?: unknown;
}

export interface SimBackend {
  /** Serves a self-signed certificate: curl needs -k, git needs http.sslVerify=false. */
  selfSigned?: boolean;
  http?(request: SimHttpRequest): SimHttpResponse;
  git?: SimGitHost;
  routes?: Array<{prefix: string; backend: SimBackend}>;
}

/** Resolves a backend on demand, so it follows the world (a stopped cluster answers nothing). */
export type SimListener = () => SimBackend | undefined;

export interface Reached {
  backend: SimBackend;
  /** The path below the backend's mount point, e.g. `/giteaAdmin/repo.git` for `/gitea/giteaAdmin/repo.git`. */
  path: string;
  selfSigned: boolean;
}

export function reach(listeners: Map<string, SimListener>, url: URL): Reached | undefined {
  let backend = listeners.get(url.origin)?.();
  if (!backend) return undefined;
  const selfSigned = Boolean(backend.selfSigned);
  let path = url.pathname;
  while (backend.routes) {
    const route: {prefix: string; backend: SimBackend} | undefined = backend.routes.find(
      (candidate) => path === candidate.prefix || path.startsWith(`${candidate.prefix}/`),
    );
    if (!route) return {backend: {}, path, selfSigned};
    backend = route.backend;
    path = path.slice(route.prefix.length) || '/';
  }
  return {backend, path, selfSigned};
}

/** The message curl and git print when nothing listens there. */
export function connectionRefused(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `Failed to connect to ${url.hostname} port ${port} after 0 ms: Couldn't connect to server`;
}
