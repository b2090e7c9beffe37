import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { LABEL_FONT, layoutGroups, type BoxGroup, type LabelSpot, type MeasureText } from '@/utils/boxes'

/**
 * Where the labels of `groups` go over `frame` as it is shown: laid out again when the frame resizes, with
 * text widths measured in the frame's font (canvas measureText). Without layout (unit tests, a hidden tab)
 * a nominal 640 px wide frame of the picture's `ratio` and estimated widths stand in.
 */
export function useLabelLayout(frame: Ref<HTMLElement | null>, ratio: Ref<number>, groups: Ref<BoxGroup[]>) {
  const measured = ref({ width: 0, height: 0 })
  const measureText = ref<MeasureText | undefined>(undefined)
  let observer: ResizeObserver | null = null
  const measureFrame = () => frame.value && (measured.value = { width: frame.value.clientWidth, height: frame.value.clientHeight })

  onMounted(() => {
    measureFrame()
    if (!frame.value) return
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(measureFrame)
      observer.observe(frame.value)
    }
    const context = document.createElement('canvas').getContext?.('2d')
    if (!context) return
    context.font = `700 ${LABEL_FONT.size}px ${getComputedStyle(frame.value).fontFamily}`
    // One pixel spare: canvas and layout may round text widths differently.
    if (context.measureText('person').width > 0) measureText.value = (text) => context.measureText(text).width + 1
  })
  onBeforeUnmount(() => observer?.disconnect())

  const frameSize = computed(() => (measured.value.width > 0 ? measured.value : { width: 640, height: 640 / ratio.value }))
  return computed(() => new Map<string, LabelSpot>(layoutGroups(groups.value, frameSize.value, LABEL_FONT, measureText.value).map((spot) => [spot.key, spot])))
}
