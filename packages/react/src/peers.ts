// The peers' runtime exports that the React layer uses, imported in this one module: a bundle that
// keeps the peers external (an app's CDN build, the run monitor's size budget) then carries one
// import statement per peer rather than one per file. The React-free store imports its own.
// esbuild keeps every name such an external import lists, used or not: only what the run monitor
// uses is here (and infiniteQueryOptions, which the module of its query options imports), the
// list, Suspense and mutation hooks import theirs from the peer directly.

export {
  hashKey,
  infiniteQueryOptions,
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  queryOptions,
  useQuery,
} from '@tanstack/react-query'
export {
  createContext,
  createElement,
  Fragment,
  forwardRef,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
export { useStore } from 'zustand'
