import type { Metadata } from '@runlens/client'
import { badRequest, MALFORMED_JSON } from './errors.js'

/*
 * Request checks with the real API's wording (`Invalid type for 'x': expected ...`), each throwing
 * a SimulatorError before the handler changes anything.
 */

export type Body = Record<string, unknown>

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

const invalidType = (param: string, expected: string, value: unknown) =>
  badRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`,
    param,
    'invalid_type',
  )

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The JSON object of a request body; an empty body counts as `{}`, as on the real API. */
export async function readBody(request: Request): Promise<Body> {
  const text = await request.text()
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest(MALFORMED_JSON)
  }
  if (!isObject(value))
    throw badRequest(
      `Invalid body: expected an object, but got ${describe(value)} instead.`,
      null,
      'invalid_type',
    )
  return value
}

export function rejectUnknown(body: Body, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw badRequest(`Unrecognized request argument supplied: ${key}`)
  }
}

export function requireString(body: Body, param: string): string {
  const value = body[param]
  if (value === undefined || value === null)
    throw badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter')
  if (typeof value !== 'string') throw invalidType(param, 'a string', value)
  return value
}

export function optionalString(body: Body, param: string): string | null | undefined {
  const value = body[param]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string') throw invalidType(param, 'a string', value)
  return value
}

export function optionalBoolean(body: Body, param: string): boolean | null | undefined {
  const value = body[param]
  if (value === undefined || value === null) return value
  if (typeof value !== 'boolean') throw invalidType(param, 'a boolean', value)
  return value
}

export function optionalNumber(
  body: Body,
  param: string,
  limits: { min?: number; max?: number; integer?: boolean } = {},
): number | null | undefined {
  const value = body[param]
  if (value === undefined || value === null) return value
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidType(param, limits.integer ? 'an integer' : 'a number', value)
  }
  if (limits.integer && !Number.isInteger(value)) throw invalidType(param, 'an integer', value)
  const kind = limits.integer ? 'integer' : 'decimal'
  if (limits.min !== undefined && value < limits.min) {
    throw badRequest(
      `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${limits.min}, but got ${value} instead.`,
      param,
      `${kind}_below_min_value`,
    )
  }
  if (limits.max !== undefined && value > limits.max) {
    throw badRequest(
      `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${limits.max}, but got ${value} instead.`,
      param,
      `${kind}_above_max_value`,
    )
  }
  return value
}

export function optionalArray(body: Body, param: string): unknown[] | null | undefined {
  const value = body[param]
  if (value === undefined || value === null) return value
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value)
  return value
}

/** Up to 16 string pairs, keys up to 64 characters, values up to 512; null means none. */
export function optionalMetadata(body: Body, param = 'metadata'): Metadata | null | undefined {
  const value = body[param]
  if (value === undefined || value === null) return value
  if (!isObject(value)) throw invalidType(param, 'an object', value)
  const entries = Object.entries(value)
  if (entries.length > 16) {
    throw badRequest(
      `Invalid '${param}': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
      param,
      'object_above_max_properties',
    )
  }
  const metadata: Metadata = {}
  for (const [key, item] of entries) {
    if (key.length > 64) {
      throw badRequest(
        `Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${key.length} instead.`,
        param,
        'string_above_max_length',
      )
    }
    if (typeof item !== 'string') throw invalidType(`${param}.${key}`, 'a string', item)
    if (item.length > 512) {
      throw badRequest(
        `Invalid '${param}.${key}': string too long. Expected a string with maximum length 512, but got a string with length ${item.length} instead.`,
        `${param}.${key}`,
        'string_above_max_length',
      )
    }
    metadata[key] = item
  }
  return metadata
}

export interface ListQuery {
  limit: number
  order: 'asc' | 'desc'
  after: string | null
  before: string | null
}

/** `limit` (1..100, default 20), `order` (default desc), `after`, `before`. */
export function parseListQuery(url: URL): ListQuery {
  const query = url.searchParams
  let limit = 20
  const rawLimit = query.get('limit')
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit.trim())) {
      throw badRequest(
        `Invalid 'limit': expected an integer, but got '${rawLimit}' instead.`,
        'limit',
        'invalid_type',
      )
    }
    limit = Number(rawLimit)
    if (limit < 1) {
      throw badRequest(
        `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
        'limit',
        'integer_below_min_value',
      )
    }
    if (limit > 100) {
      throw badRequest(
        `Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`,
        'limit',
        'integer_above_max_value',
      )
    }
  }
  const order = query.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') {
    throw badRequest(
      `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`,
      'order',
      'invalid_value',
    )
  }
  return { limit, order, after: query.get('after'), before: query.get('before') }
}

export const FILE_SEARCH_CONTENT = 'step_details.tool_calls[*].file_search.results[*].content'

/** The `include[]` query values; only the file search content is known to the API. */
export function parseInclude(url: URL): string[] {
  const values = [...url.searchParams.getAll('include[]'), ...url.searchParams.getAll('include')]
  for (const [index, value] of values.entries()) {
    if (value !== FILE_SEARCH_CONTENT) {
      throw badRequest(
        `Invalid value: '${value}'. Supported values are: '${FILE_SEARCH_CONTENT}'.`,
        `include[${index}]`,
        'invalid_value',
      )
    }
  }
  return values
}
