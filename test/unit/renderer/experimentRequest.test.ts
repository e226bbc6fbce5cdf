/** The Experiment tab's fields as a request: checked by the API's schema, refused in one line naming the field. */
import { describe, expect, it } from 'vitest';
import { experimentRequest, type ExperimentFields } from '../../../renderer/src/experiment/request';
import { lenet5 } from '../../../shared/templates/lenet5';

const fields: ExperimentFields = { name: 'Two', dataset: 'synthetic:8:2:1', epochs: '2', batchSize: '25', learningRate: '0.01', optimizer: 'sgd', seed: '3', limit: '' };
const networks = [{ name: 'a', doc: lenet5() }];

describe('the Experiment tab request', () => {
  it('makes a request with the typed settings, and a limit only when one is typed', () => {
    const made = experimentRequest(fields, networks);
    expect('request' in made && made.request).toMatchObject({ name: 'Two', training: { dataset: 'synthetic:8:2:1', epochs: 2, batchSize: 25, learningRate: 0.01, optimizer: 'sgd', seed: 3 } });
    expect('request' in made && 'limit' in made.request).toBe(false);
    const limited = experimentRequest({ ...fields, limit: '200' }, networks);
    expect('request' in limited && limited.request.limit).toBe(200);
  });

  it('names the field that is wrong, and asks for networks when there are none', () => {
    expect(experimentRequest({ ...fields, epochs: '0' }, networks)).toEqual({ problem: expect.stringMatching(/^epochs: /) });
    expect(experimentRequest({ ...fields, dataset: 'mnsit' }, networks)).toEqual({ problem: expect.stringMatching(/^dataset: Unknown dataset "mnsit"/) });
    expect(experimentRequest({ ...fields, learningRate: 'fast' }, networks)).toEqual({ problem: expect.stringMatching(/^learningRate: /) });
    expect(experimentRequest(fields, [])).toEqual({ problem: 'Pick 1 to 12 networks.' });
  });
});
