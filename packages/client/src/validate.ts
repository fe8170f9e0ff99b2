import { InvalidParamError } from './errors.js'
import type { Metadata, ToolOutput } from './types.js'

/**
 * A path parameter, checked and encoded: `encodeURIComponent` keeps a `/` or `?` from leaving
 * its segment, and `.` / `..` are refused because URL parsers resolve them (even as `%2E`)
 * into another path.
 */
export function pathParam(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidParamError(name, `${name} must be a non-empty string, got ${JSON.stringify(value)}`)
  }
  if (value === '.' || value === '..') throw new InvalidParamError(name, `${name} cannot be "${value}"`)
  return encodeURIComponent(value)
}

/** The API's metadata limits: 16 pairs, keys up to 64 characters, string values up to 512. */
export function checkMetadata(metadata: Metadata | null | undefined, name = 'metadata'): void {
  if (metadata == null) return
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new InvalidParamError(name, `${name} must be an object of strings`)
  }
  const entries = Object.entries(metadata)
  if (entries.length > 16)
    throw new InvalidParamError(name, `${name} has ${entries.length} keys; at most 16 are allowed`)
  for (const [key, value] of entries) {
    if (key.length > 64)
      throw new InvalidParamError(name, `${name} key "${key}" is longer than 64 characters`)
    if (typeof value !== 'string') throw new InvalidParamError(name, `${name}.${key} must be a string`)
    if (value.length > 512) throw new InvalidParamError(name, `${name}.${key} is longer than 512 characters`)
  }
}

export function checkToolOutputs(outputs: ToolOutput[] | undefined): void {
  if (!Array.isArray(outputs) || outputs.length === 0) {
    throw new InvalidParamError('tool_outputs', 'tool_outputs must hold at least one output')
  }
  outputs.forEach((output, i) => {
    if (typeof output?.tool_call_id !== 'string' || output.tool_call_id === '') {
      throw new InvalidParamError(`tool_outputs[${i}].tool_call_id`, `tool_outputs[${i}] has no tool_call_id`)
    }
  })
}
