/**
 * The versions the runbooks pin, read from the files that pin them, so a page can name a version
 * without typing it (the remark plugin src/remark/pinned-versions.ts renders them).
 *
 * Every pin is read from source text, never by importing a runbook: the files are read as they are
 * on disk at build time (and a test can point this at a modified copy). A pin that cannot be found
 * is an error naming the file and what was looked for: a renamed constant must break the build,
 * not leave an empty version on a page.
 *
 * Where each pin lives:
 * - runbooks/assets/bootstrap/kind-localdev.yaml: the kind node image (and so the Kubernetes version);
 * - runbooks/cnoe-showtime.ts: STACKS_REF, the cnoe-io/stacks revision both packages are cloned at;
 * - runbooks/forgejo-install.ts: CHART_VERSION of the Forgejo Helm chart;
 * - runbooks/velero-backup.ts: AWS_PLUGIN_FOR_VELERO, the plugin per Velero minor version;
 * - scripts/ci/install-tools.sh: the CLI versions the verify workflow installs (kind, kubectl,
 *   helm, idpbuilder, velero);
 * - src/runbook/tools.ts: the oldest CLI version each runbook accepts (`<tool>-min`).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export type Pins = Readonly<Record<string, string>>;

const CLI_TOOLS = ['kind', 'kubectl', 'helm', 'idpbuilder', 'velero'] as const;

class PinNotFound extends Error {
  constructor(file: string, what: string) {
    super(`pinned versions: ${what} not found in ${file} (src/living-docs/pins.ts reads it from there)`);
  }
}

function read(root: string, file: string): string {
  const absolute = path.join(root, file);
  if (!fs.existsSync(absolute)) throw new PinNotFound(file, 'the file');
  return fs.readFileSync(absolute, 'utf8');
}

function match(text: string, pattern: RegExp, file: string, what: string): string {
  const found = pattern.exec(text)?.[1];
  if (!found) throw new PinNotFound(file, what);
  return found;
}

/** `export const NAME = '...'` (single or double quotes) in a runbook's source. */
function exportedString(root: string, file: string, name: string): string {
  return match(
    read(root, file),
    new RegExp(`export const ${name}\\s*=\\s*['"]([^'"]+)['"]`),
    file,
    `export const ${name}`,
  );
}

function kindNodeImage(root: string): string {
  const file = 'runbooks/assets/bootstrap/kind-localdev.yaml';
  const config = YAML.parse(read(root, file)) as {nodes?: Array<{image?: string}>};
  const images = new Set(
    (config.nodes ?? []).map((node) => node.image).filter((image): image is string => Boolean(image)),
  );
  if (images.size !== 1) throw new PinNotFound(file, `exactly one node image (found ${images.size})`);
  return [...images][0]!;
}

function installedCliVersions(root: string): Record<string, string> {
  const file = 'scripts/ci/install-tools.sh';
  const text = read(root, file);
  return Object.fromEntries(
    CLI_TOOLS.map((tool) => [
      tool,
      match(text, new RegExp(`^${tool.toUpperCase()}_VERSION=(\\S+)$`, 'm'), file, `${tool.toUpperCase()}_VERSION=`),
    ]),
  );
}

function minimumCliVersions(root: string): Record<string, string> {
  const file = 'src/runbook/tools.ts';
  const text = read(root, file);
  // The first minVersion after `name: '<tool>'` belongs to that tool's entry.
  return Object.fromEntries(
    CLI_TOOLS.map((tool) => [
      `${tool}-min`,
      match(text, new RegExp(`name: '${tool}',[^}]*?minVersion: '([^']+)'`, 's'), file, `minVersion of ${tool}`),
    ]),
  );
}

/** The plugin version the runbook pairs with the Velero the workflow installs. */
function veleroAwsPlugin(root: string, velero: string): string {
  const file = 'runbooks/velero-backup.ts';
  const table = match(
    read(root, file),
    /export const AWS_PLUGIN_FOR_VELERO[^=]*=\s*(\{[^}]*\})/,
    file,
    'export const AWS_PLUGIN_FOR_VELERO',
  );
  const minor = match(velero, /^v?(\d+\.\d+)/, 'scripts/ci/install-tools.sh', 'a Velero minor version');
  return match(
    table,
    new RegExp(`'${minor.replace('.', '\\.')}'\\s*:\\s*'([^']+)'`),
    file,
    `AWS_PLUGIN_FOR_VELERO['${minor}']`,
  );
}

export function readPins(root: string): Pins {
  const image = kindNodeImage(root);
  const cli = installedCliVersions(root);
  const stacksRef = exportedString(root, 'runbooks/cnoe-showtime.ts', 'STACKS_REF');
  return {
    'kind-node-image': image,
    'kubernetes-version': match(
      image,
      /:(v[\d.]+)/,
      'runbooks/assets/bootstrap/kind-localdev.yaml',
      'a version tag in the node image',
    ),
    'stacks-ref': stacksRef,
    // A commit is shown abbreviated as git does; a branch or tag name as it is.
    'stacks-ref-short': /^[0-9a-f]{40}$/.test(stacksRef) ? stacksRef.slice(0, 7) : stacksRef,
    'forgejo-chart-version': exportedString(root, 'runbooks/forgejo-install.ts', 'CHART_VERSION'),
    'velero-aws-plugin': veleroAwsPlugin(root, cli.velero!),
    ...cli,
    ...minimumCliVersions(root),
  };
}
