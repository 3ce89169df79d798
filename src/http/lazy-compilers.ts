import AjvCompiler from '@fastify/ajv-compiler';
import SerializerCompiler from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each
 * route's function compiled on its first use instead of all of them at start-up: compiling
 * ~100 routes' validators and serializers was the largest part of start-up CPU (issue 12). The
 * first request of each route pays a few milliseconds once. test/http/openapi*.test.ts and the
 * route tests exercise every schema, so a broken one still fails CI.
 */

type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type RouteSchema = { schema: Record<string, unknown>; httpPart?: string; [key: string]: unknown };

/** Fastify lower-cases header schemas for its default compiler only; do the same here. */
function lowerCaseHeaders(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (!properties) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v])),
    ...(Array.isArray(schema.required) ? { required: schema.required.map((k: string) => k.toLowerCase()) } : {}),
  };
}

function lazyValidator(compile: (route: RouteSchema) => Validate, route: RouteSchema): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data, context) => {
    compiled ??= compile(route.httpPart === 'headers' ? { ...route, schema: lowerCaseHeaders(route.schema) } : route);
    const result = compiled(data, context);
    validate.errors = compiled.errors;
    return result;
  };
  // Ajv functions carry schemaEnv; Fastify then passes the parent object so that defaults and
  // coercion may replace the root value.
  validate.schemaEnv = true;
  return validate;
}

export function lazyValidatorFactory() {
  const factory = AjvCompiler();
  return (externalSchemas: unknown, options: unknown) => {
    const compile = (factory as unknown as (s: unknown, o: unknown) => (route: RouteSchema) => Validate)(
      externalSchemas,
      options,
    );
    return (route: RouteSchema) => lazyValidator(compile, route);
  };
}

export function lazySerializerFactory() {
  const factory = SerializerCompiler();
  return (externalSchemas: unknown, options: unknown) => {
    const compile = (
      factory as unknown as (s: unknown, o: unknown) => (route: RouteSchema) => (data: unknown) => string
    )(externalSchemas, options);
    return (route: RouteSchema) => {
      let compiled: ((data: unknown) => string) | undefined;
      return (data: unknown) => (compiled ??= compile(route))(data);
    };
  };
}
