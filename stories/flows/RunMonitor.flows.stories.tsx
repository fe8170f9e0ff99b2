import type { Scenario } from '@runlens/simulator'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { long, monitorIn, stateIs } from './monitorSteps.js'
import { SimulatedRun } from './SimulatedRun.js'

/**
 * The connected `RunMonitor` through whole runs, on the simulator running in the browser: real
 * streams, tool calls, cancels, expiry and a dropped stream, with no server and no key. Each play
 * function acts as a person would and checks what the monitor shows.
 */
const meta = {
  title: 'Flows/Run monitor on the simulator',
  component: SimulatedRun,
  parameters: { layout: 'padded' },
  args: { scenario: 'text', message: 'Hello! Who are you?', tokenDelayMs: 15 },
  argTypes: {
    scenario: {
      control: 'select',
      options: [
        'text',
        'function_call',
        'parallel_function_calls',
        'code_interpreter',
        'file_search',
        'server_error',
        'stream_error',
        'rate_limit',
        'incomplete_max_completion_tokens',
        'incomplete_max_prompt_tokens',
        'expired',
        'slow_stream',
      ],
    },
  },
} satisfies Meta<typeof SimulatedRun>

export default meta
type Story = StoryObj<typeof meta>

export const TextAnswer: Story = {
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'completed')
    const monitor = monitorIn(canvasElement)
    await expect(monitor.textContent).toContain("Hello! I'm a simulated assistant")
    // The stream ends just after the run's last event.
    await waitFor(() => expect(monitorIn(canvasElement).getAttribute('data-connection')).toBe('closed'), long)
    await expect(within(monitor).getByRole('heading', { name: 'Token usage' })).toBeVisible()
  },
}

export const ToolCallWithApproval: Story = {
  args: { scenario: 'function_call', message: "What's the weather in Paris?", requireApproval: true },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'requires_action')
    const monitor = within(monitorIn(canvasElement))
    await expect(monitorIn(canvasElement).textContent).toContain('get_current_weather')
    await userEvent.click(monitor.getByRole('button', { name: 'Approve' }))
    await userEvent.type(monitor.getByLabelText('Output of get_current_weather'), '18 °C, light rain')
    await userEvent.click(monitor.getByRole('button', { name: 'Submit outputs' }))
    await stateIs(canvasElement, 'completed')
    await expect(monitorIn(canvasElement).textContent).toContain('The weather in Paris: 18 °C, light rain.')
  },
}

export const Failure: Story = {
  args: { scenario: 'server_error', message: 'Tell me something.' },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'failed')
    const monitor = monitorIn(canvasElement)
    await expect(monitor.querySelector('.rl-error__message')?.textContent).toBe(
      'Sorry, something went wrong.',
    )
    await expect(monitor.textContent).toContain('server_error')
  },
}

export const Cancel: Story = {
  args: { scenario: 'slow_stream', message: 'Write me a long answer.', tokenDelayMs: 10 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(monitorIn(canvasElement).textContent).toContain('Paragraph 1.'), long)
    await userEvent.click(within(monitorIn(canvasElement)).getByRole('button', { name: 'Cancel run' }))
    await stateIs(canvasElement, 'cancelled')
    const monitor = monitorIn(canvasElement)
    await expect(monitor.textContent).not.toContain('Paragraph 12.')
    await expect(within(monitor).queryByRole('button', { name: /cancel/i })).toBeNull()
  },
}

/** The built-in `expired` scenario waits 60 s; this one gives up after 2 s. */
const quickExpiry: Scenario = {
  name: 'quick_expiry',
  description: 'Asks for an order lookup and expires 2 seconds later if no output comes.',
  expiresAfterSeconds: 2,
  steps: [
    { type: 'tool_calls', calls: [{ name: 'lookup_order', arguments: { order_id: 'A-1001' } }] },
    { type: 'message', text: 'Your order is on its way.' },
  ],
}

export const Expiry: Story = {
  args: { scenario: 'quick_expiry', message: 'Where is my order A-1001?', scenarios: [quickExpiry] },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'requires_action')
    await expect(monitorIn(canvasElement).textContent).toContain('lookup_order')
    // Nobody answers: the deadline passes and the monitor shows the server's verdict.
    await stateIs(canvasElement, 'expired')
    await expect(
      within(monitorIn(canvasElement)).queryByRole('button', { name: 'Submit outputs' }),
    ).toBeNull()
  },
}

export const DroppedStreamRecovers: Story = {
  args: {
    scenario: 'text',
    message: 'Hello! Who are you?',
    // The first run's stream ends after 8 events, with no terminal event and no [DONE].
    faults: [{ method: 'POST', path: '/threads/', cutAfter: 8, times: 1 }],
  },
  play: async ({ canvasElement }) => {
    // Every connection state the monitor shows, from now on.
    const seen: string[] = []
    const record = () => {
      const state = canvasElement.querySelector('section.rl-monitor')?.getAttribute('data-connection')
      if (state && seen.at(-1) !== state) seen.push(state)
    }
    const observer = new MutationObserver(record)
    observer.observe(canvasElement, { subtree: true, childList: true, attributes: true })
    record()
    await stateIs(canvasElement, 'completed')
    // The session closes once the server's messages have replaced the streamed text.
    await waitFor(() => expect(monitorIn(canvasElement).getAttribute('data-connection')).toBe('closed'), long)
    observer.disconnect()
    // It fell back to polling, then closed.
    await expect(seen).toContain('polling')
    await expect(seen.at(-1)).toBe('closed')
    const answer = monitorIn(canvasElement).querySelector('.rl-monitor__answer')?.textContent ?? ''
    // The text the stream missed came back from the server, and nothing is doubled.
    await expect(answer).toContain('How can I assist you today?')
    await expect(answer.match(/Hello! I'm a simulated assistant/g)?.length).toBe(1)
  },
}

/** Deny cancels the run: no output will come, and a waiting run would hold the thread. */
export const DenyCancels: Story = {
  args: { scenario: 'function_call', message: "What's the weather in Paris?", requireApproval: true },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'requires_action')
    await userEvent.click(within(monitorIn(canvasElement)).getByRole('button', { name: 'Deny' }))
    await stateIs(canvasElement, 'cancelled')
    const monitor = monitorIn(canvasElement)
    await expect(monitor.querySelector('.rl-monitor__header .rl-badge__label')?.textContent).toBe('Cancelled')
    await expect(within(monitor).queryByRole('form')).toBeNull()
  },
}

/** While the run waits for tool outputs, no other run can start on its thread: the button says why. */
export const StartWaitsForToolOutputs: Story = {
  args: { scenario: 'function_call', message: "What's the weather in Paris?" },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'requires_action')
    const canvas = within(canvasElement)
    const start = canvas.getByRole('button', { name: 'Start another run' })
    await expect(start).toBeDisabled()
    await expect(start).toHaveAccessibleDescription('A run is waiting for tool outputs.')
  },
}
