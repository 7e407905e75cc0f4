/**
 * Writes docs/events/schemas/<detail-type>.schema.json, one JSON Schema per duty event's `detail`, from the
 * zod schemas the code takes its types from, so subscribers validate against exactly what is published. Run
 * after changing lambdas/core/events/event-schemas.ts: `npm run gen:event-schemas`. A test fails when they
 * are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DETAIL_TYPES, EVENT_SOURCE, type DetailType } from '../lambdas/core/events/detail-types';
import { eventSchemas } from '../lambdas/core/events/event-schemas';

export const EVENT_SCHEMA_DIR = join(__dirname, '..', 'docs', 'events', 'schemas');

/** `Sign-off Deleted` → `sign-off-deleted.schema.json` */
export function schemaFileName(detailType: DetailType): string {
  return `${detailType.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.schema.json`;
}

/**
 * Each detail-type's schema as the file holds it. Output schemas: they describe what is published, and
 * `additionalProperties: false` makes a field the schema does not name (a mention's text) a validation error.
 */
export function eventJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const detailType of DETAIL_TYPES) {
    const { $schema, ...schema } = z.toJSONSchema(eventSchemas[detailType], { io: 'output' });
    const document = {
      $schema,
      title: detailType,
      description: `The detail of the "${detailType}" event (source "${EVENT_SOURCE}"), version 1. See docs/events.md.`,
      ...schema,
    };
    files.set(schemaFileName(detailType), `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

if (require.main === module) {
  mkdirSync(EVENT_SCHEMA_DIR, { recursive: true });
  const files = eventJsonSchemas();
  // a detail-type that was renamed or dropped must not leave its old schema behind
  for (const name of readdirSync(EVENT_SCHEMA_DIR)) {
    if (name.endsWith('.schema.json') && !files.has(name)) rmSync(join(EVENT_SCHEMA_DIR, name));
  }
  for (const [name, text] of files) writeFileSync(join(EVENT_SCHEMA_DIR, name), text);
  console.log(`wrote ${files.size} schemas to ${EVENT_SCHEMA_DIR}`);
}
