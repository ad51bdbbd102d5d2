// The memo's saved versions, newest first. Restoring one asks first; the host keeps the current
// text as a version before it restores, so nothing typed is lost either way.
import { useEffect, useState } from 'react';
import type { MemoVersion } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { ProblemAlert } from '../app/ProblemAlert';
import { useWork } from '../app/work';
import { Dialog } from '../coding/Dialog';

interface Props {
  memoId: string;
  /** Changes whenever a version may have been added. */
  reload: number;
  /** Resolves true once restored; the dialog stays open (with the alert) if not. */
  onRestore(version: MemoVersion): Promise<boolean>;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const wordCount = (s: string) => s.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
const opening = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat || '(empty)';
};

export function VersionHistory({ memoId, reload, onRestore }: Props) {
  const { run } = useWork();
  const [versions, setVersions] = useState<MemoVersion[] | null>(null);
  const [confirming, setConfirming] = useState<MemoVersion | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('memos.versions', { id: memoId });
      if (current) setVersions(list);
    });
    return () => {
      current = false;
    };
  }, [run, memoId, reload]);

  return (
    <section aria-label="Versions" className="memo-versions">
      <h4>Versions</h4>
      {versions?.length === 0 && <p className="quiet">No versions yet.</p>}
      <ol className="version-list">
        {(versions ?? []).map((v) => (
          <li key={v.id}>
            <p className="version-head">
              <time dateTime={v.savedAt}>{when(v.savedAt)}</time> <span className="quiet">· {wordCount(v.body)} words</span>
            </p>
            <p className="version-text">{opening(v.body)}</p>
            <Button className="button small" aria-label={`Restore the version of ${when(v.savedAt)}`} onClick={() => setConfirming(v)}>
              Restore
            </Button>
          </li>
        ))}
      </ol>
      {confirming && (
        <Dialog label="Restore this version?" onClose={() => setConfirming(null)}>
          <ProblemAlert />
          <p>
            The memo goes back to the text saved {when(confirming.savedAt)}. The text it has now is kept as a version, so you can return to
            it.
          </p>
          <div className="button-row">
            <Button
              onClick={() =>
                void onRestore(confirming).then((done) => {
                  if (done) setConfirming(null);
                })
              }
            >
              Restore this version
            </Button>
            <Button className="button subtle" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
