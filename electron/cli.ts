/**
 * The `netwright` command: the same engine service as the app, without a window.
 * Exit codes: 0 success, 1 invalid document, 2 usage, 3 training failed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateIds } from '../shared/templates/index';
import { allowFlags, intFlag, parseArgs, UsageError } from './cli/args';
import { InvalidDocument, openDocument } from './cli/documents';
import { findElectron, startElectron } from './cli/start';
import { summaryJson, summaryText } from './cli/summary';
import { trainCommand } from './cli/train';
import { startHost } from './host/server';
import { appRoot } from './paths';

const USAGE = `Usage: netwright <command>

  start                         open the app (desktop window, or the browser mode where Electron is absent)
  serve [--port N]              the browser mode: serve the app on 127.0.0.1 and print its URL
  templates                     list template ids
  summary <file|template> [--json]
                                layers, output shapes, parameters and totals
  train <file|template> [--dataset mnist] [--epochs N] [--batch N] [--limit N] [--json]
                                train with the built-in engine, printing progress (or JSON lines)

Exit codes: 0 success, 1 invalid document, 2 usage, 3 training failed.`;

const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

async function serve(port: number | undefined) {
  const host = await startHost({ port, version });
  console.log(`Netwright is running at ${host.url}`);
  const quit = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

async function main(argv: string[]): Promise<number | undefined> {
  const { command, positional, flags } = parseArgs(argv, new Set(['json', 'help']));
  const one = () => {
    if (positional.length !== 1) throw new UsageError(`${command} takes one file or template id`);
    return positional[0]!;
  };
  switch (command) {
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    case 'templates':
      allowFlags(flags, []);
      console.log(templateIds.join('\n'));
      return 0;
    case 'summary': {
      allowFlags(flags, ['json']);
      const doc = await openDocument(one());
      console.log(flags.json ? JSON.stringify(summaryJson(doc), null, 2) : summaryText(doc));
      return 0;
    }
    case 'train': {
      allowFlags(flags, ['json', 'dataset', 'epochs', 'batch', 'limit']);
      const ref = one();
      const options = {
        json: flags.json === true,
        dataset: typeof flags.dataset === 'string' ? flags.dataset : undefined,
        epochs: intFlag(flags, 'epochs', 1, 1000),
        batchSize: intFlag(flags, 'batch', 1, 4096),
        limit: intFlag(flags, 'limit', 1, 10_000_000),
      };
      return trainCommand(await openDocument(ref), options);
    }
    case 'serve':
      allowFlags(flags, ['port']);
      await serve(intFlag(flags, 'port', 0, 65535));
      return undefined;
    case 'start': {
      allowFlags(flags, ['port']);
      const electron = findElectron();
      if ('path' in electron) return startElectron(electron.path);
      console.log(`Electron is not available here (${electron.missing}); starting the browser mode instead.`);
      await serve(intFlag(flags, 'port', 0, 65535));
      return undefined;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`netwright: ${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof InvalidDocument) {
      console.error(`netwright: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error(`netwright: ${(e as Error).stack ?? e}`);
      process.exitCode = 1;
    }
  },
);
