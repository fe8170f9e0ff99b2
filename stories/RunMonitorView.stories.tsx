import type { Message, Run, RunStep } from '@runlens/client'
import { RunMonitorView } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import {
  allSteps,
  answerMessage,
  apiError,
  cancelledResponse,
  cancellingRun,
  completedResponse,
  completedRun,
  expiredRun,
  failedResponse,
  failedRun,
  functionStep,
  incompleteResponse,
  incompleteRun,
  inProgressRun,
  queuedResponse,
  queuedRun,
  reasoningResponse,
  requiresActionRun,
  responseAnswer,
  responseResumedAnswer,
  responseStreamingAnswer,
  responseWeatherOutput,
  runningStep,
  storyNow,
  streamError,
  streamingMessage,
  streamingResponse,
  userMessage,
  waitingResponse,
} from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/RunMonitorView',
  component: RunMonitorView,
  args: {
    run: completedRun,
    steps: allSteps,
    messages: [userMessage, answerMessage],
    connection: 'closed',
    now: storyNow,
    locale: 'en-US',
    onCancel: fn(),
    onSubmitToolOutputs: fn(),
    onApprove: fn(),
    onDeny: fn(),
  },
  argTypes: {
    now: { control: false },
    connection: { control: 'select', options: ['idle', 'streaming', 'polling', 'closed'] },
  },
} satisfies Meta<typeof RunMonitorView>

export default meta
type Story = StoryObj<typeof meta>

export const Completed: Story = {}

export const Streaming: Story = {
  args: {
    run: inProgressRun,
    steps: [functionStep, runningStep],
    messages: [userMessage, streamingMessage],
    connection: 'streaming',
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel run' }))
    await expect(args.onCancel).toHaveBeenCalledTimes(1)
  },
}

export const RequiresAction: Story = {
  args: { run: requiresActionRun, steps: [], messages: [userMessage], connection: 'closed' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Output of get_current_weather'), 'sunny, 21 °C')
    await userEvent.click(canvas.getByRole('button', { name: 'Submit outputs' }))
    await expect(args.onSubmitToolOutputs).toHaveBeenCalledWith([
      { tool_call_id: 'call_xyFYaEeyocjyE6jN64QTcxip', output: 'sunny, 21 °C' },
    ])
  },
}

export const RequiresApproval: Story = {
  args: { ...RequiresAction.args, requireApproval: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }))
    await expect(args.onApprove).toHaveBeenCalledTimes(1)
    await expect(canvas.getByLabelText('Output of get_current_weather')).toBeInTheDocument()
  },
}

export const Failed: Story = { args: { run: failedRun, steps: [functionStep], messages: [userMessage] } }

export const Incomplete: Story = { args: { run: incompleteRun } }

/** The stream dropped: the monitor polls and says so. */
export const Polling: Story = {
  args: {
    run: inProgressRun,
    steps: [functionStep, runningStep],
    messages: [userMessage, streamingMessage],
    connection: 'polling',
    error: streamError,
  },
}

export const RequestError: Story = {
  args: { run: null, steps: [], messages: [], error: apiError, connection: 'closed' },
}

export const Empty: Story = { args: { run: null, steps: [], messages: [], connection: 'idle' } }

/** A run given by id, on its first fetch: its id, and "Loading…" where its status will be. */
export const Loading: Story = {
  args: {
    run: null,
    runId: 'run_Lq8sNd3Kf5Hj7Gz9Xc1Vb2Mn',
    loading: true,
    steps: [],
    messages: [],
    connection: undefined,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const monitor = canvas.getByRole('region', { name: 'Run run_Lq8sNd3Kf5Hj7Gz9Xc1Vb2Mn' })
    await expect(monitor).toHaveAttribute('aria-busy', 'true')
    await expect(canvas.getByText('Loading…')).toBeInTheDocument()
    await expect(canvas.queryByText('No run yet.')).toBeNull()
  },
}

/**
 * Objects a server should never send, as a broken proxy or an older cache might: the monitor
 * shows what it can read and says, in place, what it could not. Nothing throws.
 */
