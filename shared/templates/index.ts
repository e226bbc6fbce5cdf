/**
 * The template catalogue: id → builder. `templates/<id>.netwright.json` holds what each builder
 * returns, and a test checks that the stored files equal the builders' output.
 */
import type { NetwrightDocument } from '../graph/schema';
import { lenet5 } from './lenet5';

export interface TemplateInfo {
  id: string;
  build: () => NetwrightDocument;
}

export const templates: readonly TemplateInfo[] = [{ id: 'lenet5', build: lenet5 }];

export const templateIds = templates.map((t) => t.id);

/** The template's document, or undefined for an unknown id: `buildTemplate('lenet5')`. */
export const buildTemplate = (id: string) => templates.find((t) => t.id === id)?.build();
