// Used only by the type checker when the optional `electron` package could not install (its
// binary download fails on machines without internet). Where Electron is installed, its own
// declarations are used instead (see "paths" in tsconfig.json).
/* eslint-disable @typescript-eslint/no-explicit-any */
export declare const app: any;
export declare const BrowserWindow: any;
export declare const dialog: any;
export declare const ipcMain: any;
export declare const protocol: any;
export declare const session: any;
export declare const shell: any;
export declare const utilityProcess: any;
export declare const contextBridge: any;
export declare const ipcRenderer: any;
export declare const Menu: any;
export declare const screen: any;
export declare const webUtils: any;