export const MalformedObjects: Story = {
  args: {
    run: {
      ...requiresActionRun,
      required_action: {
        type: 'submit_tool_outputs',
        submit_tool_outputs: {
          // A call without `function`, and one whose arguments came as an object.
          tool_calls: [
            { id: 'call_no_function', type: 'function' },
            { id: 'call_object_args', type: 'function', function: { name: 'lookup', arguments: { id: 7 } } },
          ],
        },
      },
      last_error: { code: 'server_error', message: null },
      usage: { prompt_tokens: 12, completion_tokens: 'many', total_tokens: null },
    } as unknown as Run,
    steps: [
      { ...functionStep, id: 'step_no_details', step_details: undefined },
      { ...functionStep, id: 'step_null_calls', step_details: { type: 'tool_calls', tool_calls: null } },
    ] as unknown as RunStep[],
    messages: [
      { ...answerMessage, id: 'msg_null', content: null },
      { ...answerMessage, id: 'msg_part', content: [{ type: 'text' }, answerMessage.content[0]] },
    ] as unknown as Message[],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('form', { name: 'Action required' })).toBeInTheDocument()
    await expect(canvas.getByLabelText('Output of call_no_function (1 of 2)')).toBeInTheDocument()
    await expect(canvas.getAllByText('Part of this step could not be read.')).toHaveLength(2)
    await expect(canvas.getAllByText('[part of this message could not be read]')).toHaveLength(2)
    await expect(canvas.getByText('No message was given.')).toBeInTheDocument()
    const usage = canvasElement.querySelector<HTMLElement>('.rl-usage')!
    await expect(within(usage).getAllByText('Not readable')).toHaveLength(2)
  },
}

// The same monitor given a Responses API response (background mode): its steps are the output
// items, its messages the `message` items.

export const ResponseQueued: Story = {
  args: { run: queuedResponse, steps: [], messages: [], connection: 'streaming' },
}

/** Text arriving: the message item is in progress. */
export const ResponseStreaming: Story = {
  args: {
    run: streamingResponse,
    steps: streamingResponse.output,
    messages: [responseStreamingAnswer],
    connection: 'streaming',
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel run' }))
    await expect(args.onCancel).toHaveBeenCalledTimes(1)
  },
}

/** The reasoning summary arriving before any answer. */
export const ResponseReasoning: Story = {
  args: { run: reasoningResponse, steps: reasoningResponse.output, messages: [], connection: 'streaming' },
}

/** Completed with a function call: shown as waiting for its output, with the form. */
export const ResponseRequiresAction: Story = {
  args: { run: waitingResponse, steps: waitingResponse.output, messages: [], connection: 'closed' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('.rl-monitor')).toHaveAttribute('data-state', 'requires_action')
    await userEvent.type(canvas.getByLabelText('Output of get_current_weather'), 'sunny, 21 °C')
    await userEvent.click(canvas.getByRole('button', { name: 'Submit outputs' }))
    await expect(args.onSubmitToolOutputs).toHaveBeenCalledWith([
      { tool_call_id: 'call_xyFYaEeyocjyE6jN64QTcxip', output: 'sunny, 21 °C' },
    ])
  },
}

export const ResponseRequiresApproval: Story = {
  args: { ...ResponseRequiresAction.args, requireApproval: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }))
    await expect(args.onApprove).toHaveBeenCalledTimes(1)
    await expect(canvas.getByLabelText('Output of get_current_weather')).toBeInTheDocument()
  },
}

/**
 * The chain's next response, answered: the call with its output (the follow-up's input item) and
 * the answer; the usage summed over the two responses, as the connected monitor passes it.
 */
export const ResponseCompleted: Story = {
  args: {
    run: completedResponse,
    steps: [...waitingResponse.output, responseWeatherOutput, ...completedResponse.output],
    messages: [responseAnswer],
    usage: {
      input_tokens: 2368,
      input_tokens_details: { cached_tokens: 2048 },
      output_tokens: 280,
      output_tokens_details: { reasoning_tokens: 192 },
      total_tokens: 2648,
    },
  },
}

/** Stopped at max_output_tokens: the reason, and the output bar full. */
export const ResponseIncomplete: Story = {
  args: {
    run: incompleteResponse,
    steps: incompleteResponse.output,
    messages: incompleteResponse.output.filter((item) => item.type === 'message'),
  },
}

export const ResponseFailed: Story = {
  args: { run: failedResponse, steps: failedResponse.output, messages: [] },
}

export const ResponseCancelled: Story = {
  args: { run: cancelledResponse, steps: cancelledResponse.output, messages: [] },
}

/** The stream dropped: the monitor polls the response and says so. */
export const ResponsePolling: Story = {
  args: { ...ResponseStreaming.args, connection: 'polling', error: streamError },
}

