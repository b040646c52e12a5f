// Count down on a workshop screen, phone or control page: an element with
// data-countdown-seconds shows the seconds left when the page was made, and this ticks it
// down once a second (from when the element appeared, so a wrong clock on this device does
// not matter). Without this script the page shows the time left when it loaded, and the
// server refuses a vote once the time is up whatever any page shows.

const seen = new WeakMap();

function show(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function tick() {
  const now = Date.now();
  document.querySelectorAll("[data-countdown-seconds]").forEach((element) => {
    if (!seen.has(element)) seen.set(element, now);
    const left = Number(element.dataset.countdownSeconds) - (now - seen.get(element)) / 1000;
    element.textContent = show(left);
  });
}

tick();
window.setInterval(tick, 250);
