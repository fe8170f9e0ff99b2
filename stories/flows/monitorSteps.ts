import { expect, waitFor } from 'storybook/test'

/** How long a flow waits for the simulator to get somewhere (it streams in real time here). */
export const long = { timeout: 10_000 }

/** The run monitor in the story's canvas; throws (and `waitFor` retries) until it is there. */
export function monitorIn(canvasElement: HTMLElement): HTMLElement {
  const monitor = canvasElement.querySelector<HTMLElement>('section.rl-monitor')
  if (!monitor) throw new Error('no run monitor yet')
  return monitor
}

/** Waits until the monitor shows `state` (its `data-state`: a status, `loading`, `empty`). */
export async function stateIs(canvasElement: HTMLElement, state: string) {
  await waitFor(() => expect(monitorIn(canvasElement).getAttribute('data-state')).toBe(state), long)
}
