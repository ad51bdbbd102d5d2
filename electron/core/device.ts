// Facts about this machine and its user that do not belong in any one project file: the device
// id that stamps changes (two colleagues' copies of one file must never share it), who the local
// coder is, and which projects were opened recently. Kept as JSON in the app's data folder.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { isDeviceId } from './hlc.js';

const settingsSchema = z.object({
  deviceId: z.string().refine(isDeviceId),
  coderId: z.uuid(),
  coderName: z.string().min(1).max(200),
  recent: z.array(z.string()).max(20).default([]),
});

export type DeviceSettings = z.infer<typeof settingsSchema>;

/** The app's data folder: FIELD_CODER_HOME wins (tests, portable use), then the OS convention. */
export function defaultDataDir(): string {
  if (process.env.FIELD_CODER_HOME) return process.env.FIELD_CODER_HOME;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Field Coder');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Field Coder');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'field-coder');
}

function localUserName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}

export class DeviceStore {
  readonly file: string;
  private settings: DeviceSettings;

  constructor(readonly dataDir: string = defaultDataDir()) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'device.json');
    this.settings = this.load();
  }

  private load(): DeviceSettings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      const fresh: DeviceSettings = {
        deviceId: randomBytes(8).toString('hex'),
        coderId: randomUUID(),
        coderName: localUserName(),
        recent: [],
      };
      this.write(fresh);
      return fresh;
    }
  }

  private write(s: DeviceSettings): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(s, null, 2));
    renameSync(tmp, this.file);
  }

  get(): Readonly<DeviceSettings> {
    return this.settings;
  }

  update(patch: Partial<Pick<DeviceSettings, 'coderName' | 'recent'>>): void {
    this.settings = settingsSchema.parse({ ...this.settings, ...patch });
    this.write(this.settings);
  }

  rememberRecent(path: string): void {
    const recent = [path, ...this.settings.recent.filter((p) => p !== path)].slice(0, 10);
    this.update({ recent });
  }
}
