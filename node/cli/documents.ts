/** Reading the document a command names: a template id or a `.netwright.json` file. */
import { readFile } from 'node:fs/promises';
import { loadDocument } from '../../shared/graph/load';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { templateIds } from '../../shared/templates/index';
import { readTemplate } from '../templates';

/** A document that could not be opened: the CLI exits with code 1. */
export class InvalidDocument extends Error {}

export async function openDocument(ref: string): Promise<NetwrightDocument> {
  if (templateIds.includes(ref)) return readTemplate(ref);
  let text: string;
  try {
    text = await readFile(ref, 'utf8');
  } catch (e) {
    throw new InvalidDocument(`Cannot read "${ref}": it is neither a template id (${templateIds.join(', ')}) nor a readable file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const loaded = loadDocument(text);
  if (!loaded.ok) throw new InvalidDocument(`${ref}: ${loaded.error.message}`);
  return loaded.doc;
}
