/** The app's layout: toolbar, alert, the workspace (palette | canvas | inspector over the bottom dock, resizable), status bar; the template gallery, the offer to restore unsaved work, the question about unsaved changes and the toast. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { startLifecycle, startupSettled } from './commands/lifecycle';
import { listenToEngine } from './commands/training';
import { watchForAutosave } from './files/autosave';
import { RestoreOffer } from './files/RestoreOffer';
import { StartupNotices } from './files/StartupNotices';
import { UnsavedChanges } from './files/UnsavedChanges';
import { AlertBanner } from './panels/AlertBanner';
import { StatusBar } from './panels/StatusBar';
import { TemplateGallery } from './panels/TemplateGallery';
import { Toast } from './panels/Toast';
import { Toolbar } from './panels/Toolbar';
import { Workspace } from './panels/Workspace';

/** The whole app. */
export function App() {
  useEffect(() => listenToEngine(), []);
  useEffect(() => watchForAutosave(), []);
  useEffect(() => startLifecycle(), []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <AlertBanner />
        <StartupNotices />
        <Workspace canvas={<Canvas />} />
        <StatusBar />
      </div>
      <TemplateGallery />
      <RestoreOffer onSettled={startupSettled} />
      <UnsavedChanges />
      <Toast />
    </ReactFlowProvider>
  );
}
