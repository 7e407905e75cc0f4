import type { Preview, PreviewAction } from '../../lambdas/core/plan/preview';
import { shortLocal } from '../dates';
import { NETWORK_NAMES } from '../../lambdas/core/config/vocabulary';

const INDENT = ' '.repeat(22);

/** The human table `preview` prints: one line per action, skipped ones marked with their reason. */
export function formatPreviewTable(preview: Preview): string {
  const skipped = preview.actions.filter((a) => a.status === 'skipped').length;
  const header = `Preview ${preview.from} to ${preview.to} (${preview.timezone}): ${preview.actions.length} actions, ${skipped} skipped`;
  if (preview.actions.length === 0) return `${header}\n  (nothing scheduled)`;
  const rows = preview.actions.map((action) => formatRow(action, preview.timezone));
  return [header, '', 'When                  Kind       Id              Status', ...rows].join('\n');
}

function formatRow(action: PreviewAction, zone: string): string {
  const status = action.status === 'skipped' ? `SKIPPED (${action.reason})` : 'scheduled';
  const head = `${shortLocal(action.at, zone).padEnd(21)} ${action.kind.padEnd(10)} ${action.id.padEnd(15)} ${status}`;
  const network = action.network ? ` on ${NETWORK_NAMES[action.network]}` : '';
  const detail =
    action.kind === 'briefing'
      ? `to ${action.to}`
      : `[${action.account}${network}, ${action.length}/${action.maxLength}] ${action.text}`;
  // a Facebook text may run to several paragraphs: each line stays under its action
  return `${head}\n${INDENT}${detail.replace(/\n/g, `\n${INDENT}`)}`;
}
