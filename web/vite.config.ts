/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

// dist/sw.js, the practice page's service worker (web/sw/sw.js): after the build is written, every file of it
// (but dotfiles and the source maps) is listed for precaching, and the worker's version is a hash of their bytes,
// so that each deployment that changes anything installs a new worker with a new cache.
function kenshuServiceWorker(): Plugin {
  let outDir = 'dist'
  let root = '.'
  return {
    name: 'kenshu-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir)
    },
    closeBundle() {
      const files: string[] = []
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.name.startsWith('.')) continue
          const path = join(dir, e.name)
          if (e.isDirectory()) walk(path)
          else if (!e.name.endsWith('.map') && !(dir === outDir && e.name === 'sw.js')) files.push(path)
        }
      }
      walk(outDir)
      files.sort()
      const hash = createHash('sha256')
      const urls = files.map((f) => {
        const url = '/' + relative(outDir, f).split(sep).join('/')
        hash.update(url).update('\0').update(readFileSync(f)).update('\0')
        return url
      })
      const source = readFileSync(join(root, 'sw', 'sw.js'), 'utf8')
      hash.update(source)
      const version = hash.digest('hex').slice(0, 16)
      writeFileSync(
        join(outDir, 'sw.js'),
        source.replace('__KENSHU_SW_VERSION__', version).replace('__KENSHU_SW_PRECACHE__', JSON.stringify(urls)),
      )
    },
  }
}

// The server (kenshu serve) serves web/dist under a strict Content-Security-Policy: no inline script or style,
// no eval. vue-i18n compiles messages just in time to an AST (no new Function), which the flags below keep on.
export default defineConfig({
  plugins: [vue(), kenshuServiceWorker()],
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
