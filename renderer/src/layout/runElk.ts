/**
 * Run ELK on graphs: in a web worker when the page can start one, else on the main thread
 * (the same bundled build, loaded on first use). `warmUp()` starts the worker early and lays
 * out a small graph, so the first real layout does not pay for loading and compiling ELK.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

type Reply = { id: number; graphs: ElkNode[] } | { id: number; error: string };

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(g: ElkNode[]): void; reject(e: Error): void }>();
let mainThread: Promise<{ layout(g: ElkNode): Promise<ElkNode> }> | undefined;

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if ('error' in e.data) p.reject(new Error(e.data.error));
      else p.resolve(e.data.graphs);
    };
    worker.onerror = () => {
      // A worker that cannot load (a strict file:// origin, say): lay out on the main thread.
      worker?.terminate();
      worker = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) p.reject(new Error('worker failed'));
    };
  } catch {
    worker = null;
  }
  return worker;
}

async function onMainThread(graphs: ElkNode[]): Promise<ElkNode[]> {
  mainThread ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  const elk = await mainThread;
  return Promise.all(graphs.map((g) => elk.layout(g)));
}

/** Lay out each graph: `const [laidOut] = await runElk([toElkGraph(…)])`. */
export async function runElk(graphs: ElkNode[]): Promise<ElkNode[]> {
  const w = typeof Worker === 'undefined' ? null : startWorker();
  if (!w) return onMainThread(graphs);
  const id = nextId++;
  try {
    return await new Promise<ElkNode[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, graphs });
    });
  } catch (e) {
    if (worker === null) return onMainThread(graphs);
    throw e;
  }
}

/**
 * Start ELK now, while nothing waits for it: load it in its worker and lay out a few graphs like
 * the real ones (a chain of residual units: a merge with ordered ports), so its code is compiled
 * by the time a template opens. Once per session.
 */
export function warmUp(): void {
  if (warmed) return;
  warmed = true;
  const children: ElkNode[] = [];
  const edges: ElkExtendedEdge[] = [];
  for (let i = 0; i < 12; i++) {
    children.push({ id: `f${i}`, width: 180, height: 45 }, {
      id: `add${i}`,
      width: 160,
      height: 45,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [0, 1].map((k) => ({ id: `add${i}:${k}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(1 - k) } })),
    });
    const from = i === 0 ? undefined : `add${i - 1}`;
    if (from) edges.push({ id: `a${i}`, sources: [from], targets: [`f${i}`] }, { id: `s${i}`, sources: [from], targets: [`add${i}:1`] });
    edges.push({ id: `b${i}`, sources: [`f${i}`], targets: [`add${i}:0`] });
  }
  const graph: ElkNode = { id: 'warm-up', layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'POLYLINE' }, children, edges };
  void runElk([graph, graph, graph]).catch(() => undefined);
}

let warmed = false;
