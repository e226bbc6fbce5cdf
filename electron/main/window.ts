/** The main window's options: every Electron security default on, and stated. */
export function windowOptions(preload: string) {
  return {
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
    },
  } as const;
}
