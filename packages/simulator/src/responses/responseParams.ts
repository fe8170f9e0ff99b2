import type { Metadata } from '@runlens/client'
import { badRequest } from '../errors.js'
import {
  type Body,
  isObject,
  optionalArray,
  optionalBoolean,
  optionalMetadata,
  optionalNumber,
  optionalString,
  rejectUnknown,
  requireString,
} from '../validate.js'
import type { ResponseFunctionTool, ResponseToolChoice } from './responseTypes.js'

/** One input item, checked: what the model reads and what `input_items` lists. */
export type InputItemParam =
  | { type: 'message'; role: 'user' | 'assistant' | 'system' | 'developer'; text: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string; param: string }

/** A checked CreateResponse body. */
export interface ResponseParams {
  model: string
  input: InputItemParam[]
  instructions: string | null
  tools: ResponseFunctionTool[]
  toolChoice: ResponseToolChoice
  parallelToolCalls: boolean
  background: boolean
  stream: boolean
  store: boolean
  previousResponseId: string | null
  maxOutputTokens: number | null
  reasoning: { effort: string | null; summary: string | null }
  metadata: Metadata
  temperature: number
  topP: number
  /** `stream_options.include_obfuscation`: false leaves the deltas' `obfuscation` out. */
  includeObfuscation: boolean
}

/**
 * What a CreateResponse body may hold: the simulator reads the first part and accepts the rest
 * (from `include` on) without acting on it, so a client sending any field of the spec gets an
 * answer, not an 'Unrecognized request argument'.
 */
const RESPONSE_PARAMS = [
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'background',
  'stream',
  'store',
  'previous_response_id',
  'max_output_tokens',
  'reasoning',
  'metadata',
  'temperature',
  'top_p',
  'include',
  'text',
  'truncation',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'service_tier',
  'stream_options',
  'top_logprobs',
  'max_tool_calls',
  'conversation',
  'prompt',
  'prompt_cache_retention',
  'prompt_cache_options',
  'context_management',
  'moderation',
]

const invalidValue = (param: string, message: string) => badRequest(message, param, 'invalid_value')

/** The text of a message's content: a string, or the `input_text` / `output_text` parts joined. */
function contentText(content: unknown, param: string): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) {
    throw badRequest(
      `Invalid type for '${param}': expected one of a string or array of input content parts.`,
      param,
      'invalid_type',
    )
  }
  return content
    .map((part, index) => {
      if (!isObject(part) || typeof part.type !== 'string')
        throw badRequest(`Missing required parameter: '${param}[${index}].type'.`, `${param}[${index}].type`)
      return typeof part.text === 'string' ? part.text : ''
    })
    .join('')
}

function parseInputItem(item: unknown, param: string): InputItemParam {
  if (!isObject(item))
    throw badRequest(`Invalid type for '${param}': expected an object.`, param, 'invalid_type')
  const type = item.type ?? 'message'
  if (type === 'message') {
    const role = item.role
    if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
      throw invalidValue(
        `${param}.role`,
        `Invalid value: '${String(role)}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`,
      )
    }
    return { type, role, text: contentText(item.content, `${param}.content`) }
  }
  if (type === 'function_call' || type === 'function_call_output') {
    // Named as the whole body names them ('input[2].call_id'), through a body of the item alone.
    const field = (name: string) => requireString({ [`${param}.${name}`]: item[name] }, `${param}.${name}`)
    const callId = field('call_id')
    if (type === 'function_call') {
      return {
        type,
        call_id: callId,
        name: field('name'),
        arguments: field('arguments'),
      }
    }
    const output = item.output
    if (output === undefined) {
      throw badRequest(
        `Missing required parameter: '${param}.output'.`,
        `${param}.output`,
        'missing_required_parameter',
      )
    }
    return {
      type,
      call_id: callId,
      output: contentText(output, `${param}.output`),
      param: `${param}.call_id`,
    }
  }
  throw invalidValue(
    `${param}.type`,
    `Invalid value: '${String(type)}'. Supported values are: 'message', 'function_call', and 'function_call_output'.`,
  )
}

function parseInput(value: unknown): InputItemParam[] {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return [{ type: 'message', role: 'user', text: value }]
  if (!Array.isArray(value)) {
    throw badRequest(
      "Invalid type for 'input': expected one of a string or array of input items.",
      'input',
      'invalid_type',
    )
  }
  return value.map((item, index) => parseInputItem(item, `input[${index}]`))
}

