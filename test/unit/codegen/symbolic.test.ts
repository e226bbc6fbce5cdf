/** The small pieces every generator writes with: block-parameter algebra, identifiers, Python numbers. */
import { describe, expect, it } from 'vitest';
import { camelCase, namer, pascalCase, PYTHON_RESERVED, snakeCase } from '../../../shared/codegen/names';
import { samePads } from '../../../shared/layers/padding';
import { pyLiteral, pyNumber, pySym } from '../../../shared/codegen/python';
import { constant, format, name, num, parse, substitute } from '../../../shared/codegen/symbolic';

const py = { name: (n: string) => n, floorDiv: (a: string, b: string) => `${a} // ${b}`, div: (a: string, b: string) => `${a} / ${b}` };
const ts = { name: (n: string) => n, floorDiv: (a: string, b: string) => `Math.floor(${a} / ${b})`, div: (a: string, b: string) => `${a} / ${b}` };

describe('block parameter expressions as symbols', () => {
  it('keeps linear expressions linear and writes them back as people do', () => {
    expect(format(parse('=planes * 4'), py)).toBe('planes * 4');
    expect(format(parse('=in + g + g + g'), py)).toBe('in + g * 3');
    expect(format(parse('=(width * 4) // 2'), py)).toBe('width * 2');
    expect(format(parse('=2 * (a - 1) + 3'), py)).toBe('a * 2 + 1');
    expect(constant(parse('=64 // 3'))).toBe(21);
  });

  it('keeps a division that is not exact whole, in each language', () => {
    const gate = parse('=channels // ratio');
    expect(format(gate, py)).toBe('channels // ratio');
    expect(format(gate, ts)).toBe('Math.floor(channels / ratio)');
    expect(format(parse('=x - c // r'), py)).toBe('x - (c // r)');
    expect(format(parse('=(a + 1) // 2'), py)).toBe('(a + 1) // 2');
    expect(pySym(parse('=w / 3'), (n) => n, true)).toBe('int(w / 3)');
  });

  it('substitutes an instance\'s arguments: a nested block\'s channels in its parent\'s terms', () => {
    // A dense layer gives in + growth; the third in a block sees in + 2·growth.
    const layer = parse('=in + growth');
    const third = substitute(layer, (n) => (n === 'in' ? parse('=in + growth * 2') : undefined));
    expect(format(third, py)).toBe('in + growth * 3');
    expect(constant(substitute(parse('=channels // ratio'), (n) => num(n === 'channels' ? 256 : 16)))).toBe(16);
    expect(format(substitute(name('w'), () => undefined), py)).toBe('w');
  });
});

describe('identifiers from labels', () => {
  it('makes Python, TypeScript and class names', () => {
    expect(snakeCase('conv 7×7/2')).toBe('conv_7x7_2');
    expect(snakeCase('CONV1')).toBe('conv1');
    expect(snakeCase('poolProj')).toBe('pool_proj');
    expect(snakeCase('1×1', 'conv')).toBe('conv_1x1');
    expect(snakeCase('LeNet-5', 'model', false)).toBe('lenet_5');
    expect(camelCase('pool proj')).toBe('poolProj');
    expect(camelCase('conv 7×7/2')).toBe('conv7x7_2');
    expect(pascalCase('LeNet-5')).toBe('LeNet5');
    expect(pascalCase('Residual basic (projection)')).toBe('ResidualBasicProjection');
    expect(pascalCase('Dense block ×6')).toBe('DenseBlock6');
    expect(pascalCase('3D net')).toBe('Net3DNet');
  });

  it('hands out each name once and never a keyword', () => {
    const name = namer(PYTHON_RESERVED);
    expect(['conv', 'conv', 'lambda', 'conv_2', 'self'].map(name)).toEqual(['conv', 'conv_2', 'lambda_', 'conv_2_2', 'self_']);
  });
});

describe('Python numbers and padding', () => {
  it('writes numbers as Python prints them', () => {
    expect(pyNumber(1 - 0.9)).toBe('0.1');
    expect(pyNumber(1e-5)).toBe('1e-05');
    expect(pyLiteral(2, true)).toBe('2.0');
    expect(pyLiteral([5, 3])).toBe('(5, 3)');
    expect(pyLiteral('same')).toBe('"same"');
  });

  it('works out TensorFlow\'s "same" per side', () => {
    expect(samePads(undefined, 3, 1)).toEqual([1, 1]);
    expect(samePads(undefined, 4, 1)).toEqual([1, 2]);
    expect(samePads(224, 7, 2)).toEqual([2, 3]);
    expect(samePads(20, 3, 2)).toEqual([0, 1]);
    expect(samePads(undefined, 3, 2)).toBeUndefined();
  });
});
