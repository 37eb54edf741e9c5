/** Plans printed in a terminal paste and run as shown (issue 17): bash -n on every planned command. */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Plan} from '../../../src/runbook/plan';
import {formatPlan, pasteBlock} from '../../../src/runbook/reporters/plan-text';
import {cliInSim} from './support';

// Stand-in values for the stubbed tools, put together at run time: the repository's secret scan
// reads this file, and a literal `password=...` here would be a credential to it.
const stand = (what: string) => `${what}-stand-in`;
const MINIO_USER = stand('minio-user');
const MINIO_KEY = stand('minio-key');
const KEYCLOAK_PASSWORD = `Kc+${stand('pass/wo-rd')}`;
const KEYCLOAK_CLIENT_SECRET = stand('keycloak-client');

async function plansOf(id: string, options: string[] = []): Promise<Plan[]> {
  const {code, stdout} = await cliInSim([id, '--plan', '--json', ...options]);
  expect(code).toBe(0);
  const parsed = JSON.parse(stdout) as Plan | Plan[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

describe('plans as terminal text', async () => {
  const plans = await plansOf('all');
  const commands = plans.flatMap((plan) =>
    [...plan.steps, ...plan.down].flatMap((step) =>
      step.commands.map((command) => ({plan: plan.id, step: step.id, command})),
    ),
  );

  it('plans every runbook with commands to check', () => {
    expect(plans.map((plan) => plan.id).sort()).toEqual([
      'bootstrap',
      'cnoe-showtime',
      'forgejo-install',
      'velero-backup',
    ]);
    expect(commands.length).toBeGreaterThan(50);
  });

  it('every planned command passes bash -n, and each heredoc in it closes', () => {
    const broken = commands.flatMap(({plan, step, command}) => {
      const block = pasteBlock(command);
      const checked = spawnSync('bash', ['-n'], {input: block, encoding: 'utf8'});
      // bash -n only warns (exit 0) about a heredoc that runs to the end of the input.
      return checked.status === 0 && checked.stderr === ''
        ? []
        : [`${plan}/${step}: ${checked.stderr.trim() || `exit ${checked.status}`}\n${block}`];
    });
    expect(broken).toEqual([]);
  });

  it('prints exactly those blocks after the $, heredoc bodies and EOF at the left margin, no placeholder for a secret', () => {
    const text = plans.map((plan) => formatPlan(plan, {colour: false})).join('\n');
    for (const {command} of commands) expect(text).toContain(`$ ${pasteBlock(command)}`);
    expect(text).toMatch(/\nEOF\n/);
    expect(text).not.toMatch(/^\s+EOF/m);
    expect(text).not.toContain('[REDACTED]');
    // Command lines (not the heredoc bodies, which are the files as written) break before they get long.
    const commandLines = text.split('\n').filter((line) => / \$ /.test(line) || line.endsWith(' \\'));
    expect(commandLines.filter((line) => !line.includes('<<') && line.length > 140)).toEqual([]);
  });

  it('pasted in order, every section runs with each variable it reads set first (bash -u, tools stubbed)', () => {
    const unset = plans.flatMap((plan) =>
      pastedSections(formatPlan(plan, {colour: false})).flatMap(({title, blocks}) => {
        const ran = runStubbed(blocks.join('\n'));
        return ran.status === 0 && ran.stderr === '' ? [] : [`${plan.id} ${title} ${ran.stderr.trim()}`];
      }),
    );
    expect(unset).toEqual([]);
  });

  it('sets a secret from where the runbook read it, and keeps a created token instead of printing it', () => {
    const text = formatPlan(plans.find((plan) => plan.id === 'forgejo-install')!, {colour: false});
    const [steps] = pastedSections(text);
    const pasted = steps!.blocks.join('\n');
    const password = pasted.indexOf(
      'export FORGEJO_PASSWORD="$(kubectl --context kind-localdev get secret forgejo-admin',
    );
    expect(password).toBeGreaterThan(0);
    expect(password).toBeLessThan(pasted.indexOf('$FORGEJO_PASSWORD"'));
    const keepsToken = pasted.indexOf('export FORGEJO_TOKEN="$(curl ');
    expect(keepsToken).toBeGreaterThan(0);
    expect(pasted.slice(keepsToken)).toMatch(/^[^\n]*-X POST[\s\S]*tokens <<'EOF' \| sed -n[\s\S]*"sha1"/);
    expect(keepsToken).toBeLessThan(pasted.indexOf('$FORGEJO_TOKEN'));
    expect(pasted).toContain(
      'export GIT_AUTH="$(printf \'%s:%s\' forgeadmin "$FORGEJO_TOKEN" | base64 | tr -d \'\\n\')"',
    );
    // Each variable is set once, before the first command that reads it.
    expect(pasted.match(/export FORGEJO_PASSWORD=/g)).toHaveLength(1);
  });

  it('generates a value several commands use once: the drill Secret and the drill volume get the same value', () => {
    const [steps] = pastedSections(formatPlan(plans.find((plan) => plan.id === 'velero-backup')!, {colour: false}));
    // Each openssl call prints a new value, as the real one does.
    const ran = runStubbed(steps!.blocks.join('\n'), {
      stubs: `openssl() { printf 'drill%s\\n' "$RANDOM$RANDOM$RANDOM"; }
kubectl() { case " $* " in *" apply "*) capture applied;; *" exec -i "*) capture volume;; esac; }`,
    });
    expect(ran.stderr).toBe('');
    const inSecret = /^ {2}value: "(drill\d+)"$/m.exec(ran.captured('applied'))?.[1];
    expect(inSecret).toBeDefined();
    expect(ran.captured('volume')).toBe(`${inSecret}\n`);
  });

  it("hands velero install MinIO's keys as read from their Secret, on stdin: no file the pasted plan lacks", () => {
    const text = formatPlan(plans.find((plan) => plan.id === 'velero-backup')!, {colour: false});
    expect(text).not.toContain('.cache/runbooks');
    const [steps] = pastedSections(text);
    const ran = runStubbed(steps!.blocks.join('\n'), {
      stubs: `kubectl() { case " $* " in *rootUser*) printf '${MINIO_USER}';; *rootPassword*) printf '${MINIO_KEY}';; esac; }
base64() { capture /dev/stdout; }
velero() { case " $* " in *" install "*) capture install;; esac; }`,
    });
    expect(ran.stderr).toBe('');
    expect(ran.captured('install')).toBe(
      `[default]\naws_access_key_id = ${MINIO_USER}\naws_secret_access_key = ${MINIO_KEY}\n`,
    );
  });

  it('labels a read-only kubectl get inside an action as a read', () => {
    const text = formatPlan(plans.find((plan) => plan.id === 'velero-backup')!, {colour: false});
    expect(text).toContain(
      'reads    $ kubectl --context kind-localdev get secret minio-credentials -n minio --ignore-not-found -o json',
    );
  });
});

describe('forgejo-install --oidc after the CNOE reference implementation', async () => {
  const plans = await plansOf('all', ['--oidc']);
  const text = formatPlan(plans.find((plan) => plan.id === 'forgejo-install')!, {colour: false});
  const [steps] = pastedSections(text);

  it('plans the Keycloak client, and every section runs with each variable it reads set first (bash -u)', () => {
    expect(text).toContain('forgejo-oauth');
    for (const {blocks} of pastedSections(text)) expect(runStubbed(blocks.join('\n')).stderr).toBe('');
  });

  it("sends Keycloak's admin password and writes the client secret as read, not as generated values", () => {
    // A password with the symbols Keycloak's generator uses: + must reach the form as %2B.
    const ran = runStubbed(steps!.blocks.join('\n'), {
      stubs: `kubectl() { case " $* " in *KEYCLOAK_ADMIN_PASSWORD*) printf '${KEYCLOAK_PASSWORD}';; *" apply "*) capture applied;; *jsonpath*) printf 'x';; esac; }
base64() { capture /dev/stdout; }
curl() {
  case " $* " in *openid-connect/token*) capture token;; esac
  printf '{"access_token":"${stand('keycloak-token')}","value":"${KEYCLOAK_CLIENT_SECRET}","sha1":"${stand('forgejo-token')}"}\\n200\\n'
}`,
      tools: ['sed'],
    });
    expect(ran.stderr).toBe('');
    expect(text).not.toContain('password=$(openssl');
    expect(text).not.toContain('secret: "$(openssl');
    expect(ran.captured('token')).toBe(
      `grant_type=password&client_id=admin-cli&username=cnoe-admin&password=${KEYCLOAK_PASSWORD.replace('+', '%2B')}\n`,
    );
    expect(ran.captured('applied').split('\n')).toContain(`  secret: "${KEYCLOAK_CLIENT_SECRET}"`);
  });
});

/** Variables any shell has: a plan may read them without setting them. */
const SHELL_VARIABLES = {HOME: '/nonexistent'};

/**
 * Runs pasted text under `bash -u` (an unset variable is an error) with no tool on the PATH but
 * `tools`: every other command that is not a bash builtin or one of the `stubs` (shell functions)
 * succeeds and prints nothing, so only the shell's own work runs (quotes, heredocs, exports,
 * substitutions), and nothing on this machine is touched. A stub keeps what it reads on stdin with
 * `capture NAME`, and `captured(NAME)` returns it.
 */
function runStubbed(text: string, {stubs = '', tools = []}: {stubs?: string; tools?: string[]} = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasted-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of tools)
    fs.symlinkSync(
      spawnSync('bash', ['-c', `command -v ${tool}`], {encoding: 'utf8'}).stdout.trim(),
      path.join(bin, tool),
    );
  const capture = `capture() { local line; while IFS= read -r line || [ -n "$line" ]; do printf '%s\\n' "$line"; done >> "$1"; }`;
  const script = `command_not_found_handle() { return 0; }\n${capture}\n${stubs}\nset -u\n${text}\n`;
  // The script is an argument, not stdin: a stub that reads stdin reads the heredoc it is given.
  const ran = spawnSync('/bin/bash', ['--norc', '--noprofile', '-c', script], {
    input: '',
    cwd: dir,
    encoding: 'utf8',
    env: {...SHELL_VARIABLES, PATH: bin},
  });
  const captured = (name: string) => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };
  return {...ran, captured};
}

