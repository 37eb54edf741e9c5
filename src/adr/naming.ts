/** File names for new records: the next free number and a kebab-case slug of the title. */
import {formatAdrNumber} from './model';

const MAX_SLUG_LENGTH = 60;

/** "Use Forgejo (Helm) — SSO later!" → "use-forgejo-helm-sso-later"; "Größe" → "grosse". */
export function kebabCase(title: string): string {
  const slug = title
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut at a word boundary so the name stays readable.
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG_LENGTH);
}

/**
 * The number after the highest one in use. It reads file names rather than parsed records, so a
 * record with broken front matter still holds on to its number.
 */
export function nextRecordNumber(fileNames: string[]): number {
  const used = fileNames
    .map((name) => /^(\d{4})-/.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number);
  return Math.max(0, ...used) + 1;
}

export function recordFileName(number: number, title: string): string {
  return `${formatAdrNumber(number)}-${kebabCase(title)}.md`;
}
