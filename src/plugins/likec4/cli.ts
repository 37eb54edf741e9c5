/**
 * Runs the likec4 CLI on the model in architecture-c4/. One place for the model folder and the
 * flags, shared by the Docusaurus plugin, the npm scripts and the tests.
 *
 * likec4 has no public in-process API for code generation, so it runs as a child process. A child
 * must never outlive us: a failed build exits while generation may still run, and an orphaned
 * `likec4 gen react` was seen burning a core for half an hour. Every child is therefore stopped
 * when this process exits or is signalled, and each run has a time limit.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

export const MODEL_DIR = 'architecture-c4';
/** Generated React views; git-ignored, rewritten when the model changes. */
export const GENERATED_VIEWS = 'src/generated/likec4-views.jsx';
/** Fingerprint of the model and the likec4 version the views were generated from. */
const GENERATED_STAMP = 'src/generated/likec4-views.stamp';
/** Validation takes about 1 s and generation about 2 s on an idle 2-core machine. */
const TIME_LIMIT_MS = 5 * 60_000;

export interface LikeC4Result {
  code: number;
  output: string;
}

const running = new Set<ChildProcess>();

function stopChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

let stopsInstalled = false;
function stopChildrenWithUs(): void {
  if (stopsInstalled) return;
  stopsInstalled = true;
  process.once('exit', stopChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopChildren();
      // Nobody else handles the signal: end as Node would have without our listener.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function likec4Bin(cwd: string): string {
  return path.join(
    path.dirname(createRequire(path.join(cwd, 'package.json')).resolve('likec4/package.json')),
    'bin',
    'likec4.mjs',
  );
}

/**
 * Runs `likec4 <args>` with the Node that runs us (likec4 needs Node >= 22; the machine's own
 * `node` may be older). `--no-use-dot` is passed by callers that lay out views: Graphviz is not
 * installed on our machines, and likec4 falls back to "no views found" without it.
 */
export function likec4(args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<LikeC4Result> {
  stopChildrenWithUs();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [likec4Bin(options.cwd), ...args], {
      cwd: options.cwd,
      env: {...process.env, ...options.env, NO_COLOR: '1'},
    });
    running.add(child);
    let output = '';
    const limit = setTimeout(() => {
      output += `\nlikec4 ${args[0]} did not finish within ${TIME_LIMIT_MS / 60_000} min and was stopped.\n`;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(limit);
      running.delete(child);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      running.delete(child);
      resolve({code: code ?? 1, output});
    });
  });
}

export function validateModel(siteDir: string, modelDir = MODEL_DIR): Promise<LikeC4Result> {
  return likec4(['validate', modelDir], {cwd: siteDir});
}

/** sha256 over the model files and the likec4 version: what the generated views depend on. */
export function modelFingerprint(siteDir: string, modelDir = MODEL_DIR): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.parse(fs.readFileSync(path.join(path.dirname(likec4Bin(siteDir)), '..', 'package.json'), 'utf8'))
      .version as string,
  );
  const dir = path.join(siteDir, modelDir);
  for (const file of fs.readdirSync(dir, {recursive: true, encoding: 'utf8'}).sort()) {
    const full = path.join(dir, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(`\0${file}\0`);
    hash.update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

/**
 * Writes the React components for every view to src/generated/, unless they are already there
 * for this very model; throws with likec4's output on failure.
 */
export async function generateReactViews(siteDir: string): Promise<'generated' | 'unchanged'> {
  const stamp = path.join(siteDir, GENERATED_STAMP);
  const fingerprint = modelFingerprint(siteDir);
  const current =
    fs.existsSync(path.join(siteDir, GENERATED_VIEWS)) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === fingerprint;
  if (current) return 'unchanged';
  fs.rmSync(stamp, {force: true});
  const result = await likec4(['gen', 'react', '--no-use-dot', '-o', GENERATED_VIEWS, MODEL_DIR], {cwd: siteDir});
  if (result.code !== 0)
    throw new Error(`likec4 could not generate the architecture views (exit ${result.code}):\n${result.output}`);
  fs.writeFileSync(stamp, fingerprint);
  return 'generated';
}
