// Start the NHS.UK frontend components (details, character counts, header menu).
// Every page works without this script; it only adds conveniences.
import { initAll } from "/static/nhsuk/nhsuk-frontend.min.js";

initAll();

// A form whose answer is a download (personal links) leaves its page as it was, numbers and
// errors included. Once the download has had time to start, clear the page and say what
// happened, so nobody presses again by mistake. Without this script the server refuses a
// second press from the same page (a one-use key), so nothing depends on it.
for (const form of document.querySelectorAll("form[data-download-once]")) {
  form.addEventListener("submit", () => {
    window.setTimeout(() => {
      for (const input of form.querySelectorAll("input:not([type=hidden])")) input.value = "";
      for (const group of form.querySelectorAll(".nhsuk-form-group--error")) {
        group.classList.remove("nhsuk-form-group--error");
      }
      for (const message of form.querySelectorAll(".nhsuk-error-message")) message.remove();
      for (const summary of document.querySelectorAll(".nhsuk-error-summary")) summary.remove();
      const notice = document.querySelector("[data-download-notice]");
      if (notice) {
        notice.hidden = false;
        notice.setAttribute("role", "status");
      }
      document.title = document.title.replace(/^Error: /, "");
    }, 2000);
  });
}
