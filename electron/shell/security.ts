// The Electron security settings, kept in one place so a test can check them on the built
// config: isolated, sandboxed renderers without Node; no navigation, new windows, webviews,
// permissions or remote content.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle-click would open links in new windows, a navigation path we do not allow.
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * Only the app's own files (and devtools) may load: no remote content, ever. blob: URLs are
 * the renderer's own data (template export downloads).
 */
export function isAllowedUrl(url: string): boolean {
  return url.startsWith('file://') || url.startsWith('devtools://') || url.startsWith('blob:file://');
}

export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));
  // No dictionary downloads: the app makes no network calls at run time.
  ses.setSpellCheckerDictionaryDownloadURL('https://0.0.0.0/');
}

export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
