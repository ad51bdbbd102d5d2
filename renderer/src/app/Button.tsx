// A button that is unavailable while the app is busy with a call (or when `disabled`), without
// the native `disabled` attribute: a natively disabled button drops keyboard focus to the top of
// the page, so a keyboard user would lose their place on every click. aria-disabled says the same
// thing to assistive technology, and clicks (and form submits) are refused while it holds.
import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import { useWork } from './work';

type Props = ButtonHTMLAttributes<HTMLButtonElement>;

export function Button({ disabled, onClick, className, type = 'button', ...rest }: Props) {
  const { busy } = useWork();
  const unavailable = Boolean(disabled) || busy;

  function click(event: MouseEvent<HTMLButtonElement>) {
    if (unavailable) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }

  return <button {...rest} type={type} className={className ?? 'button'} aria-disabled={unavailable || undefined} onClick={click} />;
}
