/**
 * `curl` against the simulated network: the flags runbooks use (-sS, -k, -X, -H, -u,
 * --data-binary @-, -w, --max-time), connection errors with curl's exit codes (7: nothing listens,
 * 60: a self-signed certificate without -k), and exit 0 for every HTTP status, as curl without
 * --fail does.
 *
 * Modelled on curl/curl at curl-8_5_0 (Ubuntu 24.04's curl): include/curl/curl.h (exit codes 7
 * CURLE_COULDNT_CONNECT, 60 CURLE_PEER_FAILED_VERIFICATION), lib/connect.c and lib/strerror.c
 * (the connect message), lib/vtls/openssl.c and src/tool_operate.c (the certificate message),
 * docs/cmdline-opts/{fail,insecure,write-out,data-binary,user}.d.
 */
import {fail, flag, flagValues, ok, parseArgs} from '../args';
import {connectionRefused, reach} from '../network';
import type {SimCli} from '../world';

const VALUE_FLAGS = [
  '-X',
  '--request',
  '-H',
  '--header',
  '-u',
  '--user',
  '--data-binary',
  '-d',
  '--data',
  '-w',
  '--write-out',
  '--max-time',
  '-o',
  '--output',
];

export const curl: SimCli = ({argv, stdin}, world) => {
  if (argv[1] === '--version')
    return ok(
      `curl ${world.installed.get('curl')} (x86_64-pc-linux-gnu) libcurl/${world.installed.get('curl')} OpenSSL/3.0.13\n`,
    );
  const args = parseArgs(argv.slice(1), VALUE_FLAGS);
  const url = new URL(args.positional[0] ?? '');
  const reached = reach(world.listeners, url);
  // lib/connect.c: "Failed to connect to <host> port <port> after <n> ms: Couldn't connect to server".
  if (!reached) return fail(`curl: (7) ${connectionRefused(url)}\n`, 7);
  // lib/vtls/openssl.c "SSL certificate problem: <OpenSSL 3 reason>", then the first line of
  // src/tool_operate.c CURL_CA_CERT_ERRORMSG (curl prints four more lines of advice).
  if (reached.selfSigned && flag(args, '-k', '--insecure') !== 'true') {
    return fail(
      'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n',
      60,
    );
  }
  const headers: Record<string, string> = {};
  for (const header of flagValues(args, '-H', '--header')) {
    const index = header.indexOf(':');
    headers[header.slice(0, index).trim().toLowerCase()] = header.slice(index + 1).trim();
  }
  const user = flag(args, '-u', '--user');
  if (user) headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
  const data = flag(args, '--data-binary', '-d', '--data');
  const body = data === '@-' ? stdin : (data ?? '');
  const method = flag(args, '-X', '--request') ?? (data ? 'POST' : 'GET');
  const response = reached.backend.http?.({method, path: reached.path, query: url.searchParams, headers, body}) ?? {
    status: 404,
    body: '404 page not found\n',
  };
  const text =
    response.body === undefined
      ? ''
      : typeof response.body === 'string'
        ? response.body
        : `${JSON.stringify(response.body)}\n`;
  // docs/cmdline-opts/write-out.d: %{http_code} after the body; without --fail the exit code is 0 (fail.d).
  const writeOut = (flag(args, '-w', '--write-out') ?? '')
    .replace(/\\n/g, '\n')
    .replace(/%\{http_code\}/g, String(response.status));
  return ok(text + writeOut);
};
