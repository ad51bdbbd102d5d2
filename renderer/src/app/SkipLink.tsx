// "Skip to content": the first stop for keyboard users. It moves focus without touching the
// URL fragment, which the browser host uses to hand over its token.
import type { MouseEvent } from 'react';

export const MAIN_ID = 'main';

export function SkipLink() {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  }
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      Skip to content
    </a>
  );
}
