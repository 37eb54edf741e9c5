/**
 * The secret scan of the build output: a planted credential (generated here, never a real one)
 * fails it, through the library and through `npm run scan:secrets`; a page that only shows how to
 * retrieve a secret passes.
 */
import {spawnSync} from 'node:child_process';
import {generateKeyPairSync, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {scanDirectory, scanRepository} from '../../../src/secrets/scan';

const ROOT = path.resolve(__dirname, '../../..');
const dirs: string[] = [];

/** A throw-away "build" folder holding the given files. */
function site(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-scan-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

// Shaped like idpbuilder's generated passwords: long, mixed, with symbols.
const fakePassword = () => `${randomBytes(18).toString('base64')}-+/`;

const placeholderPage = `<!doctype html><html><body><h1>Secrets</h1>
<pre><code>idpbuilder get secrets -p argocd -o json | jq -r '.[0].password'
password : &lt;from idpbuilder get secrets&gt;
aws_secret_access_key = &lt;secret key from the CSV&gt;
kubectl get secret -n keycloak keycloak-config -o jsonpath='{.data.USER_PASSWORD}' | base64 -d</code></pre>
</body></html>`;

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

describe('secret scan of the build', () => {
  it('passes a page that shows how to retrieve secrets with placeholders', async () => {
    const result = await scanDirectory(site({'docs/secrets/index.html': placeholderPage, 'sitemap.xml': '<urlset/>'}));
    expect(result.scannedFiles).toBe(2);
    expect(result.findings).toEqual([]);
  });

  it('fails on a password in the shape of the idpbuilder secrets table, in HTML, a JS bundle and the search index', async () => {
    const password = fakePassword();
    const result = await scanDirectory(
      site({
        'docs/secrets/index.html': placeholderPage.replace(
          'password : &lt;from idpbuilder get secrets&gt;',
          `password : ${password}`,
        ),
        'assets/js/page.js': `"use strict";(self.chunk=self.chunk||[]).push([[1],{7:(e,n,s)=>{s.d(n,{code:()=>"{\\"username\\":\\"giteaAdmin\\",\\"password\\":\\"${password}\\"}"})}}]);`,
        'search-index.json': JSON.stringify([{t: `USER_PASSWORD : ${password}`}]),
      }),
    );
    expect(result.findings).toEqual([
      {file: 'assets/js/page.js', line: 1, rule: '@secretlint/secretlint-rule-pattern (key-value credential)'},
      {file: 'docs/secrets/index.html', line: 3, rule: '@secretlint/secretlint-rule-pattern (key-value credential)'},
      {file: 'search-index.json', line: 1, rule: '@secretlint/secretlint-rule-pattern (key-value credential)'},
    ]);
  });

  it('fails on a credential only the recommended preset knows (a private key)', async () => {
    const {privateKey} = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: {type: 'pkcs1', format: 'pem'},
      publicKeyEncoding: {type: 'spki', format: 'pem'},
    });
    const result = await scanDirectory(site({'docs/keys.txt': `Deploy key:\n${privateKey}`}));
    expect(result.findings.map((finding) => finding.rule)).toContain('@secretlint/secretlint-rule-privatekey');
  });

  it('ignores binary files (a NUL byte in the first 8000 bytes, as git decides)', async () => {
    const result = await scanDirectory(site({'img/logo.png': `\u0089PNG\u0000\u0000password : ${fakePassword()}`}));
    expect(result).toEqual({scannedFiles: 0, findings: []});
  });

  it('reads every text file the build publishes, whatever its name (a script or a dotfile from static/)', async () => {
    const result = await scanDirectory(
      site({
        'downloads/setup.sh': `export API_KEY=${fakePassword()}`,
        '.env': `DB_PASSWORD=${fakePassword()}`,
        'notes.log': `aws_secret_access_key = ${fakePassword()}`,
      }),
    );
    expect(result.findings.map(({file}) => file)).toEqual(['.env', 'downloads/setup.sh', 'notes.log']);
  });

  it('reads the runbook transcripts the site publishes (.cast), and source maps and styles', async () => {
    // Assembled here, so that this file holds no key id for the repository scan to find.
    const keyId = ['AKIA', 'FAKEFAKEFAKE1234'].join('');
    const result = await scanDirectory(
      site({
        'f4a6a5b18e49e4c7.cast': `{"version":2,"width":120,"height":36}\n[0.5,"o","aws_access_key_id = ${keyId}\\r\\n"]\n`,
        'assets/js/main.js.map': JSON.stringify({sourcesContent: [`const auth = "password: ${fakePassword()}";`]}),
        'assets/css/styles.css': `/* api_key = ${fakePassword()} */`,
      }),
    );
    expect(result.findings.map(({file, rule}) => `${file} ${rule}`)).toEqual([
      'assets/css/styles.css @secretlint/secretlint-rule-pattern (key-value credential)',
      'assets/js/main.js.map @secretlint/secretlint-rule-pattern (key-value credential)',
      'f4a6a5b18e49e4c7.cast @secretlint/secretlint-rule-pattern (AWS access key id)',
    ]);
  });

  it('does not take a number for a credential (max_token = 4096000000)', async () => {
    const result = await scanDirectory(
      site({'docs/limits.html': '<pre>max_token = 4096000000\ntoken_ttl: 3600s</pre>'}),
    );
    expect(result).toEqual({scannedFiles: 1, findings: []});
  });

  it('npm run scan:secrets exits 1 and names file and rule, but never prints the secret', () => {
    const password = fakePassword();
    const dir = site({'docs/a.html': `<p>password : ${password}</p>`});
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/scan-secrets.ts'), dir],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('docs/a.html:1  @secretlint/secretlint-rule-pattern (key-value credential)');
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('npm run scan:secrets exits 0 on a clean folder', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        path.join(ROOT, 'scripts/scan-secrets.ts'),
        site({'index.html': placeholderPage}),
      ],
      {encoding: 'utf8'},
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('secret scan of the repository', () => {
  const git = (cwd: string, ...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {cwd, encoding: 'utf8'});

  it('reads every tracked text file, and neither untracked nor binary ones', async () => {
    const password = fakePassword();
    const dir = site({
      'runbooks/tracked.ts': `const config = "password: ${password}";\n`,
      'untracked.md': `password : ${fakePassword()}\n`,
      'img/logo.png': `${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('latin1')}password : ${fakePassword()}`,
    });
    git(dir, 'init', '-q');
    git(dir, 'add', 'runbooks/tracked.ts', 'img/logo.png');
    const result = await scanRepository(dir);
    expect(result).toEqual({
      scannedFiles: 1,
      findings: [
        {file: 'runbooks/tracked.ts', line: 1, rule: '@secretlint/secretlint-rule-pattern (key-value credential)'},
      ],
    });
  });

  it('finds no credential in this repository (npm run scan:secrets -- --repo)', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/scan-secrets.ts'), '--repo'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/files tracked by git in .*, no credentials found/);
    expect(run.status).toBe(0);
  });
});
