/**
 * A file dragged from the desktop and dropped on an element of the page, as the browser delivers
 * it (dragover, then drop, with the file in a DataTransfer): what the Predict section, the canvas
 * and the window's document drop read.
 */
import type { Page } from 'playwright-core';

/** `await dropFile(page, 'main.canvas', 'photo.png', base64)`: the bytes given as base64. */
export function dropFile(page: Page, selector: string, name: string, base64: string, type = 'image/png'): Promise<void> {
  return page.evaluate(
    ([selector, name, base64, type]) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
      const at = document.querySelector(selector)!;
      at.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      at.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [selector, name, base64, type] as const,
  );
}
