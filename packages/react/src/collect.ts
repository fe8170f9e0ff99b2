import type { Message, RunStep, RunStepInclude, RunsClient } from '@runlens/client'

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

const asc = { order: 'asc', limit: 100 } as const

/** Every step of a run, oldest first, page after page. */
export const listSteps = (
  client: RunsClient,
  threadId: string,
  runId: string,
  include?: RunStepInclude[],
  signal?: AbortSignal,
): Promise<RunStep[]> => collect(client.runs.steps.list(threadId, runId, { ...asc, include }, { signal }))

/**
 * Every message a run created, oldest first: the server's word on its text, which replaces what a
 * dropped stream left partial.
 */
export const listMessages = (
  client: RunsClient,
  threadId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<Message[]> =>
  collect(client.threads.messages.list(threadId, { ...asc, run_id: runId }, { signal }))
