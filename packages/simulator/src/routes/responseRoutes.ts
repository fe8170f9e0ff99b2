import type { RouteCall, SimulatorCore } from '../core.js'
import { badRequest, notFound } from '../errors.js'
import { eventStream } from '../eventStream.js'
import { json, sse } from '../http.js'
import { paginate } from '../paginate.js'
import { createRandom } from '../random.js'
import { makeResponse } from '../responses/makeResponse.js'
import { cancelResponse, startResponse } from '../responses/responseEngine.js'
import { type InputItemParam, parseResponseParams } from '../responses/responseParams.js'
import {
  END_OF_STREAM,
  type KnownCall,
  type ResponseRecord,
  TERMINAL_EVENTS,
} from '../responses/responseRecord.js'
import { DEFAULT_RESPONSE_SCENARIO } from '../responses/responseScenarios.js'
import type { InputItemResource, ResponseEvent, ResponseObject } from '../responses/responseTypes.js'
import { countTokens } from '../tokens.js'
import { parseListQuery, readBody } from '../validate.js'

/** The record of a stored response, or the real API's 404. */
function findResponse(core: SimulatorCore, id: string): ResponseRecord {
  const rec = core.state.responses.get(id)
  if (!rec) throw notFound(`Response with id '${id}' not found.`)
  return rec
}

const isActive = (response: ResponseObject) =>
  response.status === 'queued' || response.status === 'in_progress'

/** An input item as `input_items` lists it, with the id the server gives it. */
function inputResource(core: SimulatorCore, item: InputItemParam): InputItemResource {
  switch (item.type) {
    case 'message':
      if (item.role === 'assistant') {
        return {
          id: core.id('msg'),
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: item.text }],
          role: 'assistant',
        }
      }
      return {
        id: core.id('msg'),
        type: 'message',
        role: item.role,
        status: 'completed',
        content: [{ type: 'input_text', text: item.text }],
      }
    case 'function_call':
      return {
        id: core.id('fc'),
        type: 'function_call',
        status: 'completed',
        arguments: item.arguments,
        call_id: item.call_id,
        name: item.name,
      }
    case 'function_call_output':
      return {
        id: core.id('fco'),
        type: 'function_call_output',
        call_id: item.call_id,
        output: item.output,
        status: 'completed',
      }
  }
}

const itemTokens = (item: InputItemParam): number =>
  countTokens(
    item.type === 'message' ? item.text : item.type === 'function_call' ? item.arguments : item.output,
  )

/**
 * The calls this request's function outputs may answer: the earlier turns' and its own. Every
 * output must answer one of them, and every call of the previous response needs its output.
 */
function checkFunctionOutputs(input: readonly InputItemParam[], previous: ResponseRecord | null) {
  const known = new Map<string, KnownCall>(previous?.knownCalls ?? [])
  for (const item of input) {
    if (item.type === 'function_call') known.set(item.call_id, { name: item.name, arguments: item.arguments })
  }
  const answered = new Set<string>()
  for (const item of input) {
    if (item.type !== 'function_call_output') continue
    if (!known.has(item.call_id)) {
      throw badRequest(
        `No tool call found for function call output with call_id ${item.call_id}.`,
        item.param,
      )
    }
    answered.add(item.call_id)
  }
  for (const item of previous?.response.output ?? []) {
    if (item.type === 'function_call' && !answered.has(item.call_id)) {
      throw badRequest(`No tool output found for function call ${item.call_id}.`, 'input')
    }
  }
  return known
}