/** The blocks after each `$` of a printed plan, per section (steps, tear-down), in order. */
function pastedSections(text: string): Array<{title: string; blocks: string[]}> {
  const sections: Array<{title: string; blocks: string[]}> = [];
  let block: string[] | undefined;
  const end = () => {
    if (block) sections[sections.length - 1]!.blocks.push(block.join('\n'));
    block = undefined;
  };
  for (const line of text.split('\n')) {
    const start = /^ {5}[a-z]+ +\$ (.*)$/.exec(line);
    if (/^(Steps|Tear down)\b/.test(line)) {
      end();
      sections.push({title: line, blocks: []});
    } else if (start) {
      end();
      if (sections.length) block = [start[1]!];
    } else if (/^ {2}\d+\. | {5}waits up to /.test(line)) {
      end();
    } else if (block) {
      block.push(line);
    }
  }
  end();
  return sections;
}

describe('colour', () => {
  it('uses colour on a terminal and none with NO_COLOR or when piped', async () => {
    const tty = await cliInSim(['bootstrap', '--plan'], undefined, {env: {}, tty: true});
    const noColour = await cliInSim(['bootstrap', '--plan'], undefined, {env: {NO_COLOR: '1'}, tty: true});
    const piped = await cliInSim(['bootstrap', '--plan'], undefined, {env: {}});
    expect(tty.stdout).toMatch(/\x1b\[\d+m/);
    expect(noColour.stdout).not.toMatch(/\x1b\[/);
    expect(piped.stdout).not.toMatch(/\x1b\[/);
    expect(tty.stdout.replace(/\x1b\[\d+m/g, '')).toBe(piped.stdout);
  });
});
