/**
 * The layout worker: ELK (its bundled build) off the main thread, so a big graph lays out while
 * the canvas stays responsive. Messages: `{ id, graphs }` in, `{ id, graphs }` or `{ id, error }` out.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

const elk = new ELK();
const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(message: unknown): void };

// The bundle installs its own message handler when it finds itself in a worker; this one replaces it.
scope.onmessage = (e: MessageEvent<{ id: number; graphs: ElkNode[] }>) => {
  const { id, graphs } = e.data;
  Promise.all(graphs.map((g) => elk.layout(g))).then(
    (laidOut) => scope.postMessage({ id, graphs: laidOut }),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
