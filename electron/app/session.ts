// The app's state, shared by every front door (Electron window, browser host, tests): which
// project is open, the projects folder, this device's settings. One project at a time.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CheckReport, ProjectCounts, ProjectEntry, ProjectSummary } from '../api/contract.js';
import { DeviceStore } from '../core/device.js';
import { AppError } from '../core/errors.js';
import { packageRoot } from '../core/paths.js';
import { dailyBackupIfDue, listBackups, type Backup } from '../project/backup.js';
import { PROJECT_EXTENSION } from '../project/format.js';
import { CleanCloses } from '../project/clean-close.js';
import { locationWarning } from '../project/location.js';
import { restoreBackup } from '../project/restore.js';
import { salvage } from '../project/salvage.js';
import { createProject, openProject } from '../project/open-project.js';
import type { Author, Project } from '../project/project.js';
import { UploadStore } from './uploads.js';

export const DEFAULT_PROJECT_NAME = 'My first project';

/** An opaque handle for a project file, so the renderer never handles paths. */
export function handleFor(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16);
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function projectCounts(project: Project): ProjectCounts {
  const count = (table: string): number =>
    (project.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0`).get() as { n: number }).n;
  return {
    documents: count('documents'),
    codes: count('codes'),
    excerpts: count('excerpts'),
    assessments: count('assessments'),
    references: count('refs'),
    memos: count('memos'),
  };
}

export class Session {
  readonly device: DeviceStore;
  readonly libraryDir: string;
  readonly uploads = new UploadStore();
  private readonly cleanCloses: CleanCloses;
  private current: { project: Project; backup?: string; warning?: string | null; salvagedFrom?: string; unkeptChange?: true } | null = null;
  private backupTimer: NodeJS.Timeout | undefined;

  constructor(dataDir?: string) {
    this.device = new DeviceStore(dataDir);
    this.libraryDir = join(this.device.dataDir, 'projects');
    mkdirSync(this.libraryDir, { recursive: true });
    this.cleanCloses = new CleanCloses(this.device.dataDir);
  }

  get author(): Author {
    const s = this.device.get();
    return { deviceId: s.deviceId, coderId: s.coderId, coderName: s.coderName };
  }

  get project(): Project | null {
    return this.current?.project ?? null;
  }

  requireProject(): Project {
    if (!this.current) throw new AppError('no_project', 'No project is open. Create or open one first.');
    return this.current.project;
  }

  libraryPath(name: string): string {
    return join(this.libraryDir, `${name}${PROJECT_EXTENSION}`);
  }

  summary(): ProjectSummary | null {
    if (!this.current) return null;
    const { project, backup } = this.current;
    return {
      handle: handleFor(project.path),
      name: project.name,
      fileName: project.fileName,
      schemaVersion: project.db.pragma('user_version', { simple: true }) as number,
      counts: projectCounts(project),
      ...(backup ? { backupFileName: basename(backup) } : {}),
      ...(this.current.warning ? { locationWarning: this.current.warning } : {}),
      ...(this.current.salvagedFrom ? { salvagedFrom: this.current.salvagedFrom } : {}),
      ...(this.current.unkeptChange ? { unkeptChange: true } : {}),
    };
  }

  private requireSummary(): ProjectSummary {
    return this.summary()!;
  }

  /** Every project this user can pick: the projects folder, then recent files elsewhere. */
  list(): ProjectEntry[] {
    const currentPath = this.current ? resolve(this.current.project.path) : null;
    const entry = (path: string, location: ProjectEntry['location']): ProjectEntry | null => {
      try {
        const st = statSync(path);
        return {
          handle: handleFor(path),
          name: basename(path, PROJECT_EXTENSION),
          fileName: basename(path),
          location,
          modified: st.mtime.toISOString(),
          isOpen: resolve(path) === currentPath,
        };
      } catch {
        return null;
      }
    };
    const lib = readdirSync(this.libraryDir)
      .filter((f) => f.endsWith(PROJECT_EXTENSION))
      .sort((a, b) => a.localeCompare(b))
      .map((f) => entry(join(this.libraryDir, f), 'library'));
    const libPaths = new Set(lib.filter((e) => e).map((e) => e!.handle));
    const recent = this.device
      .get()
      .recent.filter((p) => !libPaths.has(handleFor(p)))
      .map((p) => entry(p, 'recent'));
    return [...lib, ...recent].filter((e): e is ProjectEntry => e !== null);
  }

  private pathForHandle(handle: string): string {
    const candidates = [
      ...readdirSync(this.libraryDir)
        .filter((f) => f.endsWith(PROJECT_EXTENSION))
        .map((f) => join(this.libraryDir, f)),
      ...this.device.get().recent,
    ];
    const path = candidates.find((p) => handleFor(p) === handle);
    if (!path) throw new AppError('not_found', 'That project is no longer in the list. It may have been moved or deleted.');
    return path;
  }

  /** Opens a file by path: for the Electron shell (dialogs, file association), the CLI and tests. */
  async openPath(path: string): Promise<ProjectSummary> {
    const abs = resolve(path);
    if (this.current && resolve(this.current.project.path) === abs) return this.requireSummary();
    const opened = await openProject(abs, this.author, { closedCleanlyHere: this.cleanCloses.takeIfUnchanged(abs) });
    this.closeProject();
    this.current = { ...opened, warning: locationWarning(abs) };
    this.device.rememberRecent(abs);
    this.keepDailyBackups(opened.project);
    return this.requireSummary();
  }

  /** A daily backup while a project is open: checked now and every hour, in the background. */
  private keepDailyBackups(project: Project, checkNow = true): void {
    const due = () => {
      if (project.isOpen) dailyBackupIfDue(project.db, project.path).catch(() => undefined);
    };
    if (checkNow) due();
    this.backupTimer = setInterval(due, 60 * 60 * 1000);
    this.backupTimer.unref();
  }

  /** The backups of the open project, or of a listed project by handle, newest first. */
  backups(handle?: string): Backup[] {
    return listBackups(handle ? this.pathForHandle(handle) : this.requireProject().path);
  }

  /** Puts a backup in a project's place (closing it first if open) and opens the result. */
  async restore(handle: string | undefined, file: string): Promise<ProjectSummary & { keptAs: string }> {
    const path = handle ? this.pathForHandle(handle) : this.requireProject().path;
    if (this.current && resolve(this.current.project.path) === resolve(path)) this.closeProject();
    const { keptAs } = await restoreBackup(path, file);
    return { ...(await this.openPath(path)), keptAs: basename(keptAs) };
  }

  /**
   * "Open a copy anyway" for a listed project refused as damaged (salvage.ts): a copy beside it,
   * without its seal, opened only if it passes every other check; removed again if it does not.
   */
  async salvage(handle: string): Promise<ProjectSummary> {
    const path = this.pathForHandle(handle);
    if (this.current && resolve(this.current.project.path) === resolve(path))
      throw new AppError('invalid', 'This project is open, so it was not refused; there is nothing to copy.');
    await salvage(path, (copy) => this.openPath(copy));
    this.current!.salvagedFrom = basename(path);
    return this.requireSummary();
  }

  async createPath(path: string, name: string): Promise<ProjectSummary> {
    const opened = await createProject(resolve(path), this.author, { name });
    this.closeProject();
    this.current = { ...opened, warning: locationWarning(resolve(path)) };
    // Nothing to back up yet: the first daily backup comes with the hourly check.
    this.keepDailyBackups(opened.project, false);
    if (!resolve(path).startsWith(resolve(this.libraryDir))) this.device.rememberRecent(resolve(path));
    return this.requireSummary();
  }

  open(handle: string): Promise<ProjectSummary> {
    return this.openPath(this.pathForHandle(handle));
  }

  create(name: string): Promise<ProjectSummary> {
    const path = this.libraryPath(name);
    if (existsSync(path)) throw new AppError('exists', `There is already a project called "${name}". Choose another name.`);
    return this.createPath(path, name);
  }

  /** On first launch there is nothing to open: make a default project so the app is useful at once. */
  async openDefault(): Promise<ProjectSummary> {
    const recent = this.device.get().recent.find((p) => existsSync(p));
    if (recent) {
      try {
        return await this.openPath(recent);
      } catch {
        // fall through to the projects folder; the renderer can still list and open the others
      }
    }
    const path = this.libraryPath(DEFAULT_PROJECT_NAME);
    return existsSync(path) ? this.openPath(path) : this.createPath(path, DEFAULT_PROJECT_NAME);
  }

  check(): CheckReport {
    const project = this.requireProject();
    const rows = project.db.pragma('integrity_check') as { integrity_check: string }[];
    return {
      integrity: rows.map((r) => r.integrity_check).join('; '),
      schemaVersion: project.db.pragma('user_version', { simple: true }) as number,
      counts: projectCounts(project),
    };
  }

  /** A compact copy (VACUUM INTO) written beside, checked, then renamed into place. */
  saveCopyTo(dest: string): void {
    const project = this.requireProject();
    const target = resolve(dest);
    if (existsSync(target)) throw new AppError('exists', `A file already exists at ${basename(target)}.`);
    if (target === resolve(project.path)) throw new AppError('invalid', 'Choose a different file for the copy.');
    const tmp = `${target}.${process.pid}.saving`;
    try {
      project.db.prepare('VACUUM INTO ?').run(tmp);
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  saveCopy(name: string): ProjectEntry {
    const path = this.libraryPath(name);
    if (existsSync(path)) throw new AppError('exists', `There is already a project called "${name}". Choose another name.`);
    this.saveCopyTo(path);
    return this.list().find((e) => e.handle === handleFor(path))!;
  }

  closeProject(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = undefined;
    const closing = this.current?.project;
    this.current = null;
    if (!closing) return;
    closing.close();
    this.cleanCloses.noteClosed(closing.path);
  }
}
