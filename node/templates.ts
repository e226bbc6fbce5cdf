/**
 * The stored templates (`templates/<id>.netwright.json`), read and checked like any file a
 * user opens.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { templateIds } from '../shared/templates/index';
import { appRoot } from './paths';

/** The template's document: `await readTemplate('lenet5')`. Throws for an unknown id. */
export async function readTemplate(id: string): Promise<NetwrightDocument> {
  if (!templateIds.includes(id)) throw new Error(`Unknown template "${id}". Templates: ${templateIds.join(', ')}.`);
  const loaded = loadDocument(await readFile(join(appRoot, 'templates', `${id}.netwright.json`), 'utf8'));
  if (!loaded.ok) throw new Error(`Template "${id}" is damaged: ${loaded.error.message}`);
  return loaded.doc;
}
