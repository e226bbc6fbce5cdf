/**
 * A local HTTP server on 127.0.0.1 serving a generated PyTorch checkpoint as torchvision's folder
 * does, for the weights download tests; no test reaches the internet. `/models/NAME.pth` serves
 * the checkpoint under any name (so the SHA-256 prefix in the name decides whether it checks
 * out), `/dropped/NAME.pth` half of it then a dropped connection, `/held/NAME.pth` half of it then
 * nothing until the server closes; anything else is a 404.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StateDict } from '../../../shared/weights/tensor';
import { writePth } from '../../../shared/weights/pth';
import type { PublishedWeights } from '../../../shared/weights/published';

export interface CheckpointServer {
  /** `http://127.0.0.1:PORT/models/`, the folder as torchvision's `https://download.pytorch.org/models/`. */
  base: string;
  origin: string;
  body: Buffer;
  tensors: StateDict;
  sha256: string;
  /** A table entry for ResNet-18 whose file name carries the checkpoint's SHA-256 prefix, as torchvision's do. */
  good: PublishedWeights;
  /** The same, with a prefix the checkpoint's SHA-256 does not start with. */
  wrong: PublishedWeights;
  close(): Promise<void>;
}

/** `const server = await checkpointServer()` … `await server.close()`. */
export async function checkpointServer(): Promise<CheckpointServer> {
  const weight = Float32Array.from({ length: 4096 }, (_, i) => Math.sin(i));
  const tensors: StateDict = new Map([['fc.weight', { dtype: 'F32', shape: [64, 64], data: weight }]]);
  const body = Buffer.from(writePth(tensors));
  const sha256 = createHash('sha256').update(body).digest('hex');
  const half = body.subarray(0, body.length >> 1);
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    const [, folder, name] = (req.url ?? '').split('/');
    if (!name?.endsWith('.pth')) return void res.writeHead(404, 'Not Found').end();
    if (folder === 'models') return void res.writeHead(200, { 'content-length': body.length }).end(body);
    if (folder === 'dropped') {
      res.writeHead(200, { 'content-length': body.length });
      return void res.write(half, () => res.destroy());
    }
    if (folder === 'held') {
      res.writeHead(200, { 'content-length': body.length });
      res.write(half);
      return void held.push(() => res.destroy());
    }
    res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entry = (prefix: string): PublishedWeights => ({ template: 'resnet18', name: 'ResNet-18', file: `resnet18-${prefix}.pth`, mib: body.length / 2 ** 20 });
  const wrongPrefix = sha256.startsWith('0') ? '1f37072f' : '0f37072f';
  return {
    base: `${origin}/models/`,
    origin,
    body,
    tensors,
    sha256,
    good: entry(sha256.slice(0, 8)),
    wrong: entry(wrongPrefix),
    close: async () => {
      held.forEach((end) => end());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
