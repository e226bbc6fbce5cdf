/** The app's layout: toolbar, alert, palette | canvas | inspector, training and summary, status bar; the template gallery and the offer to restore unsaved work. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { listenToEngine } from './commands/training';
import { watchForAutosave } from './files/autosave';
import { RestoreOffer } from './files/RestoreOffer';
import { StartupNotices } from './files/StartupNotices';
import { AlertBanner } from './panels/AlertBanner';
import { BottomDock } from './panels/BottomDock';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { TemplateGallery } from './panels/TemplateGallery';
import { Toolbar } from './panels/Toolbar';

/** The whole app. */
export function App() {
  useEffect(() => listenToEngine(), []);
  useEffect(() => watchForAutosave(), []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <AlertBanner />
        <StartupNotices />
        <div className="workspace">
          <Palette />
          <Canvas />
          <Inspector />
        </div>
        <BottomDock />
        <StatusBar />
      </div>
      <TemplateGallery />
      <RestoreOffer />
    </ReactFlowProvider>
  );
}
