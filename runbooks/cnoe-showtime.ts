/**
 * CNOE showtime (handbook 1.6): idpbuilder installs the core platform (ingress-nginx, Gitea,
 * ArgoCD) on the localdev cluster, then the stacks package basic/package1 and the CNOE reference
 * implementation, and a change pushed to Gitea is deployed by ArgoCD (the golden path).
 *
 * idpbuilder's exit code says little: it exits 0 before package applications are healthy, and a
 * stuck install never exits. So every create runs under a time limit and every application is
 * awaited by name, with its own budget, reporting its sync and health state when it is stuck.
 *
 * idpbuilder v0.10.1 exits only once every CustomPackage in the cluster carries the start time of
 * the current run (`shouldShutDown` in pkg/controllers/localbuild/controller.go), and a run
 * stamps only the packages it is given. So every create passes every package installed so far.
 */
import {
  clusterReachable,
  defineRunbook,
  docker,
  dockerEngineReachable,
  fieldAt,
  generateSecret,
  git,
  gitWithCredentials,
  hostPortFree,
  idpbuilder,
  kind,
  KIND_CLUSTER,
  KIND_CONTEXT,
  kubectl,
  pushFileChange,
  secretKeyCommand,
  StepAssertionError,
  type Duration,
  type EnvCredential,
  type KubeObject,
  type PreflightCheck,
  type StepContext,
} from '../src/runbook';

/**
 * cnoe-io/stacks is pinned to one commit on main (the tip on 2025-10-24); the application names
 * below belong to this revision. idpbuilder v0.10.1 cannot take a commit in `?ref=`: it clones
 * remote packages at depth 1 and checks out only branch tips and tags (pkg/util/git_repository.go
 * checkoutCommitOrRef, controllers/localbuild/controller.go reconcileCustomPkgUrl), and stacks has
 * no tags. So the runbook clones stacks into its work folder, checks out this commit and passes
 * the package folders to idpbuilder. (The handbook of 2024 used the unpinned tree, with
 * `--package-dir`, removed in idpbuilder v0.7.0, and an app called included-backstage-templates.)
 */
export const STACKS_REF = '4571105512777e7dc4e8aed3ce2811afac9e68e2';
const STACKS = 'https://github.com/cnoe-io/stacks';

export const CORE_APPLICATIONS = ['argocd', 'gitea', 'nginx'];
export const GOLDEN_PATH_APPLICATION = 'my-app';
/** The reference implementation's applications with what each may take on a laptop (images, Helm charts, Postgres). */
export const REF_IMPLEMENTATION_APPLICATIONS: Array<{name: string; timeout: Duration}> = [
  {name: 'argo-workflows', timeout: '10m'},
  {name: 'backstage', timeout: '15m'},
  {name: 'backstage-templates', timeout: '5m'},
  {name: 'external-secrets', timeout: '10m'},
  {name: 'keycloak', timeout: '15m'},
  {name: 'metric-server', timeout: '5m'},
  {name: 'spark-operator', timeout: '10m'},
];
/** Namespaces the packages create (CreateNamespace=true); metric-server deploys into kube-system, which stays. */
const PACKAGE_NAMESPACES = ['my-app', 'argo', 'backstage', 'external-secrets', 'keycloak', 'spark-operator'];

const ARGOCD_NAMESPACE = 'argocd';
const GITEA_URL = 'https://cnoe.localtest.me:8443/gitea';
/** idpbuilder's own e2e tests give `create` 8 minutes; a laptop pulling images gets a little more. */
const CREATE_TIME_LIMIT: Duration = '10m';
const GOLDEN_PATH_FILE = 'golden-path.yaml';
const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh=normal';
const RESOURCES_FINALIZER = {metadata: {finalizers: ['resources-finalizer.argocd.argoproj.io']}};

/** The ConfigMap the golden path pushes; its value is new on every run, so its arrival proves this push was deployed. */
export function goldenPathManifest(value: string): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: golden-path',
    '  labels:',
    '    app.kubernetes.io/managed-by: edf-runbook-cnoe-showtime',
    'data:',
    `  pushed: "${value}"`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// ArgoCD applications