export async function createResponse(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const params = parseResponseParams(await readBody(call.request))
  let previous: ResponseRecord | null = null
  if (params.previousResponseId !== null) {
    previous = core.state.responses.get(params.previousResponseId) ?? null
    if (!previous) {
      throw badRequest(
        `Previous response with id '${params.previousResponseId}' not found.`,
        'previous_response_id',
        'previous_response_not_found',
      )
    }
    if (isActive(previous.response)) {
      throw badRequest(
        `Previous response with id '${params.previousResponseId}' is still ${previous.response.status}.`,
        'previous_response_id',
      )
    }
  }
  const knownCalls = checkFunctionOutputs(params.input, previous)
  const response = makeResponse(core.id('resp'), core.seconds(), params)
  let settle = () => {}
  const finished = new Promise<void>((resolve) => {
    settle = resolve
  })
  const rec: ResponseRecord = {
    response,
    params,
    scenario: core.state.responseScenarios.get(params.model) ?? DEFAULT_RESPONSE_SCENARIO,
    inputItems: params.input.map((item) => inputResource(core, item)),
    knownCalls,
    inputTokens:
      (previous ? previous.inputTokens + previous.outputTokens : 0) +
      countTokens(params.instructions ?? '') +
      params.input.reduce((sum, item) => sum + itemTokens(item), 0),
    outputTokens: 0,
    reasoningTokens: 0,
    events: [],
    listeners: new Set(),
    obfuscation: createRandom(response.id, 'obfuscation'),
    finished,
    settle,
    generation: core.engine.generation(),
  }
  // `store: false` answers once and keeps nothing: no GET, no follow-up, no input_items.
  if (params.store) core.state.responses.set(response.id, rec)
  if (params.stream) {
    const body = responseStream(rec, -1, params.includeObfuscation)
    startResponse(core.engine, rec)
    return sse(body)
  }
  startResponse(core.engine, rec)
  // In background the answer is the response queued; otherwise it is the response once done.
  if (!params.background) await finished
  return json(response)
}

/**
 * A response's SSE body: its stored events after `startingAfter`, then the live ones until its
 * end. A response already over ends after the stored ones, whether or not one was terminal.
 */
function responseStream(
  rec: ResponseRecord,
  startingAfter: number,
  includeObfuscation: boolean,
): ReadableStream<Uint8Array> {
  const backlog: Array<readonly [string, unknown]> = rec.events
    .filter((event) => event.sequence_number > startingAfter)
    .map((event) => [event.type, event])
  if (!isActive(rec.response)) backlog.push([END_OF_STREAM, null])
  return eventStream(rec.listeners, {
    backlog,
    // A live event at or before `startingAfter` (asked for ahead of the response) is skipped too.
    render: (event, data) => {
      if (event === END_OF_STREAM || (data as ResponseEvent).sequence_number <= startingAfter) return null
      if (includeObfuscation || !('obfuscation' in (data as ResponseEvent))) return data
      const { obfuscation: _left, ...rest } = data as ResponseEvent
      return rest
    },
    isLast: (event) => TERMINAL_EVENTS.has(event),
  })
}

function parseStartingAfter(url: URL): number {
  const raw = url.searchParams.get('starting_after')
  if (raw === null) return -1
  if (!/^\d+$/.test(raw.trim())) {
    throw badRequest(
      `Invalid 'starting_after': expected an integer >= 0, but got '${raw}' instead.`,
      'starting_after',
      'invalid_type',
    )
  }
  return Number(raw)
}

export function retrieveResponse(core: SimulatorCore, call: RouteCall): Response {
  const rec = findResponse(core, call.params[0] as string)
  const stream = call.url.searchParams.get('stream')
  if (stream !== 'true') return json(rec.response)
  const startingAfter = parseStartingAfter(call.url)
  if (!rec.response.background) {
    throw badRequest('Only responses created with background=true can be streamed again.', 'stream')
  }
  const includeObfuscation = call.url.searchParams.get('include_obfuscation') !== 'false'
  return sse(responseStream(rec, startingAfter, includeObfuscation))
}

export function deleteResponse(core: SimulatorCore, call: RouteCall): Response {
  const rec = findResponse(core, call.params[0] as string)
  core.state.responses.delete(rec.response.id)
  return json({ id: rec.response.id, object: 'response', deleted: true })
}

export function cancelResponseRoute(core: SimulatorCore, call: RouteCall): Response {
  const rec = findResponse(core, call.params[0] as string)
  const { status, background } = rec.response
  if (!background) throw badRequest('Only responses created with background=true can be cancelled.')
  // A second cancel answers as the first did; a response that ended otherwise stays as it is.
  if (status !== 'cancelled' && !isActive(rec.response))
    throw badRequest(`Cannot cancel a ${status} response.`)
  cancelResponse(rec)
  return json(rec.response)
}

export function listInputItems(core: SimulatorCore, call: RouteCall): Response {
  const rec = findResponse(core, call.params[0] as string)
  return json(paginate(rec.inputItems, parseListQuery(call.url)))
}

/** A fixed date (2026-01-01), so that lists of models repeat byte for byte. */
const MODELS_CREATED = 1767225600

export function listModels(core: SimulatorCore): Response {
  return json({
    object: 'list',
    data: [...core.state.responseScenarios.values()].map((scenario) => ({
      id: scenario.model,
      object: 'model',
      created: MODELS_CREATED,
      owned_by: 'runlens-simulator',
      description: scenario.description,
    })),
  })
}
