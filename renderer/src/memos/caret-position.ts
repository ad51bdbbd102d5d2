// Where the caret sits inside a textarea, in pixels from its top-left corner, so the citation
// list can open next to what is being typed. A hidden copy of the textarea with the same box
// and font lays out the text up to the caret and reports where it ends. Styles are set through
// the CSSOM, which the content security policy allows (inline style attributes it does not).
const COPIED = [
  'boxSizing',
  'width',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'tabSize',
  'textIndent',
  'wordSpacing',
] as const;

export function caretPosition(area: HTMLTextAreaElement, caret: number): { top: number; left: number } {
  const mirror = document.createElement('div');
  const computed = window.getComputedStyle(area);
  for (const prop of COPIED) mirror.style[prop] = computed[prop];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.overflowWrap = 'break-word';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.textContent = area.value.slice(0, caret);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.body.append(mirror);
  const lineHeight = parseFloat(computed.lineHeight) || parseFloat(computed.fontSize) * 1.4;
  const position = { top: marker.offsetTop - area.scrollTop + lineHeight, left: marker.offsetLeft - area.scrollLeft };
  mirror.remove();
  return position;
}
