/**
 * One process of `npm run bench threads`: the compiled template trained on one fixed random batch
 * on the wasm backend with the threads given, as the engine trains it; prints samples/s as JSON.
 * `node threads-child.mjs resnet20-cifar 2 3` → {"samplesPerSecond":47.1,"threads":2}
 */
import * as tf from '@tensorflow/tfjs';
import { backendThreads, pickBackend } from '../electron/engine/backend';
import { compileDocument } from '../electron/engine/compile';
import { makeOptimizer } from '../electron/engine/optimizer';
import { crossEntropyOnProbabilities, trainStep, trainableVariables } from '../electron/engine/step';
import { buildTemplate } from '../shared/templates/index';

const [id = 'lenet5', threads = '1', steps = '30'] = process.argv.slice(2);
await pickBackend('wasm', { threads: Number(threads) });
const model = compileDocument(buildTemplate(id)!);
const shape = model.inputs[0]!.shape.slice(1) as number[];
const classes = (model.outputs[0]!.shape as number[]).at(-1)!;
const batch = 32;
const xs = tf.randomNormal([batch, ...shape]);
const ys = tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32'), classes);
const optimizer = makeOptimizer({ optimizer: 'adam', learningRate: 0.001, momentum: 0 });
const weights = trainableVariables(model);
for (let i = 0; i < 2; i++) trainStep(model, optimizer, crossEntropyOnProbabilities, xs, ys, weights);
const t0 = performance.now();
for (let i = 0; i < Number(steps); i++) trainStep(model, optimizer, crossEntropyOnProbabilities, xs, ys, weights);
console.log(JSON.stringify({ samplesPerSecond: (Number(steps) * batch) / ((performance.now() - t0) / 1000), threads: backendThreads() }));
