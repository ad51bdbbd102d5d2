// Exporting a memo: render it with the redaction list, then write Markdown (with its CSL-JSON
// bibliography beside it), DOCX, HTML or PDF. Identities are never read on this path: citations
// of interviews carry role, place and year only (see render/citables.ts).
import type { Project } from '../project/project.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../core/paths.js';
import { STYLES, type StyleName } from './cite.js';
import { memoToDocx } from './export/docx.js';
import { memoToHtml } from './export/html.js';
import { memoToMarkdown } from './export/markdown.js';
import { htmlToPdf } from './export/pdf.js';
import { getMemo } from './memo-service.js';
import type { ExportFile, ExportFormat, MemoExport } from './render/model.js';
import { renderMemo } from './render/render-memo.js';
import { redactionList } from './redaction-list.js';

export interface ExportOptions {
  format: ExportFormat;
  style?: StyleName;
  /** Overrides the project's redaction list for this export. */
  redact?: string[];
  /** How to print HTML to PDF: Electron's printToPDF in the app, headless Chromium elsewhere. */
  printPdf?: (html: string) => Promise<{ pdf: Uint8Array; via: string }>;
  /** File name without extension; by default made from the memo's title. */
  baseName?: string;
}

/** A file name from a memo title: letters, digits, spaces and dashes only, never a path. */
export function fileBase(title: string): string {
  const s = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return s || 'memo';
}

const file = (fileName: string, mime: string, data: Uint8Array | string): ExportFile => ({
  fileName,
  mime,
  base64: Buffer.from(data).toString('base64'),
});

async function chromiumPdf(html: string): Promise<{ pdf: Uint8Array; via: string }> {
  const { pdf, chromium } = await htmlToPdf(html);
  return { pdf, via: `headless Chromium (${chromium})` };
}

export async function exportMemo(project: Project, memoId: string, opts: ExportOptions): Promise<MemoExport> {
  const memo = getMemo(project, memoId);
  const style = opts.style ?? 'chicago';
  const rendered = renderMemo(project, { title: memo.title, body: memo.body, style, redact: opts.redact ?? redactionList(project) });
  const base = opts.baseName ? fileBase(opts.baseName) : fileBase(memo.title);
  const notes: string[] = [];
  let files: ExportFile[];
  switch (opts.format) {
    case 'md': {
      const { markdown, csljson } = memoToMarkdown(rendered, { bibliographyFile: `${base}.json`, style });
      // The style file travels with the memo (its front matter names it; CC BY-SA allows it).
      files = [
        file(`${base}.md`, 'text/markdown', markdown),
        file(`${base}.json`, 'application/vnd.citationstyles.csl+json', csljson),
        file(STYLES[style], 'application/vnd.citationstyles.style+xml', readFileSync(join(resourcesDir(), 'csl', STYLES[style]))),
      ];
      notes.push(`The citations stay as Pandoc keys; run pandoc --citeproc ${base}.md beside ${base}.json and ${STYLES[style]}.`);
      break;
    }
    case 'docx':
      files = [file(`${base}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', memoToDocx(rendered))];
      break;
    case 'html':
      files = [file(`${base}.html`, 'text/html', memoToHtml(rendered))];
      break;
    case 'pdf': {
      const { pdf, via } = await (opts.printPdf ?? chromiumPdf)(memoToHtml(rendered));
      files = [file(`${base}.pdf`, 'application/pdf', pdf)];
      notes.push(`PDF printed by ${via}.`);
      break;
    }
  }
  return {
    files,
    report: {
      format: opts.format,
      citations: rendered.clusters.filter((c) => c.formatted.length).length,
      items: rendered.items.length,
      unresolved: rendered.unresolved,
      redactions: rendered.redactions,
      notes,
    },
  };
}
