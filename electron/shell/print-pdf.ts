// Memos to PDF inside the app: the exported HTML (self-contained, no scripts) is loaded into a
// hidden, sandboxed window with JavaScript off and printed by Chromium's own printToPDF, so the
// PDF matches the HTML export exactly and needs no other program.
import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { secureWebPreferences } from './security.js';

export async function printPdf(html: string): Promise<{ pdf: Uint8Array; via: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'field-coder-pdf-'));
  // No preload: nothing in this window may reach the app's API.
  const { preload: _none, ...prefs } = secureWebPreferences('');
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      ...prefs,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    const file = join(dir, 'memo.html');
    writeFileSync(file, html, { mode: 0o600 });
    await win.loadURL(pathToFileURL(file).href);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: true });
    return { pdf: new Uint8Array(pdf), via: "Electron's printToPDF" };
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
