// The editors' desk (templates/admin/claims/source/desk.html): picks a suggestion, accepts,
// rejects and undoes without reloading the page. Every action is also a plain link or form
// that works without this script; here the same requests are sent with fetch and answered
// in JSON (claims/admin/desk.py).

const desk = document.getElementById("desk");
const side = document.getElementById("desk-form");
const status = document.getElementById("desk-status");
const $ = window.django && window.django.jQuery;

function marks() {
  return Array.from(document.querySelectorAll(".desk-mark"));
}

function current() {
  const chosen = document.querySelector(".desk-mark[aria-current]");
  return chosen ? Number(chosen.dataset.number) : 0;
}

function announce(message) {
  status.textContent = message;
}

// Django's autocomplete.js sets up the page's first form when the document is ready; a
// form fetched later is set up here.
function initWidgets({ first = false } = {}) {
  if ($ && $.fn.djangoAdminSelect2) {
    if (!first) $(side).find(".admin-autocomplete").not("[name*=__prefix__]").djangoAdminSelect2();
    $(side).find("select[name=event]").on("change", refreshRespondsTo);
  }
  // select2 names its box after the chosen option only: an empty one needs its label.
  for (const select of side.querySelectorAll("select.admin-autocomplete")) {
    const label = side.querySelector(`label[for="${select.id}"]`);
    const box = select.nextElementSibling?.querySelector(".select2-selection");
    const shown = box?.querySelector(".select2-selection__rendered");
    if (!label || !box) continue;
    label.id ||= `${select.id}-label`;
    box.setAttribute("aria-labelledby", `${label.id} ${shown ? shown.id : ""}`.trim());
    if (shown) shown.setAttribute("aria-label", label.textContent.replace(/:\s*$/, ""));
  }
}

function markChosen(number) {
  for (const mark of marks()) {
    const chosen = Number(mark.dataset.number) === number;
    mark.classList.toggle("desk-chosen", chosen);
    if (chosen) mark.setAttribute("aria-current", "true");
    else mark.removeAttribute("aria-current");
  }
}

function showForm(html, number) {
  side.innerHTML = html;
  initWidgets();
  if (number) markChosen(number);
  const errors = document.getElementById("desk-errors");
  if (errors) errors.focus();
}

async function choose(number, query) {
  const url = new URL(desk.dataset.readUrl, window.location.href);
  if (number) url.searchParams.set("s", number);
  for (const [key, value] of Object.entries(query || {})) url.searchParams.set(key, value);
  url.searchParams.set("fragment", "form");
  const response = await fetch(url, { credentials: "same-origin" });
  showForm(await response.text(), number);
  const mark = marks().find((m) => Number(m.dataset.number) === number);
  if (mark) mark.scrollIntoView({ block: "nearest" });
}

function updateStates(states) {
  const counts = { open: 0, accepted: 0, rejected: 0 };
  for (const mark of marks()) {
    const state = states[mark.dataset.number];
    if (!state) continue;
    counts[state] += 1;
    mark.dataset.state = state;
    const label = mark.querySelector(".desk-state");
    if (label) label.textContent = state === "open" ? "" : ` · ${desk.dataset[state]}`;
    for (const name of ["open", "accepted", "rejected"]) {
      mark.classList.toggle(`desk-${name}`, name === state);
    }
  }
}

function showUndo(label) {
  let button = document.getElementById("desk-undo");
  if (!button) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = desk.dataset.readUrl + "undo/";
    form.className = "desk-undo";
    form.dataset.deskAction = "undo";
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) form.appendChild(token.cloneNode());
    button = document.createElement("button");
    button.type = "submit";
    button.className = "button";
    button.id = "desk-undo";
    form.appendChild(button);
    document.getElementById("desk-keys").after(form);
  }
  button.textContent = label;
}

async function send(form) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  let answer;
  try {
    answer = await response.json();
  } catch {
    announce(response.statusText);
    return;
  }
  if (answer.form) showForm(answer.form, answer.next);
  if (!answer.ok) {
    const first = Object.values(answer.errors || {})[0];
    announce(first ? first[0] : response.statusText);
    return;
  }
  updateStates(answer.states);
  announce(answer.message);
  markChosen(answer.next);
  // The form the focus was in is gone: a keyboard user goes on from the next suggestion.
  const next = document.querySelector(".desk-mark[aria-current]");
  if (next && !document.getElementById("desk-errors")) next.focus();
  const action = form.dataset.deskAction;
  if (action === "undo") {
    const undo = document.querySelector(".desk-undo");
    if (undo) undo.remove();
  } else {
    showUndo(action === "accept" ? desk.dataset.undoAccept : desk.dataset.undoReject);
  }
}

async function refreshRespondsTo() {
  const select = side.querySelector("[data-responds-to]");
  const event = side.querySelector("select[name=event]");
  if (!select || !event) return;
  const url = new URL(desk.dataset.respondsUrl, window.location.href);
  url.searchParams.set("event", event.value);
  const answer = await (await fetch(url, { credentials: "same-origin" })).json();
  const options = [new Option("---------", "")];
  for (const claim of answer.claims) options.push(new Option(claim.label, claim.id));
  select.replaceChildren(...options);
}

desk.addEventListener("click", (event) => {
  if (window.getSelection().toString().trim()) return; // a selection starts its own claim
  const passage = event.target.closest(".desk-passage");
  const mark = event.target.closest(".desk-mark") || (passage && passage.querySelector(".desk-mark"));
  if (!mark || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  choose(Number(mark.dataset.number));
});

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-desk-action]");
  if (!form) return;
  event.preventDefault();
  send(form);
});

// "Use Houthis": the existing entry a new name was refused for, chosen in its field.
side.addEventListener("click", (event) => {
  const use = event.target.closest(".desk-use");
  if (!use) return;
  const select = side.querySelector(`select[name=${use.dataset.useField}]`);
  const typed = side.querySelector(`input[name=${use.dataset.new}]`);
  if (!select) return;
  select.append(new Option(use.dataset.useLabel, use.dataset.useId, true, true));
  if ($) $(select).trigger("change");
  if (typed) typed.value = "";
  announce(use.textContent);
  use.remove();
});

// A passage selected in the text starts a claim from it.
document.getElementById("desk-paragraphs").addEventListener("mouseup", () => {
  const selected = window.getSelection().toString().trim();
  if (selected.length > 3) choose(0, { quote: selected });
});

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable], .select2-container--open");
}

function step(by) {
  const all = marks().filter((m) => m.dataset.state !== "rejected");
  if (!all.length) return;
  const at = all.findIndex((m) => Number(m.dataset.number) === current());
  const next = all[(at + by + all.length) % all.length];
  choose(Number(next.dataset.number));
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.closest("#desk-claim")) {
    event.preventDefault();
    send(document.getElementById("desk-claim"));
    return;
  }
  if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
  const actions = {
    j: () => step(1),
    k: () => step(-1),
    a: () => document.getElementById("desk-claim") && send(document.getElementById("desk-claim")),
    r: () => {
      const reject = side.querySelector("form[data-desk-action=reject]");
      if (reject) send(reject);
    },
    u: () => {
      const undo = document.querySelector("form[data-desk-action=undo]");
      if (undo) send(undo);
    },
    e: () => {
      const first = side.querySelector(
        "#desk-claim .select2-selection, #desk-claim input:not([type=hidden]), #desk-claim select",
      );
      if (first) first.focus();
    },
  };
  if (actions[event.key]) {
    event.preventDefault();
    actions[event.key]();
  }
});

// After Django's own ready handler (registered before this module ran).
if ($) $(() => initWidgets({ first: true }));
