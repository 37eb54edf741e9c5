/**
 * The container registry as the kubelet meets it: which tags of an image exist. Only repositories
 * whose tags a runbook chooses by version are modelled; an image of any other repository is taken
 * to be pullable (the sim cannot know every tag of Docker Hub).
 *
 * velero/velero-plugin-for-aws: the release tags of vmware-tanzu/velero-plugin-for-aws (its git
 * tags, read 2026-02-10: up to v1.13.2 and v1.14.0-rc.1), plus v1.14.0, which Velero's own v1.18
 * upgrade guide names (velero main `site/content/docs/v1.18/upgrade-to-1.18.md`), as does the
 * plugin's compatibility table on its branch release-1.14 (v1.14.x for Velero v1.18.x), but which
 * the tag list we could read does not show yet.
 */
const PLUGIN_TAGS = [
  '1.0.0',
  '1.0.1',
  '1.1.0',
  '1.2.0',
  '1.2.1',
  '1.3.0',
  '1.3.1',
  '1.4.0',
  '1.4.1',
  '1.5.0',
  '1.5.1',
  '1.5.2',
  '1.5.3',
  '1.5.4',
  '1.5.5',
  '1.6.0',
  '1.6.1',
  '1.6.2',
  '1.7.0',
  '1.7.1',
  '1.8.0',
  '1.8.1',
  '1.8.2',
  '1.9.0',
  '1.9.1',
  '1.9.2',
  '1.10.0',
  '1.10.1',
  '1.11.0',
  '1.11.1',
  '1.12.0',
  '1.12.1',
  '1.12.2',
  '1.13.0',
  '1.13.1',
  '1.13.2',
  '1.14.0-rc.1',
  '1.14.0',
].map((version) => `v${version}`);

const KNOWN_TAGS = new Map<string, ReadonlySet<string>>([['velero/velero-plugin-for-aws', new Set(PLUGIN_TAGS)]]);

/** `docker.io/library/x` style reference of an image, as containerd prints it. */
function fullReference(image: string): string {
  const [first] = image.split('/');
  const hasRegistry = image.includes('/') && (first!.includes('.') || first!.includes(':'));
  if (hasRegistry) return image;
  return image.includes('/') ? `docker.io/${image}` : `docker.io/library/${image}`;
}

/**
 * Why the kubelet cannot pull an image, in containerd's words ("failed to pull and unpack image
 * ...: not found", containerd v2.1 `internal/cri/server/images/image_pull.go` wrapping the
 * resolver's `errdefs.ErrNotFound`), or undefined when it can.
 */
export function imagePullError(image: string): string | undefined {
  const at = image.lastIndexOf(':');
  const repository = at > image.lastIndexOf('/') ? image.slice(0, at) : image;
  const tag = at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest';
  const tags = KNOWN_TAGS.get(repository);
  if (!tags || tags.has(tag)) return undefined;
  const reference = fullReference(image);
  return `failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
}
