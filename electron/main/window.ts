/**
 * The main window, with every Electron security default on and stated. Written as a literal
 * at the constructor so that both our tests (given a stand-in constructor) and the
 * Electronegativity scan see exactly what the window gets.
 */
export function openWindow<W>(BrowserWindow: new (options: object) => W, preload: string): W {
  return new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Netwright',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
