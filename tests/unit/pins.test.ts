/**
 * Versions on pages come from the runbooks: src/living-docs/pins.ts reads them from the files that
 * pin them and src/remark/pinned-versions.ts renders them. Changing the kind node image in the
 * bootstrap asset changes every page that names it; no page, decision record or C4 model text types
 * a pinned version by hand; an unknown pin name fails with the page and the line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {VFile} from 'vfile';
import {toString} from 'mdast-util-to-string';
import type {Root} from 'mdast';
import {describe, expect, it} from 'vitest';
import {docPages} from '../../src/living-docs/docs-scan';
import {readPins, type Pins} from '../../src/living-docs/pins';
import remarkPinnedVersions from '../../src/remark/pinned-versions';
import * as tools from '../../src/runbook/tools';

const ROOT = path.resolve(__dirname, '../..');
const PAGES = [...docPages(ROOT), ...docPages(ROOT, 'adr', '/adr')];
const PIN_FILES = ['runbooks', 'scripts/ci/install-tools.sh', 'src/runbook/tools.ts'];

/** A copy of the files pins are read from, edited by `change`. */
function copyWith(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pins-'));
  for (const file of PIN_FILES) fs.cpSync(path.join(ROOT, file), path.join(dir, file), {recursive: true});
  change(dir);
  return dir;
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`test set-up: ${String(from)} not in ${file}`);
  fs.writeFileSync(file, changed);
}

/** The page's text as rendered with these pins (MDX parse, as Docusaurus does). */
function render(file: string, text: string, pins: Pins): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkPinnedVersions, {siteDir: ROOT, pins});
  const tree = processor.runSync(processor.parse(matter(text).content), new VFile({path: file})) as Root;
  return toString(tree);
}

const usesPin = (name: string) => (text: string) =>
  text.includes(`{{pin:${name}}}`) || text.includes(`<Pin name="${name}"`);

describe('pinned versions', () => {
  const pins = readPins(ROOT);

  it('reads every pin from the runbooks and their assets', () => {
    expect(pins['kind-node-image']).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(pins['kind-node-image']).toContain(pins['kubernetes-version']);
    expect(fs.readFileSync(path.join(ROOT, 'runbooks/cnoe-showtime.ts'), 'utf8')).toContain(`'${pins['stacks-ref']}'`);
    for (const name of [
      'forgejo-chart-version',
      'velero-aws-plugin',
      'kind',
      'kubectl',
      'helm',
      'idpbuilder',
      'velero',
      'idpbuilder-min',
    ])
      expect(pins[name], name).toMatch(/\d+\.\d+\.\d+/);
  });

  it('changing the kind node image in the bootstrap asset changes every page that names it', () => {
    const image = `kindest/node:v1.99.9@sha256:${'a'.repeat(64)}`;
    const changed = readPins(
      copyWith((dir) =>
        edit(path.join(dir, 'runbooks/assets/bootstrap/kind-localdev.yaml'), pins['kind-node-image']!, image),
      ),
    );
    expect(changed['kind-node-image']).toBe(image);
    expect(changed['kubernetes-version']).toBe('v1.99.9');
    const naming = PAGES.filter(
      (page) => usesPin('kind-node-image')(page.text) || usesPin('kubernetes-version')(page.text),
    );
    expect(naming.map((page) => page.file)).toEqual(
      expect.arrayContaining(['docs/runbooks/bootstrap.mdx', 'docs/platform-101/cnoe-showtime.mdx']),
    );
    for (const page of naming) {
      const before = render(page.file, page.text, pins);
      const after = render(page.file, page.text, changed);
      expect(before, page.file).toContain(pins['kubernetes-version']);
      expect(after, page.file).toContain('v1.99.9');
      expect(after, page.file).not.toContain(pins['kind-node-image']);
    }
  });

  it('no page, decision record or C4 model text types a pinned version by hand', () => {
    // A Source paragraph names the upstream revision that was read; that is a citation, not a pin.
    const withoutSources = (text: string) => text.replace(/^\**Sources?:[\s\S]*?(\n\s*\n|(?![\s\S]))/gim, '');
    const texts = [
      ...PAGES.map((page) => ({file: page.file, text: withoutSources(page.text)})),
      ...fs
        .readdirSync(path.join(ROOT, 'architecture-c4'))
        .filter((name) => name.endsWith('.c4'))
        .map((name) => ({
          file: `architecture-c4/${name}`,
          text: fs.readFileSync(path.join(ROOT, 'architecture-c4', name), 'utf8'),
        })),
    ];
    const typed = texts.flatMap(({file, text}) =>
      Object.entries(pins)
        .filter(([, value]) =>
          new RegExp(`(^|[^\\w.])v?${value.replace(/^v/, '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w.])`).test(
            text,
          ),
        )
        .map(([name, value]) => `${file}: ${value} (use the pin ${name})`),
    );
    expect(typed).toEqual([]);
  });

  it('install hints, shown in the tool table of every runbook page, name the versions the workflow pins', () => {
    // A hint is code, not page text, but it reaches the page: "v0.30.0" in the kind hint must stay the
    // kind pin, and "v1.18 pairs with … v1.14" the Velero and plugin pins, or a pin change leaves it behind.
    const pinned = Object.values(pins);
    const versionIsPinned = (version: string) =>
      pinned.some((pin) => pin === version || pin.startsWith(`${version}.`) || pin.startsWith(`v${version}.`));
    const stale = Object.values(tools).flatMap((tool) =>
      [...tool.install.matchAll(/\bv\d+\.\d+(?:\.\d+)?\b/g)]
        .map(([version]) => version)
        .filter((version) => !versionIsPinned(version))
        .map((version) => `${tool.name}: ${version}`),
    );
    expect(stale).toEqual([]);
    expect(versionIsPinned('v0.29.0')).toBe(false);
  });

  it('fails loudly, naming the file, when a pin constant is gone', () => {
    const dir = copyWith((copy) =>
      edit(path.join(copy, 'runbooks/cnoe-showtime.ts'), 'export const STACKS_REF', 'export const STACKS_REVISION'),
    );
    expect(() => readPins(dir)).toThrow(/export const STACKS_REF not found in runbooks\/cnoe-showtime\.ts/);
  });

  it('an unknown pin name fails the page with its line', () => {
    expect(() => render('docs/x.md', '# X\n\nText\n\nThe image is <Pin name="kind-node-imag" />.\n', pins)).toThrow(
      /docs\/x\.md:5: unknown pin "kind-node-imag"/,
    );
    expect(() => render('docs/x.md', '```bash\nkind create cluster --image {{pin:nope}}\n```\n', pins)).toThrow(
      /docs\/x\.md:1: unknown pin "nope"/,
    );
  });

  it('renders a pin in prose, in a table and inside code', () => {
    const text =
      '| Image |\n|---|\n| <Pin name="kind-node-image" /> |\n\nRun `kind {{pin:kind}}`.\n\n```text\nidpbuilder {{pin:idpbuilder}}\n```\n';
    const rendered = render('docs/x.md', text, pins);
    for (const name of ['kind-node-image', 'kind', 'idpbuilder']) expect(rendered).toContain(pins[name]);
    expect(rendered).not.toMatch(/pin:|<Pin/);
  });
});
