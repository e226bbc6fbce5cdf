/// <reference types="vite/client" />
/** The renderer's entry: mount the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/dialog.css';
import './styles/canvas.css';
import './styles/panels.css';
import './styles/blocks.css';
import './styles/dock.css';
import './styles/gallery.css';
import './styles/editor.css';
import './styles/export.css';
import './styles/files.css';
import './styles/training.css';
import './styles/runs.css';
import './styles/health.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