interface ApplicationStatus {
  sync?: {status?: string; revision?: string};
  health?: {status?: string; message?: string};
  operationState?: {phase?: string; message?: string};
  conditions?: Array<{type?: string; message?: string}>;
  resources?: Array<{kind?: string; name?: string; health?: {status?: string; message?: string}}>;
}

/** True when Synced and Healthy; otherwise what ArgoCD says about the application, for the failure message. */
export function applicationState(application: KubeObject): true | string {
  const status = (application.status ?? {}) as ApplicationStatus;
  const sync = status.sync?.status ?? 'Unknown';
  const health = status.health?.status ?? 'Unknown';
  if (sync === 'Synced' && health === 'Healthy') return true;
  const said = [`sync ${sync}, health ${health}`];
  if (status.operationState?.message)
    said.push(`operation ${status.operationState.phase ?? ''}: ${status.operationState.message}`.replace(' :', ':'));
  for (const condition of status.conditions ?? []) said.push(`${condition.type}: ${condition.message}`);
  for (const resource of status.resources ?? []) {
    if (resource.health?.message)
      said.push(`${resource.kind}/${resource.name} ${resource.health.status}: ${resource.health.message}`);
  }
  return said.join('; ');
}

function waitForApplication(
  ctx: StepContext,
  name: string,
  timeout: Duration,
  until: (application: KubeObject) => true | string = applicationState,
): Promise<void> {
  const resource = `applications.argoproj.io/${name}`;
  return ctx.waitFor(
    `application ${name} to be Synced and Healthy`,
    async () => {
      const application = await ctx.kube.get(resource, ARGOCD_NAMESPACE);
      if (application) return until(application);
      const present = (await ctx.kube.list('applications.argoproj.io', ARGOCD_NAMESPACE)).map(
        (item) => item.metadata.name,
      );
      return `not found (applications in ${ARGOCD_NAMESPACE}: ${present.join(', ') || 'none'})`;
    },
    {timeout, interval: '5s', describe: [{resource, namespace: ARGOCD_NAMESPACE}]},
  );
}

/** Present application names; none while ArgoCD (and so its Application CRD) is not installed yet. */
async function applicationNames(ctx: StepContext): Promise<string[]> {
  return (await ctx.kube.listIfKnown('applications.argoproj.io', ARGOCD_NAMESPACE)).map((item) => item.metadata.name);
}

async function applicationsExist(ctx: StepContext, names: string[]): Promise<boolean> {
  const present = new Set(await applicationNames(ctx));
  return names.every((name) => present.has(name));
}

// ---------------------------------------------------------------------------------------------
// Packages

/** The packages in the order the runbook adds them: each create passes all packages up to its own. */
const PACKAGE_FOLDERS = ['basic/package1', 'ref-implementation'] as const;

function stacksDir(ctx: StepContext): string {
  return `${ctx.workDir}/stacks`;
}

/** The folders of the pinned stacks clone, up to and including `last` (none for the core platform). */
export function packagesUpTo(stacks: string, last?: (typeof PACKAGE_FOLDERS)[number]): string[] {
  const count = last ? PACKAGE_FOLDERS.indexOf(last) + 1 : 0;
  return PACKAGE_FOLDERS.slice(0, count).map((folder) => `${stacks}/${folder}`);
}

/** `idpbuilder create` reuses the cluster and adds packages; it never runs without a time limit (no --no-exit). */
async function idpbuilderCreate(ctx: StepContext, last?: (typeof PACKAGE_FOLDERS)[number]): Promise<void> {
  const args = [
    'create',
    '--name',
    KIND_CLUSTER,
    '--use-path-routing',
    ...packagesUpTo(stacksDir(ctx), last).flatMap((folder) => ['--package', folder]),
  ];
  await ctx.$({timeout: CREATE_TIME_LIMIT})`idpbuilder ${args}`;
}

async function stacksCheckedOut(ctx: StepContext): Promise<boolean> {
  const head = await ctx.$`git -C ${stacksDir(ctx)} rev-parse HEAD`.nothrow();
  return head.exitCode === 0 && head.stdout.trim() === STACKS_REF;
}