/** After the polling moment the stream resumed (`starting_after`): live again, the text continuing. */
export const ResponseResumed: Story = {
  args: { ...ResponseStreaming.args, messages: [responseResumedAnswer], connection: 'streaming' },
}

/** Every state of a response, side by side. */
export const AllResponseStates: Story = {
  render: (args) => (
    <StateGrid min="30rem">
      <StateCell label="response: queued">
        <RunMonitorView {...args} {...ResponseQueued.args} />
      </StateCell>
      <StateCell label="response: in_progress (streaming text)">
        <RunMonitorView {...args} {...ResponseStreaming.args} />
      </StateCell>
      <StateCell label="response: in_progress (reasoning summary)">
        <RunMonitorView {...args} {...ResponseReasoning.args} />
      </StateCell>
      <StateCell label="response: completed with a function call (waiting)">
        <RunMonitorView {...args} {...ResponseRequiresAction.args} />
      </StateCell>
      <StateCell label="response: completed (the chain answered)">
        <RunMonitorView {...args} {...ResponseCompleted.args} />
      </StateCell>
      <StateCell label="response: incomplete">
        <RunMonitorView {...args} {...ResponseIncomplete.args} />
      </StateCell>
      <StateCell label="response: failed">
        <RunMonitorView {...args} {...ResponseFailed.args} />
      </StateCell>
      <StateCell label="response: cancelled">
        <RunMonitorView {...args} {...ResponseCancelled.args} />
      </StateCell>
      <StateCell label="response: polling after a dropped stream">
        <RunMonitorView
          {...args}
          {...ResponsePolling.args}
          // Its own id: two monitors of one id would be two landmarks of one name.
          run={{ ...streamingResponse, id: 'resp_Po4lGd6Hs8Jk0Lq2Wr4Et6YuResp0000000000000008' }}
        />
      </StateCell>
      <StateCell label="response: resumed, live again">
        <RunMonitorView
          {...args}
          {...ResponseResumed.args}
          run={{ ...streamingResponse, id: 'resp_Re5uMd7Jt2Ks4Lw6Qx8Zy0AbResp0000000000000009' }}
        />
      </StateCell>
    </StateGrid>
  ),
}

export const AllStates: Story = {
  render: (args) => (
    <StateGrid min="30rem">
      <StateCell label="queued">
        <RunMonitorView
          {...args}
          run={queuedRun}
          steps={[]}
          messages={[userMessage]}
          connection="streaming"
        />
      </StateCell>
      <StateCell label="in_progress (streaming)">
        <RunMonitorView
          {...args}
          run={inProgressRun}
          steps={[functionStep, runningStep]}
          messages={[userMessage, streamingMessage]}
          connection="streaming"
        />
      </StateCell>
      <StateCell label="requires_action">
        <RunMonitorView {...args} run={requiresActionRun} steps={[]} messages={[userMessage]} />
      </StateCell>
      <StateCell label="cancelling">
        <RunMonitorView
          {...args}
          run={cancellingRun}
          steps={[functionStep]}
          messages={[userMessage]}
          connection="streaming"
        />
      </StateCell>
      <StateCell label="completed">
        <RunMonitorView {...args} />
      </StateCell>
      <StateCell label="failed">
        <RunMonitorView {...args} run={failedRun} steps={[functionStep]} messages={[userMessage]} />
      </StateCell>
      <StateCell label="incomplete">
        <RunMonitorView {...args} run={incompleteRun} steps={[]} messages={[userMessage, answerMessage]} />
      </StateCell>
      <StateCell label="expired">
        <RunMonitorView {...args} run={expiredRun} steps={[]} messages={[userMessage]} />
      </StateCell>
      <StateCell label="polling after a dropped stream">
        <RunMonitorView
          {...args}
          run={{ ...inProgressRun, id: 'run_Po4lGd6Hs8Jk0Lq2Wr4Et6Yu' }}
          steps={[runningStep]}
          messages={[userMessage, streamingMessage]}
          connection="polling"
          error={streamError}
        />
      </StateCell>
      <StateCell label="loading">
        <RunMonitorView
          {...args}
          run={null}
          runId="run_Lq8sNd3Kf5Hj7Gz9Xc1Vb2Mn"
          loading
          steps={[]}
          messages={[]}
          connection={undefined}
        />
      </StateCell>
      <StateCell label="no run, request error">
        <RunMonitorView {...args} run={null} steps={[]} messages={[]} error={apiError} connection="idle" />
      </StateCell>
    </StateGrid>
  ),
}
