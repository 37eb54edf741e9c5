import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {docPages, embedsOf} from '../../../src/living-docs/docs-scan';
import {driftGate, findDrift, formatFinding, signature} from '../../../src/living-docs/drift';
import {blockKind, commandsOf, commandsRun, simpleCommands, unwrap} from '../../../src/living-docs/page-commands';
import {loadRunbookViews} from '../../../src/plugins/runbooks';
import type {Plan} from '../../../src/runbook/plan';
import {ROOT, siteCopy} from './support';

let plans: Plan[];
beforeAll(async () => {
  plans = (await loadRunbookViews(ROOT)).plans;
});

const page = (block: string) => `# A page\n\nSome prose.\n\n\`\`\`bash\n${block}\n\`\`\`\n`;

describe('drift gate', () => {
  it('finds no drift in the handbook as it is', () => {
    const gated = driftGate(plans);
    const findings = docPages(ROOT).flatMap((doc) => findDrift(doc.file, doc.text, gated, doc.embeds));
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('catches a hand-edited runbook command and names the page, the line and the step', () => {
    const findings = findDrift(
      'docs/planted.md',
      page('kind get clusters\nkind create cluster --name localdev --config kind.yaml'),
      driftGate(plans),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({file: 'docs/planted.md', line: 7, runbook: 'bootstrap', step: 'create-cluster'});
    expect(formatFinding(findings[0]!)).toContain(
      'docs/planted.md:7: this command imitates step "create-cluster" of runbook bootstrap',
    );
  });

  it("catches the old handbook's heredoc pipeline", () => {
    const findings = findDrift(
      'docs/old.md',
      page('cat << EOF | kind create cluster --name localdev --config=-\nkind: Cluster\nEOF'),
      driftGate(plans),
    );
    expect(findings.map((finding) => finding.step)).toEqual(['create-cluster']);
  });

  it('accepts a command copied exactly, with a prompt, and read-only hints', () => {
    const findings = findDrift(
      'docs/ok.md',
      page('$ kind delete cluster --name localdev\nkubectl get pods -A\n# a comment'),
      driftGate(plans),
    );
    expect(findings).toEqual([]);
  });

  it('checks MDX pages too, and ignores non-shell blocks', () => {
    const mdx = `# Page\n\n<Runbook id="bootstrap" />\n\n\`\`\`yaml\nkind create cluster --name other\n\`\`\`\n\n\`\`\`sh\nkind create cluster --name other\n\`\`\`\n`;
    expect(findDrift('docs/page.mdx', mdx, driftGate(plans)).map((finding) => finding.line)).toEqual([10]);
  });

  it('reads continuation lines and heredocs as one command', () => {
    expect(
      commandsOf('velero install \\\n  --provider aws \\\n  --bucket b\necho done').map((command) => command.text),
    ).toEqual(['velero install --provider aws --bucket b', 'echo done']);
    expect(
      commandsOf("kind create cluster --config - <<'EOF'\nkind: Cluster\nEOF").map((command) => command.text),
    ).toEqual(["kind create cluster --config - <<'EOF'\nkind: Cluster\nEOF"]);
    expect(signature('kubectl --context kind-localdev -n velero get backups')).toBe('kubectl get backups');
  });
});

describe('drift gate scope', () => {
  it('lets readers adapt read commands a runbook also runs', () => {
    const findings = findDrift(
      'docs/reads.md',
      page('idpbuilder get secrets -p argocd -o json\nkubectl get secret -n gitea gitea-credential'),
      driftGate(plans),
    );
    expect(findings).toEqual([]);
  });

  it('sees through velero --kubecontext', () => {
    const findings = findDrift(
      'docs/velero.md',
      page('velero install --provider aws --bucket osc-backup'),
      driftGate(plans),
    );
    expect(findings.map((finding) => `${finding.runbook}/${finding.step}`)).toEqual(['velero-backup/install-velero']);
  });
});

describe('runbook-backed pages', () => {
  it('allow only calls of the runbook in hand-written shell blocks', () => {
    const mdx = `# Page\n\n\`\`\`bash\nnpm run runbook -- velero-backup --plan\nvelero backup get\n\`\`\`\n\n<Runbook id="velero-backup" />\n`;
    const findings = findDrift('docs/velero.mdx', mdx, driftGate(plans), ['velero-backup']);
    expect(findings.map((finding) => [finding.line, finding.shown])).toEqual([[5, 'velero backup get']]);
    expect(formatFinding(findings[0]!)).toContain('this page embeds runbook velero-backup');
  });
});

/** As the build reads a page: its embeds from its own MDX, then the gate. */
const check = (file: string, text: string) => findDrift(file, text, driftGate(plans), embedsOf(file, text));
const RUNBOOK_PAGE = '# Bootstrap\n\n<Runbook id="bootstrap" />\n\n';
const fence = (tag: string, body: string) => `\`\`\`${tag}\n${body}\n\`\`\`\n`;

describe('drift gate bypasses (review D-3 to D-24)', () => {
  // Each hand-written command sits on line 6 of its page.
  it.each<[string, string]>([
    [
      'D-3 a command after a runbook call and &&',
      fence('bash', 'npm run runbook -- bootstrap && kind delete cluster --name localdev'),
    ],
    ['D-4 a ```Bash block', fence('Bash', 'kind delete cluster --name localdev')],
    ['D-6 an untagged block', fence('', 'kind delete cluster --name localdev')],
    ['D-7 a ```text block', fence('text', 'kind delete cluster --name localdev')],
    ['D-8 a ```powershell block', fence('powershell', 'kind delete cluster --name localdev')],
    ['a ```sh block', fence('sh', 'echo hand-written')],
    ['a ```shell block', fence('shell', 'kubectl get pods -A')],
    ['a ```zsh block', fence('zsh', 'kubectl get pods -A')],
    ['a ```console block with a prompt', fence('console', '$ kubectl get pods -A\nNAME   READY')],
    ['a $ prompt in a ```text block', fence('text', '$ echo hand-written')],
    ['a command after cd x;', fence('bash', 'cd elsewhere; npm run runbook -- bootstrap')],
    ['D-10 a <pre> element', '\n<pre>kind delete cluster --name localdev</pre>\n'],
  ])('on a runbook page: %s', (_, block) => {
    const findings = check('docs/runbooks/bootstrap.mdx', `${RUNBOOK_PAGE}${block}`);
    expect(findings.map((finding) => [finding.line, finding.runbook, finding.step])).toEqual([[6, 'bootstrap', '']]);
    expect(formatFinding(findings[0]!)).toMatch(
      /^docs\/runbooks\/bootstrap\.mdx:6: this page embeds runbook bootstrap/,
    );
  });

  it.each<[string, string]>([
    ['D-23 single quotes', "<Runbook id='bootstrap' />"],
    ['D-24 another attribute first', '<Runbook title="Bootstrap" id="bootstrap" />'],
    ['the id on its own line', '<Runbook\n  id="bootstrap"\n/>'],
  ])('knows a runbook page by any form of the component: %s', (_, embed) => {
    const text = `# Bootstrap\n\n${embed}\n\n${fence('bash', 'kubectl get pods -A')}`;
    expect(embedsOf('docs/page.mdx', text)).toEqual(['bootstrap']);
    expect(check('docs/page.mdx', text).map((finding) => finding.runbook)).toEqual(['bootstrap']);
  });

  it('does not take a <Runbook> inside a code block for an embed', () => {
    expect(embedsOf('docs/page.md', `# Howto\n\n${fence('mdx', '<Runbook id="bootstrap" />')}`)).toEqual([]);
  });

  const EDITED = 'kind create cluster --name localdev --config my-kind.yaml';
  it.each<[string, string]>([
    ['D-13 after export ... &&', fence('bash', `export KUBECONFIG=/tmp/k && ${EDITED}`)],
    ['D-14 after cd x;', fence('bash', `cd elsewhere; ${EDITED}`)],
    ['D-17 after command', fence('bash', `command ${EDITED}`)],
    ['D-20 in a ```Bash block', fence('Bash', EDITED)],
    ['in an untagged block', fence('', EDITED)],
    ['in a ```text block', fence('text', EDITED)],
    ['behind a $ prompt in a ```console block', fence('console', `$ ${EDITED}`)],
    ['in a pipeline after ||', fence('sh', `kind get clusters || ${EDITED}`)],
    ['in a <pre> element', `<pre>\n${EDITED}\n</pre>\n`],
    ['in a { ...; } group', fence('bash', `{ ${EDITED}; }`)],
    ['after if ...; then', fence('bash', `if kind get clusters; then ${EDITED}; fi`)],
    ['called by its path', fence('bash', `/usr/local/bin/${EDITED}`)],
    ["inside bash -c '...'", fence('bash', `bash -c 'cd /tmp && ${EDITED}'`)],
    ['inside sh -c "..."', fence('sh', `sh -c "${EDITED.replace('my-kind', '\\"my kind\\"')}"`)],
  ])('on any page, an edited runbook command %s', (_, block) => {
    const findings = check('docs/plain.md', `# Plain\n\nProse.\n\n${block}`);
    expect(findings.map((finding) => [finding.line, finding.runbook, finding.step])).toEqual([
      [6, 'bootstrap', 'create-cluster'],
    ]);
    expect(formatFinding(findings[0]!)).toMatch(
      /^docs\/plain\.md:6: this command imitates step "create-cluster" of runbook bootstrap/,
    );
  });

  it('leaves alone what is not a command: other languages, output, prose and names in inline code', () => {
    const text = `# Plain\n\n${fence('yaml', EDITED)}${fence('text', 'Name: gitea-credential\nkind: Cluster')}See \`${EDITED}\` in the old handbook.\n`;
    expect(check('docs/runbooks/bootstrap.mdx', `${RUNBOOK_PAGE}${text}`)).toEqual([]);
    expect(check('docs/plain.md', text)).toEqual([]);
  });

  it('fails the build on each bypass, naming page and line', async () => {
    const root = siteCopy();
    fs.mkdirSync(path.join(root, 'docs/runbooks'));
    const runbookPage = `# Bootstrap\n\n<Runbook title="Bootstrap" id='bootstrap' />\n\n${fence('text', 'kind delete cluster --name localdev')}\n${fence('bash', 'npm run runbook -- bootstrap && kind delete cluster --name localdev')}`;
    fs.writeFileSync(path.join(root, 'docs/runbooks/bootstrap.mdx'), runbookPage);
    fs.writeFileSync(
      path.join(root, 'docs/plain.md'),
      `# Plain\n\n${fence('', `cd elsewhere; ${EDITED}`)}\n${fence('Bash', `export A=1 && ${EDITED}`)}`,
    );
    const failure = loadRunbookViews(root);
    await expect(failure).rejects.toThrow(/docs\/runbooks\/bootstrap\.mdx:6: this page embeds runbook bootstrap/);
    await expect(failure).rejects.toThrow(/docs\/runbooks\/bootstrap\.mdx:10: this page embeds runbook bootstrap/);
    await expect(failure).rejects.toThrow(/docs\/plain\.md:4: this command imitates step "create-cluster"/);
    await expect(failure).rejects.toThrow(/docs\/plain\.md:8: this command imitates step "create-cluster"/);
  });
});

describe('reading a shown command line', () => {
  it('splits it into simple commands at control operators, not inside quotes or redirections', () => {
    expect(simpleCommands('cd x; export A=1 && kind get clusters || true | tee out & wait')).toEqual([
      'cd x',
      'export A=1',
      'kind get clusters',
      'true',
      'tee out',
      'wait',
    ]);
    expect(simpleCommands(`sh -c 'a && b; c' 2>&1 | grep "x|y" &>/dev/null`)).toEqual([
      `sh -c 'a && b; c' 2>&1`,
      'grep "x|y" &>/dev/null',
    ]);
    expect(simpleCommands('find . -exec rm {} \\; ; curl http://h/#frag # a comment; not a command')).toEqual([
      'find . -exec rm {} \\;',
      'curl http://h/#frag',
    ]);
    expect(simpleCommands("cat <<'EOF' | kind create cluster --config -\nkind: Cluster\nEOF")).toEqual([
      "cat <<'EOF'",
      'kind create cluster --config -\nkind: Cluster\nEOF',
    ]);
  });

  it('reads a command without the wrappers that run it', () => {
    expect(unwrap('sudo -E KUBECONFIG="/tmp/a b" command env X=1 kind create cluster')).toBe('kind create cluster');
    expect(unwrap('kind create cluster')).toBe('kind create cluster');
    expect(unwrap('if ! ./bin/kind get clusters')).toBe('kind get clusters');
    expect(unwrap('{ ~/go/bin/idpbuilder create')).toBe('idpbuilder create');
  });

  it("reads the script of bash -c '...' as the commands it runs, each shown as the line that runs it", () => {
    expect(commandsRun(`echo start && bash -c 'cd x; sudo kind delete cluster' | tee log`)).toEqual([
      {shown: 'echo start', command: 'echo start'},
      {shown: `bash -c 'cd x; sudo kind delete cluster'`, command: 'cd x'},
      {shown: `bash -c 'cd x; sudo kind delete cluster'`, command: 'kind delete cluster'},
      {shown: 'tee log', command: 'tee log'},
    ]);
    expect(commandsRun('zsh -c "kind create cluster --name \\"a b\\""')).toEqual([
      {shown: 'zsh -c "kind create cluster --name \\"a b\\""', command: 'kind create cluster --name "a b"'},
    ]);
  });

  it('reads every block as shell except those in a language that is not one', () => {
    expect(['bash', 'Bash', 'SH', 'zsh', 'console', 'powershell'].map(blockKind)).toEqual([
      'shell',
      'shell',
      'shell',
      'shell',
      'shell',
      'shell',
    ]);
    expect([undefined, '', 'text', 'txt', 'terminal-output'].map(blockKind)).toEqual([
      'plain',
      'plain',
      'plain',
      'plain',
      'plain',
    ]);
    expect(['yaml', 'JSON', 'mermaid', 'ts'].map(blockKind)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
