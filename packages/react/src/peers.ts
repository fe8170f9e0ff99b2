// The peers' runtime exports that the React layer uses, imported in this one module: a bundle that
// keeps the peers external (an app's CDN build, the run monitor's size budget) then carries one
// import statement per peer rather than one per file. The React-free store imports its own.

export {
  hashKey,
  infiniteQueryOptions,
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useSuspenseQuery,
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
export { useShallow } from 'zustand/shallow'
