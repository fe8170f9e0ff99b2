/// <reference types="vite/client" />
// Every story is a test: composed with the project's annotations (test/dom/setup.ts), rendered,
// its play function run, then checked with axe-core the way the Storybook a11y addon checks it.
import { composeStories } from '@storybook/react-vite'
import axe from 'axe-core'
import { describe, expect, test } from 'vitest'

type StoriesModule = Parameters<typeof composeStories>[0]
/** What the test needs of a composed story (its full type depends on each file's component). */
type RunnableStory = { run: (context?: { canvasElement?: HTMLElement }) => Promise<void> }

const modules = import.meta.glob<StoriesModule>('../../stories/*.stories.tsx', { eager: true })

const axeOptions: axe.RunOptions = {
  rules: {
    // jsdom has no layout or paint: contrast is checked in a real browser (screenshots, e2e).
    'color-contrast': { enabled: false },
    // Disabled by the Storybook a11y addon as well: a component alone has no landmarks.
    region: { enabled: false },
  },
}

test('every stories file is found', () => {
  expect(Object.keys(modules).length).toBeGreaterThanOrEqual(8)
})

for (const [path, mod] of Object.entries(modules)) {
  const file = path.replace(/^.*\//, '')
  describe(file, () => {
    const stories = Object.entries(composeStories(mod)) as Array<[string, RunnableStory]>
    test('has an AllStates story', () => {
      expect(stories.map(([name]) => name)).toContain('AllStates')
    })
    test.each(stories)('%s renders, plays and has no axe violation', async (_name, Story) => {
      const canvasElement = document.createElement('div')
      document.body.appendChild(canvasElement)
      try {
        await Story.run({ canvasElement })
        expect(canvasElement.childElementCount).toBeGreaterThan(0)
        const results = await axe.run(canvasElement, axeOptions)
        const violations = results.violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.map((n) => n.html.slice(0, 160)),
        }))
        expect(violations).toEqual([])
      } finally {
        canvasElement.remove()
      }
    })
  })
}
