/**
 * The likec4 model in architecture-c4/: it validates, a broken copy does not, and every view the
 * Architecture pages embed exists in the model.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MODEL_DIR, validateModel} from '../../src/plugins/likec4/cli';

const ROOT = path.resolve(__dirname, '../..');

function copyOfModel(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-c4-'));
  fs.cpSync(path.join(ROOT, MODEL_DIR), dir, {recursive: true});
  return dir;
}

function editModel(dir: string, file: string, change: (text: string) => string): void {
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  fs.writeFileSync(target, after);
}

/** View ids declared in the model sources: `view x`, `view x of y`, `dynamic view x`, `deployment view x`. */
function modelViewIds(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.c4'))
    .flatMap((file) =>
      [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/^\s*(?:dynamic |deployment )?view (\w+)/gm)].map(
        (match) => match[1]!,
      ),
    );
}

describe('architecture-c4 (likec4)', () => {
  it('validates: syntax, references and layout of every view', async () => {
    const result = await validateModel(ROOT);
    expect(result.output).toMatch(/Valid/);
    expect(result.code).toBe(0);
  });

  it('fails validation when a relation points at an element that does not exist', async () => {
    const dir = copyOfModel();
    editModel(dir, 'model.c4', (text) =>
      text.replace("argocd -> gitea 'pulls desired state from'", "argocd -> giteaa 'pulls desired state from'"),
    );
    const result = await validateModel(ROOT, dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Could not resolve reference to .*'giteaa'/);
  });

  it('fails validation on a syntax error', async () => {
    const dir = copyOfModel();
    editModel(dir, 'views.c4', (text) => text.replace('dynamic view goldenPath {', 'dynamic view goldenPath {{'));
    expect((await validateModel(ROOT, dir)).code).not.toBe(0);
  });

  it('declares every view the Architecture pages embed', () => {
    const pages = path.join(ROOT, 'docs/architecture');
    const embedded = fs
      .readdirSync(pages)
      .filter((file) => file.endsWith('.mdx'))
      .flatMap((file) =>
        [...fs.readFileSync(path.join(pages, file), 'utf8').matchAll(/<ArchitectureView\s[^>]*?viewId="(\w+)"/g)].map(
          (match) => match[1]!,
        ),
      );
    expect(embedded.length).toBeGreaterThanOrEqual(4);
    const declared = modelViewIds(path.join(ROOT, MODEL_DIR));
    for (const view of ['index', 'platform', 'goldenPath', 'localdev', 'otcPlanned']) expect(declared).toContain(view);
    expect(embedded.filter((view) => !declared.includes(view))).toEqual([]);
  });
});
