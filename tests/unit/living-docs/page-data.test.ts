import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbookViews} from '../../../src/plugins/runbooks';
import {siteCopy} from './support';

const actionOf = async (root: string) => {
  const {views} = await loadRunbookViews(root);
  const step = views
    .find((view) => view.id === 'bootstrap')!
    .steps.find((candidate) => candidate.id === 'create-cluster')!;
  return step.commands.find((command) => command.phase === 'action')!.display.split('\n')[0];
};

describe('runbook page data', () => {
  it('follows an edit of the runbook on the next build, with no page edit', async () => {
    const root = siteCopy();
    expect(await actionOf(root)).toBe("kind create cluster --name localdev --config - <<'EOF'");
    const file = path.join(root, 'runbooks/bootstrap.ts');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(
          'kind create cluster --name ${KIND_CLUSTER} --config -',
          'kind create cluster --name ${KIND_CLUSTER} --retain --config -',
        ),
    );
    expect(await actionOf(root)).toBe("kind create cluster --name localdev --retain --config - <<'EOF'");
  });

  it('fails the build when a page copies a command and it drifts', async () => {
    const root = siteCopy();
    fs.writeFileSync(
      path.join(root, 'docs/copied.md'),
      '# Copied\n\n```bash\nkind create cluster --name localdev --config kind.yaml\n```\n',
    );
    await expect(loadRunbookViews(root)).rejects.toThrow(
      /docs\/copied\.md:4: this command imitates step "create-cluster" of runbook bootstrap/,
    );
  });
});
