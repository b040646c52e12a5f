// A presenter's keys on the control page, and full screen on the shared screen. Both only
// add to pages that work without them: every key presses a button that is on the page.
//
// Keys: Page Down or right arrow, next statement; Page Up or left arrow, previous; B or
// full stop, blank the screen or show it again. Clickers send Page Up/Page Down, and many
// send full stop for their blank button. A key typed into a form field is left alone.

const KEYS = {
  PageDown: "next",
  ArrowRight: "next",
  PageUp: "previous",
  ArrowLeft: "previous",
  b: "blank",
  B: "blank",
  ".": "blank",
};

function typing(target) {
  return target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
}

let sent = false;
document.addEventListener("keydown", (event) => {
  const action = KEYS[event.key];
  if (!action || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
  const form = document.querySelector(`form[data-presenter-key="${action}"]`);
  if (!form) return;
  event.preventDefault();
  if (sent) return; // one press, one change: the page reloads with the new state
  sent = true;
  form.requestSubmit();
});

// Full screen: the button is hidden until this script shows it, where the browser allows it.
const button = document.querySelector("[data-fullscreen]");
if (button && document.fullscreenEnabled) {
  button.hidden = false;
  const label = () => {
    button.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
  };
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", label);
}
