import type { RunStep, RunStepInclude, RunsClient } from '@runlens/client'

/** Every step of a run, oldest first, page after page. */
export async function listSteps(
  client: RunsClient,
  threadId: string,
  runId: string,
  include?: RunStepInclude[],
  signal?: AbortSignal,
): Promise<RunStep[]> {
  const steps: RunStep[] = []
  const query = { order: 'asc', limit: 100, ...(include && { include }) } as const
  for await (const step of client.runs.steps.list(threadId, runId, query, { signal })) steps.push(step)
  return steps
}
