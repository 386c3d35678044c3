// A clock that ticks while the component using it is mounted: server time, in ms since the epoch.
import { onMounted, onUnmounted, ref, type Ref } from 'vue'
import { serverNow } from '../stores/program'

export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(serverNow())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    now.value = serverNow()
    timer = setInterval(() => (now.value = serverNow()), everyMs)
  })
  onUnmounted(() => clearInterval(timer))
  return now
}
