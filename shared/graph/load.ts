/**
 * Loading is never trusting: parse → format tag → version → migrate → validate → references and
 * cycles.
 * Every failure is one case of `LoadError`, which the UI maps to a message; the caller only
 * replaces its open document when the result is `ok`.
 */
import { DocumentSchema, FORMAT, VERSION, type NetwrightDocument } from './schema';
import { migrate } from './migrations';
import { isLayerKind } from '../layers/registry';
import { findCycle } from './order';

export type LoadError =
  | { code: 'notJson'; message: string }
  | { code: 'notNetwright'; message: string }
  | { code: 'versionTooNew'; message: string; version: number }
  | { code: 'migrationFailed'; message: string }
  | { code: 'invalid'; message: string; path: string }
  | { code: 'duplicateId'; message: string; id: string }
  | { code: 'missingNode'; message: string; edge: string }
  | { code: 'unknownKind'; message: string; node: string; kind: string }
  | { code: 'cycle'; message: string; cycle: string };

export type LoadResult = { ok: true; doc: NetwrightDocument } | { ok: false; error: LoadError };

const fail = (error: LoadError): LoadResult => ({ ok: false, error });

/** Parse a file's text, e.g. `loadDocument(await file.text())`. */
export function loadDocument(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail({ code: 'notJson', message: `The file is not JSON: ${(e as Error).message}` });
  }
  return loadValue(raw);
}

/** Check an already-parsed value the same way as `loadDocument`. */
export function loadValue(raw: unknown): LoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== FORMAT) {
    return fail({ code: 'notNetwright', message: 'This is not a Netwright document (its "format" is not "netwright").' });
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail({ code: 'invalid', path: 'version', message: 'The document has no valid "version" number.' });
  }
  if (version > VERSION) {
    return fail({
      code: 'versionTooNew',
      version,
      message: `The document is version ${version}, newer than this app understands (${VERSION}). Update Netwright to open it.`,
    });
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(raw as Record<string, unknown>, version, VERSION);
  } catch (e) {
    return fail({ code: 'migrationFailed', message: `Upgrading the document from version ${version} failed: ${(e as Error).message}` });
  }
  const parsed = DocumentSchema.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    return fail({ code: 'invalid', path, message: `Invalid document at "${path || '(root)'}": ${issue.message}` });
  }
  const refs = checkReferences(parsed.data);
  return refs ? fail(refs) : { ok: true, doc: parsed.data };
}

function checkReferences(doc: NetwrightDocument): LoadError | undefined {
  const graphs = [{ where: 'graph', graph: doc.graph }, ...doc.blocks.map((b) => ({ where: `block ${b.id}`, graph: b.graph }))];
  const blockIds = new Set(doc.blocks.map((b) => b.id));
  for (const { where, graph } of graphs) {
    const ids = new Set<string>();
    for (const item of [...graph.nodes, ...graph.edges]) {
      if (ids.has(item.id)) return { code: 'duplicateId', id: item.id, message: `Two items in the ${where} share the id "${item.id}".` };
      ids.add(item.id);
    }
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) {
      const missing = [e.source, e.target].find((id) => !nodeIds.has(id));
      if (missing !== undefined) {
        return { code: 'missingNode', edge: e.id, message: `Edge "${e.id}" in the ${where} points to a node "${missing}" that does not exist.` };
      }
    }
    for (const n of graph.nodes) {
      const known = isLayerKind(n.kind) || (n.kind.startsWith('block:') && blockIds.has(n.kind.slice(6)));
      if (!known) return { code: 'unknownKind', node: n.id, kind: n.kind, message: `Node "${n.id}" has an unknown kind "${n.kind}".` };
    }
    // The editor never makes a cycle (it refuses the connection), so one here is a damaged file.
    const cycle = findCycle(graph);
    if (cycle !== undefined) return { code: 'cycle', cycle, message: `The ${where} has a cycle (${cycle}); a network must flow one way.` };
  }
  return undefined;
}

/** The file text for a document: stable key order, two-space indent, trailing newline. */
export function saveDocument(doc: NetwrightDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
