import type { Run } from '@runlens/client'
import { RunList } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { runPage, runPage2, storyNow } from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/RunList',
  component: RunList,
  args: {
    runs: runPage,
    selectedRunId: 'run_7c',
    hasMore: true,
    isLoadingMore: false,
    isLoading: false,
    now: storyNow,
    locale: 'en-US',
    onSelect: fn(),
    onLoadMore: fn(),
  },
  argTypes: { now: { control: false } },
} satisfies Meta<typeof RunList>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'run_6d' }))
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 'run_6d' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }))
    await expect(args.onLoadMore).toHaveBeenCalledTimes(1)
  },
}

/** A working list: selecting and loading the next page (a 300 ms fake request). */
export const Paginated: Story = {
  render: (args) => {
    const [runs, setRuns] = useState<Run[]>(runPage)
    const [selected, setSelected] = useState<string | null>(null)
    const [loading, setLoading] = useState(false)
    return (
      <RunList
        {...args}
        runs={runs}
        selectedRunId={selected}
        onSelect={(r) => setSelected(r.id)}
        hasMore={runs.length === runPage.length}
        isLoadingMore={loading}
        onLoadMore={() => {
          setLoading(true)
          setTimeout(() => {
            setRuns((r) => [...r, ...runPage2])
            setLoading(false)
          }, 300)
        }}
      />
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('row')).toHaveLength(runPage.length + 1)
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }))
    await expect(canvas.getByRole('button', { name: 'Loading…' })).toHaveAttribute('aria-busy', 'true')
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(runPage.length + runPage2.length + 1))
    await expect(canvas.queryByRole('button', { name: 'Load more' })).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'run_1i' }))
    await expect(canvas.getByRole('button', { name: 'run_1i' })).toHaveAttribute('aria-current', 'true')
  },
}

export const LoadingMore: Story = { args: { isLoadingMore: true } }

export const Loading: Story = { args: { runs: [], isLoading: true, hasMore: false } }

export const Empty: Story = { args: { runs: [], hasMore: false } }

export const AllStates: Story = {
  render: (args) => (
    <StateGrid min="40rem">
      <StateCell label="filled, one selected, more to load">
        <RunList {...args} />
      </StateCell>
      <StateCell label="loading more">
        <RunList {...args} runs={runPage.slice(0, 2)} isLoadingMore />
      </StateCell>
      <StateCell label="last page">
        <RunList {...args} runs={runPage2} hasMore={false} selectedRunId={null} />
      </StateCell>
      <StateCell label="loading">
        <RunList {...args} runs={[]} isLoading hasMore={false} />
      </StateCell>
      <StateCell label="empty">
        <RunList {...args} runs={[]} hasMore={false} />
      </StateCell>
    </StateGrid>
  ),
}
