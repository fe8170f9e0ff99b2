import type { RunStep } from '@runlens/client'
import { FILE_SEARCH_CONTENT } from './validate.js'

/**
 * A step as a response shows it: file search results keep their `content` only when the request
 * asked for it with `include[]`, as on the real API. Other objects pass through.
 */
export function renderForInclude(data: unknown, include: readonly string[]): unknown {
  if (include.includes(FILE_SEARCH_CONTENT)) return data
  const step = data as RunStep
  if (step?.object !== 'thread.run.step' || step.step_details.type !== 'tool_calls') return data
  if (!step.step_details.tool_calls.some((call) => call.type === 'file_search')) return data
  return {
    ...step,
    step_details: {
      ...step.step_details,
      tool_calls: step.step_details.tool_calls.map((call) =>
        call.type === 'file_search' && call.file_search.results
          ? {
              ...call,
              file_search: {
                ...call.file_search,
                results: call.file_search.results.map(({ content: _content, ...result }) => result),
              },
            }
          : call,
      ),
    },
  }
}
