import { toolHandlers } from '@runlens/react'

function field(args: unknown, name: string): string {
  if (args && typeof args === 'object' && name in args) {
    const value = (args as Record<string, unknown>)[name]
    if (typeof value === 'string') return value
  }
  throw new Error(`missing argument "${name}"`)
}

/**
 * The demo's own functions for the simulator's tool calls. Given to `useRunStream({ tools })`, they
 * answer a required action without the form: every call of it must have a handler, and all the
 * outputs go in one submission.
 */
export const demoTools = toolHandlers({
  get_current_weather: (args) => (field(args, 'location') ? '21 °C, clear skies' : 'unknown'),
  get_local_time: (args) =>
    new Date().toLocaleTimeString('en-GB', {
      timeZone: field(args, 'timezone'),
      hour: '2-digit',
      minute: '2-digit',
    }),
  lookup_order: async (args) => JSON.stringify({ order_id: field(args, 'order_id'), status: 'shipped' }),
})
