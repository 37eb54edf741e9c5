/**
 * Runs the likec4 CLI on the model in architecture-c4/. One place for the model folder and the
 * flags, shared by the Docusaurus plugin, the npm scripts and the tests.
 */
import {spawn} from 'node:child_process';
import {createRequire} from 'node:module';
import path from 'node:path';

export const MODEL_DIR = 'architecture-c4';
/** Generated React views; git-ignored, rewritten by every build. */
export const GENERATED_VIEWS = 'src/generated/likec4-views.jsx';

export interface LikeC4Result {
  code: number;
  output: string;
}

/**
 * Runs `likec4 <args>` with the Node that runs us (likec4 needs Node >= 22; the machine's own
 * `node` may be older). `--no-use-dot` is passed by callers that lay out views: Graphviz is not
 * installed on our machines, and likec4 falls back to "no views found" without it.
 */
export function likec4(args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<LikeC4Result> {
  const bin = path.join(path.dirname(createRequire(path.join(options.cwd, 'package.json')).resolve('likec4/package.json')), 'bin', 'likec4.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd, env: {...process.env, ...options.env, NO_COLOR: '1'}});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code: code ?? 1, output}));
  });
}

export function validateModel(siteDir: string, modelDir = MODEL_DIR): Promise<LikeC4Result> {
  return likec4(['validate', modelDir], {cwd: siteDir});
}

/** Writes the React components for every view to src/generated/; throws with likec4's output on failure. */
export async function generateReactViews(siteDir: string): Promise<void> {
  const result = await likec4(['gen', 'react', '--no-use-dot', '-o', GENERATED_VIEWS, MODEL_DIR], {cwd: siteDir});
  if (result.code !== 0) throw new Error(`likec4 could not generate the architecture views (exit ${result.code}):\n${result.output}`);
}
