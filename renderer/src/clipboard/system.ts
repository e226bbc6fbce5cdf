/**
 * The clipboard itself. Ctrl+C/X/V arrive as clipboard events, whose data needs no permission
 * and is the system clipboard, so a copy in one window pastes in another (or in a text editor,
 * as JSON). Without an event (a menu or a button) it is `navigator.clipboard`. When the system
 * clipboard is out of reach (permission denied, no clipboard API), an in-memory copy, mirrored
 * in localStorage for the app's other windows on the same origin, stands in.
 */

const STORAGE_KEY = 'netwright-clipboard';
let memory: string | undefined;

/** The parts of the environment the clipboard uses; tests pass their own. */
export interface ClipboardEnv {
  clipboard?: Pick<Clipboard, 'readText' | 'writeText'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const browserEnv = (): ClipboardEnv => ({
  clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
  storage: typeof localStorage === 'undefined' ? undefined : localStorage,
});

function remember(text: string, env: ClipboardEnv): void {
  memory = text;
  try {
    env.storage?.setItem(STORAGE_KEY, text);
  } catch {
    // storage full or disabled: the in-memory copy still serves this window
  }
}

function recall(env: ClipboardEnv): string | undefined {
  try {
    return env.storage?.getItem(STORAGE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

/** Put text on the clipboard: into the event's data when there is one, else the clipboard API. */
export async function writeClipboard(text: string, event?: ClipboardEvent, env: ClipboardEnv = browserEnv()): Promise<void> {
  remember(text, env);
  if (event?.clipboardData) {
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    return;
  }
  try {
    await env.clipboard?.writeText(text);
  } catch {
    // permission denied: the remembered copy is what a paste in this app will read
  }
}

/** The clipboard's text: the event's data, else the clipboard API, else the remembered copy. */
export async function readClipboard(event?: ClipboardEvent, env: ClipboardEnv = browserEnv()): Promise<string | undefined> {
  if (event?.clipboardData) return event.clipboardData.getData('text/plain');
  if (env.clipboard) {
    try {
      return await env.clipboard.readText();
    } catch {
      // permission denied: fall back to what this app copied last
    }
  }
  return recall(env);
}
