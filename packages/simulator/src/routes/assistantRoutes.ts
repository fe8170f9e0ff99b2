import type { AssistantTool } from '@runlens/client'
import type { RouteCall, SimulatorCore } from '../core.js'
import { badRequest } from '../errors.js'
import { json } from '../http.js'
import { makeAssistant } from '../objects.js'
import { paginate } from '../paginate.js'
import {
  optionalArray,
  optionalMetadata,
  optionalNumber,
  optionalString,
  parseListQuery,
  readBody,
  rejectUnknown,
  requireString,
} from '../validate.js'
import { parseTools } from './toolParams.js'

export function listAssistants(core: SimulatorCore, call: RouteCall): Response {
  const query = parseListQuery(call.url)
  return json(
    paginate(
      [...core.state.assistants.values()].map((record) => record.assistant),
      query,
    ),
  )
}

export function retrieveAssistant(core: SimulatorCore, call: RouteCall): Response {
  return json(core.assistant(call.params[0] as string).assistant)
}

/**
 * Creates an assistant. Its runs follow the scenario named by `metadata.scenario` (a built-in or
 * a registered one), or 'text' when there is none.
 */
export async function createAssistant(core: SimulatorCore, call: RouteCall): Promise<Response> {
  const body = await readBody(call.request)
  rejectUnknown(body, [
    'model',
    'name',
    'description',
    'instructions',
    'tools',
    'tool_resources',
    'metadata',
    'temperature',
    'top_p',
    'response_format',
    'reasoning_effort',
  ])
  const model = requireString(body, 'model')
  const name = optionalString(body, 'name') ?? null
  const description = optionalString(body, 'description') ?? null
  const instructions = optionalString(body, 'instructions') ?? null
  const tools: AssistantTool[] = parseTools(optionalArray(body, 'tools') ?? [], 'tools')
  const metadata = optionalMetadata(body) ?? {}
  optionalNumber(body, 'temperature', { min: 0, max: 2 })
  optionalNumber(body, 'top_p', { min: 0, max: 1 })
  const scenario = metadata.scenario ?? 'text'
  if (!core.state.scenarios.has(scenario)) {
    throw badRequest(
      `Unknown scenario '${scenario}' in 'metadata.scenario'. Known: ${[...core.state.scenarios.keys()].join(', ')}.`,
      'metadata.scenario',
      'invalid_value',
    )
  }
  const assistant = makeAssistant(core.id('asst'), core.seconds(), {
    name,
    description,
    model,
    instructions,
    tools,
    metadata,
  })
  core.state.assistants.set(assistant.id, { assistant, scenario })
  return json(assistant)
}
