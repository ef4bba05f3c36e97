// The timeout warning (api/web/timeout.py): GOV.UK's community timeout warning pattern, as
// HMRC's timeout dialog. A modal dialog some minutes before signing out; "Stay signed in"
// (or Escape) posts the page's CSRF token to start the idle clock again; the time left is
// announced politely each minute (then at 45, 30 and 15 seconds), never every second.
// People keep several tabs open, each counting from when its page was made: so before opening
// the dialog, and again before leaving for the sign-in page, a tab asks the server how long is
// really left (a GET that is not itself activity) and waits on if another tab moved the end.
// Staying signed in, or a page loading, tells the other tabs, so an open dialog closes at once.
const dialog = document.getElementById('app-timeout')
if (dialog && typeof dialog.showModal === 'function') {
  const shown = dialog.querySelector('.app-timeout__left')
  const announced = document.getElementById('app-timeout-announced')
  const idlePart = dialog.querySelector('.app-timeout__idle')
  const limitPart = dialog.querySelector('.app-timeout__limit')
  const warn = Number(dialog.dataset.warn)
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('app-timeout') : null
  let ends = 0 // when, by this browser's clock, the session ends
  let reason = 'idle' // or 'limit': the 10 hours, which staying cannot move
  let timer = 0
  let ending = 0
  let ticking = 0
  let before = null // what had focus before the dialog opened

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`
  const words = (seconds) => seconds >= 60 ? plural(Math.ceil(seconds / 60), 'minute') : plural(seconds, 'second')
  const spoken = (seconds) => seconds >= 60 ? words(seconds) : plural(Math.max(15, Math.ceil(seconds / 15) * 15), 'second')

  const schedule = (left) => { // the seconds left, as the page or the server says
    reason = left.life <= left.idle ? 'limit' : 'idle'
    ends = Date.now() + Math.min(left.idle, left.life) * 1000
    idlePart.hidden = reason !== 'idle'
    limitPart.hidden = reason === 'idle'
    clearTimeout(timer)
    clearTimeout(ending)
    const opening = ends - Date.now() - warn * 1000
    if (opening > 0) {
      timer = setTimeout(due, opening)
      close() // if it was open, another tab has moved the end
    } else {
      open()
    }
    ending = setTimeout(due, ends - Date.now() + 2000) // by then the server has signed them out too
  }

  const signedOut = (why) => { // why: 'idle', 'limit', or nothing (signed out some other way)
    clearTimeout(timer)
    clearTimeout(ending)
    const to = new URL(dialog.dataset.signedOutUrl, location.href)
    if (why) to.searchParams.set('timed_out', why)
    to.searchParams.set('next', location.pathname + location.search)
    location.assign(to)
  }

  // How long is really left: {idle, life, began}, or {signed_in: false, timed_out} once signed out,
  // or null if the server could not be asked. Asking does not keep anyone signed in.
  const ask = async () => {
    try {
      const answer = await fetch(dialog.dataset.leftUrl, {
        credentials: 'same-origin', redirect: 'manual', cache: 'no-store', headers: { Accept: 'application/json' }
      })
      if (answer.ok || answer.status === 401) return await answer.json()
    } catch (e) {}
    return null
  }

  // Time to open the dialog, or to leave, by this page's count: first ask the server.
  const due = async () => {
    const left = await ask()
    const over = Date.now() >= ends // this page's count has run out
    if (!left) { // not known: as this page counted
      if (over) signedOut(reason); else open()
    } else if (left.signed_in === false) {
      signedOut(left.timed_out || (over ? reason : null))
    } else if (String(left.began) !== dialog.dataset.began) {
      signedOut(over ? reason : null) // signed in again (perhaps someone else) since this page
    } else {
      schedule(left)
    }
  }

  const tick = () => {
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000))
    shown.textContent = words(left)
    const say = `You’ll be signed out in ${spoken(left)}.`
    if (announced.textContent !== say) announced.textContent = say
  }

  const open = () => {
    if (dialog.open) return
    before = document.activeElement
    dialog.showModal()
    dialog.focus()
    announced.textContent = ''
    tick()
    ticking = setInterval(tick, 1000)
  }

  const close = () => {
    if (!dialog.open) return
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
    if (!left) { due(); return } // signed out already (another tab, or too late)? Ask.
    schedule(left)
    if (tabs) tabs.postMessage('stayed')
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
    if (document.visibilityState === 'visible' && Date.now() >= ends - warn * 1000) due()
  })
  if (tabs) tabs.onmessage = () => { if (dialog.open) due() } // another tab: is the end moved?
  schedule({ idle: Number(dialog.dataset.idle), life: Number(dialog.dataset.life) })
  if (tabs) tabs.postMessage('loaded') // a page loading starts the idle clock again
}
