import { type EngineContext, seconds } from './engineContext.js'
import { notFound } from './errors.js'
import { expireIfDue } from './runEngine.js'
import {
  ACTIVE_STATUSES,
  type AssistantRecord,
  type RunRecord,
  type SimulatorState,
  type ThreadRecord,
} from './state.js'

/** What every endpoint works with: the state, the engine's time and ids, and checked lookups. */
export interface SimulatorCore {
  state: SimulatorState
  engine: EngineContext
  /** Unix seconds on the simulator's clock. */
  seconds(): number
  id(prefix: string): string
  thread(id: string): ThreadRecord
  assistant(id: string): AssistantRecord
  /** The run, after expiring it if its time is up, so every read sees the clock's truth. */
  run(thread: ThreadRecord, id: string): RunRecord
  /** The thread's queued, in-progress, waiting or cancelling run, if any. */
  activeRun(thread: ThreadRecord): RunRecord | null
}

/** One matched request, as a route handler gets it. */
export interface RouteCall {
  request: Request
  url: URL
  /** The path parameters, decoded, in order. */
  params: string[]
}

export function createCore(state: SimulatorState, engine: EngineContext): SimulatorCore {
  const core: SimulatorCore = {
    state,
    engine,
    seconds: () => seconds(engine),
    id: (prefix) => engine.random.id(prefix),
    thread(id) {
      const thread = state.threads.get(id)
      if (!thread) throw notFound(`No thread found with id '${id}'.`)
      for (const rec of thread.runs) expireIfDue(engine, rec)
      return thread
    },
    assistant(id) {
      const assistant = state.assistants.get(id)
      if (!assistant) throw notFound(`No assistant found with id '${id}'.`)
      return assistant
    },
    run(thread, id) {
      const rec = state.runs.get(id)
      if (!rec || rec.thread !== thread) throw notFound(`No run found with id '${id}'.`)
      expireIfDue(engine, rec)
      return rec
    },
    activeRun(thread) {
      return thread.runs.find((rec) => ACTIVE_STATUSES.has(rec.run.status)) ?? null
    },
  }
  return core
}
