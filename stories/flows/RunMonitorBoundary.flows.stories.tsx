import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { SimulatedRun } from './SimulatedRun.js'

// Kept out of the jsdom story runs (which glob stories/*.stories.tsx and RunMonitor.flows only):
// React reports the error the boundary catches on the console, as it should, and the Chromium
// story test allows exactly that report for this story (`parameters.consoleErrors`).

/** The labels fail while `failing.now` is true: a stand-in for any bug inside the monitor. */
const failing = { now: true }
const labels = {
  monitor: {
    announceStatus: (status: string) => {
      if (failing.now) throw new Error('The announcer could not be worded.')
      return `Run status: ${status}`
    },
  },
}

/**
 * The connected monitor's own error boundary: when the monitor fails to render, it says so in its
 * place with "Try again", and the page around it stays.
 */
const meta = {
  title: 'Flows/Run monitor error boundary',
  component: SimulatedRun,
  parameters: { layout: 'padded', consoleErrors: 'The announcer could not be worded' },
  args: { scenario: 'text', message: 'Hello! Who are you?', tokenDelayMs: 15, labels },
} satisfies Meta<typeof SimulatedRun>

export default meta
type Story = StoryObj<typeof meta>

/** The monitor failed: its alert in its place, the page (the "Run again" button) still there. */
export const Fails: Story = {
  beforeEach: () => {
    failing.now = true
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 })
    await expect(alert).toHaveTextContent('The run monitor could not show this run.')
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Run again' })).toBeVisible()
  },
}

export const FailsAndRetries: Story = {
  beforeEach: () => {
    failing.now = true
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 })
    await expect(alert).toHaveTextContent('The run monitor could not show this run.')
    await expect(alert).toHaveTextContent('The announcer could not be worded.')
    // The page around the monitor is still there.
    await expect(canvas.getByRole('button', { name: 'Run again' })).toBeVisible()
    failing.now = false
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await waitFor(
      () =>
        expect(canvasElement.querySelector('section.rl-monitor')?.getAttribute('data-state')).toBe(
          'completed',
        ),
      { timeout: 10_000 },
    )
    await expect(canvas.queryByRole('alert')).toBeNull()
  },
}
