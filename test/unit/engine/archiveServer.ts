/**
 * A local HTTP server on 127.0.0.1 serving a generated CIFAR-10 archive, laid out as the official
 * one (cifar-10-batches-bin/…, plus a file outside that folder), for the download tests; no test
 * reaches the internet. Paths: `/cifar.tar.gz` the archive, `/moved` a redirect to it, `/dropped`
 * half of it then a dropped connection, `/held` half of it then nothing until the server closes;
 * anything else is a 404.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as tar } from 'tar';
import { cifar10Files } from './cifarFiles';

/** The archive's bytes: 5 × 4 training and 6 test records. */
export async function cifar10Archive(): Promise<Buffer> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-archive-'));
  cifar10Files(4, 6, join(root, 'cifar-10-batches-bin'));
  writeFileSync(join(root, 'outside.txt'), 'not part of the dataset');
  const chunks: Buffer[] = [];
  for await (const chunk of tar({ gzip: true, cwd: root }, ['cifar-10-batches-bin', 'outside.txt'])) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ArchiveServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  body: Buffer;
  md5: string;
  close(): Promise<void>;
}

/** `const server = await archiveServer()` … `await server.close()`. */
export async function archiveServer(): Promise<ArchiveServer> {
  const body = await cifar10Archive();
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    const half = body.subarray(0, body.length >> 1);
    switch (req.url) {
      case '/cifar.tar.gz':
        res.writeHead(200, { 'content-length': body.length }).end(body);
        return;
      case '/moved':
        res.writeHead(302, { location: '/cifar.tar.gz' }).end();
        return;
      case '/dropped':
        res.writeHead(200, { 'content-length': body.length });
        res.write(half, () => res.destroy());
        return;
      case '/held':
        res.writeHead(200, { 'content-length': body.length });
        res.write(half);
        held.push(() => res.destroy());
        return;
      default:
        res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    body,
    md5: createHash('md5').update(body).digest('hex'),
    close: async () => {
      held.forEach((end) => end());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
