/**
 * The Forgejo Helm chart (code.forgejo.org/forgejo-helm/forgejo, v15: Forgejo 13, SQLite by
 * default) rendered as far as the runbooks depend on it: a Deployment `<release>` whose
 * configure-gitea init container takes the admin user from `gitea.admin.existingSecret` (keys
 * username and password), the HTTP Service `<release>-http`, the shared-storage claim (kept on
 * uninstall), the app.ini sections from `gitea.config`, and the chart's deprecation checks.
 *
 * Modelled on the chart at commit 3c7e404 (chart 15.0.3, appVersion 13.0.3; GitHub mirror
 * project-mirrors/forgejo-helm): values.yaml, templates/gitea/{deployment,init,http-svc,pvc,
 * deprecation}.yaml, templates/_helpers.tpl.
 */
import type {KubeObject} from '../../kube';
import {secretObject} from '../cluster';

export const FORGEJO_CHART = 'oci://code.forgejo.org/forgejo-helm/forgejo';
/** Chart versions the simulated registry serves, with the Forgejo version each installs. */
export const FORGEJO_CHART_VERSIONS: Record<string, string> = {'15.0.3': '13.0.3'};

/** An entry of gitea.oauth; each key becomes a `gitea admin auth add-oauth --<kebab-key>` flag. */
export interface OAuthSource {
  name: string;
  provider?: string;
  existingSecret?: string;
  autoDiscoverUrl?: string;
}

export interface ForgejoValues {
  gitea?: {
    admin?: {existingSecret?: string; username?: string; password?: string; email?: string; passwordMode?: string};
    config?: Record<string, unknown>;
    oauth?: OAuthSource[] | Record<string, unknown>;
    ldap?: unknown;
  };
  service?: {http?: {port?: number}};
  persistence?: {enabled?: boolean; create?: boolean; claimName?: string; size?: string};
  strategy?: {type?: string};
}

/** The chart's templates/gitea/deprecation.yaml, as `fail` messages (its lines 15 and 20 at 3c7e404). */
export function deprecationFailure(values: ForgejoValues): string | undefined {
  const isMap = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isMap(values.gitea?.ldap))
    return 'You can configure multiple LDAP sources. Please refer to the changelog and switch `gitea.ldap` from object to array notation.';
  if (isMap(values.gitea?.oauth))
    return 'You can configure multiple OAuth sources. Please refer to the changelog and switch `gitea.oauth` from object to array notation.';
  return undefined;
}

const RESOURCE_POLICY = 'helm.sh/resource-policy';

