// dossier — small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // "/" focuses the search box
  document.addEventListener("keydown", (ev) => {
    const q = document.getElementById("q");
    if (ev.key === "/" && q && document.activeElement !== q && !(ev.target instanceof HTMLInputElement)) {
      ev.preventDefault();
      q.focus();
    }
  });
  // clicking a mention (or an entity chip in the side panel, with Alt) marks every mention of that entity
  const text = document.getElementById("text");
  if (!text) return;
  const mark = (id) => {
    const already = text.querySelector(`.ent.active[data-ent="${CSS.escape(id)}"]`);
    text.querySelectorAll(".ent.active").forEach((el) => el.classList.remove("active"));
    document.querySelectorAll(".chip.active").forEach((el) => el.classList.remove("active"));
    if (already) return;
    text.querySelectorAll(`.ent[data-ent="${CSS.escape(id)}"]`).forEach((el) => el.classList.add("active"));
    document.querySelectorAll(`.chip[data-ent="${CSS.escape(id)}"]`).forEach((el) => el.classList.add("active"));
  };
  text.addEventListener("click", (ev) => {
    const el = ev.target instanceof Element ? ev.target.closest(".ent[data-ent]") : null;
    if (el) mark(el.getAttribute("data-ent"));
  });
  // jumping from the side panel flashes the span in the text
  document.querySelectorAll("a.jump").forEach((a) => {
    a.addEventListener("click", () => {
      const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (!target) return;
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1500);
    });
  });
});
