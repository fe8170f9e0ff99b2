// The full-flow stories as portable stories in a real browser: each one rendered with the
// project's annotations (theme decorator, styles) and its play function run, as Storybook does.
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import preview from '../../../.storybook/preview.js'
import * as flows from '../../../stories/flows/RunMonitor.flows.stories.js'

setProjectAnnotations(preview)
const stories = composeStories(flows) as unknown as Record<
  string,
  { run(context: { canvasElement: HTMLElement; globals?: Record<string, unknown> }): Promise<void> }
>

declare global {
  interface Window {
    runlensStories: string[]
    runStory(name: string, theme: 'light' | 'dark'): Promise<void>
  }
}

window.runlensStories = Object.keys(stories)
window.runStory = async (name, theme) => {
  const story = stories[name]
  if (!story) throw new Error(`no story ${name}`)
  const canvasElement = document.getElementById('root')!
  await story.run({ canvasElement, globals: { theme } })
}
