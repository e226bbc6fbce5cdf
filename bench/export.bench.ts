/**
 * Exporting large documents: every code generator and the SVG figure on 10,000, 20,000 and
 * 50,000 layers, with the growth from 10,000. Linear work grows 2× and 5×; quadratic work 4× and
 * 25×. JSON export is the yardstick (a plain JSON.stringify). Never fails on time.
 */
import { toKeras, toPyTorch, toTfjs } from '../shared/codegen/index';
import { saveDocument } from '../shared/graph/load';
import type { NetwrightDocument } from '../shared/graph/schema';
import { toSvg } from '../shared/figure/svg';
import { plainChain, residualStack } from './graphs';
import { median } from './measure';

const SIZES = [10_000, 20_000, 50_000];
/** A run shorter than this is repeated, and the median of three reported. */
const CHEAP_MS = 2000;

const GENERATORS: [string, (doc: NetwrightDocument) => string][] = [
  ['PyTorch', toPyTorch],
  ['Keras', toKeras],
  ['TensorFlow.js', toTfjs],
  ['SVG, rows', (doc) => toSvg(doc, { legend: true })],
  ['SVG, column', (doc) => toSvg(doc, { legend: true, layout: 'column' })],
  ['JSON', saveDocument],
];

/** Milliseconds for one export: the median of three runs when one is cheap, else that one run. */
function timeExport(write: (doc: NetwrightDocument) => string, doc: NetwrightDocument): number {
  const once = () => {
    const t0 = performance.now();
    write(doc);
    return performance.now() - t0;
  };
  const first = once();
  return first < CHEAP_MS ? median([first, once(), once()]) : first;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

for (const [graph, build] of [
  ['residual stack', residualStack],
  ['plain chain', plainChain],
] as const) {
  const docs = SIZES.map(build);
  console.log(`\n## Export, ${graph} (${docs.map((d) => d.graph.nodes.length.toLocaleString('en')).join(' / ')} layers)\n`);
  console.log(`| generator | ${SIZES.map((n) => `${n / 1000}k`).join(' | ')} | 20k ÷ 10k | 50k ÷ 10k |`);
  console.log(`|---|${SIZES.map(() => '---:|').join('')}---:|---:|`);
  for (const [name, write] of GENERATORS) {
    const times = docs.map((doc) => timeExport(write, doc));
    const ratio = (t: number) => `${(t / times[0]!).toFixed(1)}×`;
    console.log(`| ${name} | ${times.map(seconds).join(' | ')} | ${ratio(times[1]!)} | ${ratio(times[2]!)} |`);
  }
}
