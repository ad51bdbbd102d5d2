// Project files report their modification time as an ISO string; people read a local date.
export function formatModified(modified: string, locale?: string): string {
  const date = new Date(modified);
  if (Number.isNaN(date.getTime())) return modified;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
