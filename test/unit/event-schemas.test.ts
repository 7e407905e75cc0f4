import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { DETAIL_TYPES, type DetailType } from '../../lambdas/core/events/detail-types';
import { dutyEventFrom } from '../../lambdas/core/events/duty-events';
import { eventSchemas } from '../../lambdas/core/events/event-schemas';
import type { AuditEvent, AuditRecord } from '../../lambdas/ports/state';
import { EVENT_SCHEMA_DIR, eventJsonSchemas, schemaFileName } from '../../scripts/generate-event-schemas';

const AUDIT_EVENTS: AuditEvent[] = [
  'posted',
  'skipped',
  'failed',
  'deleted',
  'stuck',
  'alert',
  'urgent',
  'acknowledged',
  'escalated',
  'briefing',
  'sweep',
  'source-failing',
  'source-recovered',
  'pause',
  'resume',
];

/** the JSON Schemas as committed, compiled with ajv 8 (draft 2020-12, as z.toJSONSchema writes them) */
function committedValidators(): Map<DetailType, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return new Map(
    DETAIL_TYPES.map((detailType) => [
      detailType,
      ajv.compile(JSON.parse(readFileSync(join(EVENT_SCHEMA_DIR, schemaFileName(detailType)), 'utf8'))),
    ]),
  );
}

describe('the events’ JSON Schemas in docs/events/schemas', () => {
  it('are up to date with the zod schemas (run `npm run gen:event-schemas`)', () => {
    for (const [name, text] of eventJsonSchemas()) {
      expect({ name, text: readFileSync(join(EVENT_SCHEMA_DIR, name), 'utf8') }).toEqual({ name, text });
    }
  });

  it('are one per detail-type, with nothing left over from a detail-type that has gone', () => {
    const committed = readdirSync(EVENT_SCHEMA_DIR).filter((name) => name.endsWith('.json'));
    expect(committed.sort()).toEqual(DETAIL_TYPES.map(schemaFileName).sort());
  });

  it('each name its detail-type and refuse a field they do not declare', () => {
    const validators = committedValidators();
    for (const detailType of DETAIL_TYPES) {
      const schema = JSON.parse(readFileSync(join(EVENT_SCHEMA_DIR, schemaFileName(detailType)), 'utf8')) as {
        title: string;
        additionalProperties: unknown;
      };
      expect(schema.title).toBe(detailType);
      expect(schema.additionalProperties).toBe(false);
    }
    const validate = validators.get('Source Recovered');
    const detail = {
      version: 1,
      eventId: 'e',
      at: '2026-12-26T02:05:09.412Z',
      configVersion: 'v',
      sourceId: 'x-mentions',
    };
    expect(validate?.(detail)).toBe(true);
    expect(validate?.({ ...detail, text: 'a mention’s words' })).toBe(false);
    expect(validate?.({ ...detail, version: 2 })).toBe(false);
  });
});

const instant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const detailValue = fc.oneof(fc.string(), fc.integer({ min: -5, max: 500 }), fc.double(), fc.boolean());
const detailKeys = fc.constantFrom(
  'reason',
  'tweetId',
  'account',
  'mentions',
  'concerns',
  'to',
  'source',
  'url',
  'recipients',
  'rules',
  'lexicon',
  'by',
  'step',
  'posts',
  'failures',
  'error',
  'until',
  'was',
  'mode',
  'found',
  'urgent',
  'alerted',
  'held',
  'failedSources',
  // what a record must never pass on
  'text',
  'author',
);

const auditRecord: fc.Arbitrary<AuditRecord> = fc.record(
  {
    at: instant,
    event: fc.constantFrom(...AUDIT_EVENTS),
    subject: fc.oneof(fc.constantFrom('pals', 'closing', 'sweep', 'x#1872', 'feed#tag:1'), fc.string()),
    scheduledTime: instant,
    configVersion: fc.string({ minLength: 1 }),
    detail: fc.dictionary(detailKeys, detailValue),
  },
  { requiredKeys: ['at', 'event', 'subject', 'configVersion'] },
);

describe('every event dutyEventFrom makes', () => {
  const validators = committedValidators();

  it('is valid against its zod schema and its committed JSON Schema, whatever the record held', () => {
    fc.assert(
      fc.property(auditRecord, (record) => {
        const event = dutyEventFrom(record);
        if (!event) return;
        const zodResult = eventSchemas[event.detailType].strict().safeParse(event.detail);
        expect(zodResult.error?.issues ?? []).toEqual([]);
        const validate = validators.get(event.detailType);
        const valid = validate?.(event.detail);
        expect(validate?.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is made for every audit event but a briefing attempt without a recipient', () => {
    const seen = new Set<DetailType>();
    for (const event of AUDIT_EVENTS) {
      const made = dutyEventFrom({
        at: '2026-12-26T02:05:09.412Z',
        event,
        subject: 's',
        configVersion: 'v',
        detail: { to: 'sam@trust' },
      });
      if (made) seen.add(made.detailType);
    }
    // Mention Alerted is the sweep's alert email, and every detail-type has an audit record behind it
    expect([...seen].sort()).toEqual([...DETAIL_TYPES].sort());
  });
});