// ---------------------------------------------------------------------------------------------
// Credentials

/** One entry of `idpbuilder get secrets -o json` (v0.9+): core entries carry username/password/token, others `data`. */
interface IdpSecret {
  IsCore?: boolean;
  name: string;
  namespace: string;
  username?: string;
  password?: string;
  token?: string;
  data?: Record<string, string>;
}

const SECRET_KEY = /pass|secret|token|key/i;

/**
 * idpbuilder reads the current context of ~/.kube/config and ignores $KUBECONFIG and --context,
 * so the runbook makes sure that context is ours before it believes what idpbuilder prints.
 */
async function checkIdpbuilderContext(ctx: StepContext): Promise<void> {
  const output = await ctx.$`kubectl config current-context --kubeconfig "$HOME/.kube/config"`.nothrow();
  const current = output.stdout.trim();
  if (current !== ctx.kubeContext) {
    throw new StepAssertionError(
      `idpbuilder reads the current context of ~/.kube/config, which is "${current || 'not set'}", not ${ctx.kubeContext}: it would read another cluster's secrets.`,
      `kubectl config use-context ${ctx.kubeContext} --kubeconfig ~/.kube/config`,
    );
  }
}

/** The secrets idpbuilder lists, every credential in them registered for redaction before anything is printed. */
async function idpbuilderSecrets(ctx: StepContext, packageName?: string): Promise<IdpSecret[]> {
  await checkIdpbuilderContext(ctx);
  const args = ['get', 'secrets', ...(packageName ? ['-p', packageName] : []), '-o', 'json'];
  const output = await ctx.$({secretOutput: true})`idpbuilder ${args}`;
  const text = output.stdout.trim();
  if (text === 'no secrets found') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The output holds passwords: say what was wrong with it, never what it was.
    throw new StepAssertionError(
      'idpbuilder get secrets -o json did not print JSON (an idpbuilder older than v0.9 prints a table).',
      `Install idpbuilder ${idpbuilder.minVersion} or newer.`,
    );
  }
  if (!Array.isArray(parsed))
    throw new StepAssertionError(
      'idpbuilder get secrets -o json printed JSON that is not a list.',
      `Install idpbuilder ${idpbuilder.minVersion} or newer.`,
    );
  const secrets = parsed as IdpSecret[];
  for (const secret of secrets) {
    // idpbuilder prints the Secret's own keys (pkg/cmd/get/secrets.go): a value's origin is that key.
    const origin = (key: string) => ({command: secretKeyCommand(ctx.kubeContext, secret.namespace, secret.name, key)});
    for (const key of ['password', 'token'] as const) if (secret[key]) ctx.secret(secret[key], origin(key));
    for (const [key, value] of Object.entries(secret.data ?? {}))
      if (SECRET_KEY.test(key)) ctx.secret(value, origin(key));
  }
  return secrets;
}

async function giteaAdmin(ctx: StepContext): Promise<{user: string; password: EnvCredential}> {
  const gitea = (await idpbuilderSecrets(ctx, 'gitea')).find((secret) => secret.name === 'gitea-credential');
  if (!gitea?.username || !gitea.password)
    throw new StepAssertionError(
      'idpbuilder get secrets -p gitea lists no gitea-credential with username and password.',
      'Check the Gitea install: kubectl -n gitea get secret gitea-credential',
    );
  return {user: gitea.username, password: {variable: 'GITEA_PASSWORD', value: gitea.password}};
}

// ---------------------------------------------------------------------------------------------
// Golden path

function cloneDir(ctx: StepContext): string {
  return `${ctx.workDir}/${GOLDEN_PATH_APPLICATION}`;
}

/**
 * Gitea's address for the application's repository. idpbuilder (since v0.6.0; v0.10.1
 * pkg/controllers/localbuild/gitea.go, util.GiteaBaseUrl) writes Gitea's external URL into the
 * Application, with path routing `https://cnoe.localtest.me:8443/gitea/giteaAdmin/<repo>.git`,
 * which the host reaches as it is. Older docs show the in-cluster service; its path is mapped
 * onto the external URL.
 */
