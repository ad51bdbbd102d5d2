// Entry point of the renderer.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { transport } from './api/transport';
import { App } from './app/App';
import './styles.css';

// Choose the transport now, which also takes the browser host's token out of the address bar
// before anything renders or a person can copy the URL.
transport();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
