/**
 * What goes on the clipboard: a subgraph as JSON, tagged so a paste recognises its own kind of
 * text among whatever else the clipboard holds. Text from the clipboard is never trusted: it is
 * parsed and validated with the document's own schemas before anything uses it.
 */
import { z } from 'zod';
import { BlockSchema, EdgeSchema, NodeSchema, type Block, type GraphEdge, type GraphNode } from '../../../shared/graph/schema';

export const CLIPBOARD_TAG = 'netwright-clipboard';

/** Layers, the edges among them, and the block definitions their instances use. */
export interface ClipboardPayload {
  format: typeof CLIPBOARD_TAG;
  version: 1;
  nodes: GraphNode[];
  edges: GraphEdge[];
  blocks: Block[];
}

const PayloadSchema = z.object({
  format: z.literal(CLIPBOARD_TAG),
  version: z.literal(1),
  nodes: z.array(NodeSchema).max(100_000),
  edges: z.array(EdgeSchema).max(400_000),
  blocks: z.array(BlockSchema).max(1000),
});

/** The payload as clipboard text. */
export const encodePayload = (p: ClipboardPayload): string => JSON.stringify(p);

/** The payload in clipboard text, or undefined when the text is anything else: `decodePayload('hello')` → undefined. */
export function decodePayload(text: string): ClipboardPayload | undefined {
  if (!text.includes(CLIPBOARD_TAG)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = PayloadSchema.safeParse(value);
  return parsed.success ? (parsed.data as ClipboardPayload) : undefined;
}
