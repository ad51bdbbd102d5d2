// citeproc-js ships no types; only what Field Coder uses is declared.
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  interface Engine {
    cslXml: { dataObj?: { attrs?: { class?: string } } };
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): unknown;
    makeBibliography(): unknown;
  }
  /** `this` of its case functions: an engine's state, with the languages it formats in. */
  interface CaseState {
    tmp?: { lang_array?: unknown };
  }
  const CSL: {
    Engine: new (sys: Sys, style: string, lang?: string, forceLang?: boolean) => Engine;
    toLocaleLowerCase(this: CaseState, s: string): string;
    toLocaleUpperCase(this: CaseState, s: string): string;
  };
  export default CSL;
}
