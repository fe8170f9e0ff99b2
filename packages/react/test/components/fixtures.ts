import type {
  Message,
  Response,
  ResponseFunctionCall,
  ResponseOutputMessage,
  Run,
  RunStep,
  RunToolCall,
} from '@runlens/client'

// Small builders for the component tests: a complete wire object with only what a test changes.

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run_1',
    object: 'thread.run',
    created_at: 1761861531,
    thread_id: 'thread_1',
    assistant_id: 'asst_1',
    status: 'completed',
    required_action: null,
    last_error: null,
    expires_at: null,
    started_at: 1761861532,
    cancelled_at: null,
    failed_at: null,
    completed_at: 1761861537,
    incomplete_details: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [],
    metadata: {},
    usage: { prompt_tokens: 38, completion_tokens: 35, total_tokens: 73 },
    max_prompt_tokens: null,
    max_completion_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    tool_choice: 'auto',
    parallel_tool_calls: true,
    response_format: 'auto',
    ...overrides,
  }
}

export function makeCall(id: string, name: string, args: string): RunToolCall {
  return { id, type: 'function', function: { name, arguments: args } }
}

export function makeStep(overrides: Partial<RunStep> = {}): RunStep {
  return {
    id: 'step_1',
    object: 'thread.run.step',
    created_at: 1761861533,
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    run_id: 'run_1',
    type: 'message_creation',
    status: 'completed',
    step_details: { type: 'message_creation', message_creation: { message_id: 'msg_1' } },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: 1761861536,
    metadata: null,
    usage: null,
    ...overrides,
  }
}

export function makeMessage(text: string, overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg_1',
    object: 'thread.message',
    created_at: 1761861534,
    thread_id: 'thread_1',
    status: 'completed',
    incomplete_details: null,
    completed_at: 1761861536,
    incomplete_at: null,
    role: 'assistant',
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    assistant_id: 'asst_1',
    run_id: 'run_1',
    attachments: [],
    metadata: {},
    ...overrides,
  }
}

export function makeResponse(overrides: Partial<Response> = {}): Response {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1761861531,
    status: 'completed',
    background: true,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: 'gpt-5',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    tool_choice: 'auto',
    tools: [],
    usage: {
      input_tokens: 40,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 30,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 70,
    },
    metadata: {},
    ...overrides,
  }
}

export function makeOutputMessage(
  text: string,
  overrides: Partial<ResponseOutputMessage> = {},
): ResponseOutputMessage {
  return {
    type: 'message',
    id: 'msg_r1',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
    ...overrides,
  }
}

export function makeFunctionCall(callId: string, name: string, args: string): ResponseFunctionCall {
  return {
    type: 'function_call',
    id: `fc_${callId}`,
    call_id: callId,
    name,
    arguments: args,
    status: 'completed',
  }
}
