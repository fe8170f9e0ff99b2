import { InvalidParamError } from './errors.js'
import { isObject } from './isObject.js'
import type { Metadata, ToolOutput } from './types.js'

/**
 * A path parameter, checked and encoded: `encodeURIComponent` keeps a `/` or `?` from leaving
 * its segment, and `.` / `..` are refused because URL parsers resolve them (even as `%2E`)
 * into another path.
 */
export function pathParam(name: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InvalidParamError(name, `${name} must be a non-empty string, got ${describe(value)}`)
  }
  if (value === '.' || value === '..') {
    throw new InvalidParamError(
      name,
      `${name} cannot be "${value}": URL parsers resolve it into another path, even encoded`,
    )
  }
  try {
    return encodeURIComponent(value)
  } catch {
    // A lone surrogate (half of a UTF-16 pair) has no UTF-8 form: encodeURIComponent throws URIError.
    throw new InvalidParamError(
      name,
      `${name} cannot be encoded in a URL: it holds a lone surrogate character`,
    )
  }
}

/**
 * The API's metadata limits: at most 16 pairs, keys up to 64 characters, string values up to
 * 512. Checked here so that a mistake is found before the request, with the key that breaks them.
 */
export function checkMetadata(metadata: Metadata | null | undefined, name = 'metadata'): void {
  if (metadata == null) return
  if (!isObject(metadata)) {
    throw new InvalidParamError(name, `${name} must be an object of string values, got ${describe(metadata)}`)
  }
  const entries = Object.entries(metadata)
  if (entries.length > 16) {
    throw new InvalidParamError(name, `${name} has ${entries.length} keys; the API allows at most 16`)
  }
  for (const [key, value] of entries) {
    if (key.length > 64) {
      throw new InvalidParamError(
        name,
        `${name} key "${key.slice(0, 64)}..." is ${key.length} characters long; the API allows at most 64`,
      )
    }
    if (typeof value !== 'string') {
      throw new InvalidParamError(name, `${name} value of "${key}" must be a string, got ${describe(value)}`)
    }
    if (value.length > 512) {
      throw new InvalidParamError(
        name,
        `${name} value of "${key}" is ${value.length} characters long; the API allows at most 512`,
      )
    }
  }
}

/** Tool outputs answer the tool calls of `run.required_action`: at least one, each naming its call. */
export function checkToolOutputs(outputs: ToolOutput[] | undefined): void {
  if (!Array.isArray(outputs) || outputs.length === 0) {
    throw new InvalidParamError(
      'tool_outputs',
      'tool_outputs must hold at least one output, one per tool call of run.required_action',
    )
  }
  outputs.forEach((output, i) => {
    if (typeof output?.tool_call_id !== 'string' || !output.tool_call_id) {
      throw new InvalidParamError(
        `tool_outputs[${i}].tool_call_id`,
        `tool_outputs[${i}].tool_call_id is missing: it must be the id of the tool call this output answers`,
      )
    }
  })
}

/** A wrong value as an error message names it: the value itself when it is short, else its kind. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value == null || typeof value === 'number' || typeof value === 'boolean') return String(value)
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`
}
