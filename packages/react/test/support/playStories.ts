import { test } from 'vitest'

interface PlayableStory {
  run(context: { canvasElement: HTMLElement }): Promise<void>
}

/** One test per story: it renders on a canvas of its own and its play function runs to its end. */
export function playEachStory(stories: Array<[string, PlayableStory]>, timeoutMs = 20_000): void {
  test.each(stories)(
    '%s plays to its end',
    async (_name, Story) => {
      const canvasElement = document.createElement('div')
      document.body.appendChild(canvasElement)
      try {
        await Story.run({ canvasElement })
      } finally {
        canvasElement.remove()
      }
    },
    timeoutMs,
  )
}
