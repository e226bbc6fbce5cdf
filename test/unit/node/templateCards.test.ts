/** The gallery's cards: each template's numbers and a picture of its graph. */
import { describe, expect, it } from 'vitest';
import { TemplateCardSchema } from '../../../shared/api';
import { buildTemplate, templates } from '../../../shared/templates/index';
import { templateCard } from '../../../node/templateCards';
import { foldRows } from '../../../renderer/src/panels/TemplateThumbnail';

describe('template cards', () => {
  it('give GoogLeNet’s numbers, year and top-5 error', () => {
    const card = templateCard(templates.find((t) => t.id === 'googlenet')!, buildTemplate('googlenet')!);
    expect(card).toMatchObject({ id: 'googlenet', name: 'GoogLeNet', input: [224, 224, 3], year: 2014, top5: 6.7, layers: 23 });
    expect(card.params).toBe(6_998_552);
    expect(card.preview.nodes).toHaveLength(23);
    expect(card.preview.edges).toHaveLength(22);
    expect(card.preview.nodes.filter((n) => n[2] === 'block')).toHaveLength(9);
  });

  it('fit the API’s schema for every template', () => {
    for (const t of templates) expect(TemplateCardSchema.safeParse(templateCard(t, t.build())).success).toBe(true);
  });

  it('fold a long row into a picture about as wide as a card', () => {
    const card = templateCard(templates.find((t) => t.id === 'resnet152')!, buildTemplate('resnet152')!);
    const { width, height, placed } = foldRows(card.preview.nodes);
    expect(placed).toHaveLength(card.layers);
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(5);
  });
});
