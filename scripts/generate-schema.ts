/**
 * Writes config/social-duty.schema.json from the zod schema, for editor completion and inline errors
 * (yaml-language-server). Run after changing the schema: `npm run gen:schema`. A test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configSchema } from '../lambdas/core/config/schema';

export const SCHEMA_FILE = join(__dirname, '..', 'config', 'social-duty.schema.json');

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'social-duty configuration' }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, configJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
