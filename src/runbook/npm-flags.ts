/**
 * Options that npm kept for itself. `npm run runbook bootstrap --down` (without `--`) never hands
 * `--down` to the script: npm parses every option after the script name as its own config and
 * passes it on only as an environment variable `npm_config_<name>` (npm/cli v10.9.0
 * workspaces/config/lib/set-envs.js exports every command-line config that is not the default,
 * unknown keys included, with `-` turned into `_`). Seen with npm 11.19.1:
 * - `--down` arrives as npm_config_down=true, `--region=eu` as npm_config_region=eu;
 * - `--context x` as npm_config_context=true, and `x` as an argument of the script;
 * - `--plan` as npm_config_parseable, npm_config_long and npm_config_all, all "true": nopt
 *   (npm/nopt lib/nopt-lib.js resolveShort) reads a word made of single-letter shorthands as
 *   those shorthands, and npm defines -p (parseable), -l (long), -a (all) and -n (--no-yes)
 *   (npm/cli v10.9.0 workspaces/config/lib/definitions/index.js and definitions.js).
 * npm's own options (`--yes`, `--json`, `--verbose`) cannot be told apart from an .npmrc or the
 * environment, so they are never read as ours.
 */

/**
 * npm's own options: `--yes` and `--json` are npm configs (definitions.js), `--help` is npm's
 * shorthand for --usage and `--verbose` for --loglevel verbose.
 */
const NPM_OWN = new Set(['yes', 'json', 'help', 'verbose']);

/** The options of ours that npm took, as the script sees them in `env`. */
export function optionsNpmTook(env: NodeJS.ProcessEnv, ours: Map<string, 'string' | 'boolean'>): string[] {
  // Only `npm run` ("run-script" before npm 11) swallows them; `npx` passes them on.
  if (env.npm_command !== 'run' && env.npm_command !== 'run-script') return [];
  const configOf = (name: string) => env[`npm_config_${name.replace(/-/g, '_')}`];
  // A switch counts when on ("--no-down" sets ""); a text option whenever set, even to "".
  const taken = [...ours]
    .filter(
      ([name, type]) =>
        !NPM_OWN.has(name) && (type === 'boolean' ? configOf(name) === 'true' : configOf(name) !== undefined),
    )
    .map(([name]) => name);
  const planAsShorthands = ['parseable', 'long', 'all'].every((name) => configOf(name) === 'true');
  if (planAsShorthands && ours.has('plan') && !taken.includes('plan')) taken.push('plan');
  return taken;
}

/** The value npm kept for a string option, when it kept one (`--region=eu`, not `--region eu`). */
export function npmValueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`npm_config_${name.replace(/-/g, '_')}`];
  return value && value !== 'true' ? value : undefined;
}