function parseTools(values: unknown[]): ResponseFunctionTool[] {
  return values.map((tool, index) => {
    const where = `tools[${index}]`
    if (!isObject(tool))
      throw badRequest(`Invalid type for '${where}': expected an object.`, where, 'invalid_type')
    if (tool.type !== 'function') {
      throw invalidValue(
        `${where}.type`,
        `Invalid value: '${String(tool.type)}'. Supported values are: 'function'.`,
      )
    }
    if (typeof tool.name !== 'string') {
      throw badRequest(
        `Missing required parameter: '${where}.name'.`,
        `${where}.name`,
        'missing_required_parameter',
      )
    }
    const parameters = tool.parameters ?? null
    if (parameters !== null && !isObject(parameters)) {
      throw badRequest(
        `Invalid type for '${where}.parameters': expected an object.`,
        `${where}.parameters`,
        'invalid_type',
      )
    }
    const strict = optionalBoolean(tool, 'strict')
    return {
      type: 'function',
      name: tool.name,
      ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
      parameters,
      strict: strict ?? true,
    }
  })
}

function parseToolChoice(value: unknown, tools: readonly ResponseFunctionTool[]): ResponseToolChoice {
  if (value === undefined || value === null) return 'auto'
  if (value === 'none' || value === 'auto' || value === 'required') return value
  if (isObject(value) && value.type === 'function' && typeof value.name === 'string') {
    if (!tools.some((tool) => tool.name === value.name)) {
      throw invalidValue('tool_choice', `Tool choice '${value.name}' not found in 'tools' parameter.`)
    }
    return { type: 'function', name: value.name }
  }
  throw invalidValue(
    'tool_choice',
    "Invalid 'tool_choice': expected 'none', 'auto', 'required' or an object naming a function.",
  )
}

function parseReasoning(value: unknown): ResponseParams['reasoning'] {
  if (value === undefined || value === null) return { effort: null, summary: null }
  if (!isObject(value))
    throw badRequest("Invalid type for 'reasoning': expected an object.", 'reasoning', 'invalid_type')
  const effort = optionalString(value, 'effort') ?? null
  const summary = optionalString(value, 'summary') ?? null
  if (summary !== null && !['auto', 'concise', 'detailed'].includes(summary)) {
    throw invalidValue(
      'reasoning.summary',
      `Invalid value: '${summary}'. Supported values are: 'auto', 'concise', and 'detailed'.`,
    )
  }
  return { effort, summary }
}

function parseStreamOptions(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (!isObject(value)) {
    throw badRequest(
      "Invalid type for 'stream_options': expected an object.",
      'stream_options',
      'invalid_type',
    )
  }
  const include = value.include_obfuscation
  if (include !== undefined && include !== null && typeof include !== 'boolean') {
    throw badRequest(
      "Invalid type for 'stream_options.include_obfuscation': expected a boolean.",
      'stream_options.include_obfuscation',
      'invalid_type',
    )
  }
  return include !== false
}

export function parseResponseParams(body: Body): ResponseParams {
  rejectUnknown(body, RESPONSE_PARAMS)
  const model = requireString(body, 'model')
  const tools = parseTools(optionalArray(body, 'tools') ?? [])
  const background = optionalBoolean(body, 'background') ?? false
  const store = optionalBoolean(body, 'store') ?? true
  if (background && !store) {
    throw invalidValue('background', "Background mode requires 'store' to be true.")
  }
  return {
    model,
    input: parseInput(body.input),
    instructions: optionalString(body, 'instructions') ?? null,
    tools,
    toolChoice: parseToolChoice(body.tool_choice, tools),
    parallelToolCalls: optionalBoolean(body, 'parallel_tool_calls') ?? true,
    background,
    stream: optionalBoolean(body, 'stream') ?? false,
    store,
    previousResponseId: optionalString(body, 'previous_response_id') ?? null,
    maxOutputTokens: optionalNumber(body, 'max_output_tokens', { min: 16, integer: true }) ?? null,
    reasoning: parseReasoning(body.reasoning),
    metadata: optionalMetadata(body) ?? {},
    temperature: optionalNumber(body, 'temperature', { min: 0, max: 2 }) ?? 1,
    topP: optionalNumber(body, 'top_p', { min: 0, max: 1 }) ?? 1,
    includeObfuscation: parseStreamOptions(body.stream_options),
  }
}
