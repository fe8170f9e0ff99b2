import { RunStatusBadge } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { StateCell, StateGrid } from './StateGrid.js'

const statuses = [
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
  'cancelled',
  'failed',
  'completed',
  'incomplete',
  'expired',
] as const

const meta = {
  title: 'Components/RunStatusBadge',
  component: RunStatusBadge,
  args: { status: 'in_progress', loading: false, live: false },
  argTypes: {
    status: { control: 'select', options: [...statuses, 'some_future_status'] },
  },
} satisfies Meta<typeof RunStatusBadge>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}

export const RequiresAction: Story = { args: { status: 'requires_action' } }

export const Completed: Story = { args: { status: 'completed' } }

/** A status a newer server may send: shown, never hidden. */
export const Unknown: Story = { args: { status: 'paused_by_operator' } }

/** The status is on its way (a run being fetched): "Loading…", busy, instead of "Unknown". */
export const Loading: Story = { args: { status: undefined, loading: true } }

/** A polite live region: use when the badge alone must announce changes. */
export const Live: Story = { args: { status: 'queued', live: true } }

/**
 * Every status side by side: active ones pulse, requires_action is a still diamond, finished ones
 * show a glyph; loading turns a broken ring.
 */
export const AllStates: Story = {
  render: () => (
    <StateGrid min="11rem">
      <StateCell label="loading">
        <span>
          <RunStatusBadge status={undefined} loading />
        </span>
      </StateCell>
      {[...statuses, 'some_future_status'].map((status) => (
        <StateCell key={status} label={status}>
          <span>
            <RunStatusBadge status={status} />
          </span>
        </StateCell>
      ))}
    </StateGrid>
  ),
}
