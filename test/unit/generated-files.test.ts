import { readFileSync } from 'node:fs';
import { configJsonSchema, SCHEMA_FILE } from '../../scripts/generate-schema';
import { extractGbHolidays, GB_HOLIDAYS_FILE } from '../../scripts/extract-gb-holidays';
import { sampleConfigText } from '../support/example-config';

describe('generated files are up to date', () => {
  it('config/social-duty.schema.json matches the zod schema (run `npm run gen:schema`)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(configJsonSchema());
  });

  it('the bundled GB bank holiday data matches date-holidays (run `npm run gen:holidays`)', () => {
    expect(readFileSync(GB_HOLIDAYS_FILE, 'utf8')).toBe(extractGbHolidays());
  });

  it('the sample config points editors at the schema', () => {
    expect(sampleConfigText().split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./social-duty.schema.json',
    );
  });
});
