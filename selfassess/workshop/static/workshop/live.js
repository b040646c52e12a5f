// Keep a workshop screen up to date by polling a small endpoint every 1.5 seconds.
// Every page works without this script (each has a Refresh link); it only saves reloading.
//
// A region marked data-live-url asks that address for {key, html}. When the key differs from
// the region's data-live-key, "replace" regions take the new html and "reload" regions reload
// the page (the phone, whose form must not change under someone's thumb while they vote).

const POLL_MS = 1500;

function watch(region) {
  let key = region.dataset.liveKey;
  const reload = region.dataset.liveMode === "reload";

  async function tick() {
    try {
      const response = await fetch(region.dataset.liveUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const data = await response.json();
        if (data.key !== key) {
          if (reload) {
            window.location.reload();
            return;
          }
          region.innerHTML = data.html;
          key = data.key;
        }
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(tick, POLL_MS);
  }

  window.setTimeout(tick, POLL_MS);
}

document.querySelectorAll("[data-live-url]").forEach(watch);
