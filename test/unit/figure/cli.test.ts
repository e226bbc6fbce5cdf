/** `netwright export … --to svg|png --layout rows|column`: the figure's layout from the command line. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../node/cli/args';
import { EXPORT_FLAGS, exportArgs, exportCommand } from '../../../node/cli/export';
import { toSvg } from '../../../shared/figure/svg';
import { buildTemplate } from '../../../shared/templates/index';

describe('netwright export --layout', () => {
  it('takes rows or column for a figure', () => {
    expect(EXPORT_FLAGS).toContain('layout');
    expect(exportArgs(['resnet18'], { to: 'svg', layout: 'column' })).toEqual({ ref: 'resnet18', to: 'svg', out: undefined, layout: 'column' });
    expect(exportArgs(['resnet18', '-o', 'r.png'], { to: 'png', layout: 'rows' }).layout).toBe('rows');
    expect(exportArgs(['resnet18'], { to: 'svg' }).layout).toBeUndefined();
    expect(() => exportArgs(['resnet18'], { to: 'svg', layout: 'grid' })).toThrow(new UsageError('--layout must be one of: rows, column'));
    expect(() => exportArgs(['resnet18'], { to: 'pytorch', layout: 'column' })).toThrow(UsageError);
  });

  it('prints the figure in that layout, with its legend', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const doc = buildTemplate('googlenet')!;
    expect(await exportCommand(doc, exportArgs(['googlenet'], { to: 'svg', layout: 'column' }), out)).toBe(0);
    expect(text).toBe(toSvg(doc, { legend: true, layout: 'column' }));
  });
});
