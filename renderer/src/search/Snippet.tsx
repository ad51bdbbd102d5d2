// A search snippet from its parts: text as text, hits in <mark>. Never markup from the host.
import { Fragment } from 'react';
import type { SnippetPart } from '../../../electron/api/contract';

export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <p className="snippet">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}
    </p>
  );
}
