import type { Message, RunStep, RunStepInclude, RunsClient } from '@runlens/client'

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/** Pages as large as the API allows (100 items), oldest first. */
const oldestFirst = { order: 'asc', limit: 100 } as const

/** Every step of a run, oldest first, page after page. */
export function listSteps(
  client: RunsClient,
  threadId: string,
  runId: string,
  include?: RunStepInclude[],
  signal?: AbortSignal,
): Promise<RunStep[]> {
  return collect(client.runs.steps.list(threadId, runId, { ...oldestFirst, include }, { signal }))
}

/**
 * Every message a run created, oldest first: the server's word on its text, which replaces what a
 * dropped stream left partial.
 */
export function listMessages(
  client: RunsClient,
  threadId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<Message[]> {
  return collect(client.threads.messages.list(threadId, { ...oldestFirst, run_id: runId }, { signal }))
}
