import { version as reactVersion } from 'react'
export const version = reactVersion
