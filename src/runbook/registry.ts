/**
 * Finds the runbooks (`runbooks/<id>.ts`), fingerprints their source, and orders them by what
 * they need. Evidence is tied to the fingerprint: editing a runbook or one of its assets makes
 * older evidence OUTDATED.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Runbook} from './model';
import {UsageError} from './errors';

export interface RunbookEntry {
  runbook: Runbook;
  file: string;
  sourceHash: string;
}

export const RUNBOOK_DIR = 'runbooks';

/** The runbook ids in the folder (a file per runbook; the assets folder is not one). */
export function runbookFiles(root: string): string[] {
  const dir = path.join(root, RUNBOOK_DIR);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(dir, name));
}

export async function loadRunbooks(root: string): Promise<Map<string, RunbookEntry>> {
  const entries = new Map<string, RunbookEntry>();
  for (const file of runbookFiles(root)) {
    const id = path.basename(file, '.ts');
    const hash = sourceHash(root, id);
    // The hash in the URL makes a long-lived process (the dev server) load an edited runbook anew.
    const module = (await import(`${pathToFileURL(file).href}?source=${hash.slice(7, 19)}`)) as {
      default?: Runbook | {default?: Runbook};
    };
    // CommonJS interop may wrap the default export once more.
    const exported = module.default && 'default' in module.default ? module.default.default : module.default;
    const runbook = exported as Runbook | undefined;
    if (!runbook?.id) throw new Error(`${path.relative(root, file)} does not default-export a runbook (defineRunbook)`);
    if (runbook.id !== id)
      throw new Error(
        `${path.relative(root, file)} declares id "${runbook.id}"; the file must be named ${runbook.id}.ts`,
      );
    entries.set(id, {runbook, file, sourceHash: hash});
  }
  return entries;
}

/** sha256 over the runbook file and every file under runbooks/assets/<id>/. */
export function sourceHash(root: string, id: string): string {
  const hash = createHash('sha256');
  const files = [path.join(root, RUNBOOK_DIR, `${id}.ts`), ...listFiles(path.join(root, RUNBOOK_DIR, 'assets', id))];
  for (const file of files) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, {withFileTypes: true})
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** The runbooks `ids` need, then `ids` themselves, each once, dependencies first. */
export function inDependencyOrder(entries: Map<string, RunbookEntry>, ids: string[]): Runbook[] {
  const ordered: Runbook[] = [];
  const visiting = new Set<string>();
  const visit = (id: string, from?: string) => {
    if (ordered.some((runbook) => runbook.id === id)) return;
    const entry = entries.get(id);
    if (!entry)
      throw new UsageError(from ? `Runbook "${from}" needs unknown runbook "${id}"` : `Unknown runbook "${id}"`);
    if (visiting.has(id)) throw new Error(`Runbooks need each other in a cycle through "${id}"`);
    visiting.add(id);
    for (const need of entry.runbook.needs) visit(need, id);
    visiting.delete(id);
    ordered.push(entry.runbook);
  };
  for (const id of ids) visit(id);
  return ordered;
}
