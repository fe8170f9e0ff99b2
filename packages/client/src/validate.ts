import { InvalidParamError } from './errors.js'
import { isObject } from './isObject.js'
import type { Metadata, ToolOutput } from './types.js'

/** Throws an InvalidParamError naming `param`, with a message that starts with it. */
function reject(param: string, problem: string): never {
  throw new InvalidParamError(param, problem)
}

/**
 * A path parameter, checked and encoded: `encodeURIComponent` keeps a `/` or `?` from leaving
 * its segment, and `.` / `..` are refused because URL parsers resolve them (even as `%2E`)
 * into another path.
 */
export function pathParam(name: string, value: unknown): string {
  if (typeof value !== 'string' || /^(\s*|\.\.?)$/.test(value))
    reject(name, 'must be a non-empty id, not . or ..')
  return encodeURIComponent(value)
}

/** The API's metadata limits: 16 pairs, keys up to 64 characters, string values up to 512. */
export function checkMetadata(metadata: Metadata | null | undefined, name = 'metadata'): void {
  const entries = Object.entries(metadata ?? {})
  if (
    (metadata != null && !isObject(metadata)) ||
    entries.length > 16 ||
    entries.some(([key, value]) => key.length > 64 || typeof value !== 'string' || value.length > 512)
  )
    reject(name, 'must be up to 16 keys of 64 chars with string values of 512')
}

export function checkToolOutputs(outputs: ToolOutput[] | undefined): void {
  if (!Array.isArray(outputs) || !outputs.length) reject('tool_outputs', 'must not be empty')
  outputs.forEach((output, i) => {
    if (typeof output?.tool_call_id !== 'string' || !output.tool_call_id)
      reject(`tool_outputs[${i}].tool_call_id`, 'is missing')
  })
}
