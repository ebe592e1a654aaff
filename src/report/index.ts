import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';
import type { Reporter, ReportFormat } from './types.js';

export type { ReportDetails, Reporter, ReporterOptions, ReportFormat } from './types.js';

export const reporters: Record<ReportFormat, Reporter> = {
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  html: formatHtml,
};

export const reportFormats = Object.keys(reporters) as ReportFormat[];
