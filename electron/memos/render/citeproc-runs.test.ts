import { describe, expect, it } from 'vitest';
import { citeprocHtmlToRuns } from './citeproc-runs.js';

describe('citeproc html to runs', () => {
  it('keeps italics, including a roman title inside an italic one', () => {
    expect(
      citeprocHtmlToRuns(
        'Markowitz, <i>&#60;script&#62; &#38; <span style="font-style:normal;">State</span> Erosion</i> (Ithaca, 2013), 24.',
      ),
    ).toEqual([
      { text: 'Markowitz, ' },
      { text: '<script> & ', italic: true },
      { text: 'State' },
      { text: ' Erosion', italic: true },
      { text: ' (Ithaca, 2013), 24.' },
    ]);
  });
  it('reads small caps, bold and superscript, and trims bibliography divs', () => {
    expect(
      citeprocHtmlToRuns('  <div class="csl-entry"><span style="font-variant:small-caps;">Doe</span> <b>5</b><sup>th</sup></div>\n'),
    ).toEqual([{ text: 'Doe', smallCaps: true }, { text: ' ' }, { text: '5', bold: true }, { text: 'th', sup: true }]);
  });
  it('leaves a stray closing tag harmless', () => {
    expect(citeprocHtmlToRuns('a</i>b')).toEqual([{ text: 'ab' }]);
  });
});
