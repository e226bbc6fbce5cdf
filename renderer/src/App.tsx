/** The app's layout: toolbar, alert, palette | canvas | inspector, training panel, status bar. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { listenToEngine } from './commands/training';
import { AlertBanner } from './panels/AlertBanner';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { TrainingPanel } from './training/TrainingPanel';

/** The whole app. */
export function App() {
  useEffect(() => listenToEngine(), []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <AlertBanner />
        <div className="workspace">
          <Palette />
          <Canvas />
          <Inspector />
        </div>
        <TrainingPanel />
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
