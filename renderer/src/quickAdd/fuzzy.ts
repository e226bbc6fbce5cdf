/**
 * A small fuzzy matcher for the quick-add box: each word of the query must match the name (as a
 * prefix, a substring, or its letters in order, e.g. "mp2" → MaxPool2D), or start a word of the
 * category or the description. Names weigh most, so "incep" puts Inception first.
 */

export interface Searchable {
  name: string;
  category: string;
  description: string;
}

/** How well `term` (lower case) matches `name`: higher is better, undefined is no match. */
export function nameScore(term: string, name: string): number | undefined {
  const n = name.toLowerCase();
  if (n === term) return 1000;
  if (n.startsWith(term)) return 900 - (n.length - term.length);
  const at = n.indexOf(term);
  if (at >= 0) return (isWordStart(name, at) ? 700 : 500) - at;
  return subsequenceScore(term, name);
}

/** Letters in order with gaps: runs and word starts score, gaps cost; e.g. "c2d" in "Conv2D". */
function subsequenceScore(term: string, name: string): number | undefined {
  const n = name.toLowerCase();
  let score = 100;
  let from = 0;
  let last = -2;
  for (const ch of term) {
    const at = n.indexOf(ch, from);
    if (at < 0) return undefined;
    if (at === last + 1) score += 15;
    else if (isWordStart(name, at)) score += 10;
    else score -= Math.min(at - from, 10);
    last = at;
    from = at + 1;
  }
  return score;
}

/** A word starts at `i`: the first letter, after a space or punctuation, a capital after a small letter, a digit after a letter. */
function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1]!;
  const ch = text[i]!;
  if (!/[a-z0-9]/i.test(prev)) return true;
  if (/[A-Z]/.test(ch) && /[a-z]/.test(prev)) return true;
  return /[0-9]/.test(ch) && /[a-z]/i.test(prev);
}

const wordsOf = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The score of `item` for `query`, or undefined when a word of the query matches nothing. */
export function fuzzyScore(query: string, item: Searchable): number | undefined {
  const terms = wordsOf(query);
  if (terms.length === 0) return 0;
  const category = wordsOf(item.category);
  const description = wordsOf(item.description);
  let total = 0;
  for (const term of terms) {
    const byName = nameScore(term, item.name);
    const byCategory = category.some((w) => w.startsWith(term)) ? 300 : undefined;
    const byDescription = description.some((w) => w.startsWith(term)) ? 200 : undefined;
    const best = Math.max(byName ?? -1, byCategory ?? -1, byDescription ?? -1);
    if (best < 0) return undefined;
    total += best;
  }
  return total;
}

/**
 * The items that match `query`, best first (ties keep their order):
 * `fuzzyFilter(entries, 'incep')` → [Inception, Inception (naive)].
 */
export function fuzzyFilter<T extends Searchable>(items: readonly T[], query: string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, item) }))
    .filter((r): r is { item: T; index: number; score: number } => r.score !== undefined)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.item);
}
