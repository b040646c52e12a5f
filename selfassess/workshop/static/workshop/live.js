// Keep a workshop page up to date without reloading it, and let a phone vote in place.
// Every page works without this script: each has a Refresh link, and a vote is a plain form.
//
// A region marked data-live-stream listens to the server's stream of changes (server-sent
// events; the browser reconnects by itself after a drop, and the server sends the current
// state first). Where a network will not hold a stream open (nothing arrives within a few
// seconds, or the stream is refused), it asks data-live-url every 1.5 seconds instead.
//
// data-live-mode="replace" (the shared screen, the control page): each update's html
// replaces the region. data-live-mode="phone": the html is the room's state, the same for
// every phone, without anyone's vote or CSRF token; this script puts the phone's own vote
// and token back, and posts a tapped vote with fetch, showing "counted" only once the server
// has stored it.

const POLL_MS = 1500;
const FIRST_EVENT_MS = 6000;

function watch(region) {
  const phone = region.dataset.liveMode === "phone";
  const target = phone ? region.querySelector("[data-live-region]") : region;
  const announcer = region.querySelector("[data-live-announcer]");
  let key = region.dataset.liveKey;
  let round = Number(region.dataset.liveRound || 0) || null;
  let own = region.dataset.ownRound
    ? {
        round: Number(region.dataset.ownRound),
        level: region.dataset.ownLevel,
        label: region.dataset.ownLabel,
      }
    : null;
  let polling = false;

  function apply(data) {
    if (!data || typeof data.key !== "string") return;
    if (data.own) own = data.own;
    if (data.key !== key) {
      if (!phone && data.key === "ended") {
        window.location.reload(); // the session ended, perhaps in another window
        return;
      }
      key = data.key;
      round = data.round ?? null;
      target.innerHTML = data.html;
      if (phone) {
        preparePhone();
        const announce = target.querySelector("[data-announce]");
        if (announcer && announce) announcer.textContent = announce.dataset.announce;
      }
    }
    if (phone) showOwn();
  }

  // -- the phone --------------------------------------------------------------------------

  function preparePhone() {
    target.querySelectorAll("form[method=post]").forEach((form) => {
      if (!form.querySelector("input[name=csrfmiddlewaretoken]")) {
        const token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrfmiddlewaretoken";
        token.value = region.dataset.csrf;
        form.prepend(token);
      }
    });
    const form = target.querySelector("form[data-vote-form]");
    if (form) form.addEventListener("submit", (event) => sendVote(event, form));
  }

  function showOwn() {
    const status = target.querySelector("#own-vote");
    const mine = own && own.round === round ? own : null;
    if (status) {
      status.hidden = !mine;
      status.textContent = mine ? status.dataset.ownTemplate.replace("{label}", mine.label) : "";
    }
    target.querySelectorAll("form[data-vote-form] button[name=level]").forEach((button) => {
      const chosen = Boolean(mine) && button.value === mine.level;
      button.classList.toggle("nhsuk-button--secondary", !chosen);
      button.classList.toggle("app-phone__choice--chosen", chosen);
      const marker = button.querySelector(".app-phone__mine");
      if (chosen && !marker) {
        const span = document.createElement("span");
        span.className = "app-phone__mine";
        span.textContent = "(your vote)";
        button.append(" ", span);
        button.setAttribute("aria-describedby", "own-vote");
      } else if (!chosen && marker) {
        marker.remove();
        button.textContent = button.textContent.trim();
        button.removeAttribute("aria-describedby");
      }
    });
  }

  let sending = 0;

  async function sendVote(event, form) {
    if (!window.fetch || !event.submitter) return; // let the form post as it would
    event.preventDefault();
    const body = new FormData(form);
    body.append(event.submitter.name, event.submitter.value);
    const problem = target.querySelector("#vote-problem");
    const mine = ++sending;
    const say = (text) => {
      if (!problem) return;
      problem.hidden = !text;
      problem.textContent = text;
    };
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": region.dataset.csrf },
      });
      const data = await response.json().catch(() => ({}));
      if (mine !== sending) return; // a later tap has been sent since: its answer counts
      if (response.ok && data.counted) {
        own = data.own;
        say("");
        showOwn();
      } else {
        say(data.message || "Your vote was not stored. Tap your answer again.");
      }
    } catch (error) {
      if (mine === sending) say("Your vote was not sent: check your connection and tap again.");
    }
  }

  // -- keeping up: a stream, or polling where there can be none -----------------------------

  async function poll() {
    try {
      const response = await fetch(region.dataset.liveUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
      if (response.ok) apply(await response.json());
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, POLL_MS);
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    window.setTimeout(poll, 0);
  }

  function listen() {
    if (!("EventSource" in window) || !region.dataset.liveStream) {
      startPolling();
      return;
    }
    const source = new EventSource(region.dataset.liveStream);
    let heard = false;
    const giveUp = window.setTimeout(() => {
      if (!heard) {
        source.close(); // held back by a proxy, perhaps: poll instead
        startPolling();
      }
    }, FIRST_EVENT_MS);
    source.addEventListener(phone ? "state" : "update", (message) => {
      heard = true;
      apply(JSON.parse(message.data));
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        window.clearTimeout(giveUp); // refused outright: poll instead
        startPolling();
      }
    });
  }

  if (phone) {
    preparePhone();
    showOwn();
  }
  listen();
}

document.querySelectorAll("[data-live-url]").forEach(watch);
