/**
 * The layers of this repository, checked in `npm test` (`npm run lint:layers`):
 *   runbooks/ -> src/runbook (the engine, its public module) <- src/runbook/sim (the simulated toolchain)
 *   composition roots (src/cli, scripts/, the site plugins) bring engine and sim together;
 *   browser code (components, theme, pages) gets plain data and imports neither;
 *   living docs and the remark embed read plans, evidence and page data from src/contract/ only.
 * Type-only imports are allowed where a rule says so: they vanish at build time.
 */
const ENGINE = '^src/runbook/(?!sim/)';
const SIM = '^src/runbook/sim/';
// A plugin's client code: its components and theme, its client hook and what that hook reads
// (the plugin's name and data shape), all bundled for the browser.
const PLUGIN_CLIENT = ['^src/plugins/[^/]+/(components|theme)/', '^src/plugins/[^/]+/(client|constants|data)\\.tsx?$'];
const BROWSER = ['^src/components/', '^src/theme/', '^src/pages/', ...PLUGIN_CLIENT];
const SITE = ['^src/plugins/', '^src/living-docs/', '^src/remark/', '^src/traceability/', ...BROWSER];

module.exports = {
  forbidden: [
    {
      name: 'engine-imports-no-sim',
      severity: 'error',
      comment:
        'The engine runs any toolchain; whoever composes it (src/cli, a plugin, a test) passes the simulated one.',
      from: {path: ENGINE},
      to: {path: SIM, dependencyTypesNot: ['type-only']},
    },
    {
      name: 'engine-imports-no-runbooks-or-site',
      severity: 'error',
      comment: 'Runbooks and the site use the engine, never the other way round.',
      from: {path: ENGINE},
      to: {path: ['^runbooks/', ...SITE, '^src/cli/', '^scripts/']},
    },
    {
      name: 'runbooks-import-no-sim',
      severity: 'error',
      comment: 'A runbook is the real thing; only tests and plans run it against the simulator.',
      from: {path: '^runbooks/'},
      to: {path: SIM},
    },
    {
      name: 'runbooks-use-the-public-api',
      severity: 'error',
      comment: 'Runbooks import the engine through src/runbook/index.ts only.',
      from: {path: '^runbooks/'},
      to: {path: ENGINE, pathNot: '^src/runbook/index\\.ts$'},
    },
    {
      name: 'browser-imports-no-engine',
      severity: 'error',
      comment: 'Browser code gets plain data; the engine would pull zx and the sim into the bundle.',
      from: {path: BROWSER},
      to: {path: ['^src/runbook/', '^runbooks/'], dependencyTypesNot: ['type-only']},
    },
    {
      name: 'living-docs-read-contracts',
      severity: 'error',
      comment:
        'Living docs join plans and evidence through src/contract/; the plugins that compose them hand the plans over.',
      from: {path: ['^src/living-docs/', '^src/remark/']},
      to: {path: ['^src/runbook/', '^runbooks/']},
    },
    {
      name: 'browser-imports-no-node',
      severity: 'error',
      comment: 'Browser code cannot use Node built-ins.',
      from: {path: BROWSER},
      to: {dependencyTypes: ['core']},
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood apart.',
      from: {},
      to: {circular: true, dependencyTypesNot: ['type-only']},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    exclude: {path: ['^node_modules/', '^\\.docusaurus/', '^build/', '^\\.cache/', '^src/generated/']},
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json']},
  },
};
