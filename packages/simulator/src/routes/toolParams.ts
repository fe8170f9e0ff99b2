import type { AssistantTool } from '@runlens/client'
import { badRequest } from '../errors.js'
import { isObject } from '../validate.js'

/** Checks a `tools` array: code_interpreter, file_search, or function with a name. */
export function parseTools(values: unknown[], param: string): AssistantTool[] {
  if (values.length > 128) {
    throw badRequest(
      `Invalid '${param}': array too long. Expected an array with maximum length 128.`,
      param,
      'array_above_max_length',
    )
  }
  return values.map((tool, index) => {
    const where = `${param}[${index}]`
    if (!isObject(tool))
      throw badRequest(`Invalid type for '${where}': expected an object.`, where, 'invalid_type')
    if (tool.type === 'code_interpreter' || tool.type === 'file_search') return tool as AssistantTool
    if (tool.type === 'function') {
      if (!isObject(tool.function) || typeof tool.function.name !== 'string') {
        throw badRequest(
          `Missing required parameter: '${where}.function.name'.`,
          `${where}.function.name`,
          'missing_required_parameter',
        )
      }
      return tool as AssistantTool
    }
    throw badRequest(
      `Invalid value: '${String(tool.type)}'. Supported values are: 'code_interpreter', 'function', and 'file_search'.`,
      `${where}.type`,
      'invalid_value',
    )
  })
}
