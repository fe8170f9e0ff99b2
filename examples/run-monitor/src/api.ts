/**
 * The calls the demo makes outside @runlens/client, which has no assistants or models API: list
 * the assistants and the models to pick from (threads are created through the client,
 * `useCreateThread`). Same-origin
 * `/v1` always: the dev server answers it with the simulator, or proxies it to a real server and
 * adds the key there.
 */

export const apiBase = '/v1'

export interface Model {
  id: string
  /** The simulator describes its scripted models; a real server does not. */
  description?: string | null
}

export interface Assistant {
  id: string
  name: string | null
  description: string | null
  model: string
}

const headers = { 'OpenAI-Beta': 'assistants=v2' }

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`
    try {
      const body = (await res.json()) as { error?: { message?: string } }
      if (body.error?.message) message = body.error.message
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(message)
  }
  return (await res.json()) as T
}

export async function listAssistants(signal?: AbortSignal): Promise<Assistant[]> {
  const res = await fetch(`${apiBase}/assistants?limit=100&order=asc`, { headers, signal: signal ?? null })
  const page = await json<{ data: Assistant[] }>(res)
  return page.data
}

/** The models `GET /v1/models` lists: the simulator's scripted Responses behaviours, by name. */
export async function listModels(signal?: AbortSignal): Promise<Model[]> {
  const res = await fetch(`${apiBase}/models`, { signal: signal ?? null })
  const page = await json<{ data: Model[] }>(res)
  return page.data
}
