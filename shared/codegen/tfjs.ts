/**
 * The document as TypeScript for TensorFlow.js's functional API: one exported function per
 * block definition, an exported `buildModel(): tf.LayersModel`, and the custom layers it needs
 * written into the file, so it compiles with nothing but `@tensorflow/tfjs`.
 */
import type { ParamValue } from '../layers/types';
import type { NetwrightDocument } from '../graph/schema';
import { functionalBody, type FnSyntax, type Statement } from './functional';
import { camelCase, namer, pascalCase, snakeCase, TS_RESERVED } from './names';
import { argumentNames, blockPorts, checkedInference, modelInput, portOf, usedBlocks, type Scope } from './plan';
import { wrap } from './python';
import { TS_APPLY, TS_GROUPED_CONV, TS_LRN, TS_RESHAPE_TARGET, TS_SCOPED } from './tfjs-helpers';
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
  const inference = checkedInference(doc);
  const fnName = namer(syntax.reserved);
  const typeName = namer(new Set(['LocalResponseNorm', 'ChannelSlice']), '');
  const fns = new Map<string, { fn: string; rename: (name: string) => string }>();
  const blockFn = (id: string) => fns.get(id)!;
  const sections: string[][] = [];

  for (const use of usedBlocks(doc, inference)) {
    const { block } = use;
    const ports = blockPorts(block);
    const inputVar = (port: number) => (ports.length === 1 ? 'x' : `x${port + 1}`);
    const rename = argumentNames(block, new Set([...syntax.reserved, ...ports.map(inputVar)]), (k) => camelCase(k, 'p'));
    fns.set(block.id, { fn: fnName(camelCase(block.name || block.id, 'block')), rename });
    const scope: Scope = { block, infos: (id) => use.instances.map((inf) => inf.nodes[id]!) };
    const body = functionalBody({
      graph: block.graph,
      scope,
      syntax,
      emitters: tfjsEmitters,
      rename,
      input: (id) => inputVar(portOf(block, id)),
      blockFn,
    });
    const params = Object.entries(block.params);
    const type = typeName(`${pascalCase(block.name || block.id, 'Block')}Params`);
    const args = [
      ...ports.map((p) => `${inputVar(p)}: tf.SymbolicTensor`),
      `{ ${params.map(([k, v]) => `${rename(k)} = ${tsLiteral(v as ParamValue)}`).join(', ')} }: ${type} = {}`,
      'name?: string',
    ];
    const head = `export function ${fns.get(block.id)!.fn}(${args.join(', ')}): tf.SymbolicTensor {`;
    sections.push([
      `/** The parameters of the "${block.name}" block; each has the block's default. */`,
      `export interface ${type} {`,
      ...params.map(([k, v]) => `  ${rename(k)}?: ${tsType(v)};`),
      '}',
      '',
      `/** The "${block.name}" block; \`name\` prefixes its layers' names. */`,
      ...(head.length <= 100 ? [head] : [`export function ${fns.get(block.id)!.fn}(`, ...args.map((a) => `  ${a},`), '): tf.SymbolicTensor {']),
      ...lines(body.statements, ports.map(inputVar)),
      `  return ${body.outputs.join(', ')};`,
      '}',
    ]);
  }

  const { shape } = modelInput(doc, inference);
  const body = functionalBody({ graph: doc.graph, scope: { infos: (id) => [inference.nodes[id]!] }, syntax, emitters: tfjsEmitters, rename: (n) => n, input: () => 'input', blockFn });
  const outputs = body.outputs.length === 1 ? body.outputs[0]! : `[${body.outputs.join(', ')}]`;
  sections.push([
    `/** ${doc.name} as a tf.LayersModel for [${shape.join(', ')}] images (height, width, channels). */`,
    'export function buildModel(): tf.LayersModel {',
    `  const input = tf.input({ shape: [${shape.join(', ')}], name: '${body.inputNames[0]}' });`,
    ...lines(body.statements, ['input']),
    `  return tf.model({ inputs: input, outputs: ${outputs}, name: '${snakeCase(doc.name, 'model', false)}' });`,
    '}',
  ]);

  const code = sections.map((s) => s.join('\n')).join('\n');
  const helpers = [
    TS_APPLY,
    ...(code.includes('scoped(') ? [TS_SCOPED] : []),
    ...(code.includes('reshapeTarget(') ? [TS_RESHAPE_TARGET] : []),
    ...(code.includes('new LocalResponseNorm(') ? [TS_LRN] : []),
    ...(code.includes('groupedConv2d(') ? [TS_GROUPED_CONV] : []),
  ];
  const description = doc.description ? [' *', ...wrapComment(doc.description)] : [];
  const header = ['/**', ` * ${doc.name} for TensorFlow.js, generated by Netwright.`, ...description, ' */', "import * as tf from '@tensorflow/tfjs';"];
  return [header, ...helpers, ...sections].map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** A description as JSDoc lines, wrapped at 96 columns, with any comment end defused. */
const wrapComment = (text: string) => wrap(text.replace(/\*\//g, '* /'), 93).map((l) => (l ? ` * ${l}` : ' *'));
