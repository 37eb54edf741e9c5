/**
 * HTTP for runbooks, through curl: every request is a command that plans, transcripts and pages
 * show and a person can paste. Credentials travel in environment variables that bash expands
 * inside the command (`-H "Authorization: token $FORGEJO_TOKEN"`), so argv, plans and logs show
 * the variable and never its value. The status code is read from curl's `-w`, not from its exit
 * code (curl exits 0 on 401 or 409 unless told otherwise), so callers decide what a status means.
 */
import type {StepContext} from './context';
import {variableName, type EnvCredential} from './credentials';
import {withRawPrefix} from './shell';

/** `Authorization: <scheme> $VARIABLE` (Forgejo's `token`, Keycloak's `Bearer`), or Basic with -u. */
export type HttpAuth =
  | {scheme: 'token' | 'Bearer'; credential: EnvCredential}
  | {user: string; password: EnvCredential};

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  auth?: HttpAuth;
  /** Sent as the JSON body, on stdin. */
  json?: unknown;
  /** Sent as a form (application/x-www-form-urlencoded), on stdin; a credential field from its variable. */
  form?: Record<string, string | EnvCredential>;
  /** Accept a self-signed certificate (idpbuilder's ingress). */
  insecure?: boolean;
  /** The response carries a credential (a new token): it is never shown; register what you take from it. */
  secretResponse?: boolean;
}

export interface HttpResponse {
  status: number;
  body: string;
  /**
   * A field of the JSON answer that is a credential (a new token): registered as secret, with this
   * request as where it came from, so a plan can show how a person pasting it keeps the value.
   */
  secretField(field: string): string;
}

export async function httpRequest(ctx: Pick<StepContext, '$' | 'secret'>, request: HttpRequest): Promise<HttpResponse> {
  const words = ['curl -sS --max-time 30', "-w '\\n%{http_code}'", `-X ${request.method ?? 'GET'}`];
  if (request.insecure) words.push('-k');
  const credentials: EnvCredential[] = [];
  if (request.auth && 'scheme' in request.auth) {
    words.push(`-H "Authorization: ${request.auth.scheme} $${variableName(request.auth.credential.variable)}"`);
    credentials.push(request.auth.credential);
  } else if (request.auth) {
    words.push(`-u "${request.auth.user}:$${variableName(request.auth.password.variable)}"`);
    credentials.push(request.auth.password);
  }
  const body =
    request.json !== undefined
      ? JSON.stringify(request.json)
      : request.form
        ? formBody(ctx, request.form, credentials)
        : undefined;
  if (body !== undefined)
    words.push(
      `-H 'Content-Type: ${request.json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded'}' --data-binary @-`,
    );
  const shell = ctx.$({
    credentials,
    timeout: '1m',
    secretOutput: request.secretResponse,
    ...(body !== undefined ? {input: body} : {}),
  });
  const running = withRawPrefix(shell, words.join(' '))`${request.url}`;
  const text = (await running).stdout;
  const split = text.lastIndexOf('\n');
  const answer = text.slice(0, Math.max(split, 0));
  return {
    status: Number(text.slice(split + 1).trim()),
    body: answer,
    secretField: (field) =>
      ctx.secret(String((JSON.parse(answer) as Record<string, unknown>)[field] ?? ''), {
        answer: {commandId: running.id, field},
      }),
  };
}

/** The form as its body; a credential field is added to `credentials` as the variable it is sent from. */
function formBody(
  ctx: Pick<StepContext, 'secret'>,
  form: NonNullable<HttpRequest['form']>,
  credentials: EnvCredential[],
): string {
  return Object.entries(form)
    .map(([name, field]) => {
      if (typeof field === 'string') return new URLSearchParams({[name]: field}).toString();
      const encoded = formEncoded(ctx, field);
      credentials.push(encoded);
      return `${encodeURIComponent(name)}=${encoded.value}`;
    })
    .join('&');
}

/**
 * A credential as a form field: `%`, `+` and `&` escaped, the characters a form decoder reads
 * otherwise (Keycloak's admin password holds `+`: cnoe-io/stacks `keycloak/manifests/secret-gen.yaml`
 * generates symbols from "/-+"). A pasted request derives it the same way, with sed, from the
 * variable the password is set in.
 */
function formEncoded(ctx: Pick<StepContext, 'secret'>, credential: EnvCredential): EnvCredential {
  const value = credential.value.replace(/%/g, '%25').replace(/\+/g, '%2B').replace(/&/g, '%26');
  const escape = "sed 's/%/%25/g; s/+/%2B/g; s/&/%26/g'";
  return {
    variable: `${variableName(credential.variable)}_FORM`,
    value: ctx.secret(value),
    origin: {command: `printf '%s' "$${credential.variable}" | ${escape}`, needs: [credential]},
  };
}
