import type { AssistantTool, Metadata, Run } from '@runlens/client'
import { badRequest } from '../errors.js'
import type { MessageParams } from '../messageParams.js'
import { parseMessageParams } from '../messageParams.js'
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
import { parseTools } from './toolParams.js'

/** A checked CreateRunRequest. */
export interface RunParams {
  assistantId: string
  model: string | null
  instructions: string | null | undefined
  additionalInstructions: string | null
  additionalMessages: MessageParams[]
  tools: AssistantTool[] | null
  metadata: Metadata
  temperature: number
  topP: number
  stream: boolean
  maxPromptTokens: number | null
  maxCompletionTokens: number | null
  truncationStrategy: Run['truncation_strategy']
  toolChoice: Run['tool_choice']
  parallelToolCalls: boolean
  responseFormat: Run['response_format']
  reasoningEffort: string | null
}

const RUN_PARAMS = [
  'assistant_id',
  'model',
  'reasoning_effort',
  'instructions',
  'additional_instructions',
  'additional_messages',
  'tools',
  'metadata',
  'temperature',
  'top_p',
  'stream',
  'max_prompt_tokens',
  'max_completion_tokens',
  'truncation_strategy',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
]

/** `extra` names the other keys a body may have (`thread` for /threads/runs). */
export function parseRunParams(body: Body, extra: readonly string[] = []): RunParams {
  rejectUnknown(body, [...RUN_PARAMS, ...extra])
  const assistantId = requireString(body, 'assistant_id')
  const tools = optionalArray(body, 'tools')
  if (tools && tools.length > 20) {
    throw badRequest(
      `Invalid 'tools': array too long. Expected an array with maximum length 20, but got an array with length ${tools.length} instead.`,
      'tools',
      'array_above_max_length',
    )
  }
  return {
    assistantId,
    model: optionalString(body, 'model') ?? null,
    instructions: optionalString(body, 'instructions'),
    additionalInstructions: optionalString(body, 'additional_instructions') ?? null,
    additionalMessages: (optionalArray(body, 'additional_messages') ?? []).map((message, index) =>
      parseMessageParams(message, `additional_messages[${index}]`),
    ),
    tools: tools ? parseTools(tools, 'tools') : null,
    metadata: optionalMetadata(body) ?? {},
    temperature: optionalNumber(body, 'temperature', { min: 0, max: 2 }) ?? 1,
    topP: optionalNumber(body, 'top_p', { min: 0, max: 1 }) ?? 1,
    stream: optionalBoolean(body, 'stream') ?? false,
    maxPromptTokens: optionalNumber(body, 'max_prompt_tokens', { min: 256, integer: true }) ?? null,
    maxCompletionTokens: optionalNumber(body, 'max_completion_tokens', { min: 256, integer: true }) ?? null,
    truncationStrategy: parseTruncation(body.truncation_strategy),
    toolChoice: parseToolChoice(body.tool_choice),
    parallelToolCalls: optionalBoolean(body, 'parallel_tool_calls') ?? true,
    responseFormat: parseResponseFormat(body.response_format),
    reasoningEffort: optionalString(body, 'reasoning_effort') ?? null,
  }
}

function parseTruncation(value: unknown): Run['truncation_strategy'] {
  if (value === undefined || value === null) return { type: 'auto', last_messages: null }
  if (!isObject(value) || (value.type !== 'auto' && value.type !== 'last_messages')) {
    throw badRequest(
      "Invalid 'truncation_strategy': expected an object with 'type' 'auto' or 'last_messages'.",
      'truncation_strategy',
      'invalid_value',
    )
  }
  const last = value.last_messages
  if (
    last !== undefined &&
    last !== null &&
    !(typeof last === 'number' && Number.isInteger(last) && last >= 1)
  ) {
    throw badRequest(
      "Invalid 'truncation_strategy.last_messages': expected an integer >= 1.",
      'truncation_strategy.last_messages',
      'invalid_value',
    )
  }
  return { type: value.type, last_messages: (last as number | null | undefined) ?? null }
}

function parseToolChoice(value: unknown): Run['tool_choice'] {
  if (value === undefined || value === null) return 'auto'
  if (value === 'none' || value === 'auto' || value === 'required') return value
  if (isObject(value) && (value.type === 'file_search' || value.type === 'code_interpreter'))
    return { type: value.type }
  if (
    isObject(value) &&
    value.type === 'function' &&
    isObject(value.function) &&
    typeof value.function.name === 'string'
  ) {
    return { type: 'function', function: { name: value.function.name } }
  }
  throw badRequest(
    "Invalid 'tool_choice': expected 'none', 'auto', 'required' or an object naming a tool.",
    'tool_choice',
    'invalid_value',
  )
}

function parseResponseFormat(value: unknown): Run['response_format'] {
  if (value === undefined || value === null || value === 'auto') return 'auto'
  if (isObject(value) && (value.type === 'text' || value.type === 'json_object')) return { type: value.type }
  if (
    isObject(value) &&
    value.type === 'json_schema' &&
    isObject(value.json_schema) &&
    typeof value.json_schema.name === 'string'
  ) {
    return value as Run['response_format']
  }
  throw badRequest(
    "Invalid 'response_format': expected 'auto' or an object with 'type' 'text', 'json_object' or 'json_schema'.",
    'response_format',
    'invalid_value',
  )
}
