import { onBeforeUnmount, ref, shallowRef } from 'vue'

export type CameraState = 'off' | 'starting' | 'on' | 'unavailable'

/** Live camera through getUserMedia; `unavailable` tells the caller to fall back to the file picker's capture. */
export function useCamera() {
  const state = ref<CameraState>('off')
  const error = ref<string | null>(null)
  const stream = shallowRef<MediaStream | null>(null)

  const supported = () => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia && window.isSecureContext !== false

  function stop() {
    stream.value?.getTracks().forEach((track) => track.stop())
    stream.value = null
    if (state.value !== 'unavailable') state.value = 'off'
  }

  async function start(): Promise<boolean> {
    error.value = null
    if (!supported()) {
      state.value = 'unavailable'
      error.value = 'This browser cannot show a live camera here.'
      return false
    }
    state.value = 'starting'
    try {
      stream.value = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } }, audio: false })
      state.value = 'on'
      return true
    } catch (problem) {
      const name = problem instanceof DOMException ? problem.name : ''
      error.value =
        name === 'NotAllowedError'
          ? 'Camera access was refused. Allow it in the browser, or take the photo with your camera app.'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'No camera was found on this device.'
            : 'The camera could not be started.'
      state.value = 'unavailable'
      return false
    }
  }

  /** Takes the current video frame as a JPEG file. */
  function capture(video: HTMLVideoElement): Promise<File> {
    const canvas = document.createElement('canvas')
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    const context = canvas.getContext('2d')
    if (!context || !canvas.width) return Promise.reject(new Error('The camera has no picture yet.'))
    context.drawImage(video, 0, 0)
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(new File([blob], `camera-${Date.now()}.jpg`, { type: 'image/jpeg' })) : reject(new Error('The photo could not be taken.'))),
        'image/jpeg',
        0.92,
      ),
    )
  }

  onBeforeUnmount(stop)

  return { state, error, stream, start, stop, capture, supported }
}
