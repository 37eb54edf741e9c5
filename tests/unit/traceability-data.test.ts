/**
 * The gate over the real data: traceability/capabilities.yaml, the runbooks, pages, ADRs and the
 * likec4 model as they are in the repository. Breaking a link in a copy fails the plugin's load
 * (and so the build) with the link's name; the README's goals table is the data's `goals`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {EVIDENCE_DIR} from '../../src/living-docs/evidence';
import {MATRIX_ROUTE} from '../../src/plugins/traceability/data';
import {loadTraceability, type TraceabilityContent} from '../../src/plugins/traceability';
import {loadRunbookViews} from '../../src/plugins/runbooks';
import {checkTraceability} from '../../src/traceability/check';
import {pageUseCases} from '../../src/traceability/page-links';
import {TRACEABILITY_FILE} from '../../src/traceability/schema';
import {ROOT, siteCopy} from './living-docs/support';

let real: TraceabilityContent;

beforeAll(async () => {
  real = await loadTraceability(ROOT);
});

/** A copy of the site whose runbooks can be edited; everything else the gate reads is linked. */
function editableSite(): string {
  const root = siteCopy();
  fs.rmdirSync(path.join(root, 'docs'));
  for (const folder of ['docs', 'adr', 'architecture-c4', 'traceability'])
    fs.symlinkSync(path.join(ROOT, folder), path.join(root, folder));
  return root;
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('traceability of the real data', () => {
  it('has no broken link', () => {
    expect(checkTraceability(real.data, real.targets)).toEqual([]);
  });

  it("fails the build, naming the runbook, when a runbook's use-case link is removed", async () => {
    const root = editableSite();
    edit(path.join(root, 'runbooks/bootstrap.ts'), "useCases: ['UC-1']", 'useCases: []');
    await expect(loadTraceability(root)).rejects.toThrow(
      'UC-1 names runbook bootstrap, which does not list UC-1 in its useCases (runbooks/bootstrap.ts)',
    );
  });

  it('fails the build, naming the step, when a use case cites a step that does not exist', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'edf-trace-')), 'capabilities.yaml');
    fs.copyFileSync(path.join(ROOT, TRACEABILITY_FILE), file);
    edit(file, 'steps: [golden-path-push, golden-path-deployed]', 'steps: [golden-path-push, golden-path-live]');
    await expect(loadTraceability(ROOT, file)).rejects.toThrow(
      'UC-5 -> step "golden-path-live" of runbook cnoe-showtime does not exist',
    );
  });
});

describe('pages that link back to the use cases', () => {
  it('decision records and handbook pages list the use cases naming them; a runbook page does not repeat its own', async () => {
    const links = pageUseCases(real.data, (await loadRunbookViews(ROOT)).views, real.targets);
    expect(links.get('adr/0002-kind-for-local-clusters.md')).toEqual(['UC-1']);
    expect(links.get('adr/0001-cnoe-idpbuilder-as-platform-orchestrator.md')).toEqual(['UC-2', 'UC-5']);
    expect(links.get('docs/architecture/deployment.mdx')).toEqual(['UC-1']);
    // cnoe-showtime.mdx embeds the runbook proving UC-2 and UC-5, which lists them itself.
    expect(links.get('docs/platform-101/cnoe-showtime.mdx')).toEqual(['UC-1']);
    expect(links.has('docs/runbooks/bootstrap.mdx')).toBe(false);
  });
});

describe("README's goals table", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## Goals and where they live\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  const rows = [...section.matchAll(/^\| (.+?) \| (.+) \|$/gm)]
    .map((match) => ({goal: match[1]!, content: match[2]!}))
    .slice(1);

  it('is the goals of the traceability data, row by row', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(real.data.goals);
  });

  it('names only paths and pages that exist', () => {
    const routes = new Set([...real.targets.pages.values()].map((page) => page.permalink).concat(MATRIX_ROUTE, '/adr'));
    const missing = real.data.goals
      .flatMap(({content}) => [...content.matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
      // Commands (`npm run runbook`) and components (`<Runbook>`) are not places.
      .filter((name) => !/\s|^</.test(name))
      .filter((name) => (name.startsWith('/') ? !routes.has(name) : !repositoryPathExists(name)));
    expect(missing).toEqual([]);
  });
});

/** `runbooks/*.ts` exists when a file matches; the evidence folder appears with the first real run. */
function repositoryPathExists(name: string): boolean {
  if (name.replace(/\/$/, '') === EVIDENCE_DIR) return true;
  if (!name.includes('*')) return fs.existsSync(path.join(ROOT, name));
  const dir = path.join(ROOT, path.dirname(name));
  const pattern = new RegExp(
    `^${path
      .basename(name)
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return fs.existsSync(dir) && fs.readdirSync(dir).some((file) => pattern.test(file));
}
