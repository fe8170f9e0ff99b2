import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

type Json = Record<string, unknown>

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * OpenAPI 3.0's `nullable: true` survives in this 3.1 spec; JSON Schema has no such keyword, so it
 * becomes `anyOf: [schema, { type: 'null' }]`. The spec also writes `allOf: [X, { nullable: true }]`
 * for "X or null": the nullable member is lifted out the same way.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (!isPlainObject(node)) return node
  let schema: Json = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, toJsonSchema(value)]),
  )
  let nullable = schema.nullable === true
  delete schema.nullable
  if (Array.isArray(schema.allOf)) {
    const members = schema.allOf as unknown[]
    const isNullableMarker = (member: unknown) =>
      isPlainObject(member) &&
      Object.keys(member).length === 1 &&
      member.anyOf !== undefined &&
      isNullOnlyUnion(member)
    if (members.some(isNullableMarker)) {
      nullable = true
      schema = { ...schema, allOf: members.filter((member) => !isNullableMarker(member)) }
    }
  }
  return nullable ? { anyOf: [schema, { type: 'null' }] } : schema
}

/** What `{ nullable: true }` alone turned into: anything or null. */
function isNullOnlyUnion(member: Json): boolean {
  const anyOf = member.anyOf as unknown[]
  return anyOf.length === 2 && isPlainObject(anyOf[0]) && Object.keys(anyOf[0]).length === 0
}

const parsed = new Map<string, { components: { schemas: Record<string, unknown> } }>()

export interface SpecValidator {
  /** Throws with Ajv's errors when `data` does not match `components.schemas[name]`. */
  check(name: string, data: unknown): void
}

/**
 * Loads the official spec and compiles its component schemas with Ajv (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses). `relax` edits the schemas where real servers, as recorded, differ from the spec.
 */
export function loadSpec(path: string, relax: (schemas: Record<string, Json>) => void): SpecValidator {
  // toJsonSchema copies, so the parsed document (3 MB of YAML, seconds to parse) is shared.
  let document = parsed.get(path)
  if (!document) {
    document = parse(readFileSync(path, 'utf8')) as { components: { schemas: Record<string, unknown> } }
    parsed.set(path, document)
  }
  const schemas = toJsonSchema(document.components.schemas) as Record<string, Json>
  relax(schemas)
  // strict: false lets the vendor keywords through (x-oaiMeta, x-stainless-const, discriminator...).
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  for (const format of ['unixtime', 'int64', 'double', 'float', 'binary']) ajv.addFormat(format, true)
  ajv.addSchema({ $id: 'openapi.json', components: { schemas } })
  const cache = new Map<string, ValidateFunction>()
  return {
    check(name, data) {
      let validate = cache.get(name)
      if (!validate) {
        validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`)
        if (!validate) throw new Error(`No schema named ${name} in the spec`)
        cache.set(name, validate)
      }
      if (!validate(data)) {
        throw new Error(
          `${name} does not match the spec: ${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(data).slice(0, 800)}`,
        )
      }
    },
  }
}
