// The baseline of scripts/size.mjs: a minimal app that already uses what runlens builds on
// (react, react-dom, @tanstack/react-query, zustand), so that only what runlens adds is counted.
// `mountApp(extra)` renders it with the part under measure inside its QueryClientProvider.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { create } from 'zustand'

interface Counter {
  count: number
  increment(): void
}

const useCounter = create<Counter>()((set) => ({
  count: 0,
  increment: () => set((state) => ({ count: state.count + 1 })),
}))

function Greeting() {
  const { data } = useQuery({
    queryKey: ['greeting'],
    queryFn: () => fetch('/greeting').then((response) => response.text()),
  })
  const { count, increment } = useCounter()
  return (
    <button type="button" onClick={increment}>
      {data ?? 'Hello'} ({count})
    </button>
  )
}

export function mountApp(extra?: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={new QueryClient()}>
      <Greeting />
      {extra}
    </QueryClientProvider>,
  )
}
