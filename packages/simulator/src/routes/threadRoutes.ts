import type { RouteCall, SimulatorCore } from '../core.js'
import { badRequest, notFound } from '../errors.js'
import { json } from '../http.js'
import { addMessage, type MessageParams, parseMessageParams } from '../messageParams.js'
import { makeThread } from '../objects.js'
import { paginate } from '../paginate.js'
import type { ThreadRecord } from '../state.js'
import {
  type Body,
  optionalArray,
  optionalMetadata,
  parseListQuery,
  readBody,
  rejectUnknown,
} from '../validate.js'

const THREAD_PARAMS = ['messages', 'metadata', 'tool_resources']

/** Checks a CreateThreadRequest; `prefix` names it inside another body ('thread'). */
export function parseThreadParams(body: Body, prefix: string | null) {
  rejectUnknown(body, THREAD_PARAMS)
  const name = (param: string) => (prefix ? `${prefix}.${param}` : param)
  const messages = (optionalArray(body, 'messages') ?? []).map((message, index) =>
    parseMessageParams(message, name(`messages[${index}]`)),
  )
  const metadata = optionalMetadata(body) ?? {}
  return { messages, metadata }
}

/** Creates a checked thread with its first messages. */
export function createThread(
  core: SimulatorCore,
  params: { messages: MessageParams[]; metadata: Record<string, string> },
): ThreadRecord {
  const thread = makeThread(core.id('thread'), core.seconds(), params.metadata)
  const record: ThreadRecord = { thread, messages: [], runs: [] }
  core.state.threads.set(thread.id, record)
  for (const message of params.messages) addMessage(core, thread.id, message)
  return record
}

export async function createThreadRoute(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const params = parseThreadParams(await readBody(call.request), null)
  return json(createThread(core, params).thread)
}

export function retrieveThread(core: SimulatorCore, call: RouteCall): Response {
  return json(core.thread(call.params[0] as string).thread)
}

export async function modifyThread(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const record = core.thread(call.params[0] as string)
  const body = await readBody(call.request)
  rejectUnknown(body, ['metadata', 'tool_resources'])
  const metadata = optionalMetadata(body)
  if (metadata !== undefined) record.thread.metadata = metadata ?? {}
  return json(record.thread)
}

export function deleteThread(core: SimulatorCore, call: RouteCall): Response {
  const record = core.thread(call.params[0] as string)
  core.state.threads.delete(record.thread.id)
  for (const rec of record.runs) core.state.runs.delete(rec.run.id)
  return json({ id: record.thread.id, object: 'thread.deleted', deleted: true })
}

export async function createMessage(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const record = core.thread(call.params[0] as string)
  const params = parseMessageParams(await readBody(call.request), null)
  const active = core.activeRun(record)
  if (active) {
    throw badRequest(`Can't add messages to ${record.thread.id} while a run ${active.run.id} is active.`)
  }
  return json(addMessage(core, record.thread.id, params))
}

export function listMessages(core: SimulatorCore, call: RouteCall): Response {
  const record = core.thread(call.params[0] as string)
  const query = parseListQuery(call.url)
  const runId = call.url.searchParams.get('run_id')
  const messages =
    runId === null ? record.messages : record.messages.filter((message) => message.run_id === runId)
  return json(paginate(messages, query))
}

export function retrieveMessage(core: SimulatorCore, call: RouteCall): Response {
  const record = core.thread(call.params[0] as string)
  const message = record.messages.find((candidate) => candidate.id === call.params[1])
  if (!message) throw notFound(`No message found with id '${call.params[1]}'.`)
  return json(message)
}
