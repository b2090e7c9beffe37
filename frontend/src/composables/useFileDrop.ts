import { onBeforeUnmount, onMounted, ref } from 'vue'

const carriesFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files')

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true
  return target instanceof HTMLInputElement && !['file', 'checkbox', 'radio', 'range', 'button', 'submit'].includes(target.type)
}

/** Files from a paste: `files` where the browser fills it, else the file items (screenshots in some browsers). */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data) return []
  const files = [...(data.files ?? [])]
  if (files.length) return files
  return [...(data.items ?? [])].filter((item) => item.kind === 'file').flatMap((item) => item.getAsFile() ?? [])
}

/**
 * Takes files dropped anywhere on the page or pasted (Ctrl+V / ⌘V) while the page is shown. A drop that
 * misses the drop zone would otherwise make the browser open the file and leave the app. Pasting text
 * into a text field is left alone.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  /** True while files are dragged over the window. */
  const dragging = ref(false)
  let depth = 0

  function onDragEnter(event: DragEvent) {
    if (!carriesFiles(event)) return
    event.preventDefault()
    depth++
    dragging.value = true
  }
  function onDragOver(event: DragEvent) {
    if (!carriesFiles(event)) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
  }
  function onDragLeave(event: DragEvent) {
    if (!carriesFiles(event)) return
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  // In the capture phase: also a drop that the drop zone takes (and stops) ends the dragging state.
  function onAnyDrop() {
    depth = 0
    dragging.value = false
  }
  function onDrop(event: DragEvent) {
    if (!carriesFiles(event)) return
    event.preventDefault()
    const files = [...(event.dataTransfer?.files ?? [])]
    if (files.length) onFiles(files)
  }
  function onPaste(event: ClipboardEvent) {
    const files = pastedFiles(event.clipboardData)
    if (!files.length) return
    if (isTextField(event.target) && event.clipboardData?.types.includes('text/plain')) return
    event.preventDefault()
    onFiles(files)
  }

  const listeners = [
    ['dragenter', onDragEnter],
    ['dragover', onDragOver],
    ['dragleave', onDragLeave],
    ['drop', onDrop],
    ['paste', onPaste],
  ] as const
  onMounted(() => {
    listeners.forEach(([name, handler]) => window.addEventListener(name, handler as EventListener))
    window.addEventListener('drop', onAnyDrop, true)
  })
  onBeforeUnmount(() => {
    listeners.forEach(([name, handler]) => window.removeEventListener(name, handler as EventListener))
    window.removeEventListener('drop', onAnyDrop, true)
  })

  return { dragging }
}
