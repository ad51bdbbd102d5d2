// Buttons that put a live block into the memo at the caret: tables and quotations the host
// builds from the project's data each time the memo is shown or exported.
import { useState } from 'react';
import { Button } from '../app/Button';
import { outcomesDirective } from './directives';
import { EvidencePicker, ExcerptPicker, MatrixPicker } from './InsertPickers';

type Picker = 'matrix' | 'excerpt' | 'evidence' | null;

export function InsertToolbar({ onInsert }: { onInsert(line: string): void }) {
  const [picker, setPicker] = useState<Picker>(null);
  const insert = (line: string) => {
    setPicker(null);
    onInsert(line);
  };
  const close = () => setPicker(null);
  return (
    <div role="group" aria-label="Insert live block" className="button-row memo-insert">
      <span className="quiet">Insert:</span>
      <Button className="button small" onClick={() => onInsert(outcomesDirective())}>
        Table 1 (outcomes)
      </Button>
      <Button className="button small" aria-haspopup="dialog" onClick={() => setPicker('matrix')}>
        Table 2 (matrix)
      </Button>
      <Button className="button small" aria-haspopup="dialog" onClick={() => setPicker('excerpt')}>
        Quote excerpt
      </Button>
      <Button className="button small" aria-haspopup="dialog" onClick={() => setPicker('evidence')}>
        Evidence for a cell
      </Button>
      {picker === 'matrix' && <MatrixPicker onInsert={insert} onClose={close} />}
      {picker === 'excerpt' && <ExcerptPicker onInsert={insert} onClose={close} />}
      {picker === 'evidence' && <EvidencePicker onInsert={insert} onClose={close} />}
    </div>
  );
}
