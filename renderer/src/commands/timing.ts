/**
 * Performance marks for opening a document, readable in the browser's performance timeline
 * (and by `bench/templates.bench.ts`): `netwright:open <what>` measures from the request to
 * the first frame painted with the new document's layers on the canvas.
 */

/** Resolves once layers are on the canvas and a frame with them has been painted. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (document.querySelector('.react-flow__node')) requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Start timing an open: `const done = startOpenTiming('template resnet152')`, then `done()` once it replaced the document. */
export function startOpenTiming(what: string): () => void {
  if (typeof performance === 'undefined' || typeof document === 'undefined') return () => undefined;
  const start = `netwright:open ${what}:start`;
  performance.mark(start);
  return () =>
    void painted().then(() => {
      performance.measure(`netwright:open ${what}`, start);
    });
}