export function giteaCloneUrl(application: KubeObject): string {
  const repoURL = String(fieldAt(application, '.spec.source.repoURL') ?? '');
  if (repoURL.startsWith(`${GITEA_URL}/`)) return repoURL;
  if (/^https?:\/\/my-gitea-http\.gitea\.svc[.:/]/.test(repoURL)) return `${GITEA_URL}${new URL(repoURL).pathname}`;
  throw new StepAssertionError(
    `Application ${application.metadata.name} does not deploy from idpbuilder's Gitea (repoURL ${repoURL || 'unset'}).`,
  );
}

// ---------------------------------------------------------------------------------------------
// Preflight

const needsKind: PreflightCheck = {
  id: 'kind-cluster-only',
  title: `idpbuilder manages the kind cluster ${KIND_CLUSTER} itself`,
  async run(ctx) {
    if (ctx.usesKind) return {ok: true};
    return {
      ok: false,
      problem: 'idpbuilder installs into its kind cluster and ignores --context.',
      fix: `Run without --context; bootstrap creates ${KIND_CLUSTER}.`,
    };
  },
};

const RECOMMENDED_CPUS = 4;
const RECOMMENDED_MEMORY_GIB = 6;

const dockerResources: PreflightCheck = {
  id: 'docker-resources',
  title: `Docker has ${RECOMMENDED_CPUS} CPUs and ${RECOMMENDED_MEMORY_GIB} GiB for the reference implementation (a warning only)`,
  skip: (options) => (options.context ? 'using an existing cluster (--context)' : false),
  async run(ctx) {
    const output = await ctx.$`docker info --format ${'{{.NCPU}} {{.MemTotal}}'}`.nothrow();
    const [cpus = 0, bytes = 0] = output.stdout.trim().split(/\s+/).map(Number);
    if (!cpus || !bytes) return {ok: true, detail: 'could not read the CPUs and memory Docker has'};
    const gib = bytes / 1024 ** 3;
    const detail = `Docker has ${cpus} CPUs and ${gib.toFixed(1)} GiB`;
    if (cpus < RECOMMENDED_CPUS || gib < RECOMMENDED_MEMORY_GIB) {
      // Not a failure: core and basic packages fit in less; the reference implementation may time out.
      ctx.note(
        `Warning: ${detail}; the reference implementation wants ${RECOMMENDED_CPUS} CPUs and about ${RECOMMENDED_MEMORY_GIB} GB. Give Docker more (Docker Desktop: Settings > Resources) if applications stay Progressing.`,
      );
    }
    return {ok: true, detail};
  },
};

// ---------------------------------------------------------------------------------------------

