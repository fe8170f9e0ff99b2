import type { RouteCall, SimulatorCore } from './core.js'
import { createAssistant, listAssistants, retrieveAssistant } from './routes/assistantRoutes.js'
import {
  cancelResponseRoute,
  createResponse,
  deleteResponse,
  listInputItems,
  listModels,
  retrieveResponse,
} from './routes/responseRoutes.js'
import {
  cancelRun,
  createRun,
  createThreadAndRun,
  listRuns,
  listSteps,
  retrieveRun,
  retrieveStep,
  submitToolOutputs,
  updateRun,
} from './routes/runRoutes.js'
import {
  createMessage,
  createThreadRoute,
  deleteThread,
  listMessages,
  modifyThread,
  retrieveMessage,
  retrieveThread,
} from './routes/threadRoutes.js'

export type RouteHandler = (core: SimulatorCore, call: RouteCall) => Response | Promise<Response>

/** Paths under the base path; `:id` segments become the handler's params, in order. */
const ROUTES: ReadonlyArray<readonly [method: string, pattern: string, handler: RouteHandler]> = [
  ['GET', '/assistants', listAssistants],
  ['POST', '/assistants', createAssistant],
  ['GET', '/assistants/:id', retrieveAssistant],
  ['POST', '/threads', createThreadRoute],
  ['POST', '/threads/runs', createThreadAndRun],
  ['GET', '/threads/:id', retrieveThread],
  ['POST', '/threads/:id', modifyThread],
  ['DELETE', '/threads/:id', deleteThread],
  ['GET', '/threads/:id/messages', listMessages],
  ['POST', '/threads/:id/messages', createMessage],
  ['GET', '/threads/:id/messages/:id', retrieveMessage],
  ['GET', '/threads/:id/runs', listRuns],
  ['POST', '/threads/:id/runs', createRun],
  ['GET', '/threads/:id/runs/:id', retrieveRun],
  ['POST', '/threads/:id/runs/:id', updateRun],
  ['POST', '/threads/:id/runs/:id/cancel', cancelRun],
  ['POST', '/threads/:id/runs/:id/submit_tool_outputs', submitToolOutputs],
  ['GET', '/threads/:id/runs/:id/steps', listSteps],
  ['GET', '/threads/:id/runs/:id/steps/:id', retrieveStep],
  ['POST', '/responses', createResponse],
  ['GET', '/responses/:id', retrieveResponse],
  ['DELETE', '/responses/:id', deleteResponse],
  ['POST', '/responses/:id/cancel', cancelResponseRoute],
  ['GET', '/responses/:id/input_items', listInputItems],
  ['GET', '/models', listModels],
]

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; params: string[] }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'none' }

function matchPattern(pattern: string, segments: readonly string[]): string[] | null {
  const parts = pattern.split('/').slice(1)
  if (parts.length !== segments.length) return null
  const params: string[] = []
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string
    if (part === ':id') {
      if (segment === '') return null
      params.push(segment)
    } else if (part !== segment) return null
  }
  return params
}

/**
 * Finds the handler for a path under the base path (e.g. '/threads/thread_1/runs'). Routes are
 * tried in order, so `POST /threads/runs` is found before `POST /threads/:id` could take it.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  let segments: string[]
  try {
    segments = path.split('/').slice(1).map(decodeURIComponent)
  } catch {
    return { kind: 'none' }
  }
  const allow: string[] = []
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const params = matchPattern(pattern, segments)
    if (!params) continue
    if (routeMethod === method) return { kind: 'found', handler, params }
    allow.push(routeMethod)
  }
  return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' }
}
