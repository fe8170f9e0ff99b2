import type { RunUsage } from '@runlens/client'

/** A usage object shaped like the recordings' (with the detail objects real servers add). */
export function usage(prompt: number, completion: number): RunUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_token_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  }
}

export function sumUsage(parts: ReadonlyArray<RunUsage | null>): RunUsage {
  let prompt = 0
  let completion = 0
  for (const part of parts) {
    prompt += part?.prompt_tokens ?? 0
    completion += part?.completion_tokens ?? 0
  }
  return usage(prompt, completion)
}
