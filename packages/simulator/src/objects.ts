import type {
  Assistant,
  AssistantTool,
  Message,
  MessageContent,
  Metadata,
  Run,
  RunStep,
  StepDetails,
  Thread,
} from '@runlens/client'
import type { Scenario } from './scenario.js'

// Field order follows the recorded streams, so a diff against them reads line by line.

const TOOL_RESOURCES = { code_interpreter: { file_ids: [] } }

export function makeThread(id: string, createdAt: number, metadata: Metadata): Thread {
  return {
    id,
    object: 'thread',
    created_at: createdAt,
    metadata,
    tool_resources: structuredClone(TOOL_RESOURCES),
  }
}

/** The tools a scenario's assistant declares: given, or derived from what its steps call. */
export function scenarioTools(scenario: Scenario): AssistantTool[] {
  if (scenario.tools) return structuredClone(scenario.tools)
  const tools: AssistantTool[] = []
  const seen = new Set<string>()
  for (const step of scenario.steps) {
    if (step.type === 'tool_calls') {
      for (const call of step.calls) {
        if (seen.has(call.name)) continue
        seen.add(call.name)
        tools.push({
          type: 'function',
          function: { name: call.name, parameters: { type: 'object', properties: {} }, strict: false },
        })
      }
    } else if ((step.type === 'code_interpreter' || step.type === 'file_search') && !seen.has(step.type)) {
      seen.add(step.type)
      tools.push({ type: step.type })
    }
  }
  return tools
}

export function makeAssistant(
  id: string,
  createdAt: number,
  fields: {
    name: string | null
    description: string | null
    model: string
    instructions: string | null
    tools: AssistantTool[]
    metadata: Metadata
  },
): Assistant {
  return {
    id,
    object: 'assistant',
    created_at: createdAt,
    name: fields.name,
    description: fields.description,
    model: fields.model,
    instructions: fields.instructions,
    tools: fields.tools,
    top_p: 1,
    temperature: 1,
    reasoning_effort: null,
    tool_resources: structuredClone(TOOL_RESOURCES),
    metadata: fields.metadata,
    response_format: 'auto',
  }
}

export function makeMessage(fields: {
  id: string
  createdAt: number
  threadId: string
  role: 'user' | 'assistant'
  content: MessageContent[]
  assistantId: string | null
  runId: string | null
  status: 'in_progress' | 'completed'
  metadata: Metadata
  attachments?: Message['attachments']
}): Message {
  return {
    id: fields.id,
    object: 'thread.message',
    created_at: fields.createdAt,
    assistant_id: fields.assistantId,
    thread_id: fields.threadId,
    run_id: fields.runId,
    status: fields.status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: fields.status === 'completed' ? fields.createdAt : null,
    role: fields.role,
    content: fields.content,
    attachments: fields.attachments ?? [],
    metadata: fields.metadata,
  }
}

/**
 * The recordings show steps with `expires_at` and no `metadata`, while the spec requires
 * `expired_at` and `metadata`: a step carries all three, so it satisfies both.
 */
export function makeStep(run: Run, id: string, createdAt: number, details: StepDetails): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: createdAt,
    run_id: run.id,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    type: details.type,
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expires_at: run.expires_at,
    expired_at: null,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: null,
    metadata: {},
  }
}

export interface RunFields {
  id: string
  createdAt: number
  expiresAt: number
  assistantId: string
  threadId: string
  model: string
  instructions: string | null
  tools: AssistantTool[]
  metadata: Metadata
  temperature: number
  topP: number
  reasoningEffort: unknown
  maxCompletionTokens: number | null
  maxPromptTokens: number | null
  truncationStrategy: Run['truncation_strategy']
  toolChoice: Run['tool_choice']
  parallelToolCalls: boolean
  responseFormat: Run['response_format']
}

export function makeRun(f: RunFields): Run {
  return {
    id: f.id,
    object: 'thread.run',
    created_at: f.createdAt,
    assistant_id: f.assistantId,
    thread_id: f.threadId,
    status: 'queued',
    started_at: null,
    expires_at: f.expiresAt,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: f.model,
    instructions: f.instructions,
    tools: f.tools,
    tool_resources: structuredClone(TOOL_RESOURCES),
    metadata: f.metadata,
    temperature: f.temperature,
    top_p: f.topP,
    reasoning_effort: f.reasoningEffort,
    max_completion_tokens: f.maxCompletionTokens,
    max_prompt_tokens: f.maxPromptTokens,
    truncation_strategy: f.truncationStrategy,
    incomplete_details: null,
    usage: null,
    response_format: f.responseFormat,
    tool_choice: f.toolChoice,
    parallel_tool_calls: f.parallelToolCalls,
  }
}

/** A message's text, for token counts and for the scenario context. */
export function messageText(message: Message): string {
  return message.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('')
}
