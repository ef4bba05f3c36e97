// The timeout warning (api/web/timeout.py): GOV.UK's community timeout warning pattern, as
// HMRC's timeout dialog. A modal dialog some minutes before signing out; "Stay signed in"
// (or Escape) posts the page's CSRF token to start the idle clock again; the time left is
// announced politely each minute (then at 45, 30 and 15 seconds), never every second.
const dialog = document.getElementById('app-timeout')
if (dialog && typeof dialog.showModal === 'function') {
  const shown = dialog.querySelector('.app-timeout__left')
  const announced = document.getElementById('app-timeout-announced')
  const idlePart = dialog.querySelector('.app-timeout__idle')
  const limitPart = dialog.querySelector('.app-timeout__limit')
  const warn = Number(dialog.dataset.warn)
  let ends = 0 // when, by this browser's clock, the session ends
  let reason = 'idle' // or 'limit': the 10 hours, which staying cannot move
  let timer = 0
  let ending = 0
  let ticking = 0
  let before = null // what had focus before the dialog opened

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`
  const words = (seconds) => seconds >= 60 ? plural(Math.ceil(seconds / 60), 'minute') : plural(seconds, 'second')
  const spoken = (seconds) => seconds >= 60 ? words(seconds) : plural(Math.max(15, Math.ceil(seconds / 15) * 15), 'second')

  const schedule = (left) => {
    reason = left.life <= left.idle ? 'limit' : 'idle'
    ends = Date.now() + Math.min(left.idle, left.life) * 1000
    clearTimeout(timer)
    clearTimeout(ending)
    timer = setTimeout(open, Math.max(0, ends - Date.now() - warn * 1000))
    ending = setTimeout(signedOut, ends - Date.now() + 2000) // by then the server has signed them out too
  }

  const signedOut = () => {
    const to = new URL(dialog.dataset.signedOutUrl, location.href)
    to.searchParams.set('timed_out', reason)
    to.searchParams.set('next', location.pathname + location.search)
    location.assign(to)
  }

  const tick = () => {
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000))
    shown.textContent = words(left)
    const say = `You’ll be signed out in ${spoken(left)}.`
    if (announced.textContent !== say) announced.textContent = say
  }

  const open = () => {
    if (dialog.open) return
    idlePart.hidden = reason !== 'idle'
    limitPart.hidden = reason === 'idle'
    before = document.activeElement
    dialog.showModal()
    dialog.focus()
    announced.textContent = ''
    tick()
    ticking = setInterval(tick, 1000)
  }

  const close = () => {
    clearInterval(ticking)
    dialog.close()
    if (before && typeof before.focus === 'function') before.focus()
  }

  const stay = async () => {
    if (reason !== 'idle') { close(); return }
    const body = new FormData()
    body.set('csrf_token', dialog.dataset.csrfToken)
    let left = null
    try {
      const answer = await fetch(dialog.dataset.stayUrl, {
        method: 'POST', body, credentials: 'same-origin', redirect: 'manual'
      })
      if (answer.ok) left = await answer.json()
    } catch (e) { left = null }
    if (!left) { signedOut(); return } // already signed out (another tab, or too late)
    close()
    schedule(left)
  }

  dialog.querySelector('.app-timeout__stay').addEventListener('click', stay)
  dialog.querySelector('.app-timeout__close').addEventListener('click', close)
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); stay() }) // Escape
  dialog.addEventListener('keydown', (event) => { // Tab goes round the dialog, never out of it
    if (event.key !== 'Tab') return
    const stops = [...dialog.querySelectorAll('button, a[href]')].filter((e) => e.offsetParent !== null)
    const first = stops[0]
    const last = stops[stops.length - 1]
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
      event.preventDefault(); last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault(); first.focus()
    }
  })
  document.addEventListener('visibilitychange', () => { // a hidden tab's timers run late
    if (document.visibilityState === 'visible' && !dialog.open && Date.now() >= ends - warn * 1000) open()
  })
  schedule({ idle: Number(dialog.dataset.idle), life: Number(dialog.dataset.life) })
}
