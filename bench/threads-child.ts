/**
 * One process of `npm run bench threads`: the compiled template trained on one fixed random batch
 * on the wasm backend with the threads given, as the engine trains it; prints samples/s as JSON.
 * `node threads-child.mjs resnet20-cifar 2 3` → {"samplesPerSecond":47.1,"threads":2}
 */
import { backendThreads, pickBackend } from '../node/engine/backend/choose';
import { compileDocument } from '../node/engine/model/compile';
import { makeOptimizer } from '../node/engine/loop/optimizer';
import { trainableVariables } from '../node/engine/loop/step';
import { buildTemplate } from '../shared/templates/index';
import { randomBatch, trainRate, warmUp } from './trainRate';

const [id = 'lenet5', threads = '1', steps = '30'] = process.argv.slice(2);
await pickBackend('wasm', { threads: Number(threads) });
const model = compileDocument(buildTemplate(id)!);
const shape = model.inputs[0]!.shape.slice(1) as number[];
const classes = (model.outputs[0]!.shape as number[]).at(-1)!;
const data = randomBatch(32, shape, classes);
const v = { model, optimizer: makeOptimizer({ optimizer: 'adam', learningRate: 0.001, momentum: 0 }), weights: trainableVariables(model) };
warmUp(v, data);
console.log(JSON.stringify({ samplesPerSecond: trainRate(v, data, Number(steps)), threads: backendThreads() }));
