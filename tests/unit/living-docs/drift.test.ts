import {beforeAll, describe, expect, it} from 'vitest';
import {docPages} from '../../../src/living-docs/docs-scan';
import {commandsOf, findDrift, formatFinding, gatedCommands, signature} from '../../../src/living-docs/drift';
import {loadRunbookViews} from '../../../src/plugins/runbooks';
import type {Plan} from '../../../src/runbook/plan';
import {ROOT} from './support';

let plans: Plan[];
beforeAll(async () => {
  plans = (await loadRunbookViews(ROOT)).plans;
});

const page = (block: string) => `# A page\n\nSome prose.\n\n\`\`\`bash\n${block}\n\`\`\`\n`;

describe('drift gate', () => {
  it('finds no drift in the handbook as it is', () => {
    const gated = gatedCommands(plans);
    const findings = docPages(ROOT).flatMap((doc) => findDrift(doc.file, doc.text, gated, doc.embeds));
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('catches a hand-edited runbook command and names the page, the line and the step', () => {
    const findings = findDrift('docs/planted.md', page('kind get clusters\nkind create cluster --name localdev --config kind.yaml'), gatedCommands(plans));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({file: 'docs/planted.md', line: 7, runbook: 'bootstrap', step: 'create-cluster'});
    expect(formatFinding(findings[0]!)).toContain('docs/planted.md:7: this command imitates step "create-cluster" of runbook bootstrap');
  });

  it("catches the old handbook's heredoc pipeline", () => {
    const findings = findDrift('docs/old.md', page('cat << EOF | kind create cluster --name localdev --config=-\nkind: Cluster\nEOF'), gatedCommands(plans));
    expect(findings.map((finding) => finding.step)).toEqual(['create-cluster']);
  });

  it('accepts a command copied exactly, with a prompt, and read-only hints', () => {
    const findings = findDrift('docs/ok.md', page('$ kind delete cluster --name localdev\nkubectl get pods -A\n# a comment'), gatedCommands(plans));
    expect(findings).toEqual([]);
  });

  it('checks MDX pages too, and ignores non-shell blocks', () => {
    const mdx = `# Page\n\n<Runbook id="bootstrap" />\n\n\`\`\`yaml\nkind create cluster --name other\n\`\`\`\n\n\`\`\`sh\nkind create cluster --name other\n\`\`\`\n`;
    expect(findDrift('docs/page.mdx', mdx, gatedCommands(plans)).map((finding) => finding.line)).toEqual([10]);
  });

  it('reads continuation lines and heredocs as one command', () => {
    expect(commandsOf('velero install \\\n  --provider aws \\\n  --bucket b\necho done').map((command) => command.text)).toEqual(['velero install --provider aws --bucket b', 'echo done']);
    expect(commandsOf("kind create cluster --config - <<'EOF'\nkind: Cluster\nEOF").map((command) => command.text)).toEqual(["kind create cluster --config - <<'EOF'\nkind: Cluster\nEOF"]);
    expect(signature('kubectl --context kind-localdev -n velero get backups')).toBe('kubectl get backups');
  });
});

describe('drift gate scope', () => {
  it('lets readers adapt read commands a runbook also runs', () => {
    const findings = findDrift('docs/reads.md', page('idpbuilder get secrets -p argocd -o json\nkubectl get secret -n gitea gitea-credential'), gatedCommands(plans));
    expect(findings).toEqual([]);
  });

  it('sees through velero --kubecontext', () => {
    const findings = findDrift('docs/velero.md', page('velero install --provider aws --bucket osc-backup'), gatedCommands(plans));
    expect(findings.map((finding) => `${finding.runbook}/${finding.step}`)).toEqual(['velero-backup/install-velero']);
  });
});

describe('runbook-backed pages', () => {
  it('allow only calls of the runbook in hand-written shell blocks', () => {
    const mdx = `# Page\n\n\`\`\`bash\nnpm run runbook -- velero-backup --plan\nvelero backup get\n\`\`\`\n\n<Runbook id="velero-backup" />\n`;
    const findings = findDrift('docs/velero.mdx', mdx, gatedCommands(plans), ['velero-backup']);
    expect(findings.map((finding) => [finding.line, finding.shown])).toEqual([[5, 'velero backup get']]);
    expect(formatFinding(findings[0]!)).toContain('this page embeds runbook velero-backup');
  });
});
