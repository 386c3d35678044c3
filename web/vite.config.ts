/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The server (kenshu serve) serves web/dist under a strict Content-Security-Policy: no inline script or style,
// no eval. vue-i18n compiles messages just in time to an AST (no new Function), which the flags below keep on.
export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    target: 'es2022',
    // Keep every asset a file: a data: URL for a font or script would need a looser policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `KENSHU_API=http://127.0.0.1:PORT npm run dev` proxies the API to a running kenshu server.
    proxy: process.env.KENSHU_API ? { '/api': process.env.KENSHU_API } : undefined,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