export default defineRunbook({
  id: 'cnoe-showtime',
  title: 'CNOE showtime: idpbuilder, the reference implementation and a golden path',
  summary:
    'Installs the CNOE core platform with idpbuilder, adds basic/package1 and the pinned reference implementation, waits for every application, and pushes a change through Gitea that ArgoCD deploys.',
  useCases: ['UC-2', 'UC-5'],
  needs: ['bootstrap'],
  tools: [docker, kind, kubectl, idpbuilder, git],
  preflight: [
    needsKind,
    dockerEngineReachable,
    {...hostPortFree(8443, 'HTTPS to ArgoCD, Gitea, Backstage and Keycloak'), upOnly: true},
    {...hostPortFree(32222, 'Gitea SSH'), upOnly: true},
    {...dockerResources, upOnly: true},
    clusterReachable,
  ],
  steps: [
    {
      id: 'stacks-checkout',
      title: 'Clone cnoe-io/stacks at the pinned commit',
      why: `idpbuilder cannot check out a pinned commit of a remote package (it clones at depth 1 and takes only branch tips and tags), so the runbook clones stacks itself, checks out commit ${STACKS_REF.slice(0, 7)} of main and gives idpbuilder the package folders.`,
      expect: `git prints "HEAD is now at ${STACKS_REF.slice(0, 7)}".`,
      check: stacksCheckedOut,
      async action(ctx) {
        await ctx.files.remove(stacksDir(ctx));
        await ctx.$`git clone ${STACKS} ${stacksDir(ctx)}`;
        await ctx.$`git -C ${stacksDir(ctx)} checkout --detach ${STACKS_REF}`;
      },
    },
    {
      id: 'core-platform',
      title: 'Install the core platform with idpbuilder',
      why: 'idpbuilder reuses the localdev cluster and installs ingress-nginx, Gitea and ArgoCD. It runs under a time limit: a stuck install never exits on its own (idpbuilder #430).',
      note: 'One command installs ArgoCD, Gitea and ingress-nginx. From here on the platform is managed through Git, like any application on it.',
      expect:
        'idpbuilder prints "Finished Creating IDP Successfully!" and ArgoCD is at https://cnoe.localtest.me:8443/argocd.',
      check: (ctx) => applicationsExist(ctx, CORE_APPLICATIONS),
      action: (ctx) => idpbuilderCreate(ctx),
    },
    {
      id: 'core-healthy',
      title: 'Wait until argocd, gitea and nginx are Synced and Healthy',
      why: "idpbuilder's exit code does not say the platform is healthy, so the runbook asks ArgoCD about each core application.",
      expect: 'kubectl get applications -n argocd shows argocd, gitea and nginx Synced and Healthy.',
      async verify(ctx) {
        for (const name of CORE_APPLICATIONS) await waitForApplication(ctx, name, '5m');
      },
    },
    {
      id: 'basic-package',
      title: 'Add basic/package1 (the my-app application)',
      why: 'A second idpbuilder run adds a package to the running platform: idpbuilder pushes its manifests to a new Gitea repository and creates the ArgoCD application my-app and its CustomPackage app-my-app.',
      expect: 'kubectl get applications -n argocd lists my-app.',
      check: (ctx) => applicationsExist(ctx, [GOLDEN_PATH_APPLICATION]),
      action: (ctx) => idpbuilderCreate(ctx, 'basic/package1'),
    },
    {
      id: 'basic-package-healthy',
      title: 'Wait until my-app is Synced and Healthy',
      why: 'idpbuilder exits once the package is pushed to Gitea, before ArgoCD has deployed it.',
      expect:
        'my-app is Synced and Healthy; it deploys the Pod busybox (image alpine:3.18) into the namespace argocd, which its manifest names, and creates the namespace my-app.',
      verify: (ctx) => waitForApplication(ctx, GOLDEN_PATH_APPLICATION, '5m'),
    },
    {
      id: 'ref-implementation',
      title: 'Add the CNOE reference implementation (pinned)',
      why: 'The reference implementation adds Argo Workflows, Backstage, External Secrets, Keycloak, metrics-server and the Spark operator, from the same pinned stacks commit. idpbuilder gets basic/package1 again: it exits only when every package in the cluster was part of this run.',
      expect: `kubectl get applications -n argocd lists ${REF_IMPLEMENTATION_APPLICATIONS.map((app) => app.name).join(', ')}.`,
      check: (ctx) =>
        applicationsExist(
          ctx,
          REF_IMPLEMENTATION_APPLICATIONS.map((app) => app.name),
        ),
      action: (ctx) => idpbuilderCreate(ctx, 'ref-implementation'),
    },
    {
      id: 'ref-implementation-healthy',
      title: 'Wait for each reference implementation application',
      why: 'The reference implementation needs about six minutes and 6 GB for Docker. Each application gets its own time limit, so a stuck one is named with what ArgoCD says about it. The runbook is strict on purpose: Healthy alone would pass an application that stays OutOfSync, which a reader would see in the ArgoCD UI as broken.',
      expect: 'Every application is Synced and Healthy in the ArgoCD UI (https://cnoe.localtest.me:8443/argocd).',
      async verify(ctx) {
        for (const {name, timeout} of REF_IMPLEMENTATION_APPLICATIONS) await waitForApplication(ctx, name, timeout);
      },
    },
    {
      id: 'credentials',
      title: 'Read the platform credentials with idpbuilder get secrets',
      why: 'ArgoCD, Gitea and Keycloak passwords are generated per cluster. The runbook reads them as JSON and masks every value in its output.',
      note: 'Passwords are read from the cluster when needed, never copied from a wiki page; the recording shows them redacted.',
      expect:
        'idpbuilder get secrets lists argocd-initial-admin-secret, gitea-credential and keycloak-config (user1/user2 log in to Backstage with USER_PASSWORD).',
      async verify(ctx) {
        const names = new Set((await idpbuilderSecrets(ctx)).map((secret) => secret.name));
        const missing = ['argocd-initial-admin-secret', 'gitea-credential', 'keycloak-config'].filter(
          (name) => !names.has(name),
        );
        if (missing.length)
          throw new StepAssertionError(
            `idpbuilder get secrets does not list ${missing.join(', ')}.`,
            'keycloak-config comes from the keycloak application; check it in ArgoCD.',
          );
        ctx.note(
          'Credentials: idpbuilder get secrets (ArgoCD user admin, Gitea user giteaAdmin, Backstage users user1 and user2 with USER_PASSWORD).',
        );
      },
    },
    {
      id: 'golden-path-push',
      title: "Push a change to my-app's repository in Gitea",
      why: "The golden path: a developer clones the application's repository from Gitea, commits and pushes. Credentials reach git through the environment, never its arguments.",
      note: "This is the developer's whole job in GitOps: push a commit. Nobody runs kubectl apply.",
      expect: `git push ends with "HEAD -> main"; the repository shows the commit at ${GITEA_URL}.`,
      async action(ctx) {
        const application = await ctx.kube.get(`applications.argoproj.io/${GOLDEN_PATH_APPLICATION}`, ARGOCD_NAMESPACE);
        if (!application)
          throw new StepAssertionError(
            `Application ${GOLDEN_PATH_APPLICATION} does not exist.`,
            'Run the basic-package step again.',
          );
        const url = giteaCloneUrl(application);
        const dir = cloneDir(ctx);
        const gitea = gitWithCredentials(ctx, {...(await giteaAdmin(ctx)), insecure: true});
        await pushFileChange(ctx, gitea, {
          url,
          dir,
          file: GOLDEN_PATH_FILE,
          content: goldenPathManifest(generateSecret(16)),
          message: 'Golden path check from the cnoe-showtime runbook',
        });
      },
    },
    {
      id: 'golden-path-deployed',
      title: 'Wait until ArgoCD deploys the pushed commit',
      why: 'Synced alone could mean the old commit. The runbook asks ArgoCD to refresh, then compares the revision it synced with the commit just pushed, and reads the pushed value back from the cluster.',
      note: 'ArgoCD notices the commit and makes the cluster match it; the runbook waits for exactly the pushed commit, not just any healthy state.',
      expect: `my-app is Synced at the pushed commit, and the ConfigMap golden-path in the namespace my-app holds the pushed value.`,
      async verify(ctx) {
        const dir = cloneDir(ctx);
        const pushed = (await ctx.$`git -C ${dir} rev-parse HEAD`).stdout.trim();
        const expected = /pushed: "([^"]+)"/.exec(await ctx.files.read(`${dir}/${GOLDEN_PATH_FILE}`))?.[1];
        // ArgoCD polls Git every three minutes; a refresh makes it look now.
        await ctx.kubectl`annotate applications.argoproj.io ${GOLDEN_PATH_APPLICATION} -n ${ARGOCD_NAMESPACE} ${REFRESH_ANNOTATION} --overwrite`;
        await waitForApplication(ctx, GOLDEN_PATH_APPLICATION, '5m', (application) => {
          const revision = String(fieldAt(application, '.status.sync.revision') ?? 'none');
          if (revision !== pushed) return `synced revision ${revision.slice(0, 12)}, pushed ${pushed.slice(0, 12)}`;
          return applicationState(application);
        });
        const deployed = await ctx.kube.get('configmap/golden-path', GOLDEN_PATH_APPLICATION);
        const value = fieldAt(deployed, '.data.pushed');
        if (value !== expected)
          throw new StepAssertionError(
            `ConfigMap golden-path in ${GOLDEN_PATH_APPLICATION} holds ${value === undefined ? 'nothing' : `"${String(value)}"`}, not the pushed value "${expected}".`,
          );
        ctx.note(`ArgoCD deployed commit ${pushed.slice(0, 12)} of ${GOLDEN_PATH_APPLICATION}.`);
      },
    },
  ],
  down: [
    {
      id: 'remove-packages',
      title: 'Remove the package applications and what they deployed',
      why: 'Deleting an application with the resources finalizer makes ArgoCD delete what it deployed. The core platform stays: it goes with the cluster (npm run runbook -- bootstrap --down).',
      expect: `kubectl get applications -n argocd lists only ${CORE_APPLICATIONS.join(', ')}.`,
      async check(ctx) {
        const present = await applicationNames(ctx);
        return (
          !present.some((name) => packageApplications().includes(name)) &&
          (await packageCustomPackages(ctx)).length === 0
        );
      },
      async action(ctx) {
        const present = new Set(await applicationNames(ctx));
        for (const name of packageApplications().filter((candidate) => present.has(candidate))) {
          await ctx.kubectl`patch applications.argoproj.io ${name} -n ${ARGOCD_NAMESPACE} --type merge -p ${JSON.stringify(RESOURCES_FINALIZER)}`;
          await ctx.kubectl`delete applications.argoproj.io ${name} -n ${ARGOCD_NAMESPACE} --ignore-not-found`;
        }
        // Otherwise the next idpbuilder run would create the applications again, and would never exit (shouldShutDown).
        for (const item of await packageCustomPackages(ctx)) {
          await ctx.kubectl`delete custompackages.idpbuilder.cnoe.io ${item.metadata.name} -n ${IDPBUILDER_NAMESPACE} --ignore-not-found`;
        }
      },
      verify: (ctx) =>
        ctx.kube.waitForList({
          what: 'the package applications to be gone',
          resource: 'applications.argoproj.io',
          namespace: ARGOCD_NAMESPACE,
          timeout: '5m',
          until: (items) => {
            const left = items.map((item) => item.metadata.name).filter((name) => packageApplications().includes(name));
            return left.length === 0 || `still there: ${left.join(', ')}`;
          },
        }),
    },
    {
      id: 'remove-package-namespaces',
      title: 'Delete the namespaces the packages created',
      why: 'ArgoCD created them with CreateNamespace=true and leaves them behind.',
      expect: `kubectl get namespaces no longer lists ${PACKAGE_NAMESPACES.join(', ')}.`,
      async check(ctx) {
        const present = (await ctx.kube.list('namespaces')).map((item) => item.metadata.name);
        return !PACKAGE_NAMESPACES.some((name) => present.includes(name));
      },
      async action(ctx) {
        for (const namespace of PACKAGE_NAMESPACES) await ctx.kubectl`delete namespace ${namespace} --ignore-not-found`;
      },
    },
  ],
  next: () => [
    'ArgoCD: https://cnoe.localtest.me:8443/argocd (user admin), Gitea: https://cnoe.localtest.me:8443/gitea (user giteaAdmin), Backstage: https://cnoe.localtest.me:8443/ (user1 or user2)',
    'Passwords: idpbuilder get secrets',
    `Remove the packages again with npm run runbook -- cnoe-showtime --down (the cluster: bootstrap --down; context ${KIND_CONTEXT})`,
  ],
});

function packageApplications(): string[] {
  return [GOLDEN_PATH_APPLICATION, ...REF_IMPLEMENTATION_APPLICATIONS.map((app) => app.name)];
}

/** Where idpbuilder keeps the CustomPackages of the localdev build (globals.GetProjectNamespace). */
const IDPBUILDER_NAMESPACE = `idpbuilder-${KIND_CLUSTER}`;

/**
 * The CustomPackages of our package applications, found by the application they create
 * (`spec.argoCD.name`): idpbuilder names them `<yaml file basename>-<app>` (getCustomPackageName),
 * e.g. app-my-app and keycloak-keycloak, so the names are read, not guessed.
 */
async function packageCustomPackages(ctx: StepContext): Promise<KubeObject[]> {
  const items = await ctx.kube.listIfKnown('custompackages.idpbuilder.cnoe.io', IDPBUILDER_NAMESPACE);
  return items.filter((item) => packageApplications().includes(String(fieldAt(item, '.spec.argoCD.name'))));
}
