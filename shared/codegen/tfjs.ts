/**
 * The document as TypeScript for TensorFlow.js's functional API: one exported function per
 * block definition, an exported `buildModel(): tf.LayersModel`, and the custom layers it needs
 * written into the file, so it compiles with nothing but `@tensorflow/tfjs`.
 */
import type { ParamValue } from '../layers/types';
import type { NetwrightDocument } from '../graph/schema';
import { functionalProgram, type FnSyntax, type Statement } from './functional';
import { camelCase, namer, pascalCase, snakeCase, TS_RESERVED } from './names';
import { wrap } from './python';
import { TS_APPLY, TS_UPSAMPLING, TS_GROUPED_CONV, TS_LRN, TS_RESHAPE_TARGET, TS_SCOPED, TS_ZERO_PAD_CHANNELS } from './tfjs-helpers';
import { tfjsEmitters } from './tfjs-layers';

/** `5` → '5', 'same' → "'same'", `[5, 3]` → '[5, 3]'. */
const tsLiteral = (v: ParamValue): string => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
const tsType = (v: unknown) => (Array.isArray(v) ? 'number[]' : typeof v);

const syntax: FnSyntax = {
  reserved: new Set([...TS_RESERVED, 'name', 'input', 'apply', 'groupedConv2d', 'reshapeTarget', 'LocalResponseNorm', 'ChannelSlice']),
  ident: (label, prefix) => camelCase(label, prefix),
  literal: (v) => tsLiteral(v),
  symStyle: (rename) => ({ name: rename, floorDiv: (a, b) => `Math.floor(${a} / ${b})`, div: (a, b) => `${a} / ${b}` }),
  apply: (layer, input) => `apply(${layer}, ${input})`,
  list: (items) => `[${items.join(', ')}]`,
  layerName: (name, inBlock) => (inBlock ? `scoped(name, '${name}')` : `'${name}'`),
  callBlock: (fn, inputs, overrides, name) => `${fn}(${[...inputs, `{ ${overrides.map(([k, v]) => `${k}: ${v}`).join(', ')} }`, name].join(', ')})`,
};

/** The helpers a layer can ask for (`FnLayer.need`), in the order the file gives them. */
const HELPERS: Record<string, string[]> = { scoped: TS_SCOPED, reshapeTarget: TS_RESHAPE_TARGET, lrn: TS_LRN, groupedConv2d: TS_GROUPED_CONV, upSampling: TS_UPSAMPLING, zeroPadChannels: TS_ZERO_PAD_CHANNELS };

/** Statements as `const`/`let` declarations (a variable assigned again is `let`), then assignments. */
function lines(statements: Statement[], declared: Iterable<string>): string[] {
  const seen = new Set(declared);
  const count = new Map<string, number>();
  for (const s of statements) count.set(s.variable, (count.get(s.variable) ?? 0) + 1);
  return statements.map((s) => {
    const keyword = seen.has(s.variable) ? '' : count.get(s.variable)! > 1 ? 'let ' : 'const ';
    seen.add(s.variable);
    return `  ${keyword}${s.variable} = ${s.expr};`;
  });
}

/**
 * The TypeScript source of a document; throws an ExportError when the graph has errors.
 * `toTfjs(lenet5())` → "…export function buildModel(): tf.LayersModel {…".
 */
export function toTfjs(doc: NetwrightDocument): string {
  const program = functionalProgram(doc, { syntax, emitters: tfjsEmitters, input: 'input' });
  const typeName = namer(new Set(['LocalResponseNorm', 'ChannelSlice', 'ZeroPadChannels']), '');
  const sections = program.blocks.map(({ block, fn, inputs, rename, body }) => {
    const params = Object.entries(block.params);
    const type = typeName(`${pascalCase(block.name || block.id, 'Block')}Params`);
    const args = [
      ...inputs.map((x) => `${x}: tf.SymbolicTensor`),
      `{ ${params.map(([k, v]) => `${rename(k)} = ${tsLiteral(v as ParamValue)}`).join(', ')} }: ${type} = {}`,
      'name?: string',
    ];
    const head = `export function ${fn}(${args.join(', ')}): tf.SymbolicTensor {`;
    return [
      `/** The parameters of the "${block.name}" block; each has the block's default. */`,
      `export interface ${type} {`,
      ...params.map(([k, v]) => `  ${rename(k)}?: ${tsType(v)};`),
      '}',
      '',
      `/** The "${block.name}" block; \`name\` prefixes its layers' names. */`,
      ...(head.length <= 100 ? [head] : [`export function ${fn}(`, ...args.map((a) => `  ${a},`), '): tf.SymbolicTensor {']),
      ...lines(body.statements, inputs),
      `  return ${body.outputs.join(', ')};`,
      '}',
    ];
  });

  const { shape, model: body } = program;
  const outputs = body.outputs.length === 1 ? body.outputs[0]! : `[${body.outputs.join(', ')}]`;
  sections.push([
    `/** ${doc.name} as a tf.LayersModel for [${shape.join(', ')}] images (height, width, channels). */`,
    'export function buildModel(): tf.LayersModel {',
    `  const input = tf.input({ shape: [${shape.join(', ')}], name: '${body.inputNames[0]}' });`,
    ...lines(body.statements, ['input']),
    `  return tf.model({ inputs: input, outputs: ${outputs}, name: '${snakeCase(doc.name, 'model', false)}' });`,
    '}',
  ]);

  const helpers = [TS_APPLY, ...Object.entries(HELPERS).flatMap(([helper, code]) => (program.helpers.has(helper) ? [code] : []))];
  const description = doc.description ? [' *', ...wrapComment(doc.description)] : [];
  const header = ['/**', ` * ${doc.name} for TensorFlow.js, generated by Netwright.`, ...description, ' */', "import * as tf from '@tensorflow/tfjs';"];
  return [header, ...helpers, ...sections].map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** A description as JSDoc lines, wrapped at 96 columns, with any comment end defused. */
const wrapComment = (text: string) => wrap(text.replace(/\*\//g, '* /'), 93).map((l) => (l ? ` * ${l}` : ' *'));
