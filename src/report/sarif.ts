import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditError, AuditFinding, AuditResult } from '../audit/types.js';
import { RULE_CATALOGUE, RULE_DOCS_BASE, riskCategoryOf, ruleDocsUrl, ruleIds, type RuleId } from '../catalogue/rules.js';
import { packageJson } from '../package-info.js';
import type { RiskLevel } from '../catalogue/categories.js';
import { BASE_LEVEL } from '../risk/rating-table.js';
import { REMEDIES } from '../risk/remedies.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help text and default level, every
 * finding with a relative location under %SRCROOT% and a partial fingerprint (the audit's own,
 * stable across unrelated edits), files that could not be audited as tool execution notifications.
 */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = RULE_DOCS_BASE.replace(/\/blob\/main\/docs\/rules\/$/, '');
export const FINGERPRINT_KEY = 'spawnguard/v1';
const SRCROOT = '%SRCROOT%';

const SARIF_LEVEL: Record<RiskLevel, 'error' | 'warning' | 'note'> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note' };
/** GitHub's severity property for non-security queries. */
const PROBLEM_SEVERITY: Record<RiskLevel, 'error' | 'warning' | 'recommendation'> = {
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'recommendation',
};

function ruleDescriptor(id: RuleId): ReportingDescriptor {
  const category = riskCategoryOf(id);
  const level = BASE_LEVEL[category.impact][category.isolation];
  const helpUri = ruleDocsUrl(id);
  const description = RULE_CATALOGUE[id].description;
  const fix = category.fixable === 'codemod' ? '`spawnguard fix` rewrites it.' : 'Fix it by hand.';
  const remedy = REMEDIES[id].default;
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: `${description} Crash impact: ${category.impact}; isolation: ${category.isolation}. ${fix}` },
    helpUri,
    help: {
      text: `${remedy} See ${helpUri}`,
      markdown: `**What to do:** ${remedy}\n\n${fix}\n\n[Rule documentation](${helpUri})`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[level] },
    properties: {
      tags: ['reliability', 'spawnguard', category.impact],
      precision: RULE_CATALOGUE[id].requiresTypeChecking ? 'very-high' : 'high',
      'problem.severity': PROBLEM_SEVERITY[level],
    },
  };
}

function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function result(finding: AuditFinding, ruleIndex: number): Result {
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  const endLine = Math.max(startLine, finding.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, finding.endColumn) : Math.max(1, finding.endColumn);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: SARIF_LEVEL[finding.risk],
    message: {
      text: `${finding.message} (${finding.risk}: ${finding.impact}, isolation ${finding.isolation}, in ${finding.component}). Fix: ${finding.remedy}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(finding.file), uriBaseId: SRCROOT },
          region: { startLine, startColumn, endLine, endColumn },
        },
        logicalLocations: [{ fullyQualifiedName: finding.component }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      component: finding.component,
      impact: finding.impact,
      isolation: finding.isolation,
      risk: finding.risk,
      fixable: finding.fixable,
    },
  };
}

function notification(error: AuditError): Notification {
  return {
    level: 'error',
    message: { text: `Could not audit ${error.file}: ${error.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(error.file), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, error.line), startColumn: Math.max(1, error.column) },
        },
      },
    ],
  };
}

export function formatSarif(audit: AuditResult): string {
  const ids: string[] = [...ruleIds];
  const root = audit.root.endsWith('/') ? audit.root : `${audit.root}/`;
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spawnguard',
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: audit.errors.map(notification),
          },
        ],
        results: audit.findings.map((finding) => result(finding, ids.indexOf(finding.ruleId))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
