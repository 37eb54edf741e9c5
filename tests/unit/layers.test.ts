import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {layerViolations} from '../../scripts/ci/layers';

const ROOT = path.resolve(__dirname, '../..');

/** Writes a module into the tree for one check, and always removes it again. */
async function withProbe(
  file: string,
  source: string,
  check: (violations: Awaited<ReturnType<typeof layerViolations>>) => void,
): Promise<void> {
  const target = path.join(ROOT, file);
  fs.writeFileSync(target, source);
  try {
    check(await layerViolations(ROOT, [file]));
  } finally {
    fs.rmSync(target, {force: true});
  }
}

describe('layer rules (.dependency-cruiser.cjs, npm run lint:layers)', () => {
  it('hold for the repository', async () => {
    expect(await layerViolations(ROOT)).toEqual([]);
  }, 120_000);

  it('fail, naming the rule, when the engine imports the simulator', () =>
    withProbe('src/runbook/layer-probe.ts', "import './sim';\n", (violations) => {
      expect(violations).toContainEqual(
        expect.objectContaining({
          rule: 'engine-imports-no-sim',
          from: 'src/runbook/layer-probe.ts',
          to: 'src/runbook/sim/index.ts',
        }),
      );
    }));

  // Components import a plugin's client.ts, so it is bundled for the browser too (the demo plugin has none).
  it.each([
    ['a component', 'src/components/LayerProbe.tsx', '../runbook/executor'],
    ["a plugin's client hook", 'src/plugins/demo/client.ts', '../../runbook/executor'],
  ])('fail, naming the rule, when %s imports the engine or a Node module', (_what, probe, engine) =>
    withProbe(
      probe,
      `import {execute} from '${engine}';\nimport fs from 'node:fs';\nexport const probe = [execute, fs];\n`,
      (violations) => {
        expect(violations.map((violation) => violation.rule)).toEqual(
          expect.arrayContaining(['browser-imports-no-engine', 'browser-imports-no-node']),
        );
      },
    ),
  );

  it('fail when a runbook reaches past the public module', () =>
    // Under assets/, where the runbook registry (which loads runbooks/*.ts) does not look.
    withProbe(
      'runbooks/assets/layer-probe.ts',
      "import {execute} from '../../src/runbook/executor';\nexport const probe = execute;\n",
      (violations) => {
        expect(violations).toContainEqual(
          expect.objectContaining({rule: 'runbooks-use-the-public-api', from: 'runbooks/assets/layer-probe.ts'}),
        );
      },
    ));

  it('fail when living docs read the engine instead of the contracts', () =>
    withProbe(
      'src/living-docs/layer-probe.ts',
      "import type {Plan} from '../runbook/plan';\nexport type Probe = Plan;\n",
      (violations) => {
        expect(violations).toContainEqual(
          expect.objectContaining({rule: 'living-docs-read-contracts', from: 'src/living-docs/layer-probe.ts'}),
        );
      },
    ));
});
