/**
 * A small syntax highlighter for the export preview: comments, strings, numbers and keywords of
 * Python, TypeScript and JSON, as [class, text] runs. Enough to read code at a glance.
 */
const KEYWORDS = new Set(
  'import from as def class return if else elif for in while with not and or is None True False self super lambda try except raise pass yield const let function export new async await null true false'.split(' '),
);

const TOKEN = /(#[^\n]*|\/\/[^\n]*|"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|\b\d+(?:\.\d+)?(?:e-?\d+)?\b|\b[A-Za-z_]\w*\b)/g;

export type Run = [kind: 'comment' | 'string' | 'number' | 'keyword' | 'type' | 'plain', text: string];

/** `highlight('def f(): return 1')` → runs of text with their kind. */
export function highlight(code: string): Run[] {
  const runs: Run[] = [];
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    const t = m[0];
    if (m.index! > last) runs.push(['plain', code.slice(last, m.index)]);
    const kind: Run[0] =
      t.startsWith('#') || t.startsWith('//')
        ? 'comment'
        : /^["'`]/.test(t)
          ? 'string'
          : /^\d/.test(t)
            ? 'number'
            : KEYWORDS.has(t)
              ? 'keyword'
              : /^[A-Z]/.test(t)
                ? 'type'
                : 'plain';
    runs.push([kind, t]);
    last = m.index! + t.length;
  }
  if (last < code.length) runs.push(['plain', code.slice(last)]);
  return runs;
}
