/** The linter and formatter that npm test runs (npm run lint: biome check) catch what they are there for. */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');

/** biome check, with the project's biome.json, of a folder holding only this module. */
function check(source: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-lint-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'biome.json'), path.join(dir, 'biome.json'));
    fs.writeFileSync(path.join(dir, 'probe.ts'), source);
    return spawnSync(BIOME, ['check', '--vcs-enabled=false', '.'], {cwd: dir, encoding: 'utf8'});
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}

describe('biome check (npm run lint)', () => {
  it('passes a module written in the project style', () => {
    expect(check('export const greeting = (name: string): string => `hello ${name}`;\n').status).toBe(0);
  });

  it('fails on a planted lint error', () => {
    const result = check('export function probe(): void {\n  debugger;\n}\n');
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain('noDebugger');
  });

  it('fails on code that is not formatted', () => {
    expect(check('export const  spaced = { a : 1 }\n').status).not.toBe(0);
  });
});
