// Start the NHS.UK frontend components (details, character counts, header menu).
// Every page works without this script; it only adds conveniences.
import { initAll } from "/static/nhsuk/nhsuk-frontend.min.js";

initAll();
