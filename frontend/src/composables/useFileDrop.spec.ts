import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { pastedFiles, useFileDrop } from './useFileDrop'

const cat = new File(['x'], 'cat.png', { type: 'image/png' })
const dog = new File(['y'], 'dog.png', { type: 'image/png' })

function dragEvent(type: string, files: File[], types = ['Files']) {
  const event = new Event(type, { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', { value: { types, files, dropEffect: 'none' } })
  return event
}

function clipboardEvent(data: { files?: File[]; items?: { kind: string; getAsFile: () => File | null }[]; types?: string[] }) {
  const event = new Event('paste', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'clipboardData', { value: { files: data.files ?? [], items: data.items ?? [], types: data.types ?? ['Files'] } })
  return event
}

function setup() {
  const onFiles = vi.fn()
  let state!: ReturnType<typeof useFileDrop>
  const wrapper = mount(defineComponent({ setup: () => ((state = useFileDrop(onFiles)), () => null) }), { attachTo: document.body })
  return { onFiles, state, wrapper }
}

describe('useFileDrop', () => {
  it('takes files dropped anywhere on the page, and keeps the browser from opening them', () => {
    const { onFiles, state, wrapper } = setup()
    window.dispatchEvent(dragEvent('dragenter', [cat, dog]))
    expect(state.dragging.value).toBe(true)
    const over = dragEvent('dragover', [cat, dog])
    document.body.dispatchEvent(over)
    expect(over.defaultPrevented).toBe(true)
    const drop = dragEvent('drop', [cat, dog])
    document.body.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    expect(onFiles).toHaveBeenCalledWith([cat, dog])
    expect(state.dragging.value).toBe(false)
    wrapper.unmount()
    const later = dragEvent('drop', [cat])
    document.body.dispatchEvent(later)
    expect(later.defaultPrevented).toBe(false)
  })

  it('leaves drags of text and links alone', () => {
    const { onFiles, wrapper } = setup()
    const drop = dragEvent('drop', [], ['text/plain'])
    document.body.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(false)
    expect(onFiles).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('takes pasted pictures, but not a paste of text into a field', () => {
    const { onFiles, wrapper } = setup()
    const paste = clipboardEvent({ files: [cat] })
    document.body.dispatchEvent(paste)
    expect(onFiles).toHaveBeenCalledWith([cat])
    expect(paste.defaultPrevented).toBe(true)

    const field = document.createElement('input')
    document.body.append(field)
    field.dispatchEvent(clipboardEvent({ files: [dog], types: ['text/plain', 'Files'] }))
    expect(onFiles).toHaveBeenCalledTimes(1)
    field.remove()
    wrapper.unmount()
  })

  it('finds pasted files among the clipboard items when `files` is empty', () => {
    expect(pastedFiles({ files: [], items: [{ kind: 'string', getAsFile: () => null }, { kind: 'file', getAsFile: () => cat }] } as unknown as DataTransfer)).toEqual([cat])
    expect(pastedFiles(null)).toEqual([])
  })
})
