import { RequiredAction } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { brokenCall, forecastCall, STORY_NOW_MS, storyNow, weatherCall } from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const expiresAt = 1761862131

const meta = {
  title: 'Components/RequiredAction',
  component: RequiredAction,
  args: {
    toolCalls: [weatherCall],
    expiresAt,
    now: storyNow,
    submitting: false,
    requireApproval: false,
    onSubmit: fn(),
    onApprove: fn(),
    onDeny: fn(),
  },
  argTypes: {
    now: { control: false },
    toolCalls: { control: 'object' },
  },
} satisfies Meta<typeof RequiredAction>

export default meta
type Story = StoryObj<typeof meta>

/** The recorded run's call: get_current_weather with empty arguments. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Output of get_current_weather'), '{{"temperature_c":21}')
    await userEvent.click(canvas.getByRole('button', { name: 'Submit outputs' }))
    await expect(args.onSubmit).toHaveBeenCalledWith([
      { tool_call_id: weatherCall.id, output: '{"temperature_c":21}' },
    ])
  },
}

/** Several calls, one with arguments that are not JSON (shown raw); one submission with every output. */
export const SeveralCalls: Story = {
  args: { toolCalls: [weatherCall, forecastCall, brokenCall] },
}

/** Submit with an output missing: refused, the field is marked and focused. */
export const RefusesIncomplete: Story = {
  args: { toolCalls: [weatherCall, forecastCall] },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Output of get_current_weather (1 of 2)'), 'sunny')
    await userEvent.click(canvas.getByRole('button', { name: 'Submit outputs' }))
    await expect(args.onSubmit).not.toHaveBeenCalled()
    await expect(canvas.getByRole('alert')).toHaveTextContent('1 output is missing.')
    await expect(canvas.getByLabelText('Output of get_forecast (2 of 2)')).toHaveFocus()
  },
}

/** Approval first: the calls are shown, outputs can be entered only after "Approve". */
export const WithApproval: Story = {
  args: { requireApproval: true, toolCalls: [weatherCall, forecastCall] },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }))
    await expect(args.onApprove).toHaveBeenCalledTimes(1)
    await userEvent.type(canvas.getByLabelText('Output of get_current_weather (1 of 2)'), 'sunny')
    await userEvent.type(canvas.getByLabelText('Output of get_forecast (2 of 2)'), 'rain on Sunday')
    await userEvent.click(canvas.getByRole('button', { name: 'Submit outputs' }))
    await expect(args.onSubmit).toHaveBeenCalledTimes(1)
  },
}

export const Denied: Story = {
  args: { requireApproval: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Deny' }))
    await expect(args.onDeny).toHaveBeenCalledTimes(1)
    await expect(canvas.getByText('Tool calls denied.')).toBeInTheDocument()
  },
}

export const Submitting: Story = {
  args: { submitting: true, defaultOutputs: { [weatherCall.id]: '{"temperature_c":21}' } },
}

export const Expired: Story = {
  args: { now: () => STORY_NOW_MS + 600_000 },
}

export const AllStates: Story = {
  // Each form is a landmark named by its title: one page of six needs a name apiece (axe's landmark-unique).
  render: (args) => (
    <StateGrid min="20rem">
      <StateCell label="editing">
        <RequiredAction {...args} aria-label="Action required (editing)" />
      </StateCell>
      <StateCell label="several calls, invalid JSON">
        <RequiredAction
          {...args}
          aria-label="Action required (several calls, invalid JSON)"
          toolCalls={[forecastCall, brokenCall]}
        />
      </StateCell>
      <StateCell label="pending-approval">
        <RequiredAction
          {...args}
          aria-label="Action required (pending-approval)"
          requireApproval
          approval="pending"
        />
      </StateCell>
      <StateCell label="submitting">
        <RequiredAction
          {...args}
          aria-label="Action required (submitting)"
          submitting
          defaultOutputs={{ [weatherCall.id]: '{"temperature_c":21}' }}
        />
      </StateCell>
      <StateCell label="denied">
        <RequiredAction {...args} aria-label="Action required (denied)" requireApproval approval="denied" />
      </StateCell>
      <StateCell label="expired">
        <RequiredAction {...args} aria-label="Action required (expired)" now={() => STORY_NOW_MS + 600_000} />
      </StateCell>
    </StateGrid>
  ),
}
