/**
 * Groups runs of lines that differ in one word only ("application argocd to be Synced",
 * "application gitea to be Synced", ...), so a step that waits for seven applications reads as one
 * sentence with seven names instead of seven sentences.
 */

/** A line shape with one varying word: prefix + word + suffix. */
export interface Similar<T> {
  prefix: string;
  suffix: string;
  items: Array<{word: string; item: T}>;
}

/** A word may vary: names, versions, resource kinds; never spaces, quotes or operators. */
const WORD = /^[\w.-]+$/;
const WORD_CHAR = /[\w.-]/;

/** Consecutive items whose text differs only in one word form a group; the rest are groups of one. */
export function groupSimilar<T>(items: T[], text: (item: T) => string): Array<Similar<T>> {
  const groups: Array<Similar<T>> = [];
  for (const item of items) {
    const line = text(item);
    const last = groups[groups.length - 1];
    const word = last && joinable(last, line);
    if (last && word !== undefined) {
      last.items.push({word, item});
      continue;
    }
    groups.push({prefix: line, suffix: '', items: [{word: '', item}]});
  }
  return groups;
}

/** The word `line` adds to `group`, when it has the group's shape; a group of one takes its shape from the pair. */
function joinable<T>(group: Similar<T>, line: string): string | undefined {
  if (group.items.length === 1) {
    const shape = shapeOf(group.prefix, line);
    if (!shape) return undefined;
    group.prefix = shape.prefix;
    group.suffix = shape.suffix;
    group.items[0]!.word = shape.first;
    return shape.second;
  }
  if (
    !line.startsWith(group.prefix) ||
    !line.endsWith(group.suffix) ||
    line.length < group.prefix.length + group.suffix.length
  )
    return undefined;
  const word = line.slice(group.prefix.length, line.length - group.suffix.length);
  return WORD.test(word) ? word : undefined;
}

function shapeOf(a: string, b: string): {prefix: string; suffix: string; first: string; second: string} | undefined {
  if (a === b) return undefined;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  // The varying word starts after a separator, not inside a shared beginning ("argo" of argocd and argo-workflows).
  while (start > 0 && WORD_CHAR.test(a[start - 1]!)) start--;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  while (end > 0 && WORD_CHAR.test(a[a.length - end]!)) end--;
  const first = a.slice(start, a.length - end);
  const second = b.slice(start, b.length - end);
  if (start === 0 || !WORD.test(first) || !WORD.test(second)) return undefined;
  return {prefix: a.slice(0, start), suffix: a.slice(a.length - end), first, second};
}
