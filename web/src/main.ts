import { createApp } from 'vue'
import App from './App.vue'
import { i18n, initLanguage } from './i18n'
import { router } from './router'
import './styles/main.css'

initLanguage()
createApp(App).use(i18n).use(router).mount('#app')
