/**
 * Shape inference, which runs on every edit: 100, 1,000 and 5,000-layer graphs and the largest
 * templates (median of repeated runs).
 */
import { inferGraph } from '../shared/infer';
import { buildTemplate } from '../shared/templates/index';
import { residualStack } from './graphs';
import { ms, timeIt } from './measure';

console.log('\n## Shape inference (every edit)\n');
console.log('| graph | layers | median | min | max |');
console.log('|---|---:|---:|---:|---:|');
for (const n of [100, 1000, 5000]) {
  const doc = residualStack(n);
  const t = timeIt(() => inferGraph(doc.graph), n >= 5000 ? 10 : 30);
  console.log(`| residual stack | ${doc.graph.nodes.length} | ${ms(t.median)} | ${ms(t.min)} | ${ms(t.max)} |`);
}
for (const id of ['googlenet', 'resnet152', 'densenet121']) {
  const doc = buildTemplate(id)!;
  const t = timeIt(() => inferGraph(doc.graph, doc.blocks), 30);
  console.log(`| ${id} (blocks expanded inside) | ${doc.graph.nodes.length} nodes | ${ms(t.median)} | ${ms(t.min)} | ${ms(t.max)} |`);
}
