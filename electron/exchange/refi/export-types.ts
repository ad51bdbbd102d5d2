// The parts of a project.qde that are built from several tables before they are written.

export type VariableType = 'Text' | 'Date';

export interface XVariable {
  guid: string;
  name: string;
  type: VariableType;
  description: string;
}

export interface XValue {
  variable: XVariable;
  value: string;
}

export interface XCase {
  guid: string;
  name: string;
  description: string;
  values: XValue[];
  sourceRefs: string[];
  selectionRefs: string[];
}

export interface XNote {
  guid: string;
  name: string;
  content: string;
  creatingUser?: string | undefined;
  creationDateTime?: string | undefined;
}

export interface ExportReport {
  written: Record<string, number>;
  approximated: string[];
  omitted: string[];
}

// xsd:dateTime; our timestamps are ISO strings, but a hand-edited or merged one might not be.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function dateTimeOrUndefined(s: string | null | undefined): string | undefined {
  return s && DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
}
