/**
 * A synthetic run as the wire carries it: the lifecycle events of a real run (the shapes of the
 * recordings in test/fixtures) around `deltas` deltas, a tenth of them code-interpreter input
 * of a tool step and the rest the text of one message; then cut into chunks of 1-16 KiB, the
 * sizes a fetch body hands over from a socket.
 */
export interface SyntheticRun {
  chunks: Uint8Array[]
  bytes: number
  events: number
}

const ids = {
  run: 'run_Uy45lNz2P7BpJcqWzQkXl1Bu',
  thread: 'thread_Wq2ScOs1iInUsyhUUDmN5NZH',
  assistant: 'asst_0VLdyfoSMFV4tQpzWUT2ywhg',
}

function runObject(status: string) {
  return {
    id: ids.run,
    object: 'thread.run',
    created_at: 1761861742,
    assistant_id: ids.assistant,
    thread_id: ids.thread,
    status,
    started_at: status === 'queued' ? null : 1761861744,
    expires_at: 1761862342,
    cancelled_at: null,
    failed_at: null,
    completed_at: status === 'completed' ? 1761861750 : null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [{ type: 'code_interpreter' }],
    tool_resources: { code_interpreter: { file_ids: [] } },
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    reasoning_effort: null,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage:
      status === 'completed' ? { prompt_tokens: 52, completion_tokens: 100000, total_tokens: 100052 } : null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
  }
}

function stepObject(id: string, status: string, stepDetails: unknown) {
  return {
    id,
    object: 'thread.run.step',
    created_at: 1761861745,
    run_id: ids.run,
    assistant_id: ids.assistant,
    thread_id: ids.thread,
    type: (stepDetails as { type: string }).type,
    status,
    cancelled_at: null,
    completed_at: status === 'completed' ? 1761861749 : null,
    expires_at: 1761862342,
    failed_at: null,
    last_error: null,
    step_details: stepDetails,
    usage: null,
  }
}

function messageObject(status: string, text: string) {
  return {
    id: 'msg_Tn5DNmiQEPZ80biW5AukKrvH',
    object: 'thread.message',
    created_at: 1761861745,
    assistant_id: ids.assistant,
    thread_id: ids.thread,
    run_id: ids.run,
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: status === 'completed' ? 1761861749 : null,
    role: 'assistant',
    content: text ? [{ type: 'text', text: { value: text, annotations: [] } }] : [],
    attachments: [],
    metadata: {},
  }
}

/** The text the deltas cycle through: ASCII, an accent, an emoji (two UTF-16 units). */
export const words = [
  'Hello',
  '!',
  ' How',
  ' can',
  ' I',
  ' assist',
  ' you',
  ' today',
  '?',
  ' The',
  ' answer',
  ' is',
  ' 42',
  '.',
  ' é',
  ' 🙂',
]

/** A small deterministic generator, so that every run of the benchmark sees the same bytes. */
function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

export function syntheticRun(deltas = 100_000): SyntheticRun {
  const parts: string[] = []
  let events = 0
  const emit = (event: string, data: unknown) => {
    parts.push(`event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
    events++
  }
  emit('thread.run.created', runObject('queued'))
  emit('thread.run.queued', runObject('queued'))
  emit('thread.run.in_progress', runObject('in_progress'))

  const toolDeltas = Math.floor(deltas / 10)
  const toolStep = 'step_9c9pSsTIsCYc1KeHEI6Ba34s'
  const empty = { type: 'tool_calls', tool_calls: [] }
  emit('thread.run.step.created', stepObject(toolStep, 'in_progress', empty))
  emit('thread.run.step.in_progress', stepObject(toolStep, 'in_progress', empty))
  let code = ''
  for (let i = 0; i < toolDeltas; i++) {
    const piece = i % 7 === 0 ? '\nx = x + 1' : ' + 1'
    code += piece
    const call =
      i === 0
        ? {
            index: 0,
            id: 'call_xyFYaEeyocjyE6jN64QTcxip',
            type: 'code_interpreter',
            code_interpreter: { input: piece, outputs: [] },
          }
        : { index: 0, type: 'code_interpreter', code_interpreter: { input: piece } }
    emit('thread.run.step.delta', {
      id: toolStep,
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
    })
  }
  const toolCall = {
    id: 'call_xyFYaEeyocjyE6jN64QTcxip',
    type: 'code_interpreter',
    code_interpreter: { input: code, outputs: [] },
  }
  emit(
    'thread.run.step.completed',
    stepObject(toolStep, 'completed', { type: 'tool_calls', tool_calls: [toolCall] }),
  )

  const messageStep = 'step_MVHqdoguIjNIUNR3cl1ks8ka'
  const creation = {
    type: 'message_creation',
    message_creation: { message_id: 'msg_Tn5DNmiQEPZ80biW5AukKrvH' },
  }
  emit('thread.run.step.created', stepObject(messageStep, 'in_progress', creation))
  emit('thread.run.step.in_progress', stepObject(messageStep, 'in_progress', creation))
  emit('thread.message.created', messageObject('in_progress', ''))
  emit('thread.message.in_progress', messageObject('in_progress', ''))
  let text = ''
  for (let i = 0; i < deltas - toolDeltas; i++) {
    const value = words[i % words.length]!
    text += value
    const content =
      i === 0
        ? { index: 0, type: 'text', text: { value, annotations: [] } }
        : { index: 0, type: 'text', text: { value } }
    emit('thread.message.delta', {
      id: 'msg_Tn5DNmiQEPZ80biW5AukKrvH',
      object: 'thread.message.delta',
      delta: { content: [content] },
    })
  }
  emit('thread.message.completed', messageObject('completed', text))
  emit('thread.run.step.completed', stepObject(messageStep, 'completed', creation))
  emit('thread.run.completed', runObject('completed'))
  emit('done', '[DONE]')

  return chunked(parts.join(''), events)
}

/** The text as a body hands it over: cut into chunks of 1-16 KiB, the same cuts on every run. */
export function chunked(text: string, events: number): SyntheticRun {
  const bytes = new TextEncoder().encode(text)
  const random = prng(42)
  const chunks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; ) {
    const size = 1024 + Math.floor(random() * 15 * 1024)
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  return { chunks, bytes: bytes.length, events }
}

/** A fresh body over the same chunks, one chunk per read, as a fetch response would give. */
export function bodyOf(run: SyntheticRun): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = run.chunks[i++]
      if (chunk) controller.enqueue(chunk)
      else controller.close()
    },
  })
}
