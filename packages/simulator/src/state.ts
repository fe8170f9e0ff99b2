import type { Assistant, Message, Run, RunStep, RunToolCall, Thread } from '@runlens/client'
import type { StreamListener } from './eventStream.js'
import type { ResponseRecord, ResponseScenario } from './responses/responseRecord.js'
import type { Scenario, SubmittedToolOutput } from './scenario.js'

export type RunListener = StreamListener

export interface AssistantRecord {
  assistant: Assistant
  /** The scenario its runs follow. */
  scenario: string
}

export interface ThreadRecord {
  thread: Thread
  /** In creation order. */
  messages: Message[]
  /** In creation order. */
  runs: RunRecord[]
}

/** A run and what its driver needs to carry on after a pause (requires_action) or a cancel. */
export interface RunRecord {
  run: Run
  thread: ThreadRecord
  scenario: Scenario
  /** The next script step to run. */
  cursor: number
  /** In creation order. */
  steps: RunStep[]
  /** The tool_calls step waiting for outputs, and the calls it waits for. */
  pending: { step: RunStep; calls: RunToolCall[] } | null
  /** The step and message being written, so a cancel or failure can close them. */
  openStep: RunStep | null
  openMessage: Message | null
  toolOutputs: SubmittedToolOutput[]
  listeners: Set<RunListener>
  /** Prompt tokens of the thread when the run started: every step's prompt starts from it. */
  basePromptTokens: number
  /**
   * When a run waiting for outputs expires, in ms: `run.expires_at` is this in whole seconds,
   * rounded up, so the run never expires before the time it shows.
   */
  expiresAtMs: number
  /** Which reset() of the simulator created it: a driver of an older generation stops. */
  generation: number
}

export interface SimulatorState {
  threads: Map<string, ThreadRecord>
  /** In creation order; built-ins first. */
  assistants: Map<string, AssistantRecord>
  /** Built-ins and registered scenarios, by name. */
  scenarios: Map<string, Scenario>
  /** Every run by id, for lookups that must also check the thread. */
  runs: Map<string, RunRecord>
  /** Every stored response by id (Responses API). */
  responses: Map<string, ResponseRecord>
  /** Built-in and registered Responses scenarios, by the model name that picks them. */
  responseScenarios: Map<string, ResponseScenario>
}

export const ACTIVE_STATUSES: ReadonlySet<string> = new Set([
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
])
