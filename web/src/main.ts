import { createApp } from 'vue'
import App from './App.vue'
import { i18n, initLanguage } from './i18n'
import { router } from './router'
import './styles/base.css'
import './styles/layout.css'
import './styles/blocks.css'
import './styles/program.css'
import './styles/forms.css'
import './styles/phones.css'

initLanguage()
createApp(App).use(i18n).use(router).mount('#app')
