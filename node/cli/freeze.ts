/**
 * `netwright freeze <file|template> (--before NODE | --nodes A,B | --none) [-o FILE]`: which
 * layers training leaves alone, as the editor's node menu sets it (shared/document/transfer.ts).
 * `--before NODE` freezes every node that feeds NODE (not NODE) and unfreezes the rest; `--nodes`
 * freezes those, keeping the others' flags; `--none` unfreezes everything. NODE is an id or a
 * label. The document is printed, or written to FILE with one line saying what is trained.
 */
import { writeFile } from 'node:fs/promises';
import { freezeBefore, inferenceOf, nodeByName, parameterSplit, parameterText, setFrozen, unfreezeAll } from '../../shared/document';
import { saveDocument } from '../../shared/graph/load';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { takeOutput, UsageError, type Parsed } from './args';
import { openDocument } from './documents';

export const FREEZE_FLAGS = ['before', 'nodes', 'none', 'output'];

/** A refusal in one line (an unknown node): the command prints it and exits 2. */
export class NodeNotFound extends Error {}

/** Write the document (to `out`, or printed), then what it trains; the code to exit with. */
export async function writeEdited(doc: NetwrightDocument, out: string | undefined, said: string, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (out === undefined) {
    stdout.write(saveDocument(doc));
    stderr.write(`${said}\n`);
  } else {
    await writeFile(out, saveDocument(doc));
    stdout.write(`Wrote ${out}: ${said}\n`);
  }
  return 0;
}

/** `netwright freeze resnet18 --before fc -o mine.netwright.json` → 0. */
export async function freezeCommand(positional: readonly string[], flags: Parsed['flags'], stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { rest, out } = takeOutput(positional, flags);
  if (rest.length !== 1) throw new UsageError('freeze takes one file or template id');
  const modes = (['before', 'nodes', 'none'] as const).filter((f) => flags[f] !== undefined);
  if (modes.length !== 1) throw new UsageError('freeze takes one of --before NODE, --nodes A,B or --none');
  if (flags.before === true || flags.nodes === true) throw new UsageError(`--${modes[0]} needs a node (an id or a label)`);
  let doc = await openDocument(rest[0]!);
  const find = (name: string) => {
    const found = nodeByName(doc, name);
    if ('error' in found) throw new NodeNotFound(found.error);
    return found.node;
  };
  if (typeof flags.before === 'string') doc = freezeBefore(doc, find(flags.before).id);
  else if (typeof flags.nodes === 'string') {
    const names = flags.nodes.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new UsageError('--nodes needs one node or more, e.g. --nodes conv1,layer1.0');
    doc = setFrozen(doc, names.map((n) => find(n).id), true);
  } else doc = unfreezeAll(doc);
  return writeEdited(doc, out, parameterText(parameterSplit(doc, inferenceOf(doc))), stdout, stderr);
}
