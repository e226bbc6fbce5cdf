/**
 * Training in an Electron utility process (Chromium's process model, no Node in the window):
 * the same trainer script as `child_process.fork` runs in Node, behind the runner's interface.
 */
import { utilityProcess } from 'electron';
import type { SpawnTrainer, TrainerProcess } from '../../node/engine/process/runner';
import { trainerPath } from '../../node/engine/process/runner';

export const utilityTrainer: SpawnTrainer = (): TrainerProcess => {
  const child = utilityProcess.fork(trainerPath(), [], { serviceName: 'Netwright trainer', stdio: 'inherit' });
  let onExit: ((code: number | null, signal: string | null) => void) | undefined;
  let ended = false;
  child.on('exit', (code: number) => {
    if (ended) return;
    ended = true;
    onExit?.(code, null);
  });
  return {
    get pid() {
      return child.pid as number | undefined;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      onExit = listener;
    },
    kill: () => void child.kill(),
  };
};
