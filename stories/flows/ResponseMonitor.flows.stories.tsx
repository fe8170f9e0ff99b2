import type { ResponseFunctionTool } from '@runlens/client'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { long, monitorIn, stateIs } from './monitorSteps.js'
import { SimulatedResponse } from './SimulatedResponse.js'

const weather: ResponseFunctionTool = {
  type: 'function',
  name: 'get_current_weather',
  description: 'The current weather in a city',
  parameters: {
    type: 'object',
    properties: { location: { type: 'string' } },
    required: ['location'],
    additionalProperties: false,
  },
}

/**
 * The connected `RunMonitor protocol="responses"` through whole Responses runs in background mode,
 * on the simulator running in the browser: a streamed answer, a function call answered after
 * approval (a follow-up response of the same chain), a dropped stream that resumes after its last
 * event, a cancel. Each play function acts as a person would and checks what the monitor shows.
 */
const meta = {
  title: 'Flows/Response monitor on the simulator',
  component: SimulatedResponse,
  parameters: { layout: 'padded' },
  args: { model: 'gpt-4o-mini', message: 'Hello! Who are you?', tokenDelayMs: 15 },
  argTypes: {
    model: {
      control: 'select',
      options: [
        'gpt-4o-mini',
        'sim-reasoning',
        'sim-slow',
        'sim-incomplete',
        'sim-server-error',
        'sim-stream-error',
        'sim-parallel-calls',
      ],
    },
  },
} satisfies Meta<typeof SimulatedResponse>

export default meta
type Story = StoryObj<typeof meta>

const shownId = (canvasElement: HTMLElement) =>
  monitorIn(canvasElement).querySelector('.rl-monitor__id')?.textContent ?? ''

export const TextAnswer: Story = {
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'completed')
    await expect(monitorIn(canvasElement).textContent).toContain(
      'I did read your message: "Hello! Who are you?"',
    )
    await waitFor(() => expect(monitorIn(canvasElement).getAttribute('data-connection')).toBe('closed'), long)
    await expect(shownId(canvasElement)).toMatch(/^resp_/)
  },
}

/** Start, stream, a function call approved and answered, the follow-up streams, completed. */
export const FunctionCallWithApproval: Story = {
  args: { message: "What's the weather in Paris?", tools: [weather], requireApproval: true },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'requires_action')
    const first = shownId(canvasElement)
    const monitor = within(monitorIn(canvasElement))
    await expect(monitorIn(canvasElement).textContent).toContain('get_current_weather')
    await userEvent.click(monitor.getByRole('button', { name: 'Approve' }))
    await userEvent.type(monitor.getByLabelText('Output of get_current_weather'), '18 °C, light rain')
    await userEvent.click(monitor.getByRole('button', { name: 'Submit outputs' }))
    await stateIs(canvasElement, 'completed')
    await expect(monitorIn(canvasElement).textContent).toContain(
      'Here is what I found: get_current_weather says 18 °C, light rain.',
    )
    // The answer came in a follow-up response: the monitor now names it.
    await expect(shownId(canvasElement)).toMatch(/^resp_/)
    await expect(shownId(canvasElement)).not.toBe(first)
  },
}

export const DroppedStreamResumes: Story = {
  args: {
    model: 'sim-slow',
    message: 'Write me a long answer.',
    tokenDelayMs: 2,
    // The create's stream ends after 12 events, with no terminal event: the client resumes it.
    faults: [{ method: 'POST', path: '/responses', cutAfter: 12, times: 1 }],
  },
  play: async ({ canvasElement }) => {
    await stateIs(canvasElement, 'completed')
    const answer = monitorIn(canvasElement).querySelector('.rl-monitor__answer')
    const paragraphs = [...(answer?.querySelectorAll('.rl-message__paragraph') ?? [])]
    // Every paragraph once: the resumed stream started after the last event shown.
    await expect(paragraphs.map((p) => /^Paragraph (\d+)\./.exec(p.textContent ?? '')?.[1])).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    )
  },
}

export const Cancel: Story = {
  args: { model: 'sim-slow', message: 'Write me a long answer.', tokenDelayMs: 10 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(monitorIn(canvasElement).textContent).toContain('Paragraph 1.'), long)
    await userEvent.click(within(monitorIn(canvasElement)).getByRole('button', { name: 'Cancel run' }))
    await stateIs(canvasElement, 'cancelled')
    const monitor = monitorIn(canvasElement)
    await expect(monitor.textContent).not.toContain('Paragraph 12.')
    await expect(within(monitor).queryByRole('button', { name: /cancel/i })).toBeNull()
  },
}
