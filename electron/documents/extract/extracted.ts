// What every extractor returns: plain text (not yet NFC-normalised; the caller does that), an
// optional title found inside the file, and short notes about what was left out or guessed.

export interface Extracted {
  text: string;
  title?: string;
  /** Short lower-case phrases shown to the researcher, e.g. "tracked deletions were left out". */
  warnings: string[];
}
