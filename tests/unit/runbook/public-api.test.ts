import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import * as api from '../../../src/runbook';
import {ROOT} from './support';

const runbookFiles = fs.readdirSync(path.join(ROOT, 'runbooks')).filter((name) => name.endsWith('.ts'));

describe('the runbook authors’ API (src/runbook/index.ts)', () => {
  it('exports exactly this surface, so a change to it is a deliberate one', () => {
    expect(Object.keys(api).sort()).toEqual([
      'KIND_CLUSTER',
      'KIND_CONTEXT',
      'StepAssertionError',
      'StepSkipped',
      'clusterReachable',
      'conditionStatus',
      'curl',
      'defineRunbook',
      'docker',
      'dockerEngineReachable',
      'fieldAt',
      'generateSecret',
      'generatedCredential',
      'git',
      'gitWithCredentials',
      'helm',
      'hostPortFree',
      'httpRequest',
      'idpbuilder',
      'kind',
      'kindClusterExists',
      'kubeContextOf',
      'kubectl',
      'onlyWithKind',
      'posixQuote',
      'pushFileChange',
      'readSecret',
      'secretKeyCommand',
      'velero',
      'withPrefix',
    ]);
  });

  it.each(runbookFiles)('runbooks/%s imports the engine only through it, and never the simulator', (file) => {
    const source = fs.readFileSync(path.join(ROOT, 'runbooks', file), 'utf8');
    // [^;] spans lines: most runbooks import the API in a multi-line `import {...} from`.
    const specifiers = [...source.matchAll(/^import [^;]*? from '([^']+)';$/gm)].map((match) => match[1]!);
    expect(specifiers).toContain('../src/runbook');
    expect(specifiers.filter((specifier) => specifier.startsWith('.') && specifier !== '../src/runbook')).toEqual([]);
  });
});
