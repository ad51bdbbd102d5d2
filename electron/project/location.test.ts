import { describe, expect, it } from 'vitest';
import { locationWarning } from './location.js';

describe('where a project is kept', () => {
  it('warns about sync services and network shares, not about ordinary folders', () => {
    expect(locationWarning('/home/ana/Dropbox/fieldwork/Tajikistan.fieldcoder')).toMatch(/Dropbox folder/);
    expect(locationWarning('/Users/ana/Library/CloudStorage/OneDrive-Uni/T.fieldcoder')).toMatch(/CloudStorage|OneDrive/);
    expect(locationWarning('/home/ana/Nextcloud/T.fieldcoder')).toMatch(/Nextcloud/);
    expect(locationWarning('/home/ana/Documents/fieldwork/Tajikistan.fieldcoder')).toBeNull();
    expect(locationWarning('/home/ana/Dropboxes-old/T.fieldcoder')).toBeNull();
  });
});
