/**
 * The markdown lint and the spell check of the handbook (`npm run lint:markdown`,
 * `npm run lint:spelling`, both in the static stage of `npm test`): a page with a misspelling or a
 * markdown lint error fails them, a page in the handbook's own style (front matter title and h1,
 * MDX components, project words) passes. Each case runs the real npm script with the project's own
 * configuration in a throw-away copy whose docs/ holds only the fixture, so no real page is touched.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/docs-lint');
const CONFIG_FILES = ['package.json', '.markdownlint-cli2.jsonc', 'cspell.json', 'project-words.txt'];
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

/** Runs `npm run <script>` in a copy of the project's lint configuration whose only page is `fixture`. */
function lint(script: 'lint:markdown' | 'lint:spelling', fixture: string): {status: number | null; output: string} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-docs-lint-'));
  dirs.push(dir);
  for (const file of CONFIG_FILES) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.copyFileSync(path.join(FIXTURES, fixture), path.join(dir, 'docs', fixture));
  const run = spawnSync('npm', ['run', '--silent', script], {cwd: dir, encoding: 'utf8'});
  return {status: run.status, output: `${run.stdout}${run.stderr}`};
}

describe('markdown lint of docs/ and adr/', () => {
  it('accepts a page in the handbook style: front matter title and h1, JSX components, compact tables', () => {
    const run = lint('lint:markdown', 'clean.mdx');
    expect(run.output).toContain('0 issues');
    expect(run.status).toBe(0);
  });

  it('fails on a skipped heading level and a bare URL, naming file, line and rule', () => {
    const run = lint('lint:markdown', 'lint-error.md');
    expect(run.output).toMatch(/docs\/lint-error\.md:7 .*MD001\/heading-increment/);
    expect(run.output).toMatch(/docs\/lint-error\.md:9:\d+ .*MD034\/no-bare-urls/);
    expect(run.status).not.toBe(0);
  });
});

describe('spell check of docs/ and adr/', () => {
  it('accepts project words from project-words.txt (idpbuilder, CNOE, Forgejo, localdev, Velero)', () => {
    const run = lint('lint:spelling', 'clean.mdx');
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails on a misspelling, naming file, line and word', () => {
    const run = lint('lint:spelling', 'misspelt.md');
    expect(run.output).toMatch(/docs\/misspelt\.md:7:\d+ - Unknown word \(recieve\)/);
    expect(run.status).not.toBe(0);
  });
});
