import type { Random } from '../random.js'

type Schema = Record<string, unknown>

const WORDS = ['Paris', 'Lisbon', 'Oslo', 'Kyoto', 'Quito', 'Dakar', 'Perth', 'Tallinn']

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random.next() * items.length)] as T

function between(random: Random, schema: Schema, integer: boolean): number {
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : 0
  const max =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : min + 100
  const value = min + random.next() * Math.max(0, max - min)
  return integer
    ? Math.min(Math.ceil(min) + Math.floor(value - min), Math.floor(max))
    : Math.round(value * 100) / 100
}

/**
 * A value valid for a JSON schema, drawn from the seeded random: what a model would send as a
 * function call's arguments. It covers what function schemas use (objects, arrays, strings with
 * enums and lengths, numbers with bounds, booleans, const, anyOf/oneOf, nullable types); an
 * unknown or empty schema gets a short string.
 */
export function valueForSchema(schema: unknown, random: Random, depth = 0): unknown {
  if (!isSchema(schema)) return 'value'
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(random, schema.enum)
  const union = (schema.anyOf ?? schema.oneOf) as unknown
  if (Array.isArray(union) && union.length > 0) {
    // The first member that is not null: a model fills in what it can.
    const member = union.find((candidate) => !(isSchema(candidate) && candidate.type === 'null')) ?? union[0]
    return valueForSchema(member, random, depth)
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((type) => type !== 'null') : [schema.type]
  const type = types[0] ?? (isSchema(schema.properties) ? 'object' : 'string')
  switch (type) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {}
      const object: Record<string, unknown> = {}
      // Deep schemas stop at their required fields, so a recursive schema still ends.
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
      for (const [name, property] of Object.entries(properties)) {
        if (depth < 4 || required.includes(name)) object[name] = valueForSchema(property, random, depth + 1)
      }
      return object
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 2)
      const count = depth < 4 ? Math.min(max, Math.max(min, 1)) : min
      return Array.from({ length: count }, () => valueForSchema(schema.items, random, depth + 1))
    }
    case 'integer':
      return between(random, schema, true)
    case 'number':
      return between(random, schema, false)
    case 'boolean':
      return random.next() < 0.5
    case 'null':
      return null
    default: {
      let text = pick(random, WORDS)
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
      const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY
      while (text.length < minLength) text += 'x'
      return text.slice(0, maxLength)
    }
  }
}
