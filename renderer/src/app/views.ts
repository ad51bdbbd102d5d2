// The screens of the main navigation, in the order a study moves through them.
export const VIEWS = [
  { id: 'documents', label: 'Documents' },
  { id: 'coding', label: 'Coding' },
  { id: 'framework', label: 'Framework' },
  { id: 'references', label: 'References' },
  { id: 'memos', label: 'Memos' },
  { id: 'team', label: 'Team' },
  { id: 'exchange', label: 'Exchange' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** A study starts from its documents, so a project opens there. */
export const FIRST_VIEW: ViewId = 'documents';
