import type { RouteCall, SimulatorCore } from '../core.js'
import { badRequest, notFound } from '../errors.js'
import { json, sse } from '../http.js'
import { addMessage } from '../messageParams.js'
import { makeRun, messageText } from '../objects.js'
import { paginate } from '../paginate.js'
import { renderForInclude } from '../renderForInclude.js'
import { emit, requestCancel, resumeWithOutputs, startRun } from '../runEngine.js'
import { runStream } from '../runStream.js'
import type { RunRecord, ThreadRecord } from '../state.js'
import { countTokens } from '../tokens.js'
import {
  isObject,
  optionalBoolean,
  optionalMetadata,
  parseInclude,
  parseListQuery,
  readBody,
  rejectUnknown,
} from '../validate.js'
import { parseRunParams, type RunParams } from './runParams.js'
import { createThread, parseThreadParams } from './threadRoutes.js'

/** Adds the run to the thread (after its additional messages); nothing is emitted yet. */
function createRunRecord(core: SimulatorCore, thread: ThreadRecord, params: RunParams): RunRecord {
  const assistant = core.assistant(params.assistantId)
  const scenario = core.state.scenarios.get(assistant.scenario)
  if (!scenario) throw notFound(`No scenario found with name '${assistant.scenario}'.`)
  for (const message of params.additionalMessages) addMessage(core, thread.thread.id, message)
  const base = params.instructions === undefined ? assistant.assistant.instructions : params.instructions
  const instructions =
    params.additionalInstructions === null
      ? base
      : [base, params.additionalInstructions].filter(Boolean).join('\n\n')
  const createdAt = core.seconds()
  const expiresAfterMs = core.engine.expiresAfterMs
  const expiresAtMs =
    expiresAfterMs === null
      ? (createdAt + (scenario.expiresAfterSeconds ?? 600)) * 1000
      : core.engine.now() + expiresAfterMs
  const run = makeRun({
    id: core.id('run'),
    createdAt,
    expiresAt: Math.ceil(expiresAtMs / 1000),
    assistantId: assistant.assistant.id,
    threadId: thread.thread.id,
    model: params.model ?? assistant.assistant.model,
    instructions: instructions ?? null,
    tools: params.tools ?? structuredClone(assistant.assistant.tools),
    metadata: params.metadata,
    temperature: params.temperature,
    topP: params.topP,
    reasoningEffort: params.reasoningEffort,
    maxCompletionTokens: params.maxCompletionTokens,
    maxPromptTokens: params.maxPromptTokens,
    truncationStrategy: params.truncationStrategy,
    toolChoice: params.toolChoice,
    parallelToolCalls: params.parallelToolCalls,
    responseFormat: params.responseFormat,
  })
  const basePromptTokens =
    countTokens(instructions ?? '') +
    thread.messages.reduce((sum, message) => sum + countTokens(messageText(message)), 0)
  const rec: RunRecord = {
    run,
    thread,
    scenario,
    cursor: 0,
    steps: [],
    pending: null,
    openStep: null,
    openMessage: null,
    toolOutputs: [],
    listeners: new Set(),
    basePromptTokens,
    expiresAtMs,
    generation: core.engine.generation(),
  }
  thread.runs.push(rec)
  core.state.runs.set(run.id, rec)
  return rec
}

function rejectIfActive(core: SimulatorCore, thread: ThreadRecord): void {
  const active = core.activeRun(thread)
  if (active) throw badRequest(`Thread ${thread.thread.id} already has an active run ${active.run.id}.`)
}

/** Answers with the run (the JSON of its creation) or its stream, then starts it. */
function respondAndStart(
  core: SimulatorCore,
  call: RouteCall,
  rec: RunRecord,
  stream: boolean,
  before?: () => void,
) {
  const include = parseInclude(call.url)
  const response = stream ? sse(runStream(rec, include)) : json(rec.run)
  before?.()
  startRun(core.engine, rec)
  return response
}

export async function createRun(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const thread = core.thread(call.params[0] as string)
  parseInclude(call.url)
  const params = parseRunParams(await readBody(call.request))
  core.assistant(params.assistantId)
  rejectIfActive(core, thread)
  return respondAndStart(core, call, createRunRecord(core, thread, params), params.stream)
}

/** POST /threads/runs: a new thread and its first run; the stream starts with thread.created. */
export async function createThreadAndRun(core: SimulatorCore, call: RouteCall): Promise<Response> {
  parseInclude(call.url)
  const body = await readBody(call.request)
  const params = parseRunParams(body, ['thread'])
  if (params.additionalMessages.length > 0 || params.additionalInstructions !== null) {
    throw badRequest('Unrecognized request argument supplied: additional_messages')
  }
  const threadBody = body.thread ?? {}
  if (!isObject(threadBody))
    throw badRequest("Invalid type for 'thread': expected an object.", 'thread', 'invalid_type')
  const threadParams = parseThreadParams(threadBody, 'thread')
  core.assistant(params.assistantId)
  const thread = createThread(core, threadParams)
  const rec = createRunRecord(core, thread, params)
  return respondAndStart(core, call, rec, params.stream, () => emit(rec, 'thread.created', thread.thread))
}

