// Screens that are planned but not built yet. Each says plainly what it will hold, so nobody
// mistakes an empty page for lost data.
import type { ViewId } from '../app/views';

type PlannedView = Exclude<ViewId, 'documents' | 'framework' | 'references' | 'team'>;

const PLANNED: Record<PlannedView, { title: string; text: string }> = {
  coding: {
    title: 'Coding',
    text: 'Coding will let you mark excerpts with codes from the codebook and assess each unit of analysis per period against the framework. This screen is not built yet.',
  },
  memos: {
    title: 'Memos',
    text: 'Memos will hold your analytic notes, tied to documents, codes and assessments. This screen is not built yet.',
  },
};

export function PlaceholderScreen({ view }: { view: PlannedView }) {
  const { title, text } = PLANNED[view];
  return (
    <div>
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}
