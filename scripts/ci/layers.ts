/**
 * The layer rules of .dependency-cruiser.cjs, run through dependency-cruiser's API. Its warning
 * about TypeScript 7 (it cannot load the native compiler yet, so it parses with swc and cannot
 * tell type-only imports apart) is left out: the rules are written so that does not matter.
 */
import path from 'node:path';

export interface LayerViolation {
  rule: string;
  from: string;
  to: string;
}

const ROOTS = ['src', 'runbooks', 'scripts'];

export async function layerViolations(root: string, files: string[] = ROOTS): Promise<LayerViolation[]> {
  // eslint-style config module: plain CommonJS, read as it is.
  const config = (await import(path.join(root, '.dependency-cruiser.cjs'))) as {
    default: {forbidden: unknown[]; options: Record<string, unknown>};
  };
  const previous = process.cwd();
  process.chdir(root);
  try {
    // dependency-cruiser is ESM only: a dynamic import loads it from this CommonJS package.
    const {cruise} = await import('dependency-cruiser');
    const result = await cruise(files, {
      ...config.default.options,
      ruleSet: {forbidden: config.default.forbidden},
      validate: true,
    } as never);
    const output = result.output as {
      summary: {violations: Array<{rule: {name: string}; from: string; to: string; cycle?: Array<{name: string}>}>};
    };
    return output.summary.violations.map((violation) => ({
      rule: violation.rule.name,
      from: violation.from,
      to: violation.cycle ? violation.cycle.map((step) => step.name).join(' -> ') : violation.to,
    }));
  } finally {
    process.chdir(previous);
  }
}