export function renderForgejo(
  release: string,
  namespace: string,
  appVersion: string,
  values: ForgejoValues,
): KubeObject[] {
  const labels = {
    'app.kubernetes.io/name': 'forgejo',
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/managed-by': 'Helm',
  };
  // templates/gitea/deployment.yaml (configure-gitea, lines 169-242): the admin from existingSecret's
  // keys username/password, else from gitea.admin.username (default gitea_admin) and password.
  const admin = values.gitea?.admin ?? {};
  const adminEnv = admin.existingSecret
    ? [
        {name: 'GITEA_ADMIN_USERNAME', valueFrom: {secretKeyRef: {name: admin.existingSecret, key: 'username'}}},
        {name: 'GITEA_ADMIN_PASSWORD', valueFrom: {secretKeyRef: {name: admin.existingSecret, key: 'password'}}},
      ]
    : [
        {name: 'GITEA_ADMIN_USERNAME', value: admin.username ?? 'gitea_admin'},
        {name: 'GITEA_ADMIN_PASSWORD', value: admin.password ?? ''},
      ];
  const oauth = Array.isArray(values.gitea?.oauth) ? values.gitea.oauth : [];
  // The chart hands each source's key and secret to the init container from its existingSecret.
  const oauthEnv = oauth.flatMap((source, index) =>
    source.existingSecret
      ? [
          {name: `GITEA_OAUTH_KEY_${index}`, valueFrom: {secretKeyRef: {name: source.existingSecret, key: 'key'}}},
          {
            name: `GITEA_OAUTH_SECRET_${index}`,
            valueFrom: {secretKeyRef: {name: source.existingSecret, key: 'secret'}},
          },
        ]
      : [],
  );
  // templates/gitea/init.yaml configure_gitea.sh: `gitea admin auth add-oauth` with the flags of
  // _helpers.tpl gitea.oauth_settings (each key in kebab case).
  const configureScript = oauth
    .map(
      (source, index) =>
        `gitea admin auth add-oauth --name '${source.name}' --provider '${source.provider ?? ''}' --key "\${GITEA_OAUTH_KEY_${index}}" --secret "\${GITEA_OAUTH_SECRET_${index}}" --auto-discover-url '${source.autoDiscoverUrl ?? ''}'`,
    )
    .join('\n');
  // values.yaml defaults: service.http.port 3000 (type ClusterIP, no clusterIP set), strategy
  // RollingUpdate, persistence claim gitea-shared-storage of 10Gi annotated helm.sh/resource-policy: keep.
  const port = values.service?.http?.port ?? 3000;
  const persistence = values.persistence ?? {};
  const claim = persistence.claimName ?? 'gitea-shared-storage';
  const config = Object.fromEntries(
    Object.entries(values.gitea?.config ?? {}).map(([section, keys]) => [
      section,
      typeof keys === 'object'
        ? Object.entries(keys as object)
            .map(([key, value]) => `${key}=${String(value)}`)
            .join('\n')
        : String(keys),
    ]),
  );
  const objects: KubeObject[] = [
    secretObject(namespace, `${release}-inline-config`, config, labels),
    secretObject(namespace, `${release}-init`, {'configure_gitea.sh': configureScript}, labels),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {name: `${release}-http`, namespace, labels},
      spec: {
        type: 'ClusterIP',
        ports: [{name: 'http', port, targetPort: 3000}],
        selector: {'app.kubernetes.io/name': 'forgejo', 'app.kubernetes.io/instance': release},
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {name: `${release}-ssh`, namespace, labels},
      spec: {type: 'ClusterIP', ports: [{name: 'ssh', port: 22, targetPort: 2222}]},
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: release, namespace, labels},
      spec: {
        replicas: 1,
        strategy: {type: values.strategy?.type ?? 'RollingUpdate'},
        selector: {matchLabels: {'app.kubernetes.io/name': 'forgejo', 'app.kubernetes.io/instance': release}},
        template: {
          metadata: {labels},
          spec: {
            initContainers: [
              {name: 'init-directories', image: `code.forgejo.org/forgejo/forgejo:${appVersion}-rootless`},
              {name: 'init-app-ini', image: `code.forgejo.org/forgejo/forgejo:${appVersion}-rootless`},
              {
                name: 'configure-gitea',
                image: `code.forgejo.org/forgejo/forgejo:${appVersion}-rootless`,
                env: [
                  ...oauthEnv,
                  ...adminEnv,
                  {name: 'GITEA_ADMIN_PASSWORD_MODE', value: admin.passwordMode ?? 'keepUpdated'},
                ],
              },
            ],
            containers: [
              {
                name: 'forgejo',
                image: `code.forgejo.org/forgejo/forgejo:${appVersion}-rootless`,
                ports: [{name: 'http', containerPort: 3000}],
              },
            ],
          },
        },
      },
    },
  ];
  if (persistence.enabled !== false && persistence.create !== false) {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {name: claim, namespace, labels, annotations: {[RESOURCE_POLICY]: 'keep'}},
      spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: persistence.size ?? '10Gi'}}},
    });
  }
  return objects;
}

/** Objects `helm uninstall` leaves behind (`helm.sh/resource-policy: keep`). */
export function keptOnUninstall(object: KubeObject): boolean {
  return (object.metadata.annotations as Record<string, string> | undefined)?.[RESOURCE_POLICY] === 'keep';
}
