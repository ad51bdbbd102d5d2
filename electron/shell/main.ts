// Electron's main process: the thin shell. It owns the window, the menu, native dialogs and
// the IPC wiring; everything else is the same services the CLI and the browser host use.
import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession, type WebFrameMain } from 'electron';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHODS, type ProjectSummary } from '../api/contract.js';
import { checkSize, dispatch } from '../api/dispatch.js';
import { createHandlers, type Dialogs } from '../api/handlers.js';
import { printPdf } from './print-pdf.js';
import { Session } from '../app/session.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { rendererDir } from '../core/paths.js';
import { PROJECT_EXTENSION } from '../project/format.js';
import { IPC_PREFIX, UPLOAD_CHANNEL } from './ipc-channel.js';
import { buildMenu } from './menu.js';
import { isAllowedUrl, lockDownContents, lockDownSession, secureWebPreferences } from './security.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectFilters = [{ name: 'Field Coder project', extensions: [PROJECT_EXTENSION.slice(1)] }];

let win: BrowserWindow | null = null;
let session: Session;

/** A project file named on the command line or by the OS file association. */
function projectArg(argv: string[]): string | undefined {
  return argv.slice(1).find((a) => a.endsWith(PROJECT_EXTENSION) && !a.startsWith('-'));
}

async function showError(err: unknown): Promise<void> {
  await dialog.showMessageBox({ type: 'error', message: 'Field Coder', detail: toErrorValue(err).message });
}

/** After the main process switches projects itself (menu, file association), redraw. */
function refresh(): void {
  refreshMenu();
  win?.webContents.reload();
}

async function openFile(path: string): Promise<void> {
  try {
    await session.openPath(path);
    refresh();
  } catch (err) {
    await showError(err);
  }
}

const dialogs: Dialogs = {
  async create(): Promise<ProjectSummary> {
    const r = await dialog.showSaveDialog({
      title: 'New project',
      defaultPath: join(session.libraryDir, `New project${PROJECT_EXTENSION}`),
      filters: projectFilters,
    });
    if (r.canceled || !r.filePath) throw new AppError('cancelled', 'Cancelled.');
    const path = r.filePath.endsWith(PROJECT_EXTENSION) ? r.filePath : `${r.filePath}${PROJECT_EXTENSION}`;
    const summary = await session.createPath(path, basename(path, PROJECT_EXTENSION));
    refreshMenu();
    return summary;
  },
  async open(): Promise<ProjectSummary> {
    const r = await dialog.showOpenDialog({
      title: 'Open project',
      defaultPath: session.libraryDir,
      filters: projectFilters,
      properties: ['openFile'],
    });
    if (r.canceled || !r.filePaths[0]) throw new AppError('cancelled', 'Cancelled.');
    const summary = await session.openPath(r.filePaths[0]);
    refreshMenu();
    return summary;
  },
  async saveCopy(): Promise<{ fileName: string }> {
    const current = session.requireProject();
    const r = await dialog.showSaveDialog({
      title: 'Save a copy',
      defaultPath: join(dirname(current.path), `${current.name} copy${PROJECT_EXTENSION}`),
      filters: projectFilters,
    });
    if (r.canceled || !r.filePath) throw new AppError('cancelled', 'Cancelled.');
    session.saveCopyTo(r.filePath);
    return { fileName: basename(r.filePath) };
  },
  printPdf,
};

function refreshMenu(): void {
  const run = (fn: () => Promise<unknown>): void => {
    fn().then(refresh, (err: unknown) => (err instanceof AppError && err.code === 'cancelled' ? undefined : showError(err)));
  };
  Menu.setApplicationMenu(
    buildMenu({
      newProject: () => run(() => dialogs.create()),
      openProject: () => run(() => dialogs.open()),
      openRecent: (p) => void openFile(p),
      saveCopy: () => run(() => dialogs.saveCopy()),
      closeProject: () => {
        session.closeProject();
        refresh();
      },
      recent: () => session.device.get().recent,
    }),
  );
}

const notOurs = { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the Field Coder window.' } };

/** Only our own top-level page, loaded from the app's files, may call. */
function fromOurWindow(frame: WebFrameMain | null): boolean {
  return !!frame && frame.parent === null && isAllowedUrl(frame.url) && frame.url.startsWith('file://');
}

function registerIpc(): void {
  const handlers = createHandlers(session, 'electron', dialogs);
  for (const method of METHODS) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, async (event, input: unknown) => {
      if (!fromOurWindow(event.senderFrame)) return notOurs;
      const size = Buffer.byteLength(JSON.stringify(input ?? null) ?? '');
      return checkSize(size) ?? dispatch(handlers, method, input);
    });
  }
  ipcMain.handle(UPLOAD_CHANNEL, (event, fileName: unknown, data: unknown) => {
    if (!fromOurWindow(event.senderFrame)) return notOurs;
    if (typeof fileName !== 'string' || !(data instanceof ArrayBuffer || ArrayBuffer.isView(data))) {
      return { ok: false, error: { code: 'bad_request', message: 'An upload is a file name and its bytes.' } };
    }
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      return { ok: true, value: session.uploads.add(fileName, bytes) };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'Field Coder',
    show: false,
    // The settings that matter spelled out as well, so static checkers (Electronegativity) see them.
    webPreferences: {
      ...secureWebPreferences(join(here, 'preload.cjs')),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  void win.loadFile(join(rendererDir(), 'index.html'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let pendingFile = projectArg(process.argv);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openFile(path);
    else pendingFile = path;
  });
  app.on('second-instance', (_event, argv) => {
    const file = projectArg(argv);
    if (file) void openFile(file);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => {
    session?.closeProject();
    app.quit();
  });

  void app.whenReady().then(async () => {
    lockDownSession(electronSession.defaultSession);
    session = new Session(process.env.FIELD_CODER_HOME ?? app.getPath('userData'));
    try {
      if (pendingFile) await session.openPath(pendingFile);
      else await session.openDefault();
    } catch (err) {
      await showError(err);
    }
    registerIpc();
    refreshMenu();
    createWindow();
  });
}
