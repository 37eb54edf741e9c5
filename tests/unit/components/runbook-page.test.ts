/**
 * The pure parts of a runbook page (src/components/Runbook/): what a command does, which lines
 * group, how a generated secret is shown, where prose holds commands and links, and the TOC.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {commandEffect} from '../../../src/components/Runbook/effect';
import {splitProse} from '../../../src/components/Runbook/prose';
import {exportLine, GENERATE, pasteable, variablesToSet} from '../../../src/components/Runbook/secrets';
import {groupSimilar} from '../../../src/components/Runbook/similar';
import {runbookToc} from '../../../src/components/Runbook/toc';
import type {RunbookView} from '../../../src/contract/page-data';

const effect = (phase: 'check' | 'action' | 'verify', command: string, input?: string) =>
  commandEffect({phase, command, input});

describe('what a command does', () => {
  it('a read-only kubectl get in an action reads; in a verify it verifies', () => {
    expect(
      effect('action', 'kubectl --context kind-localdev get applications.argoproj.io/my-app -n argocd -o json'),
    ).toBe('reads');
    expect(effect('verify', 'kubectl --context kind-localdev get nodes -o json')).toBe('verifies');
    expect(effect('check', 'git -C .cache/stacks rev-parse HEAD')).toBe('reads');
    expect(effect('action', 'kubectl config current-context --kubeconfig "$HOME/.kube/config"')).toBe('reads');
    expect(
      effect('action', "kubectl -n forgejo get secret forgejo-admin -o jsonpath='{.data.password}' | base64 -d"),
    ).toBe('reads');
  });

  it('anything that writes, sends data or is unknown changes, whatever its phase', () => {
    expect(
      effect(
        'verify',
        'kubectl --context kind-localdev annotate applications.argoproj.io my-app argocd.argoproj.io/refresh=normal --overwrite',
      ),
    ).toBe('changes');
    expect(effect('action', 'kubectl --context kind-localdev apply -f -', 'kind: Namespace\n')).toBe('changes');
    expect(
      effect('verify', 'curl -sS -X DELETE http://127.0.0.1:13000/api/v1/users/forgeadmin/tokens/edf-runbook'),
    ).toBe('changes');
    expect(effect('verify', "curl -sS -w '\\n%{http_code}' -X GET http://127.0.0.1:13000/api/v1/version")).toBe(
      'verifies',
    );
    expect(effect('action', 'idpbuilder create --name localdev --use-path-routing')).toBe('changes');
    expect(effect('action', 'some-tool get things')).toBe('changes');
    expect(effect('check', 'kubectl get pods >pods.txt')).toBe('changes');
  });

  it('kubectl exec reads when the command it runs in the container reads', () => {
    expect(effect('verify', 'kubectl exec -n backup-drill pod/drill-volume -- cat /data/drill-value')).toBe('verifies');
    expect(effect('action', "kubectl exec -n backup-drill pod/drill-volume -- sh -c 'cat > /data/drill-value'")).toBe(
      'changes',
    );
  });
});

describe('grouping lines that differ in one word', () => {
  const waits = [
    'application argo-workflows to be Synced and Healthy',
    'application argocd to be Synced and Healthy',
    'application gitea to be Synced and Healthy',
    'the node agent to be Ready',
  ];

  it('groups consecutive lines by the varying word and leaves the rest alone', () => {
    const groups = groupSimilar(waits, (line) => line);
    expect(groups.map((group) => [group.prefix, group.items.map(({word}) => word), group.suffix])).toEqual([
      ['application ', ['argo-workflows', 'argocd', 'gitea'], ' to be Synced and Healthy'],
      ['the node agent to be Ready', [''], ''],
    ]);
  });

  it('groups commands whose resource names differ inside a word with a slash', () => {
    const commands = ['backstage', 'keycloak'].map(
      (name) => `kubectl get applications.argoproj.io/${name} -n argocd -o json`,
    );
    const [group] = groupSimilar(commands, (line) => line);
    expect(group!.prefix).toBe('kubectl get applications.argoproj.io/');
    expect(group!.items.map(({word}) => word)).toEqual(['backstage', 'keycloak']);
  });

  it('does not group lines that differ in more than one word', () => {
    expect(groupSimilar(['kubectl get pods -n a', 'kubectl delete pods -n b'], (line) => line)).toHaveLength(2);
  });
});

describe('generated secrets on a page', () => {
  const manifest = {
    command: 'kubectl --context kind-localdev apply -f -',
    input:
      'kind: Secret\nmetadata:\n  name: minio-credentials\n  annotations:\n    note: "costs $5, `never` \\\\ twice"\nstringData:\n  rootUser: [REDACTED]\n  rootPassword: [REDACTED]\n',
  };
  it('shows a command that generates the value, never the placeholder', () => {
    const shown = pasteable(manifest);
    expect(shown.generated).toBe(2);
    expect(shown.text).not.toContain('[REDACTED]');
    expect(shown.text).toContain(`rootUser: "${GENERATE}"`);
    expect(shown.text.split('\n').at(-1)).toBe('EOF');
  });

  it('pastes into bash: the heredoc closes, the value is generated and the rest stays literal', () => {
    const {text} = pasteable(manifest);
    expect(spawnSync('bash', ['-n'], {input: text}).status).toBe(0);
    // Run the heredoc through cat instead of kubectl: what kubectl would have read.
    const applied = spawnSync('bash', [], {input: text.replace(manifest.command, 'cat'), encoding: 'utf8'}).stdout;
    expect(applied).toMatch(/rootUser: "[0-9a-f]{32}"/);
    expect(applied).toContain('note: "costs $5, `never` \\\\ twice"');
  });

  it('leaves commands without a generated value exactly as the plan shows them', () => {
    const plain = {
      command: 'kind create cluster --config -',
      input: 'kind: Cluster\n',
      display: "kind create cluster --config - <<'EOF'\nkind: Cluster\nEOF",
    };
    expect(pasteable(plain)).toEqual({text: plain.display, generated: 0});
  });
});

describe('secrets read from variables', () => {
  const password = {
    variable: 'FORGEJO_PASSWORD',
    from: "kubectl get secret forgejo-admin -o 'jsonpath={.data.password}' | base64 -d",
  };

  it('sets each variable once, before the first command that reads it, and again only when set another way', () => {
    const commands = [
      {command: 'kubectl get pods'},
      {command: 'curl -u "a:$FORGEJO_PASSWORD" x', env: [password]},
      {command: 'curl -u "a:$FORGEJO_PASSWORD" y', env: [password]},
      {command: 'curl -u "a:$FORGEJO_PASSWORD" z', env: [{...password, from: 'cat other-file'}]},
    ];
    const toSet = variablesToSet(commands);
    expect(commands.map((command) => toSet.get(command)!.map(exportLine))).toEqual([
      [],
      [`export FORGEJO_PASSWORD="$(${password.from})"`],
      [],
      ['export FORGEJO_PASSWORD="$(cat other-file)"'],
    ]);
  });

  it('a command that keeps a field of its answer stores it in the variable and prints nothing', () => {
    // cat stands in for curl: the answer, then the status code on its own line (curl -w).
    const keeping = {
      command: 'cat',
      input: '{"id":7,"name":"edf-runbook","sha1":"4f2a9c","scopes":["write:user"]}\n201\n',
      keeps: {variable: 'FORGEJO_TOKEN', field: 'sha1'},
    };
    const {text} = pasteable(keeping);
    expect(text.split('\n')[0]).toMatch(/^export FORGEJO_TOKEN="\$\(cat <<'EOF' \| sed -n /);
    const ran = spawnSync('bash', ['-u'], {input: `${text}\nprintf '[%s]' "$FORGEJO_TOKEN"`, encoding: 'utf8'});
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('[4f2a9c]');
  });
});

describe('prose with commands and links', () => {
  it('finds commands after a colon, in parentheses and after "with", and URLs in the prose', () => {
    const parts = (text: string) =>
      splitProse(text)
        .filter((part) => part.kind !== 'text')
        .map((part) => `${part.kind}:${part.value}`);
    expect(parts('The localdev cluster is ready: kubectl --context kind-localdev get pods -A')).toEqual([
      'command:kubectl --context kind-localdev get pods -A',
    ]);
    expect(parts('Install git from your distribution (apt-get install git).')).toEqual(['command:apt-get install git']);
    expect(parts('Remove it with npm run runbook -- cnoe-showtime --down (the cluster: bootstrap --down)')).toEqual([
      'command:npm run runbook -- cnoe-showtime --down',
    ]);
    expect(parts('Backups: velero backup get; schedule: velero schedule get (devfw-bootstrap, UTC)')).toEqual([
      'command:velero backup get',
      'command:velero schedule get',
    ]);
    expect(parts('Install Docker Engine: https://docs.docker.com/engine/install/.')).toEqual([
      'url:https://docs.docker.com/engine/install/',
    ]);
    expect(parts("Password: kubectl get secret a -o jsonpath='{.data.password}, x' | base64 -d")).toEqual([
      "command:kubectl get secret a -o jsonpath='{.data.password}, x' | base64 -d",
    ]);
  });

  it('keeps every character of the line', () => {
    const line =
      'Forgejo: kubectl -n forgejo port-forward svc/forgejo-http 13000:3000, then http://127.0.0.1:13000 (user forgeadmin)';
    expect(
      splitProse(line)
        .map((part) => part.value)
        .join(''),
    ).toBe(line);
  });
});

describe('the table of contents of a runbook', () => {
  const step = (id: string, title: string) => ({id, title}) as RunbookView['steps'][number];
  const view = {
    id: 'demo',
    steps: [step('one', 'Create <it>')],
    down: [step('one', 'Delete it')],
    next: ['done'],
    hasTranscript: false,
  } as unknown as RunbookView;

  it('lists the sections and steps with the ids the component renders, tear-down steps apart from up steps', () => {
    expect(runbookToc(view)).toEqual([
      {value: 'Before you start', id: 'demo-before-you-start', level: 2},
      {value: 'Run it', id: 'demo-run-it', level: 2},
      {value: 'Steps', id: 'demo-steps', level: 2},
      {value: 'Create &lt;it&gt;', id: 'demo-one', level: 3},
      {value: 'When it is done', id: 'demo-next', level: 3},
      {value: 'Tear down', id: 'demo-tear-down', level: 2},
      {value: 'Delete it', id: 'demo-down-one', level: 3},
    ]);
  });
});
