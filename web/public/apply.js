// Enhancement of the form's steps (they work without it): a question that applies only after a
// certain answer is shown when that answer is chosen, and hidden otherwise.
for (const field of document.querySelectorAll("[data-show-if]")) {
  const form = field.closest("form");
  const update = () => {
    const chosen = form.querySelector(`[name="${CSS.escape(field.dataset.showIf)}"]:checked`);
    field.hidden = !chosen || chosen.value !== field.dataset.equals;
  };
  form.addEventListener("change", update);
  update();
}
// After a refused step, the error summary takes the focus, so a screen reader reads it first.
document.getElementById("fouten")?.focus();
