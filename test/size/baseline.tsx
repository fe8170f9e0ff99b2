import { mountApp } from './app.js'

mountApp()
