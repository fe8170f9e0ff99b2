// Every story of stories/ as a portable story in a real browser: each one rendered with the
// project's annotations (theme decorator, styles) and its play function run, as Storybook does.
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import preview from '../../../.storybook/preview.js'

type StoriesModule = Parameters<typeof composeStories>[0]
/** What the page needs of a composed story (its full type depends on each file's component). */
type RunnableStory = {
  run(context: { canvasElement: HTMLElement; globals?: Record<string, unknown> }): Promise<void>
  parameters?: { consoleErrors?: string }
}

setProjectAnnotations(preview)
const modules = import.meta.glob<StoriesModule>('../../../stories/**/*.stories.tsx', { eager: true })

/** Stories by "<file>/<export>", e.g. "RunStatusBadge/Default", "RunMonitor.flows/TextAnswer". */
const stories = new Map<string, RunnableStory>()
for (const [path, mod] of Object.entries(modules)) {
  const file = path.replace(/^.*\//, '').replace(/\.stories\.tsx$/, '')
  for (const [name, story] of Object.entries(composeStories(mod))) {
    stories.set(`${file}/${name}`, story as unknown as RunnableStory)
  }
}

declare global {
  interface Window {
    runlensStories: string[]
    /**
     * Renders a story in #root (unmounting the one before) and runs its play function. Resolves
     * with the story's `parameters.consoleErrors`: the console error it provokes on purpose, if any.
     */
    runStory(name: string, theme: 'light' | 'dark' | 'auto'): Promise<string | null>
  }
}

window.runlensStories = [...stories.keys()]
window.runStory = async (name, theme) => {
  const story = stories.get(name)
  if (!story) throw new Error(`no story ${name}`)
  const canvasElement = document.getElementById('root')!
  await story.run({ canvasElement, globals: { theme } })
  return story.parameters?.consoleErrors ?? null
}
