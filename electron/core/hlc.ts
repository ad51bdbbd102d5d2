// A hybrid logical clock. Every row carries the stamp of its last change so that copies of a
// project edited apart can be merged field by field (issue 6). A stamp is a string that sorts
// in causal order: ISO wall time, a counter for changes within one millisecond, the device id.
//   2026-11-23T08:57:38.123Z-0001-4f2a9c0d1e2b3a4c

const MAX_DRIFT_MS = 5 * 60 * 1000;
const MAX_COUNTER = 0xffff;

export interface ParsedStamp {
  millis: number;
  counter: number;
  device: string;
}

export function formatStamp(p: ParsedStamp): string {
  return `${new Date(p.millis).toISOString()}-${p.counter.toString(16).padStart(4, '0')}-${p.device}`;
}

const STAMP_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function parseStamp(stamp: string): ParsedStamp | null {
  const m = STAMP_RE.exec(stamp);
  if (!m) return null;
  const millis = Date.parse(m[1]!);
  if (Number.isNaN(millis)) return null;
  return { millis, counter: parseInt(m[2]!, 16), device: m[3]! };
}

export function isDeviceId(s: string): boolean {
  return /^[0-9a-f]{16}$/.test(s);
}

export class HybridClock {
  private millis = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!isDeviceId(device)) throw new Error(`bad device id: ${device}`);
  }

  /** A new stamp for a local change: later than every stamp this clock has sent or seen. */
  next(): string {
    const wall = this.now();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.counter++;
      if (this.counter > MAX_COUNTER) {
        // Too many changes in one millisecond: borrow the next millisecond.
        this.millis++;
        this.counter = 0;
      }
    }
    return formatStamp({ millis: this.millis, counter: this.counter, device: this.device });
  }

  /** Takes note of a stamp made elsewhere (read from a file or received in a merge). */
  observe(stamp: string): void {
    const p = parseStamp(stamp);
    if (!p) return;
    if (p.millis - this.now() > MAX_DRIFT_MS) return; // a clock far in the future is not trusted
    if (p.millis > this.millis || (p.millis === this.millis && p.counter > this.counter)) {
      this.millis = p.millis;
      this.counter = p.counter;
    }
  }
}
