import { readFileSync } from 'node:fs';

/**
 * A validator for the JSON-schema subset the X OpenAPI 3.0 document uses: type (with nullable), properties,
 * required, additionalProperties, items, enum, pattern, min/max length and items, minimum/maximum,
 * format date-time, $ref, oneOf, anyOf, allOf. Small on purpose: the contract tests must show exactly
 * what is checked, and ajv is only a transitive dependency of eslint here.
 */

export type Schema = { [keyword: string]: unknown };

interface MediaType {
  schema?: Schema;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export class OpenApiValidator {
  constructor(private readonly document: OpenApiDocument) {}

  static fromFile(path: string): OpenApiValidator {
    return new OpenApiValidator(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** `#/components/schemas/<name>` as a schema to validate against */
  component(name: string): Schema {
    if (!this.document.components.schemas[name]) throw new Error(`no schema ${name} in the document`);
    return { $ref: `#/components/schemas/${name}` };
  }

  /** the schema the document gives for this response: the exact status, else `default` */
  responseSchema(pathTemplate: string, method: string, status: number, contentType: string): Schema {
    const operation = this.document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation) throw new Error(`no operation ${method} ${pathTemplate} in the document`);
    const response = operation.responses?.[String(status)] ?? operation.responses?.['default'];
    const mediaType = contentType.split(';')[0]?.trim() ?? '';
    const schema = response?.content?.[mediaType]?.schema;
    if (!schema) throw new Error(`no ${mediaType} schema for ${status} of ${method} ${pathTemplate}`);
    return schema;
  }

  validateResponse(
    pathTemplate: string,
    method: string,
    status: number,
    contentType: string,
    body: unknown,
  ): string[] {
    return this.validate(this.responseSchema(pathTemplate, method, status, contentType), body);
  }

  /** every violation found, as `<json pointer>: <problem>`; empty when the value fits */
  validate(schema: Schema, value: unknown, at = ''): string[] {
    if (typeof schema['$ref'] === 'string') return this.validate(this.resolve(schema['$ref']), value, at);
    if (value === null && schema['nullable'] === true) return [];

    const errors: string[] = [];
    const where = at || '/';
    if (Array.isArray(schema['allOf'])) {
      for (const part of schema['allOf'] as Schema[]) errors.push(...this.validate(part, value, at));
    }
    if (Array.isArray(schema['anyOf'])) {
      const options = schema['anyOf'] as Schema[];
      if (!options.some((option) => this.validate(option, value, at).length === 0)) {
        errors.push(`${where}: matches none of the anyOf schemas`);
      }
    }
    if (Array.isArray(schema['oneOf'])) {
      const matching = (schema['oneOf'] as Schema[]).filter(
        (option) => this.validate(option, value, at).length === 0,
      );
      if (matching.length !== 1)
        errors.push(`${where}: matches ${matching.length} of the oneOf schemas, not exactly 1`);
    }
    if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) {
      errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
    }
    if (typeof schema['type'] === 'string' && !hasType(value, schema['type'])) {
      errors.push(`${where}: expected ${schema['type']}, got ${describe(value)}`);
      return errors;
    }
    if (typeof value === 'string') errors.push(...checkString(schema, value, where));
    if (typeof value === 'number') errors.push(...checkNumber(schema, value, where));
    if (Array.isArray(value)) errors.push(...this.checkArray(schema, value, at));
    else if (typeof value === 'object' && value !== null) {
      errors.push(...this.checkObject(schema, value as Record<string, unknown>, at));
    }
    return errors;
  }

  private checkArray(schema: Schema, value: unknown[], at: string): string[] {
    const errors: string[] = [];
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) {
      errors.push(`${at || '/'}: fewer than ${schema['minItems']} items`);
    }
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) {
      errors.push(`${at || '/'}: more than ${schema['maxItems']} items`);
    }
    const items = schema['items'] as Schema | undefined;
    if (items) value.forEach((item, index) => errors.push(...this.validate(items, item, `${at}/${index}`)));
    return errors;
  }

  private checkObject(schema: Schema, value: Record<string, unknown>, at: string): string[] {
    const errors: string[] = [];
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (schema['required'] ?? []) as string[]) {
      if (!(name in value)) errors.push(`${at}/${name}: required property is missing`);
    }
    for (const [name, property] of Object.entries(value)) {
      const propertySchema = properties[name];
      if (propertySchema) errors.push(...this.validate(propertySchema, property, `${at}/${name}`));
      else if (schema['additionalProperties'] === false)
        errors.push(`${at}/${name}: property is not allowed`);
      else if (typeof schema['additionalProperties'] === 'object') {
        errors.push(...this.validate(schema['additionalProperties'] as Schema, property, `${at}/${name}`));
      }
    }
    return errors;
  }

  /**
   * X answers auth, rate-limit and duplicate failures with `about:blank` problems, which the document's
   * Problem union does not list (every variant pins `type` to its own URI). This schema is what all those
   * variants have in common: the properties every one declares, `type` freed from its enum, and the
   * properties every one requires.
   */
  commonProblemSchema(): Schema {
    const variants = ((this.document.components.schemas['Problem']?.['oneOf'] ?? []) as Schema[]).map(
      (variant) => this.resolve(String(variant['$ref'])),
    );
    if (variants.length === 0) throw new Error('the document has no Problem variants');
    const propertySets = variants.map((variant) => (variant['properties'] ?? {}) as Record<string, Schema>);
    const requiredSets = variants.map((variant) => new Set((variant['required'] ?? []) as string[]));
    const shared = Object.keys(propertySets[0] ?? {}).filter((name) =>
      propertySets.every((set) => name in set),
    );
    const properties = Object.fromEntries(
      shared.map((name) => {
        const { enum: _pinned, ...rest } = propertySets[0]?.[name] ?? {};
        return [name, rest];
      }),
    );
    const required = shared.filter((name) => requiredSets.every((set) => set.has(name)));
    return { type: 'object', properties, required };
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
    let target: unknown = this.document;
    for (const segment of ref.slice(2).split('/')) {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (typeof target !== 'object' || target === null) throw new Error(`unresolved reference ${ref}`);
    return target as Schema;
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function checkString(schema: Schema, value: string, where: string): string[] {
  const errors: string[] = [];
  if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) {
    errors.push(`${where}: shorter than ${schema['minLength']}`);
  }
  if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) {
    errors.push(`${where}: longer than ${schema['maxLength']}`);
  }
  if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
    errors.push(`${where}: ${JSON.stringify(value)} does not match ${schema['pattern']}`);
  }
  if (schema['format'] === 'date-time' && !(RFC3339.test(value) && !Number.isNaN(Date.parse(value)))) {
    errors.push(`${where}: ${JSON.stringify(value)} is not an RFC 3339 date-time`);
  }
  return errors;
}

function checkNumber(schema: Schema, value: number, where: string): string[] {
  const errors: string[] = [];
  if (typeof schema['minimum'] === 'number' && value < schema['minimum']) {
    errors.push(`${where}: below the minimum ${schema['minimum']}`);
  }
  if (typeof schema['maximum'] === 'number' && value > schema['maximum']) {
    errors.push(`${where}: above the maximum ${schema['maximum']}`);
  }
  return errors;
}
