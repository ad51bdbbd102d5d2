// A small square in an outcome's colour. Decorative: the outcome's name is always written beside it.
// The colour is set through React's style prop (CSSOM), which the CSP's style-src allows.
export function OutcomeSwatch({ color }: { color: string }) {
  return <span className="swatch" aria-hidden="true" style={{ backgroundColor: color }} />;
}
