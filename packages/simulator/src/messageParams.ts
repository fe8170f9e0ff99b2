import type { Message, MessageContent, Metadata } from '@runlens/client'
import type { SimulatorCore } from './core.js'
import { badRequest } from './errors.js'
import { makeMessage } from './objects.js'
import { type Body, isObject, optionalMetadata, rejectUnknown } from './validate.js'

export interface MessageParams {
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: Message['attachments']
  metadata: Metadata
}

/** Checks one CreateMessageRequest (`param` names it in errors, e.g. 'messages[0]'). */
export function parseMessageParams(value: unknown, param: string | null): MessageParams {
  const at = (name: string) => (param ? `${param}.${name}` : name)
  if (!isObject(value))
    throw badRequest(`Invalid type for '${param ?? 'body'}': expected an object.`, param, 'invalid_type')
  const body: Body = value
  rejectUnknown(body, ['role', 'content', 'attachments', 'metadata'])
  const role = body.role
  if (role === undefined)
    throw badRequest(`Missing required parameter: '${at('role')}'.`, at('role'), 'missing_required_parameter')
  if (role !== 'user' && role !== 'assistant') {
    throw badRequest(
      `Invalid value: '${String(role)}'. Supported values are: 'user' and 'assistant'.`,
      at('role'),
      'invalid_value',
    )
  }
  const content = parseContent(body.content, at('content'))
  const attachments = body.attachments
  if (attachments !== undefined && attachments !== null && !Array.isArray(attachments)) {
    throw badRequest(
      `Invalid type for '${at('attachments')}': expected an array.`,
      at('attachments'),
      'invalid_type',
    )
  }
  const metadata = optionalMetadata(body) ?? {}
  return { role, content, attachments: (attachments as Message['attachments']) ?? [], metadata }
}

function parseContent(value: unknown, param: string): MessageContent[] {
  if (value === undefined || value === null) {
    throw badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter')
  }
  if (typeof value === 'string') return [{ type: 'text', text: { value, annotations: [] } }]
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest(
      `Invalid type for '${param}': expected a string or a non-empty array of content parts.`,
      param,
      'invalid_type',
    )
  }
  return value.map((part, index): MessageContent => {
    const where = `${param}[${index}]`
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string') {
      return { type: 'text', text: { value: part.text, annotations: [] } }
    }
    if (
      isObject(part) &&
      part.type === 'image_file' &&
      isObject(part.image_file) &&
      typeof part.image_file.file_id === 'string'
    ) {
      return { type: 'image_file', image_file: { file_id: part.image_file.file_id, detail: 'auto' } }
    }
    if (
      isObject(part) &&
      part.type === 'image_url' &&
      isObject(part.image_url) &&
      typeof part.image_url.url === 'string'
    ) {
      return { type: 'image_url', image_url: { url: part.image_url.url, detail: 'auto' } }
    }
    throw badRequest(`Invalid content part at '${where}'.`, where, 'invalid_value')
  })
}

/** Adds a checked message to a thread, as written by the user (no run, no assistant). */
export function addMessage(core: SimulatorCore, threadId: string, params: MessageParams): Message {
  const thread = core.thread(threadId)
  const message = makeMessage({
    id: core.id('msg'),
    createdAt: core.seconds(),
    threadId,
    role: params.role,
    content: params.content,
    assistantId: null,
    runId: null,
    status: 'completed',
    metadata: params.metadata,
    attachments: params.attachments,
  })
  thread.messages.push(message)
  return message
}
