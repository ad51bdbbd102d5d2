// The application menu: project commands with the usual shortcuts, Edit, View, Help.
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  saveCopy(): void;
  closeProject(): void;
  recent(): string[];
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent = actions.recent();
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((p) => ({ label: basename(p), click: () => actions.openRecent(p) }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Save a Copy…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopy() },
        { type: 'separator' },
        { label: 'Close Project', accelerator: 'CmdOrCtrl+W', click: () => actions.closeProject() },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Field Coder',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Field Coder',
              message: `Field Coder ${app.getVersion()}`,
              detail: 'Offline qualitative coding and framework assessments for field research. Your project files stay on this computer.',
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
