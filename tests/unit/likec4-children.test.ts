/**
 * likec4 runs as a child process; it must never outlive the build that started it. A parent that
 * exits (a failed build) or is terminated mid-run takes its likec4 child with it.
 */
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MODEL_DIR} from '../../src/plugins/likec4/cli';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Processes whose command line contains `marker`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], {encoding: 'utf8'})
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** A parent that starts `likec4 validate` on a copy of the model, then does `then` once likec4 runs. */
function parentScript(dir: string, then: 'exit' | 'wait'): string {
  const script = path.join(dir, 'parent.ts');
  fs.writeFileSync(
    script,
    `import {likec4} from ${JSON.stringify(path.join(ROOT, 'src/plugins/likec4/cli'))};
void likec4(['validate', ${JSON.stringify(path.join(dir, 'model'))}], {cwd: ${JSON.stringify(ROOT)}});
${then === 'exit' ? 'setTimeout(() => process.exit(1), 300);' : 'setInterval(() => {}, 1000);'}
`,
  );
  return script;
}

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-likec4-child-'));
  fs.cpSync(path.join(ROOT, MODEL_DIR), path.join(dir, 'model'), {recursive: true});
  return dir;
}

describe('likec4 children', {timeout: 120_000}, () => {
  it('are stopped when the process that started them exits (a failed build)', async () => {
    const dir = scratch();
    const parent = spawn(process.execPath, [TSX, parentScript(dir, 'exit')], {cwd: ROOT, stdio: 'ignore'});
    const exited = new Promise<number | null>((resolve) => parent.on('exit', resolve));
    expect(await exited).toBe(1);
    await until(() => processesWith(path.join(dir, 'model')).length === 0, 'likec4 ended with its parent');
  });

  it('are stopped when the process that started them is terminated', async () => {
    const dir = scratch();
    const parent = spawn(process.execPath, [TSX, parentScript(dir, 'wait')], {cwd: ROOT, stdio: 'ignore'});
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      parent.on('exit', (_code, signal) => resolve(signal)),
    );
    await until(() => processesWith(`validate ${path.join(dir, 'model')}`).length > 0, 'likec4 started');
    // tsx runs the script in a child of its own and forwards the signal to it.
    parent.kill('SIGTERM');
    await exited;
    await until(() => processesWith(path.join(dir, 'model')).length === 0, 'likec4 ended with its parent');
  });
});