export function listRuns(core: SimulatorCore, call: RouteCall): Response {
  const thread = core.thread(call.params[0] as string)
  const query = parseListQuery(call.url)
  return json(
    paginate(
      thread.runs.map((rec) => rec.run),
      query,
    ),
  )
}

function findRun(core: SimulatorCore, call: RouteCall): RunRecord {
  return core.run(core.thread(call.params[0] as string), call.params[1] as string)
}

export function retrieveRun(core: SimulatorCore, call: RouteCall): Response {
  return json(findRun(core, call).run)
}

export async function updateRun(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const rec = findRun(core, call)
  const body = await readBody(call.request)
  rejectUnknown(body, ['metadata'])
  const metadata = optionalMetadata(body)
  if (metadata !== undefined) rec.run.metadata = metadata ?? {}
  return json(rec.run)
}

export function cancelRun(core: SimulatorCore, call: RouteCall): Response {
  const rec = findRun(core, call)
  const status = rec.run.status
  if (status !== 'queued' && status !== 'in_progress' && status !== 'requires_action') {
    throw badRequest(`Cannot cancel run with status '${status}'.`)
  }
  requestCancel(core.engine, rec)
  return json(rec.run)
}

const quoteList = (ids: readonly string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`

export async function submitToolOutputs(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const rec = findRun(core, call)
  parseInclude(call.url)
  const body = await readBody(call.request)
  rejectUnknown(body, ['tool_outputs', 'stream'])
  const raw = body.tool_outputs
  if (raw === undefined || raw === null) {
    throw badRequest(
      "Missing required parameter: 'tool_outputs'.",
      'tool_outputs',
      'missing_required_parameter',
    )
  }
  if (!Array.isArray(raw))
    throw badRequest("Invalid type for 'tool_outputs': expected an array.", 'tool_outputs', 'invalid_type')
  const outputs = raw.map((item, index) => {
    const where = `tool_outputs[${index}]`
    if (!isObject(item))
      throw badRequest(`Invalid type for '${where}': expected an object.`, where, 'invalid_type')
    if (typeof item.tool_call_id !== 'string') {
      throw badRequest(
        `Missing required parameter: '${where}.tool_call_id'.`,
        `${where}.tool_call_id`,
        'missing_required_parameter',
      )
    }
    if (item.output !== undefined && typeof item.output !== 'string') {
      throw badRequest(
        `Invalid type for '${where}.output': expected a string.`,
        `${where}.output`,
        'invalid_type',
      )
    }
    return { tool_call_id: item.tool_call_id, output: (item.output as string | undefined) ?? '' }
  })
  const stream = optionalBoolean(body, 'stream') ?? false
  if (rec.run.status !== 'requires_action' || !rec.pending) {
    throw badRequest(`Runs in status "${rec.run.status}" do not accept tool outputs.`)
  }
  const pendingIds = rec.pending.calls.map((pendingCall) => pendingCall.id)
  const seen = new Set<string>()
  for (const [index, output] of outputs.entries()) {
    if (!pendingIds.includes(output.tool_call_id)) {
      throw badRequest(
        `Invalid 'tool_outputs[${index}].tool_call_id': no pending tool call has id '${output.tool_call_id}'.`,
        `tool_outputs[${index}].tool_call_id`,
        'invalid_value',
      )
    }
    if (seen.has(output.tool_call_id)) {
      throw badRequest(
        `Duplicate tool_call_id '${output.tool_call_id}' in 'tool_outputs'.`,
        `tool_outputs[${index}].tool_call_id`,
        'invalid_value',
      )
    }
    seen.add(output.tool_call_id)
  }
  const missing = pendingIds.filter((id) => !seen.has(id))
  if (missing.length > 0) {
    throw badRequest(
      `Expected tool outputs for call_ids ${quoteList(pendingIds)}, got ${quoteList([...seen])}`,
      'tool_outputs',
    )
  }
  const include = parseInclude(call.url)
  const response = stream ? sse(runStream(rec, include)) : null
  resumeWithOutputs(core.engine, rec, outputs)
  return response ?? json(rec.run)
}

export function listSteps(core: SimulatorCore, call: RouteCall): Response {
  const rec = findRun(core, call)
  const query = parseListQuery(call.url)
  const include = parseInclude(call.url)
  const page = paginate(rec.steps, query)
  return json({ ...page, data: page.data.map((step) => renderForInclude(step, include)) })
}

export function retrieveStep(core: SimulatorCore, call: RouteCall): Response {
  const rec = findRun(core, call)
  const include = parseInclude(call.url)
  const step = rec.steps.find((candidate) => candidate.id === call.params[2])
  if (!step) throw notFound(`No run step found with id '${call.params[2]}'.`)
  return json(renderForInclude(step, include))
}
