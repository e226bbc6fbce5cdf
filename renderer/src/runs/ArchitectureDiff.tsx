/**
 * Two runs' architectures compared: layers added (green), removed (red) and changed (each
 * parameter old → new), connections rewired, block definitions and training settings.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { diffDocuments, type GraphDiff } from '../../../shared/graph/diff';
import type { Block } from '../../../shared/graph/schema';
import { nodeName } from '../ui/nodeName';
import { changeText, edgeText } from './diffText';
import { runLabel } from './overlay';
import { useRuns } from './store';

type Tone = 'added' | 'removed' | 'changed';

function Item({ tone, children }: { tone: Tone; children: ReactNode }) {
  const sign = tone === 'added' ? '+' : tone === 'removed' ? '−' : '~';
  return (
    <li className={`diff__item diff__item--${tone}`}>
      <span className="diff__sign" aria-hidden="true">
        {sign}
      </span>
      <span className="visually-hidden">{tone}: </span>
      {children}
    </li>
  );
}

/** The items of one graph's diff (the document's, or a block definition's), `before` and `after` naming its nodes. */
function graphItems(d: GraphDiff, before: readonly Block[], after: readonly Block[]): ReactNode[] {
  return [
    ...d.added.map((n) => <Item key={`a${n.id}`} tone="added">{nodeName(n, after)}</Item>),
    ...d.removed.map((n) => <Item key={`r${n.id}`} tone="removed">{nodeName(n, before)}</Item>),
    ...d.changed.map((c) => (
      <Item key={`c${c.after.id}`} tone="changed">
        {nodeName(c.after, after)}: {c.changes.map(changeText).join(', ')}
      </Item>
    )),
    ...d.rewired.added.map((e, i) => <Item key={`ea${i}`} tone="added">connection {edgeText(e, after)}</Item>),
    ...d.rewired.removed.map((e, i) => <Item key={`er${i}`} tone="removed">connection {edgeText(e, before)}</Item>),
  ];
}

function ArchitectureDiffImpl({ before, after }: { before: string; after: string }) {
  const a = useRuns((s) => s.records[before]);
  const b = useRuns((s) => s.records[after]);
  const diff = useMemo(() => (a && b ? diffDocuments(a.doc, b.doc) : undefined), [a, b]);
  if (!a || !b || !diff) return <p className="muted runs__hint">Reading the two runs…</p>;
  const layers = graphItems(diff.graph, a.doc.blocks, b.doc.blocks);
  return (
    <section className="diff" aria-label="Architecture diff">
      <h3 className="diff__title">
        {runLabel(a.run)} → {runLabel(b.run)}
      </h3>
      {diff.same ? <p>The two runs trained the same architecture with the same settings.</p> : null}
      {layers.length > 0 ? (
        <ul className="diff__list" aria-label="Layers">
          {layers}
        </ul>
      ) : null}
      {diff.blocks.length > 0 ? (
        <ul className="diff__list" aria-label="Block definitions">
          {diff.blocks.map((blk) => (
            <Item key={blk.id} tone={blk.status}>
              block {blk.name}
              {blk.changes.length > 0 ? `: ${blk.changes.map(changeText).join(', ')}` : ''}
              {blk.graph ? <ul className="diff__list">{graphItems(blk.graph, a.doc.blocks, b.doc.blocks)}</ul> : null}
            </Item>
          ))}
        </ul>
      ) : null}
      {diff.training.length > 0 ? (
        <ul className="diff__list" aria-label="Training settings">
          {diff.training.map((c) => (
            <Item key={c.param} tone="changed">
              {changeText(c)}
            </Item>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The architecture diff of two fetched runs. */
export const ArchitectureDiff = memo(ArchitectureDiffImpl);
